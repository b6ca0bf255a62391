package site_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"warta"
	"warta/i18n"
	"warta/markdown"
	"warta/postgres"
	"warta/site"
	"warta/sqlite"
	"warta/static"
	"warta/storetest"
	"warta/view"
)

// fixture is a site over a real store (SQLite unless newFixtureOn says
// otherwise) with one section and author, and a clock that tests move.
type fixture struct {
	store   warta.Store
	handler http.Handler
	section warta.Section
	author  warta.Author
	now     time.Time // when the fixture started
	loc     *time.Location
	clock   *testClock
	views   *view.Engine
	db      string // "sqlite" or "postgres"
	where   string // the SQLite folder or the PostgreSQL URL
}

// testSecret signs the site's forms and cookies in every fixture.
var testSecret = []byte("a test secret of at least 16 bytes")

// testClock is a clock that moves only when told to, shared by the store
// and the site.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// databases are the stores every comment test runs against.
var databases = []string{"sqlite", "postgres"}

func newFixture(t *testing.T, lang string) *fixture {
	t.Helper()
	return newFixtureOn(t, lang, "sqlite")
}

// newFixtureOn builds a site in language lang over a fresh database of
// kind db ("sqlite" or "postgres").
func newFixtureOn(t *testing.T, lang, db string) *fixture {
	t.Helper()
	now := time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC)
	clock := &testClock{now: now}
	st, where := openStore(t, db, "", clock.Now)
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := i18n.Get(lang)
	views, err := view.New(cat, static.New(), loc)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{store: st, now: now, loc: loc, clock: clock, views: views, db: db, where: where,
		section: warta.Section{Slug: "nasional", Name: "Nasional"},
		author:  warta.Author{Slug: "rina-pertiwi", Name: "Rina Pertiwi"}}
	ctx := context.Background()
	if err := st.CreateSection(ctx, &f.section); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateAuthor(ctx, &f.author); err != nil {
		t.Fatal(err)
	}
	f.handler = f.newHandler(st)
	return f
}

// openStore opens and migrates the database of kind db at where, or at a
// new place when where is empty, and returns it with its place.
func openStore(t *testing.T, db, where string, now warta.Clock) (warta.Store, string) {
	t.Helper()
	ctx := context.Background()
	var st interface {
		warta.Store
		Migrate(context.Context) ([]string, error)
	}
	switch db {
	case "sqlite":
		if where == "" {
			where = t.TempDir()
		}
		s, err := sqlite.Open(ctx, where, now)
		if err != nil {
			t.Fatal(err)
		}
		st = s
	case "postgres":
		if where == "" {
			where = storetest.PostgresURL(t)
		}
		s, err := postgres.Open(ctx, where, now)
		if err != nil {
			t.Fatal(err)
		}
		st = s
	default:
		t.Fatalf("unknown database %q", db)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return st, where
}

// newHandler builds the site over st, trusting the given proxies.
func (f *fixture) newHandler(st warta.Store, trusted ...netip.Prefix) http.Handler {
	return site.New(site.Config{Store: st, Views: f.views, Location: f.loc, BaseURL: "https://warta.example",
		SiteName: "Warta", Now: f.clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Secret: testSecret, TrustedProxies: trusted})
}

// restart returns the fixture as a second process would see it: the same
// database opened anew, under a new handler.
func (f *fixture) restart(t *testing.T) *fixture {
	t.Helper()
	g := *f
	g.store, _ = openStore(t, f.db, f.where, f.clock.Now)
	g.handler = g.newHandler(g.store)
	return &g
}

// MustCreateArticle saves an article with the given slug and status,
// published an hour before the fixture's "now" unless at says otherwise.
func (f *fixture) MustCreateArticle(t *testing.T, slug string, status warta.ArticleStatus, body string) *warta.Article {
	t.Helper()
	html, err := markdown.Render(body)
	if err != nil {
		t.Fatal(err)
	}
	a := &warta.Article{Slug: slug, Headline: "Judul " + slug, Dek: "Dek " + slug, BodyMarkdown: body, BodyHTML: html,
		Status: status, Section: f.section, Authors: []warta.Author{f.author}, CommentsOpen: true}
	if status == warta.StatusPublished || status == warta.StatusUnpublished {
		a.PublishedAt = f.now.Add(-time.Hour)
	}
	if err := f.store.CreateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func (f *fixture) get(t *testing.T, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec
}

func TestArticleWorkflowStatuses(t *testing.T) {
	f := newFixture(t, "id")
	ctx := context.Background()

	pub := f.MustCreateArticle(t, "harga-beras", warta.StatusPublished, "Harga beras naik.")
	if rec := f.get(t, pub.Permalink(f.loc)); rec.Code != 200 || !strings.Contains(rec.Body.String(), "Harga beras naik.") {
		t.Fatalf("published article: %d", rec.Code)
	}

	// Renaming keeps the old address working, by a permanent redirect.
	old := pub.Permalink(f.loc)
	pub.Slug = "harga-beras-naik-lagi"
	if err := f.store.UpdateArticle(ctx, pub); err != nil {
		t.Fatal(err)
	}
	rec := f.get(t, old)
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != pub.Permalink(f.loc) {
		t.Errorf("old slug: %d to %q, want 301 to %s", rec.Code, rec.Header().Get("Location"), pub.Permalink(f.loc))
	}

	// Withdrawn: 410, in the site's language.
	pub.Status = warta.StatusUnpublished
	if err := f.store.UpdateArticle(ctx, pub); err != nil {
		t.Fatal(err)
	}
	rec = f.get(t, pub.Permalink(f.loc))
	if rec.Code != http.StatusGone || !strings.Contains(rec.Body.String(), "Artikel sudah ditarik") {
		t.Errorf("unpublished article: %d, want 410 with the Indonesian text", rec.Code)
	}
	// And gone from the lists.
	if body := f.get(t, "/").Body.String(); strings.Contains(body, pub.Headline) {
		t.Error("an unpublished article is still on the home page")
	}

	// A draft and a story set for later don't exist for readers.
	draft := f.MustCreateArticle(t, "draf-rahasia", warta.StatusDraft, "Belum siap.")
	if rec := f.get(t, "/2024/06/19/"+draft.Slug+"/"); rec.Code != http.StatusNotFound {
		t.Errorf("draft: %d, want 404", rec.Code)
	}
	later := f.MustCreateArticle(t, "terbit-besok", warta.StatusPublished, "Besok.")
	later.PublishedAt = f.now.Add(24 * time.Hour)
	if err := f.store.UpdateArticle(ctx, later); err != nil {
		t.Fatal(err)
	}
	if rec := f.get(t, later.Permalink(f.loc)); rec.Code != http.StatusNotFound {
		t.Errorf("scheduled article: %d, want 404", rec.Code)
	}
	if body := f.get(t, "/").Body.String(); strings.Contains(body, later.Headline) {
		t.Error("a scheduled article is on the home page before its time")
	}
}

func TestListsAndPagination(t *testing.T) {
	f := newFixture(t, "en")
	ctx := context.Background()
	tag := warta.Tag{Slug: "banjir", Name: "Banjir"}
	if err := f.store.CreateTag(ctx, &tag); err != nil {
		t.Fatal(err)
	}
	for i := range site.PageSize + 5 {
		a := f.MustCreateArticle(t, "berita-"+string(rune('a'+i%26))+strings.Repeat("x", i/26), warta.StatusPublished, "Isi.")
		a.PublishedAt = f.now.Add(-time.Duration(i+1) * time.Hour)
		a.Tags = []warta.Tag{tag}
		if err := f.store.UpdateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range []string{"/", "/section/nasional/", "/tag/banjir/", "/author/rina-pertiwi/"} {
		rec := f.get(t, path)
		if rec.Code != 200 {
			t.Fatalf("GET %s = %d", path, rec.Code)
		}
		body := rec.Body.String()
		if !strings.Contains(body, "Page 1 of 2") || !strings.Contains(body, `rel="next" href="`+path+`?page=2"`) {
			t.Errorf("GET %s: no link to page 2", path)
		}
		rec = f.get(t, path+"?page=2")
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Page 2 of 2") {
			t.Errorf("GET %s?page=2 = %d", path, rec.Code)
		}
		if !strings.Contains(rec.Body.String(), `<link rel="canonical" href="https://warta.example`+path+`?page=2">`) {
			t.Errorf("GET %s?page=2 lacks its own canonical URL", path)
		}
		if rec := f.get(t, path+"?page=3"); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s?page=3 = %d, want 404", path, rec.Code)
		}
		if rec := f.get(t, path+"?page=x"); rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s?page=x = %d, want 400", path, rec.Code)
		}
	}
	if body := f.get(t, "/author/rina-pertiwi/").Body.String(); !strings.Contains(body, "Articles by Rina Pertiwi") {
		t.Error("author page lacks its English heading")
	}
}

func TestDatabaseGoneShowsFriendly503(t *testing.T) {
	f := newFixture(t, "id")
	a := f.MustCreateArticle(t, "sebelum-padam", warta.StatusPublished, "Isi.")
	f.store.Close()
	for _, path := range []string{"/", a.Permalink(f.loc), "/section/nasional/"} {
		rec := f.get(t, path)
		if rec.Code != http.StatusServiceUnavailable {
			t.Errorf("GET %s with the database closed = %d, want 503", path, rec.Code)
		}
		if !strings.Contains(rec.Body.String(), "Layanan sedang tidak tersedia") || rec.Header().Get("Retry-After") == "" {
			t.Errorf("GET %s: 503 page is not the friendly one, or lacks Retry-After", path)
		}
	}
}
