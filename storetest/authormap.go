package storetest

import (
	"testing"

	"warta"
)

// authorMapTests check ImportAuthorMapped: an import told that a
// WordPress login is someone already on the staff points its key at that
// profile and makes no one new.
var authorMapTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"ImportAuthorMapped", testImportAuthorMapped},
	{"ImportAuthorMappedRefused", testImportAuthorMappedRefused},
}

func testImportAuthorMapped(t *testing.T, st warta.Store, _ *TestClock) {
	budi := MustCreateAuthor(t, st, &warta.Author{Slug: "budi-santoso", Name: "Budi Santoso", Bio: "Redaktur pelaksana."})
	// An earlier run, made without the map, left a copy under the key.
	copyOf := &warta.Author{Slug: "bsantoso", Name: "bsantoso"}
	if err := st.ImportAuthor(ctx(t), key(warta.ImportAuthor, "bsantoso"), copyOf, nil, nil); err != nil {
		t.Fatal(err)
	}
	redirects := []warta.Redirect{
		{Path: "/author/bsantoso/", Target: "/author/budi-santoso/"},
		{Path: "/author/bsantoso/feed/", Target: "/author/budi-santoso/feed/"},
	}
	for range 2 { // the second time changes nothing
		if err := st.ImportAuthorMapped(ctx(t), key(warta.ImportAuthor, "bsantoso"), budi.ID, redirects); err != nil {
			t.Fatalf("ImportAuthorMapped: %v", err)
		}
	}
	ids, err := st.ImportedIDs(ctx(t), "https://lama.example.id", warta.ImportAuthor)
	if err != nil || len(ids) != 1 || ids["bsantoso"] != budi.ID {
		t.Errorf("ImportedIDs = %v, %v; want bsantoso → %d (the mapped profile, not the copy %d)", ids, err, budi.ID, copyOf.ID)
	}
	for _, r := range redirects {
		if got, err := st.RedirectFor(ctx(t), r.Path); err != nil || got != r.Target {
			t.Errorf("RedirectFor(%s) = %q, %v; want %s", r.Path, got, err, r.Target)
		}
	}
	got, err := st.AuthorByID(ctx(t), budi.ID)
	if err != nil || *got != *budi {
		t.Errorf("the mapped profile is now %+v, %v; want it untouched: %+v", got, err, budi)
	}
	if authors, _ := st.Authors(ctx(t)); len(authors) != 2 {
		t.Errorf("%d authors, want 2 (the profile and the old copy, no new one)", len(authors))
	}
	if n, _ := st.CountUsers(ctx(t)); n != 0 {
		t.Errorf("%d users, want none made", n)
	}
}

func testImportAuthorMappedRefused(t *testing.T, st warta.Store, _ *TestClock) {
	budi := MustCreateAuthor(t, st, &warta.Author{Slug: "budi-santoso", Name: "Budi Santoso"})
	err := st.ImportAuthorMapped(ctx(t), key(warta.ImportAuthor, "hilang"), budi.ID+1000,
		[]warta.Redirect{{Path: "/author/hilang/", Target: "/author/x/"}})
	if warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Errorf("ImportAuthorMapped(no such author) = %v; want ENOTFOUND", err)
	}
	// A bad redirect leaves the key unrecorded too: all or nothing.
	err = st.ImportAuthorMapped(ctx(t), key(warta.ImportAuthor, "bsantoso"), budi.ID,
		[]warta.Redirect{{Path: "/author/bsantoso/", Target: "https://elsewhere.example/"}})
	if warta.ErrorCode(err) != warta.EINVALID {
		t.Errorf("ImportAuthorMapped(bad redirect) = %v; want EINVALID", err)
	}
	if ids, err := st.ImportedIDs(ctx(t), "https://lama.example.id", warta.ImportAuthor); err != nil || len(ids) != 0 {
		t.Errorf("ImportedIDs = %v, %v; want nothing recorded", ids, err)
	}
	if _, err := st.RedirectFor(ctx(t), "/author/hilang/"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Errorf("RedirectFor(/author/hilang/) = %v; want ENOTFOUND", err)
	}
}
