// Package storetest is the contract that every warta.Store must keep: one
// suite of tests, run by package sqlite and package postgres against
// their real databases.
//
// A store package runs it from a test:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) warta.Store {
//			return MustOpenMigrated(t, storetest.Clock(t))
//		})
//	}
//
// The package also starts a throw-away PostgreSQL for tests (see
// PostgresURL). A package whose tests call PostgresURL must stop it after
// its tests by calling Main from TestMain:
//
//	func TestMain(m *testing.M) { storetest.Main(m) }
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"warta"
)

// Run runs the contract suite as subtests of t. open must return a fresh,
// empty, migrated store for the test it is given, whose clock is
// Clock(t); the suite closes it.
func Run(t *testing.T, open func(t *testing.T) warta.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st warta.Store, clock *TestClock)
	}{
		{"Ping", testPing},
		{"Section", testSection},
		{"SectionInvalid", testSectionInvalid},
		{"Sections", testSections},
		{"Tag", testTag},
		{"Author", testAuthor},
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"ArticleDraft", testArticleDraft},
		{"ArticleUnicode", testArticleUnicode},
		{"ArticleInvalid", testArticleInvalid},
		{"ArticleMissingReferences", testArticleMissingReferences},
		{"ArticleSlugConflict", testArticleSlugConflict},
		{"ArticleNotFound", testArticleNotFound},
		{"UpdateArticle", testUpdateArticle},
		{"UpdateArticleSlug", testUpdateArticleSlug},
		{"UpdateArticleNotFound", testUpdateArticleNotFound},
		{"ArticlesFilter", testArticlesFilter},
		{"ArticlesPagination", testArticlesPagination},
		{"ArticlesLimitClamped", testArticlesLimitClamped},
		{"CommentRoundTrip", testCommentRoundTrip},
		{"CommentInvalid", testCommentInvalid},
		{"CommentNonce", testCommentNonce},
		{"UpdateComment", testUpdateComment},
		{"CommentsFilter", testCommentsFilter},
		{"Thread", testThread},
		{"CommentCount", testCommentCount},
		{"HasApprovedComment", testHasApprovedComment},
		{"IsDuplicateComment", testIsDuplicateComment},
		{"AnonymizeComments", testAnonymizeComments},
		{"Settings", testSettings},
		{"RateLimiter", testRateLimiter},
		{"RateLimiterConcurrent", testRateLimiterConcurrent},
	}
	tests = append(tests, accountTests...)
	tests = append(tests, newsroomTests...)
	tests = append(tests, distributionTests...)
	tests = append(tests, searchTests...)
	tests = append(tests, changeTests...)
	tests = append(tests, apiTokenTests...)
	tests = append(tests, wpjsonTests...)
	tests = append(tests, pageTests...)
	tests = append(tests, importTests...)
	tests = append(tests, authorMapTests...)
	tests = append(tests, docsTests...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := open(t)
			t.Cleanup(func() { st.Close() })
			c := clockFor(t)
			c.mu.Lock()
			requested := c.requested
			c.mu.Unlock()
			if !requested {
				t.Fatal("storetest: open must give the store storetest.Clock(t) as its clock")
			}
			tt.fn(t, st, c)
		})
	}
}

// ctx is the context for the suite's calls: the test's own, cancelled
// when it ends.
func ctx(tb testing.TB) context.Context {
	if t, ok := tb.(interface{ Context() context.Context }); ok {
		return t.Context()
	}
	return context.Background()
}

func testPing(t *testing.T, st warta.Store, _ *TestClock) {
	if err := st.Ping(ctx(t)); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func testSection(t *testing.T, st warta.Store, _ *TestClock) {
	want := MustCreateSection(t, st, &warta.Section{Slug: "ekonomi", Name: " Ekonomi ", Description: "Uang dan pasar", Position: 2})
	if want.ID == 0 {
		t.Fatal("CreateSection did not set ID")
	}
	if got, want := want.Name, "Ekonomi"; got != want {
		t.Errorf("Name after create = %q, want %q (trimmed)", got, want)
	}
	got, err := st.SectionBySlug(ctx(t), "ekonomi")
	if err != nil {
		t.Fatalf("SectionBySlug: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SectionBySlug = %+v, want %+v", got, want)
	}

	err = st.CreateSection(ctx(t), &warta.Section{Slug: "ekonomi", Name: "Lain"})
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "slug", "error.slug_taken")

	_, err = st.SectionBySlug(ctx(t), "olahraga")
	MustBeCode(t, err, warta.ENOTFOUND)
}

func testSectionInvalid(t *testing.T, st warta.Store, _ *TestClock) {
	tests := []struct {
		name  string
		sec   warta.Section
		field string
	}{
		{"bad slug", warta.Section{Slug: "Bad Slug", Name: "Nasional"}, "slug"},
		{"empty slug", warta.Section{Slug: "", Name: "Nasional"}, "slug"},
		{"blank name", warta.Section{Slug: "nasional", Name: "  "}, "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := st.CreateSection(ctx(t), &tt.sec)
			MustBeCode(t, err, warta.EINVALID)
			MustHaveField(t, err, tt.field, "")
		})
	}
	list, err := st.Sections(ctx(t))
	if err != nil {
		t.Fatalf("Sections: %v", err)
	}
	if got := len(list); got != 0 {
		t.Errorf("after invalid creates, %d sections stored, want 0", got)
	}
}

func testSections(t *testing.T, st warta.Store, _ *TestClock) {
	MustCreateSection(t, st, &warta.Section{Slug: "olahraga", Name: "Olahraga", Position: 3})
	MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional", Position: 1})
	MustCreateSection(t, st, &warta.Section{Slug: "ekonomi", Name: "Ekonomi", Position: 2})
	MustCreateSection(t, st, &warta.Section{Slug: "dunia", Name: "Dunia", Position: 2})
	list, err := st.Sections(ctx(t))
	if err != nil {
		t.Fatalf("Sections: %v", err)
	}
	var got []string
	for _, s := range list {
		got = append(got, s.Slug)
	}
	if want := []string{"nasional", "dunia", "ekonomi", "olahraga"}; !slices.Equal(got, want) {
		t.Errorf("Sections order = %v, want %v (by position, then name)", got, want)
	}
}

func testTag(t *testing.T, st warta.Store, _ *TestClock) {
	want := MustCreateTag(t, st, &warta.Tag{Slug: "pemilu-2024", Name: "Pemilu 2024"})
	got, err := st.TagBySlug(ctx(t), "pemilu-2024")
	if err != nil {
		t.Fatalf("TagBySlug: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TagBySlug = %+v, want %+v", got, want)
	}
	err = st.CreateTag(ctx(t), &warta.Tag{Slug: "pemilu-2024", Name: "Lain"})
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "slug", "error.slug_taken")

	err = st.CreateTag(ctx(t), &warta.Tag{Slug: "banjir", Name: ""})
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "name", "error.required")
	err = st.CreateTag(ctx(t), &warta.Tag{Slug: "-banjir", Name: "Banjir"})
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "slug", "error.slug_invalid")

	_, err = st.TagBySlug(ctx(t), "banjir")
	MustBeCode(t, err, warta.ENOTFOUND)
}

func testAuthor(t *testing.T, st warta.Store, _ *TestClock) {
	want := MustCreateAuthor(t, st, &warta.Author{Slug: "rina-pertiwi", Name: "Rina Pertiwi", Bio: "Wartawan ekonomi di Jakarta."})
	got, err := st.AuthorBySlug(ctx(t), "rina-pertiwi")
	if err != nil {
		t.Fatalf("AuthorBySlug: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AuthorBySlug = %+v, want %+v", got, want)
	}
	err = st.CreateAuthor(ctx(t), &warta.Author{Slug: "rina-pertiwi", Name: "Rina P."})
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "slug", "error.slug_taken")

	err = st.CreateAuthor(ctx(t), &warta.Author{Slug: "budi", Name: " "})
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "name", "error.required")

	_, err = st.AuthorBySlug(ctx(t), "budi")
	MustBeCode(t, err, warta.ENOTFOUND)
}

// fixture is a small newsroom: two sections, three tags, three authors.
type fixture struct {
	nasional, ekonomi     *warta.Section
	banjir, pemilu, beras *warta.Tag
	rina, budi, sari      *warta.Author
}

func mustFixture(tb testing.TB, st warta.Store) *fixture {
	tb.Helper()
	return &fixture{
		nasional: MustCreateSection(tb, st, &warta.Section{Slug: "nasional", Name: "Nasional", Position: 1}),
		ekonomi:  MustCreateSection(tb, st, &warta.Section{Slug: "ekonomi", Name: "Ekonomi", Position: 2}),
		banjir:   MustCreateTag(tb, st, &warta.Tag{Slug: "banjir", Name: "Banjir"}),
		pemilu:   MustCreateTag(tb, st, &warta.Tag{Slug: "pemilu-2024", Name: "Pemilu 2024"}),
		beras:    MustCreateTag(tb, st, &warta.Tag{Slug: "harga-beras", Name: "Harga Beras"}),
		rina:     MustCreateAuthor(tb, st, &warta.Author{Slug: "rina-pertiwi", Name: "Rina Pertiwi", Bio: "Ekonomi"}),
		budi:     MustCreateAuthor(tb, st, &warta.Author{Slug: "budi-santoso", Name: "Budi Santoso"}),
		sari:     MustCreateAuthor(tb, st, &warta.Author{Slug: "sari-dewi", Name: "Sari Dewi"}),
	}
}

// article returns a valid published article in f's Nasional section by
// Rina, published at Start minus ago.
func (f *fixture) article(slug string, ago time.Duration) *warta.Article {
	return &warta.Article{
		Slug:         slug,
		Headline:     "Berita " + slug,
		BodyMarkdown: "Isi berita " + slug + ".",
		BodyHTML:     "<p>Isi berita " + slug + ".</p>",
		Status:       warta.StatusPublished,
		Section:      *f.nasional,
		Authors:      []warta.Author{*f.rina},
		PublishedAt:  Start.Add(-ago),
	}
}

func testArticleRoundTrip(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	wib := time.FixedZone("WIB", 7*3600)
	in := &warta.Article{
		Slug:         "banjir-demak-rendam-ribuan-rumah",
		Headline:     "Banjir Demak Rendam Ribuan Rumah",
		Dek:          "Tanggul Sungai Wulan jebol setelah hujan tiga hari.",
		BodyMarkdown: "Air setinggi **satu meter** menggenangi desa.",
		BodyHTML:     "<p>Air setinggi <strong>satu meter</strong> menggenangi desa.</p>",
		Status:       warta.StatusPublished,
		Section:      warta.Section{ID: f.ekonomi.ID}, // only the ID is used on writes
		Tags:         []warta.Tag{{ID: f.pemilu.ID}, {ID: f.banjir.ID}},
		Authors:      []warta.Author{{ID: f.sari.ID}, {ID: f.rina.ID}}, // byline order, not ID order
		LeadImage: warta.Image{
			Path: "2024/06/banjir-demak.jpg", Alt: "Warga mengarungi banjir", Caption: "Warga Desa Ketanjung mengungsi.",
			Credit: "Foto: Rina Pertiwi/Warta", Width: 1600, Height: 900,
		},
		CommentsOpen: true,
		PublishedAt:  time.Date(2024, 6, 19, 13, 45, 30, 123456000, wib),
	}
	MustCreateArticle(t, st, in)
	if in.ID == 0 {
		t.Fatal("CreateArticle did not set ID")
	}
	want := &warta.Article{
		ID: in.ID, Slug: "banjir-demak-rendam-ribuan-rumah",
		Headline:     "Banjir Demak Rendam Ribuan Rumah",
		Dek:          "Tanggul Sungai Wulan jebol setelah hujan tiga hari.",
		BodyMarkdown: "Air setinggi **satu meter** menggenangi desa.",
		BodyHTML:     "<p>Air setinggi <strong>satu meter</strong> menggenangi desa.</p>",
		Status:       warta.StatusPublished,
		Section:      *f.ekonomi,
		Tags:         []warta.Tag{*f.pemilu, *f.banjir},
		Authors:      []warta.Author{*f.sari, *f.rina},
		LeadImage:    in.LeadImage,
		CommentsOpen: true,
		PublishedAt:  time.Date(2024, 6, 19, 6, 45, 30, 123456000, time.UTC),
		CreatedAt:    clock.Now(),
		UpdatedAt:    clock.Now(),
		Revision:     1,
	}
	MustEqualArticle(t, "CreateArticle filled", in, want)

	got, err := st.ArticleByID(ctx(t), in.ID)
	if err != nil {
		t.Fatalf("ArticleByID: %v", err)
	}
	MustEqualArticle(t, "ArticleByID", got, want)

	got, err = st.ArticleBySlug(ctx(t), want.Slug)
	if err != nil {
		t.Fatalf("ArticleBySlug: %v", err)
	}
	MustEqualArticle(t, "ArticleBySlug", got, want)

	list, total, err := st.Articles(ctx(t), warta.ArticleFilter{})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	if total != 1 || len(list) != 1 {
		t.Fatalf("Articles = %d articles, total %d; want 1, 1", len(list), total)
	}
	MustEqualArticle(t, "Articles", list[0], want)

	// Comments closed must round-trip too, not only the default.
	closed := f.article("komentar-ditutup", time.Hour)
	closed.CommentsOpen = false
	MustCreateArticle(t, st, closed)
	got, err = st.ArticleByID(ctx(t), closed.ID)
	if err != nil {
		t.Fatalf("ArticleByID: %v", err)
	}
	if got.CommentsOpen {
		t.Error("CommentsOpen = true, want false")
	}
}

func testArticleDraft(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	a := f.article("draf-belum-terbit", 0)
	a.Status = warta.StatusDraft
	a.PublishedAt = time.Time{}
	MustCreateArticle(t, st, a)
	got, err := st.ArticleByID(ctx(t), a.ID)
	if err != nil {
		t.Fatalf("ArticleByID: %v", err)
	}
	if !got.PublishedAt.IsZero() {
		t.Errorf("PublishedAt = %v, want the zero time", got.PublishedAt)
	}
	if got, want := got.Status, warta.StatusDraft; got != want {
		t.Errorf("Status = %q, want %q", got, want)
	}
	// Lists for readers pass PublishedBefore; a draft has no date and
	// must not show up there.
	_, total, err := st.Articles(ctx(t), warta.ArticleFilter{PublishedBefore: Start.Add(24 * time.Hour)})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	if total != 0 {
		t.Errorf("Articles(PublishedBefore) total = %d, want 0 (drafts have no date)", total)
	}
}

func testArticleUnicode(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	sec := MustCreateSection(t, st, &warta.Section{Slug: "gaya-hidup", Name: "Gaya Hidup ☕", Description: "Kopi, kuliner & cerita — “asli” 🇮🇩"})
	tag := MustCreateTag(t, st, &warta.Tag{Slug: "kuliner", Name: "Kuliner 🍜"})
	au := MustCreateAuthor(t, st, &warta.Author{Slug: "nyoman", Name: "I Nyoman Suarsana", Bio: "Penulis dari Singaraja 🌴, suka ngopi."})
	a := f.article("rendang-terenak", time.Hour)
	a.Headline = "Rendang Terenak di Dunia? Ini Kata Juri 🍛🏆"
	a.Dek = "Masakan Minang — “wajib” dicoba; harganya Rp 45.000,-"
	a.BodyMarkdown = "Ibu Ratna berkata: «Bumbu harus ditumis 4 jam.» 😋\n\nZażółć gęślą jaźń · 日本語 · العربية"
	a.LeadImage = warta.Image{Path: "2024/06/rendang.jpg", Alt: "Sepiring rendang 🍛", Caption: "Rendang di Padang", Credit: "Foto: Ñandú/Warta"}
	a.Section = *sec
	a.Tags = []warta.Tag{*tag}
	a.Authors = []warta.Author{*au}
	MustCreateArticle(t, st, a)

	got, err := st.ArticleBySlug(ctx(t), "rendang-terenak")
	if err != nil {
		t.Fatalf("ArticleBySlug: %v", err)
	}
	for _, c := range []struct{ name, got, want string }{
		{"Headline", got.Headline, a.Headline},
		{"Dek", got.Dek, a.Dek},
		{"BodyMarkdown", got.BodyMarkdown, a.BodyMarkdown},
		{"LeadImage.Alt", got.LeadImage.Alt, a.LeadImage.Alt},
		{"LeadImage.Credit", got.LeadImage.Credit, a.LeadImage.Credit},
		{"Section.Name", got.Section.Name, "Gaya Hidup ☕"},
		{"Section.Description", got.Section.Description, sec.Description},
		{"Tags[0].Name", got.Tags[0].Name, "Kuliner 🍜"},
		{"Authors[0].Bio", got.Authors[0].Bio, au.Bio},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

func testArticleInvalid(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	tests := []struct {
		name   string
		change func(a *warta.Article)
		field  string
	}{
		{"bad slug", func(a *warta.Article) { a.Slug = "Banjir Demak" }, "slug"},
		{"no headline", func(a *warta.Article) { a.Headline = " " }, "headline"},
		{"unknown status", func(a *warta.Article) { a.Status = "archived" }, "status"},
		{"no section", func(a *warta.Article) { a.Section = warta.Section{} }, "section"},
		{"no authors", func(a *warta.Article) { a.Authors = nil }, "authors"},
		{"published without date", func(a *warta.Article) { a.PublishedAt = time.Time{} }, "published_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := f.article("artikel-"+strings.ReplaceAll(tt.name, " ", "-"), time.Hour)
			tt.change(a)
			err := st.CreateArticle(ctx(t), a)
			MustBeCode(t, err, warta.EINVALID)
			MustHaveField(t, err, tt.field, "")
		})
	}
	_, total, err := st.Articles(ctx(t), warta.ArticleFilter{})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	if total != 0 {
		t.Errorf("after invalid creates, %d articles stored, want 0", total)
	}
}

func testArticleMissingReferences(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	tests := []struct {
		name   string
		change func(a *warta.Article)
		field  string
	}{
		{"section", func(a *warta.Article) { a.Section = warta.Section{ID: 9999} }, "section"},
		{"tag", func(a *warta.Article) { a.Tags = []warta.Tag{*f.banjir, {ID: 9999}} }, "tags"},
		{"author", func(a *warta.Article) { a.Authors = []warta.Author{*f.rina, {ID: 9999}} }, "authors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := f.article("tanpa-"+tt.name, time.Hour)
			tt.change(a)
			err := st.CreateArticle(ctx(t), a)
			MustBeCode(t, err, warta.EINVALID)
			MustHaveField(t, err, tt.field, "error.not_found")
		})
	}
}

func testArticleSlugConflict(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	MustCreateArticle(t, st, f.article("harga-beras-naik", time.Hour))
	err := st.CreateArticle(ctx(t), f.article("harga-beras-naik", 2*time.Hour))
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "slug", "error.slug_taken")
}

func testArticleNotFound(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	MustCreateArticle(t, st, f.article("ada", time.Hour))
	_, err := st.ArticleByID(ctx(t), 987654)
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.ArticleBySlug(ctx(t), "tidak-ada")
	MustBeCode(t, err, warta.ENOTFOUND)
}

func testUpdateArticle(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	a := f.article("gempa-cianjur", time.Hour)
	a.Tags = []warta.Tag{*f.banjir, *f.pemilu}
	a.Authors = []warta.Author{*f.rina, *f.budi}
	a.CommentsOpen = true
	MustCreateArticle(t, st, a)
	created := a.CreatedAt

	clock.Advance(90 * time.Minute)
	a.Headline = "Gempa Cianjur: Korban Bertambah"
	a.Dek = "Data terbaru BNPB."
	a.BodyMarkdown = "Diperbarui."
	a.BodyHTML = "<p>Diperbarui.</p>"
	a.Section = *f.ekonomi
	a.Tags = []warta.Tag{*f.beras}
	a.Authors = []warta.Author{*f.sari, *f.rina} // Budi off the byline, Sari first
	a.LeadImage = warta.Image{Path: "2024/06/gempa.jpg", Alt: "Rumah roboh", Width: 800, Height: 600}
	a.CommentsOpen = false
	a.Status = warta.StatusUnpublished
	a.PublishedAt = Start.Add(-30 * time.Minute)
	if err := st.UpdateArticle(ctx(t), a); err != nil {
		t.Fatalf("UpdateArticle: %v", err)
	}
	want := &warta.Article{
		ID: a.ID, Slug: "gempa-cianjur",
		Headline: "Gempa Cianjur: Korban Bertambah", Dek: "Data terbaru BNPB.",
		BodyMarkdown: "Diperbarui.", BodyHTML: "<p>Diperbarui.</p>",
		Status:       warta.StatusUnpublished,
		Section:      *f.ekonomi,
		Tags:         []warta.Tag{*f.beras},
		Authors:      []warta.Author{*f.sari, *f.rina},
		LeadImage:    warta.Image{Path: "2024/06/gempa.jpg", Alt: "Rumah roboh", Width: 800, Height: 600},
		CommentsOpen: false,
		PublishedAt:  Start.Add(-30 * time.Minute),
		CreatedAt:    created,
		UpdatedAt:    clock.Now(),
		Revision:     2,
	}
	MustEqualArticle(t, "UpdateArticle filled", a, want)
	got, err := st.ArticleByID(ctx(t), a.ID)
	if err != nil {
		t.Fatalf("ArticleByID: %v", err)
	}
	MustEqualArticle(t, "ArticleByID after update", got, want)
	if !got.UpdatedAt.After(got.CreatedAt) {
		t.Errorf("UpdatedAt %v not after CreatedAt %v", got.UpdatedAt, got.CreatedAt)
	}

	// The old tag and author no longer list the article.
	_, total, err := st.Articles(ctx(t), warta.ArticleFilter{TagID: f.banjir.ID})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	if total != 0 {
		t.Errorf("articles tagged banjir after update = %d, want 0", total)
	}
	_, total, err = st.Articles(ctx(t), warta.ArticleFilter{AuthorID: f.budi.ID})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	if total != 0 {
		t.Errorf("articles by Budi after update = %d, want 0", total)
	}

	// Back to a draft: the date can be cleared.
	a.Status, a.PublishedAt = warta.StatusDraft, time.Time{}
	if err := st.UpdateArticle(ctx(t), a); err != nil {
		t.Fatalf("UpdateArticle to draft: %v", err)
	}
	got, err = st.ArticleByID(ctx(t), a.ID)
	if err != nil {
		t.Fatalf("ArticleByID: %v", err)
	}
	if !got.PublishedAt.IsZero() {
		t.Errorf("PublishedAt after clearing = %v, want zero", got.PublishedAt)
	}

	// Invalid input is refused and changes nothing.
	bad := *got
	bad.Headline = ""
	err = st.UpdateArticle(ctx(t), &bad)
	MustBeCode(t, err, warta.EINVALID)
	got, err = st.ArticleByID(ctx(t), a.ID)
	if err != nil {
		t.Fatalf("ArticleByID: %v", err)
	}
	if got.Headline != want.Headline {
		t.Errorf("Headline after refused update = %q, want %q", got.Headline, want.Headline)
	}
}

func testUpdateArticleSlug(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	a := f.article("judul-lama", time.Hour)
	MustCreateArticle(t, st, a)
	other := f.article("artikel-lain", 2*time.Hour)
	MustCreateArticle(t, st, other)

	a.Slug = "judul-baru"
	if err := st.UpdateArticle(ctx(t), a); err != nil {
		t.Fatalf("UpdateArticle: %v", err)
	}
	for _, slug := range []string{"judul-lama", "judul-baru"} {
		got, err := st.ArticleBySlug(ctx(t), slug)
		if err != nil {
			t.Fatalf("ArticleBySlug(%q): %v", slug, err)
		}
		if got.ID != a.ID || got.Slug != "judul-baru" {
			t.Errorf("ArticleBySlug(%q) = ID %d slug %q, want ID %d slug %q", slug, got.ID, got.Slug, a.ID, "judul-baru")
		}
	}

	// Nobody else may take the old slug: it still redirects to a.
	err := st.CreateArticle(ctx(t), f.article("judul-lama", 3*time.Hour))
	MustBeCode(t, err, warta.ECONFLICT)
	other.Slug = "judul-lama"
	err = st.UpdateArticle(ctx(t), other)
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "slug", "error.slug_taken")
	// Nor the current one.
	other.Slug = "judul-baru"
	err = st.UpdateArticle(ctx(t), other)
	MustBeCode(t, err, warta.ECONFLICT)
	got, err := st.ArticleByID(ctx(t), other.ID)
	if err != nil {
		t.Fatalf("ArticleByID: %v", err)
	}
	if got.Slug != "artikel-lain" {
		t.Errorf("slug after refused update = %q, want %q", got.Slug, "artikel-lain")
	}

	// The article itself may go back to its former slug.
	a.Slug = "judul-lama"
	if err := st.UpdateArticle(ctx(t), a); err != nil {
		t.Fatalf("UpdateArticle back to former slug: %v", err)
	}
	got, err = st.ArticleBySlug(ctx(t), "judul-baru")
	if err != nil {
		t.Fatalf("ArticleBySlug: %v", err)
	}
	if got.ID != a.ID || got.Slug != "judul-lama" {
		t.Errorf("ArticleBySlug(judul-baru) = ID %d slug %q, want ID %d slug judul-lama", got.ID, got.Slug, a.ID)
	}
}

func testUpdateArticleNotFound(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	a := f.article("hantu", time.Hour)
	a.ID = 4242
	err := st.UpdateArticle(ctx(t), a)
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.ArticleBySlug(ctx(t), "hantu")
	MustBeCode(t, err, warta.ENOTFOUND)
}

func testArticlesFilter(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	mk := func(slug string, ago time.Duration, change func(a *warta.Article)) {
		a := f.article(slug, ago)
		if change != nil {
			change(a)
		}
		MustCreateArticle(t, st, a)
	}
	// Created out of date order, so an ID order would be wrong.
	mk("b-ekonomi-beras", 2*time.Hour, func(a *warta.Article) {
		a.Section = *f.ekonomi
		a.Tags = []warta.Tag{*f.beras}
		a.Authors = []warta.Author{*f.budi, *f.rina}
	})
	mk("a-nasional-banjir", 1*time.Hour, func(a *warta.Article) { a.Tags = []warta.Tag{*f.banjir} })
	mk("d-nasional-lama", 48*time.Hour, func(a *warta.Article) { a.Tags = []warta.Tag{*f.banjir, *f.pemilu} })
	mk("c-ekonomi-sari", 3*time.Hour, func(a *warta.Article) {
		a.Section = *f.ekonomi
		a.Authors = []warta.Author{*f.sari}
	})
	mk("e-terjadwal", -2*time.Hour, nil) // scheduled for later
	mk("f-draf", 0, func(a *warta.Article) { a.Status, a.PublishedAt = warta.StatusDraft, time.Time{} })
	mk("g-ditarik", 5*time.Hour, func(a *warta.Article) { a.Status = warta.StatusUnpublished })
	// Same second as a-nasional-banjir: the later ID comes first.
	mk("h-nasional-kembar", 1*time.Hour, nil)

	tests := []struct {
		name   string
		filter warta.ArticleFilter
		want   []string
	}{
		{"all", warta.ArticleFilter{}, []string{"e-terjadwal", "h-nasional-kembar", "a-nasional-banjir", "b-ekonomi-beras", "c-ekonomi-sari", "g-ditarik", "d-nasional-lama", "f-draf"}},
		{"section", warta.ArticleFilter{SectionID: f.ekonomi.ID}, []string{"b-ekonomi-beras", "c-ekonomi-sari"}},
		{"tag", warta.ArticleFilter{TagID: f.banjir.ID}, []string{"a-nasional-banjir", "d-nasional-lama"}},
		{"author", warta.ArticleFilter{AuthorID: f.rina.ID}, []string{"e-terjadwal", "h-nasional-kembar", "a-nasional-banjir", "b-ekonomi-beras", "g-ditarik", "d-nasional-lama", "f-draf"}},
		{"second author", warta.ArticleFilter{AuthorID: f.budi.ID}, []string{"b-ekonomi-beras"}},
		{"status draft", warta.ArticleFilter{Status: warta.StatusDraft}, []string{"f-draf"}},
		{"status unpublished", warta.ArticleFilter{Status: warta.StatusUnpublished}, []string{"g-ditarik"}},
		{"readers", warta.ArticleFilter{Status: warta.StatusPublished, PublishedBefore: Start}, []string{"h-nasional-kembar", "a-nasional-banjir", "b-ekonomi-beras", "c-ekonomi-sari", "d-nasional-lama"}},
		{"published before is inclusive", warta.ArticleFilter{PublishedBefore: Start.Add(-2 * time.Hour)}, []string{"b-ekonomi-beras", "c-ekonomi-sari", "g-ditarik", "d-nasional-lama"}},
		{"combined", warta.ArticleFilter{SectionID: f.nasional.ID, TagID: f.pemilu.ID, AuthorID: f.rina.ID, Status: warta.StatusPublished, PublishedBefore: Start}, []string{"d-nasional-lama"}},
		{"no match", warta.ArticleFilter{TagID: f.pemilu.ID, SectionID: f.ekonomi.ID}, nil},
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
			if got, want := total, len(tt.want); got != want {
				t.Errorf("total = %d, want %d", got, want)
			}
		})
	}

	// Lists fill Section, Tags and Authors like single reads do.
	list, _, err := st.Articles(ctx(t), warta.ArticleFilter{SectionID: f.ekonomi.ID})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	b := list[0]
	if got, want := b.Section.Slug, "ekonomi"; got != want {
		t.Errorf("Section.Slug = %q, want %q", got, want)
	}
	if got, want := tagSlugs(b.Tags), []string{"harga-beras"}; !slices.Equal(got, want) {
		t.Errorf("Tags = %v, want %v", got, want)
	}
	if got, want := authorSlugs(b.Authors), []string{"budi-santoso", "rina-pertiwi"}; !slices.Equal(got, want) {
		t.Errorf("Authors = %v, want %v (byline order)", got, want)
	}
	if c := list[1]; c.Tags == nil || len(c.Tags) != 0 {
		t.Errorf("Tags of an untagged article = %#v, want an empty, non-nil slice", c.Tags)
	}
}

func testArticlesPagination(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	for i := range 5 {
		MustCreateArticle(t, st, f.article(fmt.Sprintf("berita-%d", i), time.Duration(i)*time.Hour))
	}
	tests := []struct {
		offset, limit int
		want          []string
	}{
		{0, 2, []string{"berita-0", "berita-1"}},
		{2, 2, []string{"berita-2", "berita-3"}},
		{4, 2, []string{"berita-4"}},
		{6, 2, nil},
		{-3, 2, []string{"berita-0", "berita-1"}}, // a negative offset is the first page
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("offset %d limit %d", tt.offset, tt.limit), func(t *testing.T) {
			list, total, err := st.Articles(ctx(t), warta.ArticleFilter{Offset: tt.offset, Limit: tt.limit})
			if err != nil {
				t.Fatalf("Articles: %v", err)
			}
			if got := slugs(list); !slices.Equal(got, tt.want) {
				t.Errorf("slugs = %v, want %v", got, tt.want)
			}
			if total != 5 {
				t.Errorf("total = %d, want 5", total)
			}
		})
	}
}

func testArticlesLimitClamped(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	n := warta.MaxPageSize + 1
	for i := range n {
		MustCreateArticle(t, st, f.article(fmt.Sprintf("berita-%03d", i), time.Duration(i)*time.Minute))
	}
	for _, limit := range []int{0, -1, warta.MaxPageSize + 1, 100000} {
		list, total, err := st.Articles(ctx(t), warta.ArticleFilter{Limit: limit})
		if err != nil {
			t.Fatalf("Articles(Limit %d): %v", limit, err)
		}
		if got, want := len(list), warta.MaxPageSize; got != want {
			t.Errorf("Articles(Limit %d) returned %d, want %d", limit, got, want)
		}
		if total != n {
			t.Errorf("Articles(Limit %d) total = %d, want %d", limit, total, n)
		}
	}
	list, _, err := st.Articles(ctx(t), warta.ArticleFilter{Offset: warta.MaxPageSize})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	if got, want := slugs(list), []string{fmt.Sprintf("berita-%03d", n-1)}; !slices.Equal(got, want) {
		t.Errorf("second page = %v, want %v", got, want)
	}
}

func slugs(list []*warta.Article) []string {
	var out []string
	for _, a := range list {
		out = append(out, a.Slug)
	}
	return out
}

func tagSlugs(tags []warta.Tag) []string {
	var out []string
	for _, t := range tags {
		out = append(out, t.Slug)
	}
	return out
}

func authorSlugs(authors []warta.Author) []string {
	var out []string
	for _, a := range authors {
		out = append(out, a.Slug)
	}
	return out
}
