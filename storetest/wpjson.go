package storetest

import (
	"maps"
	"slices"
	"testing"
	"time"

	"warta"
)

// wpjsonTests cover what the WordPress-compatible API (package wpjson)
// asks of the store: lists of sections, tags and authors, a lower date
// bound, other orders, public comment lists and published media.
var wpjsonTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"WPArticleFilters", testWPArticleFilters},
	{"WPArticleOrders", testWPArticleOrders},
	{"WPCommentFilters", testWPCommentFilters},
	{"WPPublishedMedia", testWPPublishedMedia},
	{"WPTermCounts", testWPTermCounts},
}

// testWPTermCounts: only articles readers may see count, each article
// once per tag, and terms with none are absent.
func testWPTermCounts(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	mk := func(slug string, ago time.Duration, change func(a *warta.Article)) {
		a := f.article(slug, ago)
		change(a)
		MustCreateArticle(t, st, a)
	}
	mk("a", time.Hour, func(a *warta.Article) { a.Tags = []warta.Tag{*f.banjir, *f.pemilu} })
	mk("b", 2*time.Hour, func(a *warta.Article) { a.Tags = []warta.Tag{*f.banjir} })
	mk("c", 3*time.Hour, func(a *warta.Article) { a.Section, a.Tags = *f.ekonomi, []warta.Tag{*f.beras} })
	mk("draft", time.Hour, func(a *warta.Article) {
		a.Status, a.PublishedAt, a.Section, a.Tags = warta.StatusDraft, time.Time{}, *f.ekonomi, []warta.Tag{*f.beras}
	})
	mk("later", -time.Hour, func(a *warta.Article) {
		a.Status, a.Tags = warta.StatusScheduled, []warta.Tag{*f.pemilu}
	})

	sections, tags, err := st.TermCounts(ctx(t), Start)
	if err != nil {
		t.Fatalf("TermCounts: %v", err)
	}
	wantSections := map[int64]int{f.nasional.ID: 2, f.ekonomi.ID: 1}
	wantTags := map[int64]int{f.banjir.ID: 2, f.pemilu.ID: 1, f.beras.ID: 1}
	if !maps.Equal(sections, wantSections) {
		t.Errorf("sections = %v, want %v", sections, wantSections)
	}
	if !maps.Equal(tags, wantTags) {
		t.Errorf("tags = %v, want %v", tags, wantTags)
	}
}

func testWPArticleFilters(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	mk := func(slug string, ago time.Duration, change func(a *warta.Article)) *warta.Article {
		a := f.article(slug, ago)
		if change != nil {
			change(a)
		}
		return MustCreateArticle(t, st, a)
	}
	mk("a-banjir", 1*time.Hour, func(a *warta.Article) { a.Tags = []warta.Tag{*f.banjir} })
	mk("b-ekonomi", 2*time.Hour, func(a *warta.Article) {
		a.Section, a.Tags, a.Authors = *f.ekonomi, []warta.Tag{*f.beras}, []warta.Author{*f.budi}
	})
	mk("c-pemilu", 3*time.Hour, func(a *warta.Article) {
		a.Tags, a.Authors = []warta.Tag{*f.pemilu, *f.banjir}, []warta.Author{*f.sari}
	})
	mk("d-lama", 48*time.Hour, nil)

	tests := []struct {
		name   string
		filter warta.ArticleFilter
		want   []string
	}{
		{"sections", warta.ArticleFilter{SectionIDs: []int64{f.ekonomi.ID, f.nasional.ID}}, []string{"a-banjir", "b-ekonomi", "c-pemilu", "d-lama"}},
		{"one section in a list", warta.ArticleFilter{SectionIDs: []int64{f.ekonomi.ID}}, []string{"b-ekonomi"}},
		{"tags, an article once", warta.ArticleFilter{TagIDs: []int64{f.banjir.ID, f.pemilu.ID}}, []string{"a-banjir", "c-pemilu"}},
		{"authors", warta.ArticleFilter{AuthorIDs: []int64{f.budi.ID, f.sari.ID}}, []string{"b-ekonomi", "c-pemilu"}},
		{"after is exclusive", warta.ArticleFilter{PublishedAfter: Start.Add(-2 * time.Hour)}, []string{"a-banjir"}},
		{"between", warta.ArticleFilter{PublishedAfter: Start.Add(-4 * time.Hour), PublishedBefore: Start.Add(-2 * time.Hour)}, []string{"b-ekonomi", "c-pemilu"}},
		{"lists and single IDs together", warta.ArticleFilter{TagIDs: []int64{f.banjir.ID}, AuthorID: f.sari.ID}, []string{"c-pemilu"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := st.Articles(ctx(t), tt.filter)
			if err != nil {
				t.Fatalf("Articles: %v", err)
			}
			if got := slugs(list); !slices.Equal(got, tt.want) {
				t.Errorf("slugs = %v, want %v", got, tt.want)
			}
			if total != len(tt.want) {
				t.Errorf("total = %d, want %d", total, len(tt.want))
			}
		})
	}
}

func testWPArticleOrders(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	mk := func(slug, headline string, ago time.Duration) *warta.Article {
		a := f.article(slug, ago)
		a.Headline = headline
		return MustCreateArticle(t, st, a)
	}
	// IDs in creation order: b, c, a. Dates: a newest, then b, then c.
	b := mk("b-kedua", "Cuaca hari ini", 2*time.Hour)
	mk("c-ketiga", "banjir surut", 3*time.Hour)
	mk("a-pertama", "Angin kencang", 1*time.Hour)
	clock.Advance(time.Minute)
	b.Dek = "diperbarui"
	if err := st.UpdateArticle(ctx(t), b); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		filter warta.ArticleFilter
		want   []string
	}{
		{"date desc", warta.ArticleFilter{}, []string{"a-pertama", "b-kedua", "c-ketiga"}},
		{"date asc", warta.ArticleFilter{Ascending: true}, []string{"c-ketiga", "b-kedua", "a-pertama"}},
		{"id desc", warta.ArticleFilter{OrderBy: warta.OrderByID}, []string{"a-pertama", "c-ketiga", "b-kedua"}},
		{"id asc", warta.ArticleFilter{OrderBy: warta.OrderByID, Ascending: true}, []string{"b-kedua", "c-ketiga", "a-pertama"}},
		{"title asc, any case", warta.ArticleFilter{OrderBy: warta.OrderByTitle, Ascending: true}, []string{"a-pertama", "c-ketiga", "b-kedua"}},
		{"slug desc", warta.ArticleFilter{OrderBy: warta.OrderBySlug}, []string{"c-ketiga", "b-kedua", "a-pertama"}},
		{"modified desc", warta.ArticleFilter{OrderBy: warta.OrderByModified}, []string{"b-kedua", "a-pertama", "c-ketiga"}},
		{"second page keeps the order", warta.ArticleFilter{OrderBy: warta.OrderByID, Ascending: true, Offset: 1, Limit: 1}, []string{"c-ketiga"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := st.Articles(ctx(t), tt.filter)
			if err != nil {
				t.Fatalf("Articles: %v", err)
			}
			if got := slugs(list); !slices.Equal(got, tt.want) {
				t.Errorf("slugs = %v, want %v", got, tt.want)
			}
			if total != 3 {
				t.Errorf("total = %d, want 3", total)
			}
		})
	}
}

func testWPCommentFilters(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	seen := MustCreateArticle(t, st, f.article("terbit", time.Hour))
	later := MustCreateArticle(t, st, f.article("nanti", -time.Hour))
	mk := func(a *warta.Article, parent int64, status warta.CommentStatus) *warta.Comment {
		clock.Advance(time.Second)
		return MustCreateComment(t, st, &warta.Comment{ArticleID: a.ID, ParentID: parent, AuthorName: "Ani",
			AuthorEmail: "ani@example.id", Content: "Komentar", ContentHTML: "<p>Komentar</p>", Status: status})
	}
	top := mk(seen, 0, warta.CommentApproved)
	reply := mk(seen, top.ID, warta.CommentApproved)
	top2 := mk(seen, 0, warta.CommentApproved)
	mk(seen, 0, warta.CommentPending)
	later1 := mk(later, 0, warta.CommentApproved) // on an article readers cannot see yet

	ids := func(list []*warta.Comment) []int64 {
		var out []int64
		for _, c := range list {
			out = append(out, c.ID)
		}
		return out
	}
	tests := []struct {
		name   string
		filter warta.CommentFilter
		want   []int64
	}{
		{"visible, newest first", warta.CommentFilter{Status: warta.CommentApproved, VisibleAt: Start}, []int64{top2.ID, reply.ID, top.ID}},
		{"oldest first", warta.CommentFilter{Status: warta.CommentApproved, VisibleAt: Start, Oldest: true}, []int64{top.ID, reply.ID, top2.ID}},
		{"top level", warta.CommentFilter{Status: warta.CommentApproved, VisibleAt: Start, Parents: []int64{0}}, []int64{top2.ID, top.ID}},
		{"replies to one", warta.CommentFilter{Status: warta.CommentApproved, Parents: []int64{top.ID}}, []int64{reply.ID}},
		{"top level or replies", warta.CommentFilter{Status: warta.CommentApproved, VisibleAt: Start, Parents: []int64{0, top.ID}, Oldest: true}, []int64{top.ID, reply.ID, top2.ID}},
		{"articles list", warta.CommentFilter{Status: warta.CommentApproved, ArticleIDs: []int64{later.ID, seen.ID}, Parents: []int64{0}}, []int64{later1.ID, top2.ID, top.ID}},
		{"empty parents list matches nothing", warta.CommentFilter{Parents: []int64{}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := st.Comments(ctx(t), tt.filter)
			if err != nil {
				t.Fatalf("Comments: %v", err)
			}
			if got := ids(list); !slices.Equal(got, tt.want) {
				t.Errorf("ids = %v, want %v", got, tt.want)
			}
			if total != len(tt.want) {
				t.Errorf("total = %d, want %d", total, len(tt.want))
			}
		})
	}
}

func testWPPublishedMedia(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	mkMedia := func(label string) *warta.Media {
		clock.Advance(time.Second)
		m := media(label)
		if err := st.CreateMedia(ctx(t), m); err != nil {
			t.Fatalf("CreateMedia: %v", err)
		}
		return m
	}
	lead, embargoed, draft, loose := mkMedia("lead"), mkMedia("embargo"), mkMedia("draft"), mkMedia("loose")
	withLead := func(slug string, m *warta.Media, ago time.Duration, status warta.ArticleStatus) {
		a := f.article(slug, ago)
		a.Status = status
		a.LeadImage = warta.Image{MediaID: m.ID, Path: m.Path, Width: m.Width, Height: m.Height}
		MustCreateArticle(t, st, a)
	}
	withLead("terbit", lead, time.Hour, warta.StatusPublished)
	withLead("terbit-lagi", lead, 2*time.Hour, warta.StatusPublished) // one entry, two articles
	withLead("embargo", embargoed, -time.Hour, warta.StatusScheduled)
	withLead("draf", draft, time.Hour, warta.StatusDraft)
	_ = loose

	list, total, err := st.PublishedMedia(ctx(t), Start, nil, 0, 10)
	if err != nil {
		t.Fatalf("PublishedMedia: %v", err)
	}
	if total != 1 || len(list) != 1 || list[0].ID != lead.ID {
		t.Fatalf("PublishedMedia = %d entries (total %d), want only %d", len(list), total, lead.ID)
	}
	mustEqualMedia(t, "published entry", list[0], lead)
	if list, total, err := st.PublishedMedia(ctx(t), Start, []int64{embargoed.ID, loose.ID}, 0, 10); err != nil || len(list) != 0 || total != 0 {
		t.Errorf("PublishedMedia(embargoed, loose) = %d entries, total %d, %v; want none", len(list), total, err)
	}
	if list, total, err := st.PublishedMedia(ctx(t), Start, nil, 5, 10); err != nil || len(list) != 0 || total != 1 {
		t.Errorf("PublishedMedia past the end = %d entries, total %d, %v; want none, total 1", len(list), total, err)
	}
	// The embargo lifts when its time comes.
	if _, total, err := st.PublishedMedia(ctx(t), Start.Add(2*time.Hour), []int64{embargoed.ID}, 0, 10); err != nil || total != 0 {
		t.Errorf("scheduled, not yet published by the job: total %d, %v; want 0", total, err)
	}
	articles, _, err := st.Articles(ctx(t), warta.ArticleFilter{LeadMediaID: lead.ID})
	if err != nil || len(articles) != 2 {
		t.Errorf("Articles(LeadMediaID) = %d, %v; want 2", len(articles), err)
	}
}
