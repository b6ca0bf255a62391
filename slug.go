package warta

import (
	"strings"
	"unicode/utf8"
)

// ValidSlug reports whether s can be used in a URL as it is: lower-case
// ASCII letters and digits in groups joined by single hyphens, at most
// MaxSlugLen bytes.
func ValidSlug(s string) bool {
	if s == "" || len(s) > MaxSlugLen || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// latinFold maps the accented letters that turn up in Indonesian and
// English headlines (loanwords, names) to their plain forms.
var latinFold = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i",
	"ò", "o", "ó", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o",
	"ù", "u", "ú", "u", "û", "u", "ü", "u",
	"ñ", "n", "ç", "c", "ß", "ss", "æ", "ae", "œ", "oe", "ý", "y", "ÿ", "y",
	"&", " dan ",
)

// Slugify turns a headline or name into a valid slug: "Harga Beras Naik 5%"
// becomes "harga-beras-naik-5". It returns "" when nothing usable is left.
func Slugify(s string) string {
	s = latinFold.Replace(strings.ToLower(s))
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
		if b.Len() >= MaxSlugLen {
			break
		}
	}
	out := b.String()
	if len(out) > MaxSlugLen {
		out = out[:MaxSlugLen]
	}
	out = strings.Trim(out, "-")
	if !utf8.ValidString(out) {
		return ""
	}
	return out
}
