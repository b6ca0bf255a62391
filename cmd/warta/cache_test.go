package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/comments"
	"warta/demo"
	"warta/pagecache"
	"warta/sqlite"
)

// cacheSite is a running demo site with the page cache on, and a second
// store on the same data folder standing for another process (the CLI).
type cacheSite struct {
	*testServer
	Dir   string
	Other *sqlite.DB
}

func newCacheSite(t *testing.T) *cacheSite {
	t.Helper()
	dir := t.TempDir()
	s := MustServe(t, "--data", dir, "--demo")
	st, err := sqlite.Open(context.Background(), dir, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &cacheSite{testServer: s, Dir: dir, Other: st}
}

// cacheStatus fetches path and returns its X-Warta-Cache and body.
func (s *cacheSite) cacheStatus(t *testing.T, path string, header ...string) (string, string) {
	t.Helper()
	res, body := get(t, s.URL+path, header...)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s = %d", path, res.StatusCode)
	}
	return res.Header.Get(pagecache.StatusHeader), body
}

// mustHit fetches path twice and fails unless the second is a hit.
func (s *cacheSite) warm(t *testing.T, path string) string {
	t.Helper()
	s.cacheStatus(t, path)
	st, body := s.cacheStatus(t, path)
	if st != "hit" {
		t.Fatalf("GET %s twice: second is %q, want hit", path, st)
	}
	return body
}

// waitFor polls path until ok(body) holds, for at most 3 seconds (the
// follower polls the change log every PollInterval).
func (s *cacheSite) waitFor(t *testing.T, path, what string, ok func(body string) bool) string {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, body := s.cacheStatus(t, path)
		if ok(body) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: after 3s still not %s", path, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// articlePath returns the path of the article with slug, as the home page links it.
func (s *cacheSite) articlePath(t *testing.T, slug string) string {
	t.Helper()
	_, body := get(t, s.URL+"/")
	for _, a := range find(parseHTML(t, body), byTag("a")) {
		href := attr(a, "href")
		if strings.Contains(href, slug) {
			href = strings.TrimPrefix(href, s.URL)
			if i := strings.IndexByte(href, '#'); i >= 0 {
				href = href[:i]
			}
			return href
		}
	}
	t.Fatalf("the home page does not link %s", slug)
	return ""
}

func (s *cacheSite) article(t *testing.T, slug string) *warta.Article {
	t.Helper()
	a, err := s.Other.ArticleBySlug(context.Background(), slug)
	if err != nil {
		t.Fatalf("ArticleBySlug(%q): %v", slug, err)
	}
	return a
}

// setHeadline changes an article's headline from the other process.
func (s *cacheSite) setHeadline(t *testing.T, slug, headline string) {
	t.Helper()
	a := s.article(t, slug)
	a.Headline = headline
	if err := s.Other.UpdateArticle(context.Background(), a); err != nil {
		t.Fatalf("UpdateArticle(%q): %v", slug, err)
	}
}

// featuredCommentCount is the comment count on the featured story's home page card.
func featuredCommentCount(t *testing.T, body string) string {
	t.Helper()
	for _, a := range find(parseHTML(t, body), byClass("a", "comment-count")) {
		if strings.Contains(attr(a, "href"), demo.FeaturedSlug) {
			return text(a)
		}
	}
	return ""
}

// An edit made by another process reaches the cached home page and the
// article page: the follower reads it from the change log.
func TestCacheEditFromAnotherProcess(t *testing.T) {
	s := newCacheSite(t)
	slug := "harga-beras-medium-naik-di-pasar-semarang"
	path := s.articlePath(t, slug)
	if home := s.warm(t, "/"); !strings.Contains(home, s.article(t, slug).Headline) {
		t.Fatalf("the home page does not show %s", slug)
	}
	s.warm(t, path)
	feeds := []string{"/feed/", "/feed/atom/", "/feed/json/", "/section/ekonomi/feed/"}
	for _, feed := range feeds {
		s.warm(t, feed)
	}

	const headline = "Harga Beras Turun Lagi Menurut Cache Uji"
	s.setHeadline(t, slug, headline)
	s.waitFor(t, "/", "showing the new headline", func(b string) bool { return strings.Contains(b, headline) })
	s.waitFor(t, path, "showing the new headline", func(b string) bool { return strings.Contains(b, headline) })
	// The feeds the article is in are cached too, and follow the edit.
	for _, feed := range feeds {
		s.waitFor(t, feed, "showing the new headline", func(b string) bool { return strings.Contains(b, headline) })
	}
	// And the fresh page is cached again.
	if st, body := s.cacheStatus(t, "/"); st != "hit" || !strings.Contains(body, headline) {
		t.Errorf("home page after the edit: %s, new headline shown %v; want a hit with it", st, strings.Contains(body, headline))
	}
}

// A comment approved with the CLI shows on the cached article page, and
// the home page card's comment count follows.
func TestCacheCommentApprovedWithCLI(t *testing.T) {
	s := newCacheSite(t)
	ctx := context.Background()
	a := s.article(t, demo.FeaturedSlug)
	path := s.articlePath(t, demo.FeaturedSlug)
	const words = "Komentar penanda cache-uji-7391 dari warga pesisir."
	c := &warta.Comment{ArticleID: a.ID, Content: words, ContentHTML: comments.Format(words), AuthorName: "Penanda",
		AuthorEmail: "penanda@example.id", Status: warta.CommentPending, Reason: "first_time"}
	if err := s.Other.CreateComment(ctx, c); err != nil {
		t.Fatal(err)
	}

	homeBefore := s.warm(t, "/")
	countBefore := featuredCommentCount(t, homeBefore)
	if body := s.warm(t, path); strings.Contains(body, "cache-uji-7391") {
		t.Fatal("a held comment shows on the public page")
	}

	if code, out, errOut := cli(t, "comments", "--data", s.Dir, "approve", strconv.FormatInt(c.ID, 10)); code != 0 {
		t.Fatalf("comments approve: exit %d %s %s", code, out, errOut)
	}
	s.waitFor(t, path, "showing the approved comment", func(b string) bool { return strings.Contains(b, "cache-uji-7391") })
	home := s.waitFor(t, "/", "showing a new comment count", func(b string) bool { return featuredCommentCount(t, b) != countBefore })
	if got := featuredCommentCount(t, home); got == "" {
		t.Errorf("home page card shows no comment count after the approval (before: %q)", countBefore)
	}
}

// A write invalidates exactly the pages that show what it changed: a
// draft's edit touches nothing, and an edit of one story leaves another
// story's page cached.
func TestCacheInvalidatesExactly(t *testing.T) {
	s := newCacheSite(t)
	ctx := context.Background()
	edited := "tim-robotika-smk-malang-juara-nasional" // teknologi
	editedPath := s.articlePath(t, edited)
	// An unrelated page: another section, and not linking the edited story.
	var unrelated string
	for _, slug := range []string{"nadia-kirana-juarai-kejurnas-bulu-tangkis-junior", "pasar-batik-setono-ramai-jelang-libur-sekolah",
		"bahari-tegal-tundukkan-brebes-raya-di-derbi-pantura", "ribuan-warga-ikuti-sedekah-laut-di-cilacap"} {
		p := s.articlePath(t, slug)
		if _, body := s.cacheStatus(t, p); !strings.Contains(body, edited) {
			unrelated = p
			break
		}
	}
	if unrelated == "" {
		t.Fatal("no demo story is unrelated to " + edited)
	}

	// A draft, saved and edited by another process, is on no page.
	e := s.article(t, edited)
	draft := &warta.Article{Slug: "draf-cache-uji", Headline: "Draf Cache Uji", Status: warta.StatusDraft,
		Section: e.Section, Authors: e.Authors, BodyMarkdown: "Isi draf.", BodyHTML: "<p>Isi draf.</p>"}
	if err := s.Other.CreateArticle(ctx, draft); err != nil {
		t.Fatalf("CreateArticle draft: %v", err)
	}
	s.warm(t, "/")
	s.warm(t, unrelated)
	s.warm(t, editedPath)
	draft.Headline = "Draf Cache Uji Diubah"
	if err := s.Other.UpdateArticle(ctx, draft); err != nil {
		t.Fatalf("UpdateArticle draft: %v", err)
	}

	// Then a published story's edit. The follower reads changes in order,
	// so once this one has reached the cache the draft's has too.
	const headline = "Tim Robotika Malang Juara Lagi Menurut Cache Uji"
	s.setHeadline(t, edited, headline)
	s.waitFor(t, editedPath, "showing the new headline", func(b string) bool { return strings.Contains(b, headline) })
	s.waitFor(t, "/", "showing the new headline", func(b string) bool { return strings.Contains(b, headline) })
	if st, body := s.cacheStatus(t, unrelated); st != "hit" {
		t.Errorf("GET %s after edits of a draft and of an unrelated story: %s, want hit", unrelated, st)
	} else if strings.Contains(body, "Draf Cache Uji") {
		t.Error("a draft shows on a public page")
	}
	if _, body := s.cacheStatus(t, "/"); strings.Contains(body, "Draf Cache Uji") {
		t.Error("a draft shows on the home page")
	}
}

// A settings change from the CLI reaches every cached page.
func TestCacheSettingsChange(t *testing.T) {
	s := newCacheSite(t)
	path := s.articlePath(t, demo.FeaturedSlug)
	pages := []string{"/", path}
	for _, p := range pages {
		if body := s.warm(t, p); strings.Contains(body, "Warta Baru") {
			t.Fatalf("%s shows the new title before it is set", p)
		}
	}
	if code, out, errOut := cli(t, "settings", "--data", s.Dir, "set", "site_title", "Warta Baru"); code != 0 {
		t.Fatalf("settings set: exit %d %s %s", code, out, errOut)
	}
	for _, p := range pages {
		s.waitFor(t, p, "showing the new site title", func(b string) bool { return strings.Contains(b, "Warta Baru") })
	}
}

// Requests that may be personal, or name a page the cache does not
// know, bypass it; and nothing a request carries gets into what others
// are served.
func TestCacheBypassAndPoisoning(t *testing.T) {
	s := newCacheSite(t)
	path := s.articlePath(t, demo.FeaturedSlug)
	anon := s.warm(t, path)
	s.warm(t, "/")

	t.Run("personal cookies", func(t *testing.T) {
		for _, name := range []string{"warta_own_comments", "warta_commenter", "warta_session"} {
			for _, v := range []string{"x", ""} {
				res, _ := get(t, s.URL+path, "Cookie", name+"="+v)
				if got := res.Header.Get(pagecache.StatusHeader); got != "bypass" {
					t.Errorf("cookie %s=%q: %s %q, want bypass", name, v, pagecache.StatusHeader, got)
				}
			}
		}
		// Other cookies do not matter.
		res, _ := get(t, s.URL+path, "Cookie", "_ga=GA1.2.3")
		if got := res.Header.Get(pagecache.StatusHeader); got != "hit" {
			t.Errorf("an unrelated cookie: %q, want hit", got)
		}
	})

	t.Run("query", func(t *testing.T) {
		for _, q := range []string{"?replyto=1", "?editcomment=1", "?comment=1", "?cpage=01", "?cpage=1&cpage=2", "?utm_source=x"} {
			res, _ := get(t, s.URL+path+q)
			if got := res.Header.Get(pagecache.StatusHeader); got != "bypass" {
				t.Errorf("GET %s%s: %q, want bypass", path, q, got)
			}
		}
		for i := range 200 {
			res, _ := get(t, fmt.Sprintf("%s/?x%d=%d", s.URL, i, i))
			if got := res.Header.Get(pagecache.StatusHeader); got != "bypass" {
				t.Fatalf("GET /?x%d: %q, want bypass", i, got)
			}
		}
		if st, _ := s.cacheStatus(t, "/"); st != "hit" {
			t.Errorf("home page after 200 unknown parameters: %s, want hit (they must not evict it)", st)
		}
		if st, _ := s.cacheStatus(t, path); st != "hit" {
			t.Errorf("article page after 200 unknown parameters: %s, want hit", st)
		}
	})

	t.Run("host headers", func(t *testing.T) {
		fresh := s.articlePath(t, "status-gunung-slamet-turun-ke-normal") // not cached yet: the hostile request renders it
		for _, p := range []string{fresh, "/"} {
			for _, h := range [][2]string{{"Host", "evil.example"}, {"X-Forwarded-Host", "evil.example"}} {
				req, err := http.NewRequest("GET", s.URL+p, nil)
				if err != nil {
					t.Fatal(err)
				}
				if h[0] == "Host" {
					req.Host = h[1]
				} else {
					req.Header.Set(h[0], h[1])
				}
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if strings.Contains(string(b), "evil.example") {
					t.Errorf("GET %s with %s: evil.example %s", p, h[0], res.Header.Get(pagecache.StatusHeader))
				}
			}
			st, body := s.cacheStatus(t, p)
			if st != "hit" {
				t.Errorf("GET %s after the hostile requests: %s, want hit", p, st)
			}
			if strings.Contains(body, "evil.example") {
				t.Errorf("GET %s: a normal reader gets evil.example", p)
			}
		}
	})

	t.Run("encodings", func(t *testing.T) {
		res, zipped := rawGet(t, s.URL+path, "Accept-Encoding", "gzip")
		if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get(pagecache.StatusHeader) != "hit" {
			t.Fatalf("gzip request: Content-Encoding %q, %s; want gzip from a hit",
				res.Header.Get("Content-Encoding"), res.Header.Get(pagecache.StatusHeader))
		}
		zr, err := gzip.NewReader(bytes.NewReader(zipped))
		if err != nil {
			t.Fatal(err)
		}
		unzipped, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		res, plain := rawGet(t, s.URL+path, "Accept-Encoding", "identity")
		if res.Header.Get("Content-Encoding") != "" || res.Header.Get(pagecache.StatusHeader) != "hit" {
			t.Fatalf("identity request: Content-Encoding %q, %s; want none from a hit",
				res.Header.Get("Content-Encoding"), res.Header.Get(pagecache.StatusHeader))
		}
		if !bytes.Equal(unzipped, plain) {
			t.Errorf("the gzip body (%d bytes unzipped) differs from the identity body (%d bytes)", len(unzipped), len(plain))
		}
		if !strings.Contains(string(plain), "</html>") {
			t.Error("the identity body is not a whole page")
		}
		if string(plain) != anon {
			// The form token is per render, and both came from one entry.
			t.Error("the identity body differs from the first anonymous render")
		}
	})

	t.Run("refused comment", func(t *testing.T) {
		doc := parseHTML(t, anon)
		var articleID string
		for _, in := range find(doc, byTag("input")) {
			if attr(in, "name") == "article_id" {
				articleID = attr(in, "value")
			}
		}
		if articleID == "" {
			t.Fatal("the article page has no comment form")
		}
		const marker = "penanda-racun-5521"
		form := url.Values{"article_id": {articleID}, "content": {"Tulisan " + marker}, "author": {"Peracun " + marker},
			"email": {"racun@example.id"}, "hp_website": {"http://spam.example"}, "token": {"x"}}
		res, err := http.Post(s.URL+"/comments", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), marker) {
			t.Fatalf("POST /comments with the honeypot filled: %d, typed text shown %v; want 422 with it", res.StatusCode, strings.Contains(string(b), marker))
		}
		if !strings.Contains(string(b), "form-errors") && !strings.Contains(string(b), "role=\"alert\"") {
			t.Log("note: the refused page has no recognisable error summary markup")
		}
		st, body := s.cacheStatus(t, path)
		if st != "hit" {
			t.Errorf("GET %s after a refused comment: %s, want hit", path, st)
		}
		if strings.Contains(body, marker) || strings.Contains(body, "Ruas tersembunyi") {
			t.Error("an anonymous reader gets the refused comment's text or error summary")
		}
	})
}

// rawGet fetches url with header set as given and returns the body as
// sent, without decoding it.
func rawGet(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	res, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}
