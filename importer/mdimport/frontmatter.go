package mdimport

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"
)

// FileError is why one file was not imported, with the line to look at
// (0 when the problem is not on one line).
type FileError struct {
	Path string
	Line int
	Msg  string
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// page is one Markdown file as Hugo or Jekyll means it, before anything is
// looked up in the store.
type page struct {
	Title      string
	Slug       string // as written in the front matter, or ""
	Dek        string
	Date       time.Time // zero when the front matter has none
	Lastmod    time.Time
	Draft      bool
	Section    string   // "section", else the first category
	Categories []string // every category, in order
	Tags       []string
	Authors    []string
	Image      imageRef // the lead image; Src "" for none
	Body       string
	BodyLine   int // the file's line where Body starts, for messages about it

	keyLines map[string]int // front-matter key (lower case) → its line
}

// imageRef is a picture as the front matter names it.
type imageRef struct {
	Src, Alt, Caption, Credit string
	Line                      int
}

// line returns the line of a front-matter key, or 1 (the opening
// delimiter) when it is not known.
func (p *page) line(key string) int {
	if n := p.keyLines[key]; n > 0 {
		return n
	}
	return 1
}

// parsePage reads a Markdown file with YAML (---) or TOML (+++) front
// matter. Dates without a zone are taken in loc. Its errors are
// *FileError with the line of the problem.
func parsePage(path string, src []byte, loc *time.Location) (*page, error) {
	fail := func(line int, format string, args ...any) error {
		return &FileError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	// One line ending from here on, so that lines count the same on
	// files saved on Windows.
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")

	open := strings.TrimRight(lines[0], " \t\n")
	var closers []string
	switch open {
	case "---":
		closers = []string{"---", "..."}
	case "+++":
		closers = []string{"+++"}
	default:
		return nil, fail(1, "no front matter: the file must start with a line --- (YAML) or +++ (TOML)")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " \t\n")
		if l == closers[0] || (len(closers) > 1 && l == closers[1]) {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, fail(1, "the front matter that starts here is never closed: add a line %s after it", closers[0])
	}

	var fields map[string]any
	var keyLines map[string]int
	var err error
	if open == "---" {
		// The opening line stays in, so the parser's line numbers are the file's.
		fields, keyLines, err = decodeYAML(strings.Join(lines[:end], ""))
	} else {
		// A blank first line stands for the +++, for the same reason.
		fields, keyLines, err = decodeTOML("\n" + strings.Join(lines[1:end], ""))
	}
	if err != nil {
		var le *lineError
		if errors.As(err, &le) {
			return nil, fail(le.line, "the front matter is not valid %s: %s", formatName(open), le.msg)
		}
		return nil, fail(1, "the front matter is not valid %s: %v", formatName(open), err)
	}

	// Blank lines before the body are dropped (their count kept for line
	// numbers); a first line's indentation is kept, it may be code.
	first := end + 1
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	p := &page{keyLines: keyLines, BodyLine: first + 1,
		Body: strings.TrimRight(strings.Join(lines[first:], ""), " \t\n")}
	if err := p.fill(fields, loc); err != nil {
		var le *lineError
		if errors.As(err, &le) {
			return nil, fail(le.line, "%s", le.msg)
		}
		return nil, fail(1, "%v", err)
	}
	return p, nil
}

func formatName(delim string) string {
	if delim == "+++" {
		return "TOML"
	}
	return "YAML"
}

// lineError is a problem on a known line of the file.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// decodeYAML decodes YAML front matter through yaml.Node rather than
// straight into a map: a node keeps each key's line for messages, and a
// timestamp's text, so that a date written without a zone is read in the
// site's zone instead of UTC.
func decodeYAML(src string) (map[string]any, map[string]int, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		msg := err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return nil, nil, &lineError{yamlErrorLine(src), m[2]}
		}
		return nil, nil, errors.New(strings.TrimPrefix(msg, "yaml: "))
	}
	fields, lines := map[string]any{}, map[string]int{}
	if len(doc.Content) == 0 {
		return fields, lines, nil // an empty front matter
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, &lineError{root.Line, "the front matter must be a list of key: value lines"}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := strings.ToLower(k.Value)
		val, err := yamlValue(v)
		if err != nil {
			return nil, nil, &lineError{v.Line, err.Error()}
		}
		fields[key], lines[key] = val, k.Line
	}
	return fields, lines, nil
}

// yamlErrorLine finds the line of a syntax error as the first line at
// which the text stops parsing. yaml.v3's own line numbers cannot be
// used: they count from 0 for some errors and from 1 for others.
func yamlErrorLine(src string) int {
	lines := strings.SplitAfter(src, "\n")
	var v yaml.Node
	for k := 1; k <= len(lines); k++ {
		if yaml.Unmarshal([]byte(strings.Join(lines[:k], "")), &v) != nil {
			return k
		}
	}
	return 1
}

// yamlValue turns a node into strings, bools, numbers, lists and maps.
func yamlValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := yamlValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[strings.ToLower(n.Content[i].Value)] = v
		}
		return m, nil
	case yaml.ScalarNode:
		if n.Tag == "!!timestamp" {
			return n.Value, nil // parsed by parseTime, which knows the zone
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		return v, nil
	}
	return nil, nil
}

var tomlKey = regexp.MustCompile(`^\s*["']?([A-Za-z0-9_-]+)["']?\s*=`)

// decodeTOML decodes TOML front matter; keys' lines are found by reading
// the top-level "key =" lines, which is all messages need.
func decodeTOML(src string) (map[string]any, map[string]int, error) {
	var raw map[string]any
	if err := toml.Unmarshal([]byte(src), &raw); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, nil, &lineError{row, strings.TrimPrefix(de.Error(), "toml: ")}
		}
		return nil, nil, err
	}
	fields, lines := map[string]any{}, map[string]int{}
	for k, v := range raw {
		fields[strings.ToLower(k)] = v
	}
	for i, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "[") {
			break // a table starts: keys below are not top-level
		}
		if m := tomlKey.FindStringSubmatch(l); m != nil {
			if key := strings.ToLower(m[1]); lines[key] == 0 {
				lines[key] = i + 1
			}
		}
	}
	return fields, lines, nil
}

// fill reads the fields Hugo and Jekyll write into p.
func (p *page) fill(f map[string]any, loc *time.Location) error {
	bad := func(key, format string, args ...any) error {
		return &lineError{p.line(key), fmt.Sprintf(format, args...)}
	}
	var ok bool
	if p.Title, ok = textField(f["title"]); !ok {
		return bad("title", "title must be text")
	}
	if p.Title == "" {
		return bad("title", "no title: add a line title: … to the front matter")
	}
	if p.Slug, ok = textField(f["slug"]); !ok {
		return bad("slug", "slug must be text")
	}
	for _, key := range []string{"description", "summary", "excerpt"} {
		s, ok := textField(f[key])
		if !ok {
			return bad(key, "%s must be text", key)
		}
		if s != "" {
			p.Dek = s
			break
		}
	}

	var err error
	for _, key := range []string{"date", "publishdate"} {
		if f[key] == nil {
			continue
		}
		if p.Date, err = parseTime(f[key], loc); err != nil {
			return bad(key, "%s %v", key, err)
		}
		break
	}
	for _, key := range []string{"lastmod", "last_modified_at", "modified"} {
		if f[key] == nil {
			continue
		}
		if p.Lastmod, err = parseTime(f[key], loc); err != nil {
			return bad(key, "%s %v", key, err)
		}
		break
	}

	if p.Draft, ok = flag(f["draft"], false); !ok {
		return bad("draft", "draft must be true or false")
	}
	published, ok := flag(f["published"], true) // Jekyll's way of saying draft
	if !ok {
		return bad("published", "published must be true or false")
	}
	p.Draft = p.Draft || !published

	// Jekyll splits a categories or tags string on spaces; a single
	// "category" is one name.
	cats, ok := list(f["categories"], true)
	if !ok {
		return bad("categories", "categories must be a list of names")
	}
	if one, ok := textField(f["category"]); !ok {
		return bad("category", "category must be text")
	} else if one != "" {
		cats = append([]string{one}, cats...)
	}
	p.Categories = cats
	if p.Section, ok = textField(f["section"]); !ok {
		return bad("section", "section must be text")
	}
	if p.Section == "" && len(cats) > 0 {
		p.Section = cats[0]
	}
	if p.Tags, ok = list(f["tags"], true); !ok {
		return bad("tags", "tags must be a list of names")
	}

	for _, key := range []string{"authors", "author"} {
		names, ok := authorNames(f[key])
		if !ok {
			return bad(key, "%s must be a name or a list of names", key)
		}
		p.Authors = append(p.Authors, names...)
	}

	for _, key := range []string{"cover", "image", "featured_image", "images"} {
		img, ok := imageOf(f[key])
		if !ok {
			return bad(key, "%s must be an image path, or a table with image and alt", key)
		}
		if img.Src != "" {
			img.Line = p.line(key)
			p.Image = img
			break
		}
	}
	return nil
}

// textField reads a string field; numbers are taken as their digits, since
// a title or slug such as 2024 is common. A missing field is "".
func textField(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return strings.TrimSpace(x), true
	case int, int64, uint64, float64:
		return fmt.Sprint(x), true
	}
	return "", false
}

// flag reads a boolean field, "true" and "false" as text included.
func flag(v any, def bool) (bool, bool) {
	switch x := v.(type) {
	case nil:
		return def, true
	case bool:
		return x, true
	case string:
		b, err := strconv.ParseBool(strings.TrimSpace(x))
		return b, err == nil
	}
	return false, false
}

// list reads a list of names. A string is one name per comma, or, with
// spaces set and no comma, one per word (Jekyll's "tags: banjir demak").
func list(v any, spaces bool) ([]string, bool) {
	var out []string
	switch x := v.(type) {
	case nil:
		return nil, true
	case string:
		var parts []string
		if strings.Contains(x, ",") || !spaces {
			parts = strings.Split(x, ",")
		} else {
			parts = strings.Fields(x)
		}
		for _, s := range parts {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, true
	case []any:
		for _, e := range x {
			s, ok := textField(e)
			if !ok {
				return nil, false
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, true
	}
	return nil, false
}

// authorNames reads "author: Rina", "authors: [Rina, Budi]" or Jekyll's
// "author: {name: Rina}".
func authorNames(v any) ([]string, bool) {
	switch x := v.(type) {
	case map[string]any:
		for _, key := range []string{"name", "display_name", "title"} {
			if s, ok := textField(x[key]); ok && s != "" {
				return []string{s}, true
			}
		}
		return nil, false
	case []any:
		var out []string
		for _, e := range x {
			names, ok := authorNames(e)
			if !ok {
				return nil, false
			}
			out = append(out, names...)
		}
		return out, true
	}
	return list(v, false)
}

// imageOf reads "image: foto.jpg", Hugo's "cover: {image: …, alt: …,
// caption: …}", Jekyll's "image: {path: …}" or a list of them (the first).
func imageOf(v any) (imageRef, bool) {
	switch x := v.(type) {
	case nil:
		return imageRef{}, true
	case string:
		return imageRef{Src: strings.TrimSpace(x)}, true
	case []any:
		if len(x) == 0 {
			return imageRef{}, true
		}
		return imageOf(x[0])
	case map[string]any:
		var img imageRef
		for _, key := range []string{"image", "src", "path", "url"} {
			if s, ok := textField(x[key]); ok && s != "" {
				img.Src = s
				break
			}
		}
		var ok1, ok2, ok3 bool
		img.Alt, ok1 = textField(x["alt"])
		img.Caption, ok2 = textField(x["caption"])
		img.Credit, ok3 = textField(x["credit"])
		return img, ok1 && ok2 && ok3
	}
	return imageRef{}, false
}

// Layouts of dates as Hugo and Jekyll sites write them, with a zone and
// without one.
var (
	zonedLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00",
		"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04 -0700", "2006-01-02T15:04:05-0700"}
	localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04",
		"2006-01-02 15:04", "2006-01-02"}
)

// parseTime reads a date; one without a zone is in loc. Sub-second parts
// are dropped, since both databases keep seconds.
func parseTime(v any, loc *time.Location) (time.Time, error) {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case toml.LocalDate:
		t = x.AsTime(loc)
	case toml.LocalDateTime:
		t = x.AsTime(loc)
	case string:
		s := strings.TrimSpace(x)
		for _, l := range zonedLayouts {
			if p, err := time.Parse(l, s); err == nil {
				t = p
				break
			}
		}
		if t.IsZero() {
			for _, l := range localLayouts {
				if p, err := time.ParseInLocation(l, s, loc); err == nil {
					t = p
					break
				}
			}
		}
		if t.IsZero() {
			return t, fmt.Errorf("%q is not a date: write it as 2024-03-05, 2024-03-05T09:30:00 or 2024-03-05T09:30:00+07:00", s)
		}
	default:
		return t, fmt.Errorf("must be a date such as 2024-03-05T09:30:00+07:00")
	}
	return t.Truncate(time.Second), nil
}
