package i18n_test

import (
	"testing"
	"time"

	_ "time/tzdata"

	"warta/i18n"
)

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	base, ok := i18n.Get(i18n.DefaultLang)
	if !ok {
		t.Fatalf("no catalogue for the default language %q", i18n.DefaultLang)
	}
	for _, lang := range i18n.Langs() {
		c, _ := i18n.Get(lang)
		for _, k := range base.Keys() {
			if !c.Has(k) {
				t.Errorf("%s.json lacks %q", lang, k)
			}
		}
		for _, k := range c.Keys() {
			if !base.Has(k) {
				t.Errorf("%s.json has %q, which %s.json lacks", lang, k, i18n.DefaultLang)
			}
		}
	}
	if got, want := len(i18n.Langs()), 2; got < want {
		t.Errorf("got %d languages, want at least %d", got, want)
	}
}

func TestDateTime(t *testing.T) {
	jakarta, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	// 07:05 UTC is 14:05 in Jakarta, on a Wednesday.
	at := time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC)
	tests := []struct{ lang, want string }{
		{"id", "Rabu, 19 Juni 2024 14.05 WIB"},
		{"en", "Wednesday, 19 June 2024 14:05 WIB"},
	}
	for _, tt := range tests {
		c, _ := i18n.Get(tt.lang)
		if got := c.DateTime(at, jakarta); got != tt.want {
			t.Errorf("%s: DateTime = %q, want %q", tt.lang, got, tt.want)
		}
	}
	id, _ := i18n.Get("id")
	if got, want := id.Date(time.Date(2024, 1, 1, 0, 0, 0, 0, jakarta), jakarta), "1 Januari 2024"; got != want {
		t.Errorf("Date = %q, want %q", got, want)
	}
}

func TestTFallsBackToKey(t *testing.T) {
	c, _ := i18n.Get("en")
	if got := c.T("no.such.key"); got != "no.such.key" {
		t.Errorf("T(missing) = %q, want the key", got)
	}
	if got, want := c.T("pagination.page", 2, 5), "Page 2 of 5"; got != want {
		t.Errorf("T with args = %q, want %q", got, want)
	}
}
