package site_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/site"
)

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	newsNS    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// The sitemap documents as a crawler reads them, namespaces included.
type (
	sitemapIndexDoc struct {
		XMLName  xml.Name
		Sitemaps []struct {
			Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
	}
	urlSetDoc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
			News    *struct {
				Name            string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>name"`
				Language        string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>language"`
				PublicationDate string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
				Title           string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
			} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
)

// setHook sets a package test hook for the rest of the test.
func setHook(t *testing.T, p *int, v int) {
	t.Helper()
	old := *p
	*p = v
	t.Cleanup(func() { *p = old })
}

// fetchXML gets path, checks it is served as XML, and decodes it into v.
func (f *fixture) fetchXML(t *testing.T, path string, v any) []byte {
	t.Helper()
	rec := f.get(t, path)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d, want 200", path, rec.Code)
	}
	if got, want := rec.Header().Get("Content-Type"), "application/xml; charset=utf-8"; got != want {
		t.Errorf("GET %s: Content-Type = %q, want %q", path, got, want)
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v\n%s", path, err, rec.Body)
	}
	return rec.Body.Bytes()
}

// publishAt creates a published article and moves its publication to at.
// The clock moves a minute first, so every article has its own UpdatedAt.
func (f *fixture) publishAt(t *testing.T, slug string, at time.Time) *warta.Article {
	t.Helper()
	f.clock.Advance(time.Minute)
	a := f.MustCreateArticle(t, slug, warta.StatusPublished, "Isi.")
	a.PublishedAt = at
	if err := f.store.UpdateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func w3c(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func TestSitemaps(t *testing.T) {
	forEachDB(t, "en", func(t *testing.T, f *fixture) {
		setHook(t, site.SitemapChunk, 2)
		ctx := context.Background()
		base := "https://warta.example"
		tag := warta.Tag{Slug: "banjir", Name: "Banjir"}
		if err := f.store.CreateTag(ctx, &tag); err != nil {
			t.Fatal(err)
		}
		// Five articles, created out of order; chunks go oldest first.
		day := 24 * time.Hour
		e := f.publishAt(t, "lima", f.now.Add(-1*day))
		a := f.publishAt(t, "satu", f.now.Add(-5*day))
		c := f.publishAt(t, "tiga", f.now.Add(-3*day))
		b := f.publishAt(t, "dua", f.now.Add(-4*day))
		d := f.publishAt(t, "empat", f.now.Add(-2*day))
		f.MustCreateArticle(t, "draf", warta.StatusDraft, "Belum.")
		f.publishAt(t, "besok", f.now.Add(day)) // not yet
		chunks := [][]*warta.Article{{a, b}, {c, d}, {e}}

		var idx sitemapIndexDoc
		f.fetchXML(t, "/sitemap.xml", &idx)
		if got, want := idx.XMLName, (xml.Name{Space: sitemapNS, Local: "sitemapindex"}); got != want {
			t.Errorf("index root = %v, want %v", got, want)
		}
		var locs []string
		for _, s := range idx.Sitemaps {
			locs = append(locs, s.Loc)
		}
		want := []string{base + "/sitemap-articles-1.xml", base + "/sitemap-articles-2.xml", base + "/sitemap-articles-3.xml",
			base + "/sitemap-sections.xml", base + "/sitemap-tags.xml", base + "/sitemap-authors.xml", base + "/sitemap-pages.xml"}
		if strings.Join(locs, " ") != strings.Join(want, " ") {
			t.Fatalf("index lists %q, want %q", locs, want)
		}
		for i, chunk := range chunks {
			var newest time.Time
			for _, x := range chunk {
				if x.UpdatedAt.After(newest) {
					newest = x.UpdatedAt
				}
			}
			if got := idx.Sitemaps[i].LastMod; got != w3c(newest) {
				t.Errorf("sitemap %d lastmod = %q, want %q", i+1, got, w3c(newest))
			}

			var set urlSetDoc
			path := "/sitemap-articles-" + strconv.Itoa(i+1) + ".xml"
			f.fetchXML(t, path, &set)
			if got, want := set.XMLName, (xml.Name{Space: sitemapNS, Local: "urlset"}); got != want {
				t.Errorf("%s root = %v, want %v", path, got, want)
			}
			if len(set.URLs) != len(chunk) {
				t.Fatalf("%s has %d URLs, want %d", path, len(set.URLs), len(chunk))
			}
			for j, x := range chunk {
				if got, want := set.URLs[j].Loc, base+x.Permalink(f.loc); got != want {
					t.Errorf("%s URL %d = %q, want %q", path, j, got, want)
				}
				if got, want := set.URLs[j].LastMod, w3c(x.UpdatedAt); got != want {
					t.Errorf("%s URL %d lastmod = %q, want %q", path, j, got, want)
				}
				if set.URLs[j].News != nil {
					t.Errorf("%s URL %d has news markup", path, j)
				}
			}
		}
		for _, path := range []string{"/sitemap-articles-4.xml", "/sitemap-articles-0.xml", "/sitemap-articles-01.xml",
			"/sitemap-articles-x.xml", "/sitemap-articles-.xml", "/sitemap-lain.xml"} {
			if rec := f.get(t, path); rec.Code != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", path, rec.Code)
			}
		}

		for path, want := range map[string]string{
			"/sitemap-sections.xml": base + "/section/nasional/",
			"/sitemap-tags.xml":     base + "/tag/banjir/",
			"/sitemap-authors.xml":  base + "/author/rina-pertiwi/",
		} {
			var set urlSetDoc
			f.fetchXML(t, path, &set)
			if len(set.URLs) != 1 || set.URLs[0].Loc != want {
				t.Errorf("%s = %+v, want just %s", path, set.URLs, want)
			}
		}

		// Validators, as on every page.
		rec := f.get(t, "/sitemap.xml")
		req, _ := http.NewRequest("GET", "/sitemap.xml", nil)
		req.Header.Set("If-None-Match", rec.Header().Get("ETag"))
		rec2 := httptest.NewRecorder()
		f.handler.ServeHTTP(rec2, req)
		if rec2.Code != http.StatusNotModified {
			t.Errorf("sitemap index with If-None-Match: %d, want 304", rec2.Code)
		}
	})
}

func TestNewsSitemap(t *testing.T) {
	forEachDB(t, "en", func(t *testing.T, f *fixture) {
		hour := time.Hour
		fresh := f.publishAt(t, "banjir-longsor", f.now.Add(-hour))
		fresh.Headline = "Banjir & <longsor> di Demak"
		if err := f.store.UpdateArticle(context.Background(), fresh); err != nil {
			t.Fatal(err)
		}
		older := f.publishAt(t, "kemarin-lusa", f.now.Add(-46*hour))
		f.publishAt(t, "tiga-hari", f.now.Add(-50*hour))
		f.MustCreateArticle(t, "draf", warta.StatusDraft, "Belum.")

		news := func() (urlSetDoc, []byte) {
			var set urlSetDoc
			b := f.fetchXML(t, "/news-sitemap.xml", &set)
			return set, b
		}
		set, raw := news()
		if got, want := set.XMLName, (xml.Name{Space: sitemapNS, Local: "urlset"}); got != want {
			t.Errorf("root = %v, want %v", got, want)
		}
		if !strings.Contains(string(raw), `xmlns:news="`+newsNS+`"`) {
			t.Errorf("no news namespace:\n%s", raw)
		}
		if !strings.Contains(string(raw), "Banjir &amp; &lt;longsor&gt; di Demak") {
			t.Errorf("the headline is not escaped:\n%s", raw)
		}
		if len(set.URLs) != 2 {
			t.Fatalf("news sitemap has %d URLs, want the 2 of the last two days:\n%s", len(set.URLs), raw)
		}
		for i, a := range []*warta.Article{fresh, older} { // newest first
			u := set.URLs[i]
			if got, want := u.Loc, "https://warta.example"+a.Permalink(f.loc); got != want {
				t.Errorf("URL %d = %q, want %q", i, got, want)
			}
			if u.News == nil {
				t.Fatalf("URL %d has no news:news", i)
			}
			if u.News.Name != "Warta" || u.News.Language != "en" {
				t.Errorf("URL %d publication = %q %q, want Warta en", i, u.News.Name, u.News.Language)
			}
			if u.News.Title != a.Headline {
				t.Errorf("URL %d title = %q, want %q", i, u.News.Title, a.Headline)
			}
			if got, err := time.Parse(time.RFC3339, u.News.PublicationDate); err != nil || !got.Equal(a.PublishedAt) {
				t.Errorf("URL %d publication date = %q, want %v", i, u.News.PublicationDate, a.PublishedAt)
			}
		}

		// Staff's site title is the publication's name.
		if err := f.store.SetSetting(context.Background(), "site_title", "Warta Harian"); err != nil {
			t.Fatal(err)
		}
		if set, _ := news(); len(set.URLs) == 0 || set.URLs[0].News.Name != "Warta Harian" {
			t.Errorf("publication name after site_title = %+v, want Warta Harian", set.URLs)
		}

		// Three hours on, the 46-hour-old story is past the window.
		f.clock.Advance(3 * hour)
		if set, _ := news(); len(set.URLs) != 1 || set.URLs[0].News.Title != fresh.Headline {
			t.Errorf("three hours on: %d URLs, want only the fresh one", len(set.URLs))
		}

		// At most newsLimit, the newest.
		newest := f.publishAt(t, "paling-baru", f.clock.Now().Add(-time.Minute))
		setHook(t, site.NewsLimit, 1)
		if set, _ := news(); len(set.URLs) != 1 || !strings.HasSuffix(set.URLs[0].Loc, newest.Permalink(f.loc)) {
			t.Errorf("with a limit of 1: %+v, want only %s", set.URLs, newest.Slug)
		}
	})
}

func TestNewsSitemapIndonesian(t *testing.T) {
	f := newFixture(t, "id")
	f.publishAt(t, "berita", f.now.Add(-time.Hour))
	var set urlSetDoc
	f.fetchXML(t, "/news-sitemap.xml", &set)
	if len(set.URLs) != 1 || set.URLs[0].News == nil || set.URLs[0].News.Language != "id" {
		t.Errorf("news sitemap = %+v, want one URL in language id", set.URLs)
	}
}

func TestRobots(t *testing.T) {
	f := newFixture(t, "id")
	rec := f.get(t, "/robots.txt")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /robots.txt = %d", rec.Code)
	}
	if got, want := rec.Header().Get("Content-Type"), "text/plain; charset=utf-8"; got != want {
		t.Errorf("Content-Type = %q, want %q", got, want)
	}
	want := `User-agent: *
Disallow: /admin/
Disallow: /preview/
Disallow: /search

Sitemap: https://warta.example/sitemap.xml
Sitemap: https://warta.example/news-sitemap.xml
`
	if got := rec.Body.String(); got != want {
		t.Errorf("robots.txt =\n%s\nwant\n%s", got, want)
	}
}
