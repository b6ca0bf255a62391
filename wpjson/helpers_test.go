package wpjson_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"warta"
	"warta/i18n"
	"warta/internal/teststore"
	"warta/pagecache"
	"warta/server"
	"warta/site"
	"warta/static"
	"warta/storetest"
	"warta/view"
	"warta/wpjson"
)

func TestMain(m *testing.M) { storetest.Main(m) }

const baseURL = "https://warta.example"

// now is 19 June 2024, 14.05 in Jakarta.
var now = time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// fixture is a site built through the store on real SQLite: sections,
// tags, authors, published, scheduled and draft articles, pages, media
// and comments of every status. Every test email ends in @example.id,
// and no response may ever contain one.
type fixture struct {
	st      warta.Store
	clock   *clock
	loc     *time.Location
	handler http.Handler // the whole server: site, page cache and API
	cache   *pagecache.Cache

	nasional, ekonomi  *warta.Section
	banjir, pemilu     *warta.Tag
	rina, budi, sari   *warta.Author // sari has only a draft
	lead, embargoed    *warta.Media
	flood, market, old *warta.Article // published
	draft, scheduled   *warta.Article
	about, hiddenPage  *warta.Page
	c1, c1reply, c2    *warta.Comment // approved
	pending, spam      *warta.Comment
}

// newFixtureOn builds the fixture on the database db ("sqlite" or
// "postgres").
func newFixtureOn(t *testing.T, db string) *fixture {
	t.Helper()
	c := &clock{now: now}
	st := teststore.Open(t, db, c.Now)
	ctx := context.Background()
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, clock: c, loc: loc}
	f.nasional = storetest.MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional", Description: "Berita dari seluruh negeri", Position: 1})
	f.ekonomi = storetest.MustCreateSection(t, st, &warta.Section{Slug: "ekonomi", Name: "Ekonomi & Bisnis", Position: 2})
	f.banjir = storetest.MustCreateTag(t, st, &warta.Tag{Slug: "banjir", Name: "Banjir"})
	f.pemilu = storetest.MustCreateTag(t, st, &warta.Tag{Slug: "pemilu-2024", Name: "Pemilu 2024"})
	f.rina = storetest.MustCreateAuthor(t, st, &warta.Author{Slug: "rina-pertiwi", Name: "Rina Pertiwi", Bio: "Wartawan pesisir."})
	f.budi = storetest.MustCreateAuthor(t, st, &warta.Author{Slug: "budi-santoso", Name: "Budi Santoso"})
	f.sari = storetest.MustCreateAuthor(t, st, &warta.Author{Slug: "sari-dewi", Name: "Sari Dewi"})

	mkMedia := func(label, caption string) *warta.Media {
		c.advance(time.Second)
		m := &warta.Media{
			Hash: strings.Repeat(label[:1], 64), Path: "2024/06/" + label + ".jpg", MIME: "image/jpeg",
			Width: 1600, Height: 900, Size: 200000, OriginalName: label + ".jpg",
			Alt: "Warga mengungsi dengan perahu karet", Caption: caption, Credit: "Foto: Rina Pertiwi/Warta",
			Variants: []warta.ImageVariant{
				{Path: "2024/06/" + label + "-240.jpg", Width: 240, Height: 135},
				{Path: "2024/06/" + label + "-480.jpg", Width: 480, Height: 270},
				{Path: "2024/06/" + label + "-960.jpg", Width: 960, Height: 540},
			},
		}
		if err := st.CreateMedia(ctx, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	f.lead = mkMedia("a-rob-demak", "Banjir rob di Sayung, Demak")
	f.embargoed = mkMedia("b-embargo", "Belum boleh terbit")

	mk := func(a *warta.Article) *warta.Article {
		c.advance(time.Second)
		if a.BodyHTML == "" {
			a.BodyMarkdown = "Isi " + a.Slug + "."
			a.BodyHTML = "<p>Isi " + a.Slug + ".</p>"
		}
		if a.Status == "" {
			a.Status = warta.StatusPublished
		}
		return storetest.MustCreateArticle(t, st, a)
	}
	withLead := func(m *warta.Media) warta.Image {
		return warta.Image{MediaID: m.ID, Path: m.Path, Alt: m.Alt, Caption: m.Caption, Width: m.Width, Height: m.Height}
	}
	f.flood = mk(&warta.Article{Slug: "banjir-rob-demak", Headline: "Banjir rob & tanggul jebol di Demak", Dek: "Seribu rumah terendam <air laut>.",
		BodyMarkdown: "Air laut masuk.", BodyHTML: "<p>Air laut <strong>masuk</strong> ke permukiman.</p>",
		Section: *f.nasional, Tags: []warta.Tag{*f.banjir, *f.pemilu}, Authors: []warta.Author{*f.rina, *f.budi},
		LeadImage: withLead(f.lead), CommentsOpen: true, PublishedAt: now.Add(-2 * time.Hour)})
	f.market = mk(&warta.Article{Slug: "harga-beras-naik", Headline: "Harga beras naik lagi",
		BodyMarkdown: "Harga beras", BodyHTML: "<p>Harga beras medium naik di " + strings.Repeat("pasar ", 60) + "tradisional.</p>",
		Section: *f.ekonomi, Tags: []warta.Tag{*f.pemilu}, Authors: []warta.Author{*f.budi},
		CommentsOpen: false, PublishedAt: now.Add(-3 * time.Hour)})
	f.old = mk(&warta.Article{Slug: "arsip-lama", Headline: "Arsip lama", Section: *f.nasional,
		Authors: []warta.Author{*f.rina}, CommentsOpen: true, PublishedAt: now.Add(-30 * 24 * time.Hour)})
	f.draft = mk(&warta.Article{Slug: "draf-rahasia", Headline: "Draf rahasia", Status: warta.StatusDraft,
		Section: *f.ekonomi, Authors: []warta.Author{*f.sari}, CommentsOpen: true})
	f.scheduled = mk(&warta.Article{Slug: "embargo-besok", Headline: "Embargo besok", Status: warta.StatusScheduled,
		Section: *f.nasional, Tags: []warta.Tag{*f.banjir}, Authors: []warta.Author{*f.rina},
		LeadImage: withLead(f.embargoed), CommentsOpen: true, PublishedAt: now.Add(24 * time.Hour)})

	f.about = &warta.Page{Slug: "tentang-kami", Title: "Tentang Kami", BodyMarkdown: "Kami", BodyHTML: "<p>Kami media <em>independen</em>.</p>", Status: warta.PagePublished, MenuOrder: 1}
	f.hiddenPage = &warta.Page{Slug: "pedoman-baru", Title: "Pedoman baru", BodyMarkdown: "x", BodyHTML: "<p>x</p>", Status: warta.PageDraft}
	for _, p := range []*warta.Page{f.about, f.hiddenPage} {
		c.advance(time.Second)
		if err := st.CreatePage(ctx, p); err != nil {
			t.Fatal(err)
		}
	}

	comment := func(a *warta.Article, parent int64, status warta.CommentStatus, name, email string) *warta.Comment {
		c.advance(time.Minute)
		return storetest.MustCreateComment(t, st, &warta.Comment{ArticleID: a.ID, ParentID: parent, Status: status,
			AuthorName: name, AuthorEmail: email, AuthorURL: "https://blog.contoh.id/" + strings.ToLower(name),
			AuthorIP: "203.0.113.9", UserAgent: "Test", Content: "Komentar " + name, ContentHTML: "<p>Komentar " + name + "</p>"})
	}
	f.c1 = comment(f.flood, 0, warta.CommentApproved, "Ani", "ani@example.id")
	f.c1reply = comment(f.flood, f.c1.ID, warta.CommentApproved, "Bayu", "bayu@example.id")
	f.c2 = comment(f.old, 0, warta.CommentApproved, "Citra", "citra@example.id")
	f.pending = comment(f.flood, 0, warta.CommentPending, "Dedi", "dedi@example.id")
	f.spam = comment(f.flood, 0, warta.CommentSpam, "Eko", "eko@example.id")
	comment(f.scheduled, 0, warta.CommentApproved, "Fajar", "fajar@example.id")
	f.clock.advance(time.Minute)

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	secret := []byte("a secret of at least thirty-two bytes")
	cat, _ := i18n.Get("id")
	views, err := view.New(cat, static.New(), loc)
	if err != nil {
		t.Fatal(err)
	}
	f.cache = pagecache.New(16 << 20)
	f.handler = server.New(server.Config{
		Site: site.New(site.Config{Store: st, Views: views, Location: loc, BaseURL: baseURL, SiteName: "Warta",
			Now: c.Now, Logger: log, Secret: secret}),
		WPJSON: wpjson.New(wpjson.Config{Store: st, Location: loc, Lang: "id", BaseURL: baseURL, SiteName: "Warta",
			Now: c.Now, Logger: log, Secret: secret}),
		Static: static.New(), MediaDir: t.TempDir(), DB: st, Logger: log, PageCache: f.cache,
	})
	return f
}

// do sends a request from ip and checks what every answer must hold:
// no email address, whatever the route.
func (f *fixture) do(t *testing.T, r *http.Request, ip string) *httptest.ResponseRecorder {
	t.Helper()
	r.RemoteAddr = net.JoinHostPort(ip, "40000")
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, r)
	if body := rec.Body.String(); strings.Contains(body, "@example.id") {
		t.Errorf("%s %s: the answer shows an email:\n%s", r.Method, r.URL, body)
	}
	return rec
}

func (f *fixture) get(t *testing.T, path string) *httptest.ResponseRecorder {
	t.Helper()
	return f.do(t, httptest.NewRequest("GET", path, nil), "198.51.100.1")
}

// getJSON fetches path, wants status and a JSON answer, and decodes it.
func (f *fixture) getJSON(t *testing.T, path string, status int) (any, *httptest.ResponseRecorder) {
	t.Helper()
	rec := f.get(t, path)
	return decode(t, "GET "+path, rec, status), rec
}

func decode(t *testing.T, what string, rec *httptest.ResponseRecorder, status int) any {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("%s = %d, want %d\n%s", what, rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=UTF-8" {
		t.Fatalf("%s: Content-Type %q, want JSON", what, ct)
	}
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("%s: %v\n%s", what, err, rec.Body)
	}
	return v
}

func (f *fixture) list(t *testing.T, path string) ([]map[string]any, *httptest.ResponseRecorder) {
	t.Helper()
	v, rec := f.getJSON(t, path, 200)
	arr, ok := v.([]any)
	if !ok {
		t.Fatalf("GET %s: %T, want an array", path, v)
	}
	out := make([]map[string]any, len(arr))
	for i, x := range arr {
		if out[i], ok = x.(map[string]any); !ok {
			t.Fatalf("GET %s: item %d is %T, want an object", path, i, x)
		}
	}
	return out, rec
}

func (f *fixture) object(t *testing.T, path string) map[string]any {
	t.Helper()
	v, _ := f.getJSON(t, path, 200)
	o, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("GET %s: %T, want an object", path, v)
	}
	return o
}

// wantError checks a WordPress error body: code, a message, data.status.
func wantError(t *testing.T, what string, rec *httptest.ResponseRecorder, status int, code string) map[string]any {
	t.Helper()
	o, _ := decode(t, what, rec, status).(map[string]any)
	checkShape(t, what, o, errorSchema)
	if o["code"] != code {
		t.Errorf("%s: code %v, want %s", what, o["code"], code)
	}
	if data, _ := o["data"].(map[string]any); data["status"] != float64(status) {
		t.Errorf("%s: data.status %v, want %d", what, data["status"], status)
	}
	return o
}

// The documented shapes. Types: integer, number, string, boolean,
// object, null|integer, datetime (WordPress's zone-less ISO 8601),
// rendered ({"rendered": string}), content ({"rendered", "protected":
// false}), links (rel → [{href…}]), avatars ({"24","48","96"} on our
// own /avatar/), ints (array of integers), strings (array of strings).
type schema map[string]string

var (
	postSchema = schema{
		"id": "integer", "date": "datetime", "date_gmt": "datetime", "guid": "rendered",
		"modified": "datetime", "modified_gmt": "datetime", "slug": "string", "status": "string",
		"type": "string", "link": "string", "title": "rendered", "content": "content", "excerpt": "content",
		"author": "integer", "featured_media": "integer", "comment_status": "string", "ping_status": "string",
		"sticky": "boolean", "template": "string", "format": "string", "meta": "object",
		"categories": "ints", "tags": "ints", "_links": "links",
	}
	pageSchema = schema{
		"id": "integer", "date": "datetime", "date_gmt": "datetime", "guid": "rendered",
		"modified": "datetime", "modified_gmt": "datetime", "slug": "string", "status": "string",
		"type": "string", "link": "string", "title": "rendered", "content": "content", "excerpt": "content",
		"author": "integer", "featured_media": "integer", "parent": "integer", "menu_order": "integer",
		"comment_status": "string", "ping_status": "string", "template": "string", "meta": "object", "_links": "links",
	}
	categorySchema = schema{
		"id": "integer", "count": "integer", "description": "string", "link": "string", "name": "string",
		"slug": "string", "taxonomy": "string", "parent": "integer", "meta": "object", "_links": "links",
	}
	tagSchema = schema{
		"id": "integer", "count": "integer", "description": "string", "link": "string", "name": "string",
		"slug": "string", "taxonomy": "string", "meta": "object", "_links": "links",
	}
	termEmbedSchema = schema{"id": "integer", "link": "string", "name": "string", "slug": "string", "taxonomy": "string", "_links": "links"}
	userSchema      = schema{
		"id": "integer", "name": "string", "url": "string", "description": "string", "link": "string",
		"slug": "string", "avatar_urls": "avatars", "meta": "object", "_links": "links",
	}
	userEmbedSchema = schema{
		"id": "integer", "name": "string", "url": "string", "description": "string", "link": "string",
		"slug": "string", "avatar_urls": "avatars", "_links": "links",
	}
	mediaSchema = schema{
		"id": "integer", "date": "datetime", "date_gmt": "datetime", "guid": "rendered",
		"modified": "datetime", "modified_gmt": "datetime", "slug": "string", "status": "string",
		"type": "string", "link": "string", "title": "rendered", "author": "integer",
		"comment_status": "string", "ping_status": "string", "template": "string", "meta": "object",
		"description": "rendered", "caption": "rendered", "alt_text": "string", "media_type": "string",
		"mime_type": "string", "media_details": "object", "post": "null|integer", "source_url": "string", "_links": "links",
	}
	mediaEmbedSchema = schema{
		"id": "integer", "date": "datetime", "slug": "string", "type": "string", "link": "string",
		"title": "rendered", "author": "integer", "caption": "rendered", "alt_text": "string",
		"media_type": "string", "mime_type": "string", "media_details": "object", "source_url": "string", "_links": "links",
	}
	commentSchema = schema{
		"id": "integer", "post": "integer", "parent": "integer", "author": "integer", "author_name": "string",
		"author_url": "string", "date": "datetime", "date_gmt": "datetime", "content": "rendered",
		"link": "string", "status": "string", "type": "string", "author_avatar_urls": "avatars",
		"meta": "object", "_links": "links",
	}
	commentEmbedSchema = schema{
		"id": "integer", "parent": "integer", "author": "integer", "author_name": "string",
		"author_url": "string", "date": "datetime", "content": "rendered", "link": "string",
		"type": "string", "author_avatar_urls": "avatars", "_links": "links",
	}
	indexSchema = schema{
		"name": "string", "description": "string", "url": "string", "home": "string", "gmt_offset": "number",
		"timezone_string": "string", "namespaces": "strings", "authentication": "object", "routes": "object",
		"site_logo": "integer", "site_icon": "integer", "site_icon_url": "string", "_links": "links",
	}
	errorSchema = schema{"code": "string", "message": "string", "data": "object"}
)

var wpDate = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`)

// checkShape fails unless o has every key of s with its type, and no
// other key (but _embedded, checked by the embed test).
func checkShape(t *testing.T, what string, o map[string]any, s schema) {
	t.Helper()
	var extra []string
	for k := range o {
		if _, ok := s[k]; !ok && k != "_embedded" {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("%s: keys WordPress does not document here: %v", what, extra)
	}
	for k, typ := range s {
		v, ok := o[k]
		if !ok {
			t.Errorf("%s: no %q", what, k)
			continue
		}
		if !hasType(v, typ) {
			t.Errorf("%s: %q = %#v, want %s", what, k, v, typ)
		}
	}
}

func hasType(v any, typ string) bool {
	switch typ {
	case "integer":
		n, ok := v.(float64)
		return ok && n == math.Trunc(n)
	case "number":
		_, ok := v.(float64)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "null|integer":
		return v == nil || hasType(v, "integer")
	case "datetime":
		s, ok := v.(string)
		return ok && wpDate.MatchString(s)
	case "rendered":
		o, ok := v.(map[string]any)
		return ok && len(o) == 1 && hasType(o["rendered"], "string")
	case "content":
		o, ok := v.(map[string]any)
		return ok && len(o) == 2 && hasType(o["rendered"], "string") && o["protected"] == false
	case "ints", "strings":
		arr, ok := v.([]any)
		if !ok {
			return false
		}
		for _, x := range arr {
			if !hasType(x, map[string]string{"ints": "integer", "strings": "string"}[typ]) {
				return false
			}
		}
		return true
	case "links":
		o, ok := v.(map[string]any)
		if !ok {
			return false
		}
		for _, rel := range o {
			arr, ok := rel.([]any)
			if !ok || len(arr) == 0 {
				return false
			}
			for _, l := range arr {
				lo, ok := l.(map[string]any)
				if !ok || !hasType(lo["href"], "string") {
					return false
				}
			}
		}
		return true
	case "avatars":
		o, ok := v.(map[string]any)
		if !ok || len(o) != 3 {
			return false
		}
		for _, size := range []string{"24", "48", "96"} {
			u, _ := o[size].(string)
			if !regexp.MustCompile(`^` + regexp.QuoteMeta(baseURL) + `/avatar/[0-9a-f]{32}\.svg$`).MatchString(u) {
				return false
			}
		}
		return true
	}
	panic("unknown type " + typ)
}

// href returns the first href of rel in o's _links.
func href(o map[string]any, rel string) string {
	links, _ := o["_links"].(map[string]any)
	arr, _ := links[rel].([]any)
	if len(arr) == 0 {
		return ""
	}
	l, _ := arr[0].(map[string]any)
	s, _ := l["href"].(string)
	return s
}

func ids(list []map[string]any) []int64 {
	var out []int64
	for _, o := range list {
		out = append(out, int64(o["id"].(float64)))
	}
	return out
}

func rendered(o map[string]any, key string) string {
	m, _ := o[key].(map[string]any)
	s, _ := m["rendered"].(string)
	return s
}
