package wphtml

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A classic-editor body is saved without <p> and <br>: WordPress adds them
// each time it shows the post. We add them on the parsed tree rather than
// with text substitutions, so a newline inside a <pre> or an attribute can
// never be mistaken for a paragraph break. The rule is WordPress's: text
// separated by a blank line forms paragraphs, a single newline inside a
// paragraph is a line break, and block elements (lists, headings, tables,
// figures…) stand on their own.

// blankLine separates two paragraphs.
var blankLine = regexp.MustCompile(`\n[ \t\x{a0}]*\n\s*`)

// blockTags are the elements that end a paragraph.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true,
	atom.Hr: true, atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true,
	atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// flowContainers hold paragraphs: their loose text is wrapped in <p>.
var flowContainers = map[atom.Atom]bool{
	atom.Body: true, atom.Div: true, atom.Blockquote: true, atom.Section: true,
	atom.Article: true, atom.Aside: true, atom.Header: true, atom.Footer: true,
	atom.Main: true, atom.Details: true, atom.Form: true, atom.Fieldset: true,
	atom.Address: true, atom.Nav: true,
}

// cellContainers hold a line or two of text; a <p> is only added when a
// blank line splits their text, as in a list item with two paragraphs.
var cellContainers = map[atom.Atom]bool{
	atom.Li: true, atom.Dd: true, atom.Dt: true, atom.Td: true, atom.Th: true,
}

// verbatim elements keep their newlines.
var verbatim = map[atom.Atom]bool{
	atom.Pre: true, atom.Code: true, atom.Textarea: true, atom.Script: true, atom.Style: true,
}

// autop adds the paragraphs and line breaks of a classic body under n.
func autop(n *html.Node) {
	wrap := flowContainers[n.DataAtom]
	var run []*html.Node
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && blockTags[c.DataAtom] {
			paragraphs(n, run, c, wrap)
			run = nil
			switch {
			case flowContainers[c.DataAtom] || cellContainers[c.DataAtom]:
				autop(c)
			case c.DataAtom == atom.Ul || c.DataAtom == atom.Ol || c.DataAtom == atom.Dl ||
				c.DataAtom == atom.Table || c.DataAtom == atom.Tbody || c.DataAtom == atom.Thead ||
				c.DataAtom == atom.Tfoot || c.DataAtom == atom.Tr:
				// Only their items hold text.
				autop(c)
			case !verbatim[c.DataAtom] && c.DataAtom != atom.Figure:
				// Headings, existing paragraphs, captions: line breaks only.
				breakLines(c)
			}
		} else {
			run = append(run, c)
		}
		c = next
	}
	paragraphs(n, run, nil, wrap)
}

// paragraphs splits a run of inline nodes (the children of parent just
// before `before`) at blank lines, adds line breaks, and wraps each part in
// a <p> when wrap is set or the run holds more than one paragraph.
func paragraphs(parent *html.Node, run []*html.Node, before *html.Node, wrap bool) {
	if len(run) == 0 {
		return
	}
	var paras [][]*html.Node
	var cur []*html.Node
	for _, c := range run {
		parent.RemoveChild(c)
		if c.Type != html.TextNode || !blankLine.MatchString(c.Data) {
			cur = append(cur, c)
			continue
		}
		parts := blankLine.Split(c.Data, -1)
		for i, p := range parts {
			if i > 0 {
				paras = append(paras, cur)
				cur = nil
			}
			if p != "" {
				cur = append(cur, &html.Node{Type: html.TextNode, Data: p})
			}
		}
	}
	paras = append(paras, cur)

	var kept [][]*html.Node
	for _, p := range paras {
		if p = trimParagraph(p); len(p) > 0 {
			kept = append(kept, p)
		}
	}
	for _, p := range kept {
		if wrap || len(kept) > 1 {
			el := element(atom.P)
			for _, c := range p {
				el.AppendChild(c)
			}
			breakLines(el)
			parent.InsertBefore(el, before)
			continue
		}
		holder := element(atom.Span)
		for _, c := range p {
			holder.AppendChild(c)
		}
		breakLines(holder)
		for c := holder.FirstChild; c != nil; {
			next := c.NextSibling
			holder.RemoveChild(c)
			parent.InsertBefore(c, before)
			c = next
		}
	}
}

// trimParagraph drops the whitespace at both ends of a paragraph, and
// returns nil when nothing but whitespace is left.
func trimParagraph(p []*html.Node) []*html.Node {
	for len(p) > 0 && p[0].Type == html.TextNode {
		p[0].Data = strings.TrimLeft(p[0].Data, " \t\n")
		if p[0].Data != "" {
			break
		}
		p = p[1:]
	}
	for len(p) > 0 && p[len(p)-1].Type == html.TextNode {
		last := p[len(p)-1]
		last.Data = strings.TrimRight(last.Data, " \t\n")
		if last.Data != "" {
			break
		}
		p = p[:len(p)-1]
	}
	for _, c := range p {
		if c.Type == html.ElementNode || strings.TrimSpace(c.Data) != "" {
			return p
		}
	}
	return nil
}

// breakLines turns each newline in the text under n into a <br>, leaving
// verbatim elements alone. A newline right next to an existing <br> is the
// writer's own formatting and adds nothing.
func breakLines(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.ElementNode && !verbatim[c.DataAtom]:
			breakLines(c)
		case c.Type == html.TextNode && strings.Contains(c.Data, "\n"):
			text := c.Data
			if c.PrevSibling != nil && c.PrevSibling.DataAtom == atom.Br {
				text = strings.TrimLeft(text, " \t")
				text = strings.TrimPrefix(text, "\n")
			}
			if next != nil && next.DataAtom == atom.Br {
				text = strings.TrimRight(text, " \t")
				text = strings.TrimSuffix(text, "\n")
			}
			lines := strings.Split(text, "\n")
			for i, l := range lines {
				if i > 0 {
					n.InsertBefore(element(atom.Br), c)
				}
				if l != "" {
					n.InsertBefore(&html.Node{Type: html.TextNode, Data: l}, c)
				}
			}
			n.RemoveChild(c)
		}
		c = next
	}
}
