package exporter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/exporter"
	"warta/exporter/exportertest"
	"warta/internal/testfixture"
	"warta/sqlite"
)

// now is the fixed "now" of these tests: 19 June 2024, 14.05 WIB.
var now = time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC)

var jakarta = mustZone("Asia/Jakarta")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// MustOpenStore opens an empty migrated SQLite store whose clock starts
// at now and moves a minute each time tick is called.
func MustOpenStore(tb testing.TB) (st *sqlite.DB, mediaDir string, tick func()) {
	tb.Helper()
	ctx := context.Background()
	clock := now
	dir := tb.TempDir()
	db, err := sqlite.Open(ctx, dir, func() time.Time { return clock })
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db, filepath.Join(dir, "media"), func() { clock = clock.Add(time.Minute) }
}

// MustBuildFixture opens a store and fills it with the fixture site.
func MustBuildFixture(tb testing.TB) (*sqlite.DB, *exportertest.Fixture) {
	tb.Helper()
	st, mediaDir, tick := MustOpenStore(tb)
	f, err := exportertest.Build(context.Background(), st, mediaDir, now, tick)
	if err != nil {
		tb.Fatalf("build fixture: %v", err)
	}
	return st, f
}

func options(private bool) exporter.Options {
	return exporter.Options{
		BaseURL: "https://warta.example/", Location: jakarta, Title: "Warta Uji", Tagline: "Kabar & cerita",
		Language: "id", IncludePrivate: private, Now: func() time.Time { return now },
	}
}

// The WXR shapes below name every element by its namespace URI, so the
// file parses into them only if it declares the namespaces WordPress
// uses.
type wxrFile struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title       string        `xml:"title"`
		Link        string        `xml:"link"`
		Language    string        `xml:"language"`
		WXRVersion  string        `xml:"http://wordpress.org/export/1.2/ wxr_version"`
		BaseSiteURL string        `xml:"http://wordpress.org/export/1.2/ base_site_url"`
		BaseBlogURL string        `xml:"http://wordpress.org/export/1.2/ base_blog_url"`
		Authors     []wxrAuthor   `xml:"http://wordpress.org/export/1.2/ author"`
		Categories  []wxrCategory `xml:"http://wordpress.org/export/1.2/ category"`
		Tags        []wxrTag      `xml:"http://wordpress.org/export/1.2/ tag"`
		Items       []wxrItem     `xml:"item"`
	} `xml:"channel"`
}

type wxrAuthor struct {
	ID          int64  `xml:"http://wordpress.org/export/1.2/ author_id"`
	Login       string `xml:"http://wordpress.org/export/1.2/ author_login"`
	Email       string `xml:"http://wordpress.org/export/1.2/ author_email"`
	DisplayName string `xml:"http://wordpress.org/export/1.2/ author_display_name"`
	Bio         string `xml:"urn:x-warta:export:1 author_bio"`
}

type wxrCategory struct {
	TermID      int64     `xml:"http://wordpress.org/export/1.2/ term_id"`
	Nicename    string    `xml:"http://wordpress.org/export/1.2/ category_nicename"`
	Name        string    `xml:"http://wordpress.org/export/1.2/ cat_name"`
	Description string    `xml:"http://wordpress.org/export/1.2/ category_description"`
	Meta        []wxrMeta `xml:"http://wordpress.org/export/1.2/ termmeta"`
}

type wxrTag struct {
	TermID int64  `xml:"http://wordpress.org/export/1.2/ term_id"`
	Slug   string `xml:"http://wordpress.org/export/1.2/ tag_slug"`
	Name   string `xml:"http://wordpress.org/export/1.2/ tag_name"`
}

type wxrMeta struct {
	Key   string `xml:"http://wordpress.org/export/1.2/ meta_key"`
	Value string `xml:"http://wordpress.org/export/1.2/ meta_value"`
}

type wxrItem struct {
	Title         string `xml:"title"`
	Link          string `xml:"link"`
	PubDate       string `xml:"pubDate"`
	Creator       string `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Content       string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Excerpt       string `xml:"http://wordpress.org/export/1.2/excerpt/ encoded"`
	PostID        int64  `xml:"http://wordpress.org/export/1.2/ post_id"`
	PostDate      string `xml:"http://wordpress.org/export/1.2/ post_date"`
	PostDateGMT   string `xml:"http://wordpress.org/export/1.2/ post_date_gmt"`
	CommentStatus string `xml:"http://wordpress.org/export/1.2/ comment_status"`
	PostName      string `xml:"http://wordpress.org/export/1.2/ post_name"`
	Status        string `xml:"http://wordpress.org/export/1.2/ status"`
	PostType      string `xml:"http://wordpress.org/export/1.2/ post_type"`
	MenuOrder     int    `xml:"http://wordpress.org/export/1.2/ menu_order"`
	AttachmentURL string `xml:"http://wordpress.org/export/1.2/ attachment_url"`
	Categories    []struct {
		Domain   string `xml:"domain,attr"`
		Nicename string `xml:"nicename,attr"`
		Name     string `xml:",chardata"`
	} `xml:"category"`
	Meta     []wxrMeta    `xml:"http://wordpress.org/export/1.2/ postmeta"`
	Comments []wxrComment `xml:"http://wordpress.org/export/1.2/ comment"`
}

func (it *wxrItem) meta(key string) []string {
	var out []string
	for _, m := range it.Meta {
		if m.Key == key {
			out = append(out, m.Value)
		}
	}
	return out
}

type wxrComment struct {
	ID       int64     `xml:"http://wordpress.org/export/1.2/ comment_id"`
	Agent    string    `xml:"http://wordpress.org/export/1.2/ comment_agent"`
	Author   string    `xml:"http://wordpress.org/export/1.2/ comment_author"`
	Email    string    `xml:"http://wordpress.org/export/1.2/ comment_author_email"`
	URL      string    `xml:"http://wordpress.org/export/1.2/ comment_author_url"`
	IP       string    `xml:"http://wordpress.org/export/1.2/ comment_author_IP"`
	Date     string    `xml:"http://wordpress.org/export/1.2/ comment_date"`
	DateGMT  string    `xml:"http://wordpress.org/export/1.2/ comment_date_gmt"`
	Content  string    `xml:"http://wordpress.org/export/1.2/ comment_content"`
	Approved string    `xml:"http://wordpress.org/export/1.2/ comment_approved"`
	Parent   int64     `xml:"http://wordpress.org/export/1.2/ comment_parent"`
	Meta     []wxrMeta `xml:"http://wordpress.org/export/1.2/ commentmeta"`
}

func mustWXR(tb testing.TB, st exporter.Source, o exporter.Options) ([]byte, *wxrFile) {
	tb.Helper()
	var buf bytes.Buffer
	if err := exporter.WriteWXR(context.Background(), st, &buf, o); err != nil {
		tb.Fatalf("WriteWXR: %v", err)
	}
	var f wxrFile
	if err := xml.Unmarshal(buf.Bytes(), &f); err != nil {
		tb.Fatalf("the export is not XML: %v\n%s", err, buf.String())
	}
	return buf.Bytes(), &f
}

func TestWXR(t *testing.T) {
	st, fx := MustBuildFixture(t)
	raw, f := mustWXR(t, st, options(false))
	ch := &f.Channel

	for _, decl := range []string{
		`xmlns:wp="http://wordpress.org/export/1.2/"`, `xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"`,
		`xmlns:content="http://purl.org/rss/1.0/modules/content/"`, `xmlns:wfw="http://wellformedweb.org/CommentAPI/"`,
		`xmlns:dc="http://purl.org/dc/elements/1.1/"`,
	} {
		if !bytes.Contains(raw, []byte(decl)) {
			t.Errorf("the rss element does not declare %s", decl)
		}
	}
	if f.Version != "2.0" || ch.WXRVersion != "1.2" {
		t.Errorf("rss version %q, wxr_version %q; want 2.0 and 1.2", f.Version, ch.WXRVersion)
	}
	if ch.BaseSiteURL != "https://warta.example" || ch.BaseBlogURL != "https://warta.example" || ch.Link != "https://warta.example" {
		t.Errorf("site URLs %q %q %q; want https://warta.example without a trailing slash", ch.BaseSiteURL, ch.BaseBlogURL, ch.Link)
	}
	if ch.Title != "Warta Uji" || ch.Language != "id" {
		t.Errorf("title %q language %q", ch.Title, ch.Language)
	}

	var logins []string
	for _, a := range ch.Authors {
		logins = append(logins, a.Login)
		if a.Email != "" {
			t.Errorf("author %s has email %q in an export without private data", a.Login, a.Email)
		}
		if a.Login == "rina-pertiwi" && (a.DisplayName != "Rina Pertiwi" || a.Bio != "Wartawan lingkungan di Semarang.") {
			t.Errorf("author rina-pertiwi: %+v", a)
		}
	}
	slices.Sort(logins)
	if want := []string{"budi-santoso", "dewi-lestari", "rina-pertiwi"}; !slices.Equal(logins, want) {
		t.Errorf("author logins %v, want %v", logins, want)
	}
	if len(ch.Categories) != 3 || ch.Categories[0].Nicename != "nasional" || ch.Categories[1].Nicename != "ekonomi" ||
		ch.Categories[1].Description != "Pasar &amp; harga &lt;bahan pokok&gt;." || ch.Categories[1].Name != "Ekonomi" {
		t.Errorf("categories: %+v", ch.Categories)
	}
	terms := map[int64]bool{}
	for _, c := range ch.Categories {
		terms[c.TermID] = true
	}
	for _, tg := range ch.Tags {
		if terms[tg.TermID] {
			t.Errorf("tag %s reuses term_id %d of a category", tg.Slug, tg.TermID)
		}
		terms[tg.TermID] = true
	}
	if len(ch.Tags) != 3 {
		t.Errorf("%d tags, want 3", len(ch.Tags))
	}

	byType := map[string][]*wxrItem{}
	bySlug := map[string]*wxrItem{}
	postIDs := map[int64]bool{}
	for i := range ch.Items {
		it := &ch.Items[i]
		byType[it.PostType] = append(byType[it.PostType], it)
		bySlug[it.PostName] = it
		if postIDs[it.PostID] {
			t.Errorf("post_id %d is used twice", it.PostID)
		}
		postIDs[it.PostID] = true
	}
	if len(byType["post"]) != 5 || len(byType["attachment"]) != 3 || len(byType["page"]) != 2 {
		t.Fatalf("%d posts, %d attachments, %d pages; want 5, 3 (two pictures and a PDF) and 2", len(byType["post"]), len(byType["attachment"]), len(byType["page"]))
	}
	about, draftPage := bySlug["tentang-kami"], bySlug["pedoman-media-siber"]
	if about.Status != "publish" || about.Content != fx.Pages[0].BodyHTML || about.Title != "Tentang Kami" ||
		about.MenuOrder != 1 || !slices.Equal(about.meta(exporter.MetaMenuLabel), []string{"Tentang"}) ||
		!slices.Equal(about.meta(exporter.MetaMarkdown), []string{fx.Pages[0].BodyMarkdown}) ||
		about.Link != "https://warta.example/tentang-kami/" {
		t.Errorf("published page: %+v", about)
	}
	if draftPage.Status != "draft" || draftPage.MenuOrder != 0 || draftPage.PostDateGMT != "0000-00-00 00:00:00" {
		t.Errorf("draft page: %+v", draftPage)
	}

	wantStatus := map[string]string{"banjir-rob-demak": "publish", "draf-harga-beras": "draft",
		"menunggu-suntingan": "pending", "terbit-besok": "future", "ditarik": "private"}
	for slug, status := range wantStatus {
		if it := bySlug[slug]; it == nil || it.Status != status || it.PostType != "post" {
			t.Errorf("%s: %+v, want a post with status %s", slug, it, status)
		}
	}

	pub := bySlug["banjir-rob-demak"]
	a := fx.Published
	if pub.Content != a.BodyHTML || pub.Excerpt != a.Dek || pub.Title != a.Headline {
		t.Errorf("published post: content/excerpt/title differ from the article")
	}
	if !strings.Contains(pub.Content, "a]]&gt;b") {
		t.Errorf("content lost the ]]> inside a CDATA section: %q", pub.Content)
	}
	if got := pub.meta(exporter.MetaMarkdown); len(got) != 1 || got[0] != a.BodyMarkdown {
		t.Errorf("%s = %q, want the Markdown", exporter.MetaMarkdown, got)
	}
	if got := pub.meta(exporter.MetaAuthors); len(got) != 1 || got[0] != "dewi-lestari,rina-pertiwi,budi-santoso" {
		t.Errorf("%s = %q, want the byline in order", exporter.MetaAuthors, got)
	}
	if pub.Creator != "dewi-lestari" {
		t.Errorf("dc:creator %q, want the first author", pub.Creator)
	}
	// Published two days before 14.05 WIB: local and UTC as WordPress writes them.
	if pub.PostDate != "2024-06-17 14:05:00" || pub.PostDateGMT != "2024-06-17 07:05:00" {
		t.Errorf("post_date %q post_date_gmt %q", pub.PostDate, pub.PostDateGMT)
	}
	if pub.Link != "https://warta.example/2024/06/17/banjir-rob-demak/" {
		t.Errorf("link %q", pub.Link)
	}
	if d := bySlug["draf-harga-beras"]; d.PostDateGMT != "0000-00-00 00:00:00" || d.PostDate != "0000-00-00 00:00:00" || d.PubDate != "" {
		t.Errorf("draft dates %q / %q / %q, want WordPress's zero date and no pubDate", d.PostDate, d.PostDateGMT, d.PubDate)
	}
	if bySlug["ditarik"].CommentStatus != "closed" || pub.CommentStatus != "open" {
		t.Errorf("comment_status: unpublished %q, published %q", bySlug["ditarik"].CommentStatus, pub.CommentStatus)
	}
	var cats []string
	for _, c := range pub.Categories {
		cats = append(cats, c.Domain+":"+c.Nicename+":"+c.Name)
	}
	if want := []string{"category:nasional:Nasional", "post_tag:banjir:Banjir", "post_tag:pemilu-2024:Pemilu 2024"}; !slices.Equal(cats, want) {
		t.Errorf("categories %v, want %v", cats, want)
	}
	var corrections []exporter.CorrectionMeta
	if got := pub.meta(exporter.MetaCorrections); len(got) != 1 {
		t.Errorf("corrections %q, want one meta", got)
	} else if err := json.Unmarshal([]byte(got[0]), &corrections); err != nil || len(corrections) != 1 ||
		!strings.Contains(corrections[0].Note, "semula ditulis 100") || corrections[0].CreatedAt.IsZero() {
		t.Errorf("corrections %q (%v)", got, err)
	}

	// The featured image points at the attachment of the lead image.
	thumb := pub.meta(exporter.MetaThumbnailID)
	if len(thumb) != 1 {
		t.Fatalf("%s: %q", exporter.MetaThumbnailID, thumb)
	}
	var lead *wxrItem
	for _, it := range byType["attachment"] {
		if strconv.FormatInt(it.PostID, 10) == thumb[0] {
			lead = it
		}
	}
	if lead == nil {
		t.Fatalf("no attachment has post_id %s", thumb[0])
	}
	m := fx.Media[0]
	if lead.AttachmentURL != "https://warta.example/media/"+m.Path || lead.Excerpt != m.Caption ||
		!slices.Equal(lead.meta(exporter.MetaAlt), []string{m.Alt}) || !slices.Equal(lead.meta(exporter.MetaAttached), []string{m.Path}) {
		t.Errorf("lead attachment %+v, want the media entry %+v", lead, m)
	}
	// PHP's serialize counts bytes: "Foto: Rina Pertiwi/Warta" is 24.
	wantMeta := `a:4:{s:5:"width";i:40;s:6:"height";i:30;s:4:"file";s:` + strconv.Itoa(len(m.Path)) + `:"` + m.Path +
		`";s:10:"image_meta";a:2:{s:7:"caption";s:28:"Banjir rob di Sayung, Demak.";s:6:"credit";s:24:"Foto: Rina Pertiwi/Warta";}}`
	if got := lead.meta(exporter.MetaAttachment); len(got) != 1 || got[0] != wantMeta {
		t.Errorf("%s = %q, want %q", exporter.MetaAttachment, got, wantMeta)
	}

	// The PDF document is an attachment too, with a file's metadata.
	doc := fx.Media[2]
	var docItem *wxrItem
	for _, it := range byType["attachment"] {
		if it.PostID == doc.ID {
			docItem = it
		}
	}
	if docItem == nil || docItem.AttachmentURL != "https://warta.example/media/"+doc.Path || docItem.Title != "Laporan Tahunan 2023.pdf" ||
		!slices.Equal(docItem.meta(exporter.MetaAttached), []string{doc.Path}) || docItem.Excerpt != "Laporan tahunan redaksi" {
		t.Fatalf("PDF attachment %+v, want the document %+v", docItem, doc)
	}
	wantDocMeta := `a:3:{s:8:"filesize";i:` + strconv.FormatInt(doc.Size, 10) + `;s:4:"file";s:` + strconv.Itoa(len(doc.Path)) + `:"` + doc.Path +
		`";s:10:"image_meta";a:2:{s:7:"caption";s:23:"Laporan tahunan redaksi";s:6:"credit";s:13:"Redaksi Warta";}}`
	if got := docItem.meta(exporter.MetaAttachment); len(got) != 1 || got[0] != wantDocMeta {
		t.Errorf("PDF %s = %q, want %q", exporter.MetaAttachment, got, wantDocMeta)
	}

	// Every comment, in every status, with its thread.
	if len(pub.Comments) != len(fx.Comments) {
		t.Fatalf("%d comments, want %d", len(pub.Comments), len(fx.Comments))
	}
	seen := map[int64]bool{}
	approved := map[string]int{}
	for _, c := range pub.Comments {
		if c.Parent != 0 && !seen[c.Parent] {
			t.Errorf("comment %d comes before its parent %d", c.ID, c.Parent)
		}
		seen[c.ID] = true
		approved[c.Approved]++
		if c.Email != "" || c.IP != "" || c.Agent != "" || len(c.Meta) != 0 {
			t.Errorf("comment %d carries private data: %+v", c.ID, c)
		}
	}
	if want := map[string]int{"1": 3, "0": 1, "spam": 1, "trash": 1}; !maps(approved, want) {
		t.Errorf("comment_approved counts %v, want %v", approved, want)
	}
	for i, c := range fx.Comments {
		got := pub.Comments[i]
		if got.ID != c.ID || got.Parent != c.ParentID || got.Content != c.Content || got.Author != c.AuthorName ||
			got.DateGMT != c.CreatedAt.UTC().Format("2006-01-02 15:04:05") || got.Date != c.CreatedAt.In(jakarta).Format("2006-01-02 15:04:05") {
			t.Errorf("comment %d: %+v, want %+v", i, got, c)
		}
	}

	for _, secret := range []string{exportertest.CommenterEmail, exportertest.CommenterIP, exportertest.CommenterAgent, exportertest.StaffEmail} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the export without --include-private contains %q", secret)
		}
	}
}

func maps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestWXRIncludePrivate(t *testing.T) {
	st, _ := MustBuildFixture(t)
	raw, f := mustWXR(t, st, options(true))
	for _, secret := range []string{exportertest.CommenterEmail, exportertest.CommenterIP, exportertest.CommenterAgent, exportertest.StaffEmail} {
		if !bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the private export lacks %q", secret)
		}
	}
	for _, it := range f.Channel.Items {
		for _, c := range it.Comments {
			if c.Email != exportertest.CommenterEmail || c.IP != exportertest.CommenterIP {
				t.Errorf("comment %d: email %q IP %q", c.ID, c.Email, c.IP)
			}
			if c.Agent != exportertest.CommenterAgent || len(c.Meta) != 1 || c.Meta[0].Key != exporter.MetaReason {
				t.Errorf("comment %d: agent %q, meta %+v; want the browser and the reason", c.ID, c.Agent, c.Meta)
			}
		}
	}
	for _, a := range f.Channel.Authors {
		if (a.Login == "dewi-lestari") != (a.Email == exportertest.StaffEmail) {
			t.Errorf("author %s has email %q", a.Login, a.Email)
		}
	}
}

// A body with characters XML cannot carry still makes a file every
// parser reads.
func TestWXRHostileText(t *testing.T) {
	st, mediaDir, tick := MustOpenStore(t)
	ctx := context.Background()
	if _, err := exportertest.Build(ctx, st, mediaDir, now, tick); err != nil {
		t.Fatal(err)
	}
	a, err := st.ArticleBySlug(ctx, "draf-harga-beras")
	if err != nil {
		t.Fatal(err)
	}
	a.BodyMarkdown = "bel\x07 vtab\x0b ]]> <![CDATA[ </content:encoded> \uFFFE end"
	a.BodyHTML = "<p>" + a.BodyMarkdown + "</p>"
	a.Headline = "Judul ]]> dengan <tag> & \x01"
	if err := st.UpdateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	_, f := mustWXR(t, st, options(false))
	found := false
	for _, it := range f.Channel.Items {
		if it.PostName == "draf-harga-beras" {
			found = true
			if got := it.meta(exporter.MetaMarkdown)[0]; got != "bel vtab ]]> <![CDATA[ </content:encoded>  end" {
				t.Errorf("markdown came back as %q", got)
			}
			if it.Title != "Judul ]]&gt; dengan &lt;tag&gt; &amp; " {
				t.Errorf("title came back as %q", it.Title)
			}
		}
	}
	if !found {
		t.Error("the article is missing")
	}
}

func TestWXRNeedsBaseURL(t *testing.T) {
	st, _, _ := MustOpenStore(t)
	for _, base := range []string{"", "warta.example", "ftp://warta.example"} {
		o := options(false)
		o.BaseURL = base
		var buf bytes.Buffer
		if err := exporter.WriteWXR(context.Background(), st, &buf, o); !errors.Is(err, exporter.ErrBaseURL) {
			t.Errorf("base %q: error %v, want ErrBaseURL", base, err)
		}
		if buf.Len() != 0 {
			t.Errorf("base %q: wrote %d bytes before refusing", base, buf.Len())
		}
	}
}

// jsonFile is the JSON export as a reader decodes it.
type jsonFile struct {
	Format          string                 `json:"format"`
	Version         int                    `json:"version"`
	Generator       string                 `json:"generator"`
	ExportedAt      time.Time              `json:"exported_at"`
	IncludesPrivate bool                   `json:"includes_private"`
	Site            exporter.JSONSite      `json:"site"`
	Sections        []exporter.JSONSection `json:"sections"`
	Tags            []exporter.JSONTag     `json:"tags"`
	Authors         []exporter.JSONAuthor  `json:"authors"`
	Media           []exporter.JSONMedia   `json:"media"`
	Pages           []exporter.JSONPage    `json:"pages"`
	Articles        []exporter.JSONArticle `json:"articles"`
	Comments        []exporter.JSONComment `json:"comments"`
}

func mustJSON(tb testing.TB, st exporter.Source, o exporter.Options) ([]byte, *jsonFile) {
	tb.Helper()
	var buf bytes.Buffer
	if err := exporter.WriteJSON(context.Background(), st, &buf, o); err != nil {
		tb.Fatalf("WriteJSON: %v", err)
	}
	var f jsonFile
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields() // the documented shape is the whole shape
	if err := dec.Decode(&f); err != nil {
		tb.Fatalf("the export is not the documented JSON: %v\n%s", err, buf.String())
	}
	if dec.More() {
		tb.Fatalf("the export has more than one JSON value")
	}
	return buf.Bytes(), &f
}

func TestJSON(t *testing.T) {
	st, fx := MustBuildFixture(t)
	raw, f := mustJSON(t, st, options(false))
	if f.Format != exporter.JSONFormat || f.Version != exporter.JSONVersion || f.IncludesPrivate || !f.ExportedAt.Equal(now) {
		t.Errorf("head: %+v", f)
	}
	if f.Site != (exporter.JSONSite{Title: "Warta Uji", Tagline: "Kabar & cerita", BaseURL: "https://warta.example", Language: "id", Timezone: "Asia/Jakarta"}) {
		t.Errorf("site: %+v", f.Site)
	}
	if len(f.Sections) != 3 || len(f.Tags) != 3 || len(f.Authors) != 3 || len(f.Media) != 3 || len(f.Pages) != 2 ||
		len(f.Articles) != 5 || len(f.Comments) != 6 {
		t.Fatalf("counts: %d sections, %d tags, %d authors, %d media, %d pages, %d articles, %d comments",
			len(f.Sections), len(f.Tags), len(f.Authors), len(f.Media), len(f.Pages), len(f.Articles), len(f.Comments))
	}
	for _, p := range f.Pages {
		if p.Slug == "tentang-kami" && (p.Status != "published" || p.MenuOrder != 1 || p.MenuLabel != "Tentang" ||
			p.URL != "https://warta.example/tentang-kami/" || p.BodyMarkdown != fx.Pages[0].BodyMarkdown) {
			t.Errorf("page: %+v", p)
		}
	}
	var pub *exporter.JSONArticle
	statuses := map[string]bool{}
	for i, a := range f.Articles {
		statuses[a.Status] = true
		if a.ID == fx.Published.ID {
			pub = &f.Articles[i]
		}
		if (a.Status == "draft" || a.Status == "pending") != (a.PublishedAt == nil) {
			t.Errorf("%s (%s): published_at %v", a.Slug, a.Status, a.PublishedAt)
		}
	}
	if len(statuses) != 5 {
		t.Errorf("statuses %v, want all five", statuses)
	}
	a := fx.Published
	if pub == nil || pub.BodyMarkdown != a.BodyMarkdown || pub.BodyHTML != a.BodyHTML || pub.SectionID != a.Section.ID ||
		!slices.Equal(pub.AuthorIDs, []int64{a.Authors[0].ID, a.Authors[1].ID, a.Authors[2].ID}) || len(pub.TagIDs) != 2 ||
		pub.LeadImage == nil || pub.LeadImage.MediaID != fx.Media[0].ID || len(pub.Corrections) != 1 ||
		pub.URL != "https://warta.example/2024/06/17/banjir-rob-demak/" || !pub.PublishedAt.Equal(a.PublishedAt) {
		t.Errorf("published article: %+v", pub)
	}
	// The PDF: an entry like the pictures, with no size in pixels.
	var doc *exporter.JSONMedia
	for i := range f.Media {
		if f.Media[i].ID == fx.Media[2].ID {
			doc = &f.Media[i]
		}
	}
	if doc == nil || doc.MIME != "application/pdf" || doc.Width != 0 || doc.Height != 0 || doc.Variants == nil || len(doc.Variants) != 0 ||
		doc.Size != fx.Media[2].Size || doc.URL != "https://warta.example/media/"+fx.Media[2].Path || doc.OriginalName != "Laporan Tahunan 2023.pdf" {
		t.Errorf("PDF in the JSON export: %+v", doc)
	}
	if !bytes.Contains(raw, []byte(`"mime": "application/pdf"`)) && !bytes.Contains(raw, []byte(`"mime":"application/pdf"`)) {
		t.Error("the JSON export has no application/pdf entry")
	}
	seen := map[int64]bool{}
	for _, c := range f.Comments {
		if c.ParentID != 0 && !seen[c.ParentID] {
			t.Errorf("comment %d comes before its parent %d", c.ID, c.ParentID)
		}
		seen[c.ID] = true
	}
	for _, secret := range []string{exportertest.CommenterEmail, exportertest.CommenterIP, exportertest.CommenterAgent,
		exportertest.StaffEmail, `"reason"`, `"author_email"`} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the export without --include-private contains %q", secret)
		}
	}

	_, f = mustJSON(t, st, options(true))
	if !f.IncludesPrivate {
		t.Error("includes_private is false in a private export")
	}
	for _, c := range f.Comments {
		if c.AuthorEmail != exportertest.CommenterEmail || c.AuthorIP != exportertest.CommenterIP || c.UserAgent != exportertest.CommenterAgent || c.Reason != "rules" {
			t.Errorf("private comment %d: %+v", c.ID, c)
		}
	}
}

// countingSource watches how the exporter reads the store: page by page,
// writing each page before it asks for the next.
type countingSource struct {
	exporter.Source
	out           *bytes.Buffer
	articleCalls  []int // offsets asked for
	commentCalls  int
	writtenBefore []int // bytes already written when each article page was asked for
}

func (s *countingSource) Articles(ctx context.Context, f warta.ArticleFilter) ([]*warta.Article, int, error) {
	s.articleCalls = append(s.articleCalls, f.Offset)
	s.writtenBefore = append(s.writtenBefore, s.out.Len())
	return s.Source.Articles(ctx, f)
}

func (s *countingSource) Comments(ctx context.Context, f warta.CommentFilter) ([]*warta.Comment, int, error) {
	s.commentCalls++
	return s.Source.Comments(ctx, f)
}

func TestStreamsThroughPages(t *testing.T) {
	st, fx := MustBuildFixture(t)
	for _, format := range []string{"wxr", "json"} {
		t.Run(format, func(t *testing.T) {
			var out bytes.Buffer
			src := &countingSource{Source: st, out: &out}
			o := options(false)
			o.PageSize = 2
			write := exporter.WriteWXR
			if format == "json" {
				write = exporter.WriteJSON
			}
			if err := write(context.Background(), src, &out, o); err != nil {
				t.Fatal(err)
			}
			// Five articles, two per page: three pages.
			if want := []int{0, 2, 4}; !slices.Equal(src.articleCalls, want) {
				t.Errorf("article pages at offsets %v, want %v", src.articleCalls, want)
			}
			// Each page of articles is on its way out before the next is read.
			for i := 1; i < len(src.writtenBefore); i++ {
				if src.writtenBefore[i] <= src.writtenBefore[i-1] {
					t.Errorf("nothing was written between article pages %d and %d (%v)", i-1, i, src.writtenBefore)
				}
			}
			// Six comments two at a time: more than one page was read.
			if src.commentCalls < 3 {
				t.Errorf("%d comment queries; the comments were not paged", src.commentCalls)
			}
			for _, c := range fx.Comments {
				if !bytes.Contains(out.Bytes(), []byte(c.Content)) {
					t.Errorf("comment %q is missing", c.Content)
				}
			}
		})
	}
}

// elementPaths lists the paths of the elements in a WXR file, with each
// namespace written as the prefix WordPress gives it, whichever spelling
// (http or https) of the namespace the file uses.
func elementPaths(tb testing.TB, r *bytes.Reader) map[string]bool {
	tb.Helper()
	prefix := func(space string) string {
		switch {
		case space == "":
			return ""
		case strings.HasSuffix(space, "wordpress.org/export/1.2/excerpt/"):
			return "excerpt:"
		case strings.HasSuffix(space, "wordpress.org/export/1.2/"):
			return "wp:"
		case space == exporter.NamespaceContent:
			return "content:"
		case space == exporter.NamespaceDC:
			return "dc:"
		case space == exporter.NamespaceWarta:
			return "warta:"
		}
		return space + ":"
	}
	paths := map[string]bool{}
	var stack []string
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			stack = append(stack, prefix(e.Name.Space)+e.Name.Local)
			paths[strings.Join(stack, "/")] = true
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	return paths
}

// TestWXRSpeaksWordPress checks the export against a real WordPress
// export: every element we write is one WordPress writes in the same
// place, except a few that WordPress's own exporter writes but this
// sample lacks, and our own extensions, which importers skip.
func TestWXRSpeaksWordPress(t *testing.T) {
	sample, err := os.ReadFile(testfixture.ThemeUnitTestWXR(t))
	if err != nil {
		t.Fatal(err)
	}
	wordpress := elementPaths(t, bytes.NewReader(sample))
	st, _ := MustBuildFixture(t)
	raw, _ := mustWXR(t, st, options(true))
	ours := elementPaths(t, bytes.NewReader(raw))

	allowed := map[string]string{
		"rss/channel/wp:author/wp:author_id":                       "WordPress's export.php writes it; the WordPress.com sample does not",
		"rss/channel/wp:category/wp:termmeta":                      "export.php writes term meta since WordPress 4.4",
		"rss/channel/wp:category/wp:termmeta/wp:meta_key":          "",
		"rss/channel/wp:category/wp:termmeta/wp:meta_value":        "",
		"rss/channel/item/wp:comment/wp:commentmeta":               "export.php writes comment meta",
		"rss/channel/item/wp:comment/wp:commentmeta/wp:meta_key":   "",
		"rss/channel/item/wp:comment/wp:commentmeta/wp:meta_value": "",
		"rss/channel/item/wp:comment/wp:comment_agent":             "our extension: the browser, in a private export",
		"rss/channel/wp:author/warta:author_bio":                   "our namespace",
		"rss/channel/generator":                                    "export.php writes it; the sample has it as a comment",
	}
	for p := range ours {
		if _, ok := allowed[p]; !ok && !wordpress[p] {
			t.Errorf("we write %s, which WordPress does not", p)
		}
	}
	for _, p := range []string{"rss/channel/item/wp:post_id", "rss/channel/item/wp:comment/wp:comment_approved",
		"rss/channel/item/wp:attachment_url", "rss/channel/wp:tag/wp:tag_slug"} {
		if !ours[p] {
			t.Errorf("we do not write %s", p)
		}
	}
}
