package demo_test

import (
	"context"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"warta"
	"warta/demo"
	"warta/sqlite"
)

// now is the fixed "now" of these tests, so publication times are known.
var now = time.Date(2026, 6, 19, 14, 5, 0, 0, time.UTC)

// MustOpenStore opens a migrated SQLite store in a temporary folder.
func MustOpenStore(tb testing.TB) *sqlite.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, tb.TempDir(), func() time.Time { return now })
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db
}

// counts is what a store holds, as the demo sees it.
type counts struct {
	articles, sections, authors, tags int
}

// countStore counts the store's content. Authors and tags have no list
// method, so they are collected from the articles' bylines and tags.
func countStore(tb testing.TB, st warta.Store) (counts, []*warta.Article) {
	tb.Helper()
	ctx := context.Background()
	var all []*warta.Article
	for offset := 0; ; offset += warta.MaxPageSize {
		page, total, err := st.Articles(ctx, warta.ArticleFilter{Offset: offset, Limit: warta.MaxPageSize})
		if err != nil {
			tb.Fatalf("articles: %v", err)
		}
		all = append(all, page...)
		if len(all) >= total || len(page) == 0 {
			break
		}
	}
	sections, err := st.Sections(ctx)
	if err != nil {
		tb.Fatalf("sections: %v", err)
	}
	authors, tags := map[int64]bool{}, map[int64]bool{}
	for _, a := range all {
		for _, au := range a.Authors {
			authors[au.ID] = true
		}
		for _, t := range a.Tags {
			tags[t.ID] = true
		}
	}
	return counts{len(all), len(sections), len(authors), len(tags)}, all
}

func TestSeed(t *testing.T) {
	ctx := context.Background()
	st := MustOpenStore(t)
	media := t.TempDir()

	created, err := demo.Seed(ctx, st, media, now)
	if err != nil {
		t.Fatalf("Seed: %v", err)
	}
	got, articles := countStore(t, st)
	if created != got.articles {
		t.Errorf("Seed reported %d created, store holds %d", created, got.articles)
	}
	if got.articles < 14 {
		t.Errorf("articles: got %d, want at least 14", got.articles)
	}
	if got.sections < 4 {
		t.Errorf("sections: got %d, want at least 4", got.sections)
	}
	if got.authors < 5 {
		t.Errorf("authors: got %d, want at least 5", got.authors)
	}

	t.Run("second run adds nothing", func(t *testing.T) {
		created, err := demo.Seed(ctx, st, media, now.Add(time.Hour))
		if err != nil {
			t.Fatalf("second Seed: %v", err)
		}
		if created != 0 {
			t.Errorf("second Seed created %d articles, want 0", created)
		}
		again, _ := countStore(t, st)
		if again != got {
			t.Errorf("counts after second Seed: got %+v, want %+v", again, got)
		}
	})

	t.Run("articles", func(t *testing.T) {
		shared := map[int64]int{}
		twoAuthors, closed := 0, 0
		for _, a := range articles {
			t.Run(a.Slug, func(t *testing.T) {
				checkArticle(t, a)
			})
			if len(a.Authors) > 1 {
				twoAuthors++
			}
			if !a.CommentsOpen {
				closed++
			}
			for _, tg := range a.Tags {
				shared[tg.ID]++
			}
		}
		if twoAuthors == 0 {
			t.Errorf("no article has two authors")
		}
		if closed != 1 {
			t.Errorf("articles with comments closed: got %d, want 1", closed)
		}
		sharedTags := 0
		for _, n := range shared {
			if n > 1 {
				sharedTags++
			}
		}
		if sharedTags == 0 {
			t.Errorf("no tag is shared between articles")
		}
	})

	t.Run("publication times", func(t *testing.T) {
		newest, oldest := articles[0].PublishedAt, articles[len(articles)-1].PublishedAt
		if !newest.Before(now) || now.Sub(newest) > 12*time.Hour {
			t.Errorf("newest article published at %v, want a few hours before %v", newest, now)
		}
		if now.Sub(oldest) > 11*24*time.Hour {
			t.Errorf("oldest article published at %v, more than ~10 days before %v", oldest, now)
		}
	})

	t.Run("featured", func(t *testing.T) {
		a, err := st.ArticleBySlug(ctx, demo.FeaturedSlug)
		if err != nil {
			t.Fatalf("ArticleBySlug(%q): %v", demo.FeaturedSlug, err)
		}
		doc, err := html.Parse(strings.NewReader(a.BodyHTML))
		if err != nil {
			t.Fatalf("parse body: %v", err)
		}
		got := map[string]int{}
		walk(doc, func(n *html.Node) { got[n.Data]++ })
		for tag, want := range map[string]int{"figure": 2, "figcaption": 2, "blockquote": 1} {
			if got[tag] != want {
				t.Errorf("<%s> in %s: got %d, want %d", tag, demo.FeaturedSlug, got[tag], want)
			}
		}
		if got["h2"] < 1 {
			t.Errorf("no <h2> in %s", demo.FeaturedSlug)
		}
		if a.LeadImage.Path == "" {
			t.Errorf("%s has no lead image", demo.FeaturedSlug)
		}
	})

	t.Run("images", func(t *testing.T) {
		paths := map[string]bool{}
		for _, a := range articles {
			paths[a.LeadImage.Path] = true
			for _, src := range imageSources(t, a.BodyHTML) {
				if !strings.HasPrefix(src, "/media/") {
					t.Errorf("%s: inline image %q is not under /media/", a.Slug, src)
					continue
				}
				paths[strings.TrimPrefix(src, "/media/")] = true
			}
		}
		for p := range paths {
			checkJPEG(t, filepath.Join(media, filepath.FromSlash(p)))
		}
	})

	t.Run("images are kept", func(t *testing.T) {
		// An image that exists is not rewritten, so an editor's
		// replacement survives a later Seed.
		p := filepath.Join(media, filepath.FromSlash(articles[0].LeadImage.Path))
		if err := os.WriteFile(p, []byte("replaced"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Seed(ctx, st, media, now); err != nil {
			t.Fatalf("Seed: %v", err)
		}
		if b, _ := os.ReadFile(p); string(b) != "replaced" {
			t.Errorf("Seed overwrote an existing image")
		}
	})
}

// checkArticle checks the rules every demo article keeps.
func checkArticle(t *testing.T, a *warta.Article) {
	t.Helper()
	if err := a.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if a.Status != warta.StatusPublished {
		t.Errorf("status: got %q, want %q", a.Status, warta.StatusPublished)
	}
	if a.Dek == "" {
		t.Errorf("no dek")
	}
	if a.BodyHTML == "" {
		t.Errorf("no BodyHTML")
	}
	if n := len(strings.Fields(a.BodyMarkdown)); n < 250 || n > 500 {
		t.Errorf("body has %d words, want 250–500", n)
	}
	if n := len(a.Tags); n < 3 || n > 6 {
		t.Errorf("tags: got %d, want 3–6", n)
	}
	img := a.LeadImage
	if img.Path == "" || img.Alt == "" || img.Caption == "" || img.Credit == "" {
		t.Errorf("lead image incomplete: %+v", img)
	}
	if img.Width != demo.ImageWidth || img.Height != demo.ImageHeight {
		t.Errorf("lead image size: got %dx%d, want %dx%d", img.Width, img.Height, demo.ImageWidth, demo.ImageHeight)
	}
	if !strings.HasPrefix(img.Credit, "Foto: ") && img.Credit != "Ilustrasi: Warta" {
		t.Errorf("credit %q is neither Foto: NAME/Warta nor Ilustrasi: Warta", img.Credit)
	}
	if strings.Contains(a.BodyHTML, "<h1") {
		t.Errorf("body has an h1")
	}
}

// checkJPEG checks that path holds a JPEG of the demo size.
func checkJPEG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Errorf("image: %v", err)
		return
	}
	defer f.Close()
	// A full decode, not just the header, catches a truncated file.
	img, err := jpeg.Decode(f)
	if err != nil {
		t.Errorf("%s: not a JPEG: %v", path, err)
		return
	}
	if b := img.Bounds(); b.Dx() != demo.ImageWidth || b.Dy() != demo.ImageHeight {
		t.Errorf("%s: got %dx%d, want %dx%d", path, b.Dx(), b.Dy(), demo.ImageWidth, demo.ImageHeight)
	}
}

// imageSources returns the src of every img in an HTML fragment.
func imageSources(t *testing.T, fragment string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var srcs []string
	walk(doc, func(n *html.Node) {
		if n.Data != "img" {
			return
		}
		for _, a := range n.Attr {
			if a.Key == "src" {
				srcs = append(srcs, a.Val)
			}
		}
	})
	return srcs
}

// walk calls f for every element under n.
func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}
