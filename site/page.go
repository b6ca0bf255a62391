package site

import (
	"context"
	"html/template"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"warta"
	"warta/view"
)

// descriptionLen is how many characters of a page's text its meta
// description takes: about what search results show.
const descriptionLen = 160

type pagePage struct {
	view.Page
	StaticPage *warta.Page
	// Body is the page's HTML, sanitised when it was saved.
	Body template.HTML
}

// showPage shows a published standing page (Tentang Kami, Redaksi…).
// Anything else at a one-segment address is the site's 404.
//
// GET /{slug}/
func (h *handler) showPage(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !warta.ValidSlug(slug) {
		h.notFound(w, r)
		return
	}
	p, err := h.Store.PageBySlug(r.Context(), slug)
	if warta.IsNotFound(err) || (err == nil && !p.Published()) {
		h.notFound(w, r)
		return
	} else if err != nil {
		h.error(w, r, err)
		return
	}
	vp, err := h.page(r.Context(), p.Title, pageDescription(p.BodyHTML), p.Permalink(), p.Permalink())
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.pageMeta(&vp, p)
	h.share(w, r, warta.PageTag(p.ID))
	h.render(w, r, "site/page", pagePage{Page: vp, StaticPage: p, Body: template.HTML(p.BodyHTML)}, p.UpdatedAt)
}

// publishedPage returns the published page with slug, or nil when there
// is none (for the redirect from /slug to /slug/).
func (h *handler) publishedPage(ctx context.Context, slug string) *warta.Page {
	if !warta.ValidSlug(slug) {
		return nil
	}
	p, err := h.Store.PageBySlug(ctx, slug)
	if err != nil || !p.Published() {
		return nil
	}
	return p
}

// footerMenu returns the links of the footer menu.
func (h *handler) footerMenu(ctx context.Context) ([]view.Link, error) {
	pages, err := h.Store.MenuPages(ctx)
	if err != nil {
		return nil, err
	}
	links := make([]view.Link, 0, len(pages))
	for _, p := range pages {
		links = append(links, view.Link{Label: p.MenuName(), URL: p.Permalink()})
	}
	return links, nil
}

// pageMeta describes a standing page: a WebPage and its breadcrumb.
func (h *handler) pageMeta(vp *view.Page, p *warta.Page) {
	cat := h.Views.Catalog()
	link := h.abs(p.Permalink())
	vp.Meta.JSONLD = append(vp.Meta.JSONLD, ldWebPage{
		Context:      schemaOrg,
		Type:         "WebPage",
		Name:         p.Title,
		Description:  vp.Description,
		URL:          link,
		DateModified: h.isoTime(p.UpdatedAt),
		InLanguage:   cat.Lang(),
	}, ldBreadcrumbList{
		Context: schemaOrg,
		Type:    "BreadcrumbList",
		ItemListElement: []ldListItem{
			{Type: "ListItem", Position: 1, Name: cat.T("nav.home"), Item: h.abs("/")},
			{Type: "ListItem", Position: 2, Name: p.Title, Item: link},
		},
	})
}

type ldWebPage struct {
	Context      string `json:"@context"`
	Type         string `json:"@type"`
	Name         string `json:"name"`
	Description  string `json:"description,omitempty"`
	URL          string `json:"url"`
	DateModified string `json:"dateModified"`
	InLanguage   string `json:"inLanguage"`
}

// pageDescription is the start of a page's text, for its meta
// description: the words of body (sanitised HTML) up to descriptionLen
// characters, cut at a word and marked with an ellipsis when cut.
func pageDescription(body string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(body))
	for b.Len() < 4*descriptionLen {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.TextToken {
			b.Write(z.Text())
			b.WriteByte(' ')
		}
	}
	text := strings.Join(strings.Fields(b.String()), " ")
	if utf8.RuneCountInString(text) <= descriptionLen {
		return text
	}
	cut := []rune(text)[:descriptionLen]
	s := string(cut)
	if i := strings.LastIndexByte(s, ' '); i > descriptionLen/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ,.;:") + "…"
}
