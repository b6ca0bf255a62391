package search_test

import (
	"slices"
	"testing"

	"warta/search"
)

// TestStemIndonesianPostgres requires exact agreement with PostgreSQL's
// Snowball Indonesian stemmer on the news vocabulary in testdata, since
// SQLite and PostgreSQL must find the same articles.
func TestStemIndonesianPostgres(t *testing.T) {
	db := MustOpenPostgres(t)
	words := MustReadWords(t, "testdata/indonesian_words.txt")
	agree := 0
	for _, w := range words {
		want, ok := lexize(t, db, "indonesian_stem", w)
		if !ok {
			t.Errorf("PostgreSQL dropped %q as a stop word", w)
			continue
		}
		if got := search.StemIndonesian(w); got != want {
			t.Errorf("StemIndonesian(%q) = %q, PostgreSQL says %q", w, got, want)
			continue
		}
		agree++
	}
	t.Logf("StemIndonesian agrees with PostgreSQL on %d of %d words", agree, len(words))
}

// TestStemEnglishPostgres requires agreement with PostgreSQL's Snowball
// English stemmer on the words of testdata it does not drop as stop
// words.
func TestStemEnglishPostgres(t *testing.T) {
	db := MustOpenPostgres(t)
	words := MustReadWords(t, "testdata/english_words.txt")
	agree, stop := 0, 0
	for _, w := range words {
		want, ok := lexize(t, db, "english_stem", w)
		if !ok {
			stop++
			continue
		}
		if got := search.StemEnglish(w); got != want {
			t.Errorf("StemEnglish(%q) = %q, PostgreSQL says %q", w, got, want)
			continue
		}
		agree++
	}
	t.Logf("StemEnglish agrees with PostgreSQL on %d of %d words (%d stop words skipped)", agree, len(words)-stop, stop)
}

// TestStemIndonesian checks outputs recorded from PostgreSQL's
// indonesian_stem, so the stemmer is tested where PostgreSQL is absent.
func TestStemIndonesian(t *testing.T) {
	for _, tt := range []struct{ word, want string }{
		{"membantu", "bantu"},
		{"bantuan", "bantu"},
		{"dibantu", "bantu"},
		{"pembangunan", "bangun"},
		{"membangun", "bangun"},
		{"perekonomian", "ekonomi"},
		{"keberhasilan", "hasil"},
		{"mengatakan", "ata"}, // meng- + atakan: the algorithm cannot know it was k
		{"dikatakan", "kata"},
		{"pemerintahan", "perintah"},
		{"kebijakan", "bijak"},
		{"menyampaikan", "sampai"},
		{"pertanian", "tani"},
		{"bekerja", "kerja"},
		{"pekerjaan", "kerja"},
		{"mempersiapkan", "siap"},
		{"memperhatikan", "hati"},
		{"memperbesar", "perbesar"}, // no suffix, so per- stays
		{"menyapu", "sapu"},
		{"memakai", "paka"},
		{"belajar", "ajar"},
		{"pelajaran", "ajar"},
		{"informasi", "informasi"}, // no -i after s
		{"bukunya", "buku"},
		{"apakah", "apa"},
		{"sekalipun", "sekal"},
		{"menyeberangi", "seberang"},
		{"pengembangannya", "embang"},
		{"anak", "anak"}, // two vowels: too short to stem
		{"MEMBANTU", "bantu"},
	} {
		t.Run(tt.word, func(t *testing.T) {
			if got := search.StemIndonesian(tt.word); got != tt.want {
				t.Errorf("StemIndonesian(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

// TestStemEnglish checks Porter2's published examples.
func TestStemEnglish(t *testing.T) {
	for _, tt := range []struct{ word, want string }{
		{"government", "govern"},
		{"announced", "announc"},
		{"elections", "elect"},
		{"happiness", "happi"},
		{"running", "run"},
		{"generously", "generous"},
		{"news", "news"},
		{"skies", "sky"},
		{"Reporters", "report"},
	} {
		t.Run(tt.word, func(t *testing.T) {
			if got := search.StemEnglish(tt.word); got != tt.want {
				t.Errorf("StemEnglish(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	for _, tt := range []struct{ lang, word, want string }{
		{"id", "membantu", "bantu"},
		{"id-ID", "membantu", "bantu"},
		{"in", "membantu", "bantu"},
		{"en", "helping", "help"},
		{"en-GB", "helping", "help"},
		{"fr", "Aidons", "aidons"}, // unknown language: lower-cased only
		{"", "Membantu", "membantu"},
	} {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			if got := search.Stem(tt.lang, tt.word); got != tt.want {
				t.Errorf("Stem(%q, %q) = %q, want %q", tt.lang, tt.word, got, tt.want)
			}
		})
	}
}

func TestTerms(t *testing.T) {
	got := search.Terms("id", "Pemerintah membantu anak-anak yang kerja sama.")
	want := []string{"perintah", "bantu", "anak", "yang", "kerja", "sama", "rjasama"}
	if !slices.Equal(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}
