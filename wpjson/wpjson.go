// Package wpjson answers the part of the WordPress REST API that
// third-party WordPress clients read (apps, feed readers, widgets,
// syndication tools): /wp-json/ and /wp-json/wp/v2/… for posts, pages,
// categories, tags, users, media and comments, with WordPress's field
// shapes, headers and error codes, from Warta's own content. It also
// takes reader comments (POST /wp-json/wp/v2/comments) under the comment
// form's rules; see comment.go for the defences that replace the form's.
//
// Only what readers may already see is served: published articles and
// pages, approved comments, public author fields, and media that is the
// lead image of a published article. A commenter's email never appears.
package wpjson

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/i18n"
)

// Store is what the WordPress-compatible API reads, and what posting a
// comment writes through comments.Submit.
type Store interface {
	Articles(ctx context.Context, f warta.ArticleFilter) ([]*warta.Article, int, error)
	TermCounts(ctx context.Context, now time.Time) (sections, tags map[int64]int, err error)
	ArticleByID(ctx context.Context, id int64) (*warta.Article, error)
	ArticleBySlug(ctx context.Context, slug string) (*warta.Article, error)
	Search(ctx context.Context, q warta.SearchQuery, now time.Time, offset, limit int) ([]*warta.Article, int, error)
	Sections(ctx context.Context) ([]*warta.Section, error)
	Tags(ctx context.Context) ([]*warta.Tag, error)
	Authors(ctx context.Context) ([]*warta.Author, error)
	AuthorByID(ctx context.Context, id int64) (*warta.Author, error)
	PublishedMedia(ctx context.Context, now time.Time, ids []int64, offset, limit int) ([]*warta.Media, int, error)
	SettingValues(ctx context.Context) (map[string]string, error)
	Pages(ctx context.Context) ([]*warta.Page, error)
	PageByID(ctx context.Context, id int64) (*warta.Page, error)

	// Comments.
	Comments(ctx context.Context, f warta.CommentFilter) ([]*warta.Comment, int, error)
	CommentByID(ctx context.Context, id int64) (*warta.Comment, error)
	CommentByNonce(ctx context.Context, nonce string) (*warta.Comment, error)
	IsDuplicateComment(ctx context.Context, articleID int64, email, content string) (bool, error)
	Allow(ctx context.Context, key string, every time.Duration) (bool, error)
	HasApprovedComment(ctx context.Context, email string) (bool, error)
	CreateComment(ctx context.Context, c *warta.Comment) error
}

// Config is what the API needs.
type Config struct {
	Store    Store
	Location *time.Location // the site's time zone, unless the timezone setting names another
	Lang     string         // the site's language, unless the language setting names another
	BaseURL  string         // absolute, without a trailing slash
	SiteName string         // unless the site_title setting names another
	Now      warta.Clock
	Logger   *slog.Logger
	// Secret keys avatars and the comment nonce, as on the site.
	Secret         []byte
	TrustedProxies []netip.Prefix
}

type handler struct {
	Config
}

// New returns the handler for /wp-json/ and for ?rest_route= requests
// (see RestRoute).
func New(cfg Config) http.Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Lang == "" {
		cfg.Lang = i18n.DefaultLang
	}
	h := &handler{Config: cfg}
	return h.middleware(routes(h))
}

// RestRoute reports whether r asks for the API the way WordPress allows
// without pretty permalinks, /?rest_route=/wp/v2/posts: such a request
// belongs to this package, never to the page it is addressed to.
func RestRoute(r *http.Request) bool {
	return r.URL.Query().Has("rest_route")
}

// middleware turns a ?rest_route= request into its /wp-json/ path, and
// sets what every answer carries: JSON, CORS for reading (the data is
// public, as on WordPress), and our own short cache lifetime.
func (h *handler) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if RestRoute(r) {
			q := r.URL.Query()
			route := q.Get("rest_route")
			q.Del("rest_route")
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/wp-json/" + strings.TrimPrefix(route, "/")
			r2.URL.RawPath = ""
			r2.URL.RawQuery = q.Encode()
			r = r2
		}
		if p := r.URL.Path; p != "/wp-json/" && len(p) > 1 && strings.HasSuffix(p, "/") {
			// WordPress ignores a trailing slash on a route.
			r2 := r.Clone(r.Context())
			r2.URL.Path = strings.TrimRight(p, "/")
			r2.URL.RawPath = ""
			r = r2
		}
		hd := w.Header()
		hd.Set("Access-Control-Allow-Origin", "*")
		hd.Set("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link")
		if r.Method == http.MethodOptions {
			// Preflight: reading is open to every origin; writing is not
			// (see comment.go), so only GET and HEAD are offered.
			hd.Set("Access-Control-Allow-Methods", "GET, HEAD")
			hd.Set("Access-Control-Allow-Headers", "Content-Type")
			hd.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// request is what one request reads of the site's settings.
type request struct {
	settings *warta.Settings
	loc      *time.Location
	cat      *i18n.Catalog
	name     string
	now      time.Time
}

// begin reads the settings a request needs: language, time zone, title.
func (h *handler) begin(ctx context.Context) (*request, error) {
	values, err := h.Store.SettingValues(ctx)
	if err != nil {
		return nil, err
	}
	s, err := warta.ParseSettings(values)
	if err != nil {
		return nil, err
	}
	rq := &request{settings: s, loc: h.Location, name: h.SiteName, now: h.Now()}
	if s.Timezone != "" {
		if loc, err := time.LoadLocation(s.Timezone); err == nil {
			rq.loc = loc
		}
	}
	lang := h.Lang
	if s.Language != "" {
		lang = s.Language
	}
	if rq.cat, _ = i18n.Get(lang); rq.cat == nil {
		rq.cat, _ = i18n.Get(i18n.DefaultLang)
	}
	if s.SiteTitle != "" {
		rq.name = s.SiteTitle
	}
	return rq, nil
}

// apiError is WordPress's error body: {"code", "message", "data": {"status"}}.
type apiError struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Data    map[string]any `json:"data"`
}

// fail answers with a WordPress-shaped error: code is WordPress's own
// where it has one, and the message, from the catalogue key, is in the
// site's language.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, status int, code, key string, args ...any) {
	h.failData(w, r, status, code, key, nil, args...)
}

func (h *handler) failData(w http.ResponseWriter, r *http.Request, status int, code, key string, data map[string]any, args ...any) {
	cat, _ := i18n.Get(h.Lang)
	if rq, err := h.begin(r.Context()); err == nil {
		cat = rq.cat
	}
	if data == nil {
		data = map[string]any{}
	}
	data["status"] = status
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, r, status, apiError{Code: code, Message: cat.T(key, args...), Data: data})
}

// invalidParam is WordPress's answer to a query or body parameter that
// breaks its rule: 400 rest_invalid_param, naming the parameter.
func (h *handler) invalidParam(w http.ResponseWriter, r *http.Request, param string) {
	h.failData(w, r, http.StatusBadRequest, "rest_invalid_param", "wpjson.error.invalid_param",
		map[string]any{"params": map[string]string{param: h.paramMessage(r, param)}}, param)
}

func (h *handler) paramMessage(r *http.Request, param string) string {
	cat, _ := i18n.Get(h.Lang)
	if rq, err := h.begin(r.Context()); err == nil {
		cat = rq.cat
	}
	return cat.T("wpjson.error.param."+paramRule(param), param)
}

// paramRule names the rule a parameter follows, for its message.
func paramRule(param string) string {
	switch param {
	case "after", "before":
		return "date"
	case "orderby", "order":
		return "enum"
	case "per_page":
		return "per_page"
	case "author_email":
		return "email"
	case "author_url":
		return "url"
	}
	return "integer"
}

// serverError logs err and answers WordPress's generic 500.
func (h *handler) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if warta.ErrorCode(err) == warta.EUNAVAILABLE {
		h.fail(w, r, http.StatusServiceUnavailable, "rest_unavailable", "wpjson.error.unavailable")
		return
	}
	h.Logger.ErrorContext(r.Context(), "wpjson", "method", r.Method, "path", r.URL.Path, "err", err)
	h.fail(w, r, http.StatusInternalServerError, "rest_internal_error", "wpjson.error.internal")
}

// writeJSON writes v with status. Public answers may be kept a minute by
// browsers and proxies; they bypass the page cache, which has no tags for
// these lists (see README).
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	// WordPress writes HTML in JSON as it is, not as \u003c escapes;
	// the Content-Type and nosniff keep a browser from reading it as HTML.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"code":"rest_internal_error","message":"internal error","data":{"status":500}}`)
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=UTF-8")
	if hd.Get("Cache-Control") == "" {
		hd.Set("Cache-Control", "public, max-age=60")
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
