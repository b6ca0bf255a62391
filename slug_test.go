package warta_test

import (
	"strings"
	"testing"

	"warta"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Harga Beras Naik 5%", "harga-beras-naik-5"},
		{"  Café & Kopi  ", "cafe-dan-kopi"},
		{"Jokowi: 'Kita Siap'", "jokowi-kita-siap"},
		{"!!!", ""},
		{"Ünïcödé", "unicode"},
	}
	for _, tt := range tests {
		if got := warta.Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.want != "" && !warta.ValidSlug(warta.Slugify(tt.in)) {
			t.Errorf("Slugify(%q) is not a valid slug", tt.in)
		}
	}
	long := warta.Slugify(strings.Repeat("kata ", 100))
	if !warta.ValidSlug(long) {
		t.Errorf("a long headline gave an invalid slug %q", long)
	}
}

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"banjir-demak": true, "2024": true, "": false, "-a": false, "a-": false,
		"a--b": false, "Banjir": false, "a b": false, "a/b": false, "ä": false,
	} {
		if got := warta.ValidSlug(s); got != want {
			t.Errorf("ValidSlug(%q) = %v, want %v", s, got, want)
		}
	}
}
