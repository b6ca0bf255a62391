package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"warta/demo"
)

// TestDemoSite walks the demo site as a reader would, over real HTTP.
func TestDemoSite(t *testing.T) {
	dir := t.TempDir()
	s := MustServe(t, "--data", dir, "--demo")

	res, body := get(t, s.URL+"/")
	if res.StatusCode != 200 {
		t.Fatalf("GET / = %d", res.StatusCode)
	}
	doc := parseHTML(t, body)
	if got := attr(find(doc, byTag("html"))[0], "lang"); got != "id" {
		t.Errorf(`<html lang=%q>, want "id"`, got)
	}
	for _, landmark := range []string{"header", "nav", "main", "footer"} {
		if len(find(doc, byTag(landmark))) == 0 {
			t.Errorf("home page has no <%s>", landmark)
		}
	}
	if skip := find(doc, byClass("a", "skip-link")); len(skip) != 1 || attr(skip[0], "href") != "#main" {
		t.Error("home page has no skip link to #main")
	}
	lead := find(doc, byClass("h2", "lead-headline"))
	if len(lead) != 1 {
		t.Fatalf("home page has %d lead headlines, want 1", len(lead))
	}
	cards := find(doc, byClass("article", "card"))
	if len(cards) < 11 {
		t.Errorf("home page lists %d more stories, want at least 11 (the demo has 12+)", len(cards))
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if res.Header.Get(h) == "" {
			t.Errorf("home page lacks %s", h)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors") {
		t.Errorf("weak CSP %q", csp)
	}

	// Every page points only at this site: no third-party host anywhere.
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if (a.Key == "src" || a.Key == "href") && (strings.HasPrefix(a.Val, "//") || strings.HasPrefix(a.Val, "http")) &&
				!strings.HasPrefix(a.Val, s.URL) {
				if n.Data != "a" { // links may leave the site; nothing may load from elsewhere
					t.Errorf("<%s %s=%q> loads from another host", n.Data, a.Key, a.Val)
				}
			}
		}
	}

	// The stylesheet is served under a hashed name, cached for a year.
	css := find(doc, func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "stylesheet" })
	if len(css) != 1 {
		t.Fatal("no stylesheet link")
	}
	res, _ = get(t, s.URL+attr(css[0], "href"))
	if res.StatusCode != 200 || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("stylesheet: %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}

	// Follow the lead story.
	href := attr(find(lead[0], byTag("a"))[0], "href")
	res, body = get(t, s.URL+href, "Accept-Encoding", "gzip")
	if res.StatusCode != 200 {
		t.Fatalf("GET %s = %d", href, res.StatusCode)
	}
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Error("article page was not gzipped for a client that accepts it")
	}
	art := parseHTML(t, body)
	h1 := find(art, byTag("h1"))
	if len(h1) != 1 || text(h1[0]) != text(lead[0]) {
		t.Errorf("article h1 %v, want one h1 equal to the headline %q", h1, text(lead[0]))
	}

	// Conditional requests for lists are answered 304. (An article page
	// is not: its reply form carries a fresh token on every visit.)
	res, _ = get(t, s.URL+"/")
	if res, _ := get(t, s.URL+"/", "If-None-Match", res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET of / = %d, want 304", res.StatusCode)
	}

	// Running --demo again adds nothing twice.
	s.Stop(t)
	s2 := MustServe(t, "--data", dir, "--demo")
	if strings.Contains(s2.Stderr.String(), "added demo articles") {
		t.Error("second --demo added articles again")
	}
	_, body2 := get(t, s2.URL+"/")
	if got, want := len(find(parseHTML(t, body2), byClass("article", "card"))), len(cards); got != want {
		t.Errorf("after a second --demo the home page lists %d stories, want %d", got, want)
	}
}

// TestFeaturedArticleSemantics checks the demo's richest article in both
// languages: figures with captions, a subheading, a block quote.
func TestFeaturedArticleSemantics(t *testing.T) {
	dir := t.TempDir()
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			s := MustServe(t, "--data", dir, "--demo", "--lang", lang)
			defer s.Stop(t)
			// Find the featured article through the author and section lists,
			// as a reader would, rather than guessing its date.
			_, home := get(t, s.URL+"/?page=1")
			var href string
			for _, a := range find(parseHTML(t, home), byTag("a")) {
				if strings.HasSuffix(attr(a, "href"), "/"+demo.FeaturedSlug+"/") {
					href = attr(a, "href")
				}
			}
			if href == "" {
				t.Fatalf("the home page does not link to %s", demo.FeaturedSlug)
			}
			res, body := get(t, s.URL+href)
			if res.StatusCode != 200 {
				t.Fatalf("GET %s = %d", href, res.StatusCode)
			}
			doc := parseHTML(t, body)
			if got := attr(find(doc, byTag("html"))[0], "lang"); got != lang {
				t.Errorf("lang %q, want %q", got, lang)
			}
			articles := find(doc, byTag("article"))
			if len(articles) != 1 {
				t.Fatalf("%d <article> elements, want 1", len(articles))
			}
			a := articles[0]
			figures := find(a, byTag("figure"))
			if len(figures) != 3 {
				t.Errorf("%d figures, want 3 (lead + two inline)", len(figures))
			}
			for _, f := range figures {
				if len(find(f, byTag("img"))) != 1 || len(find(f, byTag("figcaption"))) != 1 {
					t.Errorf("figure without exactly one img and one figcaption: %q", text(f))
				}
				if img := find(f, byTag("img")); len(img) == 1 && attr(img[0], "alt") == "" {
					t.Error("figure image without alt text")
				}
			}
			if len(find(a, byTag("h1"))) != 1 || len(find(a, byTag("h2"))) < 1 || len(find(a, byTag("blockquote"))) < 1 {
				t.Error("article lacks its h1, an h2 subheading or a blockquote")
			}
			byline := find(a, byClass("p", "byline"))
			if len(byline) != 1 || len(find(byline[0], byTag("a"))) < 1 {
				t.Fatal("no byline with author links")
			}
			wantBy := map[string]string{"id": "Oleh ", "en": "By "}[lang]
			if !strings.HasPrefix(text(byline[0]), wantBy) {
				t.Errorf("byline %q does not start with %q", text(byline[0]), wantBy)
			}
			times := find(a, byTag("time"))
			if len(times) == 0 {
				t.Fatal("no <time>")
			}
			date := text(times[0])
			wantDate := map[string]string{"id": `^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \p{L}+ \d{4} \d{2}\.\d{2} WIB$`,
				"en": `^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} \p{L}+ \d{4} \d{2}:\d{2} WIB$`}[lang]
			if !regexpMatch(wantDate, date) {
				t.Errorf("date %q does not look like %s", date, wantDate)
			}
		})
	}
}

func TestErrorPagesAndBadInput(t *testing.T) {
	s := MustServe(t, "--data", t.TempDir(), "--demo", "--lang", "en")
	_, home := get(t, s.URL+"/")
	var article string
	for _, a := range find(parseHTML(t, home), byClass("h2", "lead-headline")) {
		article = attr(find(a, byTag("a"))[0], "href")
	}
	parts := strings.Split(strings.Trim(article, "/"), "/") // yyyy mm dd slug
	tests := []struct {
		path string
		want int
		text string
	}{
		{"/no-such-page", 404, "Page not found"},
		{"/section/no-such-section/", 404, "Page not found"},
		{"/tag/no-such-tag/", 404, "Page not found"},
		{"/author/nobody/", 404, "Page not found"},
		{"/2024/13/45/whatever/", 404, "Page not found"},
		{"/2024/01/01/Not_A_Slug/", 404, "Page not found"},
		{"/?page=abc", 400, "Bad request"},
		{"/?page=0", 400, "Bad request"},
		{"/?page=-3", 400, "Bad request"},
		{"/?page=99999999999999999999", 400, "Bad request"},
		{"/?page=9999", 404, "Page not found"},
		{"/" + parts[0] + "/" + parts[1] + "/" + parts[2] + "/no-such-story/", 404, "Page not found"},
		{"/media/demo/", 404, ""},
		{"/static/warta.css", 404, ""},
	}
	for _, tt := range tests {
		res, body := get(t, s.URL+tt.path)
		if res.StatusCode != tt.want {
			t.Errorf("GET %s = %d, want %d", tt.path, res.StatusCode, tt.want)
		}
		if tt.text != "" && !strings.Contains(body, tt.text) {
			t.Errorf("GET %s: page does not say %q", tt.path, tt.text)
		}
	}

	// No path leads out of the media folder to the database file.
	for _, p := range []string{"/media/../warta.db", "/media/%2e%2e/warta.db", "/media/..%2fwarta.db"} {
		res, _ := get(t, s.URL+p)
		for i := 0; i < 3 && res.StatusCode >= 300 && res.StatusCode < 400; i++ {
			res, _ = get(t, s.URL+res.Header.Get("Location"))
		}
		if res.StatusCode != 404 && res.StatusCode != 400 {
			t.Errorf("GET %s ends in %d, want 404", p, res.StatusCode)
		}
	}

	// A wrong date in the address redirects to the right one.
	wrong := "/2001/01/01/" + parts[3] + "/"
	res, _ := get(t, s.URL+wrong)
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != article {
		t.Errorf("GET %s = %d to %q, want 301 to %s", wrong, res.StatusCode, res.Header.Get("Location"), article)
	}
	// The address without its trailing slash finds the article too.
	res, _ = get(t, s.URL+strings.TrimSuffix(article, "/"))
	if res.StatusCode != http.StatusMovedPermanently {
		t.Errorf("GET %s without the slash = %d, want 301", article, res.StatusCode)
	}

	for _, p := range []string{"/healthz", "/readyz"} {
		if res, _ := get(t, s.URL+p); res.StatusCode != 200 {
			t.Errorf("GET %s = %d", p, res.StatusCode)
		}
	}
}

// TestLanguageAndTimeZoneFollowTheSettings: staff switch the site to
// English and Papua's time zone while it runs; the next page follows.
func TestLanguageAndTimeZoneFollowTheSettings(t *testing.T) {
	dir := t.TempDir()
	s := MustServe(t, "--data", dir, "--demo")
	_, body := get(t, s.URL+"/")
	doc := parseHTML(t, body)
	if got := attr(find(doc, byTag("html"))[0], "lang"); got != "id" {
		t.Fatalf("lang %q before the change", got)
	}
	for _, kv := range [][2]string{{"site_language", "en"}, {"site_timezone", "Asia/Jayapura"}} {
		if code, out, errOut := cli(t, "settings", "--data", dir, "set", kv[0], kv[1]); code != 0 {
			t.Fatalf("settings set %s: %d %s %s", kv[0], code, out, errOut)
		}
	}
	// The CLI is another process: the server notices its writes within
	// one poll of the change log, so wait on the page, not on a clock.
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, body = get(t, s.URL+"/")
		doc = parseHTML(t, body)
		if attr(find(doc, byTag("html"))[0], "lang") == "en" || time.Now().After(deadline) {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	if got := attr(find(doc, byTag("html"))[0], "lang"); got != "en" {
		t.Errorf("lang %q after switching to English", got)
	}
	times := find(doc, byTag("time"))
	if len(times) == 0 || !strings.HasSuffix(text(times[0]), " WIT") || !regexpMatch(`^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), `, text(times[0])) {
		t.Errorf("first date %q, want English with WIT", text(times[0]))
	}
	if code, _, errOut := cli(t, "settings", "--data", dir, "set", "site_timezone", "Mars/Olympus"); code != 1 || !strings.Contains(errOut, "time zone") {
		t.Errorf("an unknown time zone: exit %d %q", code, errOut)
	}
}
