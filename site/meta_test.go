package site_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"warta"
	"warta/server"
	"warta/static"
)

// metaDoc is a parsed page with the few queries the metadata tests need.
type metaDoc struct {
	raw  string
	root *html.Node
}

func parseMetaDoc(t *testing.T, body string) *metaDoc {
	t.Helper()
	root, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return &metaDoc{raw: body, root: root}
}

// all returns every element named tag for which keep is true.
func (d *metaDoc) all(tag string, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for n := range d.root.Descendants() {
		if n.Type == html.ElementNode && n.Data == tag && (keep == nil || keep(n)) {
			out = append(out, n)
		}
	}
	return out
}

func metaAttr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func metaText(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// metas returns the content of every <meta> whose property or name is key.
func (d *metaDoc) metas(key string) []string {
	var out []string
	for _, n := range d.all("meta", func(n *html.Node) bool { return metaAttr(n, "property") == key || metaAttr(n, "name") == key }) {
		out = append(out, metaAttr(n, "content"))
	}
	return out
}

// meta returns the one <meta> content for key, failing unless there is exactly one.
func (d *metaDoc) meta(t *testing.T, key string) string {
	t.Helper()
	m := d.metas(key)
	if len(m) != 1 {
		t.Errorf("got %d <meta> %s, want 1", len(m), key)
		return ""
	}
	return m[0]
}

func (d *metaDoc) title() string {
	if n := d.all("title", nil); len(n) == 1 {
		return metaText(n[0])
	}
	return ""
}

// links returns the href of each <link> with rel and (if not empty) type.
func (d *metaDoc) links(rel, typ string) []string {
	var out []string
	for _, n := range d.all("link", func(n *html.Node) bool {
		return metaAttr(n, "rel") == rel && (typ == "" || metaAttr(n, "type") == typ)
	}) {
		out = append(out, metaAttr(n, "href"))
	}
	return out
}

// jsonLD parses every JSON-LD block of the page.
func (d *metaDoc) jsonLD(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, n := range d.all("script", func(n *html.Node) bool { return metaAttr(n, "type") == "application/ld+json" }) {
		var v map[string]any
		if err := json.Unmarshal([]byte(metaText(n)), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, metaText(n))
		}
		if got := v["@context"]; got != "https://schema.org" {
			t.Errorf("JSON-LD @context = %v, want https://schema.org", got)
		}
		out = append(out, v)
	}
	return out
}

// ld returns the JSON-LD object of type typ, failing unless there is exactly one.
func (d *metaDoc) ld(t *testing.T, typ string) map[string]any {
	t.Helper()
	var found []map[string]any
	for _, v := range d.jsonLD(t) {
		if v["@type"] == typ {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		t.Fatalf("got %d JSON-LD %s objects, want 1", len(found), typ)
	}
	return found[0]
}

const metaBase = "https://warta.example"

func assertAbsolute(t *testing.T, what, u string) {
	t.Helper()
	if !strings.HasPrefix(u, metaBase+"/") {
		t.Errorf("%s = %q, want an absolute URL on %s", what, u, metaBase)
	}
}

// metaFixture is a site with two authors, two tags, a section with a
// description, and enough articles with lead images for two pages.
type metaFixture struct {
	*fixture
	story *warta.Article
}

func newMetaFixture(t *testing.T, lang string) *metaFixture {
	t.Helper()
	f := newFixture(t, lang)
	ctx := context.Background()
	f.section.Description = "Kabar dari seluruh negeri."
	if err := f.store.UpdateSection(ctx, &f.section); err != nil {
		t.Fatal(err)
	}
	second := warta.Author{Slug: "budi-santoso", Name: "Budi Santoso", Bio: "Wartawan ekonomi."}
	if err := f.store.CreateAuthor(ctx, &second); err != nil {
		t.Fatal(err)
	}
	tags := []warta.Tag{{Slug: "banjir", Name: "Banjir"}, {Slug: "jawa-tengah", Name: "Jawa Tengah"}}
	for i := range tags {
		if err := f.store.CreateTag(ctx, &tags[i]); err != nil {
			t.Fatal(err)
		}
	}
	img := warta.Image{Path: "2024/06/banjir.jpg", Alt: "Air setinggi lutut", Width: 2400, Height: 1350,
		Variants: []warta.ImageVariant{
			{Path: "2024/06/banjir-640.jpg", Width: 640, Height: 360},
			{Path: "2024/06/banjir-1280.jpg", Width: 1280, Height: 720},
			{Path: "2024/06/banjir-1920.jpg", Width: 1920, Height: 1080},
		}}
	var main *warta.Article
	for i := range 22 {
		a := f.MustCreateArticle(t, "banjir-"+strconv.Itoa(i), warta.StatusPublished, "Isi.")
		a.PublishedAt = f.now.Add(-time.Duration(i+1) * time.Hour)
		a.Tags, a.LeadImage = tags, img
		a.Authors = []warta.Author{f.author, second}
		if err := f.store.UpdateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			main = a
		}
	}
	main, err := f.store.ArticleByID(ctx, main.ID)
	if err != nil {
		t.Fatal(err)
	}
	return &metaFixture{fixture: f, story: main}
}

// metaCase is one page type and what its metadata must say.
type metaCase struct {
	name, path  string
	title       string // the whole <title>
	description string
	canonical   string
	ogType      string
	feeds       []string // autodiscovery URLs of its own, besides the site's
}

func metaCases(f *metaFixture) []metaCase {
	a := f.story
	perma := a.Permalink(f.loc)
	return []metaCase{
		{name: "home", path: "/", title: "Warta", description: "Clear news, from our own newsroom.",
			canonical: metaBase + "/", ogType: "website"},
		{name: "home page 2", path: "/?page=2", title: "Latest news — page 2 — Warta",
			description: "Clear news, from our own newsroom.", canonical: metaBase + "/?page=2", ogType: "website"},
		{name: "article", path: perma, title: a.Headline + " — Warta", description: a.Dek,
			canonical: metaBase + perma, ogType: "article", feeds: []string{metaBase + perma + "feed/"}},
		{name: "section", path: "/section/nasional/", title: "Nasional — Warta", description: "Kabar dari seluruh negeri.",
			canonical: metaBase + "/section/nasional/", ogType: "website",
			feeds: []string{metaBase + "/section/nasional/feed/", metaBase + "/section/nasional/feed/atom/", metaBase + "/section/nasional/feed/json/"}},
		{name: "section page 2", path: "/section/nasional/?page=2", title: "Nasional — page 2 — Warta",
			description: "Kabar dari seluruh negeri.", canonical: metaBase + "/section/nasional/?page=2", ogType: "website",
			feeds: []string{metaBase + "/section/nasional/feed/"}},
		{name: "tag", path: "/tag/banjir/", title: "Topic: Banjir — Warta", description: "News and articles about Banjir from Warta.",
			canonical: metaBase + "/tag/banjir/", ogType: "website", feeds: []string{metaBase + "/tag/banjir/feed/"}},
		{name: "author", path: "/author/budi-santoso/", title: "Articles by Budi Santoso — Warta", description: "Wartawan ekonomi.",
			canonical: metaBase + "/author/budi-santoso/", ogType: "website", feeds: []string{metaBase + "/author/budi-santoso/feed/"}},
		{name: "author without bio", path: "/author/rina-pertiwi/", title: "Articles by Rina Pertiwi — Warta",
			description: "News and articles by Rina Pertiwi for Warta.", canonical: metaBase + "/author/rina-pertiwi/", ogType: "website"},
	}
}

func TestPageMetadata(t *testing.T) {
	f := newMetaFixture(t, "en")
	for _, tc := range metaCases(f) {
		t.Run(tc.name, func(t *testing.T) {
			rec := f.get(t, tc.path)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d", tc.path, rec.Code)
			}
			d := parseMetaDoc(t, rec.Body.String())
			if got := d.title(); got != tc.title {
				t.Errorf("<title> = %q, want %q", got, tc.title)
			}
			if got := d.meta(t, "description"); got != tc.description {
				t.Errorf("description = %q, want %q", got, tc.description)
			}
			if got := d.links("canonical", ""); len(got) != 1 || got[0] != tc.canonical {
				t.Errorf("canonical = %q, want [%s]", got, tc.canonical)
			}
			wantOG := map[string]string{
				"og:type": tc.ogType, "og:description": tc.description, "og:url": tc.canonical,
				"og:site_name": "Warta", "og:locale": "en_US",
				"og:image": metaBase + "/media/2024/06/banjir-1280.jpg", "og:image:width": "1280", "og:image:height": "720",
				"og:image:alt":        "Air setinggi lutut",
				"twitter:card":        "summary_large_image",
				"twitter:description": tc.description,
				"twitter:image":       metaBase + "/media/2024/06/banjir-1280.jpg",
				"twitter:image:alt":   "Air setinggi lutut",
			}
			for k, want := range wantOG {
				if got := d.meta(t, k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if got, want := d.meta(t, "og:title"), strings.TrimSuffix(tc.title, " — Warta"); got != want {
				t.Errorf("og:title = %q, want %q", got, want)
			}
			if got := d.meta(t, "twitter:title"); got != d.meta(t, "og:title") {
				t.Errorf("twitter:title = %q, want og:title", got)
			}

			// Feed autodiscovery: the site's three feeds, and the page's own.
			feeds := map[string]bool{}
			for _, typ := range []string{"application/rss+xml", "application/atom+xml", "application/feed+json"} {
				for _, href := range d.links("alternate", typ) {
					feeds[href] = true
				}
			}
			for _, want := range append([]string{metaBase + "/feed/", metaBase + "/feed/atom/", metaBase + "/feed/json/"}, tc.feeds...) {
				if !feeds[want] {
					t.Errorf("no autodiscovery link to %s; have %v", want, feeds)
				}
			}
			// Written out plainly, for autodiscovery that reads the text.
			if !strings.Contains(d.raw, `<link rel="alternate" type="application/rss+xml" title="Warta (RSS)" href="`+metaBase+`/feed/">`) {
				t.Error("the site's RSS feed link is not written out plainly")
			}
			for _, n := range d.all("link", func(n *html.Node) bool { return metaAttr(n, "rel") == "alternate" }) {
				if metaAttr(n, "title") == "" {
					t.Errorf("feed link %s has no title", metaAttr(n, "href"))
				}
			}
			assertSearchForm(t, d)
		})
	}
}

func assertSearchForm(t *testing.T, d *metaDoc) {
	t.Helper()
	forms := d.all("form", func(n *html.Node) bool { return metaAttr(n, "role") == "search" })
	if len(forms) != 1 {
		t.Fatalf("got %d search forms, want 1", len(forms))
	}
	form := forms[0]
	if metaAttr(form, "action") != "/search" || strings.ToLower(metaAttr(form, "method")) != "get" {
		t.Errorf("search form: action %q method %q, want GET /search", metaAttr(form, "action"), metaAttr(form, "method"))
	}
	var input *html.Node
	for n := range form.Descendants() {
		if n.Type == html.ElementNode && n.Data == "input" && metaAttr(n, "name") == "q" {
			input = n
		}
	}
	if input == nil {
		t.Fatal("search form has no input named q")
	}
	labels := d.all("label", func(n *html.Node) bool { return metaAttr(n, "for") == metaAttr(input, "id") })
	if metaAttr(input, "id") == "" || len(labels) != 1 || strings.TrimSpace(metaText(labels[0])) == "" {
		t.Error("the search input has no label")
	}
}

func TestArticleMetadata(t *testing.T) {
	f := newMetaFixture(t, "id")
	a := f.story
	perma := metaBase + a.Permalink(f.loc)
	d := parseMetaDoc(t, f.get(t, a.Permalink(f.loc)).Body.String())

	if got, want := d.meta(t, "og:locale"), "id_ID"; got != want {
		t.Errorf("og:locale = %q, want %q", got, want)
	}
	published := d.meta(t, "article:published_time")
	if at, err := time.Parse(time.RFC3339, published); err != nil || !at.Equal(a.PublishedAt) {
		t.Errorf("article:published_time = %q, want %s in RFC 3339", published, a.PublishedAt)
	}
	modified := d.meta(t, "article:modified_time")
	if at, err := time.Parse(time.RFC3339, modified); err != nil || !at.Equal(a.UpdatedAt.Truncate(time.Second)) {
		t.Errorf("article:modified_time = %q, want %s (UpdatedAt) in RFC 3339", modified, a.UpdatedAt)
	}
	if got := d.meta(t, "article:section"); got != "Nasional" {
		t.Errorf("article:section = %q", got)
	}
	if got, want := strings.Join(d.metas("article:tag"), ","), "Banjir,Jawa Tengah"; got != want {
		t.Errorf("article:tag = %q, want %q", got, want)
	}
	if got, want := strings.Join(d.metas("article:author"), ","), metaBase+"/author/rina-pertiwi/,"+metaBase+"/author/budi-santoso/"; got != want {
		t.Errorf("article:author = %q, want %q", got, want)
	}

	na := d.ld(t, "NewsArticle")
	for k, want := range map[string]string{
		"headline": a.Headline, "description": a.Dek, "mainEntityOfPage": perma,
		"articleSection": "Nasional", "inLanguage": "id", "datePublished": published, "dateModified": modified,
	} {
		if got := na[k]; got != want {
			t.Errorf("NewsArticle.%s = %v, want %q", k, got, want)
		}
	}
	images, _ := na["image"].([]any)
	if len(images) != 4 {
		t.Errorf("NewsArticle.image = %v, want the three variants and the original", na["image"])
	}
	for _, im := range images {
		s, _ := im.(string)
		assertAbsolute(t, "NewsArticle.image[]", s)
	}
	authors, _ := na["author"].([]any)
	if len(authors) != len(a.Authors) {
		t.Fatalf("NewsArticle.author has %d entries, want %d", len(authors), len(a.Authors))
	}
	for i, x := range authors {
		p, _ := x.(map[string]any)
		if p["@type"] != "Person" || p["name"] != a.Authors[i].Name || p["url"] != metaBase+"/author/"+a.Authors[i].Slug+"/" {
			t.Errorf("NewsArticle.author[%d] = %v", i, p)
		}
	}
	pub, _ := na["publisher"].(map[string]any)
	logo, _ := pub["logo"].(map[string]any)
	if pub["@type"] != "Organization" || pub["name"] != "Warta" || logo["@type"] != "ImageObject" {
		t.Errorf("NewsArticle.publisher = %v", pub)
	}
	if u, _ := logo["url"].(string); !strings.HasPrefix(u, metaBase+"/static/icon.") || !strings.HasSuffix(u, ".svg") {
		t.Errorf("publisher logo = %q, want the hashed icon's absolute URL", u)
	}

	bc := d.ld(t, "BreadcrumbList")
	items, _ := bc["itemListElement"].([]any)
	if len(items) != 3 {
		t.Fatalf("BreadcrumbList has %d items, want 3", len(items))
	}
	for i, want := range []struct{ name, item string }{
		{"Beranda", metaBase + "/"}, {"Nasional", metaBase + "/section/nasional/"}, {a.Headline, perma},
	} {
		it, _ := items[i].(map[string]any)
		if it["@type"] != "ListItem" || it["position"] != float64(i+1) || it["item"] != want.item {
			t.Errorf("breadcrumb %d = %v, want %s at %s", i+1, it, want.name, want.item)
		}
	}

	// Share links: plain links to the five services, each carrying the
	// permalink URL-encoded, and nothing else loaded from them.
	shares := d.all("a", func(n *html.Node) bool { return strings.Contains(metaAttr(n, "class"), "share-link") })
	wantHosts := map[string]string{
		"wa.me": "Bagikan ke WhatsApp", "t.me": "Bagikan ke Telegram", "x.com": "Bagikan ke X",
		"www.facebook.com": "Bagikan ke Facebook", "": "Kirim lewat e-mail",
	}
	if len(shares) != len(wantHosts) {
		t.Fatalf("got %d share links, want %d", len(shares), len(wantHosts))
	}
	for _, n := range shares {
		href := metaAttr(n, "href")
		u, err := url.Parse(href)
		if err != nil {
			t.Errorf("share link %q: %v", href, err)
			continue
		}
		label, ok := wantHosts[u.Host]
		if !ok || (u.Host == "" && u.Scheme != "mailto") || (u.Host != "" && u.Scheme != "https") {
			t.Errorf("share link %q points at an unexpected place", href)
			continue
		}
		if got := strings.TrimSpace(metaText(n)); got != label {
			t.Errorf("share link to %s is labelled %q, want %q", u.Host, got, label)
		}
		if !strings.Contains(href, url.QueryEscape(perma)) {
			t.Errorf("share link %q lacks the URL-encoded permalink", href)
		}
		if strings.Contains(u.RawQuery, " ") || strings.Contains(u.RawQuery, perma) {
			t.Errorf("share link %q is not URL-encoded", href)
		}
		if metaAttr(n, "rel") != "noopener" || metaAttr(n, "target") != "" {
			t.Errorf("share link %q: rel %q target %q", href, metaAttr(n, "rel"), metaAttr(n, "target"))
		}
	}
	// The page loads nothing from another host.
	for _, tag := range []string{"img", "script", "link", "iframe", "source"} {
		for _, n := range d.all(tag, nil) {
			for _, k := range []string{"src", "srcset"} {
				if v := metaAttr(n, k); strings.Contains(v, "//") {
					t.Errorf("<%s %s=%q> loads from another host", tag, k, v)
				}
			}
			if tag == "link" && metaAttr(n, "rel") == "stylesheet" && strings.Contains(metaAttr(n, "href"), "//") {
				t.Errorf("stylesheet from another host: %s", metaAttr(n, "href"))
			}
		}
	}
	assertSearchForm(t, d)
}

func TestHomeWebSiteSearchAction(t *testing.T) {
	f := newMetaFixture(t, "id")
	d := parseMetaDoc(t, f.get(t, "/").Body.String())
	ws := d.ld(t, "WebSite")
	if ws["url"] != metaBase+"/" || ws["name"] != "Warta" || ws["inLanguage"] != "id" {
		t.Errorf("WebSite = %v", ws)
	}
	act, _ := ws["potentialAction"].(map[string]any)
	if act["@type"] != "SearchAction" || act["target"] != metaBase+"/search?q={search_term_string}" ||
		act["query-input"] != "required name=search_term_string" {
		t.Errorf("WebSite.potentialAction = %v", act)
	}
	if got, want := d.meta(t, "description"), "Berita yang jernih, dari ruang redaksi kami sendiri."; got != want {
		t.Errorf("home description = %q, want the catalogue's tagline %q", got, want)
	}
}

func TestHomeDescriptionIsTheTagline(t *testing.T) {
	f := newMetaFixture(t, "en")
	if err := f.store.SetSetting(context.Background(), "site_tagline", "News from Demak."); err != nil {
		t.Fatal(err)
	}
	d := parseMetaDoc(t, f.get(t, "/").Body.String())
	if got, want := d.meta(t, "description"), "News from Demak."; got != want {
		t.Errorf("description = %q, want the tagline %q", got, want)
	}
}

func TestErrorPageMetadata(t *testing.T) {
	f := newMetaFixture(t, "en")
	rec := f.get(t, "/no/such/page")
	if rec.Code != http.StatusNotFound {
		t.Fatalf("GET /no/such/page = %d", rec.Code)
	}
	d := parseMetaDoc(t, rec.Body.String())
	if got, want := d.title(), "Page not found — Warta"; got != want {
		t.Errorf("<title> = %q, want %q", got, want)
	}
	if got := d.meta(t, "description"); !strings.HasPrefix(got, "The page you are looking for") {
		t.Errorf("description = %q", got)
	}
	if got := d.links("canonical", ""); len(got) != 0 {
		t.Errorf("an error page has a canonical URL: %v", got)
	}
	if got := d.meta(t, "og:locale"); got != "en_US" {
		t.Errorf("og:locale = %q", got)
	}
	if got := d.links("alternate", "application/rss+xml"); len(got) != 1 || got[0] != metaBase+"/feed/" {
		t.Errorf("RSS autodiscovery = %v", got)
	}
	assertSearchForm(t, d)
}

// TestJSONLDCannotBeEscaped saves a headline that tries to close the
// JSON-LD script element and open its own; it must stay data.
func TestJSONLDCannotBeEscaped(t *testing.T) {
	f := newMetaFixture(t, "en")
	const hostile = `</script><script>alert(1)</script><!-- "'&`
	a := f.story
	a.Headline = hostile
	if err := f.store.UpdateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	rec := f.get(t, a.Permalink(f.loc))
	body := rec.Body.String()
	if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "</script><script>") {
		t.Fatal("the headline broke out of an element")
	}
	d := parseMetaDoc(t, body)
	for _, n := range d.all("script", nil) {
		if typ := metaAttr(n, "type"); typ != "application/ld+json" && metaAttr(n, "src") == "" {
			t.Errorf("an inline script of type %q is on the page: %s", typ, metaText(n))
		}
	}
	if got := d.ld(t, "NewsArticle")["headline"]; got != hostile {
		t.Errorf("NewsArticle.headline = %q, want %q intact", got, hostile)
	}
	items, _ := d.ld(t, "BreadcrumbList")["itemListElement"].([]any)
	if last, _ := items[len(items)-1].(map[string]any); last["name"] != hostile {
		t.Errorf("breadcrumb name = %q, want %q", last["name"], hostile)
	}
	if got := d.meta(t, "og:title"); got != hostile {
		t.Errorf("og:title = %q, want %q", got, hostile)
	}
}

// TestCSPStaysStrict checks that the pages, JSON-LD included, are served
// under a policy without 'unsafe-inline': JSON-LD is a data block, which
// browsers never run, so script-src 'self' does not need to allow it.
func TestCSPStaysStrict(t *testing.T) {
	f := newMetaFixture(t, "en")
	h := server.New(server.Config{Site: f.handler, Static: static.New(), MediaDir: t.TempDir(), DB: f.store,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, path := range []string{"/", f.story.Permalink(f.loc), "/section/nasional/"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		csp := rec.Header().Get("Content-Security-Policy")
		if rec.Code != http.StatusOK || csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s = %d with CSP %q", path, rec.Code, csp)
		}
		if path != "/section/nasional/" && !strings.Contains(rec.Body.String(), `<script type="application/ld+json">`) {
			t.Errorf("GET %s has no JSON-LD", path)
		}
	}
}
