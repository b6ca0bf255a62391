package wphtml_test

import (
	"encoding/xml"
	"errors"
	"html"
	"io"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"warta/importer/wphtml"
	"warta/internal/testfixture"
	"warta/markdown"
)

// wxrItem is the part of a WXR <item> this test needs. Field tags without
// a namespace match any, so both the http:// and https:// spellings of the
// wp namespace work.
type wxrItem struct {
	Title   string `xml:"title"`
	Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
}

// readBodies returns every item's title and body from a WXR file.
func readBodies(tb testing.TB, path string) []wxrItem {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var items []wxrItem
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return items
		}
		if err != nil {
			tb.Fatalf("read %s: %v", path, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "item" {
			var it wxrItem
			if err := d.DecodeElement(&it, &se); err != nil {
				tb.Fatalf("read %s: %v", path, err)
			}
			items = append(items, it)
		}
	}
}

var (
	fencedCode = regexp.MustCompile("(?s)```.*?```")
	inlineCode = regexp.MustCompile("`[^`\n]*`")
	anyTag     = regexp.MustCompile(`(?s)<!--.*?-->|<[^>]*>`)
	// leftCaption matches a [caption] or [/caption] tag, not a link whose
	// text is the word ("some [caption](…) love" in the export).
	leftCaption = regexp.MustCompile(`\[/?caption(?:\s[^\]]*)?\](?:[^(]|$)`)
	// shown as nothing on purpose: a gallery without an importer to
	// resolve it, and shortcode/block markers.
	emptyOnPurpose = regexp.MustCompile(`\[/?(gallery|playlist)[^\]]*\]`)
)

// TestConvert_Fixture converts every post body of WordPress's theme test
// export and checks that no structure leaks through as text and that
// nothing with content comes out empty.
func TestConvert_Fixture(t *testing.T) {
	fixturePath := testfixture.ThemeUnitTestWXR(t)
	items := readBodies(t, fixturePath)
	dropped := map[string]bool{}
	converted, figcaptions := 0, 0
	for _, it := range items {
		if strings.TrimSpace(it.Content) == "" {
			continue
		}
		converted++
		r := wphtml.Convert(it.Content, wphtml.Options{})
		md := r.Markdown
		// The theme tests quote block markup inside code samples; only
		// what is outside code counts.
		prose := inlineCode.ReplaceAllString(fencedCode.ReplaceAllString(md, ""), "")
		if strings.Contains(prose, "<!-- wp:") || strings.Contains(prose, "wp:paragraph") {
			t.Errorf("%q: block comment left in:\n%s", it.Title, md)
		}
		if leftCaption.MatchString(md) {
			t.Errorf("%q: [caption] left in:\n%s", it.Title, md)
		}
		if strings.Contains(strings.ToLower(md), "<script") {
			t.Errorf("%q: <script in:\n%s", it.Title, md)
		}
		if len(r.Shortcodes) != 0 {
			// The export uses only WordPress's own shortcodes.
			t.Errorf("%q: unknown shortcodes %q", it.Title, r.Shortcodes)
		}
		for _, d := range r.Dropped {
			dropped[d] = true
		}
		out, err := markdown.Render(md)
		if err != nil {
			t.Errorf("%q: Render: %v", it.Title, err)
			continue
		}
		figcaptions += strings.Count(out, "<figcaption>")
		visible := strings.TrimSpace(html.UnescapeString(anyTag.ReplaceAllString(emptyOnPurpose.ReplaceAllString(it.Content, ""), "")))
		if (visible != "" || strings.Contains(it.Content, "<img")) && strings.TrimSpace(out) == "" {
			t.Errorf("%q: body has content but renders empty; Markdown %q", it.Title, md)
		}
	}
	if converted < 90 {
		t.Errorf("converted %d bodies, want the export's 90 or more", converted)
	}
	// The export has a dozen [caption]s and many captioned block images;
	// each must come out as a figure with its caption.
	if figcaptions < 12 {
		t.Errorf("%d figcaptions rendered, want at least the export's 12 [caption]s", figcaptions)
	}
	// What the export uses that has no Markdown form: galleries (no
	// importer to resolve them here) and the blocks WordPress draws on the
	// server from the site's data (widgets, site and comment templates).
	wantDropped := []string{
		"gallery",
		"wp:archives", "wp:avatar", "wp:calendar", "wp:categories",
		"wp:comment-author-name", "wp:comment-content", "wp:comment-date",
		"wp:comment-edit-link", "wp:comment-reply-link", "wp:comments-pagination-next",
		"wp:comments-pagination-numbers", "wp:comments-pagination-previous",
		"wp:comments-title", "wp:latest-comments", "wp:latest-posts", "wp:loginout",
		"wp:page-list", "wp:post-author", "wp:post-author-biography",
		"wp:post-comments-form", "wp:post-date", "wp:post-excerpt",
		"wp:post-featured-image", "wp:post-navigation-link", "wp:post-terms",
		"wp:post-title", "wp:query-pagination-next", "wp:query-pagination-numbers",
		"wp:query-pagination-previous", "wp:query-title", "wp:read-more", "wp:rss",
		"wp:search", "wp:site-logo", "wp:site-tagline",
		"wp:site-title", "wp:social-link", "wp:tag-cloud", "wp:term-description",
	}
	var got []string
	for d := range dropped {
		got = append(got, d)
	}
	sort.Strings(got)
	if !reflect.DeepEqual(got, wantDropped) {
		t.Errorf("dropped across the export = %q\nwant %q", got, wantDropped)
	}
}

// TestConvert_FixtureSamples pins a few bodies of the export that exercise
// the main cases, so that a change in their output is seen in review.
func TestConvert_FixtureSamples(t *testing.T) {
	fixturePath := testfixture.ThemeUnitTestWXR(t)
	bodies := map[string]string{}
	for _, it := range readBodies(t, fixturePath) {
		bodies[it.Title] = it.Content
	}
	tests := []struct {
		title    string
		contains []string
	}{
		{"Post Format: Image (Linked)", []string{
			`![chunk of resinous blackboy husk](https://wpthemetestdata.files.wordpress.com/2013/09/dsc20040724_152504_532.jpg "Chunk of resinous blackboy husk, Clarkson, Western Australia. This burns like a spinifex log.")`,
		}},
		{"Markup: Image Alignment", []string{
			`![Image Alignment 580x300](https://wpthemetestdata.files.wordpress.com/2013/03/image-alignment-580x300.jpg "Look at 580x300 getting some caption love.")`,
		}},
		{"Post Format: Chat", []string{
			"Abbott: Strange as it may seem, they give ball players nowadays very peculiar names.\n\nCostello: Funny names?\n\n",
		}},
		{"Block: Quote", []string{"> Gutenberg is more than an editor.\n>\n> — The Gutenberg Team\n"}},
		{"Post Format: Audio", []string{"[https://wpthemetestdata.files.wordpress.com/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3]("}},
		// Words in brackets are not a shortcode.
		{"Post Format: Standard", []string{`their coracles \[simple boat]. We too`}},
	}
	for _, tt := range tests {
		body, ok := bodies[tt.title]
		if !ok {
			t.Errorf("no post titled %q in the export", tt.title)
			continue
		}
		md := wphtml.Convert(body, wphtml.Options{}).Markdown
		for _, want := range tt.contains {
			if !strings.Contains(md, want) {
				t.Errorf("%q: want %q in\n%s", tt.title, want, md)
			}
		}
	}
}
