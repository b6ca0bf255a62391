package site

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/pagecache"
	"warta/respond"
)

// Sitemaps tell search engines every address worth crawling
// (https://www.sitemaps.org/protocol.html). /sitemap.xml is an index of
// the others: the articles in chunks of sitemapChunk, oldest first so
// that a chunk's list only changes when an article in it does, then the
// sections, tags and authors. /news-sitemap.xml is the Google News
// sitemap of the last two days.

// sitemapChunk is how many articles one sitemap lists: the protocol's
// limit. A variable so that tests can make chunks small.
var sitemapChunk = 50000

// newsLimit is how many articles the news sitemap lists at most, and
// newsWindow how far back it looks: Google News's rules.
var (
	newsLimit  = 1000
	newsWindow = 48 * time.Hour
)

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	newsNS    = "http://www.google.com/schemas/sitemap-news/0.9"
	xmlType   = "application/xml; charset=utf-8"
)

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	Xmlns    string       `xml:"xmlns,attr"`
	Sitemaps []sitemapRef `xml:"sitemap"`
}

type sitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlSet struct {
	XMLName   xml.Name     `xml:"urlset"`
	Xmlns     string       `xml:"xmlns,attr"`
	XmlnsNews string       `xml:"xmlns:news,attr,omitempty"`
	URLs      []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string    `xml:"loc"`
	LastMod string    `xml:"lastmod,omitempty"`
	News    *newsInfo `xml:"news:news"`
}

type newsInfo struct {
	Publication     newsPublication `xml:"news:publication"`
	PublicationDate string          `xml:"news:publication_date"`
	Title           string          `xml:"news:title"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

// lastmod formats t for a sitemap: W3C datetime, empty for the zero time.
func lastmod(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// serveXML serves a sitemap document.
func serveXML(w http.ResponseWriter, r *http.Request, v any, modTime time.Time) {
	w.Header().Set("Cache-Control", "public, no-cache")
	pagecache.Tag(r, warta.TagSitemap, warta.TagGlobal)
	respond.Write(w, r, http.StatusOK, respond.NewBody(xmlType, marshalXML(v), modTime))
}

// showSitemapIndex lists the site's sitemaps.
//
// GET /sitemap.xml
func (h *handler) showSitemapIndex(w http.ResponseWriter, r *http.Request) {
	ds, err := h.distribution()
	if err != nil {
		h.error(w, r, err)
		return
	}
	// Reading every chunk gives each its lastmod. The entries are four
	// narrow columns, so even a large archive is one quick index scan.
	now := h.Now()
	idx := sitemapIndex{Xmlns: sitemapNS}
	var newest time.Time
	for n := 1; ; n++ {
		entries, err := ds.SitemapArticles(r.Context(), now, (n-1)*sitemapChunk, sitemapChunk)
		if err != nil {
			h.error(w, r, err)
			return
		}
		if len(entries) == 0 {
			break
		}
		mod := entriesModified(entries)
		newest = later(newest, mod)
		idx.Sitemaps = append(idx.Sitemaps, sitemapRef{
			Loc: h.BaseURL + "/sitemap-articles-" + strconv.Itoa(n) + ".xml", LastMod: lastmod(mod)})
		if len(entries) < sitemapChunk {
			break
		}
	}
	for _, name := range []string{"sections", "tags", "authors", "pages"} {
		idx.Sitemaps = append(idx.Sitemaps, sitemapRef{Loc: h.BaseURL + "/sitemap-" + name + ".xml"})
	}
	serveXML(w, r, idx, newest)
}

// showSitemapFile serves the sitemaps listed by the index. Their names
// are not whole path segments ("sitemap-articles-3.xml"), which the mux
// cannot match, so this one handler takes every one-segment address not
// matched more precisely, and answers 404 for the rest.
//
// GET /{file}
func (h *handler) showSitemapFile(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	switch file {
	case "sitemap-sections.xml":
		h.showSectionsSitemap(w, r)
		return
	case "sitemap-tags.xml", "sitemap-authors.xml":
		h.showTagsOrAuthorsSitemap(w, r, strings.TrimSuffix(strings.TrimPrefix(file, "sitemap-"), ".xml"))
		return
	case "sitemap-pages.xml":
		h.showPagesSitemap(w, r)
		return
	}
	if h.publishedPage(r.Context(), file) != nil {
		addSlash(w, r)
		return
	}
	digits, isArticles := strings.CutPrefix(file, "sitemap-articles-")
	digits, isXML := strings.CutSuffix(digits, ".xml")
	if !isArticles || !isXML || digits == "" || digits[0] == '0' {
		h.notFound(w, r)
		return
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || n > maxPage {
		h.notFound(w, r)
		return
	}
	h.showArticlesSitemap(w, r, n)
}

// showArticlesSitemap lists chunk n of the published articles; past the
// last chunk it is 404.
func (h *handler) showArticlesSitemap(w http.ResponseWriter, r *http.Request, n int) {
	ds, err := h.distribution()
	if err != nil {
		h.error(w, r, err)
		return
	}
	entries, err := ds.SitemapArticles(r.Context(), h.Now(), (n-1)*sitemapChunk, sitemapChunk)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if len(entries) == 0 {
		h.notFound(w, r)
		return
	}
	set := urlSet{Xmlns: sitemapNS}
	for _, e := range entries {
		a := warta.Article{Slug: e.Slug, PublishedAt: e.PublishedAt}
		set.URLs = append(set.URLs, sitemapURL{Loc: h.BaseURL + a.Permalink(h.Location), LastMod: lastmod(e.UpdatedAt)})
	}
	serveXML(w, r, set, entriesModified(entries))
}

// showSectionsSitemap lists the section pages.
func (h *handler) showSectionsSitemap(w http.ResponseWriter, r *http.Request) {
	sections, err := h.Store.Sections(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	set := urlSet{Xmlns: sitemapNS, URLs: []sitemapURL{}}
	for _, s := range sections {
		set.URLs = append(set.URLs, sitemapURL{Loc: h.BaseURL + "/section/" + s.Slug + "/"})
	}
	serveXML(w, r, set, time.Time{})
}

// showPagesSitemap lists the published standing pages.
func (h *handler) showPagesSitemap(w http.ResponseWriter, r *http.Request) {
	pages, err := h.Store.Pages(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	set := urlSet{Xmlns: sitemapNS, URLs: []sitemapURL{}}
	var newest time.Time
	for _, p := range pages {
		if p.Published() {
			set.URLs = append(set.URLs, sitemapURL{Loc: h.BaseURL + p.Permalink(), LastMod: lastmod(p.UpdatedAt)})
			newest = later(newest, p.UpdatedAt)
		}
	}
	serveXML(w, r, set, newest)
}

// showTagsOrAuthorsSitemap lists the tag or the author pages.
func (h *handler) showTagsOrAuthorsSitemap(w http.ResponseWriter, r *http.Request, kind string) {
	ds, err := h.distribution()
	if err != nil {
		h.error(w, r, err)
		return
	}
	var slugs []string
	if kind == "tags" {
		tags, err := ds.Tags(r.Context())
		if err != nil {
			h.error(w, r, err)
			return
		}
		for _, t := range tags {
			slugs = append(slugs, "/tag/"+t.Slug+"/")
		}
	} else {
		authors, err := ds.Authors(r.Context())
		if err != nil {
			h.error(w, r, err)
			return
		}
		for _, a := range authors {
			slugs = append(slugs, "/author/"+a.Slug+"/")
		}
	}
	set := urlSet{Xmlns: sitemapNS, URLs: []sitemapURL{}}
	for _, p := range slugs {
		set.URLs = append(set.URLs, sitemapURL{Loc: h.BaseURL + p})
	}
	serveXML(w, r, set, time.Time{})
}

// showNewsSitemap lists the articles of the last two days for Google
// News, newest first.
//
// GET /news-sitemap.xml
func (h *handler) showNewsSitemap(w http.ResponseWriter, r *http.Request) {
	now := h.Now()
	since := now.Add(-newsWindow)
	name, _ := h.siteName(r.Context())
	lang := h.Views.Catalog().Lang()
	set := urlSet{Xmlns: sitemapNS, XmlnsNews: newsNS, URLs: []sitemapURL{}}
	var newest time.Time
	f := warta.ArticleFilter{Status: warta.StatusPublished, PublishedBefore: now, Limit: warta.MaxPageSize}
	for len(set.URLs) < newsLimit {
		articles, _, err := h.Store.Articles(r.Context(), f)
		if err != nil {
			h.error(w, r, err)
			return
		}
		for _, a := range articles {
			if a.PublishedAt.Before(since) || len(set.URLs) == newsLimit {
				articles = nil // older from here on, or enough
				break
			}
			newest = later(newest, a.UpdatedAt)
			set.URLs = append(set.URLs, sitemapURL{
				Loc: h.BaseURL + a.Permalink(h.Location),
				News: &newsInfo{
					Publication:     newsPublication{Name: name, Language: lang},
					PublicationDate: a.PublishedAt.In(h.Location).Format(time.RFC3339),
					Title:           a.Headline,
				},
			})
		}
		if len(articles) < f.Limit {
			break
		}
		f.Offset += f.Limit
	}
	// Articles leave this sitemap with time, not with a write: the page
	// cache keeps it until the oldest one would.
	if oldest := len(set.URLs); oldest > 0 {
		if t, err := time.Parse(time.RFC3339, set.URLs[oldest-1].News.PublicationDate); err == nil {
			pagecache.ExpireAt(r, t.Add(newsWindow))
		}
	}
	serveXML(w, r, set, newest)
}

// entriesModified is the latest UpdatedAt among entries.
func entriesModified(entries []warta.SitemapEntry) time.Time {
	var t time.Time
	for _, e := range entries {
		t = later(t, e.UpdatedAt)
	}
	return t
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
