package warta_test

import (
	"testing"

	"warta"
)

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
