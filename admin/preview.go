package admin

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/comments"
	"warta/view"
)

// previewLife is how long a preview link works.
const previewLife = 7 * 24 * time.Hour

// previewToken signs "ID.EXPIRY" so that anyone with the link, and nobody
// without it, can read a draft until the link expires.
func (h *handler) previewToken(id int64) string {
	exp := h.Now().Add(previewLife).Unix()
	return comments.Sign(h.Secret, "preview", []byte(strconv.FormatInt(id, 10)+"."+strconv.FormatInt(exp, 10)))
}

// previewPage is the data of a draft's preview.
type previewPage struct {
	view.Page
	Article *warta.Article
	Body    template.HTML
}

// showPreview shows an unpublished article to whoever holds a valid link.
//
// GET /preview/{token}
func (h *handler) showPreview(w http.ResponseWriter, r *http.Request) {
	payload, ok := comments.Verify(h.Secret, "preview", r.PathValue("token"))
	idText, expText, _ := strings.Cut(string(payload), ".")
	id, _ := strconv.ParseInt(idText, 10, 64)
	exp, _ := strconv.ParseInt(expText, 10, 64)
	if !ok || id <= 0 || h.Now().Unix() > exp {
		h.fail(w, r, http.StatusNotFound, "admin.preview.expired")
		return
	}
	a, err := h.Store.ArticleByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	sections, err := h.Store.Sections(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	b, err := h.Views.Render("site/preview", previewPage{
		Page:    view.Page{SiteName: h.SiteName, Title: a.Headline, Sections: sections},
		Article: a,
		Body:    template.HTML(a.BodyHTML), // sanitised by package markdown on save
	})
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex, nofollow")
	w.Write(b)
}
