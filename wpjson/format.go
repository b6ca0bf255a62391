package wpjson

import (
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/microcosm-cc/bluemonday"

	"warta/comments"
)

// wpDate is how WordPress writes a date: ISO 8601 to the second, with no
// zone; "date" fields are in the site's zone and "…_gmt" fields in UTC.
func wpDate(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02T15:04:05")
}

// rendered is WordPress's {"rendered": …} object.
func rendered(s string) map[string]any { return map[string]any{"rendered": s} }

// renderedProtected is content and excerpt: {"rendered", "protected"}.
// Nothing of ours is password-protected.
func renderedProtected(s string) map[string]any {
	return map[string]any{"rendered": s, "protected": false}
}

// paragraph is plain text as WordPress renders a short text field.
func paragraph(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	return "<p>" + html.EscapeString(text) + "</p>\n"
}

// excerptWords is how many words WordPress keeps in an excerpt made from
// the content.
const excerptWords = 55

var textOnly = bluemonday.StrictPolicy()

// excerptFrom makes an excerpt from body HTML, as WordPress does when a
// post has none: its first words as text, with " […]" when cut.
func excerptFrom(bodyHTML string) string {
	words := strings.Fields(html.UnescapeString(textOnly.Sanitize(bodyHTML)))
	if len(words) == 0 {
		return ""
	}
	text := strings.Join(words[:min(len(words), excerptWords)], " ")
	if len(words) > excerptWords {
		text += " […]"
	}
	return paragraph(text)
}

// link is one entry of _links.
func link(href string) map[string]any { return map[string]any{"href": href} }

func embeddable(href string) map[string]any {
	return map[string]any{"embeddable": true, "href": href}
}

// curies is the compact-URI entry WordPress adds to every _links.
func curies() []any {
	return []any{map[string]any{"name": "wp", "href": "https://api.w.org/{rel}", "templated": true}}
}

// api returns the absolute address of a path under /wp-json/wp/v2/.
func (h *handler) api(path string) string { return h.BaseURL + "/wp-json/wp/v2/" + path }

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// avatarURLs points every size WordPress names at our own identicon for
// key (the picture is SVG, so one address serves every size): no reader's
// request ever goes to another host, and the key reveals no email.
func (h *handler) avatarURLs(key string) map[string]any {
	u := h.BaseURL + "/avatar/" + comments.AvatarKey(h.Secret, key) + ".svg"
	return map[string]any{"24": u, "48": u, "96": u}
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareFold orders text without regard to case.
func compareFold(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
