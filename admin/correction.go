package admin

import (
	"net/http"
	"strconv"

	"warta"
)

// addCorrection adds a correction note to a published article; readers
// see it at the end of the article, and the article shows as updated.
//
// POST /admin/articles/{id}/corrections  (note)
func (h *handler) addCorrection(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.ArticleByID(r.Context(), idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	if a.Status != warta.StatusPublished {
		h.fail(w, r, http.StatusConflict, "admin.error.correct_unpublished")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	c := &warta.Correction{ArticleID: a.ID, Note: r.PostFormValue("note"), UserID: userFrom(r.Context()).ID}
	if err := c.Validate(); err != nil {
		f := h.formFromArticle(a)
		h.showEditor(w, r, http.StatusUnprocessableEntity, a, f, map[string]string{"correction": h.fieldErrors(err)["note"]}, "")
		return
	}
	if err := h.Store.AddCorrection(r.Context(), c); err != nil {
		h.error(w, r, err)
		return
	}
	h.audit(r, "article.correction", articleSubject(a), c.Note)
	http.Redirect(w, r, "/admin/articles/"+strconv.FormatInt(a.ID, 10)+"?done=corrected", http.StatusSeeOther)
}
