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
	// Current is the slug of the section being shown, for aria-current.
	Current string
}

// Assets resolves an embedded file's name to its content-hashed URL.
type Assets interface {
	Path(name string) string
}

// Engine renders pages in one language.
type Engine struct {
	pages map[string]*template.Template
	cat   *i18n.Catalog
	loc   *time.Location
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
	e := &Engine{pages: map[string]*template.Template{}, cat: cat, loc: loc}
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
