// Package view renders Warta's HTML pages from html/template files that
// are embedded in the binary and parsed once, at start.
//
// Each page is one file under templates/site or templates/errors; it
// defines "title" and "content" and is parsed together with the layout and
// every partial. A site speaks one language, so the templates are parsed
// with that language's text bound to {{t}}: nothing is cloned per request.
package view

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/i18n"
)

//go:embed templates
var files embed.FS

// Page is what every page shows besides its own content. Page structs in
// the surface packages embed it.
type Page struct {
	SiteName    string
	Tagline     string // empty means the catalogue's default tagline
	Title       string // the page's own title; the layout adds the site name
	Description string
	// Canonical is the page's absolute canonical URL.
	Canonical string
	// Sections fill the navigation bar.
	Sections []*warta.Section
	// Current is the slug of the section being shown, or the path of the
	// standing page, for aria-current.
	Current string
	// FooterMenu links the standing pages editors put in the footer.
	FooterMenu []Link
	// Meta is how the page describes itself to search engines, feed
	// readers and link previews; package site fills it (site/meta.go).
	Meta Meta
}

// Meta is a page's metadata beyond its title and description. Every URL
// in it is absolute. The zero value shows nothing.
type Meta struct {
	Type    string // og:type: "website", or "article" on articles
	Locale  string // og:locale: "id_ID", "en_US"
	Image   Image  // og:image and twitter:image; no URL means none
	Article *ArticleMeta
	// Feeds are announced with <link rel="alternate"> for autodiscovery.
	Feeds []Feed
	// JSONLD are schema.org objects. The layout puts each in its own
	// <script type="application/ld+json">, where html/template marshals
	// it with encoding/json, which escapes <, > and &: nothing in them
	// can close the element.
	JSONLD []any
	// Share are plain links that share the page elsewhere.
	Share []Link
}

// Image is an absolute image URL with its size and text alternative.
type Image struct {
	URL           string
	Width, Height int
	Alt           string
}

// ArticleMeta are the OpenGraph article:* properties.
type ArticleMeta struct {
	Published, Modified time.Time
	Section             string
	Tags                []string // names
	Authors             []string // absolute author page URLs
}

// Feed is a feed of the page, or of the site.
type Feed struct {
	Format string // "rss", "atom" or "json" (JSON Feed)
	Title  string
	URL    string
}

// Link is a labelled link; Class names it for the stylesheet.
type Link struct {
	Label, URL, Class string
}

// Assets resolves an embedded file's name to its content-hashed URL.
type Assets interface {
	Path(name string) string
}

// Engine renders pages in one language.
type Engine struct {
	pages  map[string]*template.Template
	cat    *i18n.Catalog
	loc    *time.Location
	assets Assets
}

// New parses every template with the text of cat and dates in loc. It
// fails if any template is broken, so that a mistake stops the program
// at start instead of showing a reader an error.
func New(cat *i18n.Catalog, assets Assets, loc *time.Location) (*Engine, error) {
	funcs := template.FuncMap{
		"t":        cat.T,
		"lang":     cat.Lang,
		"asset":    assets.Path,
		"datetime": func(t time.Time) string { return cat.DateTime(t, loc) },
		"date":     func(t time.Time) string { return cat.Date(t, loc) },
		"isotime":  func(t time.Time) string { return t.In(loc).Format(time.RFC3339) },
		"permalink": func(a *warta.Article) string {
			return a.Permalink(loc)
		},
		"media":       func(p string) string { return "/media/" + strings.TrimPrefix(p, "/") },
		"sectionPath": func(slug string) string { return "/section/" + slug + "/" },
		"tagPath":     func(slug string) string { return "/tag/" + slug + "/" },
		"authorPath":  func(slug string) string { return "/author/" + slug + "/" },
		"add":         func(a, b int) int { return a + b },
		"sub":         func(a, b int) int { return a - b },
		"inputtime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format("2006-01-02T15:04")
		},
		"srcset": func(img warta.Image) string {
			var parts []string
			for _, v := range img.Variants {
				parts = append(parts, "/media/"+v.Path+" "+strconv.Itoa(v.Width)+"w")
			}
			if len(parts) > 0 && img.Width > 0 {
				parts = append(parts, "/media/"+img.Path+" "+strconv.Itoa(img.Width)+"w")
			}
			return strings.Join(parts, ", ")
		},
		"last": func(i, n int) bool { return i == n-1 },
	}
	common := []string{"templates/layout/*.html", "templates/partials/*.html"}
	e := &Engine{pages: map[string]*template.Template{}, cat: cat, loc: loc, assets: assets}
	for _, dir := range []string{"templates/site", "templates/errors", "templates/admin"} {
		pages, err := fs.Glob(files, dir+"/*.html")
		if err != nil {
			return nil, err
		}
		for _, p := range pages {
			tpl, err := template.New(path.Base(p)).Funcs(funcs).ParseFS(files, append([]string{p}, common...)...)
			if err != nil {
				return nil, fmt.Errorf("view: parse %s: %w", p, err)
			}
			name := path.Base(path.Dir(p)) + "/" + strings.TrimSuffix(path.Base(p), ".html")
			e.pages[name] = tpl
		}
	}
	return e, nil
}

// Catalog returns the language the engine renders in.
func (e *Engine) Catalog() *i18n.Catalog { return e.cat }

// Asset returns the content-hashed path of an embedded file, as the
// templates' {{asset}} does, for URLs built in Go (the JSON-LD logo).
func (e *Engine) Asset(name string) string { return e.assets.Path(name) }

// Location returns the time zone the engine shows dates in.
func (e *Engine) Location() *time.Location { return e.loc }

// Render renders the page named like "site/article" with data and returns
// the bytes. Rendering into memory first means a template error can never
// leave half a page on the wire.
func (e *Engine) Render(page string, data any) ([]byte, error) {
	tpl, ok := e.pages[page]
	if !ok {
		return nil, fmt.Errorf("view: no page %q", page)
	}
	layout := "layout"
	if strings.HasPrefix(page, "admin/") {
		layout = "admin_layout" // the newsroom's own frame: its navigation, no reader chrome
	}
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, layout, data); err != nil {
		return nil, fmt.Errorf("view: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}

// Pages returns the names of every page the engine knows.
func (e *Engine) Pages() []string {
	var out []string
	for name := range e.pages {
		out = append(out, name)
	}
	return out
}
