package site_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"warta"
)

// mustCreateStory saves a published article with the given headline and
// body, published ago before the fixture's now.
func (f *fixture) mustCreateStory(t *testing.T, slug, headline, body string, ago time.Duration, tags ...warta.Tag) *warta.Article {
	t.Helper()
	a := &warta.Article{Slug: slug, Headline: headline, BodyMarkdown: body, BodyHTML: "<p>" + body + "</p>",
		Status: warta.StatusPublished, Section: f.section, Authors: []warta.Author{f.author},
		PublishedAt: f.now.Add(-ago), Tags: tags}
	if err := f.store.CreateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestSearchPage(t *testing.T) {
	f := newFixture(t, "id")
	a := f.mustCreateStory(t, "bantuan-banjir", "Bantuan untuk Korban Banjir Tiba", "Relawan membantu warga Demak sejak pagi.", time.Hour)
	f.mustCreateStory(t, "skrip", `<script>alert(1)</script> Warga Dibantu`, "Isi.", 2*time.Hour)
	f.mustCreateStory(t, "lain", "Timnas Menang", "Gol pada menit akhir.", 3*time.Hour)
	f.MustCreateArticle(t, "draf-bantuan", warta.StatusDraft, "Bantuan rahasia.")

	rec := f.get(t, "/search?q=membantu")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /search?q=membantu: %d, want 200", rec.Code)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`<mark>membantu</mark>`,                               // the snippet, marked
		`href="` + a.Permalink(f.loc) + `"`,                   // the headline links to the article
		`>Nasional</a>`,                                       // the section
		`Rabu, 19 Juni 2024 13.05 WIB</time>`,                 // the date
		`&lt;script&gt;alert(1)&lt;/script&gt; Warga Dibantu`, // escaped
		`value="membantu"`,                                    // the query in the box
		`<meta name="robots" content="noindex">`,
		`2 artikel ditemukan`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %q", want)
		}
	}
	for _, unwanted := range []string{"<script>alert", "Timnas", "draf-bantuan"} {
		if strings.Contains(body, unwanted) {
			t.Errorf("results page contains %q", unwanted)
		}
	}
	if got := rec.Header().Get("Cache-Control"); got != "public, no-cache" {
		t.Errorf("Cache-Control = %q, want public, no-cache", got)
	}

	// No match: a normal page that says so.
	rec = f.get(t, "/search?q=gempa")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Tidak ada artikel yang cocok") {
		t.Errorf("GET /search?q=gempa: %d, want 200 saying nothing matched", rec.Code)
	}
}

func TestSearchPagination(t *testing.T) {
	f := newFixture(t, "en")
	for i := range 21 {
		f.mustCreateStory(t, fmt.Sprintf("rapat-%02d", i), "Budget Meeting Continues", "The council met again.", time.Duration(i+1)*time.Minute)
	}
	rec := f.get(t, "/search?q=meetings")
	if rec.Code != http.StatusOK {
		t.Fatalf("page 1: %d, want 200", rec.Code)
	}
	if body := rec.Body.String(); !strings.Contains(body, "21 articles found") || !strings.Contains(body, `href="/search?q=meetings&amp;page=2"`) {
		t.Errorf("page 1 lacks the count or the link to page 2")
	}
	if n := strings.Count(rec.Body.String(), `class="search-result"`); n != 20 {
		t.Errorf("page 1 shows %d results, want 20", n)
	}
	rec = f.get(t, "/search?q=meetings&page=2")
	if rec.Code != http.StatusOK {
		t.Fatalf("page 2: %d, want 200", rec.Code)
	}
	if n := strings.Count(rec.Body.String(), `class="search-result"`); n != 1 {
		t.Errorf("page 2 shows %d results, want 1", n)
	}
	for path, want := range map[string]int{
		"/search?q=meetings&page=3":   http.StatusNotFound,
		"/search?q=&page=2":           http.StatusNotFound,
		"/search?q=meetings&page=0":   http.StatusBadRequest,
		"/search?q=meetings&page=abc": http.StatusBadRequest,
	} {
		if got := f.get(t, path).Code; got != want {
			t.Errorf("GET %s: %d, want %d", path, got, want)
		}
	}
}

// TestSearchHostileQueries sends what readers and robots really type:
// every one gets a page, never a server error nor a database's message.
func TestSearchHostileQueries(t *testing.T) {
	f := newFixture(t, "id")
	f.mustCreateStory(t, "banjir", "Banjir Rendam Demak", "Air setinggi lutut.", time.Hour)
	for _, raw := range []string{
		"",
		"q=",
		"q=" + strings.Repeat("banjir", 10000/6),
		"q=" + strings.Repeat(`%22a*+-b+(NEAR+`, 700),
		"q=" + strings.Repeat("a", 10000),
		"q=!%40%23%24%25%5E%26*()_%2B%3D%7B%7D%5B%5D%7C%5C%3A%3B%27%3C%3E%2C.%3F%2F~%60",
		`q=%22+*+NEAR+%3A+(+%5E`,
		`q=%27%3B+DROP+TABLE+articles%3B--`,
		`q=banjir+%27%3B+DROP+TABLE+articles%3B--`,
		`q=%7Bheadline_id%7D+%3A+banjir`,
		`q=banjir*+-banjir`,
		`q=-banjir`,
		`q=%22banjir`,
		"q=\xff\xfe%ff%c3%28banjir",
		"q=banjir\x00",
		"q=%00%00",
	} {
		t.Run(fmt.Sprintf("%.40q", raw), func(t *testing.T) {
			req := httptest.NewRequest("GET", "/search", nil)
			req.URL.RawQuery = raw
			rec := httptest.NewRecorder()
			f.handler.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Errorf("status %d, want 200", rec.Code)
			}
			body := strings.ToLower(rec.Body.String())
			for _, leak := range []string{"fts5", "syntax error", "tsquery", "sql logic"} {
				if strings.Contains(body, leak) {
					t.Errorf("the page says %q", leak)
				}
			}
		})
	}
	// The articles table is still there.
	if rec := f.get(t, "/search?q=banjir"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Banjir Rendam Demak") {
		t.Errorf("after the hostile queries, GET /search?q=banjir: %d, want the article", rec.Code)
	}
}

func TestRelatedOnArticlePage(t *testing.T) {
	f := newFixture(t, "id")
	ctx := context.Background()
	tag := warta.Tag{Slug: "banjir", Name: "Banjir"}
	if err := f.store.CreateTag(ctx, &tag); err != nil {
		t.Fatal(err)
	}
	a := f.mustCreateStory(t, "banjir-demak", "Banjir Rendam Demak", "Air setinggi lutut.", time.Hour, tag)
	b := f.mustCreateStory(t, "tanggul-jebol", "Tanggul Jebol", "Warga mengungsi.", 2*time.Hour, tag)
	c := f.mustCreateStory(t, "demak-berbenah", "Demak Berbenah Setelah Bencana", "Jalan dibersihkan.", 3*time.Hour)
	d := f.MustCreateArticle(t, "draf-banjir", warta.StatusDraft, "Banjir Demak lagi.")

	rec := f.get(t, a.Permalink(f.loc))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET article: %d", rec.Code)
	}
	body := rec.Body.String()
	start := strings.Index(body, `<aside class="related"`)
	if start < 0 {
		t.Fatal("no related block on the article page")
	}
	block := body[start:]
	block = block[:strings.Index(block, "</aside>")]
	if !strings.Contains(block, "Baca juga") {
		t.Error("the related block has no heading")
	}
	for _, want := range []*warta.Article{b, c} {
		if !strings.Contains(block, `href="`+want.Permalink(f.loc)+`"`) {
			t.Errorf("the related block lacks %s", want.Slug)
		}
	}
	if strings.Index(block, b.Slug) > strings.Index(block, c.Slug) {
		t.Error("the article sharing a tag is not first")
	}
	for _, unwanted := range []string{a.Slug, d.Slug} {
		if strings.Contains(block, unwanted) {
			t.Errorf("the related block shows %s", unwanted)
		}
	}
}
