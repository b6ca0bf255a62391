package api

import (
	"net/http"
	"time"

	"warta"
)

type pageJSON struct {
	ID    int64   `json:"id"`
	Slug  string  `json:"slug"`
	URL   *string `json:"url"` // null while a draft
	Title string  `json:"title"`
	// Status is draft or published.
	Status   string `json:"status"`
	BodyHTML string `json:"body_html"`
	// MenuOrder is the page's place in the footer menu from 1; 0 when it
	// is not in the menu. MenuName is what the menu shows.
	MenuOrder int       `json:"menu_order"`
	MenuName  string    `json:"menu_name"`
	UpdatedAt time.Time `json:"updated_at"`
	// For staff who may see drafts: what the editor typed.
	BodyMarkdown *string `json:"body_markdown,omitempty"`
}

func (h *handler) pageJSON(r *http.Request, p *warta.Page) pageJSON {
	out := pageJSON{ID: p.ID, Slug: p.Slug, Title: p.Title, Status: string(p.Status), BodyHTML: p.BodyHTML,
		MenuOrder: p.MenuOrder, MenuName: p.MenuName(), UpdatedAt: p.UpdatedAt.UTC()}
	if p.Published() {
		u := h.BaseURL + p.Permalink()
		out.URL = &u
	}
	if from(r).user.Can(warta.CapEditOthers) {
		md := p.BodyMarkdown
		out.BodyMarkdown = &md
	}
	return out
}

// listPages answers the published standing pages (Tentang Kami, Redaksi…)
// by title, or with menu=true those in the footer menu in menu order.
// status=draft needs a token whose user may edit others' articles.
//
// GET /api/v1/pages?menu=true&status=draft|published
func (h *handler) listPages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for name := range q {
		if name != "menu" && name != "status" {
			h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.parameter", nil, name)
			return
		}
	}
	status := warta.PageStatus(q.Get("status"))
	switch {
	case status == "":
		status = warta.PagePublished
	case !status.Valid():
		h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.status", nil)
		return
	}
	menu := q.Get("menu")
	if menu != "" && menu != "true" || (menu == "true" && status != warta.PagePublished) {
		h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.parameter", nil, "menu")
		return
	}
	if status != warta.PagePublished {
		u := from(r).user
		if u == nil {
			h.fail(w, r, http.StatusUnauthorized, codeUnauthorized, nil)
			return
		}
		if !u.Can(warta.CapEditOthers) {
			h.fail(w, r, http.StatusForbidden, codeForbidden, nil)
			return
		}
	}
	var list []*warta.Page
	var err error
	if menu == "true" {
		list, err = h.Store.MenuPages(r.Context())
	} else {
		list, err = h.Store.Pages(r.Context())
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	items := []pageJSON{}
	for _, p := range list {
		if p.Status == status {
			items = append(items, h.pageJSON(r, p))
		}
	}
	h.writeJSON(w, r, http.StatusOK, listJSON[pageJSON]{Items: items, Total: len(items)})
}

// showPage answers one page by slug: a published one to anyone, a draft
// to staff who may edit others' articles.
//
// GET /api/v1/pages/{slug}
func (h *handler) showPage(w http.ResponseWriter, r *http.Request) {
	p, err := h.Store.PageBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		h.error(w, r, err)
		return
	}
	if !p.Published() && !from(r).user.Can(warta.CapEditOthers) {
		h.fail(w, r, http.StatusNotFound, codeNotFound, nil)
		return
	}
	h.writeJSON(w, r, http.StatusOK, h.pageJSON(r, p))
}
