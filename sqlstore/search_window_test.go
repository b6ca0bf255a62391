package sqlstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"warta"
	"warta/sqlite"
	"warta/sqlstore"
	"warta/storetest"
)

// With more matches than the rank window, SQLite ranks the newest
// window together and the older matches after them, each group best
// first; every match is on exactly one page and the total counts all.
func TestSearchRankWindow(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, t.TempDir(), func() time.Time { return storetest.Start })
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	sqlstore.SetRankWindow(t, 2)
	sec := storetest.MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional", Position: 1})
	rina := storetest.MustCreateAuthor(t, st, &warta.Author{Slug: "rina", Name: "Rina"})

	// Odd ones say "anggaran" in the headline (the better match), even
	// ones only in the body. IDs grow with i; the draft is the newest.
	for i := 1; i <= 6; i++ {
		a := &warta.Article{
			Slug: "rapat-" + string(rune('0'+i)), Headline: "Rapat Dewan Kota",
			BodyMarkdown: "Pembahasan anggaran berlanjut.", BodyHTML: "<p>Pembahasan anggaran berlanjut.</p>",
			Status: warta.StatusPublished, Section: *sec, Authors: []warta.Author{*rina}, PublishedAt: storetest.Start.Add(-time.Duration(10-i) * time.Hour),
		}
		if i%2 == 1 {
			a.Headline = "Rapat Anggaran Kota"
		}
		if i == 6 {
			a.Status, a.PublishedAt = warta.StatusDraft, time.Time{}
		}
		storetest.MustCreateArticle(t, st, a)
	}

	// Window: rapat-5 (headline), rapat-4 (body); then rapat-3 and
	// rapat-1 (headline, newer first), rapat-2.
	all := []string{"rapat-5", "rapat-4", "rapat-3", "rapat-1", "rapat-2"}
	for _, tt := range []struct{ offset, limit int }{{0, 2}, {2, 2}, {4, 2}, {1, 3}, {0, 10}, {6, 2}} {
		list, total, err := st.Search(ctx, storetest.SearchQuery("id", "anggaran"), storetest.Start, tt.offset, tt.limit)
		if err != nil {
			t.Fatalf("Search offset %d: %v", tt.offset, err)
		}
		var got []string
		for _, a := range list {
			got = append(got, a.Slug)
		}
		want := all[min(tt.offset, len(all)):min(tt.offset+tt.limit, len(all))]
		if len(want) == 0 {
			want = nil
		}
		if !slices.Equal(got, want) || total != 5 {
			t.Errorf("offset %d limit %d: %q (total %d), want %q (total 5)", tt.offset, tt.limit, got, total, want)
		}
	}
}
