package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits ParseQuery applies, so that a hostile query costs the database
// no more than a long honest one.
const (
	// MaxQueryChars is how many characters of a query are read; the
	// rest is ignored.
	MaxQueryChars = 500
	// MaxQueryTerms is how many terms a Query keeps.
	MaxQueryTerms = 64
)

// Query is a parsed search query: every positive term must match, and no
// excluded term may.
type Query struct {
	Terms []Term
}

// Term is one condition of a Query.
type Term struct {
	// Words are stemmed tokens; more than one is a phrase, whose words
	// must follow each other in this order.
	Words []string
	// Prefix makes the last word a prefix (word*). That word is the
	// lower-cased token as typed, not stemmed, since stemming a
	// fragment makes no sense; it matches indexed stems that start
	// with it.
	Prefix bool
	// Exclude makes the term one that must not match (-word, -"a b").
	Exclude bool
}

// operators are words that other search syntaxes treat as operators.
// Written in capitals they are dropped, so that "a OR b" searches a and
// b rather than the word "or"; in lower case they are ordinary words.
var operators = map[string]bool{"AND": true, "OR": true, "NOT": true, "NEAR": true}

// ParseQuery parses a reader's query in the language lang. It never
// fails: it understands "quoted phrases", -exclusions (of words and
// phrases) and prefixes (word*, at least two characters before the
// star), and reads everything else as words, so operators of other
// syntaxes (NEAR, :, (, ), ^, +), unbalanced quotes and SQL are just
// words or separators. Invalid UTF-8 is replaced, and the query is cut
// to MaxQueryChars characters and MaxQueryTerms terms.
//
// A word that Tokens splits (covid-19, kerjasama, rp10.000) becomes a
// phrase, so it matches the same spelling in the text.
func ParseQuery(lang, q string) Query {
	q = strings.ToValidUTF8(q, "\uFFFD")
	if utf8.RuneCountInString(q) > MaxQueryChars {
		n := 0
		for i := range q {
			if n == MaxQueryChars {
				q = q[:i]
				break
			}
			n++
		}
	}
	p := queryParser{lang: lang, seen: map[string]bool{}}
	for i := 0; i < len(q) && len(p.terms) < MaxQueryTerms; {
		r, n := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		exclude := false
		if q[i] == '-' {
			j := i
			for j < len(q) && q[j] == '-' {
				j++
			}
			// A lone or trailing dash excludes nothing.
			if j < len(q) {
				r, _ := utf8.DecodeRuneInString(q[j:])
				exclude = !unicode.IsSpace(r)
			}
			i = j
			if !exclude {
				continue
			}
		}
		if q[i] == '"' {
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				// An unbalanced quote is ignored; what follows is words.
				i++
				continue
			}
			phrase := q[i+1 : i+1+end]
			i += end + 2
			prefix := false
			for i < len(q) && q[i] == '*' {
				prefix = true
				i++
			}
			p.add(phrase, prefix, exclude)
			continue
		}
		j := i
		for j < len(q) && q[j] != '"' {
			r, n := utf8.DecodeRuneInString(q[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		chunk := q[i:j]
		i = j
		if operators[strings.TrimFunc(chunk, func(r rune) bool { return !unicode.IsLetter(r) })] && strings.ToUpper(chunk) == chunk {
			continue
		}
		p.add(chunk, strings.HasSuffix(chunk, "*"), exclude)
	}
	return Query{Terms: p.terms}
}

// queryParser collects the terms of a query, dropping repeats.
type queryParser struct {
	lang  string
	terms []Term
	seen  map[string]bool
}

// add adds the term that text makes, if it has any words.
func (p *queryParser) add(text string, prefix, exclude bool) {
	toks := Tokens(text)
	if len(toks) == 0 {
		return
	}
	last := len(toks) - 1
	if prefix && utf8.RuneCountInString(toks[last]) < 2 {
		// A one-letter prefix would match a large part of the index.
		prefix = false
	}
	t := Term{Words: make([]string, len(toks)), Prefix: prefix, Exclude: exclude}
	for i, tok := range toks {
		if prefix && i == last {
			t.Words[i] = tok
		} else {
			t.Words[i] = Stem(p.lang, tok)
		}
	}
	key := strings.Join(t.Words, " ")
	if prefix {
		key += "*"
	}
	if exclude {
		key = "-" + key
	}
	if p.seen[key] {
		return
	}
	p.seen[key] = true
	p.terms = append(p.terms, t)
}

// Empty reports whether q has no positive term: such a query matches
// nothing useful (exclusions alone would match nearly everything), so
// callers show no results, and FTS5 and TSQuery return "".
func (q Query) Empty() bool {
	for _, t := range q.Terms {
		if !t.Exclude {
			return false
		}
	}
	return true
}

// FTS5 returns q as an SQLite FTS5 MATCH expression over an index of
// Terms, or "" when q is Empty. Every word is double-quoted (with
// quotes doubled, though tokens never hold one), so no word can be read
// as an operator or column filter, and the positive terms come first
// because FTS5 needs one before NOT: the result cannot be a syntax error.
//
//	kerja "sama rata" ban* -korupsi → "kerja" "sama rata" "ban"* NOT "korupsi"
func (q Query) FTS5() string {
	if q.Empty() {
		return ""
	}
	var pos, neg []string
	for _, t := range q.Terms {
		s := `"` + strings.ReplaceAll(strings.Join(t.Words, " "), `"`, `""`) + `"`
		if t.Prefix {
			s += "*"
		}
		if t.Exclude {
			neg = append(neg, s)
		} else {
			pos = append(pos, s)
		}
	}
	expr := strings.Join(pos, " ")
	if len(neg) > 0 {
		// NOT binds tighter than the implicit AND, so the positive part
		// is grouped: (a b) NOT c NOT d.
		expr = "(" + expr + ") NOT " + strings.Join(neg, " NOT ")
	}
	return expr
}

// TSQuery returns q as a PostgreSQL tsquery for to_tsquery('simple', …)
// over an index of Terms, or "" when q is Empty. Every word is a quoted
// lexeme (quotes doubled and backslashes escaped, though tokens never
// hold one), phrases use <->, prefixes :*, exclusions !, all joined
// with &.
//
//	kerja "sama rata" ban* -korupsi → 'kerja' & ('sama' <-> 'rata') & 'ban':* & !'korupsi'
func (q Query) TSQuery() string {
	if q.Empty() {
		return ""
	}
	var pos, neg []string
	for _, t := range q.Terms {
		words := make([]string, len(t.Words))
		for i, w := range t.Words {
			w = strings.ReplaceAll(w, `\`, `\\`)
			words[i] = "'" + strings.ReplaceAll(w, "'", "''") + "'"
		}
		if t.Prefix {
			words[len(words)-1] += ":*"
		}
		s := words[0]
		if len(words) > 1 {
			s = "(" + strings.Join(words, " <-> ") + ")"
		}
		if t.Exclude {
			neg = append(neg, "!"+s)
		} else {
			pos = append(pos, s)
		}
	}
	return strings.Join(append(pos, neg...), " & ")
}
