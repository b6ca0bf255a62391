package wphtml

import (
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Shortcodes are expanded on the raw text, before the HTML is parsed,
// because an enclosing one wraps HTML: [caption]<a><img></a> Text[/caption]
// is not an element the parser could hand us.

// shortcodeTag matches an opening shortcode: "[name]", "[name attrs]",
// "[name /]", and the escaped form "[[name]]" that WordPress shows
// literally. The attributes must start with a space, so that in
// "[foo-bar]" the name is "foo-bar".
var shortcodeTag = regexp.MustCompile(`\[(\[?)([A-Za-z][A-Za-z0-9_-]*)((?:\s[^\[\]]*?)?)\s*(/?)\](\]?)`)

// shortcodeAttr matches one attribute: name="v", name='v', name=v, or a
// bare positional value.
var shortcodeAttr = regexp.MustCompile(`([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)`)

// captionParts splits a caption's content into the image (with the link
// WordPress usually puts around it) and the caption text after it.
var captionParts = regexp.MustCompile(`(?is)^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)$`)

// mediaSourceAttrs are the attributes [audio] and [video] take a file
// from, in the order WordPress prefers them; "0" is an address written
// without a name, as in [audio https://…/song.mp3].
var mediaSourceAttrs = []string{"src", "0", "mp3", "m4a", "ogg", "wav", "wma", "mp4", "m4v", "webm", "ogv", "wmv", "flv"}

// expandShortcodes replaces the shortcodes WordPress itself defines with
// HTML and records every other one. Unknown shortcodes stay in the text,
// where the Markdown writer escapes their brackets, so a reader sees
// "[contact-form-7 id=…]" and an editor can find and redo it. Text inside
// HTML comments is skipped: block attributes are JSON, not shortcodes.
func (c *converter) expandShortcodes(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	for s != "" {
		i := strings.Index(s, "<!--")
		if i < 0 {
			b.WriteString(c.expandSegment(s))
			break
		}
		b.WriteString(c.expandSegment(s[:i]))
		j := strings.Index(s[i+4:], "-->")
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		end := i + 4 + j + 3
		b.WriteString(s[i:end])
		s = s[end:]
	}
	return b.String()
}

// expandSegment expands the shortcodes in text that holds no comment. It
// works with positions in seg rather than re-slicing copies, and finds
// closing tags through an index built once, so a 10 MB body full of
// brackets stays linear.
func (c *converter) expandSegment(seg string) string {
	if !strings.Contains(seg, "[") {
		return seg
	}
	closers := closerIndex(seg)
	var b strings.Builder
	pos := 0
	for pos < len(seg) {
		m := shortcodeTag.FindStringSubmatchIndex(seg[pos:])
		if m == nil {
			break
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += pos
			}
		}
		b.WriteString(seg[pos:m[0]])
		start, end := m[0], m[1]
		escOpen, escClose := m[3] > m[2], m[11] > m[10]
		rawName := seg[m[4]:m[5]]
		name := strings.ToLower(rawName)
		rawAttrs := seg[m[6]:m[7]]
		selfClosed := m[9] > m[8]

		if escOpen && escClose {
			// [[name]] is WordPress's way to write a shortcode as text.
			b.WriteString(seg[start+1 : end-1])
			pos = end
			continue
		}
		if escClose {
			// The "]" after the tag is ordinary text, read on from it.
			end--
		}
		if escOpen {
			b.WriteByte('[')
			start++
		}
		whole := seg[start:end]

		// The closing tag, if one follows: its position, or -1.
		closeAt := -1
		if !selfClosed {
			closeAt = nextCloser(closers[name], end)
		}

		switch name {
		case "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist":
			content, next := "", end
			if closeAt >= 0 {
				content, next = seg[end:closeAt], closeAt+len(rawName)+3
			}
			b.WriteString(c.builtin(name, parseAttrs(rawAttrs), content))
			pos = next
		default:
			// Keep the tag as it was. Scanning goes on right after it, so
			// shortcodes nested in an unknown one are still found, and its
			// closing tag, which the pattern does not match, stays as text.
			if looksLikeShortcode(rawAttrs, selfClosed, closeAt >= 0) {
				c.shortcodes[name] = true
			}
			b.WriteString(whole)
			pos = end
		}
	}
	b.WriteString(seg[pos:])
	return b.String()
}

// builtin returns the HTML for one of WordPress's own shortcodes.
func (c *converter) builtin(name string, attrs map[string]string, content string) string {
	switch name {
	case "caption", "wp_caption":
		return c.caption(attrs, content)
	case "gallery":
		return c.gallery(attrs)
	case "embed":
		return linkBlock(strings.TrimSpace(html.UnescapeString(content)))
	case "audio", "video":
		for _, k := range mediaSourceAttrs {
			if v := strings.TrimSpace(attrs[k]); v != "" {
				return linkBlock(v)
			}
		}
	}
	// A playlist, or a player without a file, has nothing to link to.
	c.dropped[name] = true
	return "\n\n"
}

// closingTag matches "[/name]".
var closingTag = regexp.MustCompile(`\[/([A-Za-z][A-Za-z0-9_-]*)\]`)

// closerIndex maps each lower-cased name to the positions of its closing
// tags in s, in order.
func closerIndex(s string) map[string][]int {
	idx := map[string][]int{}
	for _, m := range closingTag.FindAllStringSubmatchIndex(s, -1) {
		name := strings.ToLower(s[m[2]:m[3]])
		idx[name] = append(idx[name], m[0])
	}
	return idx
}

// nextCloser returns the first position in sorted positions at or after
// from, or -1.
func nextCloser(positions []int, from int) int {
	i := sort.SearchInts(positions, from)
	if i == len(positions) {
		return -1
	}
	return positions[i]
}

// looksLikeShortcode tells an unknown shortcode from words in brackets.
// WordPress itself only knows by the list of registered names, which an
// export does not carry, so we go by shape: a bare "[name]", attributes
// with "=", a self-closing "/]" or a closing tag. "[simple boat]" is text;
// "[toc]" and "[sic]" both count, a false alarm that only adds a name to
// the report.
func looksLikeShortcode(attrs string, selfClosed, hasCloser bool) bool {
	return strings.TrimSpace(attrs) == "" || strings.Contains(attrs, "=") || selfClosed || hasCloser
}

// parseAttrs reads shortcode attributes; positional values get the keys
// "0", "1", …. Names are lower-cased as WordPress does.
func parseAttrs(s string) map[string]string {
	attrs := map[string]string{}
	pos := 0
	for _, m := range shortcodeAttr.FindAllStringSubmatch(s, -1) {
		switch {
		case m[1] != "":
			attrs[strings.ToLower(m[1])] = m[2]
		case m[3] != "":
			attrs[strings.ToLower(m[3])] = m[4]
		case m[5] != "":
			attrs[strings.ToLower(m[5])] = m[6]
		default:
			v := m[7]
			if v == "" {
				v = m[8]
			}
			attrs[strconv.Itoa(pos)] = v
			pos++
		}
	}
	return attrs
}

// caption turns [caption] into a figure. The caption text is either the
// text after the image (WordPress 3.4 and later) or the caption attribute
// (older exports).
func (c *converter) caption(attrs map[string]string, content string) string {
	p := captionParts.FindStringSubmatch(content)
	if p == nil {
		// No image: keep whatever the shortcode held.
		return "\n\n<div>" + content + "</div>\n\n"
	}
	text := p[2]
	if t := strings.TrimSpace(attrs["caption"]); t != "" {
		text = t
	}
	return "\n\n<figure>" + p[1] + "<figcaption>" + text + "</figcaption></figure>\n\n"
}

// gallery asks the importer for the gallery's images and writes one figure
// each, since Warta has no gallery and a run of figures reads the same.
func (c *converter) gallery(attrs map[string]string) string {
	var ids []string
	for _, id := range strings.Split(attrs["ids"], ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	var imgs []Image
	if c.opt.Gallery != nil {
		imgs = c.opt.Gallery(ids)
	}
	if len(imgs) == 0 {
		c.dropped["gallery"] = true
		return "\n\n"
	}
	var b strings.Builder
	for _, img := range imgs {
		b.WriteString("\n\n<figure><img src=\"")
		b.WriteString(html.EscapeString(img.Src))
		b.WriteString("\" alt=\"")
		b.WriteString(html.EscapeString(img.Alt))
		b.WriteString("\"><figcaption>")
		b.WriteString(html.EscapeString(img.Caption))
		b.WriteString("</figcaption></figure>\n\n")
	}
	return b.String()
}

// linkBlock writes a paragraph holding a link to u, for embeds and media
// files: Warta shows no players from other sites, but the reader can follow
// the link. Anything but a web or site-relative address is dropped.
func linkBlock(u string) string {
	if !isWebURL(u) {
		return "\n\n"
	}
	e := html.EscapeString(u)
	return "\n\n<p><a href=\"" + e + "\">" + e + "</a></p>\n\n"
}

// isWebURL reports whether u is an http(s) or site-relative address with
// nothing in it that could break out of an attribute.
func isWebURL(u string) bool {
	l := strings.ToLower(u)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "/")) &&
		!strings.ContainsAny(u, " \t\n\"<>")
}
