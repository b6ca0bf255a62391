package wxr

import (
	"strings"
	"time"
)

// dateLayouts are the forms dates take in exports found in the wild:
// WordPress's own "2006-01-02 15:04:05", with a T, without seconds, a
// bare date, and the RFC 1123 of <pubDate>.
var dateLayouts = []string{
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
}

// parseDate reads a date in loc (used when the text names no zone). The
// zero time and false mean no date: empty, WordPress's
// "0000-00-00 00:00:00" for "never", or a form we do not know.
func parseDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "0000-00-00") {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			if t.Year() < 1900 || t.Year() > 2999 {
				return time.Time{}, false
			}
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
