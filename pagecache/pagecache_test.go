package pagecache_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"warta/pagecache"
)

// page is a test handler: it serves "page <path> render <n>" padded past
// the gzip threshold, tagged with the ?tag= of its registration.
func page(renders *atomic.Int64, tags ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := renders.Add(1)
		pagecache.Tag(r, tags...)
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		body := "page " + r.URL.Path + " render " + string(rune('0'+n%10)) + strings.Repeat(" x", 400)
		if c, err := r.Cookie("warta_session"); err == nil {
			body += " PERSONAL-" + c.Value
		}
		w.Write([]byte(body))
	})
}

func get(t *testing.T, h http.Handler, target string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHitMissAndInvalidation(t *testing.T) {
	var renders atomic.Int64
	c := pagecache.New(1 << 20)
	h := pagecache.Middleware(c, page(&renders, "article:1", "global"))
	if got := get(t, h, "/a/").Header().Get(pagecache.StatusHeader); got != "miss" {
		t.Fatalf("first = %q, want miss", got)
	}
	w := get(t, h, "/a/")
	if got := w.Header().Get(pagecache.StatusHeader); got != "hit" {
		t.Fatalf("second = %q, want hit", got)
	}
	if got, want := w.Header().Get("Cache-Control"), "public, max-age=60"; got != want {
		t.Errorf("Cache-Control on hit = %q, want %q", got, want)
	}
	c.InvalidateTags("article:2")
	if got := get(t, h, "/a/").Header().Get(pagecache.StatusHeader); got != "hit" {
		t.Errorf("after an unrelated invalidation = %q, want hit", got)
	}
	c.InvalidateTags("article:1")
	if got := get(t, h, "/a/").Header().Get(pagecache.StatusHeader); got != "miss" {
		t.Errorf("after invalidation = %q, want miss", got)
	}
	if got, want := renders.Load(), int64(2); got != want {
		t.Errorf("renders = %d, want %d", got, want)
	}
}

func TestGzipIdentityAnd304FromOneEntry(t *testing.T) {
	var renders atomic.Int64
	h := pagecache.Middleware(pagecache.New(1<<20), page(&renders, "x"))
	gz := get(t, h, "/p/", "Accept-Encoding", "gzip")
	if gz.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzip request got Content-Encoding %q", gz.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	plain := get(t, h, "/p/", "Accept-Encoding", "identity;q=1, gzip;q=0")
	if plain.Header().Get("Content-Encoding") != "" || plain.Body.String() != string(unzipped) {
		t.Errorf("identity response differs from the gzip one")
	}
	weird := get(t, h, "/p/", "Accept-Encoding", "br;q=1, *;q=0.1, gzip;q=0")
	if weird.Header().Get("Content-Encoding") != "" {
		t.Errorf("weird Accept-Encoding got %q", weird.Header().Get("Content-Encoding"))
	}
	nm := get(t, h, "/p/", "If-None-Match", plain.Header().Get("ETag"))
	if nm.Code != http.StatusNotModified {
		t.Errorf("conditional = %d, want 304", nm.Code)
	}
	if got := renders.Load(); got != 1 {
		t.Errorf("renders = %d, want 1", got)
	}
}

func TestSingleFlight(t *testing.T) {
	var renders atomic.Int64
	release := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		page(&renders, "x").ServeHTTP(w, r)
	})
	cache := pagecache.New(1 << 20)
	h := pagecache.Middleware(cache, slow)
	var wg sync.WaitGroup
	codes := make([]int, 20)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = get(t, h, "/hot/").Code
		}()
	}
	for cache.Stats().Misses < int64(len(codes)) {
		runtime.Gosched() // wait until every request has joined
	}
	close(release)
	wg.Wait()
	if got := renders.Load(); got != 1 {
		t.Errorf("renders = %d, want 1", got)
	}
	for i, code := range codes {
		if code != 200 {
			t.Errorf("request %d: %d", i, code)
		}
	}
}

func TestEvictionByBytes(t *testing.T) {
	var renders atomic.Int64
	c := pagecache.New(8 * 1500) // a page is about 1.3 KB with its gzip
	h := pagecache.Middleware(c, page(&renders, "x"))
	for _, p := range []string{"/1/", "/2/", "/3/", "/4/", "/5/", "/6/", "/7/", "/8/", "/9/", "/10/"} {
		get(t, h, p)
	}
	if s := c.Stats(); s.Bytes > 8*1500 || s.Evictions == 0 {
		t.Errorf("stats = %+v, want bounded bytes and evictions", s)
	}
	if got := get(t, h, "/1/").Header().Get(pagecache.StatusHeader); got != "miss" {
		t.Errorf("oldest page = %q, want miss (evicted)", got)
	}
	if got := get(t, h, "/10/").Header().Get(pagecache.StatusHeader); got != "hit" {
		t.Errorf("newest page = %q, want hit", got)
	}
}

func TestBypassAndPoisoning(t *testing.T) {
	var renders atomic.Int64
	c := pagecache.New(1 << 20)
	h := pagecache.Middleware(c, page(&renders, "x"))
	cases := []struct {
		name   string
		target string
		hdr    []string
		want   string
	}{
		{"session cookie", "/p/", []string{"Cookie", "warta_session=SECRET"}, "bypass"},
		{"own comments", "/p/", []string{"Cookie", "warta_own_comments=1"}, "bypass"},
		{"commenter", "/p/", []string{"Cookie", "warta_commenter=n%3Dx"}, "bypass"},
		{"replyto", "/p/?replyto=3", nil, "bypass"},
		{"editcomment", "/p/?editcomment=3", nil, "bypass"},
		{"comment notice", "/p/?comment=edited", nil, "bypass"},
		{"unknown param", "/p/?utm_source=x", nil, "bypass"},
		{"page twice", "/p/?page=2&page=3", nil, "bypass"},
		{"page with zero", "/p/?page=02", nil, "bypass"},
		{"other cookie", "/p/", []string{"Cookie", "theme=dark"}, "hit"},
		{"evil host", "/p/", []string{"Host", "evil.example"}, "hit"},
		{"forwarded", "/p/", []string{"X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "gopher"}, "hit"},
		{"page 2", "/p/?page=2", nil, "miss"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, h, tc.target, tc.hdr...)
			if got := w.Header().Get(pagecache.StatusHeader); got != tc.want {
				t.Errorf("%s: %q, want %q", tc.target, got, tc.want)
			}
			anon := get(t, h, "/p/")
			if strings.Contains(anon.Body.String(), "PERSONAL") || strings.Contains(anon.Body.String(), "evil") {
				t.Errorf("anonymous reader got personal content after %s", tc.name)
			}
		})
	}
	r := httptest.NewRequest("POST", "/p/", nil)
	if _, ok := pagecache.Key(r); ok {
		t.Error("POST has a cache key")
	}
}

func TestManyQueryStringsDoNotEvict(t *testing.T) {
	var renders atomic.Int64
	c := pagecache.New(1 << 20)
	h := pagecache.Middleware(c, page(&renders, "x"))
	get(t, h, "/hot/")
	for i := range 10000 {
		get(t, h, "/hot/?x"+strings.Repeat("a", i%7)+string(rune('a'+i%26))+"="+string(rune('0'+i%10)))
	}
	if got := get(t, h, "/hot/").Header().Get(pagecache.StatusHeader); got != "hit" {
		t.Errorf("hot page after 10000 query strings = %q, want hit", got)
	}
}

func TestUntaggedOrPrivateNotCached(t *testing.T) {
	var renders atomic.Int64
	c := pagecache.New(1 << 20)
	untagged := pagecache.Middleware(c, page(&renders))
	get(t, untagged, "/u/")
	if got := get(t, untagged, "/u/").Header().Get(pagecache.StatusHeader); got == "hit" {
		t.Error("untagged page was cached")
	}
	cookie := pagecache.Middleware(c, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pagecache.Tag(r, "x")
		w.Header().Set("Cache-Control", "public")
		w.Header().Set("Content-Type", "text/plain")
		http.SetCookie(w, &http.Cookie{Name: "a", Value: "b"})
		w.Write([]byte("hi"))
	}))
	get(t, cookie, "/c/")
	if got := get(t, cookie, "/c/").Header().Get(pagecache.StatusHeader); got == "hit" {
		t.Error("a response setting a cookie was cached")
	}
}
