package admin

import (
	"encoding/json"
	"net/http"
	"strings"

	"warta"
)

func encodeStash(s stashedForm) string {
	b, _ := json.Marshal(s) // url.Values always marshals
	return string(b)
}

// resumeStash saves a form that was posted while the session had expired,
// now that its writer has logged in again. It reports whether it answered.
func (h *handler) resumeStash(w http.ResponseWriter, r *http.Request, id string) bool {
	b, err := h.Store.TakeStash(r.Context(), id)
	if err != nil {
		return false // gone or expired: carry on to the page asked for
	}
	var s stashedForm
	if json.Unmarshal(b, &s) != nil || !strings.HasPrefix(s.Path, "/admin/articles") {
		return false
	}
	var stored *warta.Article
	if rest := strings.TrimPrefix(s.Path, "/admin/articles/"); rest != s.Path && rest != "" {
		a, err := h.Store.ArticleByID(r.Context(), idParam(rest))
		if err != nil {
			h.error(w, r, err)
			return true
		}
		if !userFrom(r.Context()).CanEdit(a) {
			h.forbidden(w, r)
			return true
		}
		stored = a
	}
	if s.Values.Get("action") == "preview" {
		s.Values.Set("action", "save")
	}
	h.applyArticleForm(w, r, stored, s.Values)
	return true
}
