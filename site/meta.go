package site

import (
	"net/url"
	"strings"
	"time"

	"warta"
	"warta/view"
)

// This file builds what a page tells search engines, feed readers and
// link previews about itself (view.Meta): OpenGraph and Twitter tags,
// schema.org JSON-LD, feed autodiscovery and share links. Every URL in
// it is absolute, made from Config.BaseURL.

// shareVariantWidth is the lead image copy that link previews get when
// it exists: large enough for summary_large_image, far smaller than most
// originals.
const shareVariantWidth = 1280

// abs returns the absolute URL of a path on this site.
func (h *handler) abs(path string) string { return h.BaseURL + path }

// baseMeta fills the metadata every page shares: its language and the
// site's own feeds.
func (h *handler) baseMeta(p *view.Page) {
	p.Meta.Type = "website"
	p.Meta.Locale = h.Views.Catalog().T("meta.locale")
	p.Meta.Feeds = h.feeds(p.SiteName, "/", true)
}

// feeds returns the autodiscovery links of the feeds under base ("/",
// "/section/nasional/"), titled after name: RSS, and Atom and JSON Feed
// when all is set.
func (h *handler) feeds(name, base string, all bool) []view.Feed {
	cat := h.Views.Catalog()
	out := []view.Feed{{Format: "rss", Title: cat.T("meta.feed.rss", name), URL: h.abs(base + "feed/")}}
	if all {
		out = append(out,
			view.Feed{Format: "atom", Title: cat.T("meta.feed.atom", name), URL: h.abs(base + "feed/atom/")},
			view.Feed{Format: "json", Title: cat.T("meta.feed.json", name), URL: h.abs(base + "feed/json/")})
	}
	return out
}

// homeMeta describes the home page: the tagline, the lead story's image,
// and a WebSite object that tells search engines how to search the site.
func (h *handler) homeMeta(p *view.Page, articles []*warta.Article) {
	if p.Description == "" {
		p.Description = p.Tagline
	}
	if p.Description == "" {
		p.Description = h.Views.Catalog().T("site.tagline")
	}
	p.Meta.Image = h.firstImage(articles)
	p.Meta.JSONLD = append(p.Meta.JSONLD, ldWebSite{
		Context:    schemaOrg,
		Type:       "WebSite",
		URL:        h.abs("/"),
		Name:       p.SiteName,
		InLanguage: h.Views.Catalog().Lang(),
		PotentialAction: ldSearchAction{
			Type:       "SearchAction",
			Target:     h.abs("/search?q={search_term_string}"),
			QueryInput: "required name=search_term_string",
		},
	})
}

// listMeta describes a section, tag or author list: the first image
// among its articles, and the list's own feeds under base.
func (h *handler) listMeta(p *view.Page, articles []*warta.Article, feedName, base string, allFeeds bool) {
	p.Meta.Image = h.firstImage(articles)
	p.Meta.Feeds = append(p.Meta.Feeds, h.feeds(feedName, base, allFeeds)...)
}

// articleMeta describes an article: OpenGraph article properties, a
// NewsArticle and a BreadcrumbList, its comment feed and share links.
func (h *handler) articleMeta(p *view.Page, a *warta.Article) {
	cat := h.Views.Catalog()
	permalink := h.abs(a.Permalink(h.Location))
	modified := a.UpdatedAt
	if !a.RevisedAt.IsZero() {
		modified = a.RevisedAt
	}
	if modified.Before(a.PublishedAt) {
		modified = a.PublishedAt // saved before it went out: it has not changed since
	}
	m := &p.Meta
	m.Type = "article"
	m.Image = h.shareImage(a.LeadImage)
	am := &view.ArticleMeta{Published: a.PublishedAt, Modified: modified, Section: a.Section.Name}
	for _, t := range a.Tags {
		am.Tags = append(am.Tags, t.Name)
	}
	authors := []ldPerson{}
	for _, au := range a.Authors {
		u := h.abs("/author/" + au.Slug + "/")
		am.Authors = append(am.Authors, u)
		authors = append(authors, ldPerson{Type: "Person", Name: au.Name, URL: u})
	}
	m.Article = am
	m.Feeds = append(m.Feeds, view.Feed{Format: "rss",
		Title: cat.T("meta.feed.comments", p.SiteName, a.Headline), URL: permalink + "feed/"})

	m.JSONLD = append(m.JSONLD, ldNewsArticle{
		Context:       schemaOrg,
		Type:          "NewsArticle",
		Headline:      a.Headline,
		Description:   a.Dek,
		Image:         h.imageURLs(a.LeadImage),
		DatePublished: h.isoTime(a.PublishedAt),
		DateModified:  h.isoTime(modified),
		Author:        authors,
		Publisher: ldOrganization{Type: "Organization", Name: p.SiteName,
			Logo: ldImageObject{Type: "ImageObject", URL: h.abs(h.Views.Asset("icon.svg"))}},
		MainEntityOfPage: permalink,
		ArticleSection:   a.Section.Name,
		InLanguage:       cat.Lang(),
	}, ldBreadcrumbList{
		Context: schemaOrg,
		Type:    "BreadcrumbList",
		ItemListElement: []ldListItem{
			{Type: "ListItem", Position: 1, Name: cat.T("nav.home"), Item: h.abs("/")},
			{Type: "ListItem", Position: 2, Name: a.Section.Name, Item: h.abs("/section/" + a.Section.Slug + "/")},
			{Type: "ListItem", Position: 3, Name: a.Headline, Item: permalink},
		},
	})
	m.Share = shareLinks(cat.T, a.Headline, permalink)
}

// shareLinks returns plain links that share the page at link, titled
// title, on other services. They are links only: no script, no image
// and no request to those hosts until the reader follows one.
func shareLinks(t func(string, ...any) string, title, link string) []view.Link {
	q := escape
	return []view.Link{
		{Class: "whatsapp", Label: t("meta.share.whatsapp"), URL: "https://wa.me/?text=" + q(title+" "+link)},
		{Class: "telegram", Label: t("meta.share.telegram"), URL: "https://t.me/share/url?url=" + q(link) + "&text=" + q(title)},
		{Class: "x", Label: t("meta.share.x"), URL: "https://x.com/intent/post?url=" + q(link) + "&text=" + q(title)},
		{Class: "facebook", Label: t("meta.share.facebook"), URL: "https://www.facebook.com/sharer/sharer.php?u=" + q(link)},
		{Class: "email", Label: t("meta.share.email"), URL: "mailto:?subject=" + q(title) + "&body=" + q(title+"\r\n\r\n"+link)},
	}
}

// escape percent-encodes s for a query value. A space becomes %20, not
// "+": mail programs read mailto: bodies literally (RFC 6068).
func escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// firstImage returns the share image of the first article that has a
// lead image, or none.
func (h *handler) firstImage(articles []*warta.Article) view.Image {
	for _, a := range articles {
		if a != nil && a.LeadImage.Path != "" {
			return h.shareImage(a.LeadImage)
		}
	}
	return view.Image{}
}

// shareImage picks the copy of img that link previews show: the
// 1280-wide variant when there is one, else the original.
func (h *handler) shareImage(img warta.Image) view.Image {
	if img.Path == "" {
		return view.Image{}
	}
	out := view.Image{URL: h.media(img.Path), Width: img.Width, Height: img.Height, Alt: img.Alt}
	for _, v := range img.Variants {
		if v.Width == shareVariantWidth {
			out.URL, out.Width, out.Height = h.media(v.Path), v.Width, v.Height
		}
	}
	return out
}

// imageURLs returns every size of img, narrowest first and the original
// last, for NewsArticle.image.
func (h *handler) imageURLs(img warta.Image) []string {
	if img.Path == "" {
		return nil
	}
	var out []string
	for _, v := range img.Variants {
		if v.Path != img.Path {
			out = append(out, h.media(v.Path))
		}
	}
	return append(out, h.media(img.Path))
}

// media returns the absolute URL of a file in the media folder.
func (h *handler) media(path string) string {
	return h.abs("/media/" + strings.TrimPrefix(path, "/"))
}

// isoTime formats t in the site's time zone as RFC 3339.
func (h *handler) isoTime(t time.Time) string {
	return t.In(h.Location).Format(time.RFC3339)
}

// schema.org JSON-LD objects. They are marshalled by html/template (with
// encoding/json) inside <script type="application/ld+json">, never built
// as text.

const schemaOrg = "https://schema.org"

type ldWebSite struct {
	Context         string         `json:"@context"`
	Type            string         `json:"@type"`
	URL             string         `json:"url"`
	Name            string         `json:"name"`
	InLanguage      string         `json:"inLanguage"`
	PotentialAction ldSearchAction `json:"potentialAction"`
}

type ldSearchAction struct {
	Type       string `json:"@type"`
	Target     string `json:"target"`
	QueryInput string `json:"query-input"`
}

type ldNewsArticle struct {
	Context          string         `json:"@context"`
	Type             string         `json:"@type"`
	Headline         string         `json:"headline"`
	Description      string         `json:"description,omitempty"`
	Image            []string       `json:"image,omitempty"`
	DatePublished    string         `json:"datePublished"`
	DateModified     string         `json:"dateModified"`
	Author           []ldPerson     `json:"author"`
	Publisher        ldOrganization `json:"publisher"`
	MainEntityOfPage string         `json:"mainEntityOfPage"`
	ArticleSection   string         `json:"articleSection"`
	InLanguage       string         `json:"inLanguage"`
}

type ldPerson struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type ldOrganization struct {
	Type string        `json:"@type"`
	Name string        `json:"name"`
	Logo ldImageObject `json:"logo"`
}

type ldImageObject struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

type ldBreadcrumbList struct {
	Context         string       `json:"@context"`
	Type            string       `json:"@type"`
	ItemListElement []ldListItem `json:"itemListElement"`
}

type ldListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}
