package static_test

import (
	"net/http/httptest"
	"regexp"
	"testing"

	"warta/static"
)

func TestHashedNamesAreCachedForAYear(t *testing.T) {
	a := static.New()
	css := a.Path("warta.css")
	if !regexp.MustCompile(`^/static/warta\.[0-9a-f]{10}\.css$`).MatchString(css) {
		t.Fatalf("Path(warta.css) = %q, want a content-hashed name", css)
	}
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest("GET", css, nil))
	if rec.Code != 200 || rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("GET %s: %d, Cache-Control %q", css, rec.Code, rec.Header().Get("Cache-Control"))
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/css; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	for _, path := range []string{"/static/warta.css", "/static/warta.0000000000.css"} {
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 404 {
			t.Errorf("GET %s = %d, want 404: only the current hash is served", path, rec.Code)
		}
	}
}

func TestUnknownAssetPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Path of an unknown file did not panic")
		}
	}()
	static.New().Path("nope.css")
}
