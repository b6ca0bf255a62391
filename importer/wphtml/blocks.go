package wphtml

import (
	"encoding/json"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockComment matches the text of a block-editor comment: "wp:name",
// "wp:namespace/name" with optional JSON attributes, "/wp:name" for the
// end, and "wp:name /" for a block with no content.
var blockComment = regexp.MustCompile(`(?s)^\s*(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(\{.*\}\s+)?(/)?\s*$`)

// staticBlocks are saved as HTML, never drawn by the server, so when one
// is self-closing it is simply empty (more and nextpage are only markers)
// and dropping it loses nothing. Any other self-closing block is drawn
// from the site's data when the page is shown, and is reported.
var staticBlocks = map[string]bool{
	"more": true, "nextpage": true, "paragraph": true, "heading": true, "list": true,
	"list-item": true, "image": true, "quote": true, "pullquote": true, "shortcode": true,
	"html": true, "freeform": true, "spacer": true, "separator": true, "code": true,
	"preformatted": true, "verse": true, "table": true, "group": true, "columns": true,
	"column": true, "buttons": true, "button": true, "gallery": true, "cover": true,
	"media-text": true,
}

// blocks reads the block-editor comments under n as structure. The saved
// HTML between a block's comments is already what WordPress shows for most
// blocks, so those need nothing beyond losing the comments (done later with
// every other comment). The exceptions are handled here:
//
//   - embeds store the address in the block's attributes and show a player
//     made by the other site; they become a link to that address;
//   - self-closing dynamic blocks (latest posts, archives, a reusable block
//     by reference) are drawn by the server when the page is shown and have
//     no content in the export; they are listed in Result.Dropped.
//
// A block's opening and closing comments are siblings in valid block
// markup, so each parent's children are scanned on their own.
func (c *converter) blocks(n *html.Node) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		if ch.Type == html.ElementNode {
			c.blocks(ch)
			ch = next
			continue
		}
		if ch.Type != html.CommentNode {
			ch = next
			continue
		}
		m := blockComment.FindStringSubmatch(ch.Data)
		if m == nil || m[1] == "/" {
			ch = next
			continue
		}
		name, rawAttrs, selfClosing := m[2], m[3], m[4] == "/"
		if selfClosing {
			if !staticBlocks[name] {
				c.dropped["wp:"+name] = true
			}
			n.RemoveChild(ch)
			ch = next
			continue
		}
		switch {
		case name == "embed" || strings.HasPrefix(name, "core-embed/"):
			if end := closingComment(ch, name); end != nil {
				next = end.NextSibling
				c.embed(n, ch, end, rawAttrs)
			}
		case name == "image":
			if end := closingComment(ch, name); end != nil && wordpressLink(rawAttrs) {
				for s := ch.NextSibling; s != end; s = s.NextSibling {
					for _, a := range findAll(s, atom.A) {
						a.Attr = append(a.Attr, html.Attribute{Key: wpLinkAttr, Val: "1"})
					}
				}
			}
		case name == "cover":
			if end := closingComment(ch, name); end != nil {
				cover(n, ch, end, rawAttrs)
			}
		}
		ch = next
	}
}

// wpLinkAttr marks a link that WordPress made from an image to its own file
// or attachment page, for link to drop. A body could carry the attribute
// itself; all that would do is unlink an image, and tidy removes it.
const wpLinkAttr = "data-warta-wordpress-link"

// wordpressLink reports whether an image block's attributes say its link
// goes to the image's file or attachment page rather than one the writer
// chose.
func wordpressLink(rawAttrs string) bool {
	var attrs struct {
		LinkDestination string `json:"linkDestination"`
	}
	_ = json.Unmarshal([]byte(rawAttrs), &attrs)
	return attrs.LinkDestination == "media" || attrs.LinkDestination == "attachment"
}

// closingComment returns the sibling comment that closes the block opened
// by start, counting nested blocks of the same name, or nil.
func closingComment(start *html.Node, name string) *html.Node {
	depth := 0
	for s := start.NextSibling; s != nil; s = s.NextSibling {
		if s.Type != html.CommentNode {
			continue
		}
		m := blockComment.FindStringSubmatch(s.Data)
		if m == nil || m[2] != name || m[4] == "/" {
			continue
		}
		if m[1] != "/" {
			depth++
			continue
		}
		if depth == 0 {
			return s
		}
		depth--
	}
	return nil
}

// embed replaces the nodes from start to end (both comments included) with
// a link to the embedded address, followed by the embed's caption if it
// has one.
func (c *converter) embed(parent, start, end *html.Node, rawAttrs string) {
	var attrs struct {
		URL string `json:"url"`
	}
	_ = json.Unmarshal([]byte(rawAttrs), &attrs)
	var caption *html.Node
	var text strings.Builder
	for s := start.NextSibling; s != end; s = s.NextSibling {
		if f := find(s, atom.Figcaption); f != nil && caption == nil {
			caption = f
		}
		text.WriteString(textContentExcept(s, atom.Figcaption))
	}
	u := strings.TrimSpace(attrs.URL)
	if u == "" {
		// Older embeds may lack the attribute; the address is also the
		// only text of the block's wrapper.
		u = strings.TrimSpace(text.String())
	}
	for s := start; s != end; {
		next := s.NextSibling
		parent.RemoveChild(s)
		s = next
	}
	if isWebURL(u) {
		parent.InsertBefore(linkParagraph(u), end)
	}
	if caption != nil {
		if caption.Parent != nil {
			caption.Parent.RemoveChild(caption)
		}
		caption.Data, caption.DataAtom = "p", atom.P
		parent.InsertBefore(caption, end)
	}
	parent.RemoveChild(end)
}

// cover gives a cover block its picture. Older versions of the block keep
// the image only in a CSS background (dropped with the style attribute),
// so when the block holds no <img> or <video>, the address in its
// attributes is put back in front of its text.
func cover(parent, start, end *html.Node, rawAttrs string) {
	var attrs struct {
		URL            string `json:"url"`
		BackgroundType string `json:"backgroundType"`
	}
	if json.Unmarshal([]byte(rawAttrs), &attrs) != nil || attrs.URL == "" {
		return
	}
	for s := start.NextSibling; s != end; s = s.NextSibling {
		if find(s, atom.Img) != nil || find(s, atom.Video) != nil {
			return
		}
	}
	var media *html.Node
	if attrs.BackgroundType == "video" {
		media = element(atom.Video)
	} else {
		media = element(atom.Img)
	}
	media.Attr = []html.Attribute{{Key: "src", Val: attrs.URL}, {Key: "alt", Val: ""}}
	p := element(atom.P)
	p.AppendChild(media)
	parent.InsertBefore(p, start.NextSibling)
}

// linkParagraph returns <p><a href="u">u</a></p>.
func linkParagraph(u string) *html.Node {
	p := element(atom.P)
	a := element(atom.A)
	a.Attr = []html.Attribute{{Key: "href", Val: u}}
	a.AppendChild(&html.Node{Type: html.TextNode, Data: u})
	p.AppendChild(a)
	return p
}

func element(a atom.Atom) *html.Node {
	return &html.Node{Type: html.ElementNode, Data: a.String(), DataAtom: a}
}

// find returns the first element with the given tag under n (n included).
func find(n *html.Node, tag atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, tag); f != nil {
			return f
		}
	}
	return nil
}
