package search_test

import (
	"slices"
	"testing"

	"warta/search"
)

func TestTokens(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"words", "Presiden Joko Widodo, Rabu (19/6).", []string{"presiden", "joko", "widodo", "rabu", "19", "6"}},
		{"accents", "Café naïve Ångström São Paulo résumé", []string{"cafe", "naive", "angstrom", "sao", "paulo", "resume"}},
		{"decomposed accent", "cafe\u0301", []string{"cafe"}},
		{"compatibility forms", "ﬁnal ½ Ｗａｒｔａ", []string{"final", "1", "2", "warta"}},
		{"punctuation", "a.b,c;d:e!f?g/h\\i(j)k[l]m{n}o<p>q&r*s+t=u|v~w'x\"y`z", []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"}},
		{"other scripts", "Москва 東京 جاكرتا", []string{"москва", "東京", "جاكرتا"}},
		{"reduplication", "anak-anak", []string{"anak"}},
		{"reduplication capitals", "Anak-Anak", []string{"anak"}},
		{"reduplication with affix", "berlari-lari", []string{"berlari"}},
		{"reduplication with suffix", "buah-buahan anak-anaknya", []string{"buahan", "anaknya"}},
		{"unicode hyphen", "anak\u2010anak", []string{"anak"}},
		{"other hyphenation", "covid-19 e-KTP", []string{"covid", "19", "e", "ktp"}},
		{"spaced dash is no hyphen", "anak - anak", []string{"anak", "anak"}},
		{"compound apart", "kerja sama", []string{"kerja", "sama", "kerjasama"}},
		{"compound together", "Kerjasama", []string{"kerja", "sama", "kerjasama"}},
		{"compound hyphenated", "kerja-sama", []string{"kerja", "sama", "kerjasama"}},
		{"compound across a line", "tanda\n\ttangan", []string{"tanda", "tangan", "tandatangan"}},
		{"compound in a sentence", "Ia menjadi ibu kota baru", []string{"ia", "menjadi", "ibu", "kota", "ibukota", "baru"}},
		{"no compound across punctuation", "kerja. Sama", []string{"kerja", "sama"}},
		{"no compound reversed", "sama kerja", []string{"sama", "kerja"}},
		{"affixed compound left alone", "bekerja sama", []string{"bekerja", "sama"}},
		{"empty", "", nil},
		{"only punctuation", `" * NEAR : ( ^`, []string{"near"}},
		{"invalid UTF-8", "ab\xffcd\xc3", []string{"ab", "cd"}},
		{"lone accent", "\u0301 a", []string{"a"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := search.Tokens(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestCompoundsBothSpellings checks that every listed compound makes the
// same tokens apart and together, which is what lets a search for one
// spelling find the other.
func TestCompoundsBothSpellings(t *testing.T) {
	cs := search.Compounds()
	if len(cs) < 10 {
		t.Fatalf("Compounds() has %d pairs, want about a dozen", len(cs))
	}
	for _, c := range cs {
		apart, together := search.Tokens(c[0]+" "+c[1]), search.Tokens(c[0]+c[1])
		if !slices.Equal(apart, together) || len(apart) != 3 {
			t.Errorf("%s %s: apart %q, together %q: want the same three tokens", c[0], c[1], apart, together)
		}
	}
}
