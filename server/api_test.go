package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"warta/pagecache"
	"warta/server"
	"warta/static"
)

// TestAPIBesideThePageCache: the API is mounted beside the page cache, so
// not even an answer that declares itself shareable is kept there; the
// API's own Cache-Control decides what browsers and proxies keep.
func TestAPIBesideThePageCache(t *testing.T) {
	calls := 0
	apiHandler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		pagecache.Tag(r, "global")
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Write([]byte(`{"items": []}`))
	})
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	h := server.New(server.Config{
		Site: site, API: apiHandler, Static: static.New(), MediaDir: t.TempDir(), DB: &pinger{},
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		PageCache: pagecache.New(1 << 20),
	})
	for i, auth := range []string{"", "", "Bearer wrt_x", "Bearer wrt_x"} {
		req := httptest.NewRequest("GET", "/api/v1/articles", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Header().Get(pagecache.StatusHeader) != "" {
			t.Errorf("request %d: %d, %s %q; want 200 and no page cache", i, rec.Code, pagecache.StatusHeader, rec.Header().Get(pagecache.StatusHeader))
		}
	}
	if calls != 4 {
		t.Errorf("the API answered %d of 4 requests; the rest came from a cache", calls)
	}
	// Without an API, /api/v1/ is the site's like any other address.
	h = server.New(server.Config{Site: site, Static: static.New(), MediaDir: t.TempDir(), DB: &pinger{},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if rec := serve(h, "/api/v1/articles"); rec.Code != 404 {
		t.Errorf("no API: %d", rec.Code)
	}
}
