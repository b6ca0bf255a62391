// Package slug makes URL slugs from headlines and names: lower-case ASCII
// letters and digits joined by hyphens, as warta.ValidSlug wants.
//
// Indonesian is mostly plain ASCII already, but names and loanwords are
// not ("Café Sẽ Đến", "Łódź", "Şişli"), and a newsroom's archive holds
// them all. Accented Latin letters lose their marks (by Unicode
// decomposition), and the letters that do not decompose are spelled the
// way their languages spell them in ASCII.
package slug

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"warta"
)

// spelled are Latin letters with no decomposition into a base letter and
// marks, written as ASCII the way their languages do.
var spelled = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th",
	'ł': "l", 'ı': "i", 'ħ': "h", 'ŋ': "ng", 'ŧ': "t", 'ĸ': "k", 'ŀ': "l", 'ſ': "s",
	'&': " dan ",
}

// Make turns s into a slug: "Harga Beras Naik 5%" becomes
// "harga-beras-naik-5", "Phở Hà Nội" becomes "pho-ha-noi". It returns ""
// when nothing usable is left (a headline of only symbols or of a
// non-Latin script); callers then ask the person for one.
func Make(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue // the accent of the letter before
		}
		if sp, ok := spelled[r]; ok {
			for _, x := range sp {
				hyphen = write(&b, x, hyphen)
			}
			continue
		}
		hyphen = write(&b, r, hyphen)
		if b.Len() >= warta.MaxSlugLen {
			break
		}
	}
	out := b.String()
	if len(out) > warta.MaxSlugLen {
		out = out[:warta.MaxSlugLen]
	}
	return strings.Trim(out, "-")
}

// write adds r if it is a letter or digit, and remembers a gap otherwise,
// so that runs of anything else become one hyphen.
func write(b *strings.Builder, r rune, hyphen bool) bool {
	if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
		return false
	}
	return true
}

// Nth returns the n-th candidate for a slug when base is taken: base
// itself for n ≤ 1, then base-2, base-3…, shortened so the suffix fits.
func Nth(base string, n int) string {
	if n <= 1 {
		return base
	}
	suffix := "-" + strconv.Itoa(n)
	s := strings.TrimRight(base[:min(len(base), warta.MaxSlugLen-len(suffix))], "-")
	return s + suffix
}
