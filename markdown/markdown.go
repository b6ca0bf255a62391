// Package markdown turns an article body written in Markdown into the
// sanitised HTML that Warta stores beside it. Bodies are rendered once, when
// the article is saved, so nothing here is on a reader's request path.
//
// The dialect is CommonMark plus the GitHub tables, strikethrough and
// autolinks extensions. Raw HTML typed into the Markdown is dropped. The
// result is then passed through an allow-list sanitiser, so a bug in the
// Markdown stage still cannot put a script, a style or an event handler on
// a page.
//
// # Headings
//
// The headline is the page's only h1, so body headings move down: "#" and
// "##" become h2, "###" becomes h3, and "####" or deeper becomes h4. Every h2
// and h3 gets an id made from its text ("## Harga Gabah" → id="harga-gabah";
// repeats get "-2", "-3"), so sections can be linked to.
//
// # Figures
//
// An image that stands alone in its own paragraph becomes a figure. Its
// title is the caption; the credit follows the caption after " | " (the
// last "|" in the title, so a caption may itself contain one):
//
//	![Perahu karet membawa warga ke tempat aman](/media/demo/banjir-2.jpg "Warga dievakuasi dari Desa Sayung, Senin pagi. | Foto: Rina Pertiwi/Warta")
//
// renders as
//
//	<figure><img src="/media/demo/banjir-2.jpg" alt="Perahu karet membawa warga ke tempat aman" loading="lazy"><figcaption>Warga dievakuasi dari Desa Sayung, Senin pagi. <span class="credit">Foto: Rina Pertiwi/Warta</span></figcaption></figure>
//
// The alt text (in the brackets) describes the picture for people who cannot
// see it; the caption says what it shows in the story's terms. Without a
// title the figure has no caption; a title of "| Foto: …" gives a credit
// alone. An image inside running text stays an inline image.
//
// # Privacy
//
// A reader's browser must never fetch anything from another host, so only
// images on this site are shown: a src that starts with "/" (such as
// /media/…) or is a relative path. An image whose src has a scheme
// (http:, https:, data:…) or starts with "//" is rendered as a plain link to
// that address, with the alt text as the link's text. Links may point
// anywhere over http, https or mailto; links to other hosts get
// rel="noopener". javascript: and other schemes are removed.
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"warta"
	"warta/slug"
)

// Render converts an article body from Markdown to sanitised HTML. It
// returns an EINVALID *warta.Error when src is not valid UTF-8, because
// the bytes would otherwise be silently replaced and the writer's text lost.
func Render(src string) (string, error) {
	if !utf8.ValidString(src) {
		return "", &warta.Error{
			Code:    warta.EINVALID,
			Message: "the body is not valid UTF-8",
			Key:     "error.form",
			Fields:  map[string]string{"body": "error.invalid_utf8"},
		}
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return "", &warta.Error{Code: warta.EINTERNAL, Err: fmt.Errorf("markdown: %w", err)}
	}
	return string(policy.SanitizeBytes(buf.Bytes())), nil
}

// md and policy are built once: both are safe for concurrent use, and
// building them is far costlier than rendering a typical article.
var (
	md = goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			figureExtension{},
		),
	)
	policy = newPolicy()
)

// newPolicy returns the allow-list for article bodies. Everything not named
// here is stripped (its text kept, except inside script and style).
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "em", "strong", "del", "blockquote",
		"ul", "ol", "li", "pre", "h4", "figure", "figcaption",
		"table", "thead", "tbody", "tr")
	p.AllowAttrs("id").Matching(idPattern).OnElements("h2", "h3")
	p.AllowElements("h2", "h3")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|center|right)$`)).OnElements("th", "td")
	p.AllowElements("th", "td")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w+#.-]+$`)).OnElements("code")
	p.AllowElements("code")

	// The only span Render makes is the figure credit.
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^credit$`)).OnElements("span")

	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("title").OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^noopener$`)).OnElements("a")

	// The sanitiser repeats the figure renderer's check on image sources,
	// so an off-site image cannot appear even if that check had a bug.
	p.AllowAttrs("src").Matching(localSrcPattern).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.Integer).OnElements("img")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(lazy|eager)$`)).OnElements("img")

	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	return p
}

var (
	// idPattern matches the heading ids Render makes (slug.Make output).
	idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// localSrcPattern matches a site-relative path: "/x" but not "//x", or
	// a relative path whose first segment has no colon (so no scheme).
	localSrcPattern = regexp.MustCompile(`^(/$|/[^/\\\s]|[^/\\\s:]+(/|$))[^\\\s]*$`)
)

// isLocal reports whether an image source is on this site. It is stricter
// than a browser is lenient: backslashes, controls and whitespace are
// refused because browsers fold "\" into "/" and drop tabs, which would
// turn "/\evil.example" into a request to another host.
func isLocal(src string) bool {
	if src == "" || strings.ContainsAny(src, "\\") {
		return false
	}
	for _, r := range src {
		if r <= ' ' || r == 0x7f {
			return false
		}
	}
	if strings.HasPrefix(src, "//") {
		return false
	}
	u, err := url.Parse(src)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return false
	}
	return localSrcPattern.MatchString(src)
}

// isDocument reports whether an image source is a PDF document of this
// site, written with image syntax by mistake: it is shown as a link to
// the document, since a browser cannot show a PDF in an img.
func isDocument(src string) bool {
	if !isLocal(src) {
		return false
	}
	u, err := url.Parse(src)
	return err == nil && strings.EqualFold(path.Ext(u.Path), ".pdf")
}

// isAbsolute reports whether a link leaves the site, so that it gets
// rel="noopener".
func isAbsolute(href string) bool {
	if strings.HasPrefix(href, "//") {
		return true
	}
	u, err := url.Parse(href)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https")
}

// KindFigure is the AST kind of a Figure.
var KindFigure = ast.NewNodeKind("Figure")

// Figure is an image that stood alone in its paragraph, with the caption
// and credit taken from its title. Its children are the image's alt text.
type Figure struct {
	ast.BaseBlock
	Destination []byte
	Caption     string
	Credit      string
}

// Kind implements ast.Node.
func (n *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (n *Figure) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Destination": string(n.Destination),
		"Caption":     n.Caption,
		"Credit":      n.Credit,
	}, nil)
}

// splitTitle separates an image title into caption and credit at the last
// "|", trimming both.
func splitTitle(title string) (caption, credit string) {
	i := strings.LastIndex(title, "|")
	if i < 0 {
		return strings.TrimSpace(title), ""
	}
	return strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+1:])
}

// figureExtension adds the figure syntax, the heading shift and ids, and
// the privacy rules for images and links to a goldmark.Markdown.
type figureExtension struct{}

// Extend implements goldmark.Extender.
func (figureExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 100)))
	// Priority below the default HTML renderer's 1000, so ours replace its
	// functions for images.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&figureRenderer{}, 500)))
}

// transformer rewrites the parsed document before it is rendered.
type transformer struct{}

// Transform implements parser.ASTTransformer.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	ids := map[string]int{}
	var figures []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = shiftLevel(n.Level)
			if n.Level <= 3 {
				if id := headingID(n, source, ids); id != "" {
					n.SetAttributeString("id", []byte(id))
				}
			}
		case *ast.Paragraph:
			if img := loneImage(n, source); img != nil && !isDocument(string(img.Destination)) {
				figures = append(figures, n)
			}
		case *ast.Link:
			if isAbsolute(string(n.Destination)) {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		}
		return ast.WalkContinue, nil
	})
	// Replace after the walk: changing the tree while walking it would
	// skip siblings.
	for _, p := range figures {
		img := loneImage(p, source)
		// Titles keep their Markdown escapes and entities in the AST; the
		// caption is plain text, so resolve them as the default renderer does.
		title := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(img.Title)))
		caption, credit := splitTitle(string(title))
		fig := &Figure{Destination: img.Destination, Caption: caption, Credit: credit}
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			fig.AppendChild(fig, c)
			c = next
		}
		p.Parent().ReplaceChild(p.Parent(), p, fig)
	}
}

// shiftLevel maps a Markdown heading level to the HTML one, keeping h1 for
// the headline alone.
func shiftLevel(level int) int {
	switch {
	case level <= 2:
		return 2
	case level == 3:
		return 3
	default:
		return 4
	}
}

// headingID returns a unique anchor id for a heading, made from its text.
func headingID(h *ast.Heading, source []byte, seen map[string]int) string {
	id := slug.Make(plainText(h, source))
	if id == "" {
		return ""
	}
	seen[id]++
	if n := seen[id]; n > 1 {
		id += "-" + strconv.Itoa(n)
		seen[id]++
	}
	return id
}

// loneImage returns the image that is the only content of p, or nil.
// Surrounding whitespace does not count; a link around the image does,
// because a linked image is the writer's deliberate choice.
func loneImage(p *ast.Paragraph, source []byte) *ast.Image {
	var img *ast.Image
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			if img != nil {
				return nil
			}
			img = c
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(source))) != 0 {
				return nil
			}
		default:
			return nil
		}
	}
	return img
}

// plainText returns the text of n's descendants, without markup, as the
// default renderer does for alt attributes.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(source))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// figureRenderer renders figures and replaces the default image renderer,
// so that the privacy rule holds for inline images too.
type figureRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, r.renderFigure)
	reg.Register(ast.KindImage, r.renderImage)
}

func (r *figureRenderer) renderFigure(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Figure)
	_, _ = w.WriteString("<figure>")
	writeImage(w, n.Destination, plainText(n, source))
	if n.Caption != "" || n.Credit != "" {
		_, _ = w.WriteString("<figcaption>")
		_, _ = w.Write(util.EscapeHTML([]byte(n.Caption)))
		if n.Credit != "" {
			if n.Caption != "" {
				_ = w.WriteByte(' ')
			}
			_, _ = w.WriteString(`<span class="credit">`)
			_, _ = w.Write(util.EscapeHTML([]byte(n.Credit)))
			_, _ = w.WriteString("</span>")
		}
		_, _ = w.WriteString("</figcaption>")
	}
	_, _ = w.WriteString("</figure>\n")
	return ast.WalkSkipChildren, nil
}

func (r *figureRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	writeImage(w, n.Destination, plainText(n, source))
	return ast.WalkSkipChildren, nil
}

// writeImage writes an img for a local source, a link for a local PDF
// (isDocument), and a link to anything else so the reader can still
// choose to follow it.
func writeImage(w util.BufWriter, dest []byte, alt string) {
	escAlt := util.EscapeHTML([]byte(alt))
	if isDocument(string(dest)) {
		href := util.EscapeHTML(util.URLEscape(dest, true))
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(href)
		_, _ = w.WriteString(`">`)
		if len(escAlt) == 0 {
			escAlt = href
		}
		_, _ = w.Write(escAlt)
		_, _ = w.WriteString("</a>")
		return
	}
	if !isLocal(string(dest)) {
		href := util.URLEscape(dest, true)
		if !isAbsolute(string(href)) || html.IsDangerousURL(href) {
			// data:, javascript: and the like are not worth a link; the
			// alt text alone keeps the sentence readable.
			_, _ = w.Write(escAlt)
			return
		}
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(util.EscapeHTML(href))
		_, _ = w.WriteString(`" rel="noopener">`)
		if len(escAlt) == 0 {
			escAlt = util.EscapeHTML(href)
		}
		_, _ = w.Write(escAlt)
		_, _ = w.WriteString("</a>")
		return
	}
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(dest, true)))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(escAlt)
	_, _ = w.WriteString(`" loading="lazy">`)
}
