// Package i18n holds Warta's user-interface text in each language it
// speaks, and formats dates the way readers of that language expect.
//
// Every string a reader or editor sees comes from a catalogue here
// (id.json, en.json); templates ask for it by key with {{t "key"}}.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultLang is the language of a site that names none.
const DefaultLang = "id"

//go:embed *.json
var files embed.FS

// Catalog is the text of one language.
type Catalog struct {
	lang string
	msgs map[string]string
}

var catalogs = mustLoad()

// mustLoad reads every catalogue file. A language's text may be split
// over several files ("id.json", "id.admin.json"): the language is the
// name up to the first dot, and a key defined twice is a build mistake.
func mustLoad() map[string]*Catalog {
	entries, err := files.ReadDir(".")
	if err != nil {
		panic(err)
	}
	out := map[string]*Catalog{}
	for _, e := range entries {
		lang, _, _ := strings.Cut(e.Name(), ".")
		b, err := files.ReadFile(e.Name())
		if err != nil {
			panic(err)
		}
		var msgs map[string]string
		if err := json.Unmarshal(b, &msgs); err != nil {
			// A broken catalogue is a build mistake; fail at start, not on a page.
			panic(fmt.Sprintf("i18n: %s: %v", e.Name(), err))
		}
		c := out[lang]
		if c == nil {
			c = &Catalog{lang: lang, msgs: map[string]string{}}
			out[lang] = c
		}
		for k, v := range msgs {
			if _, dup := c.msgs[k]; dup {
				panic(fmt.Sprintf("i18n: %s defines %q, which another %s file defines too", e.Name(), k, lang))
			}
			c.msgs[k] = v
		}
	}
	return out
}

// Get returns the catalogue of lang ("id", "en"), and whether it exists.
func Get(lang string) (*Catalog, bool) {
	c, ok := catalogs[lang]
	return c, ok
}

// Langs returns the codes of every language Warta speaks, sorted.
func Langs() []string {
	var out []string
	for l := range catalogs {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Lang returns the catalogue's language code, as used in <html lang>.
func (c *Catalog) Lang() string { return c.lang }

// Keys returns every key of the catalogue, sorted.
func (c *Catalog) Keys() []string {
	var out []string
	for k := range c.msgs {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Has reports whether the catalogue has a text for key.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[key]
	return ok
}

// T returns the text for key, formatted with args as fmt.Sprintf does when
// args are given. A missing key comes back as the key itself, so a gap
// shows on the page instead of breaking it; a test keeps gaps out.
func (c *Catalog) T(key string, args ...any) string {
	s, ok := c.msgs[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// DateTime formats t in loc the way a news page shows it:
// "Rabu, 19 Juni 2024 14.05 WIB" in Indonesian,
// "Wednesday, 19 June 2024 14:05 WIB" in English.
func (c *Catalog) DateTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return fmt.Sprintf("%s, %s %s%s%s %s", c.weekday(t), c.Date(t, loc),
		twoDigits(t.Hour()), c.T("date.time_separator"), twoDigits(t.Minute()), t.Format("MST"))
}

// Date formats the day of t in loc: "19 Juni 2024", "19 June 2024".
func (c *Catalog) Date(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return fmt.Sprintf("%d %s %d", t.Day(), c.T("date.month."+strconv.Itoa(int(t.Month()))), t.Year())
}

func (c *Catalog) weekday(t time.Time) string {
	return c.T("date.weekday." + strconv.Itoa(int(t.Weekday())))
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
