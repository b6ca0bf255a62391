package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"warta"
)

// pageTests check warta.PageStore: standing pages, their footer menu,
// and the change log entries that keep cached pages (and the footer on
// every page) current.
var pageTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"PageRoundTrip", testPageRoundTrip},
	{"PageInvalid", testPageInvalid},
	{"PageSlugConflict", testPageSlugConflict},
	{"PageNotFound", testPageNotFound},
	{"PageDelete", testPageDelete},
	{"PageMenu", testPageMenu},
	{"PageMenuRefused", testPageMenuRefused},
	{"PageChanges", testPageChanges},
	{"PageEditConflict", testPageEditConflict},
	{"PageEditConflictConcurrent", testPageEditConflictConcurrent},
	{"PageImportBumpsRevision", testPageImportBumpsRevision},
}

// MustCreatePage creates p in st and returns it, failing tb on error.
func MustCreatePage(tb testing.TB, st warta.Store, p *warta.Page) *warta.Page {
	tb.Helper()
	if err := st.CreatePage(ctx(tb), p); err != nil {
		tb.Fatalf("CreatePage(%q): %v", p.Slug, err)
	}
	return p
}

// mustPageBySlug reads a page back, failing t on error.
func mustPageBySlug(t *testing.T, st warta.Store, slug string) *warta.Page {
	t.Helper()
	p, err := st.PageBySlug(ctx(t), slug)
	if err != nil {
		t.Fatalf("PageBySlug(%q): %v", slug, err)
	}
	return p
}

// menuSlugs returns the slugs of MenuPages, in order.
func menuSlugs(t *testing.T, st warta.Store) []string {
	t.Helper()
	list, err := st.MenuPages(ctx(t))
	if err != nil {
		t.Fatalf("MenuPages: %v", err)
	}
	slugs := []string{}
	for _, p := range list {
		slugs = append(slugs, p.Slug)
	}
	return slugs
}

func testPageRoundTrip(t *testing.T, st warta.Store, clock *TestClock) {
	p := MustCreatePage(t, st, &warta.Page{
		Slug: "tentang-kami", Title: "  Tentang Kami ", BodyMarkdown: "Kami *media* daring.", BodyHTML: "<p>Kami <em>media</em> daring.</p>",
		Status: warta.PagePublished, MenuOrder: 2, MenuLabel: " Tentang ",
	})
	if p.ID == 0 {
		t.Fatal("CreatePage did not set ID")
	}
	if !p.CreatedAt.Equal(clock.Now()) || !p.UpdatedAt.Equal(clock.Now()) {
		t.Errorf("CreatedAt, UpdatedAt = %v, %v; want the store's clock %v", p.CreatedAt, p.UpdatedAt, clock.Now())
	}
	if p.Title != "Tentang Kami" || p.MenuLabel != "Tentang" {
		t.Errorf("Title, MenuLabel = %q, %q; want them trimmed", p.Title, p.MenuLabel)
	}
	got := mustPageBySlug(t, st, "tentang-kami")
	if !reflect.DeepEqual(got, p) {
		t.Errorf("PageBySlug = %+v\nwant %+v", got, p)
	}
	byID, err := st.PageByID(ctx(t), p.ID)
	if err != nil || !reflect.DeepEqual(byID, p) {
		t.Errorf("PageByID = %+v, %v; want %+v", byID, err, p)
	}

	// Every field is saved; CreatedAt stays, UpdatedAt moves.
	clock.Advance(time.Hour)
	p.Slug, p.Title, p.BodyMarkdown, p.BodyHTML = "profil", "Profil Kami", "Baru.", "<p>Baru.</p>"
	p.Status, p.MenuOrder, p.MenuLabel = warta.PageDraft, 0, ""
	if err := st.UpdatePage(ctx(t), p); err != nil {
		t.Fatalf("UpdatePage: %v", err)
	}
	if !p.UpdatedAt.Equal(clock.Now()) || !p.CreatedAt.Equal(Start) {
		t.Errorf("after update CreatedAt, UpdatedAt = %v, %v; want %v, %v", p.CreatedAt, p.UpdatedAt, Start, clock.Now())
	}
	if got := mustPageBySlug(t, st, "profil"); !reflect.DeepEqual(got, p) {
		t.Errorf("after update PageBySlug = %+v\nwant %+v", got, p)
	}
	if _, err := st.PageBySlug(ctx(t), "tentang-kami"); !warta.IsNotFound(err) {
		t.Errorf("PageBySlug(old slug) error = %v, want ENOTFOUND (pages keep no former slugs)", err)
	}

	// An import keeps the dates it brings.
	old := time.Date(2019, 3, 4, 5, 6, 7, 0, time.UTC)
	imp := MustCreatePage(t, st, &warta.Page{Slug: "kontak", Title: "Kontak", Status: warta.PageDraft, CreatedAt: old, UpdatedAt: old.Add(time.Hour)})
	if got := mustPageBySlug(t, st, "kontak"); !got.CreatedAt.Equal(old) || !got.UpdatedAt.Equal(old.Add(time.Hour)) || !reflect.DeepEqual(got, imp) {
		t.Errorf("imported page = %+v, want the given dates %v and %v", got, old, old.Add(time.Hour))
	}

	// Pages lists all, drafts too, by title.
	all, err := st.Pages(ctx(t))
	if err != nil {
		t.Fatalf("Pages: %v", err)
	}
	if len(all) != 2 || all[0].Slug != "kontak" || all[1].Slug != "profil" {
		t.Errorf("Pages = %+v, want kontak then profil", all)
	}
}

func testPageInvalid(t *testing.T, st warta.Store, _ *TestClock) {
	valid := func() *warta.Page {
		return &warta.Page{Slug: "redaksi", Title: "Redaksi", Status: warta.PagePublished}
	}
	long := make([]rune, warta.MaxMenuLabelLen+1)
	for i := range long {
		long[i] = 'é'
	}
	tests := []struct {
		name, field, key string
		edit             func(p *warta.Page)
	}{
		{"empty slug", "slug", "error.slug_invalid", func(p *warta.Page) { p.Slug = "" }},
		{"upper-case slug", "slug", "error.slug_invalid", func(p *warta.Page) { p.Slug = "Redaksi" }},
		{"slug with a slash", "slug", "error.slug_invalid", func(p *warta.Page) { p.Slug = "a/b" }},
		{"reserved: admin", "slug", "pages.error.slug_reserved", func(p *warta.Page) { p.Slug = "admin" }},
		{"reserved: section", "slug", "pages.error.slug_reserved", func(p *warta.Page) { p.Slug = "section" }},
		{"reserved: feed", "slug", "pages.error.slug_reserved", func(p *warta.Page) { p.Slug = "feed" }},
		{"reserved: wp-json", "slug", "pages.error.slug_reserved", func(p *warta.Page) { p.Slug = "wp-json" }},
		{"reserved: sitemap prefix", "slug", "pages.error.slug_reserved", func(p *warta.Page) { p.Slug = "sitemap-pages" }},
		{"reserved: a year", "slug", "pages.error.slug_reserved", func(p *warta.Page) { p.Slug = "2024" }},
		{"reserved: a long number", "slug", "pages.error.slug_reserved", func(p *warta.Page) { p.Slug = "123456789012345678901234567890" }},
		{"blank title", "title", "error.required", func(p *warta.Page) { p.Title = " \t" }},
		{"long menu label", "menu_label", "error.too_long", func(p *warta.Page) { p.MenuLabel = string(long) }},
		{"bad body", "body", "error.invalid_utf8", func(p *warta.Page) { p.BodyMarkdown = "\xff" }},
		{"unknown status", "status", "error.invalid", func(p *warta.Page) { p.Status = "scheduled" }},
		{"negative menu order", "menu_order", "error.invalid", func(p *warta.Page) { p.MenuOrder = -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.edit(p)
			err := st.CreatePage(ctx(t), p)
			MustBeCode(t, err, warta.EINVALID)
			MustHaveField(t, err, tt.field, tt.key)
		})
	}
	// Numbers inside a slug are fine; only a slug that is all digits is
	// taken by the site's own addresses.
	for _, slug := range []string{"kontak-2024", "sitem", "adminku"} {
		p := valid()
		p.Slug = slug
		MustCreatePage(t, st, p)
	}
	if all, err := st.Pages(ctx(t)); err != nil || len(all) != 3 {
		t.Errorf("Pages = %d pages, %v; want the 3 valid ones only", len(all), err)
	}

	// An update is checked the same way and changes nothing.
	p := mustPageBySlug(t, st, "adminku")
	bad := *p
	bad.Slug, bad.Title = "search", "Cari"
	err := st.UpdatePage(ctx(t), &bad)
	MustHaveField(t, err, "slug", "pages.error.slug_reserved")
	if got := mustPageBySlug(t, st, "adminku"); got.Title != p.Title {
		t.Errorf("refused update changed the title to %q", got.Title)
	}
}

func testPageSlugConflict(t *testing.T, st warta.Store, _ *TestClock) {
	MustCreatePage(t, st, &warta.Page{Slug: "kontak", Title: "Kontak", Status: warta.PagePublished})
	err := st.CreatePage(ctx(t), &warta.Page{Slug: "kontak", Title: "Kontak Lain", Status: warta.PageDraft})
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "slug", "error.slug_taken")

	other := MustCreatePage(t, st, &warta.Page{Slug: "redaksi", Title: "Redaksi", Status: warta.PageDraft})
	other.Slug = "kontak"
	MustBeCode(t, st.UpdatePage(ctx(t), other), warta.ECONFLICT)
	if got := mustPageBySlug(t, st, "kontak"); got.Title != "Kontak" {
		t.Errorf("kontak after refused update = %q, want the first page", got.Title)
	}
}

func testPageNotFound(t *testing.T, st warta.Store, _ *TestClock) {
	_, err := st.PageBySlug(ctx(t), "tidak-ada")
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.PageByID(ctx(t), 999)
	MustBeCode(t, err, warta.ENOTFOUND)
	err = st.UpdatePage(ctx(t), &warta.Page{ID: 999, Slug: "tidak-ada", Title: "Tidak Ada", Status: warta.PageDraft})
	MustBeCode(t, err, warta.ENOTFOUND)
	MustBeCode(t, st.DeletePage(ctx(t), 999), warta.ENOTFOUND)
	if all, err := st.Pages(ctx(t)); err != nil || len(all) != 0 {
		t.Errorf("Pages on an empty store = %+v, %v; want none", all, err)
	}
}

func testPageDelete(t *testing.T, st warta.Store, _ *TestClock) {
	p := MustCreatePage(t, st, &warta.Page{Slug: "kontak", Title: "Kontak", Status: warta.PagePublished, MenuOrder: 1})
	if err := st.DeletePage(ctx(t), p.ID); err != nil {
		t.Fatalf("DeletePage: %v", err)
	}
	if _, err := st.PageByID(ctx(t), p.ID); !warta.IsNotFound(err) {
		t.Errorf("PageByID after delete: %v, want ENOTFOUND", err)
	}
	if got := menuSlugs(t, st); len(got) != 0 {
		t.Errorf("menu after delete = %v, want empty", got)
	}
	// The slug is free again.
	MustCreatePage(t, st, &warta.Page{Slug: "kontak", Title: "Kontak Baru", Status: warta.PageDraft})
}

func testPageMenu(t *testing.T, st warta.Store, _ *TestClock) {
	about := MustCreatePage(t, st, &warta.Page{Slug: "tentang-kami", Title: "Tentang Kami", Status: warta.PagePublished, MenuOrder: 2})
	staff := MustCreatePage(t, st, &warta.Page{Slug: "redaksi", Title: "Redaksi", Status: warta.PagePublished, MenuOrder: 1})
	rules := MustCreatePage(t, st, &warta.Page{Slug: "pedoman-media-siber", Title: "Pedoman Media Siber", Status: warta.PagePublished})
	contact := MustCreatePage(t, st, &warta.Page{Slug: "kontak", Title: "Kontak", Status: warta.PageDraft, MenuOrder: 3})

	// Drafts and pages outside the menu are not in it; order is MenuOrder.
	if got, want := menuSlugs(t, st), []string{"redaksi", "tentang-kami"}; !reflect.DeepEqual(got, want) {
		t.Errorf("MenuPages = %v, want %v", got, want)
	}

	// SetMenu orders the pages it names and takes every other one out.
	if err := st.SetMenu(ctx(t), []int64{rules.ID, contact.ID, about.ID}); err != nil {
		t.Fatalf("SetMenu: %v", err)
	}
	if got, want := menuSlugs(t, st), []string{"pedoman-media-siber", "tentang-kami"}; !reflect.DeepEqual(got, want) {
		t.Errorf("MenuPages after SetMenu = %v, want %v (the draft stays out)", got, want)
	}
	for p, want := range map[*warta.Page]int{rules: 1, contact: 2, about: 3, staff: 0} {
		got, err := st.PageByID(ctx(t), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.MenuOrder != want {
			t.Errorf("%s: MenuOrder = %d, want %d", p.Slug, got.MenuOrder, want)
		}
	}
	// Publishing the draft puts it in its place.
	contact.Status, contact.MenuOrder = warta.PagePublished, 2
	if err := st.UpdatePage(ctx(t), contact); err != nil {
		t.Fatal(err)
	}
	if got, want := menuSlugs(t, st), []string{"pedoman-media-siber", "kontak", "tentang-kami"}; !reflect.DeepEqual(got, want) {
		t.Errorf("MenuPages after publishing = %v, want %v", got, want)
	}
	// An empty list empties the menu.
	if err := st.SetMenu(ctx(t), nil); err != nil {
		t.Fatalf("SetMenu(nil): %v", err)
	}
	if got := menuSlugs(t, st); len(got) != 0 {
		t.Errorf("MenuPages after SetMenu(nil) = %v, want none", got)
	}
}

func testPageMenuRefused(t *testing.T, st warta.Store, _ *TestClock) {
	a := MustCreatePage(t, st, &warta.Page{Slug: "a", Title: "A", Status: warta.PagePublished, MenuOrder: 1})
	b := MustCreatePage(t, st, &warta.Page{Slug: "b", Title: "B", Status: warta.PagePublished, MenuOrder: 2})
	MustBeCode(t, st.SetMenu(ctx(t), []int64{b.ID, a.ID, b.ID}), warta.EINVALID)
	MustBeCode(t, st.SetMenu(ctx(t), []int64{b.ID, 999}), warta.ENOTFOUND)
	if got, want := menuSlugs(t, st), []string{"a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("MenuPages after refused SetMenu = %v, want %v unchanged", got, want)
	}
}

func testPageChanges(t *testing.T, st warta.Store, clock *TestClock) {
	c := ctx(t)
	none := func(write func()) func() []string { return func() []string { write(); return nil } }
	is := func(write func(), tags ...string) func() []string { return func() []string { write(); return tags } }
	update := func(p *warta.Page) {
		t.Helper()
		if err := st.UpdatePage(c, p); err != nil {
			t.Fatalf("UpdatePage: %v", err)
		}
	}

	// A draft is on no public page.
	p := &warta.Page{Slug: "kontak", Title: "Kontak", Status: warta.PageDraft}
	expectChange(t, st, clock, "CreatePage (draft)", none(func() { MustCreatePage(t, st, p) }))
	p.Title = "Hubungi Kami"
	expectChange(t, st, clock, "UpdatePage (draft)", none(func() { update(p) }))

	// Published outside the menu: its own address and the sitemap.
	own := func() []string { return []string{warta.PageTag(p.ID), warta.TagSitemap} }
	p.Status = warta.PagePublished
	expectChange(t, st, clock, "UpdatePage (publishing)", is(func() { update(p) }, own()...))
	p.BodyMarkdown = "Surel: redaksi@example.id"
	expectChange(t, st, clock, "UpdatePage (published)", is(func() { update(p) }, own()...))

	// In the menu: also every page, whose footer lists it.
	p.MenuOrder = 1
	expectChange(t, st, clock, "UpdatePage (into the menu)", is(func() { update(p) }, append(own(), warta.TagGlobal)...))
	p.Title = "Kontak"
	expectChange(t, st, clock, "UpdatePage (in the menu)", is(func() { update(p) }, append(own(), warta.TagGlobal)...))
	p.Status = warta.PageDraft
	expectChange(t, st, clock, "UpdatePage (unpublishing from the menu)", is(func() { update(p) }, append(own(), warta.TagGlobal)...))

	var q *warta.Page
	expectChange(t, st, clock, "CreatePage (published, in the menu)", func() []string {
		q = MustCreatePage(t, st, &warta.Page{Slug: "redaksi", Title: "Redaksi", Status: warta.PagePublished, MenuOrder: 2})
		return []string{warta.PageTag(q.ID), warta.TagSitemap, warta.TagGlobal}
	})
	expectChange(t, st, clock, "SetMenu", is(func() {
		if err := st.SetMenu(c, []int64{q.ID, p.ID}); err != nil {
			t.Fatalf("SetMenu: %v", err)
		}
	}, warta.TagGlobal))
	expectChange(t, st, clock, "SetMenu (refused)", none(func() {
		MustBeCode(t, st.SetMenu(c, []int64{q.ID, 999}), warta.ENOTFOUND)
	}))
	expectChange(t, st, clock, "DeletePage (published, in the menu)", is(func() {
		if err := st.DeletePage(c, q.ID); err != nil {
			t.Fatalf("DeletePage: %v", err)
		}
	}, warta.PageTag(q.ID), warta.TagSitemap, warta.TagGlobal))
	expectChange(t, st, clock, "DeletePage (draft)", none(func() {
		if err := st.DeletePage(c, p.ID); err != nil {
			t.Fatalf("DeletePage: %v", err)
		}
	}))
}

// testPageEditConflict: two editors open the same page; the first save
// wins, the second is refused instead of silently undoing it, and a save
// from the current revision goes through.
func testPageEditConflict(t *testing.T, st warta.Store, clock *TestClock) {
	p := MustCreatePage(t, st, &warta.Page{Slug: "redaksi", Title: "Redaksi", BodyMarkdown: "Pemimpin redaksi: Ratna.",
		Status: warta.PagePublished, MenuOrder: 1})
	if p.Revision != 1 {
		t.Fatalf("CreatePage: Revision = %d, want 1", p.Revision)
	}
	if got := mustPageBySlug(t, st, "redaksi"); got.Revision != 1 {
		t.Fatalf("stored Revision = %d, want 1", got.Revision)
	}
	first, second := *p, *p // both open revision 1

	clock.Advance(time.Minute)
	first.BodyMarkdown, first.BodyHTML = "Pemimpin redaksi: Bima.", "<p>Pemimpin redaksi: Bima.</p>"
	if err := st.UpdatePage(ctx(t), &first); err != nil {
		t.Fatalf("first UpdatePage: %v", err)
	}
	if first.Revision != 2 {
		t.Errorf("first save: Revision = %d, want 2", first.Revision)
	}

	clock.Advance(time.Minute)
	second.Slug, second.Title, second.BodyMarkdown = "susunan-redaksi", "Susunan Redaksi", "Pemimpin redaksi: Sari."
	err := st.UpdatePage(ctx(t), &second)
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "revision", "error.edit_conflict")
	if second.Revision != 1 || second.Title != "Susunan Redaksi" {
		t.Errorf("a refused save changed the page given: %+v", second)
	}
	got := mustPageBySlug(t, st, "redaksi")
	if !reflect.DeepEqual(got, &first) {
		t.Errorf("after the refused save = %+v\nwant the first save %+v", got, &first)
	}
	if _, err := st.PageBySlug(ctx(t), "susunan-redaksi"); !warta.IsNotFound(err) {
		t.Errorf("the refused save's slug is in use: %v", err)
	}

	// Arranging the menu moves no revision: no editor types it, so an
	// editor with the page open must not be refused for it.
	if err := st.SetMenu(ctx(t), nil); err != nil {
		t.Fatalf("SetMenu: %v", err)
	}
	got = mustPageBySlug(t, st, "redaksi")
	if got.Revision != 2 || got.MenuOrder != 0 {
		t.Errorf("after SetMenu: Revision %d, MenuOrder %d; want 2, 0", got.Revision, got.MenuOrder)
	}

	// Saving from the current revision (the page read again, or the
	// conflict screen that carries it) succeeds and moves it on.
	second.Revision = got.Revision
	if err := st.UpdatePage(ctx(t), &second); err != nil {
		t.Fatalf("UpdatePage from the current revision: %v", err)
	}
	if second.Revision != 3 {
		t.Errorf("Revision after saving over = %d, want 3", second.Revision)
	}
	if got := mustPageBySlug(t, st, "susunan-redaksi"); !reflect.DeepEqual(got, &second) {
		t.Errorf("after saving over = %+v\nwant %+v", got, &second)
	}

	// A page that is gone is not a conflict.
	if err := st.DeletePage(ctx(t), p.ID); err != nil {
		t.Fatal(err)
	}
	MustBeCode(t, st.UpdatePage(ctx(t), &second), warta.ENOTFOUND)
}

// testPageEditConflictConcurrent: of several saves racing from the same
// revision exactly one is stored; the others are refused, not lost
// silently behind it.
func testPageEditConflictConcurrent(t *testing.T, st warta.Store, _ *TestClock) {
	p := MustCreatePage(t, st, &warta.Page{Slug: "kontak", Title: "Kontak", Status: warta.PageDraft})
	won := raceSaves(t, 8, func(i int) error {
		c := *p
		c.BodyMarkdown = fmt.Sprintf("Versi %d", i)
		return st.UpdatePage(ctx(t), &c)
	}, func(err error) { MustHaveField(t, err, "revision", "error.edit_conflict") })
	got := mustPageBySlug(t, st, "kontak")
	if want := fmt.Sprintf("Versi %d", won); got.BodyMarkdown != want || got.Revision != 2 {
		t.Errorf("stored body, Revision = %q, %d; want %q, 2", got.BodyMarkdown, got.Revision, want)
	}
}

// testPageImportBumpsRevision: re-importing a page that changed upstream
// is a save like any other, so an editor who opened the page before the
// import is refused rather than silently undoing it; an import that
// changes nothing moves nothing.
func testPageImportBumpsRevision(t *testing.T, st warta.Store, _ *TestClock) {
	k := key(warta.ImportPage, "7")
	imp := &warta.Page{Slug: "pedoman", Title: "Pedoman", BodyMarkdown: "Lama.", BodyHTML: "<p>Lama.</p>", Status: warta.PagePublished}
	if err := st.ImportPage(ctx(t), k, imp, nil); err != nil {
		t.Fatalf("ImportPage: %v", err)
	}
	if imp.Revision != 1 {
		t.Errorf("imported page: Revision = %d, want 1", imp.Revision)
	}
	open := mustPageBySlug(t, st, "pedoman") // an editor opens it

	again := &warta.Page{Slug: "pedoman", Title: "Pedoman", BodyMarkdown: "Baru dari sumber.", BodyHTML: "<p>Baru dari sumber.</p>", Status: warta.PagePublished}
	if err := st.ImportPage(ctx(t), k, again, nil); err != nil {
		t.Fatalf("ImportPage again: %v", err)
	}
	if again.ID != imp.ID || again.Revision != 2 {
		t.Errorf("re-import: ID %d Revision %d; want %d, 2", again.ID, again.Revision, imp.ID)
	}
	if got := mustPageBySlug(t, st, "pedoman"); got.Revision != 2 {
		t.Errorf("stored Revision after re-import = %d, want 2", got.Revision)
	}

	open.BodyMarkdown = "Suntingan redaksi."
	err := st.UpdatePage(ctx(t), open)
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "revision", "error.edit_conflict")
	if got := mustPageBySlug(t, st, "pedoman"); got.BodyMarkdown != "Baru dari sumber." {
		t.Errorf("after the refused save the body is %q, want the import's", got.BodyMarkdown)
	}

	same := &warta.Page{Slug: "pedoman", Title: "Pedoman", BodyMarkdown: "Baru dari sumber.", BodyHTML: "<p>Baru dari sumber.</p>", Status: warta.PagePublished}
	if err := st.ImportPage(ctx(t), k, same, nil); err != nil {
		t.Fatalf("ImportPage unchanged: %v", err)
	}
	if same.Revision != 2 {
		t.Errorf("an import that changes nothing: Revision = %d, want 2", same.Revision)
	}
}
