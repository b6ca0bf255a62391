package search_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"warta/search"
)

func TestHighlight(t *testing.T) {
	for _, tt := range []struct {
		name, text, q string
		maxLen        int
		want          string
	}{
		{"stemmed matches", "Pemerintah membantu warga; bantuan datang.", "bantu", 0,
			"Pemerintah <mark>membantu</mark> warga; <mark>bantuan</mark> datang."},
		{"escapes text", `<script>alert("x")</script> & membantu`, "bantu", 0,
			`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; <mark>membantu</mark>`},
		{"no match: start of text", "Banjir melanda Jakarta sejak pagi hari ini.", "gempa", 20,
			"Banjir melanda…"},
		{"exclusions not marked", "Banjir di Jakarta.", "banjir -jakarta", 0,
			"<mark>Banjir</mark> di Jakarta."},
		{"prefix", "Pemilu dan pemilihan.", "pemil*", 0,
			"<mark>Pemilu</mark> dan <mark>pemilihan</mark>."},
		{"phrase words", "Dana desa untuk desa.", `"dana desa"`, 0,
			"<mark>Dana</mark> <mark>desa</mark> untuk <mark>desa</mark>."},
		{"accented text", "Kafe Café cafe", "cafe", 0,
			"Kafe <mark>Café</mark> <mark>cafe</mark>"},
		{"compound", "Kerja sama dan kerjasama.", "kerjasama", 0,
			"<mark>Kerja</mark> <mark>sama</mark> dan <mark>kerjasama</mark>."},
		{"cut both ends", "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh membantu sebelas dua belas tiga belas empat belas lima belas.", "bantu", 40,
			"…sepuluh <mark>membantu</mark> sebelas dua belas…"},
		{"cut start only", "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh membantu.", "bantu", 40,
			"…delapan sembilan sepuluh <mark>membantu</mark>."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := search.Highlight(tt.text, search.ParseQuery("id", tt.q), "id", tt.maxLen)
			if got != tt.want {
				t.Errorf("Highlight = %q, want %q", got, tt.want)
			}
		})
	}
}

var markup = regexp.MustCompile(`</?mark>`)

// TestHighlightLimits checks every length of snippet of a text full of
// markup: never longer than maxLen, never unescaped, never a broken mark.
func TestHighlightLimits(t *testing.T) {
	text := `<b>Pemerintah</b> "membantu" warga & <script>bantuan</script> datang ke 東京. ` + strings.Repeat("kata ", 20) + "bantu\xff."
	q := search.ParseQuery("id", "bantu")
	for maxLen := range 140 {
		got := search.Highlight(text, q, "id", maxLen)
		plain := markup.ReplaceAllString(got, "")
		if strings.ContainsAny(plain, `<>"`) {
			t.Errorf("maxLen %d: unescaped markup in %q", maxLen, got)
		}
		if strings.Count(got, "<mark>") != strings.Count(got, "</mark>") {
			t.Errorf("maxLen %d: unbalanced marks in %q", maxLen, got)
		}
		if n := utf8.RuneCountInString(html.UnescapeString(plain)); maxLen > 0 && n > maxLen {
			t.Errorf("maxLen %d: %d characters in %q", maxLen, n, got)
		}
		if maxLen >= 20 && !strings.Contains(got, "<mark>") {
			t.Errorf("maxLen %d: no match marked in %q", maxLen, got)
		}
	}
}
