package storetest

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"warta"
)

// changeTests check the change log (warta.ChangeStore): every write that
// changes a public page records one change naming the tags of the pages
// it changed, in the write's own transaction; writes no reader sees
// (drafts, held comments) record nothing.
var changeTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"ChangesPerWrite", testChangesPerWrite},
	{"ChangesOrder", testChangesOrder},
}

// latestChange returns st's LatestChange, failing t on error.
func latestChange(t *testing.T, st warta.Store) int64 {
	t.Helper()
	id, err := st.LatestChange(ctx(t))
	if err != nil {
		t.Fatalf("LatestChange: %v", err)
	}
	return id
}

// changesAfter returns Changes(after), failing t on error.
func changesAfter(t *testing.T, st warta.Store, after int64) ([]warta.Change, int64) {
	t.Helper()
	list, oldest, err := st.Changes(ctx(t), after)
	if err != nil {
		t.Fatalf("Changes(%d): %v", after, err)
	}
	return list, oldest
}

// expectChange runs write and checks that it recorded exactly one change
// with the tags write returns (in any order; the log keeps them sorted
// without repeats), or none when it returns nil.
func expectChange(t *testing.T, st warta.Store, clock *TestClock, what string, write func() []string) {
	t.Helper()
	before := latestChange(t, st)
	tags := write()
	got, _ := changesAfter(t, st, before)
	latest := latestChange(t, st)
	if tags == nil {
		if len(got) != 0 || latest != before {
			t.Errorf("%s: recorded %+v (latest %d → %d), want no change", what, got, before, latest)
		}
		return
	}
	want := slices.Clone(tags)
	slices.Sort(want)
	want = slices.Compact(want)
	if len(got) != 1 {
		t.Errorf("%s: recorded %d changes %+v, want one with %v", what, len(got), got, want)
		return
	}
	c := got[0]
	if !reflect.DeepEqual(c.Tags, want) {
		t.Errorf("%s: tags %q, want %q", what, c.Tags, want)
	}
	if c.ID <= before || latest != c.ID {
		t.Errorf("%s: change ID %d, LatestChange %d before and %d after; want an ID above the old latest, and the new latest", what, c.ID, before, latest)
	}
	if d := c.At.Sub(clock.Now()); d < -time.Second || d > time.Second {
		t.Errorf("%s: At %v, want the store's clock %v", what, c.At, clock.Now())
	}
}

func testChangesPerWrite(t *testing.T, st warta.Store, clock *TestClock) {
	c := ctx(t)
	none := func(write func()) func() []string { return func() []string { write(); return nil } }
	is := func(write func(), tags ...string) func() []string { return func() []string { write(); return tags } }

	var sec, sec2 *warta.Section
	expectChange(t, st, clock, "CreateSection", is(func() {
		sec = MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional"})
	}, warta.TagGlobal))
	sec2 = MustCreateSection(t, st, &warta.Section{Slug: "ekonomi", Name: "Ekonomi"})
	var au *warta.Author
	expectChange(t, st, clock, "CreateAuthor", is(func() {
		au = MustCreateAuthor(t, st, &warta.Author{Slug: "rina", Name: "Rina"})
	}, warta.TagSitemap))
	var tag *warta.Tag
	expectChange(t, st, clock, "CreateTag", is(func() {
		tag = MustCreateTag(t, st, &warta.Tag{Slug: "banjir", Name: "Banjir"})
	}, warta.TagSitemap))

	// The pages that show a published article: its own, its section, tag
	// and author lists, the home page, the sitemaps and the comment feed.
	published := func(a *warta.Article, section *warta.Section) []string {
		return []string{warta.ArticleTag(a.ID), warta.SectionTag(section.ID), warta.TagHome, warta.TagSitemap,
			warta.TagComments, warta.TopicTag(tag.ID), warta.AuthorTag(au.ID)}
	}

	a := &warta.Article{Slug: "banjir", Headline: "Banjir", Status: warta.StatusPublished, PublishedAt: clock.Now().Add(-time.Hour),
		Section: *sec, Tags: []warta.Tag{*tag}, Authors: []warta.Author{*au}, CommentsOpen: true}
	expectChange(t, st, clock, "CreateArticle (published)", func() []string {
		MustCreateArticle(t, st, a)
		return published(a, sec)
	})
	clock.Advance(time.Minute)
	a.Headline = "Banjir Surut"
	expectChange(t, st, clock, "UpdateArticle (published)", is(func() { mustUpdate(t, st, a) }, published(a, sec)...))
	// Moving it to another section names the pages it left and the ones it joined.
	a.Section = *sec2
	expectChange(t, st, clock, "UpdateArticle (published, new section)", is(func() { mustUpdate(t, st, a) },
		append(published(a, sec), published(a, sec2)...)...))

	// A draft is on no public page: saving it records nothing, and
	// publishing or unpublishing it names the pages it joins or leaves.
	d := &warta.Article{Slug: "draf", Headline: "Draf", Status: warta.StatusDraft,
		Section: *sec, Tags: []warta.Tag{*tag}, Authors: []warta.Author{*au}}
	expectChange(t, st, clock, "CreateArticle (draft)", none(func() { MustCreateArticle(t, st, d) }))
	d.Headline = "Draf Diubah"
	expectChange(t, st, clock, "UpdateArticle (draft)", none(func() { mustUpdate(t, st, d) }))
	d.Status, d.PublishedAt = warta.StatusPublished, clock.Now().Add(-time.Minute)
	expectChange(t, st, clock, "UpdateArticle (publishing a draft)", func() []string {
		mustUpdate(t, st, d)
		return published(d, sec)
	})
	d.Status = warta.StatusDraft
	expectChange(t, st, clock, "UpdateArticle (unpublishing)", func() []string {
		mustUpdate(t, st, d)
		return published(d, sec)
	})
	expectChange(t, st, clock, "DeleteArticle (draft)", none(func() {
		if err := st.DeleteArticle(c, d.ID); err != nil {
			t.Fatalf("DeleteArticle: %v", err)
		}
	}))

	// Comments: a held one shows to its writer alone; an approved one,
	// and any change to a comment, change the article's pages and the
	// comment feed.
	held := &warta.Comment{ArticleID: a.ID, Content: "Ditahan.", AuthorName: "Sari", AuthorEmail: "sari@example.id", Status: warta.CommentPending}
	expectChange(t, st, clock, "CreateComment (pending)", none(func() { MustCreateComment(t, st, held) }))
	expectChange(t, st, clock, "CreateComment (approved)", is(func() {
		MustCreateComment(t, st, &warta.Comment{ArticleID: a.ID, Content: "Terbit.", AuthorName: "Budi", AuthorEmail: "budi@example.id", Status: warta.CommentApproved})
	}, warta.ArticleTag(a.ID), warta.TagComments))
	held.Status = warta.CommentApproved
	expectChange(t, st, clock, "UpdateComment (approving)", is(func() {
		if err := st.UpdateComment(c, held); err != nil {
			t.Fatalf("UpdateComment: %v", err)
		}
	}, warta.ArticleTag(a.ID), warta.TagComments))

	// Settings and sections are on every page.
	expectChange(t, st, clock, "SetSetting", is(func() {
		if err := st.SetSetting(c, "site_title", "Warta Baru"); err != nil {
			t.Fatalf("SetSetting: %v", err)
		}
	}, warta.TagGlobal))
	expectChange(t, st, clock, "UpdateSection", is(func() {
		if err := st.UpdateSection(c, &warta.Section{ID: sec.ID, Slug: "dalam-negeri", Name: "Dalam Negeri"}); err != nil {
			t.Fatalf("UpdateSection: %v", err)
		}
	}, warta.TagGlobal))

	// Deleting a published article: every page that showed it.
	expectChange(t, st, clock, "DeleteArticle (published)", is(func() {
		if err := st.DeleteArticle(c, a.ID); err != nil {
			t.Fatalf("DeleteArticle: %v", err)
		}
	}, published(a, sec2)...))

	// A refused write records nothing.
	expectChange(t, st, clock, "UpdateSection (refused)", none(func() {
		err := st.UpdateSection(c, &warta.Section{ID: sec.ID, Slug: "ekonomi", Name: "Ekonomi"})
		MustBeCode(t, err, warta.ECONFLICT)
	}))
}

func testChangesOrder(t *testing.T, st warta.Store, _ *TestClock) {
	start := latestChange(t, st)
	all, _ := changesAfter(t, st, start)
	if len(all) != 0 {
		t.Fatalf("Changes(LatestChange()) = %+v, want none", all)
	}
	for i := range 5 {
		if err := st.SetSetting(ctx(t), "site_title", "Judul "+string(rune('A'+i))); err != nil {
			t.Fatal(err)
		}
	}
	all, oldest := changesAfter(t, st, start)
	if len(all) != 5 {
		t.Fatalf("Changes(%d) after 5 writes = %d changes, want 5", start, len(all))
	}
	for i, c := range all {
		if i > 0 && c.ID <= all[i-1].ID {
			t.Errorf("Changes not in ID order: %d after %d", c.ID, all[i-1].ID)
		}
		if c.ID <= start {
			t.Errorf("Changes(%d) returned ID %d", start, c.ID)
		}
	}
	if oldest <= 0 || oldest > all[0].ID {
		t.Errorf("Changes: oldest kept %d, want between 1 and %d", oldest, all[0].ID)
	}
	if latest := latestChange(t, st); latest != all[4].ID {
		t.Errorf("LatestChange = %d, want the last change %d", latest, all[4].ID)
	}
	mid := all[2].ID
	rest, _ := changesAfter(t, st, mid)
	if len(rest) != 2 || rest[0].ID != all[3].ID || rest[1].ID != all[4].ID {
		t.Errorf("Changes(%d) = %+v, want the last two: %+v", mid, rest, all[3:])
	}
	if none, _ := changesAfter(t, st, all[4].ID); len(none) != 0 {
		t.Errorf("Changes(latest) = %+v, want none", none)
	}
	if everything, _ := changesAfter(t, st, 0); len(everything) < 5 || everything[len(everything)-1].ID != all[4].ID {
		t.Errorf("Changes(0) = %d changes, want every kept one up to %d", len(everything), all[4].ID)
	}
}
