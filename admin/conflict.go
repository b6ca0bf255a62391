package admin

import (
	"net/http"

	"warta"
	"warta/textdiff"
)

// conflictPage shows two versions of an article side by side: the one
// someone else saved in the meantime, and the one this writer sent.
type conflictPage struct {
	page
	Theirs *warta.Article
	Mine   articleForm
	Diff   []textdiff.Line
}

// showConflict answers a save that was based on an old revision. Nothing
// is discarded: the other person's save stands, and this writer's text
// comes back in a form that can be saved over it, after a look.
func (h *handler) showConflict(w http.ResponseWriter, r *http.Request, stored *warta.Article, mine articleForm) {
	theirs, err := h.Store.ArticleByID(r.Context(), stored.ID)
	if err != nil {
		h.error(w, r, err)
		return
	}
	mine.Revision = theirs.Revision // saving from this screen means "mine wins, knowingly"
	mine.Action = "save"
	h.render(w, r, http.StatusConflict, "admin/conflict", conflictPage{
		page:   h.newPage(r, h.cat.T("admin.conflict.title"), "articles"),
		Theirs: theirs,
		Mine:   mine,
		Diff:   textdiff.Lines(theirs.BodyMarkdown, mine.Body),
	})
}
