// Package search turns text and readers' queries into the tokens Warta's
// full-text search indexes and matches: words are split and normalised
// by Tokens, stemmed in Go (Indonesian by Snowball's Indonesian
// algorithm, English by Porter2), and queries are parsed into a Query
// that renders as a safe SQLite FTS5 MATCH expression or a PostgreSQL
// to_tsquery('simple', …) string.
//
// The stemming is done here, not in the databases, so that SQLite (which
// has no Indonesian stemmer) and PostgreSQL find exactly the same
// articles: both store the space-joined result of Terms and only match
// tokens. SQLite stores it in an FTS5 table (tokenize = 'unicode61
// remove_diacritics 0', so FTS5 keeps our tokens as they are) and
// matches Query.FTS5; PostgreSQL stores to_tsvector('simple', …) of it
// and matches to_tsquery('simple', Query.TSQuery()).
//
// Stop words are not dropped. Keeping every word keeps phrase positions
// exact and ranking the same in both databases, and a news index is
// small enough that "yang" and "the" cost little.
package search

import (
	"strings"

	"github.com/kljensen/snowball/english"
)

// Languages Stem knows; any other language code leaves words unstemmed.
const (
	Indonesian = "id"
	English    = "en"
)

// StemEnglish returns the Porter2 (Snowball English) stem of an English
// word, lower-cased. Stop words are stemmed like any word, as
// PostgreSQL's english_stem would if it kept them.
func StemEnglish(word string) string {
	return english.Stem(word, true)
}

// Stem returns the stem of word in the language lang ("id" or "en",
// optionally with a region such as "en-GB"). For any other language it
// returns word lower-cased, so search still works, without stemming.
func Stem(lang, word string) string {
	switch baseLang(lang) {
	case Indonesian:
		return StemIndonesian(word)
	case English:
		return StemEnglish(word)
	}
	return strings.ToLower(word)
}

// baseLang returns the primary subtag of a language code: "en-GB" → "en".
// "in" is the old ISO code for Indonesian, still sent by some systems.
func baseLang(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if lang == "in" {
		return Indonesian
	}
	return lang
}

// Terms returns the stemmed tokens of text in the language lang, in
// order: what an index stores for a document (joined with spaces).
func Terms(lang, text string) []string {
	return StemAll(lang, Tokens(text))
}

// StemAll returns the stems of tokens (from Tokens) in lang, in a new
// slice, so that a text tokenised once can be stemmed in two languages.
func StemAll(lang string, tokens []string) []string {
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = Stem(lang, t)
	}
	return out
}
