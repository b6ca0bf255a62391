// Package api serves Warta's REST API under /api/v1/: published articles,
// sections, tags, authors and approved comments for anyone (headless front
// ends, apps); comment posting under the comment form's rules; and, with a
// member of staff's API token, the newsroom's writes (articles through
// package newsroom, comment moderation) checked against the same
// capabilities as the newsroom's screens.
//
// Every answer is JSON. Errors are {"error": {"code", "message"}} with the
// message in the site's language; the document at /api/v1/openapi.json
// describes every route, and the tests hold the real responses to it.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"warta"
	"warta/i18n"
)

// Prefix is where the API is mounted.
const Prefix = "/api/v1/"

// Config is what the API needs.
type Config struct {
	Store    warta.Store
	BaseURL  string // absolute, without a trailing slash: links in answers use it
	Location *time.Location
	// Lang is the language of messages when the settings name none.
	Lang   string
	Now    warta.Clock
	Logger *slog.Logger
	// Secret signs comment tokens and keys avatars: the site's secret, so
	// a token from the API and one from the article page are alike.
	Secret []byte
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the reader, for comment flood limits.
	TrustedProxies []netip.Prefix
	// Render turns article Markdown into sanitised HTML (package markdown).
	Render func(src string) (string, error)
	// CORSOrigins are the origins (https://app.example) whose pages may
	// call the API from a browser; "*" allows any. Empty allows none.
	CORSOrigins []string
}

type handler struct {
	Config
}

// New returns the API's handler, for Prefix.
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
	if len(cfg.Secret) < 16 {
		panic("api: Config.Secret must be at least 16 bytes")
	}
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	return routes(&handler{Config: cfg})
}

// request is what a handler knows about the request beyond r: the site's
// settings, the catalogue of its language, and the member of staff whose
// token came with it (nil for anyone else).
type request struct {
	settings *warta.Settings
	cat      *i18n.Catalog
	user     *warta.User
}

type requestKey struct{}

// from returns the request's state, which the authenticate middleware set.
func from(r *http.Request) *request {
	if st, ok := r.Context().Value(requestKey{}).(*request); ok {
		return st
	}
	cat, _ := i18n.Get(i18n.DefaultLang)
	return &request{settings: warta.DefaultSettings(), cat: cat}
}

// load reads the settings once per request and picks the message
// language: the one staff chose in the settings, else the configured one.
func (h *handler) load(ctx context.Context) (*request, error) {
	values, err := h.Store.SettingValues(ctx)
	if err != nil {
		return nil, err
	}
	s, err := warta.ParseSettings(values)
	if err != nil {
		// A broken stored setting must not take the API down; the
		// newsroom's settings screen shows it to staff.
		s = warta.DefaultSettings()
	}
	lang := h.Lang
	if s.Language != "" {
		lang = s.Language
	}
	cat, ok := i18n.Get(lang)
	if !ok {
		cat, _ = i18n.Get(i18n.DefaultLang)
	}
	return &request{settings: s, cat: cat}, nil
}
