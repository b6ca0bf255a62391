package site

import (
	"html/template"
	"net/http"
	"time"

	"warta"
	"warta/view"
)

type articlePage struct {
	view.Page
	Article *warta.Article
	// Body is the article's HTML, sanitised when it was saved.
	Body template.HTML
	// Updated says whether to show when the article was last changed.
	Updated bool
}

// showArticle shows one article. Its address carries the date of
// publication; an old slug or a wrong date redirects to the right one.
//
// GET /{yyyy}/{mm}/{dd}/{slug}/
func (h *handler) showArticle(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	date := r.PathValue("yyyy") + "/" + r.PathValue("mm") + "/" + r.PathValue("dd")
	if _, err := time.Parse("2006/01/02", date); err != nil || !warta.ValidSlug(slug) {
		h.errorStatus(w, r, http.StatusNotFound)
		return
	}
	a, err := h.Store.ArticleBySlug(r.Context(), slug)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if !a.Visible(h.Now()) {
		if a.Status == warta.StatusUnpublished {
			h.errorStatus(w, r, http.StatusGone)
		} else {
			// A draft or a story set for later does not exist for readers yet.
			h.errorStatus(w, r, http.StatusNotFound)
		}
		return
	}
	if canonical := a.Permalink(h.Location); r.URL.Path != canonical {
		http.Redirect(w, r, canonical, http.StatusMovedPermanently)
		return
	}
	p, err := h.page(r.Context(), a.Headline, a.Dek, a.Permalink(h.Location), a.Section.Slug)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.render(w, r, "site/article", articlePage{
		Page:    p,
		Article: a,
		Body:    template.HTML(a.BodyHTML), // sanitised by package markdown on save
		Updated: a.UpdatedAt.Sub(a.CreatedAt) > time.Minute && a.UpdatedAt.Sub(a.PublishedAt) > time.Minute,
	}, a.UpdatedAt)
}
