package wpjson

import (
	"errors"
	"html"
	"net/http"
	"slices"
	"strconv"
	"time"

	"warta"
)

// listPages answers the page collection with the published pages, by
// title (a site has a handful, so the list is filtered in memory).
//
// GET /wp-json/wp/v2/pages  (page, per_page, slug, include, search,
// orderby, order)
func (h *handler) listPages(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	q := newQuery(r)
	page, perPage, err := q.page()
	var include []int64
	var orderby, order string
	if err == nil {
		include, err = q.ids("include")
	}
	if err == nil {
		orderby, err = q.oneOf("orderby", "date", "date", "id", "title", "slug", "modified", "menu_order")
	}
	if err == nil {
		order, err = q.oneOf("order", "desc", "asc", "desc")
	}
	var pe *paramError
	if errors.As(err, &pe) {
		h.invalidParam(w, r, pe.param)
		return
	}
	all, err := h.Store.Pages(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	all = slices.DeleteFunc(all, func(p *warta.Page) bool { return !p.Published() })
	if slugs := q.list("slug"); len(slugs) > 0 {
		all = slices.DeleteFunc(all, func(p *warta.Page) bool { return !slices.Contains(slugs, p.Slug) })
	}
	if len(include) > 0 {
		all = slices.DeleteFunc(all, func(p *warta.Page) bool { return !slices.Contains(include, p.ID) })
	}
	if s := q.get("search"); s != "" {
		all = slices.DeleteFunc(all, func(p *warta.Page) bool { return !containsFold(p.Title+" "+p.BodyMarkdown, s) })
	}
	slices.SortStableFunc(all, func(a, b *warta.Page) int {
		c := comparePages(a, b, orderby)
		if c == 0 {
			c = cmpInt(a.ID, b.ID)
		}
		if order == "desc" {
			c = -c
		}
		return c
	})
	out := []any{}
	for _, p := range pageOf(all, page, perPage) {
		out = append(out, h.page(rq, p))
	}
	h.paginate(w, r, "/wp-json/wp/v2/pages", page, perPage, len(all))
	writeJSON(w, r, http.StatusOK, out)
}

func comparePages(a, b *warta.Page, orderby string) int {
	switch orderby {
	case "id":
		return cmpInt(a.ID, b.ID)
	case "title":
		return compareFold(a.Title, b.Title)
	case "slug":
		return compareFold(a.Slug, b.Slug)
	case "modified":
		return a.UpdatedAt.Compare(b.UpdatedAt)
	case "menu_order":
		return cmpInt(int64(a.MenuOrder), int64(b.MenuOrder))
	}
	return a.CreatedAt.Compare(b.CreatedAt)
}

// showPage answers one published page.
//
// GET /wp-json/wp/v2/pages/{id}
func (h *handler) showPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	p, err := h.Store.PageByID(ctx, id)
	if warta.IsNotFound(err) || (err == nil && !p.Published()) {
		h.fail(w, r, http.StatusNotFound, "rest_post_invalid_id", "wpjson.error.post_invalid_id")
		return
	} else if err != nil {
		h.serverError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, h.page(rq, p))
}

// page is a page as WordPress's page object. Pages have no byline and no
// comments; their date is when they were written.
func (h *handler) page(rq *request, p *warta.Page) map[string]any {
	id := itoa(p.ID)
	return map[string]any{
		"id":             p.ID,
		"date":           wpDate(p.CreatedAt, rq.loc),
		"date_gmt":       wpDate(p.CreatedAt, time.UTC),
		"guid":           rendered(h.BaseURL + "/?page_id=" + id),
		"modified":       wpDate(p.UpdatedAt, rq.loc),
		"modified_gmt":   wpDate(p.UpdatedAt, time.UTC),
		"slug":           p.Slug,
		"status":         "publish",
		"type":           "page",
		"link":           h.BaseURL + p.Permalink(),
		"title":          rendered(html.EscapeString(p.Title)),
		"content":        renderedProtected(p.BodyHTML),
		"excerpt":        renderedProtected(excerptFrom(p.BodyHTML)),
		"author":         0,
		"featured_media": 0,
		"parent":         0,
		"menu_order":     p.MenuOrder,
		"comment_status": "closed",
		"ping_status":    "closed",
		"template":       "",
		"meta":           map[string]any{},
		"_links": map[string]any{
			"self":       []any{link(h.api("pages/" + id))},
			"collection": []any{link(h.api("pages"))},
			"curies":     curies(),
		},
	}
}
