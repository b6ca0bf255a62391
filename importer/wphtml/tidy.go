package wphtml

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// removeComments drops every comment under n (block markers, <!--more-->,
// <!--nextpage-->, anything a plugin left) and then joins the text nodes
// that a comment had kept apart, so that "a\n<!--more-->\nb" is seen as
// the blank line it is.
func removeComments(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode:
			n.RemoveChild(c)
		case html.ElementNode:
			removeComments(c)
		}
		c = next
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.TextNode && next != nil && next.Type == html.TextNode {
			c.Data += next.Data
			n.RemoveChild(next)
			continue
		}
		c = next
	}
}

// removedTags are dropped with everything inside them: they run code,
// embed other documents, or hold no article text.
var removedTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Frame: true, atom.Frameset: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Param: true, atom.Svg: true, atom.Math: true, atom.Canvas: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Button: true,
	atom.Head: true, atom.Title: true, atom.Meta: true, atom.Link: true, atom.Base: true,
	atom.Map: true, atom.Area: true, atom.Source: true, atom.Track: true, atom.Dialog: true,
}

// defuse removes everything executable or embedded under n. A player
// (iframe, audio, video) becomes a link to its address, so a YouTube video
// or a podcast episode is still one click away.
func (c *converter) defuse(n *html.Node) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		if ch.Type != html.ElementNode {
			ch = next
			continue
		}
		switch {
		case ch.DataAtom == atom.Iframe || ch.DataAtom == atom.Audio || ch.DataAtom == atom.Video:
			src := attr(ch, "src")
			if src == "" {
				if s := find(ch, atom.Source); s != nil {
					src = attr(s, "src")
				}
			}
			if isWebURL(src) {
				a := element(atom.A)
				a.Attr = []html.Attribute{{Key: "href", Val: src}}
				a.AppendChild(&html.Node{Type: html.TextNode, Data: src})
				n.InsertBefore(a, ch)
			}
			n.RemoveChild(ch)
		case removedTags[ch.DataAtom] || ch.Namespace != "":
			// A namespace means the parser put the element in SVG or
			// MathML, which can carry script like <svg> itself.
			n.RemoveChild(ch)
		default:
			c.defuse(ch)
		}
		ch = next
	}
}

// bareURL matches a web address written as plain text. Trailing
// punctuation is trimmed after matching.
var bareURL = regexp.MustCompile(`https?://[^\s<>"'\x{a0}]+`)

// linkify turns web addresses in plain text into links. WordPress shows an
// address alone on its line as an embed, and readers expect any address to
// be clickable; left as text, the Markdown writer would escape the "_" and
// "*" in it, and the renderer's own autolinking would then stop there.
func linkify(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.ElementNode && (c.DataAtom == atom.A || verbatim[c.DataAtom]):
		case c.Type == html.ElementNode:
			linkify(c)
		case c.Type == html.TextNode:
			text := c.Data
			ms := bareURL.FindAllStringIndex(text, -1)
			if ms == nil {
				break
			}
			last := 0
			for _, m := range ms {
				u := strings.TrimRight(text[m[0]:m[1]], ".,;:!?)]}")
				if len(u) <= len("https://") {
					continue
				}
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: text[last:m[0]]}, c)
				a := element(atom.A)
				a.Attr = []html.Attribute{{Key: "href", Val: u}}
				a.AppendChild(&html.Node{Type: html.TextNode, Data: u})
				n.InsertBefore(a, c)
				last = m[0] + len(u)
			}
			c.Data = text[last:]
		}
		c = next
	}
}

// tidy fits the tree to what a Warta article body holds. It works bottom
// up, so a figure's image has been handled before the figure itself.
func (c *converter) tidy(n *html.Node) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		switch ch.Type {
		case html.TextNode:
			// WordPress's editor scatters no-break spaces (an empty
			// paragraph is "&nbsp;"); they only ever mean a space here.
			ch.Data = strings.ReplaceAll(ch.Data, "\u00a0", " ")
		case html.ElementNode:
			if ch.DataAtom == atom.Img {
				// Images are handled on the way down so that Result.Images
				// keeps document order.
				if !c.image(ch) {
					n.RemoveChild(ch)
				}
				break
			}
			c.tidy(ch)
			c.element(ch)
		}
		ch = next
	}
}

// element applies the per-element rules to n, whose children are done.
func (c *converter) element(n *html.Node) {
	switch n.DataAtom {
	case atom.H1:
		// The headline is the page's only h1.
		rename(n, atom.H2)
	case atom.H5, atom.H6:
		// markdown.Render shows nothing deeper than h4; keeping h4–h6 at
		// h4 keeps them below h3, where flattening them into h3 would
		// promote them to the level of real section headings.
		rename(n, atom.H4)
	case atom.A:
		c.link(n)
	case atom.Figure:
		figure(n)
	case atom.Ul, atom.Ol:
		galleryList(n)
	case atom.Cite:
		// A quote's source (wp:quote, wp:pullquote) goes on its own line.
		if n.Parent != nil && n.Parent.DataAtom == atom.Blockquote && strings.TrimSpace(textContent(n)) != "" {
			trimBreaks(n)
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: "— "}, n.FirstChild)
			rename(n, atom.P)
		}
	case atom.Td, atom.Th:
		flattenCell(n)
	case atom.Pre:
		// wp:preformatted and wp:verse write line breaks as <br>.
		for _, br := range findAll(n, atom.Br) {
			br.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: "\n"}, br)
			br.Parent.RemoveChild(br)
		}
	}
}

// flattenCell keeps a table cell on one line, as a GFM table needs:
// line breaks become spaces and blocks inside the cell (paragraphs, lists,
// a nested table) give up their markup but keep their text, links and
// emphasis. Without this the Markdown writer gives up on the whole table
// and runs the cells' text together.
func flattenCell(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			flattenCell(c)
			switch {
			case c.DataAtom == atom.Br:
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c)
				n.RemoveChild(c)
			case blockTags[c.DataAtom] && c.DataAtom != atom.Pre:
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c)
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, next)
				unwrap(c)
			}
		} else if c.Type == html.TextNode {
			c.Data = strings.ReplaceAll(c.Data, "\n", " ")
		}
		c = next
	}
}

// trimBreaks removes line breaks and blank text at both ends of n.
func trimBreaks(n *html.Node) {
	blank := func(c *html.Node) bool {
		return c.DataAtom == atom.Br || c.Type == html.TextNode && strings.TrimSpace(c.Data) == ""
	}
	for n.FirstChild != nil && blank(n.FirstChild) {
		n.RemoveChild(n.FirstChild)
	}
	for n.LastChild != nil && blank(n.LastChild) {
		n.RemoveChild(n.LastChild)
	}
}

// image keeps an <img> with a usable address, records it, and maps it. It
// reports false when the image should go.
func (c *converter) image(n *html.Node) bool {
	src := strings.TrimSpace(attr(n, "src"))
	// Lazy-loading plugins put the real address in a data attribute and a
	// placeholder in src.
	for _, k := range []string{"data-src", "data-lazy-src", "data-orig-file"} {
		if v := strings.TrimSpace(attr(n, k)); v != "" {
			src = v
			break
		}
	}
	if src == "" || !safeURL(src) {
		return false
	}
	c.addImage(src)
	// The block editor writes the image's attachment page into data-link;
	// a link there is WordPress's, not the writer's.
	if l := strings.TrimSpace(attr(n, "data-link")); l != "" {
		c.attachmentLinks[l] = true
	}
	// The Markdown writer does not escape a backslash in alt text, where
	// "\\]" would end the brackets early; it carries no meaning there.
	alt := strings.Join(strings.Fields(strings.ReplaceAll(attr(n, "alt"), `\`, "")), " ")
	// The title attribute is dropped: WordPress fills it with the file
	// name, and on Warta an image's title is its caption.
	n.Attr = []html.Attribute{{Key: "src", Val: c.mapURL(src)}, {Key: "alt", Val: alt}}
	return true
}

// link maps a link's address and unwraps a link that goes nowhere useful.
func (c *converter) link(n *html.Node) {
	href := strings.TrimSpace(attr(n, "href"))
	if href == "" || !safeURL(href) {
		unwrap(n)
		return
	}
	// WordPress links an inserted image to its own file or attachment page
	// by default; on Warta the image is the whole story, and the lone
	// image then becomes a figure. Such links are known by the address
	// (an image file, ?attachment_id=), by rel="attachment wp-att-N" from
	// the classic editor, or by the block's linkDestination.
	if img := onlyImage(n); img != nil && (imageFile(href) || attachmentPage(href) || c.attachmentLinks[href] ||
		attr(n, wpLinkAttr) != "" || strings.Contains(attr(n, "rel"), "attachment")) {
		unwrap(n)
		return
	}
	// Titles are dropped too: WordPress's link dialog repeats the text.
	mapped := c.mapURL(href)
	n.Attr = []html.Attribute{{Key: "href", Val: mapped}}
	// A link whose text is its own address (embeds, media files) shows
	// the new address too.
	if t := n.FirstChild; t != nil && t == n.LastChild && t.Type == html.TextNode && strings.TrimSpace(t.Data) == href {
		t.Data = mapped
	}
}

// figure turns a figure holding one image into <p><img title=caption></p>,
// which the Markdown writer turns into ![alt](src "caption"), the figure
// syntax of package markdown. Any other figure (a table, a quote, a
// gallery whose images are figures of their own) is unwrapped, its caption
// kept as a paragraph.
func figure(n *html.Node) {
	imgs := findAll(n, atom.Img)
	caption := find(n, atom.Figcaption)
	// A link still around the image is the writer's own (link has
	// unwrapped those to the file or attachment page); a Warta figure
	// cannot be a link, so such a figure stays a linked image with its
	// caption below rather than lose the link.
	if len(imgs) == 1 && attr(imgs[0], "title") == "" && imgs[0].Parent.DataAtom != atom.A &&
		find(n, atom.Table) == nil && strings.TrimSpace(textContentExcept(n, atom.Figcaption)) == "" {
		img := imgs[0]
		if caption != nil {
			// A "|" is left alone: markdown.Render reads what follows the
			// last one as the credit, and "Caption | Foto: Name" is how
			// newsrooms already write a credit into a WordPress caption.
			text := strings.Join(strings.Fields(textContent(caption)), " ")
			// The writer escapes quotes in a title but not backslashes, so a
			// caption ending in "\\" would swallow the closing quote.
			text = strings.ReplaceAll(text, `\`, `\\`)
			if text != "" {
				img.Attr = append(img.Attr, html.Attribute{Key: "title", Val: text})
			}
		}
		img.Parent.RemoveChild(img)
		p := element(atom.P)
		p.AppendChild(img)
		n.Parent.InsertBefore(p, n)
		n.Parent.RemoveChild(n)
		return
	}
	for _, f := range findAll(n, atom.Figcaption) {
		rename(f, atom.P)
	}
	// Inline content left at the figure's level (a linked image) gets a
	// paragraph of its own.
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			p := element(atom.P)
			n.InsertBefore(p, c)
			n.RemoveChild(c)
			p.AppendChild(c)
			c = p
		}
	}
	unwrap(n)
}

// galleryList unwraps a list whose every item is a lone image, which is
// how the block editor saves a gallery: a list of pictures reads better as
// a run of figures than as bullets.
func galleryList(n *html.Node) {
	items := 0
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type == html.TextNode && strings.TrimSpace(li.Data) == "" {
			continue
		}
		if li.DataAtom != atom.Li || !onlyFigures(li) {
			return
		}
		items++
	}
	if items == 0 {
		return
	}
	for _, li := range findAll(n, atom.Li) {
		unwrap(li)
	}
	unwrap(n)
}

// onlyFigures reports whether n holds nothing but paragraphs that are a
// lone image each (the result of figure).
func onlyFigures(n *html.Node) bool {
	found := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.DataAtom == atom.P && onlyImage(c) != nil:
			found = true
		default:
			return false
		}
	}
	return found
}

// onlyImage returns the <img> that is n's only content, or nil.
func onlyImage(n *html.Node) *html.Node {
	var img *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.DataAtom == atom.Img && img == nil:
			img = c
		default:
			return nil
		}
	}
	return img
}

// safeURL accepts web, mail and site-relative addresses and rejects
// javascript:, data: and every other scheme.
func safeURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "", "http", "https", "mailto":
		return !strings.ContainsAny(u, "\x00\n\r\t<>\"")
	}
	return false
}

// imageFile reports whether an address names an image file.
func imageFile(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(path.Ext(p.Path)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff":
		return true
	}
	return false
}

// attachmentPage reports whether an address is a WordPress attachment page.
func attachmentPage(u string) bool {
	return strings.Contains(u, "attachment_id=") || strings.Contains(u, "/attachment/")
}

func rename(n *html.Node, a atom.Atom) {
	n.Data, n.DataAtom = a.String(), a
}

// unwrap replaces n with its children.
func unwrap(n *html.Node) {
	parent := n.Parent
	if parent == nil {
		return
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		parent.InsertBefore(c, n)
		c = next
	}
	parent.RemoveChild(n)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// findAll returns every element with the given tag under n (n included),
// in document order.
func findAll(n *html.Node, tag atom.Atom) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// textContent returns the text under n.
func textContent(n *html.Node) string {
	return textContentExcept(n, 0)
}

// textContentExcept returns the text under n, leaving out the elements
// with the given tag.
func textContentExcept(n *html.Node, skip atom.Atom) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if skip != 0 && n.DataAtom == skip {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
