package view

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"warta/i18n"
)

// Set keeps one Engine per language and time zone, parsed the first time
// a page asks for it, so that staff can change the site's language or
// time zone in the settings and the next page follows, on every process,
// without a restart. Parsing happens once per pair, never per request.
type Set struct {
	assets Assets
	mu     sync.Mutex
	byKey  map[string]*Engine
}

// NewSet returns an empty set over the given assets.
func NewSet(assets Assets) *Set {
	return &Set{assets: assets, byKey: map[string]*Engine{}}
}

// Engine returns the engine for lang and loc, parsing it on first use.
func (s *Set) Engine(lang string, loc *time.Location) (*Engine, error) {
	key := lang + "|" + loc.String()
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byKey[key]; ok {
		return e, nil
	}
	cat, ok := i18n.Get(lang)
	if !ok {
		return nil, fmt.Errorf("view: no catalogue for language %q", lang)
	}
	e, err := New(cat, s.assets, loc)
	if err != nil {
		return nil, err
	}
	s.byKey[key] = e
	return e, nil
}

// PerLocale serves each request with the handler built for the language
// and time zone that locale reports for it (from the site's settings):
// build makes that handler once per pair, from its engine. When the
// pair's templates cannot be had, fallback serves.
func PerLocale(set *Set, locale func(*http.Request) (lang string, loc *time.Location), build func(*Engine) http.Handler, fallback http.Handler) http.Handler {
	var mu sync.Mutex
	built := map[*Engine]http.Handler{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang, loc := locale(r)
		e, err := set.Engine(lang, loc)
		if err != nil {
			fallback.ServeHTTP(w, r)
			return
		}
		mu.Lock()
		h, ok := built[e]
		if !ok {
			h = build(e)
			built[e] = h
		}
		mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// Locale applies the site_language and site_timezone settings (as stored
// text) over the defaults lang and loc; an empty or unusable setting keeps
// the default.
func Locale(settings map[string]string, lang string, loc *time.Location) (string, *time.Location) {
	if v := settings["site_language"]; v != "" {
		if _, ok := i18n.Get(v); ok {
			lang = v
		}
	}
	if v := settings["site_timezone"]; v != "" {
		if l, err := time.LoadLocation(v); err == nil {
			loc = l
		}
	}
	return lang, loc
}
