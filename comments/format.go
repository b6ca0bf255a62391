package comments

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
)

// Format turns what a reader typed into the safe HTML stored beside it
// (warta.Comment.ContentHTML). The rules:
//
//   - The text is plain text. A blank line (or a line of spaces) starts a new
//     <p>; a single newline becomes <br>.
//   - Bare addresses starting http://, https:// or www. become links (www.
//     ones to https://). Trailing punctuation such as "." "," ")" (when
//     unbalanced) or "!" stays outside the link; an address stops at
//     whitespace and at any of < > " ' ` and backslash. Nothing is linked
//     inside <a> or <code>.
//   - These tags typed by the reader survive, in any letter case: <b>,
//     <strong>, <i>, <em>, <code>, <blockquote> (attributes dropped) and
//     <a href="…"> whose address, after entities are decoded, is an http or
//     https URL with a host and no user name, or a mailto: URL, with no
//     whitespace, control or invisible characters in it. Other attributes of
//     <a> are dropped; an <a> with no acceptable href is shown as text.
//   - Every link gets rel="nofollow ugc", and nothing else.
//   - Any other tag, comment or stray "<", ">" or "&" is shown as text:
//     what the reader typed is what readers see, so "&lt;" stays "&lt;".
//     No address inside such a tag is linked, nor inside an unfinished one
//     (a "<" and a letter with no ">" before the next "<"); <https://…>
//     is not a tag but an address in brackets, and is linked.
//   - Closing tags close what they match (and anything opened inside it);
//     one that matches nothing is dropped. Unclosed tags close at the end of
//     their paragraph and reopen in the next one; a <blockquote> starts
//     with none open, and one left open closes at the end. Tags nested
//     more than 16 deep (blockquotes: 8) are dropped.
//   - Invalid UTF-8 becomes U+FFFD. NUL and the other C0 and C1 controls
//     except newline and tab, bidi controls (U+202A–U+202E, U+2066–U+2069,
//     U+200E, U+200F, U+061C) and other invisible formatting characters
//     (zero-width space, word joiner, soft hyphen, BOM, tag characters …)
//     are removed; CR, CRLF, U+2028 and U+2029 count as newlines.
//
// The result then goes through a bluemonday policy that allows exactly
// this, so a bug in the formatter above cannot become a hole.
func Format(text string) string {
	var f formatter
	for _, tok := range tokenize(clean(text)) {
		switch tok.kind {
		case tokText:
			f.text(tok.text, !f.isOpen("a") && !f.isOpen("code"))
		case tokLiteral:
			f.text(tok.text, false)
		case tokOpen:
			switch tok.name {
			case "blockquote":
				f.openQuote()
			case "a":
				// Decode entities first, as the browser would, so that
				// "&#106;avascript:" is judged as "javascript:".
				href, ok := safeURL(html.UnescapeString(tok.href))
				if !ok || f.isOpen("a") {
					// A refused address is shown as typed, so the reader
					// sees why; so is a link inside a link, invalid HTML
					// that parsers untangle in surprising ways.
					f.text(tok.text, false)
					continue
				}
				f.openInline("a", `<a href="`+html.EscapeString(href)+`" rel="nofollow ugc">`)
			default:
				f.openInline(tok.name, "<"+tok.name+">")
			}
		case tokClose:
			if tok.name == "blockquote" {
				f.closeQuote()
			} else {
				f.closeInline(tok.name)
			}
		}
	}
	f.finish()
	return policy.Sanitize(f.b.String())
}

// CountLinks returns how many links the reader's text holds, for the
// "more than N links" moderation rule: every typed <a> tag with an href
// (acceptable or not, since the intent counts) plus every bare address
// Format would link outside such a tag, including inside <code>.
func CountLinks(text string) int {
	n, inA := 0, false
	for _, tok := range tokenize(clean(text)) {
		switch tok.kind {
		case tokOpen:
			if tok.name == "a" {
				if tok.hasHref {
					n++
				}
				inA = true
			}
		case tokClose:
			if tok.name == "a" {
				inA = false
			}
		case tokLiteral:
			if literalLinkRE.MatchString(tok.text) {
				n++
				inA = true
			}
		case tokText:
			if !inA {
				n += len(findURLs(tok.text))
			}
		}
	}
	return n
}

// policy is the allow-list for comment HTML. It mirrors what formatter
// writes, nothing more: built once, since it is safe for concurrent use.
var policy = newPolicy()

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "b", "strong", "i", "em", "code", "blockquote")
	p.AllowAttrs("href").OnElements("a")
	// bluemonday knows nofollow but not ugc (Google's hint for user
	// content): allow exactly the rel the formatter writes, and let
	// RequireNoFollowOnLinks add nofollow to any link that lacks it.
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^nofollow ugc$`)).OnElements("a")
	p.RequireNoFollowOnLinks(true)
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	return p
}

// clean makes the text safe to scan: valid UTF-8, one kind of newline, and
// no characters that are invisible yet change how text reads or matches.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r' || r == '\u2028' || r == '\u2029':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case invisible(r):
			return -1
		}
		return r
	}, s)
}

// invisible reports whether r is a control or formatting character that
// shows nothing. Bidi controls can make a link or a name read backwards
// ("Trojan Source"); zero-width characters and soft hyphens let a word slip
// past the moderation keys. Zero-width (non-)joiners stay: emoji and some
// scripts need them.
func invisible(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f): // C0, DEL, C1
		return true
	case r == 0x00ad, r == 0x034f, r == 0x061c, r == 0x115f, r == 0x1160, r == 0x17b4, r == 0x17b5, r == 0x180e:
		return true
	case r == 0x200b, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x206f:
		return true
	case r == 0x3164, r == 0xfeff, r == 0xffa0, r >= 0xfff9 && r <= 0xfffb:
		return true
	case r >= 0xe0000 && r <= 0xe007f: // tag characters: hidden ASCII
		return true
	}
	return false
}

// tokenKind says what a piece of the reader's text is.
type tokenKind int

const (
	tokText    tokenKind = iota // text, linked where allowed
	tokLiteral                  // a tag we do not allow: shown as typed, never linked
	tokOpen                     // an allowed start tag
	tokClose                    // an allowed end tag
)

// token is one piece of the reader's text.
type token struct {
	kind    tokenKind
	text    string // as typed
	name    string // lower-case element name, for tokOpen and tokClose
	href    string // the raw value of an <a>'s first href, entities undecoded
	hasHref bool
}

// The tag patterns accept only well-formed tags. Quoted values may not hold
// "<", so every match ends before the next "<" and tokenize stays linear
// however the text is built. A backtick may not start an unquoted value,
// because old browsers treated it as a quote.
const attrPattern = `\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"<]*)"|'([^'<]*)'|([^\s"'<>=` + "`" + `]+)))?`

var (
	openTagRE  = regexp.MustCompile(`^<(?i:(a|b|strong|i|em|code|blockquote))((?:` + attrPattern + `)*)\s*>`)
	closeTagRE = regexp.MustCompile(`^</(?i:(a|b|strong|i|em|code|blockquote))\s*>`)
	attrRE     = regexp.MustCompile(attrPattern)
	// tagLikeRE matches what a browser would take for markup: a tag,
	// comment, doctype or processing instruction, finished or not (up to
	// the next "<"). It is shown as text, and kept in one piece so that no
	// address inside an attribute is linked.
	tagLikeRE = regexp.MustCompile(`^<(?:[/!?]?[a-zA-Z]|!--)[^<>]*>?`)
	// bracketURLRE matches the start of <https://…>, the usual way to set
	// an address apart in plain text: its "<" is text, so the address is
	// linked.
	bracketURLRE = regexp.MustCompile(`^<(?i:https?://|www\.)`)
	// literalLinkRE finds a link the tokenizer refused, for CountLinks.
	literalLinkRE = regexp.MustCompile(`(?i)^<a[\s/][^>]*href`)
)

// tokenize splits s into text and tags.
func tokenize(s string) []token {
	var toks []token
	start := 0 // where the text not yet in a token begins
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := s[i:]
		var tok token
		if m := openTagRE.FindStringSubmatch(rest); m != nil {
			tok = token{kind: tokOpen, text: m[0], name: strings.ToLower(m[1])}
			for _, a := range attrRE.FindAllStringSubmatch(m[2], -1) {
				if strings.EqualFold(a[1], "href") {
					// Browsers use the first of repeated attributes.
					tok.href, tok.hasHref = a[2]+a[3]+a[4], true
					break
				}
			}
		} else if m := closeTagRE.FindStringSubmatch(rest); m != nil {
			tok = token{kind: tokClose, text: m[0], name: strings.ToLower(m[1])}
		} else if bracketURLRE.MatchString(rest) {
			i++
			continue
		} else if m := tagLikeRE.FindString(rest); m != "" {
			tok = token{kind: tokLiteral, text: m}
		} else {
			i++
			continue
		}
		if start < i {
			toks = append(toks, token{kind: tokText, text: s[start:i]})
		}
		toks = append(toks, tok)
		i += len(tok.text)
		start = i
	}
	if start < len(s) {
		toks = append(toks, token{kind: tokText, text: s[start:]})
	}
	return toks
}

// safeURL checks a link address and returns it in canonical form. It
// accepts http and https URLs with a host and no user name ("https://bank@
// evil" misleads), and mailto: URLs. Whitespace, controls and invisible
// characters anywhere are refused rather than trimmed, because browsers
// drop tabs and newlines inside a scheme ("java\nscript:").
func safeURL(v string) (string, bool) {
	v = strings.Trim(v, " ")
	if v == "" || len(v) > 2048 {
		return "", false
	}
	for _, r := range v {
		if r <= ' ' || invisible(r) || strings.ContainsRune("\"'<>\\`", r) {
			return "", false
		}
	}
	u, err := url.Parse(v)
	if err != nil {
		return "", false
	}
	switch u.Scheme { // url.Parse lowers the scheme
	case "http", "https":
		if u.Host == "" || u.Opaque != "" || u.User != nil || !validHost(u.Hostname()) {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" || u.Host != "" || u.User != nil {
			return "", false
		}
	default:
		return "", false
	}
	return u.String(), true
}

// validHost accepts a domain name (international ones included) or an
// IPv4 address: letters, digits, "-" and ".".
func validHost(h string) bool {
	if h == "" || strings.HasPrefix(h, ".") || strings.HasPrefix(h, "-") {
		return false
	}
	for _, r := range h {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// urlMatch is a bare address found in text.
type urlMatch struct {
	start, end int    // byte offsets of the address as typed
	href       string // where the link goes
}

// findURLs returns the bare addresses in s that Format links.
func findURLs(s string) []urlMatch {
	var out []urlMatch
	for i := 0; i < len(s); {
		c := s[i]
		if c != 'h' && c != 'H' && c != 'w' && c != 'W' {
			i++
			continue
		}
		rest := s[i:]
		www := hasPrefixFold(rest, "www.")
		if !www && !hasPrefixFold(rest, "http://") && !hasPrefixFold(rest, "https://") {
			i++
			continue
		}
		if i > 0 {
			// "xhttp://" or "a.www.b" are not the start of an address.
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune("@/.:-_&=%+#~", prev) {
				i++
				continue
			}
		}
		end := i
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if unicode.IsSpace(r) || strings.ContainsRune("<>\"'`\\", r) {
				break
			}
			end += size
		}
		cand := trimTrailing(s[i:end])
		href := cand
		if www {
			href = "https://" + cand
		}
		// "www." must be followed by a name with a dot: "www.id" alone is
		// more likely a typo than an address.
		if u, ok := safeURL(href); ok && (!www || strings.Contains(cand[min(4, len(cand)):], ".")) {
			out = append(out, urlMatch{start: i, end: i + len(cand), href: u})
			i += len(cand)
			continue
		}
		// Skip the whole refused candidate: starting again inside it could
		// only find a fragment, and rescanning would make long junk slow.
		i = max(end, i+1)
	}
	return out
}

// trimTrailing removes what usually ends the sentence rather than the
// address: punctuation, and closing brackets with no opening partner.
func trimTrailing(c string) string {
	for c != "" {
		r, size := utf8.DecodeLastRuneInString(c)
		switch {
		case strings.ContainsRune(".,:;!?*_~", r):
		case r == ')' && strings.Count(c, "(") < strings.Count(c, ")"):
		case r == ']' && strings.Count(c, "[") < strings.Count(c, "]"):
		case r == '}' && strings.Count(c, "{") < strings.Count(c, "}"):
		case r >= 0x80 && (unicode.IsPunct(r) || unicode.IsSymbol(r)):
		default:
			return c
		}
		c = c[:len(c)-size]
	}
	return c
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// formatter writes the HTML. Paragraphs and inline elements are opened
// lazily, when there is something to put in them, so stray tags and
// whitespace never leave empty elements behind.
type formatter struct {
	b       strings.Builder
	inPara  bool
	quotes  int           // open blockquotes
	inline  []inlineTag   // open inline elements, outermost first
	opened  int           // how many of inline are written in this paragraph
	saved   [][]inlineTag // inline stacks set aside by open blockquotes
	pending string        // whitespace not yet written
	// dropped counts tags opened beyond the nesting limits, by name, so
	// their closing tags are dropped too.
	dropped map[string]int
}

// Nesting limits. Deeper markup says nothing a reader needs, and unlimited
// depth would make formatting (and the browser's layout) slow.
const (
	maxInline = 16
	maxQuotes = 8
)

type inlineTag struct{ name, open string }

// text writes reader text, turning whitespace into spaces, breaks and
// paragraphs, and linking addresses when link is true.
func (f *formatter) text(s string, link bool) {
	var urls []urlMatch
	if link {
		urls = findURLs(s)
	}
	pos := 0
	for _, u := range urls {
		f.plain(s[pos:u.start])
		f.content(`<a href="` + html.EscapeString(u.href) + `" rel="nofollow ugc">` + html.EscapeString(s[u.start:u.end]) + `</a>`)
		pos = u.end
	}
	f.plain(s[pos:])
}

// plain writes text with no links in it.
func (f *formatter) plain(s string) {
	for s != "" {
		i := strings.IndexFunc(s, isSpace)
		if i != 0 {
			if i < 0 {
				i = len(s)
			}
			f.content(html.EscapeString(s[:i]))
			s = s[i:]
			continue
		}
		j := strings.IndexFunc(s, func(r rune) bool { return !isSpace(r) })
		if j < 0 {
			j = len(s)
		}
		f.pending += s[:j]
		s = s[j:]
	}
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }

// content writes HTML that belongs in a paragraph, after the whitespace
// before it and any elements not yet written.
func (f *formatter) content(h string) {
	f.flush()
	if !f.inPara {
		f.b.WriteString("<p>")
		f.inPara = true
	}
	for ; f.opened < len(f.inline); f.opened++ {
		f.b.WriteString(f.inline[f.opened].open)
	}
	f.b.WriteString(h)
}

// flush turns pending whitespace into a paragraph break (a blank line), a
// <br> (one newline) or a space. Whitespace outside a paragraph is lost.
func (f *formatter) flush() {
	nl := strings.Count(f.pending, "\n")
	switch {
	case nl >= 2:
		f.closePara()
	case !f.inPara || f.pending == "":
	case nl == 1:
		f.b.WriteString("<br>\n")
	default:
		f.b.WriteByte(' ')
	}
	f.pending = ""
}

func (f *formatter) closePara() {
	if !f.inPara {
		return
	}
	for f.opened > 0 {
		f.opened--
		f.b.WriteString("</" + f.inline[f.opened].name + ">")
	}
	f.b.WriteString("</p>\n")
	f.inPara = false
}

func (f *formatter) openInline(name, open string) {
	if len(f.inline) >= maxInline {
		f.drop(name)
		return
	}
	f.inline = append(f.inline, inlineTag{name, open})
}

// drop records a tag opened beyond the nesting limits.
func (f *formatter) drop(name string) {
	if f.dropped == nil {
		f.dropped = map[string]int{}
	}
	f.dropped[name]++
}

// undrop reports whether a closing tag belongs to a dropped tag.
func (f *formatter) undrop(name string) bool {
	if f.dropped[name] == 0 {
		return false
	}
	f.dropped[name]--
	return true
}

// closeInline closes the innermost open name and everything opened inside
// it. A closing tag that matches nothing is dropped.
func (f *formatter) closeInline(name string) {
	if f.undrop(name) {
		return
	}
	i := len(f.inline) - 1
	for i >= 0 && f.inline[i].name != name {
		i--
	}
	if i < 0 {
		return
	}
	for k := len(f.inline) - 1; k >= i; k-- {
		if k < f.opened {
			f.b.WriteString("</" + f.inline[k].name + ">")
		}
	}
	f.inline = f.inline[:i]
	f.opened = min(f.opened, i)
}

func (f *formatter) isOpen(name string) bool {
	for _, t := range f.inline {
		if t.name == name {
			return true
		}
	}
	return false
}

// openQuote starts a blockquote. It cannot sit inside a paragraph, so the
// paragraph ends, and the inline elements open around it wait for the
// blockquote to end.
func (f *formatter) openQuote() {
	if f.quotes >= maxQuotes {
		f.drop("blockquote")
		return
	}
	f.pending = ""
	f.closePara()
	f.saved = append(f.saved, f.inline)
	f.inline, f.opened = nil, 0
	f.b.WriteString("<blockquote>\n")
	f.quotes++
}

func (f *formatter) closeQuote() {
	if f.undrop("blockquote") || f.quotes == 0 {
		return
	}
	f.pending = ""
	f.closePara()
	f.b.WriteString("</blockquote>\n")
	f.quotes--
	f.inline, f.opened = f.saved[len(f.saved)-1], 0
	f.saved = f.saved[:len(f.saved)-1]
}

func (f *formatter) finish() {
	f.pending = ""
	f.closePara()
	for ; f.quotes > 0; f.quotes-- {
		f.b.WriteString("</blockquote>\n")
	}
}
