package site

import (
	"context"
	"net/http"
	"strings"
	"time"

	"warta"
)

// oldQueryParams are the query parameters of WordPress's plain links
// (/?p=12, /?page_id=3, /?attachment_id=30). A request with one of them
// bypasses the page cache, which knows only "page" and "cpage".
var oldQueryParams = []string{"p", "page_id", "attachment_id"}

// oldQuery returns the "/?p=12" form of r's WordPress plain link, or "".
func oldQuery(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return ""
	}
	q := r.URL.Query()
	for _, k := range oldQueryParams {
		if v := q.Get(k); v != "" {
			return "/?" + k + "=" + v
		}
	}
	return ""
}

// redirectOld answers a GET or HEAD for an address the site does not
// have with a 301 to where it moved (see warta.ImportStore), and reports
// whether it did. It tries the plain-link form, the path as asked, and
// the path with the trailing slash WordPress addresses end with.
func (h *handler) redirectOld(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	var candidates []string
	if q := oldQuery(r); q != "" {
		candidates = append(candidates, q)
	}
	p := r.URL.Path
	if p != "/" {
		candidates = append(candidates, p)
		if !strings.HasSuffix(p, "/") {
			candidates = append(candidates, p+"/")
		}
	}
	// A dead link costs at most three indexed lookups, and never more
	// than a second: the reader then gets the 404 page without delay.
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	for _, c := range candidates {
		target, err := h.Store.RedirectFor(ctx, c)
		if err != nil {
			if warta.ErrorCode(err) != warta.ENOTFOUND {
				h.Logger.WarnContext(r.Context(), "redirect lookup failed", "path", c, "err", err)
				return false
			}
			continue
		}
		// Targets are paths of this site (the store refuses others); a
		// leading "//" would make one another site's.
		if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
			return false
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return true
	}
	return false
}
