package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// compounds are common Indonesian closed compounds that newspapers write
// both apart and together. Tokens turns either spelling into the same
// three tokens (first half, second half, joined), so a search for either
// spelling finds both. The list is short on purpose: only pairs whose
// halves next to each other almost always mean the compound.
// Affixed forms (bekerja sama, ditandatangani) are not included: their
// spellings vary too much to list safely.
var compounds = [][2]string{
	{"kerja", "sama"},     // kerjasama
	{"tanda", "tangan"},   // tandatangan
	{"tanggung", "jawab"}, // tanggungjawab
	{"terima", "kasih"},   // terimakasih
	{"sepak", "bola"},     // sepakbola
	{"olah", "raga"},      // olahraga
	{"ibu", "kota"},       // ibukota
	{"orang", "tua"},      // orangtua
	{"lalu", "lintas"},    // lalulintas
	{"beri", "tahu"},      // beritahu
	{"tata", "kelola"},    // tatakelola
	{"kaca", "mata"},      // kacamata
}

// Compounds returns the compound list Tokens uses, as "first second"
// pairs, for documentation and tests.
func Compounds() [][2]string {
	return append([][2]string(nil), compounds...)
}

var (
	compoundByHalves = map[[2]string]bool{}
	compoundByJoined = map[string][2]string{}
)

func init() {
	for _, c := range compounds {
		compoundByHalves[c] = true
		compoundByJoined[c[0]+c[1]] = c
	}
}

// Tokens returns the lower-cased words of text: runs of letters and
// digits in any script, with accents removed (é → e, by NFKD without the
// combining marks), split on everything else. Two spellings get special
// care so that a search matches however a writer spelled a word:
//
//   - A hyphenated reduplication is its base: "anak-anak" → "anak",
//     "berlari-lari" → "berlari", "buah-buahan" → "buahan". Other
//     hyphenated words are split: "covid-19" → "covid", "19".
//   - A compound on the list in Compounds, apart or together, becomes
//     its two halves then the joined form: "kerja sama" and "kerjasama"
//     both → "kerja", "sama", "kerjasama".
func Tokens(text string) []string {
	spans := scan(text)
	var toks []string
	joinable := false // whether toks' last word and the next are apart by only spaces or a hyphen
	for i := 0; i < len(spans); i++ {
		sp := spans[i]
		if len(sp.words) == 1 && i+1 < len(spans) && len(spans[i+1].words) == 1 && isHyphen(text[sp.end:spans[i+1].start]) {
			a, b := sp.words[0], spans[i+1].words[0]
			if base, ok := reduplication(a, b); ok {
				i++
				toks = appendToken(toks, base, joinable)
				joinable = i+1 < len(spans) && isJoiner(text[spans[i].end:spans[i+1].start])
				continue
			}
		}
		for j, w := range sp.words {
			toks = appendToken(toks, w, joinable && j == 0)
		}
		joinable = i+1 < len(spans) && isJoiner(text[sp.end:spans[i+1].start])
	}
	return toks
}

// appendToken appends w to toks, expanding compounds: a joined compound
// becomes its halves and itself, and a second half that follows its
// first half across only spaces or a hyphen adds the joined form.
func appendToken(toks []string, w string, joinable bool) []string {
	if c, ok := compoundByJoined[w]; ok {
		return append(toks, c[0], c[1], w)
	}
	if joinable && len(toks) > 0 && compoundByHalves[[2]string{toks[len(toks)-1], w}] {
		// A joined form just added would be the last token, never a first
		// half, so "kerjasama sama" is not expanded twice.
		return append(toks, w, toks[len(toks)-1]+w)
	}
	return append(toks, w)
}

// reduplication reports whether a-b is a reduplication and returns the
// word to index for it: the longer half, which carries any affix, so it
// stems to the base.
func reduplication(a, b string) (string, bool) {
	switch {
	case a == b:
		return a, true
	case strings.HasSuffix(a, b): // berlari-lari
		return a, true
	case strings.HasPrefix(b, a): // buah-buahan, anak-anaknya
		return b, true
	}
	return "", false
}

// isHyphen reports whether sep is one hyphen (ASCII or Unicode).
func isHyphen(sep string) bool {
	switch sep {
	case "-", "\u2010", "\u2011":
		return true
	}
	return false
}

// isJoiner reports whether sep, between two words, can join the halves
// of a compound: white space only ("kerja sama") or a hyphen
// ("kerja-sama"), but not punctuation ("kerja. Sama").
func isJoiner(sep string) bool {
	return isHyphen(sep) || sep != "" && strings.TrimSpace(sep) == ""
}

// wordSpan is a run of word characters in the original text, with the
// normalised words it holds (usually one; NFKD can split a run, as in
// "½" → "1", "2").
type wordSpan struct {
	start, end int // byte offsets into the text
	words      []string
}

// isWordRune reports whether r belongs to a word before normalisation.
// Marks are included so that a letter and its combining accent stay
// together.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// scan returns the word runs of text with their normalised words.
// Invalid UTF-8 bytes separate words.
func scan(text string) []wordSpan {
	var spans []wordSpan
	scanFunc(text, func(sp wordSpan) bool {
		spans = append(spans, sp)
		return true
	})
	return spans
}

// scanFunc calls yield with each word run of text in order, as scan
// returns them, until yield returns false.
func scanFunc(text string, yield func(wordSpan) bool) {
	start := -1
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		word := isWordRune(r) && !(r == utf8.RuneError && n == 1)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			if words := normalize(text[start:i]); len(words) > 0 && !yield(wordSpan{start: start, end: i, words: words}) {
				return
			}
			start = -1
		}
		i += n
	}
	if start >= 0 {
		if words := normalize(text[start:]); len(words) > 0 {
			yield(wordSpan{start: start, end: len(text), words: words})
		}
	}
}

// normalize lower-cases s, decomposes it (NFKD: é → e + ◌́, ﬁ → fi),
// drops the non-spacing and enclosing marks that are accents, and splits
// what remains into words of letters, digits and spacing marks (which
// scripts such as Devanagari need inside words).
func normalize(s string) []string {
	if w, ok := asciiWord(s); ok {
		return []string{w}
	}
	var words []string
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
			// An accent: dropped.
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mc, r):
			b.WriteRune(unicode.ToLower(r))
		default:
			if b.Len() > 0 {
				words = append(words, b.String())
				b.Reset()
			}
		}
	}
	if b.Len() > 0 {
		words = append(words, b.String())
	}
	return words
}

// asciiWord is normalize's fast path for the common case, a run of ASCII
// letters and digits: one word, lower-cased, and no Unicode tables.
func asciiWord(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "", false
		}
	}
	return strings.ToLower(s), true
}
