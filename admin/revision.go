package admin

import (
	"net/http"
	"strconv"

	"warta"
	"warta/textdiff"
)

// revisionsPage lists an article's revisions and compares two of them.
type revisionsPage struct {
	page
	Article   *warta.Article
	Revisions []*warta.Revision
	A, B      *warta.Revision
	Diff      []textdiff.Line
	HeadDiff  []textdiff.Line
	DekDiff   []textdiff.Line
}

// showRevisions lists the revisions and, given ?a=N&b=M, shows the
// difference between them (by default, the two latest).
//
// GET /admin/articles/{id}/revisions?a=N&b=M
func (h *handler) showRevisions(w http.ResponseWriter, r *http.Request) {
	a, ok := h.loadEditable(w, r)
	if !ok {
		return
	}
	revs, err := h.Store.Revisions(r.Context(), a.ID)
	if err != nil {
		h.error(w, r, err)
		return
	}
	p := revisionsPage{page: h.newPage(r, h.cat.T("admin.revisions.title"), "articles"), Article: a, Revisions: revs}
	pick := func(param string, fallback int) *warta.Revision {
		n, err := strconv.Atoi(r.URL.Query().Get(param))
		if err != nil {
			n = fallback
		}
		for _, rev := range revs {
			if rev.Number == n {
				return rev
			}
		}
		return nil
	}
	if len(revs) > 1 {
		p.A, p.B = pick("a", revs[1].Number), pick("b", revs[0].Number)
	}
	if p.A != nil && p.B != nil {
		p.HeadDiff = textdiff.Lines(p.A.Headline, p.B.Headline)
		p.DekDiff = textdiff.Lines(p.A.Dek, p.B.Dek)
		p.Diff = textdiff.Lines(p.A.BodyMarkdown, p.B.BodyMarkdown)
	}
	h.render(w, r, http.StatusOK, "admin/revisions", p)
}

// restoreRevision brings back the words of an old revision. The restore
// is itself a new revision, so it can be undone the same way.
//
// POST /admin/articles/{id}/revisions/{n}/restore
func (h *handler) restoreRevision(w http.ResponseWriter, r *http.Request) {
	a, ok := h.loadEditable(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		h.fail(w, r, http.StatusNotFound, "")
		return
	}
	rev, err := h.Store.RevisionByNumber(r.Context(), a.ID, n)
	if err != nil {
		h.error(w, r, err)
		return
	}
	html, err := h.Render(rev.BodyMarkdown)
	if err != nil {
		h.error(w, r, err)
		return
	}
	a.Headline, a.Dek, a.BodyMarkdown, a.BodyHTML = rev.Headline, rev.Dek, rev.BodyMarkdown, html
	a.EditedBy = userFrom(r.Context()).ID
	a.RevisionNote = "restored revision " + strconv.Itoa(n)
	if err := h.Store.UpdateArticle(r.Context(), a); err != nil {
		h.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/articles/"+strconv.FormatInt(a.ID, 10)+"?done=restored", http.StatusSeeOther)
}
