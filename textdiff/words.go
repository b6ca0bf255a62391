package textdiff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segment is a run of text in a word diff.
type Segment struct {
	Op   Op
	Text string
}

// Words returns the word diff that turns a into b, for showing what
// changed inside a paragraph. Words (runs of letters and digits), runs of
// spaces and single punctuation marks are compared whole; neighbouring
// segments with the same Op are merged, and in each changed stretch the
// deleted text comes before the inserted. Concatenating the Equal and
// Insert segments gives b ("\r\n" read as "\n"), Equal and Delete a.
func Words(a, b string) []Segment {
	at, bt := splitWords(a), splitWords(b)
	ids := map[string]int{}
	intern := func(toks []string) []int {
		out := make([]int, len(toks))
		for i, t := range toks {
			id, ok := ids[t]
			if !ok {
				id = len(ids)
				ids[t] = id
			}
			out[i] = id
		}
		return out
	}
	ops := diff(intern(at), intern(bt))
	var out []Segment
	add := func(op Op, text string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += text
			return
		}
		out = append(out, Segment{Op: op, Text: text})
	}
	i, j := 0, 0
	for _, op := range ops {
		switch op {
		case Equal:
			add(Equal, at[i])
			i, j = i+1, j+1
		case Delete:
			add(Delete, at[i])
			i++
		case Insert:
			add(Insert, bt[j])
			j++
		}
	}
	return out
}

// splitWords cuts s into words, runs of white space and single other
// characters, which concatenate back to s.
func splitWords(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var toks []string
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		end := size
		if class := runeClass(r); class != 0 {
			for end < len(s) {
				r, size := utf8.DecodeRuneInString(s[end:])
				if runeClass(r) != class {
					break
				}
				end += size
			}
		}
		toks = append(toks, s[:end])
		s = s[end:]
	}
	return toks
}

// runeClass is 1 for word characters, 2 for white space and 0 for the
// rest, which stand alone.
func runeClass(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return 1
	case unicode.IsSpace(r):
		return 2
	}
	return 0
}
