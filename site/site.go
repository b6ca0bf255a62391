// Package site serves the public reading site: the home page, articles,
// and the section, tag and author lists. Pages are rendered on the server
// and work without JavaScript.
package site

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"warta"
	"warta/respond"
	"warta/view"
)

// Store is what the public site reads. It is a subset of warta.Store, so
// tests can hand in anything that reads like a real store.
type Store interface {
	ArticleBySlug(ctx context.Context, slug string) (*warta.Article, error)
	Articles(ctx context.Context, f warta.ArticleFilter) ([]*warta.Article, int, error)
	SectionBySlug(ctx context.Context, slug string) (*warta.Section, error)
	Sections(ctx context.Context) ([]*warta.Section, error)
	PageBySlug(ctx context.Context, slug string) (*warta.Page, error)
	Pages(ctx context.Context) ([]*warta.Page, error)
	MenuPages(ctx context.Context) ([]*warta.Page, error)
	TagBySlug(ctx context.Context, slug string) (*warta.Tag, error)
	AuthorBySlug(ctx context.Context, slug string) (*warta.Author, error)
	Ping(ctx context.Context) error

	// Comments.
	ArticleByID(ctx context.Context, id int64) (*warta.Article, error)
	Thread(ctx context.Context, articleID int64, offset, limit int) ([]*warta.Comment, int, error)
	CommentByID(ctx context.Context, id int64) (*warta.Comment, error)
	CommentByNonce(ctx context.Context, nonce string) (*warta.Comment, error)
	CreateComment(ctx context.Context, c *warta.Comment) error
	UpdateComment(ctx context.Context, c *warta.Comment) error
	HasApprovedComment(ctx context.Context, email string) (bool, error)
	IsDuplicateComment(ctx context.Context, articleID int64, email, content string) (bool, error)
	Allow(ctx context.Context, key string, every time.Duration) (bool, error)
	SettingValues(ctx context.Context) (map[string]string, error)
	Corrections(ctx context.Context, articleID int64) ([]*warta.Correction, error)

	// Search.
	Search(ctx context.Context, q warta.SearchQuery, now time.Time, offset, limit int) ([]*warta.Article, int, error)
	Related(ctx context.Context, a *warta.Article, limit int) ([]*warta.Article, error)

	// Old addresses (see redirect.go).
	RedirectFor(ctx context.Context, path string) (string, error)
}

// Config is what the site needs to serve pages.
type Config struct {
	Store    Store
	Views    *view.Engine
	Location *time.Location // the site's time zone, for dates and permalinks
	BaseURL  string         // absolute, without a trailing slash: "https://warta.example"
	SiteName string
	Now      warta.Clock
	Logger   *slog.Logger
	// Secret signs comment forms and cookies and keys avatars. It is the
	// same for every process of a site (it lives in the database).
	Secret []byte
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed when finding a reader's IP address.
	TrustedProxies []netip.Prefix
	// ViewSet, when given, lets the site's language and time zone settings
	// replace Views and Location per request.
	ViewSet *view.Set
}

// PageSize is how many articles a list page shows.
const PageSize = 20

// maxPage bounds ?page=N: deeper than this is a crafted URL, not a reader.
const maxPage = 100000

type handler struct {
	Config
}

// New returns the public site's handler.
func New(cfg Config) http.Handler {
	if len(cfg.Secret) < 16 {
		// A program error, not an operator's: cmd/warta always passes one.
		panic("site: Config.Secret must be at least 16 bytes")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	h := &handler{Config: cfg}
	if cfg.ViewSet == nil {
		return withSettingsMemo(routes(h))
	}
	return withSettingsMemo(view.PerLocale(cfg.ViewSet, h.locale, func(e *view.Engine) http.Handler {
		local := *h
		local.Views, local.Location = e, e.Location()
		return routes(&local)
	}, routes(h)))
}

// locale returns the language and time zone staff chose in the settings,
// or the ones the site was started with.
func (h *handler) locale(r *http.Request) (string, *time.Location) {
	values, err := h.settingValues(r.Context())
	if err != nil {
		values = nil // the page itself will report the database
	}
	return view.Locale(values, h.Views.Catalog().Lang(), h.Location)
}

// page fills the parts of a page that every page shares.
func (h *handler) page(ctx context.Context, title, description, path, current string) (view.Page, error) {
	sections, err := h.Store.Sections(ctx)
	if err != nil {
		return view.Page{}, err
	}
	menu, err := h.footerMenu(ctx)
	if err != nil {
		return view.Page{}, err
	}
	name, tagline := h.SiteName, ""
	if values, err := h.settingValues(ctx); err == nil {
		if s, err := warta.ParseSettings(values); err == nil {
			if s.SiteTitle != "" {
				name = s.SiteTitle // set by staff under Settings; --site-name is the default
			}
			tagline = s.SiteTagline
		}
	}
	p := view.Page{
		SiteName:    name,
		Tagline:     tagline,
		Title:       title,
		Description: description,
		Canonical:   h.BaseURL + path,
		Sections:    sections,
		Current:     current,
		FooterMenu:  menu,
	}
	h.baseMeta(&p)
	return p, nil
}

// render renders a page and serves it with validators for 304s.
func (h *handler) render(w http.ResponseWriter, r *http.Request, name string, data any, modTime time.Time) {
	b, err := h.Views.Render(name, data)
	if err != nil {
		h.error(w, r, err)
		return
	}
	// Every reader gets the same page, so shared caches may keep it, but
	// must ask again before reusing it (the ETag makes that cheap) unless
	// the handler shared it for longer (see share).
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "public, no-cache")
	}
	respond.HTML(w, r, http.StatusOK, b, modTime)
}

// errorPage is the data of the error template.
type errorPage struct {
	view.Page
	Status  int
	Heading string
	Message string
}

// error answers with the error page for err, in the site's language.
// Internal errors are logged and shown without details; when the database
// does not answer, the reader gets 503 and is told to retry.
func (h *handler) error(w http.ResponseWriter, r *http.Request, err error) {
	status := respond.Status(err)
	if status == http.StatusInternalServerError && !errors.Is(err, context.Canceled) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2*time.Second)
		if h.Store.Ping(ctx) != nil {
			status = http.StatusServiceUnavailable
		}
		cancel()
	}
	if status >= 500 {
		h.Logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	h.errorStatus(w, r, status)
}

// errorStatus renders the error page for an HTTP status. A 404 first
// looks for a redirect from the address, so every "not found" of the
// site, whichever handler finds it, keeps old links working.
func (h *handler) errorStatus(w http.ResponseWriter, r *http.Request, status int) {
	if status == http.StatusNotFound && h.redirectOld(w, r) {
		return
	}
	h.errorPage(w, r, status, "")
}

// errorPage renders the error page for an HTTP status, with the text of
// message key msg instead of the status's usual explanation when given.
func (h *handler) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	cat := h.Views.Catalog()
	key := "error." + strconv.Itoa(status)
	if !cat.Has(key + ".title") {
		key = "error.500"
	}
	p := errorPage{
		Page:    view.Page{SiteName: h.SiteName, Title: cat.T(key + ".title")},
		Status:  status,
		Heading: cat.T(key + ".title"),
		Message: cat.T(key + ".body"),
	}
	if msg != "" {
		p.Message = cat.T(msg)
	}
	p.Description = p.Message
	h.baseMeta(&p.Page)
	// Navigation helps a reader who hit a dead link, but it is not worth a
	// second failure when the database is what failed.
	if status < 500 {
		if sections, err := h.Store.Sections(r.Context()); err == nil {
			p.Sections = sections
		}
		if menu, err := h.footerMenu(r.Context()); err == nil {
			p.FooterMenu = menu
		}
	}
	b, err := h.Views.Render("errors/error", p)
	if err != nil {
		h.Logger.Error("render error page", "err", err)
		http.Error(w, p.Heading, status)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "10")
	}
	respond.HTML(w, r, status, b, time.Time{})
}

// pageNumber reads ?page=N; see pageParam.
func pageNumber(r *http.Request) (int, error) { return pageParam(r, "page") }

// pageParam reads a page number from the query: absent means 1; anything
// but a whole number from 1 to maxPage is a bad request.
func pageParam(r *http.Request, name string) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxPage {
		return 0, warta.Errorf(warta.EINVALID, "%s %q is not a page number", name, s)
	}
	return n, nil
}

// respondBytes serves generated bytes with validators; see respond.Write.
func respondBytes(w http.ResponseWriter, r *http.Request, contentType string, b []byte) {
	respond.Write(w, r, http.StatusOK, respond.NewBody(contentType, b, time.Time{}))
}

// respondHTML serves a rendered page; see respond.HTML.
func respondHTML(w http.ResponseWriter, r *http.Request, status int, b []byte, modTime time.Time) {
	respond.HTML(w, r, status, b, modTime)
}

// commentConfig returns the site's settings and its secret.
func (h *handler) commentConfig(ctx context.Context) (*warta.Settings, []byte, error) {
	values, err := h.settingValues(ctx)
	if err != nil {
		return nil, nil, err
	}
	s, err := warta.ParseSettings(values)
	if err != nil {
		return nil, nil, err
	}
	return s, h.Secret, nil
}

// pager is the data of the pagination partial.
type pager struct {
	Page, Pages  int
	Newer, Older string
}

func newPager(path string, page, total int) pager {
	p := pager{Page: page, Pages: (total + PageSize - 1) / PageSize}
	if page > 1 {
		p.Newer = pagePath(path, page-1)
	}
	if page < p.Pages {
		p.Older = pagePath(path, page+1)
	}
	return p
}

// pagePath is the URL of page n of the list at path; page 1 has no query
// so that it has exactly one address.
func pagePath(path string, n int) string {
	if n <= 1 {
		return path
	}
	return path + "?page=" + strconv.Itoa(n)
}

// newest returns the latest UpdatedAt among articles, for Last-Modified.
func newest(articles ...*warta.Article) time.Time {
	var t time.Time
	for _, a := range articles {
		if a != nil && a.UpdatedAt.After(t) {
			t = a.UpdatedAt
		}
	}
	return t
}
