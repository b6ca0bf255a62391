package search

import (
	"strings"
	"unicode/utf8"
)

// StemIndonesian returns the stem of an Indonesian word by Snowball's
// Indonesian algorithm (Fadillah Tala's dictionary-free stemmer, as
// published on the Snowball site and shipped in PostgreSQL as
// indonesian_stem). It is deliberately the same algorithm, not a better
// one: SQLite has no Indonesian stemmer, so both databases index the
// tokens this function makes, and a test checks it word for word
// against PostgreSQL's.
//
// The word is lower-cased; it should be one token as Tokens returns it.
func StemIndonesian(word string) string {
	s := idStemmer{w: strings.ToLower(word)}
	s.stem()
	return s.w
}

// idStemmer holds the state of the Snowball program: the word, the
// "measure" (its number of vowels, kept up to date as affixes go), the
// kind of first- or second-order prefix removed, and the cursor, which
// matters because a prefix that is rewritten (meny- → s-) leaves the
// cursor after the new letter, so a second-order prefix is then looked
// for after it, never at the start of the word.
type idStemmer struct {
	w       string
	measure int
	// prefix is the kind of prefix removed, which decides which
	// derivational suffix may go: 0 none, 1 di-/meng-/ter-, 2 per-,
	// 3 ke-/peng-, 4 ber-.
	prefix int
	cursor int
}

func isIDVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func (s *idStemmer) stem() {
	for i := 0; i < len(s.w); i++ {
		if isIDVowel(s.w[i]) {
			s.measure++
		}
	}
	// Every step needs more than two vowels left, so short words stay.
	if s.measure <= 2 {
		return
	}
	s.removeEnding("kah", "lah", "pun")
	if s.measure <= 2 {
		return
	}
	s.removeEnding("ku", "mu", "nya")
	if s.measure <= 2 {
		return
	}
	if s.removeFirstOrderPrefix() {
		// The algorithm removes a second-order prefix after a
		// first-order one only when a suffix went too
		// (memperhatikan → hati, but memperbesar → besar needs none).
		if s.measure > 2 && s.removeSuffix() && s.measure > 2 {
			s.removeSecondOrderPrefix()
		}
		return
	}
	s.removeSecondOrderPrefix()
	if s.measure > 2 {
		s.removeSuffix()
	}
}

// removeEnding removes the first of endings the word ends with (the
// particles and possessive pronouns have no conditions).
func (s *idStemmer) removeEnding(endings ...string) {
	for _, e := range endings {
		if strings.HasSuffix(s.w, e) && len(s.w)-len(e) >= s.cursor {
			s.w = s.w[:len(s.w)-len(e)]
			s.measure--
			return
		}
	}
}

// replacePrefix replaces the first n bytes from the cursor with repl,
// leaving the cursor after repl, as Snowball's slice replacement does.
func (s *idStemmer) replacePrefix(n int, repl string) {
	s.w = s.w[:s.cursor] + repl + s.w[s.cursor+n:]
	s.cursor += len(repl)
	s.measure--
}

// vowelAt reports whether the byte at i is a vowel.
func (s *idStemmer) vowelAt(i int) bool {
	return i < len(s.w) && isIDVowel(s.w[i])
}

// removeFirstOrderPrefix removes di-, ter-, ke- or a nasal prefix
// (meng-, meny-, men-, mem-, me-, peng-, peny-, pen-, pem-). Like
// Snowball's among, it tries the longest matching prefix first and falls
// back to a shorter one when a condition fails (meny- not before a
// vowel is men-).
func (s *idStemmer) removeFirstOrderPrefix() bool {
	rest := s.w[s.cursor:]
	switch {
	case strings.HasPrefix(rest, "meng"):
		s.prefix = 1
		s.replacePrefix(4, "")
	case strings.HasPrefix(rest, "meny") && s.vowelAt(s.cursor+4):
		// menyapu → sapu: the nasal replaced an initial s.
		s.prefix = 1
		s.replacePrefix(4, "s")
	case strings.HasPrefix(rest, "men"):
		s.prefix = 1
		s.replacePrefix(3, "")
	case strings.HasPrefix(rest, "mem"):
		// memakai → pakai: before a vowel the nasal replaced a p.
		s.prefix = 1
		if s.vowelAt(s.cursor + 3) {
			s.replacePrefix(3, "p")
		} else {
			s.replacePrefix(3, "")
		}
	case strings.HasPrefix(rest, "me"), strings.HasPrefix(rest, "di"):
		s.prefix = 1
		s.replacePrefix(2, "")
	case strings.HasPrefix(rest, "ter"):
		s.prefix = 1
		s.replacePrefix(3, "")
	case strings.HasPrefix(rest, "peng"):
		s.prefix = 3
		s.replacePrefix(4, "")
	case strings.HasPrefix(rest, "peny") && s.vowelAt(s.cursor+4):
		s.prefix = 3
		s.replacePrefix(4, "s")
	case strings.HasPrefix(rest, "pen"):
		s.prefix = 3
		s.replacePrefix(3, "")
	case strings.HasPrefix(rest, "pem"):
		s.prefix = 3
		if s.vowelAt(s.cursor + 3) {
			s.replacePrefix(3, "p")
		} else {
			s.replacePrefix(3, "")
		}
	case strings.HasPrefix(rest, "ke"):
		s.prefix = 3
		s.replacePrefix(2, "")
	default:
		return false
	}
	return true
}

// removeSecondOrderPrefix removes per-, pe-, ber- or be- (the latter
// only in be-C-er-, as in bekerja), with belajar and pelajar → ajar.
func (s *idStemmer) removeSecondOrderPrefix() bool {
	rest := s.w[s.cursor:]
	switch {
	case strings.HasPrefix(rest, "pelajar"):
		// Snowball leaves the prefix kind alone here.
		s.replacePrefix(7, "ajar")
	case strings.HasPrefix(rest, "per"):
		s.prefix = 2
		s.replacePrefix(3, "")
	case strings.HasPrefix(rest, "pe"):
		s.prefix = 2
		s.replacePrefix(2, "")
	case strings.HasPrefix(rest, "belajar"):
		s.prefix = 4
		s.replacePrefix(7, "ajar")
	case strings.HasPrefix(rest, "ber"):
		s.prefix = 4
		s.replacePrefix(3, "")
	case strings.HasPrefix(rest, "be") && s.ker(s.cursor+2):
		s.prefix = 4
		s.replacePrefix(2, "")
	default:
		return false
	}
	return true
}

// ker reports whether a consonant followed by "er" starts at i.
func (s *idStemmer) ker(i int) bool {
	if i >= len(s.w) || isIDVowel(s.w[i]) {
		return false
	}
	_, n := utf8.DecodeRuneInString(s.w[i:])
	return strings.HasPrefix(s.w[i+n:], "er")
}

// removeSuffix removes the derivational suffix -kan, -an or -i when the
// prefix already removed allows it: not -kan after ke-/peng-/per-, not
// -an after di-/meng-/ter-, not -i after ke-/peng-/ber- nor after an s
// (informasi keeps its i). A -kan that is not allowed may still go as
// -an, as in Snowball's among.
func (s *idStemmer) removeSuffix() bool {
	w, lb := s.w, s.cursor
	fits := func(suffix string) bool {
		return strings.HasSuffix(w, suffix) && len(w)-len(suffix) >= lb
	}
	var n int
	switch {
	case fits("kan") && s.prefix != 3 && s.prefix != 2:
		n = 3
	case fits("an") && s.prefix != 1:
		n = 2
	case fits("i") && s.prefix <= 2 && !(len(w)-1 > lb && w[len(w)-2] == 's'):
		n = 1
	default:
		return false
	}
	s.w = w[:len(w)-n]
	s.measure--
	return true
}
