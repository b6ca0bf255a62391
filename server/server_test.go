package server_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"warta/server"
	"warta/static"
)

type pinger struct{ err error }

func (p *pinger) Ping(context.Context) error { return p.err }

func newServer(t *testing.T, db *pinger, site http.Handler) (http.Handler, string) {
	t.Helper()
	media := t.TempDir()
	if err := os.MkdirAll(filepath.Join(media, "demo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(media, "demo", "a.jpg"), []byte("\xff\xd8\xff jpeg"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := server.New(server.Config{
		Site:     site,
		Static:   static.New(),
		MediaDir: media,
		DB:       db,
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	return h, media
}

func serve(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec
}

func TestProbes(t *testing.T) {
	db := &pinger{}
	h, _ := newServer(t, db, http.NotFoundHandler())
	if rec := serve(h, "/readyz"); rec.Code != 200 {
		t.Errorf("/readyz with the database up = %d", rec.Code)
	}
	db.err = errors.New("connection refused")
	if rec := serve(h, "/readyz"); rec.Code != 503 {
		t.Errorf("/readyz with the database down = %d, want 503", rec.Code)
	}
	if rec := serve(h, "/healthz"); rec.Code != 200 {
		t.Errorf("/healthz with the database down = %d, want 200", rec.Code)
	}
}

func TestEveryResponseCarriesSecurityHeaders(t *testing.T) {
	h, _ := newServer(t, &pinger{}, http.NotFoundHandler())
	for _, path := range []string{"/", "/healthz", "/media/demo/a.jpg", "/nope"} {
		rec := serve(h, path)
		csp := rec.Header().Get("Content-Security-Policy")
		if csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff or Referrer-Policy", path)
		}
	}
}

func TestMedia(t *testing.T) {
	h, _ := newServer(t, &pinger{}, http.NotFoundHandler())
	if rec := serve(h, "/media/demo/a.jpg"); rec.Code != 200 || rec.Header().Get("Content-Type") != "image/jpeg" {
		t.Errorf("media file: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	for _, path := range []string{"/media/", "/media/demo/", "/media/demo", "/media/missing.jpg"} {
		if rec := serve(h, path); rec.Code != 404 {
			t.Errorf("GET %s = %d, want 404 (no listings, no guessing)", path, rec.Code)
		}
	}
}

func TestPanicBecomes500(t *testing.T) {
	h, _ := newServer(t, &pinger{}, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := serve(h, "/")
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("panic: %d %q; want 500 without details", rec.Code, rec.Body.String())
	}
}
