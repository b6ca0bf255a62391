package site_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"warta"
	"warta/pagecache"
)

// TestRedirectsFromOldAddresses checks every form of old WordPress
// address an import records: each answers 301 to its new address, from
// whichever handler would otherwise have said 404, through the page cache
// as readers reach it.
func TestRedirectsFromOldAddresses(t *testing.T) {
	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			f := newFixtureOn(t, "id", db)
			a := f.MustCreateArticle(t, "jembatan-baru", warta.StatusPublished, "Isi.")
			permalink := a.Permalink(f.loc)
			old := []warta.Redirect{
				{Path: "/2009/01/02/jembatan-lama/", Target: permalink}, // /YYYY/MM/DD/slug/ (article handler)
				{Path: "/jembatan-lama/", Target: permalink},            // /slug/ (catch-all)
				{Path: "/?p=12", Target: permalink},                     // home handler
				{Path: "/?page_id=3", Target: "/tentang-kami/"},
				{Path: "/?attachment_id=30", Target: "/media/lib/ab/ab12.jpg"},
				{Path: "/category/berita/", Target: "/section/nasional/"},
				{Path: "/category/berita/feed/", Target: "/section/nasional/feed/"},
				{Path: "/tag/Sepak_Bola/", Target: "/tag/sepak-bola/"},           // tag handler
				{Path: "/tag/Sepak_Bola/feed/", Target: "/tag/sepak-bola/feed/"}, // tag feed
				{Path: "/author/rina/", Target: "/author/rina-pertiwi/"},         // author handler
				{Path: "/section/lama/", Target: "/section/nasional/"},           // section handler
				{Path: "/wp-content/uploads/2019/03/pasar.jpg", Target: "/media/lib/ab/ab12.jpg"},
			}
			tag := &warta.Tag{Slug: "sepak-bola", Name: "Sepak bola"}
			k := warta.ImportKey{Source: "https://lama.example.id", Kind: warta.ImportTag, Key: "1"}
			if err := f.store.ImportTag(context.Background(), k, tag, old); err != nil {
				t.Fatal(err)
			}
			cached := pagecache.Middleware(pagecache.New(1<<20), f.handler)
			// The home page is in the cache before /?p=12 is asked for.
			for range 2 {
				rec := httptest.NewRecorder()
				cached.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
				if rec.Code != http.StatusOK {
					t.Fatalf("GET / = %d", rec.Code)
				}
			}
			for _, r := range old {
				for _, h := range []http.Handler{f.handler, cached} {
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest("GET", r.Path, nil))
					if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != r.Target {
						t.Errorf("GET %s = %d to %q, want 301 to %q", r.Path, rec.Code, rec.Header().Get("Location"), r.Target)
					}
				}
			}
			// Without its trailing slash, and with the plain link on another path.
			for path, want := range map[string]string{"/jembatan-lama": permalink, "/index.php?p=12": permalink} {
				rec := f.get(t, path)
				if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != want {
					t.Errorf("GET %s = %d to %q, want 301 to %q", path, rec.Code, rec.Header().Get("Location"), want)
				}
			}
			// What exists is served, what is unknown is a 404, and only
			// GET and HEAD move.
			if rec := f.get(t, permalink); rec.Code != http.StatusOK {
				t.Errorf("GET %s = %d, want 200", permalink, rec.Code)
			}
			for _, path := range []string{"/?p=13", "/tidak-ada/", "/category/lain/", "/?page_id=abc"} {
				if rec := f.get(t, path); rec.Code != http.StatusNotFound {
					t.Errorf("GET %s = %d, want 404", path, rec.Code)
				}
			}
			rec := httptest.NewRecorder()
			f.handler.ServeHTTP(rec, httptest.NewRequest("POST", "/jembatan-lama/", nil))
			if rec.Code == http.StatusMovedPermanently {
				t.Error("POST /jembatan-lama/ was redirected")
			}
		})
	}
}
