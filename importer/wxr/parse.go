package wxr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html/charset"
)

// The namespaces of a WXR file, recognised by their URL. WordPress has
// written versions 1.0 to 1.2, with http:// and, lately, https://.
var (
	wpNamespace      = regexp.MustCompile(`^https?://wordpress\.org/export/1\.[012]/?$`)
	excerptNamespace = regexp.MustCompile(`^https?://wordpress\.org/export/1\.[012]/excerpt/?$`)
	contentNamespace = regexp.MustCompile(`^https?://purl\.org/rss/1\.0/modules/content/?$`)
	dcNamespace      = regexp.MustCompile(`^https?://purl\.org/dc/elements/1\.1/?$`)
)

// prefix returns the conventional prefix for a namespace URL: "wp",
// "excerpt", "content", "dc", "" for none, or "?" for one we do not know
// (its elements are ignored).
func prefix(space string) string {
	switch {
	case space == "":
		return ""
	case wpNamespace.MatchString(space):
		return "wp"
	case excerptNamespace.MatchString(space):
		return "excerpt"
	case contentNamespace.MatchString(space):
		return "content"
	case dcNamespace.MatchString(space):
		return "dc"
	case space == wartaNamespace:
		return "warta"
	}
	return "?"
}

// node is an element of an item (or author, or term) read whole: small
// enough to hold, and far simpler to pick apart than a token stream.
type node struct {
	name     string // "wp:post_id", "title", "category"…
	attrs    map[string]string
	text     strings.Builder
	children []*node
}

// child returns the text of the first child called name, trimmed.
func (n *node) child(name string) string {
	for _, c := range n.children {
		if c.name == name {
			return strings.TrimSpace(c.text.String())
		}
	}
	return ""
}

// raw returns the text of the first child called name as written.
func (n *node) raw(name string) string {
	for _, c := range n.children {
		if c.name == name {
			return c.text.String()
		}
	}
	return ""
}

// all returns the children called name.
func (n *node) all(name string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// Error is a file that cannot be read as a WordPress export: not XML,
// cut short, or another kind of XML. Line is where the reading stopped
// (0 when unknown).
type Error struct {
	Line    int
	Message string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	}
	return e.Message
}

// element is one thing the reader hands out: a channel-level author,
// term or item, with the line it starts on.
type element struct {
	node *node
	line int
}

// reader streams a WXR file token by token and hands out each author,
// term and item as a small tree, so memory holds one item at a time
// however large the file. The channel's own fields are kept in channel.
type reader struct {
	dec      *xml.Decoder
	channel  map[string]string
	maxField int
	sawRoot  bool
	inChan   bool
}

// newReader reads r, which may be in any encoding its XML declaration
// names. maxField bounds the text kept for one element; longer text is
// cut, and the element is marked with the attribute "_truncated".
func newReader(r io.Reader, maxField int) *reader {
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charset.NewReaderLabel
	// Exports carry HTML entities (&nbsp;, &hellip;) outside CDATA now
	// and then; WordPress reads them, so do we.
	dec.Entity = xml.HTMLEntity
	return &reader{dec: dec, channel: map[string]string{}, maxField: maxField}
}

// line returns the line the decoder has reached.
func (r *reader) line() int {
	l, _ := r.dec.InputPos()
	return l
}

// fail turns a decoder error into an *Error with a line and a plain word
// on what to do.
func (r *reader) fail(err error) error {
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &se):
		msg := se.Msg
		if strings.Contains(msg, "unexpected EOF") {
			msg = "the file ends in the middle (" + msg + "); it was cut short: export it again or copy it whole"
		} else {
			msg = "the file is not well-formed XML: " + msg
		}
		return &Error{Line: se.Line, Message: msg}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Line: r.line(), Message: "the file ends in the middle of an element; it was cut short: export it again or copy it whole"}
	}
	return &Error{Line: r.line(), Message: "cannot read the file: " + err.Error()}
}

// name gives an element's name with its conventional prefix.
func name(n xml.Name) string {
	p := prefix(n.Space)
	if p == "" {
		return n.Local
	}
	return p + ":" + n.Local
}

// next returns the next author ("wp:author"), term ("wp:category",
// "wp:tag", "wp:term") or item, or io.EOF after the end of the file.
func (r *reader) next() (*element, error) {
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			if !r.sawRoot {
				return nil, &Error{Message: "the file is empty or holds no XML element; is it really a WordPress export?"}
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, r.fail(err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !r.sawRoot {
			if err := r.checkRoot(start); err != nil {
				return nil, err
			}
			r.sawRoot = true
			continue
		}
		n := name(start.Name)
		switch n {
		case "channel":
			r.inChan = true
			continue
		case "item", "wp:author", "wp:category", "wp:tag", "wp:term":
			line := r.line()
			tree, err := r.read(start)
			if err != nil {
				return nil, err
			}
			return &element{node: tree, line: line}, nil
		}
		// A channel field: keep its text.
		tree, err := r.read(start)
		if err != nil {
			return nil, err
		}
		if r.inChan {
			if _, seen := r.channel[n]; !seen {
				r.channel[n] = strings.TrimSpace(tree.text.String())
			}
		}
	}
}

// checkRoot makes sure the file is an RSS document declaring a WXR
// namespace, so that a random XML file is refused at once with a reason.
func (r *reader) checkRoot(root xml.StartElement) error {
	if root.Name.Local != "rss" {
		return &Error{Line: r.line(), Message: fmt.Sprintf("the file's root element is <%s>, not <rss>: this is not a WordPress export (WXR); export it from WordPress under Tools → Export", root.Name.Local)}
	}
	var found []string
	for _, a := range root.Attr {
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
			if wpNamespace.MatchString(a.Value) {
				return nil
			}
			found = append(found, a.Value)
		}
	}
	return &Error{Line: r.line(), Message: fmt.Sprintf(
		"the file does not declare a WordPress export namespace (wordpress.org/export/1.0 to 1.2); it declares %q. Export it again from WordPress under Tools → Export",
		found)}
}

// read reads the element start opened, whole, into a tree.
func (r *reader) read(start xml.StartElement) (*node, error) {
	root := &node{name: name(start.Name)}
	root.attrs = attrs(start)
	stack := []*node{root}
	for {
		tok, err := r.dec.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, r.fail(err)
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			c := &node{name: name(t.Name), attrs: attrs(t)}
			top.children = append(top.children, c)
			stack = append(stack, c)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return root, nil
			}
		case xml.CharData:
			// CDATA sections come as CharData too, so a value that
			// WordPress split around "]]>" is joined back here.
			if room := r.maxField - top.text.Len(); room >= len(t) {
				top.text.Write(t)
			} else {
				if room > 0 {
					top.text.Write(bytes.Clone(t[:room]))
				}
				root.attrsSet("_truncated", "1")
			}
		}
	}
}

// attrsSet sets attribute k of n.
func (n *node) attrsSet(k, v string) {
	if n.attrs == nil {
		n.attrs = map[string]string{}
	}
	n.attrs[k] = v
}

// attrs returns the attributes of s by local name.
func attrs(s xml.StartElement) map[string]string {
	if len(s.Attr) == 0 {
		return nil
	}
	m := make(map[string]string, len(s.Attr))
	for _, a := range s.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}
