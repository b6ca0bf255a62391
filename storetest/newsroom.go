package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"warta"
)

// newsroomTests are the cases for the newsroom: statuses, revisions and
// edit conflicts, scheduled publishing, corrections, deleting and the
// media library. Run appends them to its own.
var newsroomTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"ArticleWorkflowStatuses", testArticleWorkflowStatuses},
	{"Revisions", testRevisions},
	{"EditConflict", testEditConflict},
	{"EditConflictConcurrent", testEditConflictConcurrent},
	{"PublishDue", testPublishDue},
	{"PublishDueConcurrent", testPublishDueConcurrent},
	{"RevisedAt", testRevisedAt},
	{"Corrections", testCorrections},
	{"ArticlesText", testArticlesText},
	{"DeleteArticle", testDeleteArticle},
	{"Media", testMedia},
	{"MediaList", testMediaList},
	{"ArticleLeadMedia", testArticleLeadMedia},
}

// MustCreateScheduled creates n articles scheduled for due in a section
// and by an author of their own (slug prefix label), and returns them.
func MustCreateScheduled(tb testing.TB, st warta.Store, label string, n int, due time.Time) []*warta.Article {
	tb.Helper()
	sec := MustCreateSection(tb, st, &warta.Section{Slug: label + "-rubrik", Name: "Rubrik " + label})
	au := MustCreateAuthor(tb, st, &warta.Author{Slug: label + "-penulis", Name: "Penulis " + label})
	out := make([]*warta.Article, n)
	for i := range n {
		out[i] = MustCreateArticle(tb, st, &warta.Article{
			Slug: fmt.Sprintf("%s-terjadwal-%d", label, i), Headline: "Terjadwal", Status: warta.StatusScheduled,
			Section: *sec, Authors: []warta.Author{*au}, PublishedAt: due,
		})
	}
	return out
}

// RacePublishDue calls PublishDue(now) perStore times on each of stores,
// all goroutines released at once, and returns how often each article ID
// was returned in all. Errors fail tb. A correct store returns each due
// article exactly once.
func RacePublishDue(tb testing.TB, stores []warta.ArticleStore, now time.Time, perStore int) map[int64]int {
	tb.Helper()
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		mu    sync.Mutex
		seen  = map[int64]int{}
		errs  []error
	)
	for _, st := range stores {
		for range perStore {
			wg.Go(func() {
				<-start
				list, err := st.PublishDue(ctx(tb), now)
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					errs = append(errs, err)
				}
				for _, a := range list {
					seen[a.ID]++
				}
			})
		}
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		tb.Errorf("PublishDue: %v", err)
	}
	return seen
}

// mustUpdate saves a, failing tb on error.
func mustUpdate(tb testing.TB, st warta.Store, a *warta.Article) {
	tb.Helper()
	if err := st.UpdateArticle(ctx(tb), a); err != nil {
		tb.Fatalf("UpdateArticle(%q): %v", a.Slug, err)
	}
}

// mustArticle reads the article with ID id, failing tb on error.
func mustArticle(tb testing.TB, st warta.Store, id int64) *warta.Article {
	tb.Helper()
	a, err := st.ArticleByID(ctx(tb), id)
	if err != nil {
		tb.Fatalf("ArticleByID(%d): %v", id, err)
	}
	return a
}

// mustRevisions reads an article's revisions, failing tb on error.
func mustRevisions(tb testing.TB, st warta.Store, id int64) []*warta.Revision {
	tb.Helper()
	list, err := st.Revisions(ctx(tb), id)
	if err != nil {
		tb.Fatalf("Revisions(%d): %v", id, err)
	}
	return list
}

func revisionNumbers(list []*warta.Revision) []int {
	out := []int{}
	for _, r := range list {
		out = append(out, r.Number)
	}
	return out
}

func testArticleWorkflowStatuses(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	for _, status := range warta.ArticleStatuses {
		a := f.article("status-"+string(status), time.Hour)
		a.Status = status
		MustCreateArticle(t, st, a)
		if got := mustArticle(t, st, a.ID).Status; got != status {
			t.Errorf("Status = %q, want %q", got, status)
		}
	}
	// Pending may go without a date; scheduled may not.
	a := f.article("menunggu-tanpa-tanggal", 0)
	a.Status, a.PublishedAt = warta.StatusPending, time.Time{}
	MustCreateArticle(t, st, a)
	a.Status = warta.StatusScheduled
	err := st.UpdateArticle(ctx(t), a)
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "published_at", "error.required")

	list, total, err := st.Articles(ctx(t), warta.ArticleFilter{Status: warta.StatusPending})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	if got, want := slugs(list), []string{"status-pending", "menunggu-tanpa-tanggal"}; !slices.Equal(got, want) || total != 2 {
		t.Errorf("pending articles = %v (total %d), want %v", got, total, want)
	}
}

func testRevisions(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	dewi := MustCreateUser(t, st, staff("dewi", "Dewi Lestari"))
	eko := MustCreateUser(t, st, staff("eko", "Eko Prasetyo"))

	a := f.article("revisi", time.Hour)
	a.Status, a.PublishedAt = warta.StatusDraft, time.Time{}
	a.EditedBy, a.RevisionNote = dewi.ID, "draf pertama"
	MustCreateArticle(t, st, a)
	if a.Revision != 1 || a.OwnerID != dewi.ID {
		t.Errorf("after create Revision, OwnerID = %d, %d; want 1, %d", a.Revision, a.OwnerID, dewi.ID)
	}
	if a.EditedBy != 0 || a.RevisionNote != "" {
		t.Errorf("after create EditedBy, RevisionNote = %d, %q; want them cleared (write-only)", a.EditedBy, a.RevisionNote)
	}
	created := clock.Now()

	clock.Advance(time.Minute)
	a.Headline, a.Dek, a.BodyMarkdown = "Judul Kedua", "Dek kedua", "Isi kedua"
	a.EditedBy = eko.ID
	mustUpdate(t, st, a)
	if a.Revision != 2 {
		t.Errorf("after update Revision = %d, want 2", a.Revision)
	}
	clock.Advance(time.Minute)
	a.Slug, a.Status, a.PublishedAt = "revisi-terbit", warta.StatusPublished, Start
	a.RevisionNote = "dipulihkan dari revisi 1" // by nobody: EditedBy 0
	mustUpdate(t, st, a)
	if a.Revision != 3 {
		t.Errorf("after second update Revision = %d, want 3", a.Revision)
	}
	if got := mustArticle(t, st, a.ID); got.OwnerID != dewi.ID || got.Revision != 3 {
		t.Errorf("stored OwnerID, Revision = %d, %d; want %d, 3 (the owner never changes)", got.OwnerID, got.Revision, dewi.ID)
	}

	list := mustRevisions(t, st, a.ID)
	if got, want := revisionNumbers(list), []int{3, 2, 1}; !slices.Equal(got, want) {
		t.Fatalf("revision numbers = %v, want %v (newest first)", got, want)
	}
	want := []*warta.Revision{
		{ArticleID: a.ID, Number: 3, CreatedAt: created.Add(2 * time.Minute), Headline: "Judul Kedua", Dek: "Dek kedua",
			BodyMarkdown: "Isi kedua", Slug: "revisi-terbit", Status: warta.StatusPublished, Note: "dipulihkan dari revisi 1"},
		{ArticleID: a.ID, Number: 2, UserID: eko.ID, UserName: "Eko Prasetyo", CreatedAt: created.Add(time.Minute),
			Headline: "Judul Kedua", Dek: "Dek kedua", BodyMarkdown: "Isi kedua", Slug: "revisi", Status: warta.StatusDraft},
		{ArticleID: a.ID, Number: 1, UserID: dewi.ID, UserName: "Dewi Lestari", CreatedAt: created,
			Headline: "Berita revisi", BodyMarkdown: "Isi berita revisi.", Slug: "revisi", Status: warta.StatusDraft, Note: "draf pertama"},
	}
	for i := range want {
		mustEqualRevision(t, fmt.Sprintf("Revisions[%d]", i), list[i], want[i])
	}
	r, err := st.RevisionByNumber(ctx(t), a.ID, 2)
	if err != nil {
		t.Fatalf("RevisionByNumber: %v", err)
	}
	mustEqualRevision(t, "RevisionByNumber(2)", r, want[1])

	_, err = st.RevisionByNumber(ctx(t), a.ID, 4)
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.RevisionByNumber(ctx(t), 987654, 1)
	MustBeCode(t, err, warta.ENOTFOUND)
	if list := mustRevisions(t, st, 987654); len(list) != 0 {
		t.Errorf("Revisions of a missing article = %d, want none", len(list))
	}
}

// mustEqualRevision fails tb unless got and want hold the same revision.
func mustEqualRevision(tb testing.TB, what string, got, want *warta.Revision) {
	tb.Helper()
	g, w := *got, *want
	if !g.CreatedAt.Equal(w.CreatedAt) || g.CreatedAt.Location() != time.UTC {
		tb.Errorf("%s: CreatedAt = %v, want %v in UTC", what, g.CreatedAt, w.CreatedAt)
	}
	g.CreatedAt, w.CreatedAt = time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		tb.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

func testEditConflict(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("dua-penyunting", time.Hour))
	first, second := *a, *a // two editors open the same revision
	first.Tags, second.Tags = slices.Clone(a.Tags), slices.Clone(a.Tags)
	first.Authors, second.Authors = slices.Clone(a.Authors), slices.Clone(a.Authors)

	clock.Advance(time.Minute)
	first.Headline = "Versi Penyunting Pertama"
	mustUpdate(t, st, &first)

	clock.Advance(time.Minute)
	second.Headline = "Versi Penyunting Kedua"
	second.Slug = "versi-kedua"
	second.Tags = []warta.Tag{*f.banjir}
	err := st.UpdateArticle(ctx(t), &second)
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "revision", "error.edit_conflict")

	got := mustArticle(t, st, a.ID)
	MustEqualArticle(t, "after the refused save", got, &first)
	if _, err := st.ArticleBySlug(ctx(t), "versi-kedua"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Errorf("the refused save's slug was recorded: ArticleBySlug err = %v, want ENOTFOUND", err)
	}
	if got := revisionNumbers(mustRevisions(t, st, a.ID)); !slices.Equal(got, []int{2, 1}) {
		t.Errorf("revisions after the refused save = %v, want [2 1]", got)
	}

	// Reloaded, the second editor may save.
	second = *got
	second.Headline = "Versi Penyunting Kedua"
	mustUpdate(t, st, &second)
	if second.Revision != 3 {
		t.Errorf("Revision = %d, want 3", second.Revision)
	}
}

func testEditConflictConcurrent(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("rebutan", time.Hour))
	won := raceSaves(t, 8, func(i int) error {
		c := *a
		c.Headline = fmt.Sprintf("Versi %d", i)
		c.Tags, c.Authors = slices.Clone(a.Tags), slices.Clone(a.Authors)
		return st.UpdateArticle(ctx(t), &c)
	}, nil)
	got := mustArticle(t, st, a.ID)
	if want := fmt.Sprintf("Versi %d", won); got.Headline != want || got.Revision != 2 {
		t.Errorf("stored Headline, Revision = %q, %d; want %q, 2", got.Headline, got.Revision, want)
	}
	if got := revisionNumbers(mustRevisions(t, st, a.ID)); !slices.Equal(got, []int{2, 1}) {
		t.Errorf("revisions = %v, want [2 1]", got)
	}
}

func testPublishDue(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	mk := func(slug string, status warta.ArticleStatus, at time.Time) *warta.Article {
		a := f.article(slug, 0)
		a.Status, a.PublishedAt = status, at
		return MustCreateArticle(t, st, a)
	}
	early := mk("jadwal-lalu", warta.StatusScheduled, Start.Add(-time.Hour))
	onTime := mk("jadwal-tepat", warta.StatusScheduled, Start)
	later := mk("jadwal-nanti", warta.StatusScheduled, Start.Add(time.Hour))
	mk("draf", warta.StatusDraft, time.Time{})
	mk("menunggu", warta.StatusPending, Start.Add(-time.Hour))
	mk("sudah-terbit", warta.StatusPublished, Start.Add(-2*time.Hour))

	clock.Advance(time.Minute)
	got, err := st.PublishDue(ctx(t), Start)
	if err != nil {
		t.Fatalf("PublishDue: %v", err)
	}
	if got, want := slugs(got), []string{"jadwal-tepat", "jadwal-lalu"}; !slices.Equal(got, want) {
		t.Fatalf("PublishDue = %v, want %v", got, want)
	}
	for _, a := range got {
		if a.Status != warta.StatusPublished || a.Revision != 2 || !a.UpdatedAt.Equal(clock.Now()) {
			t.Errorf("%s: Status, Revision, UpdatedAt = %q, %d, %v; want published, 2, %v", a.Slug, a.Status, a.Revision, a.UpdatedAt, clock.Now())
		}
		if len(a.Authors) != 1 || a.Section.ID == 0 {
			t.Errorf("%s: Authors and Section not filled: %+v, %+v", a.Slug, a.Authors, a.Section)
		}
	}
	stored := mustArticle(t, st, early.ID)
	if stored.Status != warta.StatusPublished || !stored.PublishedAt.Equal(early.PublishedAt) {
		t.Errorf("stored: Status %q, PublishedAt %v; want published, %v", stored.Status, stored.PublishedAt, early.PublishedAt)
	}
	revs := mustRevisions(t, st, onTime.ID)
	if len(revs) != 2 || revs[0].Number != 2 || revs[0].Note != "published on schedule" ||
		revs[0].Status != warta.StatusPublished || revs[0].UserID != 0 || revs[0].UserName != "" {
		t.Errorf("newest revision after PublishDue = %+v, want number 2, published on schedule by nobody", revs[0])
	}
	if got := mustArticle(t, st, later.ID).Status; got != warta.StatusScheduled {
		t.Errorf("article due later: Status = %q, want scheduled", got)
	}

	again, err := st.PublishDue(ctx(t), Start)
	if err != nil {
		t.Fatalf("second PublishDue: %v", err)
	}
	if len(again) != 0 {
		t.Errorf("second PublishDue = %v, want none", slugs(again))
	}
	got, err = st.PublishDue(ctx(t), Start.Add(time.Hour))
	if err != nil {
		t.Fatalf("PublishDue an hour later: %v", err)
	}
	if got, want := slugs(got), []string{"jadwal-nanti"}; !slices.Equal(got, want) {
		t.Errorf("PublishDue an hour later = %v, want %v", got, want)
	}
}

func testPublishDueConcurrent(t *testing.T, st warta.Store, _ *TestClock) {
	due := MustCreateScheduled(t, st, "balapan", 12, Start.Add(-time.Minute))
	seen := RacePublishDue(t, []warta.ArticleStore{st}, Start, 6)
	for _, a := range due {
		if seen[a.ID] != 1 {
			t.Errorf("article %d returned %d times, want exactly once", a.ID, seen[a.ID])
		}
	}
	if len(seen) != len(due) {
		t.Errorf("%d articles returned, want %d", len(seen), len(due))
	}
	for _, a := range due {
		if got := revisionNumbers(mustRevisions(t, st, a.ID)); !slices.Equal(got, []int{2, 1}) {
			t.Errorf("article %d revisions = %v, want [2 1] (one publication)", a.ID, got)
		}
	}
}

func testRevisedAt(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("diperbarui", time.Hour))
	if !a.RevisedAt.IsZero() {
		t.Errorf("RevisedAt after create = %v, want zero", a.RevisedAt)
	}
	clock.Advance(time.Minute)
	a.BodyMarkdown = "Salah ketik diperbaiki."
	mustUpdate(t, st, a)
	if !a.RevisedAt.IsZero() {
		t.Errorf("RevisedAt after a non-substantive save = %v, want zero", a.RevisedAt)
	}

	clock.Advance(time.Minute)
	revised := clock.Now()
	a.BodyMarkdown, a.Substantive = "Korban bertambah menjadi 12 orang.", true
	mustUpdate(t, st, a)
	if !a.RevisedAt.Equal(revised) || a.RevisedAt.Location() != time.UTC {
		t.Errorf("RevisedAt after a substantive save = %v, want %v in UTC", a.RevisedAt, revised)
	}
	if a.Substantive {
		t.Error("Substantive is still set after the save, want it cleared (write-only)")
	}

	clock.Advance(time.Minute)
	a.Dek = "Dek baru."
	mustUpdate(t, st, a)
	if got := mustArticle(t, st, a.ID).RevisedAt; !got.Equal(revised) {
		t.Errorf("RevisedAt after a later non-substantive save = %v, want it kept at %v", got, revised)
	}

	// Only a published article is revised in the readers' sense.
	d := f.article("draf-substantif", 0)
	d.Status, d.PublishedAt = warta.StatusDraft, time.Time{}
	MustCreateArticle(t, st, d)
	d.Substantive = true
	mustUpdate(t, st, d)
	if !d.RevisedAt.IsZero() {
		t.Errorf("RevisedAt of a draft after a substantive save = %v, want zero", d.RevisedAt)
	}

	clock.Advance(time.Hour)
	c := &warta.Correction{ArticleID: a.ID, Note: "Nama kepala desa sebelumnya salah ditulis."}
	if err := st.AddCorrection(ctx(t), c); err != nil {
		t.Fatalf("AddCorrection: %v", err)
	}
	got := mustArticle(t, st, a.ID)
	if !got.RevisedAt.Equal(clock.Now()) || !got.RevisedAt.Equal(c.CreatedAt) {
		t.Errorf("RevisedAt after a correction = %v, want %v (the correction's time)", got.RevisedAt, c.CreatedAt)
	}
	if got.Revision != a.Revision {
		t.Errorf("Revision after a correction = %d, want %d (a correction is no save)", got.Revision, a.Revision)
	}
}

func testCorrections(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	dewi := MustCreateUser(t, st, staff("dewi", "Dewi Lestari"))
	a := MustCreateArticle(t, st, f.article("koreksi", time.Hour))
	other := MustCreateArticle(t, st, f.article("lain", time.Hour))

	var want []*warta.Correction
	for i, note := range []string{"  Koreksi pertama.  ", "Koreksi kedua."} {
		clock.Advance(time.Minute)
		c := &warta.Correction{ArticleID: a.ID, Note: note, UserID: dewi.ID * int64(i)}
		if err := st.AddCorrection(ctx(t), c); err != nil {
			t.Fatalf("AddCorrection: %v", err)
		}
		if c.ID == 0 || !c.CreatedAt.Equal(clock.Now()) {
			t.Errorf("AddCorrection set ID %d, CreatedAt %v; want an ID and %v", c.ID, c.CreatedAt, clock.Now())
		}
		want = append(want, &warta.Correction{ID: c.ID, ArticleID: a.ID, Note: c.Note, UserID: c.UserID, CreatedAt: c.CreatedAt})
	}
	if want[0].Note != "Koreksi pertama." {
		t.Errorf("Note = %q, want it trimmed", want[0].Note)
	}
	got, err := st.Corrections(ctx(t), a.ID)
	if err != nil {
		t.Fatalf("Corrections: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Corrections (oldest first):\n got %v\nwant %v", got, want)
	}
	if list, err := st.Corrections(ctx(t), other.ID); err != nil || len(list) != 0 {
		t.Errorf("Corrections of an article without = %v, %v; want none", list, err)
	}

	err = st.AddCorrection(ctx(t), &warta.Correction{ArticleID: a.ID, Note: "   "})
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "note", "error.required")
	err = st.AddCorrection(ctx(t), &warta.Correction{ArticleID: 987654, Note: "Tidak ada artikelnya."})
	MustBeCode(t, err, warta.ENOTFOUND)
}

func testArticlesText(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	mk := func(slug, headline, dek string, status warta.ArticleStatus) {
		a := f.article(slug, time.Hour)
		a.Headline, a.Dek, a.Status = headline, dek, status
		MustCreateArticle(t, st, a)
	}
	mk("harga-beras", "Harga Beras Naik 10% di Pasar Induk", "", warta.StatusPublished)
	mk("harga-cabai", "Harga Cabai Naik 100 Persen", "", warta.StatusDraft)
	mk("skor-persib", "Persib Menang 1_0 atas Persija", "", warta.StatusPublished)
	mk("warga-mengungsi-demak", "Warga Mengungsi", "Banjir bandang melanda tiga desa.", warta.StatusPublished)
	mk("data-bocor", `Folder C:\Arsip Bocor`, "", warta.StatusPublished)

	tests := []struct {
		name   string
		filter warta.ArticleFilter
		want   []string
	}{
		{"headline any case", warta.ArticleFilter{Text: "BERAS"}, []string{"harga-beras"}},
		{"two headlines", warta.ArticleFilter{Text: "harga"}, []string{"harga-cabai", "harga-beras"}},
		{"dek", warta.ArticleFilter{Text: "banjir BANDANG"}, []string{"warga-mengungsi-demak"}},
		{"slug", warta.ArticleFilter{Text: "demak"}, []string{"warga-mengungsi-demak"}},
		{"percent is literal", warta.ArticleFilter{Text: "10%"}, []string{"harga-beras"}},
		{"underscore is literal", warta.ArticleFilter{Text: "1_0"}, []string{"skor-persib"}},
		{"backslash is literal", warta.ArticleFilter{Text: `c:\arsip`}, []string{"data-bocor"}},
		{"lone percent", warta.ArticleFilter{Text: "%"}, []string{"harga-beras"}},
		{"with status", warta.ArticleFilter{Text: "harga", Status: warta.StatusDraft}, []string{"harga-cabai"}},
		{"no match", warta.ArticleFilter{Text: "gempa"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := st.Articles(ctx(t), tt.filter)
			if err != nil {
				t.Fatalf("Articles: %v", err)
			}
			got := slugs(list)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) || total != len(want) {
				t.Errorf("slugs = %v (total %d), want %v", got, total, want)
			}
		})
	}
}

func testDeleteArticle(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	count := func(filter warta.CommentFilter) int {
		t.Helper()
		_, total, err := st.Comments(ctx(t), filter)
		if err != nil {
			t.Fatalf("Comments: %v", err)
		}
		return total
	}
	mkThread := func(a *warta.Article) {
		root := MustCreateComment(t, st, comment(a.ID, 0, "akar-"+a.Slug, warta.CommentApproved))
		reply := MustCreateComment(t, st, comment(a.ID, root.ID, "balasan-"+a.Slug, warta.CommentApproved))
		MustCreateComment(t, st, comment(a.ID, reply.ID, "balasan-lagi-"+a.Slug, warta.CommentPending))
		if err := st.AddCorrection(ctx(t), &warta.Correction{ArticleID: a.ID, Note: "Koreksi."}); err != nil {
			t.Fatalf("AddCorrection: %v", err)
		}
		a.Headline = "Diubah"
		mustUpdate(t, st, a)
	}
	gone := f.article("akan-dihapus", time.Hour)
	gone.Tags = []warta.Tag{*f.banjir}
	gone.Authors = []warta.Author{*f.rina, *f.budi}
	MustCreateArticle(t, st, gone)
	gone.Slug = "akan-dihapus-baru" // a former slug too
	mustUpdate(t, st, gone)
	mkThread(gone)
	kept := MustCreateArticle(t, st, f.article("tetap", 2*time.Hour))
	mkThread(kept)

	if err := st.DeleteArticle(ctx(t), gone.ID); err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}
	_, err := st.ArticleByID(ctx(t), gone.ID)
	MustBeCode(t, err, warta.ENOTFOUND)
	for _, slug := range []string{"akan-dihapus", "akan-dihapus-baru"} {
		_, err = st.ArticleBySlug(ctx(t), slug)
		MustBeCode(t, err, warta.ENOTFOUND)
	}
	if n := count(warta.CommentFilter{ArticleID: gone.ID}); n != 0 {
		t.Errorf("comments of the deleted article = %d, want 0", n)
	}
	if n := len(mustRevisions(t, st, gone.ID)); n != 0 {
		t.Errorf("revisions of the deleted article = %d, want 0", n)
	}
	if list, err := st.Corrections(ctx(t), gone.ID); err != nil || len(list) != 0 {
		t.Errorf("corrections of the deleted article = %d, %v; want 0", len(list), err)
	}
	for name, filter := range map[string]warta.ArticleFilter{
		"tag":    {TagID: f.banjir.ID},
		"author": {AuthorID: f.budi.ID},
	} {
		if _, total, err := st.Articles(ctx(t), filter); err != nil || total != 0 {
			t.Errorf("articles by %s after delete = %d, %v; want 0", name, total, err)
		}
	}

	// The other article keeps everything.
	if n := count(warta.CommentFilter{ArticleID: kept.ID}); n != 3 {
		t.Errorf("comments of the kept article = %d, want 3", n)
	}
	if n := len(mustRevisions(t, st, kept.ID)); n != 2 {
		t.Errorf("revisions of the kept article = %d, want 2", n)
	}
	if got := mustArticle(t, st, kept.ID); got.CommentCount != 2 {
		t.Errorf("CommentCount of the kept article = %d, want 2", got.CommentCount)
	}

	// Its slugs are free again.
	MustCreateArticle(t, st, f.article("akan-dihapus", time.Hour))

	err = st.DeleteArticle(ctx(t), gone.ID)
	MustBeCode(t, err, warta.ENOTFOUND)
}

// media returns a valid media entry whose hash and path come from label.
func media(label string) *warta.Media {
	return &warta.Media{
		Hash: fmt.Sprintf("%064x", []byte(label)), Path: "2024/06/" + label + ".jpg", MIME: "image/jpeg",
		Width: 1600, Height: 900, Size: 345678, OriginalName: label + ".jpg",
		Variants: []warta.ImageVariant{
			{Path: "2024/06/" + label + "-480.jpg", Width: 480, Height: 270},
			{Path: "2024/06/" + label + "-960.jpg", Width: 960, Height: 540},
		},
	}
}

// mustEqualMedia fails tb unless got and want hold the same entry.
func mustEqualMedia(tb testing.TB, what string, got, want *warta.Media) {
	tb.Helper()
	g, w := *got, *want
	if !g.CreatedAt.Equal(w.CreatedAt) || g.CreatedAt.Location() != time.UTC {
		tb.Errorf("%s: CreatedAt = %v, want %v in UTC", what, g.CreatedAt, w.CreatedAt)
	}
	g.CreatedAt, w.CreatedAt = time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		tb.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

func testMedia(t *testing.T, st warta.Store, clock *TestClock) {
	dewi := MustCreateUser(t, st, staff("dewi", "Dewi Lestari"))
	m := media("banjir-demak")
	m.Alt, m.Caption, m.Credit, m.UploadedBy = "Warga mengarungi banjir", "Banjir di Demak", "Foto: Rina/Warta", dewi.ID
	if err := st.CreateMedia(ctx(t), m); err != nil {
		t.Fatalf("CreateMedia: %v", err)
	}
	if m.ID == 0 || !m.CreatedAt.Equal(clock.Now()) {
		t.Fatalf("CreateMedia set ID %d, CreatedAt %v; want an ID and %v", m.ID, m.CreatedAt, clock.Now())
	}
	want := *m
	got, err := st.MediaByID(ctx(t), m.ID)
	if err != nil {
		t.Fatalf("MediaByID: %v", err)
	}
	mustEqualMedia(t, "MediaByID", got, &want)
	got, err = st.MediaByHash(ctx(t), m.Hash)
	if err != nil {
		t.Fatalf("MediaByHash: %v", err)
	}
	mustEqualMedia(t, "MediaByHash", got, &want)

	// No variants (a picture smaller than every width) round-trips too.
	small := media("ikon")
	small.Variants = nil
	if err := st.CreateMedia(ctx(t), small); err != nil {
		t.Fatalf("CreateMedia: %v", err)
	}
	if got, err := st.MediaByID(ctx(t), small.ID); err != nil || got.Variants != nil {
		t.Errorf("MediaByID without variants = %+v, %v; want nil Variants", got, err)
	}

	dup := media("banjir-demak")
	dup.Path = "2024/06/lain.jpg"
	err = st.CreateMedia(ctx(t), dup)
	MustBeCode(t, err, warta.ECONFLICT)
	err = st.CreateMedia(ctx(t), &warta.Media{Path: "x.jpg", MIME: "image/jpeg"})
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "hash", "error.required")

	upd := &warta.Media{ID: m.ID, Alt: " Warga menyelamatkan ternak ", Caption: "", Credit: "Foto: Budi/Warta", Hash: "diabaikan", Path: "diabaikan"}
	if err := st.UpdateMedia(ctx(t), upd); err != nil {
		t.Fatalf("UpdateMedia: %v", err)
	}
	want.Alt, want.Caption, want.Credit = "Warga menyelamatkan ternak", "", "Foto: Budi/Warta"
	mustEqualMedia(t, "UpdateMedia filled", upd, &want)
	got, err = st.MediaByID(ctx(t), m.ID)
	if err != nil {
		t.Fatalf("MediaByID: %v", err)
	}
	mustEqualMedia(t, "MediaByID after update", got, &want)

	err = st.UpdateMedia(ctx(t), &warta.Media{ID: 987654, Alt: "x"})
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.MediaByID(ctx(t), 987654)
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.MediaByHash(ctx(t), "tidak-ada")
	MustBeCode(t, err, warta.ENOTFOUND)
}

func testMediaList(t *testing.T, st warta.Store, clock *TestClock) {
	var all []string // newest first
	for i := range 5 {
		m := media(fmt.Sprintf("foto-%d", i))
		if err := st.CreateMedia(ctx(t), m); err != nil {
			t.Fatalf("CreateMedia: %v", err)
		}
		all = append([]string{m.OriginalName}, all...)
		if i != 2 { // two in the same instant: the later ID first
			clock.Advance(time.Minute)
		}
	}
	names := func(list []*warta.Media) []string {
		var out []string
		for _, m := range list {
			out = append(out, m.OriginalName)
		}
		return out
	}
	tests := []struct {
		offset, limit int
		want          []string
	}{
		{0, 2, all[0:2]},
		{2, 2, all[2:4]},
		{4, 2, all[4:]},
		{6, 2, nil},
		{-1, 0, all},
		{0, warta.MaxPageSize + 1, all},
	}
	for _, tt := range tests {
		list, total, err := st.MediaList(ctx(t), tt.offset, tt.limit)
		if err != nil {
			t.Fatalf("MediaList(%d, %d): %v", tt.offset, tt.limit, err)
		}
		if got := names(list); !slices.Equal(got, tt.want) || total != 5 {
			t.Errorf("MediaList(%d, %d) = %v (total %d), want %v (total 5)", tt.offset, tt.limit, got, total, tt.want)
		}
	}
	if list, _, err := st.MediaList(ctx(t), 0, 1); err != nil || !reflect.DeepEqual(list[0].Variants, media("foto-4").Variants) {
		t.Errorf("MediaList variants = %+v, %v; want them filled", list, err)
	}
}

func testArticleLeadMedia(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	m := media("gempa")
	if err := st.CreateMedia(ctx(t), m); err != nil {
		t.Fatalf("CreateMedia: %v", err)
	}
	a := f.article("gempa-cianjur", time.Hour)
	a.LeadImage = warta.Image{MediaID: m.ID, Path: m.Path, Alt: "Rumah roboh", Width: m.Width, Height: m.Height, Variants: m.Variants}
	MustCreateArticle(t, st, a)
	want := a.LeadImage
	for name, get := range map[string]func() (*warta.Article, error){
		"ArticleByID":   func() (*warta.Article, error) { return st.ArticleByID(ctx(t), a.ID) },
		"ArticleBySlug": func() (*warta.Article, error) { return st.ArticleBySlug(ctx(t), a.Slug) },
		"Articles": func() (*warta.Article, error) {
			list, _, err := st.Articles(ctx(t), warta.ArticleFilter{})
			if err != nil || len(list) == 0 {
				return nil, fmt.Errorf("%d articles, %w", len(list), err)
			}
			return list[0], nil
		},
	} {
		got, err := get()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got.LeadImage, want) {
			t.Errorf("%s LeadImage:\n got %+v\nwant %+v", name, got.LeadImage, want)
		}
	}

	a.LeadImage = warta.Image{}
	mustUpdate(t, st, a)
	if got := mustArticle(t, st, a.ID).LeadImage; !reflect.DeepEqual(got, warta.Image{}) {
		t.Errorf("LeadImage after removing it = %+v, want none", got)
	}

	bad := f.article("tanpa-media", time.Hour)
	bad.LeadImage = warta.Image{MediaID: 987654, Path: "x.jpg"}
	err := st.CreateArticle(ctx(t), bad)
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "lead_image", "error.not_found")
}

// raceSaves runs save(0) … save(n-1) at the same moment, each an edit
// from the same revision, and returns the one that succeeded. It fails
// the test unless exactly one did and every other got ECONFLICT, which
// it passes to conflict (when not nil) for more checks.
func raceSaves(t *testing.T, n int, save func(i int) error, conflict func(err error)) int {
	t.Helper()
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		errs  = make([]error, n)
	)
	for i := range n {
		wg.Go(func() {
			<-start
			errs[i] = save(i)
		})
	}
	close(start)
	wg.Wait()
	won := -1
	for i, err := range errs {
		switch warta.ErrorCode(err) {
		case "":
			if won >= 0 {
				t.Errorf("saves %d and %d both succeeded from the same revision", won, i)
			}
			won = i
		case warta.ECONFLICT:
			if conflict != nil {
				conflict(err)
			}
		default:
			t.Errorf("save %d: %v, want success or ECONFLICT", i, err)
		}
	}
	if won < 0 {
		t.Fatal("no save succeeded")
	}
	return won
}
