package site_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"warta"
)

// feedFormats are the three formats of every feed, by path suffix, with
// the type gofeed must detect and the Content-Type served.
var feedFormats = []struct {
	suffix, kind, contentType string
}{
	{"", "rss", "application/rss+xml; charset=utf-8"},
	{"atom/", "atom", "application/atom+xml; charset=utf-8"},
	{"json/", "json", "application/feed+json; charset=utf-8"},
}

// feedFixture is a site with one published article on a topic by two
// authors, with a lead image; a draft; and comments from readers whose
// emails must never reach a feed.
type feedFixture struct {
	*fixture
	tag      warta.Tag
	second   warta.Author
	pub      *warta.Article
	draft    *warta.Article
	approved []*warta.Comment // on pub, oldest first
	emails   []string         // every commenter's email
}

func newFeedFixture(t *testing.T, f *fixture) *feedFixture {
	t.Helper()
	ctx := context.Background()
	ff := &feedFixture{fixture: f, tag: warta.Tag{Slug: "banjir", Name: "Banjir"},
		second: warta.Author{Slug: "budi-santoso", Name: "Budi Santoso"}}
	if err := f.store.CreateTag(ctx, &ff.tag); err != nil {
		t.Fatal(err)
	}
	if err := f.store.CreateAuthor(ctx, &ff.second); err != nil {
		t.Fatal(err)
	}
	ff.pub = f.MustCreateArticle(t, "banjir-demak", warta.StatusPublished,
		"Air naik di **Demak**. Lihat [arsip](/2024/01/02/banjir-lama/) dan [BMKG](https://bmkg.go.id/).")
	ff.pub.Tags = []warta.Tag{ff.tag}
	ff.pub.Authors = []warta.Author{f.author, ff.second}
	ff.pub.LeadImage = warta.Image{Path: "2024/06/banjir-demak.jpg", Alt: "Banjir", Width: 1200, Height: 800}
	if err := f.store.UpdateArticle(ctx, ff.pub); err != nil {
		t.Fatal(err)
	}
	ff.draft = f.MustCreateArticle(t, "draf-rahasia", warta.StatusDraft, "Belum siap.")

	comment := func(a *warta.Article, name, email string, status warta.CommentStatus) *warta.Comment {
		f.clock.Advance(time.Minute)
		c := &warta.Comment{ArticleID: a.ID, AuthorName: name, AuthorEmail: email, AuthorURL: "https://blog.example/" + name,
			AuthorIP: "203.0.113.9", Content: "Komentar " + name, ContentHTML: "<p>Komentar " + name + "</p>", Status: status}
		if err := f.store.CreateComment(ctx, c); err != nil {
			t.Fatal(err)
		}
		ff.emails = append(ff.emails, email)
		return c
	}
	ff.approved = append(ff.approved, comment(ff.pub, "Siti", "siti.rahasia@surel-pribadi.example", warta.CommentApproved))
	comment(ff.pub, "Tertahan", "tertahan.rahasia@surel-pribadi.example", warta.CommentPending)
	comment(ff.draft, "DiDraf", "draf.rahasia@surel-pribadi.example", warta.CommentApproved)
	ff.approved = append(ff.approved, comment(ff.pub, "Joko", "Joko.Widodo.Secret@Mail-Pribadi.example", warta.CommentApproved))
	return ff
}

// fetchFeed gets path, checks the status and type, and parses the feed.
func (ff *feedFixture) fetchFeed(t *testing.T, path, kind, contentType string) (*gofeed.Feed, []byte) {
	t.Helper()
	rec := ff.get(t, path)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d, want 200", path, rec.Code)
	}
	if got := rec.Header().Get("Content-Type"); got != contentType {
		t.Errorf("GET %s: Content-Type = %q, want %q", path, got, contentType)
	}
	if got, want := rec.Header().Get("Cache-Control"), "public, max-age=60, stale-while-revalidate=600"; got != want {
		t.Errorf("GET %s: Cache-Control = %q, want %q", path, got, want)
	}
	body := rec.Body.Bytes()
	fd, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		t.Fatalf("GET %s: gofeed: %v\n%s", path, err, body)
	}
	if fd.FeedType != kind {
		t.Errorf("GET %s: FeedType = %q, want %q", path, fd.FeedType, kind)
	}
	if kind == "json" && !strings.Contains(string(body), `"version": "https://jsonfeed.org/version/1.1"`) {
		t.Errorf("GET %s: not JSON Feed 1.1:\n%s", path, body)
	}
	return fd, body
}

// authorNames are an item's authors as gofeed reads them: RSS gives its
// dc:creator elements, the others their author lists.
func authorNames(kind string, it *gofeed.Item) []string {
	if kind == "rss" {
		if it.DublinCoreExt == nil {
			return nil
		}
		return it.DublinCoreExt.Creator
	}
	var out []string
	for _, p := range it.Authors {
		out = append(out, p.Name)
	}
	return out
}

// itemImage is an item's lead image: the enclosure in RSS and Atom, the
// image in JSON Feed.
func itemImage(kind string, it *gofeed.Item) (url, typ string) {
	if kind == "json" {
		if it.Image == nil {
			return "", ""
		}
		return it.Image.URL, ""
	}
	if len(it.Enclosures) == 0 {
		return "", ""
	}
	return it.Enclosures[0].URL, it.Enclosures[0].Type
}

func TestArticleFeeds(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		ff := newFeedFixture(t, f)
		pub := ff.pub
		permalink := "https://warta.example" + pub.Permalink(f.loc)
		guid := "tag:warta.example," + pub.CreatedAt.UTC().Format("2006-01-02") + ":article/" + strconv.FormatInt(pub.ID, 10)
		for _, prefix := range []string{"/", "/section/nasional/", "/tag/banjir/", "/author/budi-santoso/"} {
			for _, ft := range feedFormats {
				path := prefix + "feed/" + ft.suffix
				fd, body := ff.fetchFeed(t, path, ft.kind, ft.contentType)
				if strings.Contains(string(body), ff.draft.Headline) {
					t.Errorf("%s lists the draft", path)
				}
				if len(fd.Items) != 1 {
					t.Fatalf("%s: %d items, want 1", path, len(fd.Items))
				}
				it := fd.Items[0]
				if it.Link != permalink {
					t.Errorf("%s: link = %q, want %q", path, it.Link, permalink)
				}
				if it.GUID != guid {
					t.Errorf("%s: GUID = %q, want %q", path, it.GUID, guid)
				}
				if it.Title != pub.Headline {
					t.Errorf("%s: title = %q, want %q", path, it.Title, pub.Headline)
				}
				if got, want := authorNames(ft.kind, it), []string{"Rina Pertiwi", "Budi Santoso"}; !slices.Equal(got, want) {
					t.Errorf("%s: authors = %q, want %q", path, got, want)
				}
				for _, want := range []string{"Nasional", "Banjir"} {
					if !slices.Contains(it.Categories, want) {
						t.Errorf("%s: categories %q lack %q", path, it.Categories, want)
					}
				}
				if it.Description != pub.Dek {
					t.Errorf("%s: description = %q, want the dek %q", path, it.Description, pub.Dek)
				}
				// The body, with the site's own links made absolute.
				for _, want := range []string{"Air naik di <strong>Demak</strong>", `href="https://warta.example/2024/01/02/banjir-lama/"`, `href="https://bmkg.go.id/"`} {
					if !strings.Contains(it.Content, want) {
						t.Errorf("%s: content lacks %q:\n%s", path, want, it.Content)
					}
				}
				url, typ := itemImage(ft.kind, it)
				if want := "https://warta.example/media/2024/06/banjir-demak.jpg"; url != want {
					t.Errorf("%s: image = %q, want %q", path, url, want)
				}
				if ft.kind != "json" && typ != "image/jpeg" {
					t.Errorf("%s: image type = %q, want image/jpeg", path, typ)
				}
			}
		}

		// Validators: Last-Modified is the newest item's UpdatedAt, and a
		// client with the current copy gets 304.
		rec := f.get(t, "/feed/")
		if got, want := rec.Header().Get("Last-Modified"), pub.UpdatedAt.UTC().Format(http.TimeFormat); got != want {
			t.Errorf("Last-Modified = %q, want %q", got, want)
		}
		for _, ft := range feedFormats {
			path := "/section/nasional/feed/" + ft.suffix
			etag := f.get(t, path).Header().Get("ETag")
			req := httptest.NewRequest("GET", path, nil)
			req.Header.Set("If-None-Match", etag)
			rec := httptest.NewRecorder()
			f.handler.ServeHTTP(rec, req)
			if etag == "" || rec.Code != http.StatusNotModified {
				t.Errorf("%s with If-None-Match %s: %d, want 304", path, etag, rec.Code)
			}
		}

		// The GUID outlives a change of slug; the link follows it.
		var before []string
		for _, ft := range feedFormats {
			fd, _ := ff.fetchFeed(t, "/feed/"+ft.suffix, ft.kind, ft.contentType)
			before = append(before, fd.Items[0].GUID)
		}
		pub.Slug = "banjir-demak-meluas"
		if err := f.store.UpdateArticle(context.Background(), pub); err != nil {
			t.Fatal(err)
		}
		for i, ft := range feedFormats {
			fd, _ := ff.fetchFeed(t, "/feed/"+ft.suffix, ft.kind, ft.contentType)
			if got := fd.Items[0].GUID; got != before[i] {
				t.Errorf("%s feed: GUID after a slug change = %q, want %q", ft.kind, got, before[i])
			}
			if got, want := fd.Items[0].Link, "https://warta.example"+pub.Permalink(f.loc); got != want {
				t.Errorf("%s feed: link after a slug change = %q, want %q", ft.kind, got, want)
			}
		}

		// Summaries only: the dek, and no body anywhere.
		if err := f.store.SetSetting(context.Background(), "feed_summary_only", "true"); err != nil {
			t.Fatal(err)
		}
		for _, ft := range feedFormats {
			fd, body := ff.fetchFeed(t, "/feed/"+ft.suffix, ft.kind, ft.contentType)
			it := fd.Items[0]
			if it.Description != pub.Dek {
				t.Errorf("%s, summary only: description = %q, want %q", ft.kind, it.Description, pub.Dek)
			}
			wantContent := "" // RSS and Atom leave it out
			if ft.kind == "json" {
				wantContent = pub.Dek // JSON Feed needs content: the dek as text
			}
			if it.Content != wantContent {
				t.Errorf("%s, summary only: content = %q, want %q", ft.kind, it.Content, wantContent)
			}
			if strings.Contains(string(body), "Demak</") || strings.Contains(string(body), "Demak&lt;/") {
				t.Errorf("%s, summary only: the body is in the feed:\n%s", ft.kind, body)
			}
		}
	})
}

func TestCommentFeeds(t *testing.T) {
	forEachDB(t, "en", func(t *testing.T, f *fixture) {
		ff := newFeedFixture(t, f)
		permalink := ff.pub.Permalink(f.loc)
		for _, path := range []string{"/comments/feed/", permalink + "feed/"} {
			for _, ft := range feedFormats {
				p := path + ft.suffix
				fd, _ := ff.fetchFeed(t, p, ft.kind, ft.contentType)
				if len(fd.Items) != 2 {
					t.Fatalf("%s: %d items, want the 2 approved comments on visible articles", p, len(fd.Items))
				}
				for i, it := range fd.Items {
					c := ff.approved[len(ff.approved)-1-i] // newest first
					if want := "https://warta.example" + permalink + "#comment-" + strconv.FormatInt(c.ID, 10); it.Link != want {
						t.Errorf("%s: link = %q, want %q", p, it.Link, want)
					}
					if want := "tag:warta.example," + c.CreatedAt.UTC().Format("2006-01-02") + ":comment/" + strconv.FormatInt(c.ID, 10); it.GUID != want {
						t.Errorf("%s: GUID = %q, want %q", p, it.GUID, want)
					}
					if got := authorNames(ft.kind, it); !slices.Equal(got, []string{c.AuthorName}) {
						t.Errorf("%s: authors = %q, want %q", p, got, c.AuthorName)
					}
					if !strings.Contains(it.Title, c.AuthorName) || !strings.Contains(it.Title, ff.pub.Headline) {
						t.Errorf("%s: title = %q, want the name and the headline", p, it.Title)
					}
					if it.Content != c.ContentHTML {
						t.Errorf("%s: content = %q, want %q", p, it.Content, c.ContentHTML)
					}
				}
			}
		}
	})
}

// TestFeedsNeverShowEmail reads every feed's bytes for the commenters'
// emails, in any case.
func TestFeedsNeverShowEmail(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		ff := newFeedFixture(t, f)
		prefixes := []string{"/", "/section/nasional/", "/tag/banjir/", "/author/rina-pertiwi/", "/comments/", ff.pub.Permalink(f.loc)}
		for _, prefix := range prefixes {
			for _, ft := range feedFormats {
				path := prefix + "feed/" + ft.suffix
				_, body := ff.fetchFeed(t, path, ft.kind, ft.contentType)
				lower := strings.ToLower(string(body))
				for _, email := range ff.emails {
					if strings.Contains(lower, strings.ToLower(email)) {
						t.Errorf("%s shows the email %s", path, email)
					}
				}
				for _, private := range []string{"surel-pribadi", "mail-pribadi", "203.0.113.9", "blog.example"} {
					if strings.Contains(lower, private) {
						t.Errorf("%s shows %q", path, private)
					}
				}
			}
		}
	})
}

func TestFeedsNotFound(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		ctx := context.Background()
		ff := newFeedFixture(t, f)
		gone := f.MustCreateArticle(t, "ditarik", warta.StatusPublished, "Ditarik.")
		goneLink := gone.Permalink(f.loc)
		gone.Status = warta.StatusUnpublished
		if err := f.store.UpdateArticle(ctx, gone); err != nil {
			t.Fatal(err)
		}
		later := f.MustCreateArticle(t, "terbit-besok", warta.StatusPublished, "Besok.")
		later.PublishedAt = f.now.Add(24 * time.Hour)
		if err := f.store.UpdateArticle(ctx, later); err != nil {
			t.Fatal(err)
		}
		for _, prefix := range []string{
			"/section/tidak-ada/", "/tag/tidak-ada/", "/author/tidak-ada/",
			"/2024/06/19/tidak-ada/", "/2024/13/45/" + ff.pub.Slug + "/",
			"/2024/06/19/" + ff.draft.Slug + "/", goneLink, later.Permalink(f.loc),
		} {
			for _, ft := range feedFormats {
				path := prefix + "feed/" + ft.suffix
				if rec := f.get(t, path); rec.Code != http.StatusNotFound {
					t.Errorf("GET %s = %d, want 404", path, rec.Code)
				} else if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
					t.Errorf("GET %s: the 404 is not the site's page", path)
				}
			}
		}
		// And the feed address typed without its slash goes to it.
		if rec := f.get(t, "/section/nasional/feed"); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/section/nasional/feed/" {
			t.Errorf("GET /section/nasional/feed = %d to %q, want 301 to the slashed address", rec.Code, rec.Header().Get("Location"))
		}
	})
}
