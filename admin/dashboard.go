package admin

import (
	"net/http"

	"warta"
)

// dashboardPage is the newsroom's front page.
type dashboardPage struct {
	page
	Counts struct {
		Drafts, Pending, Scheduled, Published int
		PendingComments                       int
	}
	Recent []*warta.Article
}

// showDashboard shows what needs attention.
//
// GET /admin/
func (h *handler) showDashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := dashboardPage{page: h.newPage(r, h.cat.T("admin.nav.dashboard"), "dashboard")}
	for _, c := range []struct {
		status warta.ArticleStatus
		n      *int
	}{
		{warta.StatusDraft, &p.Counts.Drafts}, {warta.StatusPending, &p.Counts.Pending},
		{warta.StatusScheduled, &p.Counts.Scheduled}, {warta.StatusPublished, &p.Counts.Published},
	} {
		_, n, err := h.Store.Articles(ctx, warta.ArticleFilter{Status: c.status, Limit: 1})
		if err != nil {
			h.error(w, r, err)
			return
		}
		*c.n = n
	}
	p.Counts.PendingComments = p.PendingComments
	recent, _, err := h.Store.Articles(ctx, warta.ArticleFilter{Limit: 10})
	if err != nil {
		h.error(w, r, err)
		return
	}
	p.Recent = recent
	h.render(w, r, http.StatusOK, "admin/dashboard", p)
}
