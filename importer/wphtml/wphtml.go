// Package wphtml turns the body of a WordPress post (content:encoded in a
// WXR export) into Warta Markdown.
//
// WordPress stores three kinds of body, often mixed in one site:
//
//   - classic-editor HTML, where a blank line means a new paragraph and a
//     single newline a line break (WordPress adds the <p> and <br> only
//     when it shows the post, a step it calls "autop");
//   - block-editor HTML, where every block is wrapped in comments such as
//     <!-- wp:paragraph --> … <!-- /wp:paragraph -->;
//   - shortcodes in square brackets, such as [caption] and [gallery].
//
// Convert works in four steps:
//
//  1. The known shortcodes are replaced by plain HTML (a [caption] becomes
//     a <figure>); unknown ones are left in the text and listed.
//  2. The result is parsed with golang.org/x/net/html. Block comments are
//     read from the tree as structure (embeds become links, server-side
//     blocks such as wp:latest-posts, which have no content of their own,
//     are dropped and listed), and classic bodies get the paragraphs and
//     line breaks WordPress would have added.
//  3. The tree is tidied for Warta: anything executable or embedded is
//     removed (a player becomes a link to what it played), headings are
//     fitted to the levels an article body uses, figures become a lone
//     image whose title is the caption (WordPress's own link from an image
//     to its file or attachment page is dropped; a link the writer chose
//     keeps the image linked, with the caption as a paragraph below),
//     bare web addresses become links, and image and link addresses go
//     through Options.MapURL.
//  4. github.com/JohannesKaufmann/html-to-markdown/v2 writes the Markdown.
//     We use the library for the walk because it already escapes text so
//     that Markdown does not reinterpret it (a literal "*" or "[" stays
//     literal), which is the hard part to get right; the figure and gallery
//     shapes it cannot know about are rewritten in step 3 into forms it
//     handles (<p><img title="caption"></p>), so no custom renderer is
//     needed.
//
// The output contains no raw HTML: every element is either converted or
// reduced to its text. It is still rendered through package markdown,
// which sanitises again. Line breaks are written as a backslash at the end
// of the line, which survives editing where two trailing spaces do not.
package wphtml

import (
	"sort"
	"strings"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Options says how to treat addresses in the body.
type Options struct {
	// MapURL rewrites an image or link address, e.g. an uploads URL to /media/…;
	// it returns the address unchanged when it has nothing better. nil keeps all.
	MapURL func(u string) string

	// Gallery returns the images a [gallery] shortcode shows: the
	// attachments with the given ids in that order, or, when ids is empty,
	// the images attached to the post being converted (what WordPress shows
	// for a bare [gallery]). Only the importer knows the attachments, so
	// nil, or an empty answer, drops the gallery and lists "gallery" in
	// Result.Dropped.
	Gallery func(ids []string) []Image
}

// Image is one picture of a gallery.
type Image struct {
	Src     string // address as in the export; MapURL is applied to it
	Alt     string
	Caption string
}

// Result is a converted body.
type Result struct {
	Markdown   string
	Shortcodes []string // unknown shortcode names found, sorted, unique
	Images     []string // image sources as found in the body (before MapURL), in order, unique

	// Dropped names what was removed because it has no Markdown form and
	// no content of its own, sorted and unique: server-rendered blocks
	// ("wp:latest-posts", "wp:block" for a reusable-block reference) and
	// shortcodes that could not be resolved ("gallery", "playlist"). The
	// import report shows them so an editor can redo them by hand.
	Dropped []string
}

// conv is built once: it is safe for concurrent use and costly to build.
var conv = htmltomarkdown.NewConverter(htmltomarkdown.WithPlugins(
	base.NewBasePlugin(),
	commonmark.NewCommonmarkPlugin(
		commonmark.WithHeadingStyle(commonmark.HeadingStyleATX),
		commonmark.WithBulletListMarker("-"),
		commonmark.WithHorizontalRule("---"),
		commonmark.WithCodeBlockFence("```"),
		// The library marks the end of a list with an HTML comment so two
		// lists in a row stay apart; we want no HTML in the output at all.
		commonmark.WithListEndComment(false),
	),
	strikethrough.NewStrikethroughPlugin(),
	// markdown.Render enables GFM tables, so tables stay tables. A table
	// without a header row gets its first row promoted, because GFM has no
	// headerless tables.
	table.NewTablePlugin(table.WithHeaderPromotion(true), table.WithSkipEmptyRows(true)),
))

// Convert turns one WordPress post body into Warta Markdown. It never
// fails: what it cannot convert is kept as text or listed in
// Result.Dropped.
func Convert(body string, opt Options) Result {
	c := &converter{opt: opt, shortcodes: map[string]bool{}, dropped: map[string]bool{}, images: map[string]bool{}, attachmentLinks: map[string]bool{}}
	// markdown.Render refuses invalid UTF-8; an old export in another
	// encoding keeps its readable parts rather than failing later.
	body = strings.ToValidUTF8(body, "\uFFFD")
	body = strings.ReplaceAll(body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\r", "\n")
	blocks := strings.Contains(body, "<!-- wp:")

	body = c.expandShortcodes(body)

	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(body), root)
	if err != nil {
		// The parser gives up on elements nested more than 512 deep,
		// which no editor writes; keep the text rather than lose it.
		return c.result(fallbackText(body))
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}

	if blocks {
		c.blocks(root)
	}
	removeComments(root)
	c.defuse(root)
	if !blocks {
		autop(root)
	}
	linkify(root)
	c.tidy(root)

	md, err := conv.ConvertNode(root)
	if err != nil {
		// The library only fails on a broken plugin setup, which tests
		// would catch; fall back to the text so nothing is lost.
		return c.result(fallbackText(body))
	}
	return c.result(cleanMarkdown(string(md)))
}

// converter carries what one Convert call collects.
type converter struct {
	opt        Options
	shortcodes map[string]bool
	dropped    map[string]bool
	images     map[string]bool
	imageList  []string
	// attachmentLinks are the attachment pages named by images seen so
	// far (their data-link attribute).
	attachmentLinks map[string]bool
}

func (c *converter) result(md string) Result {
	return Result{
		Markdown:   md,
		Shortcodes: sortedKeys(c.shortcodes),
		Images:     c.imageList,
		Dropped:    sortedKeys(c.dropped),
	}
}

func (c *converter) mapURL(u string) string {
	if c.opt.MapURL == nil {
		return u
	}
	return c.opt.MapURL(u)
}

func (c *converter) addImage(src string) {
	if src == "" || c.images[src] {
		return
	}
	c.images[src] = true
	c.imageList = append(c.imageList, src)
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// cleanMarkdown tidies the converter's output: a line break is written
// as a backslash at the end of the line rather than two trailing spaces,
// which editors and the newsroom's textarea strip without a trace; other
// trailing blanks go, runs of blank lines become one, and the text ends
// with one newline. Lines inside fenced code are kept as they are.
func cleanMarkdown(md string) string {
	lines := strings.Split(md, "\n")
	out := lines[:0]
	blank, fenced := 0, false
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "```") {
			fenced = !fenced
		} else if fenced {
			out = append(out, l)
			continue
		}
		if strings.TrimSpace(l) == "" {
			blank++
			if blank > 1 {
				continue
			}
			out = append(out, "")
			continue
		}
		blank = 0
		if strings.HasSuffix(l, "  ") {
			l = strings.TrimRight(l, " ") + "\\"
		} else {
			l = strings.TrimRight(l, " \t")
		}
		out = append(out, l)
	}
	s := strings.TrimSpace(strings.Join(out, "\n"))
	if s == "" {
		return ""
	}
	return s + "\n"
}

// fallbackText returns the text of an HTML body as escaped Markdown
// paragraphs, without the markup, for bodies the parser cannot build a
// tree for. The tokenizer has no nesting limit.
func fallbackText(body string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(body))
	skip := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return cleanMarkdown(b.String())
		case html.TextToken:
			if !skip {
				b.WriteString(escapeText(string(z.Text())))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			skip = removedTags[a] || a == atom.Iframe
			if blockTags[a] || a == atom.Br {
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			skip = false
		}
	}
}

// escapeText makes plain text safe to use as Markdown, for the fallback.
// Markup characters get a backslash; "<" and "&" become entities so the
// text can never open an HTML tag.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '\n':
			b.WriteString("\n\n")
		case strings.ContainsRune("\\`*_{}[]()#+-.!>|~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
