package slug_test

import (
	"strings"
	"testing"

	"warta"
	"warta/slug"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Harga Beras Naik 5%", "harga-beras-naik-5"},
		{"  Café & Kopi  ", "cafe-dan-kopi"},
		{"Jokowi: 'Kita Siap'", "jokowi-kita-siap"},
		{"Phở Hà Nội đông khách", "pho-ha-noi-dong-khach"},
		{"Łódź i Gdańsk", "lodz-i-gdansk"},
		{"Şişli'de Ağaç Dikimi", "sisli-de-agac-dikimi"},
		{"Straße der Æbler", "strasse-der-aebler"},
		{"Ｆｕｌｌｗｉｄｔｈ １２３", "fullwidth-123"},
		{"Nasional — Édisi Khusus", "nasional-edisi-khusus"},
		{"!!!", ""},
		{"北京新闻", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := slug.Make(tt.in)
		if got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" && !warta.ValidSlug(got) {
			t.Errorf("Make(%q) = %q is not a valid slug", tt.in, got)
		}
	}
	long := slug.Make(strings.Repeat("kata ", 100))
	if !warta.ValidSlug(long) {
		t.Errorf("a long headline gave an invalid slug %q", long)
	}
}

func TestNth(t *testing.T) {
	if got := slug.Nth("banjir", 1); got != "banjir" {
		t.Errorf("Nth(banjir, 1) = %q", got)
	}
	if got := slug.Nth("banjir", 3); got != "banjir-3" {
		t.Errorf("Nth(banjir, 3) = %q", got)
	}
	long := strings.Repeat("a", warta.MaxSlugLen-2) + "-b"
	if got := slug.Nth(long, 12); len(got) > warta.MaxSlugLen || !warta.ValidSlug(got) {
		t.Errorf("Nth of a full-length slug = %q (%d bytes)", got, len(got))
	}
}
