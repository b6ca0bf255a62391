package textdiff_test

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"warta/textdiff"
)

// apply joins the Text of the lines whose Op is keep or Equal.
func apply(lines []textdiff.Line, keep textdiff.Op) string {
	var out []string
	for _, l := range lines {
		if l.Op == textdiff.Equal || l.Op == keep {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "\n")
}

// MustRoundTrip fails unless diff reproduces both texts and numbers its
// lines consecutively on each side.
func MustRoundTrip(tb testing.TB, a, b string, lines []textdiff.Line) {
	tb.Helper()
	norm := func(s string) string { return strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n") }
	if got, want := apply(lines, textdiff.Insert), norm(b); got != want {
		tb.Fatalf("Equal+Insert = %q, want %q (a = %q)", got, want, a)
	}
	if got, want := apply(lines, textdiff.Delete), norm(a); got != want {
		tb.Fatalf("Equal+Delete = %q, want %q (b = %q)", got, want, b)
	}
	na, nb := 0, 0
	for _, l := range lines {
		wantA, wantB := 0, 0
		if l.Op != textdiff.Insert {
			na++
			wantA = na
		}
		if l.Op != textdiff.Delete {
			nb++
			wantB = nb
		}
		if l.A != wantA || l.B != wantB {
			tb.Fatalf("line %+v: want A=%d B=%d", l, wantA, wantB)
		}
	}
}

// ops renders a diff compactly: " x" for equal, "+x" insert, "-x" delete.
func ops(lines []textdiff.Line) []string {
	out := []string{}
	for _, l := range lines {
		out = append(out, map[textdiff.Op]string{textdiff.Equal: " ", textdiff.Insert: "+", textdiff.Delete: "-"}[l.Op]+l.Text)
	}
	return out
}

func TestLines(t *testing.T) {
	for _, tt := range []struct {
		name string
		a, b string
		want []string
	}{
		{"identical", "a\nb\nc\n", "a\nb\nc\n", []string{" a", " b", " c"}},
		{"both empty", "", "", []string{}},
		{"empty old", "", "a\nb", []string{"+a", "+b"}},
		{"empty new", "a\nb\n", "", []string{"-a", "-b"}},
		{"insert at start", "b\nc", "a\nb\nc", []string{"+a", " b", " c"}},
		{"insert in the middle", "a\nc", "a\nb\nc", []string{" a", "+b", " c"}},
		{"insert at end", "a\nb", "a\nb\nc", []string{" a", " b", "+c"}},
		{"delete at start", "a\nb\nc", "b\nc", []string{"-a", " b", " c"}},
		{"delete in the middle", "a\nb\nc", "a\nc", []string{" a", "-b", " c"}},
		{"delete at end", "a\nb\nc", "a\nb", []string{" a", " b", "-c"}},
		{"change in the middle", "a\nb\nc\nd", "a\nB\nC\nd", []string{" a", "-b", "-c", "+B", "+C", " d"}},
		{"crlf is lf", "a\r\nb\r\n", "a\nb\n", []string{" a", " b"}},
		{"final newline ignored", "a\nb", "a\nb\n", []string{" a", " b"}},
		{"blank lines", "a\n\nb\n", "a\nb\n\n", []string{" a", "-", " b", "+"}},
		{"all different", "a\nb", "c\nd", []string{"-a", "-b", "+c", "+d"}},
		{
			"indonesian",
			"Banjir rob merendam pesisir utara Jakarta.\nWarga mengungsi ke masjid terdekat.\nBPBD mencatat 120 rumah terdampak.",
			"Banjir rob merendam pesisir utara Jakarta.\nRibuan warga mengungsi ke masjid dan sekolah.\nBPBD mencatat 120 rumah terdampak.\nRalat: judul diperbaiki.",
			[]string{
				" Banjir rob merendam pesisir utara Jakarta.",
				"-Warga mengungsi ke masjid terdekat.",
				"+Ribuan warga mengungsi ke masjid dan sekolah.",
				" BPBD mencatat 120 rumah terdampak.",
				"+Ralat: judul diperbaiki.",
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines := textdiff.Lines(tt.a, tt.b)
			if got := ops(lines); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
			MustRoundTrip(t, tt.a, tt.b, lines)
		})
	}
}

func TestLines_Numbers(t *testing.T) {
	got := textdiff.Lines("a\nb\nc\nd", "a\nx\nc\nd\ne")
	want := []textdiff.Line{
		{Op: textdiff.Equal, Text: "a", A: 1, B: 1},
		{Op: textdiff.Delete, Text: "b", A: 2},
		{Op: textdiff.Insert, Text: "x", B: 2},
		{Op: textdiff.Equal, Text: "c", A: 3, B: 3},
		{Op: textdiff.Equal, Text: "d", A: 4, B: 4},
		{Op: textdiff.Insert, Text: "e", B: 5},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// randomText builds a text of up to n lines from a small alphabet, so that
// equal lines are common and the diff has work to do.
func randomText(rng *rand.Rand, n int) string {
	words := []string{"a", "b", "c", "d", "", "banjir", "rob"}
	lines := make([]string, rng.Intn(n+1))
	for i := range lines {
		lines[i] = words[rng.Intn(len(words))]
	}
	s := strings.Join(lines, "\n")
	if rng.Intn(2) == 0 && s != "" {
		s += "\n"
	}
	return s
}

// mutate edits a text a little, so that a and b share most lines.
func mutate(rng *rand.Rand, s string) string {
	lines := strings.Split(s, "\n")
	for range rng.Intn(5) {
		i := rng.Intn(len(lines) + 1)
		switch rng.Intn(3) {
		case 0:
			lines = append(lines[:i], append([]string{"new"}, lines[i:]...)...)
		case 1:
			if i < len(lines) {
				lines = append(lines[:i], lines[i+1:]...)
			}
		case 2:
			if i < len(lines) {
				lines[i] = "changed"
			}
		}
	}
	return strings.Join(lines, "\n")
}

// lcs is the length of the longest common subsequence of the lines of a
// and b, by the textbook table.
func lcs(a, b string) int {
	split := func(s string) []string {
		if s = strings.TrimSuffix(s, "\n"); s == "" {
			return nil
		}
		return strings.Split(s, "\n")
	}
	x, y := split(a), split(b)
	t := make([][]int, len(x)+1)
	for i := range t {
		t[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t[0][0]
}

func TestLines_Property(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := range 500 {
		a := randomText(rng, 30)
		b := randomText(rng, 30)
		if i%2 == 0 {
			b = mutate(rng, a)
		}
		lines := textdiff.Lines(a, b)
		MustRoundTrip(t, a, b, lines)
		equal := 0
		for _, l := range lines {
			if l.Op == textdiff.Equal {
				equal++
			}
		}
		if want := lcs(a, b); equal != want { // Myers' script is a shortest one
			t.Fatalf("%d equal lines, want the LCS %d: %q → %q", equal, want, a, b)
		}
		if i%2 == 0 { // a small edit gives a small diff
			changed := 0
			for _, l := range lines {
				if l.Op != textdiff.Equal {
					changed++
				}
			}
			if changed > 10 {
				t.Fatalf("%d changed lines for at most 5 edits: %q → %q", changed, a, b)
			}
		}
	}
}

func TestLines_Large(t *testing.T) {
	var a, b, c []string
	for i := range 10000 {
		a = append(a, "baris "+strings.Repeat("x", i%7)+string(rune('a'+i%26)))
		b = append(b, a[i])
		if i%100 == 50 {
			b[i] = "diubah"
		}
		c = append(c, "lain "+string(rune('a'+i%26)))
	}
	// A few hundred changes in 10,000 lines: a real, minimal diff.
	lines := textdiff.Lines(strings.Join(a, "\n"), strings.Join(b, "\n"))
	MustRoundTrip(t, strings.Join(a, "\n"), strings.Join(b, "\n"), lines)
	if got, want := len(lines), 10000+100; got != want {
		t.Errorf("len = %d, want %d", got, want)
	}
	// Two unrelated texts: past MaxEdits, everything out and everything in.
	lines = textdiff.Lines(strings.Join(a, "\n"), strings.Join(c, "\n"))
	MustRoundTrip(t, strings.Join(a, "\n"), strings.Join(c, "\n"), lines)
	if got, want := len(lines), 20000; got != want {
		t.Errorf("len = %d, want %d", got, want)
	}
}

func TestWords(t *testing.T) {
	seg := func(op textdiff.Op, s string) textdiff.Segment { return textdiff.Segment{Op: op, Text: s} }
	for _, tt := range []struct {
		name string
		a, b string
		want []textdiff.Segment
	}{
		{"identical", "Banjir rob.", "Banjir rob.", []textdiff.Segment{seg(textdiff.Equal, "Banjir rob.")}},
		{"both empty", "", "", nil},
		{"one word changed", "Warga mengungsi ke masjid.", "Warga mengungsi ke sekolah.", []textdiff.Segment{
			seg(textdiff.Equal, "Warga mengungsi ke "), seg(textdiff.Delete, "masjid"), seg(textdiff.Insert, "sekolah"), seg(textdiff.Equal, "."),
		}},
		{"words added", "120 rumah terdampak", "120 rumah warga terdampak", []textdiff.Segment{
			seg(textdiff.Equal, "120 rumah "), seg(textdiff.Insert, "warga "), seg(textdiff.Equal, "terdampak"),
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := textdiff.Words(tt.a, tt.b)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestWords_Property(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	pieces := []string{"banjir", "rob", " ", "  ", ".", ",", "Jakarta", "é", "\n", "2024"}
	text := func() string {
		var sb strings.Builder
		for range rng.Intn(20) {
			sb.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return sb.String()
	}
	for range 500 {
		a, b := text(), text()
		var gotA, gotB strings.Builder
		for _, s := range textdiff.Words(a, b) {
			if s.Op != textdiff.Insert {
				gotA.WriteString(s.Text)
			}
			if s.Op != textdiff.Delete {
				gotB.WriteString(s.Text)
			}
		}
		if gotA.String() != a || gotB.String() != b {
			t.Fatalf("Words(%q, %q) gives back %q and %q", a, b, gotA.String(), gotB.String())
		}
	}
}
