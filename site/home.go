package site

import (
	"net/http"

	"warta"
	"warta/view"
)

type homePage struct {
	view.Page
	Lead     *warta.Article
	Articles []*warta.Article
	Pager    pager
}

// showHome shows the latest articles, the newest first and largest.
//
// GET /?page=N
func (h *handler) showHome(w http.ResponseWriter, r *http.Request) {
	if oldQuery(r) != "" {
		// WordPress's /?p=ID: an old address, never the home page.
		h.errorStatus(w, r, http.StatusNotFound)
		return
	}
	n, err := pageNumber(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	articles, total, err := h.Store.Articles(r.Context(), warta.ArticleFilter{
		Status:          warta.StatusPublished,
		PublishedBefore: h.Now(),
		Offset:          (n - 1) * PageSize,
		Limit:           PageSize,
	})
	if err != nil {
		h.error(w, r, err)
		return
	}
	if len(articles) == 0 && n > 1 {
		h.errorStatus(w, r, http.StatusNotFound)
		return
	}
	title := ""
	if n > 1 {
		title = h.Views.Catalog().T("pagination.title", h.Views.Catalog().T("home.title"), n)
	}
	p, err := h.page(r.Context(), title, "", pagePath("/", n), "/")
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.homeMeta(&p, articles) // the description is the tagline
	data := homePage{Page: p, Articles: articles, Pager: newPager("/", n, total)}
	if n == 1 && len(articles) > 0 {
		data.Lead, data.Articles = articles[0], articles[1:]
	}
	h.share(w, r, append(articleTags(articles), warta.TagHome)...)
	h.render(w, r, "site/home", data, newest(articles...))
}
