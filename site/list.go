package site

import (
	"net/http"

	"warta"
	"warta/view"
)

type listPage struct {
	view.Page
	Heading  string
	Intro    string
	Articles []*warta.Article
	Pager    pager
}

// showSection lists a section's articles.
//
// GET /section/{slug}/?page=N
func (h *handler) showSection(w http.ResponseWriter, r *http.Request) {
	s, err := h.Store.SectionBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.showList(w, r, warta.ArticleFilter{SectionID: s.ID}, s.Name, s.Description, s.Slug,
		listKind{key: "section", name: s.Name, base: "/section/" + s.Slug + "/", allFeeds: true, tag: warta.SectionTag(s.ID)})
}

// showTag lists the articles on a topic.
//
// GET /tag/{slug}/?page=N
func (h *handler) showTag(w http.ResponseWriter, r *http.Request) {
	t, err := h.Store.TagBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.showList(w, r, warta.ArticleFilter{TagID: t.ID}, h.Views.Catalog().T("list.tag", t.Name), "", "",
		listKind{key: "tag", name: t.Name, base: "/tag/" + t.Slug + "/", tag: warta.TopicTag(t.ID)})
}

// showAuthor lists what one author wrote.
//
// GET /author/{slug}/?page=N
func (h *handler) showAuthor(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.AuthorBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.showList(w, r, warta.ArticleFilter{AuthorID: a.ID}, h.Views.Catalog().T("list.author", a.Name), a.Bio, "",
		listKind{key: "author", name: a.Name, base: "/author/" + a.Slug + "/", tag: warta.AuthorTag(a.ID)})
}

// listKind says how a list describes itself in its metadata: which
// meta.description and meta.feed keys it uses, the name of what it
// lists, and the path its feeds live under.
type listKind struct {
	key      string // "section", "tag" or "author"
	name     string
	base     string // "/section/nasional/": its feeds are base+"feed/"
	allFeeds bool   // Atom and JSON Feed besides RSS
	tag      string // the page cache tag of what it lists
}

// showList shows one page of the published articles that f selects.
func (h *handler) showList(w http.ResponseWriter, r *http.Request, f warta.ArticleFilter, heading, intro, current string, kind listKind) {
	n, err := pageNumber(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	f.Status, f.PublishedBefore = warta.StatusPublished, h.Now()
	f.Offset, f.Limit = (n-1)*PageSize, PageSize
	articles, total, err := h.Store.Articles(r.Context(), f)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if len(articles) == 0 && n > 1 {
		h.errorStatus(w, r, http.StatusNotFound)
		return
	}
	title := heading
	if n > 1 {
		title = h.Views.Catalog().T("pagination.title", heading, n)
	}
	p, err := h.page(r.Context(), title, intro, pagePath(r.URL.Path, n), current)
	if err != nil {
		h.error(w, r, err)
		return
	}
	cat := h.Views.Catalog()
	if p.Description == "" {
		p.Description = cat.T("meta.description."+kind.key, kind.name, p.SiteName)
	}
	h.listMeta(&p, articles, cat.T("meta.feed."+kind.key, p.SiteName, kind.name), kind.base, kind.allFeeds)
	h.share(w, r, append(articleTags(articles), kind.tag)...)
	h.render(w, r, "site/list", listPage{
		Page: p, Heading: heading, Intro: intro, Articles: articles,
		Pager: newPager(r.URL.Path, n, total),
	}, newest(articles...))
}
