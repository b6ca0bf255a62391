package search

import (
	"html"
	"strings"
	"unicode/utf8"
)

// Highlight returns an HTML snippet of text around the first word that
// matches q, with every matching word wrapped in <mark>…</mark>. A word
// matches when its stem in the language lang is one of the words of q's
// positive terms, or starts with one of its prefixes, so the query
// "bantu" marks "membantu" and "bantuan". Everything but the marks is
// HTML-escaped: the result is safe to use as template.HTML.
//
// The snippet is at most maxLen characters of text (counting the "…"
// that marks a cut end, not the markup), cut at word boundaries where it
// can be; maxLen <= 0 means the whole text. Without a match it is the
// start of the text.
func Highlight(text string, q Query, lang string, maxLen int) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	stems := map[string]bool{}
	var prefixes []string
	for _, t := range q.Terms {
		if t.Exclude {
			continue
		}
		for i, w := range t.Words {
			if t.Prefix && i == len(t.Words)-1 {
				prefixes = append(prefixes, w)
			} else {
				stems[w] = true
			}
		}
	}
	// A snippet needs the words up to maxLen characters past the first
	// match, not the whole text: scanning (and normalising) a long body
	// for each search result was most of a search page's time. Once a
	// match is found, scanning stops at cut, the byte offset of the
	// character maxLen+1 past the match's start; the window then sees
	// text[:cut], which is longer than any window it can pick.
	var spans []wordSpan
	var marked []bool
	first, cut := -1, len(text)
	stemOf := map[string]string{} // texts repeat words; stem each once
	scanFunc(text, func(sp wordSpan) bool {
		if first >= 0 && sp.start >= cut {
			return false
		}
		mark := false
		for _, w := range sp.words {
			st, ok := stemOf[w]
			if !ok {
				st = Stem(lang, w)
				stemOf[w] = st
			}
			if stems[st] || hasAnyPrefix(w, prefixes) {
				mark = true
			}
		}
		spans = append(spans, sp)
		marked = append(marked, mark)
		if mark && first < 0 {
			first = len(spans) - 1
			if maxLen > 0 {
				cut = runeOffset(text, sp.start, maxLen+1)
			}
		}
		return true
	})

	start, end := 0, len(text)
	total := utf8.RuneCountInString(text)
	if maxLen > 0 && total > maxLen {
		if maxLen < 3 {
			// No room for a cut mark and a word: just the first runes.
			return html.EscapeString(string([]rune(text)[:maxLen]))
		}
		start, end = window(text[:cut], spans, first, maxLen)
	}

	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for i, sp := range spans {
		if !marked[i] || sp.end <= start || sp.start >= end {
			continue
		}
		s, e := max(sp.start, start), min(sp.end, end)
		b.WriteString(html.EscapeString(text[pos:s]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s:e]))
		b.WriteString("</mark>")
		pos = e
	}
	b.WriteString(html.EscapeString(text[pos:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// runeOffset is the byte offset n characters after byte offset from in
// text, or len(text) when the text ends before.
func runeOffset(text string, from, n int) int {
	i := from
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i
}

// hasAnyPrefix reports whether w starts with one of prefixes.
func hasAnyPrefix(w string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// window returns the byte range of text to show in at most maxLen
// characters (maxLen >= 3, less than the text's length) including the
// "…" at each cut end: starting a little before the span first (or at
// the start of the text when first < 0), on word boundaries where
// possible.
func window(text string, spans []wordSpan, first, maxLen int) (start, end int) {
	// offs[i] is the byte offset of rune i; offs[len(runes)] = len(text).
	offs := make([]int, 0, len(text)+1)
	for i := range text {
		offs = append(offs, i)
	}
	total := len(offs)
	offs = append(offs, len(text))
	runeAt := func(byteOff int) int { // index of the rune starting at byteOff
		lo, hi := 0, total
		for lo < hi {
			mid := (lo + hi) / 2
			if offs[mid] < byteOff {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return lo
	}

	s := 0
	if first >= 0 {
		// Some context before the match, but the match itself first.
		m := runeAt(spans[first].start)
		if m > maxLen/3 {
			s = m - maxLen/3
			// Begin on a word: the first one starting at or after s.
			for _, sp := range spans {
				if r := runeAt(sp.start); r >= s {
					s = min(r, m)
					break
				}
			}
		}
	}
	lead := 0
	if s > 0 {
		lead = 1
	}
	if s+maxLen-lead >= total {
		// The rest of the text fits: use the room for more context
		// before the match.
		if s > 0 {
			s2 := total - (maxLen - 1)
			for _, sp := range spans {
				if r := runeAt(sp.start); r >= s2 {
					s = min(r, s)
					break
				}
			}
		}
		return offs[s], len(text)
	}
	e := s + maxLen - lead - 1 // room for the trailing "…"
	// End on a word: the end of the last word that fits, if any does.
	best := -1
	for _, sp := range spans {
		r0, r1 := runeAt(sp.start), runeAt(sp.end)
		if r0 < s {
			continue
		}
		if r1 > e {
			break
		}
		best = r1
	}
	if best > s {
		e = best
	}
	return offs[s], offs[e]
}
