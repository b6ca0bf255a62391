package site

import (
	"context"
	"net/http"
	"sync"
)

// settingsMemo holds a request's settings, read once: the locale, the
// page frame, the comment rules and the cache headers all need them, and
// reading the table four times per page is four queries for one answer.
type settingsMemo struct {
	once   sync.Once
	values map[string]string
	err    error
}

type settingsKey struct{}

// withSettingsMemo gives each request a place to keep its settings.
func withSettingsMemo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), settingsKey{}, &settingsMemo{})))
	})
}

// settingValues returns the site's settings as stored text, read at most
// once per request. The map is shared: callers must not change it.
func (h *handler) settingValues(ctx context.Context) (map[string]string, error) {
	m, ok := ctx.Value(settingsKey{}).(*settingsMemo)
	if !ok {
		return h.Store.SettingValues(ctx)
	}
	m.once.Do(func() { m.values, m.err = h.Store.SettingValues(ctx) })
	return m.values, m.err
}
