package storetest

import (
	"slices"
	"testing"
	"time"

	"warta"
	"warta/search"
)

// searchTests check full-text search and related articles. The corpus
// and the expected results are the same for every database: a reader
// must find the same articles, in the same order, whichever one a site
// runs on.
var searchTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"Search", testSearch},
	{"SearchFollowsEdits", testSearchFollowsEdits},
	{"SearchPagination", testSearchPagination},
	{"SearchHostileTerms", testSearchHostileTerms},
	{"Related", testRelated},
}

// SearchQuery parses a reader's query in lang the way the site does and
// returns it as the store takes it.
func SearchQuery(lang, q string) warta.SearchQuery {
	parsed := search.ParseQuery(lang, q)
	out := warta.SearchQuery{Lang: lang}
	for _, t := range parsed.Terms {
		out.Terms = append(out.Terms, warta.SearchTerm{Words: t.Words, Prefix: t.Prefix, Exclude: t.Exclude})
	}
	return out
}

// searchDoc is one article of the search corpus.
type searchDoc struct {
	slug, headline, dek, body string
	status                    warta.ArticleStatus
	ago                       time.Duration // published at Start minus ago; negative is in the future
}

// searchCorpus is a small newsroom's worth of Indonesian (and one
// English) articles, each written to test one thing.
var searchCorpus = []searchDoc{
	// "membantu" must find "bantuan" and "dibantu": one stem, bantu.
	// bantuan has it in the headline, dibantu only in the dek.
	{"bantuan-beras", "Pemerintah Salurkan Bantuan Beras untuk Korban Banjir", "",
		"Bantuan beras tiba di Demak pada Selasa pagi.", warta.StatusPublished, 10 * time.Hour},
	{"relawan-demak", "Relawan Bersihkan Lumpur di Demak", "Warga dibantu relawan dari Semarang.",
		"Lumpur setinggi lutut memenuhi jalan kampung.", warta.StatusPublished, 9 * time.Hour},
	// "inflasi": in the headline of the older one, in the body of the
	// newer one; the headline wins.
	{"inflasi-juni", "Inflasi Juni Melambat", "Harga pangan mulai turun.",
		"Badan Pusat Statistik mencatat kenaikan harga tahunan 2,5 persen.", warta.StatusPublished, 20 * time.Hour},
	{"harga-cabai", "Harga Cabai Naik Menjelang Lebaran", "",
		"Pedagang menyebut cuaca sebagai pemicu. Inflasi pangan dikhawatirkan meningkat.", warta.StatusPublished, 2 * time.Hour},
	// Never found, though they say "inflasi" in the headline.
	{"inflasi-draf", "Inflasi Draf Belum Terbit", "", "Catatan redaksi.", warta.StatusDraft, 0},
	{"inflasi-terjadwal", "Inflasi Terjadwal Terbit Besok", "", "Laporan terjadwal.", warta.StatusScheduled, -24 * time.Hour},
	{"inflasi-ditarik", "Inflasi Ditarik dari Peredaran", "", "Artikel ditarik.", warta.StatusUnpublished, 30 * time.Hour},
	// "kerja sama" apart and "kerjasama" together find each other.
	{"kerja-sama-energi", "Indonesia dan Jepang Teken Kerja Sama Energi", "",
		"Kerjasama ini mencakup pembangkit listrik tenaga surya.", warta.StatusPublished, 5 * time.Hour},
	{"pupuk-langka", "Petani Keluhkan Pupuk Langka", "",
		"Kerjasama dengan koperasi diharapkan mengatasi kelangkaan pupuk.", warta.StatusPublished, 4 * time.Hour},
	// Two identical texts: the newer one first.
	{"gempa-pagi", "Gempa Guncang Sulawesi Tengah", "", "Getaran terasa hingga Palu.", warta.StatusPublished, 8 * time.Hour},
	{"gempa-siang", "Gempa Guncang Sulawesi Tengah", "", "Getaran terasa hingga Palu.", warta.StatusPublished, 7 * time.Hour},
	// A phrase, and an exclusion.
	{"dana-desa", "Penyaluran Dana Desa Dipercepat", "",
		"Kementerian meminta dana desa cair bulan ini.", warta.StatusPublished, 6 * time.Hour},
	{"desa-wisata", "Desa Wisata Tumbuh, Dana Promosi Ditambah", "",
		"Pengunjung meningkat sejak jalan diperbaiki.", warta.StatusPublished, 3 * time.Hour},
	// English, for the English stemming.
	{"floods-java", "Floods Hit Central Java", "", "Volunteers are helping residents.", warta.StatusPublished, time.Hour},
}

// mustSearchCorpus saves searchCorpus and returns the articles by slug.
func mustSearchCorpus(t *testing.T, st warta.Store) map[string]*warta.Article {
	t.Helper()
	f := mustFixture(t, st)
	out := map[string]*warta.Article{}
	for _, d := range searchCorpus {
		a := f.article(d.slug, d.ago)
		a.Headline, a.Dek, a.BodyMarkdown, a.BodyHTML, a.Status = d.headline, d.dek, d.body, "<p>"+d.body+"</p>", d.status
		if d.status == warta.StatusDraft {
			a.PublishedAt = time.Time{}
		}
		out[d.slug] = MustCreateArticle(t, st, a)
	}
	return out
}

// mustSearch runs a search for q in lang at Start and returns the slugs
// found and the total.
func mustSearch(t *testing.T, st warta.Store, lang, q string, offset, limit int) ([]string, int) {
	t.Helper()
	list, total, err := st.Search(ctx(t), SearchQuery(lang, q), Start, offset, limit)
	if err != nil {
		t.Fatalf("Search(%s %q): %v", lang, q, err)
	}
	return slugs(list), total
}

func testSearch(t *testing.T, st warta.Store, _ *TestClock) {
	mustSearchCorpus(t, st)
	for _, tt := range []struct {
		name, lang, q string
		want          []string
	}{
		{"stems", "id", "membantu", []string{"bantuan-beras", "relawan-demak"}},
		{"stems of the other forms", "id", "bantuan dibantu", []string{"bantuan-beras", "relawan-demak"}},
		{"headline outranks body", "id", "inflasi", []string{"inflasi-juni", "harga-cabai"}},
		{"prefix", "id", "infla*", []string{"inflasi-juni", "harga-cabai"}},
		{"newer wins a tie", "id", "gempa", []string{"gempa-siang", "gempa-pagi"}},
		{"phrase", "id", `"dana desa"`, []string{"dana-desa"}},
		{"words anywhere", "id", "dana desa", []string{"dana-desa", "desa-wisata"}},
		{"exclusion", "id", "desa -wisata", []string{"dana-desa"}},
		{"excluded phrase", "id", `desa -"desa wisata"`, []string{"dana-desa"}},
		{"compound together", "id", "kerjasama", []string{"kerja-sama-energi", "pupuk-langka"}},
		{"compound apart", "id", "kerja sama", []string{"kerja-sama-energi", "pupuk-langka"}},
		{"every word must match", "id", "gempa inflasi", nil},
		{"case and accents", "id", "GÉMPA", []string{"gempa-siang", "gempa-pagi"}},
		{"only in drafts and scheduled", "id", "terjadwal", nil},
		{"only in a withdrawn article", "id", "peredaran", nil},
		{"english", "en", "flooding", []string{"floods-java"}},
		{"english stems", "en", "helped", []string{"floods-java"}},
		{"english words are not indonesian stems", "id", "flooding", nil},
		{"empty", "id", "", nil},
		{"only operators", "id", `" * NEAR : ( ^`, nil},
		{"only exclusions", "id", "-gempa", nil},
		{"sql", "id", `'; DROP TABLE articles;--`, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total := mustSearch(t, st, tt.lang, tt.q, 0, 10)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%s %q) = %q, want %q", tt.lang, tt.q, got, tt.want)
			}
			if total != len(tt.want) {
				t.Errorf("Search(%s %q) total = %d, want %d", tt.lang, tt.q, total, len(tt.want))
			}
		})
	}

	// A scheduled article is found once its time has come, without
	// anything else changing: the index already holds it.
	list, _, err := st.Search(ctx(t), SearchQuery("id", "terjadwal"), Start.Add(48*time.Hour), 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := slugs(list); len(got) != 0 {
		// Still scheduled (status), so still hidden: only PublishDue
		// makes it published.
		t.Errorf("scheduled article found before PublishDue: %q", got)
	}
	if _, err := st.PublishDue(ctx(t), Start.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	list, _, err = st.Search(ctx(t), SearchQuery("id", "terjadwal"), Start.Add(48*time.Hour), 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := slugs(list), []string{"inflasi-terjadwal"}; !slices.Equal(got, want) {
		t.Errorf("after PublishDue: Search = %q, want %q", got, want)
	}
}

func testSearchFollowsEdits(t *testing.T, st warta.Store, _ *TestClock) {
	corpus := mustSearchCorpus(t, st)

	a := corpus["gempa-pagi"]
	a.Headline, a.BodyMarkdown, a.BodyHTML = "Longsor Tutup Jalan Trans Sulawesi", "Alat berat dikerahkan.", "<p>Alat berat dikerahkan.</p>"
	mustUpdate(t, st, a)
	if got, _ := mustSearch(t, st, "id", "gempa", 0, 10); !slices.Equal(got, []string{"gempa-siang"}) {
		t.Errorf("after the edit, gempa finds %q, want only gempa-siang", got)
	}
	if got, _ := mustSearch(t, st, "id", "longsor", 0, 10); !slices.Equal(got, []string{"gempa-pagi"}) {
		t.Errorf("after the edit, longsor finds %q, want gempa-pagi", got)
	}

	// Withdrawing hides it; the index row stays for when it returns.
	b := corpus["dana-desa"]
	b.Status = warta.StatusUnpublished
	mustUpdate(t, st, b)
	if got, _ := mustSearch(t, st, "id", `"dana desa"`, 0, 10); len(got) != 0 {
		t.Errorf("a withdrawn article is found: %q", got)
	}
	b.Status = warta.StatusPublished
	mustUpdate(t, st, b)
	if got, _ := mustSearch(t, st, "id", `"dana desa"`, 0, 10); !slices.Equal(got, []string{"dana-desa"}) {
		t.Errorf("a republished article: found %q, want dana-desa", got)
	}

	if err := st.DeleteArticle(ctx(t), b.ID); err != nil {
		t.Fatal(err)
	}
	if got, total := mustSearch(t, st, "id", "desa", 0, 10); !slices.Equal(got, []string{"desa-wisata"}) || total != 1 {
		t.Errorf("after deleting dana-desa, desa finds %q (total %d), want only desa-wisata", got, total)
	}
}

func testSearchPagination(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	for i := 1; i <= 5; i++ {
		a := f.article("rapat-"+string(rune('0'+i)), time.Duration(10-i)*time.Hour)
		a.Headline = "Rapat Anggaran Dilanjutkan"
		MustCreateArticle(t, st, a)
	}
	for _, tt := range []struct {
		offset, limit int
		want          []string
	}{
		{0, 2, []string{"rapat-5", "rapat-4"}},
		{2, 2, []string{"rapat-3", "rapat-2"}},
		{4, 2, []string{"rapat-1"}},
		{6, 2, nil},
	} {
		got, total := mustSearch(t, st, "id", "anggaran", tt.offset, tt.limit)
		if !slices.Equal(got, tt.want) {
			t.Errorf("offset %d limit %d: %q, want %q", tt.offset, tt.limit, got, tt.want)
		}
		if total != 5 {
			t.Errorf("offset %d limit %d: total %d, want 5", tt.offset, tt.limit, total)
		}
	}
}

// testSearchHostileTerms hands the store terms no parser would make:
// each database must quote them, never fail on them.
func testSearchHostileTerms(t *testing.T, st warta.Store, _ *TestClock) {
	mustSearchCorpus(t, st)
	for _, words := range [][]string{
		{`"`}, {`*`}, {`'`}, {`\`}, {`gempa"`}, {`gempa' | 'x`}, {"NEAR(gempa"}, {"{headline_id}", ":", "gempa"},
		{"gempa", ""}, {"\xff\xfe"}, {"gempa", `") OR ("`},
	} {
		q := warta.SearchQuery{Lang: "id", Terms: []warta.SearchTerm{{Words: words}}}
		if _, _, err := st.Search(ctx(t), q, Start, 0, 10); err != nil {
			t.Errorf("Search(%q): %v", words, err)
		}
		q.Terms = append(q.Terms, warta.SearchTerm{Words: words, Prefix: true}, warta.SearchTerm{Words: words, Exclude: true})
		if _, _, err := st.Search(ctx(t), q, Start, 0, 10); err != nil {
			t.Errorf("Search(%q, prefix and excluded): %v", words, err)
		}
	}
}

func testRelated(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	mk := func(slug, headline string, status warta.ArticleStatus, ago time.Duration, tags ...*warta.Tag) *warta.Article {
		a := f.article(slug, ago)
		a.Headline, a.Status = headline, status
		a.BodyMarkdown, a.BodyHTML = "Isi berita.", "<p>Isi berita.</p>"
		if status == warta.StatusDraft {
			a.PublishedAt = time.Time{}
		}
		for _, tag := range tags {
			a.Tags = append(a.Tags, *tag)
		}
		return MustCreateArticle(t, st, a)
	}
	a := mk("banjir-demak", "Banjir Rendam Ribuan Rumah di Demak", warta.StatusPublished, 5*time.Hour, f.banjir, f.beras)
	mk("dua-tag", "Stok Pangan Aman", warta.StatusPublished, 30*time.Hour, f.banjir, f.beras)
	mk("satu-tag", "Tanggul Jebol Lagi", warta.StatusPublished, time.Hour, f.banjir)
	mk("satu-tag-lama", "Pengungsi Butuh Selimut", warta.StatusPublished, 40*time.Hour, f.beras)
	mk("kata-sama", "Ribuan Rumah Rusak Diterjang Angin di Kudus", warta.StatusPublished, 2*time.Hour)
	mk("lain", "Timnas Menang Tipis atas Vietnam", warta.StatusPublished, 3*time.Hour)
	mk("draf", "Banjir Rendam Ribuan Rumah", warta.StatusDraft, 0, f.banjir, f.beras)
	mk("nanti", "Banjir Rendam Ribuan Rumah", warta.StatusScheduled, -time.Hour, f.banjir, f.beras)
	mk("ditarik", "Banjir Rendam Ribuan Rumah", warta.StatusUnpublished, 6*time.Hour, f.banjir, f.beras)

	for _, tt := range []struct {
		limit int
		want  []string
	}{
		{1, []string{"dua-tag"}},
		{3, []string{"dua-tag", "satu-tag", "satu-tag-lama"}},
		{10, []string{"dua-tag", "satu-tag", "satu-tag-lama", "kata-sama"}},
		{0, nil},
	} {
		list, err := st.Related(ctx(t), a, tt.limit)
		if err != nil {
			t.Fatalf("Related(%d): %v", tt.limit, err)
		}
		if got := slugs(list); !slices.Equal(got, tt.want) {
			t.Errorf("Related(%d) = %q, want %q", tt.limit, got, tt.want)
		}
	}

	// Without tags, the words of the headline alone.
	b := mk("tanpa-tag", "Angin Kencang di Kudus", warta.StatusPublished, 4*time.Hour)
	list, err := st.Related(ctx(t), b, 5)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := slugs(list), []string{"kata-sama"}; !slices.Equal(got, want) {
		t.Errorf("Related(untagged) = %q, want %q", got, want)
	}
}
