package mdimport_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/importer/mdimport"
	"warta/media/mediatest"
	"warta/postgres"
	"warta/sqlite"
	"warta/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// now is when the tests import: after every dated post in testdata
// except the one set for 2099.
var now = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

var jakarta, _ = time.LoadLocation("Asia/Jakarta")

// eachStore runs fn against a fresh SQLite and a fresh PostgreSQL store.
func eachStore(t *testing.T, fn func(t *testing.T, st warta.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := sqlite.Open(context.Background(), t.TempDir(), time.Now)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		fn(t, st)
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(context.Background(), storetest.PostgresURL(t), time.Now)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		fn(t, st)
	})
}

// copySite copies testdata/site to a folder the test may change.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir("testdata/site", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("testdata/site", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func options(st warta.Store, mediaDir string) mdimport.Options {
	return mdimport.Options{Store: st, MediaDir: mediaDir, Location: jakarta, Now: func() time.Time { return now }}
}

func mustImport(t *testing.T, opts mdimport.Options, paths ...string) *mdimport.Report {
	t.Helper()
	rep, err := mdimport.Import(context.Background(), opts, paths)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return rep
}

func counts(r *mdimport.Report) [5]int {
	return [5]int{r.Created, r.Updated, r.Unchanged, r.Failed, r.MediaAdded}
}

func article(t *testing.T, st warta.Store, slug string) *warta.Article {
	t.Helper()
	a, err := st.ArticleBySlug(context.Background(), slug)
	if err != nil {
		t.Fatalf("article %q: %v", slug, err)
	}
	return a
}

func slugsOf[T any](list []T, get func(T) string) []string {
	var out []string
	for _, x := range list {
		out = append(out, get(x))
	}
	slices.Sort(out)
	return out
}

func TestImportSite(t *testing.T) {
	eachStore(t, func(t *testing.T, st warta.Store) {
		ctx := context.Background()
		site := copySite(t)
		mediaDir := t.TempDir()
		opts := options(st, mediaDir)
		hugo, jekyll := filepath.Join(site, "hugo", "content"), filepath.Join(site, "jekyll")

		rep := mustImport(t, opts, hugo, jekyll)
		// 6 articles; the broken file fails; 4 distinct pictures (the
		// Jekyll post uses one twice, as lead and in its body).
		if got, want := counts(rep), [5]int{6, 0, 0, 1, 4}; got != want {
			t.Fatalf("created, updated, unchanged, failed, media = %v, want %v\n%+v", got, want, rep.Files)
		}
		broken := rep.Files[len(rep.Files)-1]
		var fe *mdimport.FileError
		if !errors.As(broken.Err, &fe) || !strings.HasSuffix(fe.Path, "2024-03-07-rusak.md") || fe.Line != 4 {
			t.Errorf("broken file reported as %v, want rusak.md at line 4", broken.Err)
		}
		for _, f := range rep.Files {
			if strings.Contains(f.Path, "_index") {
				t.Errorf("Hugo's _index.md was imported: %+v", f)
			}
		}

		// The page bundle: YAML, cover map, two categories, two authors,
		// a figure and an inline image from the bundle.
		a := article(t, st, "banjir-demak")
		if a.Headline != "Banjir Rendam Tiga Desa di Demak" || a.Dek != "Warga mengungsi ke balai desa setelah tanggul jebol semalam." {
			t.Errorf("headline %q, dek %q", a.Headline, a.Dek)
		}
		if a.Status != warta.StatusPublished || !a.PublishedAt.Equal(time.Date(2024, 2, 12, 1, 30, 0, 0, time.UTC)) {
			t.Errorf("status %s at %v", a.Status, a.PublishedAt)
		}
		if a.Section.Slug != "nasional" || a.Section.Name != "Nasional" {
			t.Errorf("section = %+v", a.Section)
		}
		if got := slugsOf(a.Tags, func(t warta.Tag) string { return t.Slug }); strings.Join(got, ",") != "banjir,bencana,jawa-tengah" {
			t.Errorf("tags = %v: the second category is a tag", got)
		}
		if len(a.Authors) != 2 || a.Authors[0].Name != "Rina Pertiwi" || a.Authors[1].Slug != "budi-santoso" {
			t.Errorf("authors = %+v, want Rina then Budi", a.Authors)
		}
		lead := a.LeadImage
		if lead.MediaID == 0 || lead.Alt != "Jalan desa yang tergenang air cokelat" || lead.Caption != "Genangan di Desa Sayung, Senin pagi." ||
			lead.Credit != "Foto: Rina Pertiwi" || lead.Width != 48 || lead.Height != 32 {
			t.Errorf("lead image = %+v", lead)
		}
		m, err := st.MediaByID(ctx, lead.MediaID)
		if err != nil || m.OriginalName != "sampul.jpg" || m.Path != lead.Path {
			t.Errorf("lead image's library entry = %+v, %v", m, err)
		}
		if _, err := os.Stat(filepath.Join(mediaDir, filepath.FromSlash(lead.Path))); err != nil {
			t.Errorf("lead image file: %v", err)
		}
		if n := strings.Count(a.BodyMarkdown, "](/media/lib/"); n != 2 {
			t.Errorf("body has %d rewritten image paths, want 2:\n%s", n, a.BodyMarkdown)
		}
		if !strings.Contains(a.BodyMarkdown, "```\n![bukan gambar](peta.png)\n```") {
			t.Errorf("the path inside the code block was changed:\n%s", a.BodyMarkdown)
		}
		if !strings.Contains(a.BodyHTML, `<figure><img src="/media/lib/`) || !strings.Contains(a.BodyHTML, "Desa yang terendam") ||
			!strings.Contains(a.BodyHTML, `<span class="credit">Grafis: Redaksi</span>`) {
			t.Errorf("body HTML has no figure with caption and credit:\n%s", a.BodyHTML)
		}
		revs, err := st.Revisions(ctx, a.ID)
		if err != nil || len(revs) != 1 || !strings.HasPrefix(revs[0].Note, "imported from ") {
			t.Errorf("revisions = %+v, %v", revs, err)
		}

		// TOML, with slug, section and a site-absolute image from static/;
		// its date has no zone, so it is the site's.
		b := article(t, st, "harga-beras-turun")
		if b.Section.Slug != "ekonomi" || b.Dek != "Pasokan dari panen raya membuat harga turun dua ribu rupiah." ||
			!b.PublishedAt.Equal(time.Date(2024, 2, 20, 2, 0, 0, 0, time.UTC)) || b.Authors[0].Slug != "budi-santoso" {
			t.Errorf("harga-beras-turun = %+v", b)
		}
		if b.LeadImage.MediaID == 0 || b.LeadImage.Alt != b.Headline || !strings.Contains(b.BodyMarkdown, "![Kios beras](/media/"+b.LeadImage.Path+")") {
			t.Errorf("harga-beras-turun lead %+v, body %q", b.LeadImage, b.BodyMarkdown)
		}

		if c := article(t, st, "rencana-mudik"); c.Status != warta.StatusScheduled {
			t.Errorf("a post dated 2099 is %s, want scheduled", c.Status)
		}
		for _, s := range []string{"catatan-redaksi", "tulisan-belum-selesai"} {
			if d := article(t, st, s); d.Status != warta.StatusDraft || !d.PublishedAt.IsZero() {
				t.Errorf("%s is %s at %v, want a draft", s, d.Status, d.PublishedAt)
			}
		}

		// Jekyll: date from the file name, categories and tags as
		// space-separated strings, author as a map, image.path.
		j := article(t, st, "pelabuhan-baru")
		if !j.PublishedAt.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, jakarta)) || j.Section.Slug != "daerah" || j.Authors[0].Name != "Sari Wulandari" {
			t.Errorf("pelabuhan-baru = %+v", j)
		}
		if got := slugsOf(j.Tags, func(t warta.Tag) string { return t.Slug }); strings.Join(got, ",") != "maritim,nelayan,pelabuhan" {
			t.Errorf("pelabuhan-baru tags = %v", got)
		}
		if !strings.Contains(j.BodyMarkdown, "](/media/"+j.LeadImage.Path+")") {
			t.Errorf("the body's copy of the lead image is not the same library entry:\n%s", j.BodyMarkdown)
		}
		if _, total, _ := st.MediaList(ctx, 0, 100); total != 4 {
			t.Errorf("media library has %d entries, want 4", total)
		}

		// Again: nothing changes, nothing is added.
		rep = mustImport(t, opts, hugo, jekyll)
		if got, want := counts(rep), [5]int{0, 0, 6, 1, 0}; got != want {
			t.Fatalf("second run: %v, want %v", got, want)
		}
		if _, total, _ := st.Articles(ctx, warta.ArticleFilter{}); total != 6 {
			t.Errorf("%d articles after the second run, want 6", total)
		}
		if revs, _ := st.Revisions(ctx, a.ID); len(revs) != 1 {
			t.Errorf("an unchanged file wrote a revision: %d", len(revs))
		}

		// One file edited, the broken one mended: one update with its
		// revision, one creation, the rest untouched.
		bundle := filepath.Join(hugo, "posts", "banjir-demak", "index.md")
		edit(t, bundle, "Air mulai naik sekitar pukul dua dini hari.", "Air mulai naik sekitar pukul tiga dini hari.")
		edit(t, filepath.Join(jekyll, "_posts", "2024-03-07-rusak.md"), "tags: [satu, dua", "tags: [satu, dua]")
		rep = mustImport(t, opts, hugo, jekyll)
		if got, want := counts(rep), [5]int{1, 1, 5, 0, 0}; got != want {
			t.Fatalf("third run: %v, want %v\n%+v", got, want, rep.Files)
		}
		a2 := article(t, st, "banjir-demak")
		if a2.ID != a.ID || !strings.Contains(a2.BodyMarkdown, "pukul tiga") || !strings.Contains(a2.BodyHTML, "pukul tiga") {
			t.Errorf("updated article = %+v", a2)
		}
		revs, _ = st.Revisions(ctx, a.ID)
		if len(revs) != 2 || revs[0].Number != 2 || !strings.Contains(revs[0].BodyMarkdown, "pukul tiga") ||
			!strings.HasPrefix(revs[0].Note, "imported again from ") {
			t.Errorf("revisions after the update = %+v", revs)
		}
		if r := article(t, st, "rusak"); r.Section.ID == 0 {
			t.Errorf("mended file: %+v", r)
		}
	})
}

func edit(t *testing.T, path, from, to string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), from) {
		t.Fatalf("%s has no %q", path, from)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, st warta.Store) {
		ctx := context.Background()
		site := copySite(t)
		mediaDir := filepath.Join(t.TempDir(), "media")
		opts := options(st, mediaDir)
		opts.DryRun = true
		rep := mustImport(t, opts, filepath.Join(site, "hugo", "content"), filepath.Join(site, "jekyll"))
		if got, want := counts(rep), [5]int{6, 0, 0, 1, 4}; got != want {
			t.Fatalf("dry run: %v, want %v", got, want)
		}
		if _, total, _ := st.Articles(ctx, warta.ArticleFilter{}); total != 0 {
			t.Errorf("a dry run saved %d articles", total)
		}
		if _, total, _ := st.MediaList(ctx, 0, 10); total != 0 {
			t.Errorf("a dry run saved %d media entries", total)
		}
		if secs, _ := st.Sections(ctx); len(secs) != 0 {
			t.Errorf("a dry run made sections: %+v", secs)
		}
		if _, err := os.Stat(mediaDir); !os.IsNotExist(err) {
			t.Errorf("a dry run touched the media folder: %v", err)
		}
	})
}

// Files that cannot be imported are reported and skipped; the rest go in.
func TestImportRefusals(t *testing.T) {
	eachStore(t, func(t *testing.T, st warta.Store) {
		dir := t.TempDir()
		write := func(name, s string) {
			t.Helper()
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		const fm = "---\ntitle: Judul\ndate: 2024-01-01\ncategories: [Nasional]\nauthor: Rina\n"
		write("a/gambar-hilang.md", fm+"---\nSatu.\n\n![x](tidak-ada.png)\n")
		write("a/bukan-gambar.md", fm+"---\n![x](catatan.txt)\n")
		write("a/catatan.txt", "not a picture")
		write("a/tanpa-tanggal.md", "---\ntitle: Judul\ncategories: [Nasional]\nauthor: Rina\n---\nIsi.\n")
		write("b/tanpa-rubrik.md", "---\ntitle: Judul\ndate: 2024-01-01\n---\nIsi.\n")
		write("b/kembar.md", fm+"slug: sama\n---\nIsi.\n")
		write("c/kembar.md", fm+"slug: sama\n---\nIsi.\n")
		write("c/milik-redaksi.md", fm+"---\nIsi.\n")
		write("c/judul-panjang.md", "---\ntitle: "+strings.Repeat("kata ", 100)+"\ndate: 2024-01-01\nsection: X\nauthor: R\n---\n")
		write("c/sampul-jauh.md", fm+"image: https://contoh.id/foto.jpg\n---\nIsi.\n")

		ctx := context.Background()
		sec := storetest.MustCreateSection(t, st, &warta.Section{Slug: "opini", Name: "Opini"})
		au := storetest.MustCreateAuthor(t, st, &warta.Author{Slug: "redaksi", Name: "Redaksi"})
		u := &warta.User{Email: "editor@contoh.id", Name: "Editor", Role: warta.RoleEditor, AuthorID: au.ID, PasswordHash: "x"}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		storetest.MustCreateArticle(t, st, &warta.Article{Slug: "milik-redaksi", Headline: "Tulisan redaksi", Status: warta.StatusDraft,
			Section: *sec, Authors: []warta.Author{*au}, OwnerID: u.ID})

		rep := mustImport(t, options(st, t.TempDir()), filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "c"),
			filepath.Join(dir, "tidak-ada"))
		want := map[string]string{
			"gambar-hilang.md": "gambar-hilang.md:9: image tidak-ada.png is not there",
			"bukan-gambar.md":  "bukan-gambar.md:7: image catatan.txt: the file is not a JPEG",
			"tanpa-tanggal.md": "tanpa-tanggal.md:1: no date",
			"tanpa-rubrik.md":  "tanpa-rubrik.md:1: no section",
			"c/kembar.md":      `c/kembar.md:6: the slug "sama" is also`,
			"milik-redaksi.md": `the slug "milik-redaksi" belongs to article`,
			"judul-panjang.md": "judul-panjang.md:1: title is too long",
			"tidak-ada":        "tidak-ada: cannot be read",
			"b/kembar.md":      "",
			"sampul-jauh.md":   "",
		}
		for _, f := range rep.Files {
			var key string
			for k := range want {
				if strings.HasSuffix(filepath.ToSlash(f.Path), k) {
					key = k
				}
			}
			w, ok := want[key]
			switch {
			case !ok:
				t.Errorf("unexpected file in the report: %+v", f)
			case w == "" && f.Outcome != mdimport.Created:
				t.Errorf("%s: %s %v, want created", f.Path, f.Outcome, f.Err)
			case w != "" && (f.Outcome != mdimport.Failed || f.Err == nil || !strings.Contains(filepath.ToSlash(f.Err.Error()), w)):
				t.Errorf("%s: %s %v, want failed with %q", f.Path, f.Outcome, f.Err, w)
			}
			delete(want, key)
		}
		if len(want) > 0 {
			t.Errorf("not in the report: %v", want)
		}
		if got, want := counts(rep), [5]int{2, 0, 0, 8, 0}; got != want {
			t.Errorf("counts = %v, want %v", got, want)
		}
		if a := article(t, st, "milik-redaksi"); a.Headline != "Tulisan redaksi" {
			t.Errorf("the newsroom's article was overwritten: %+v", a)
		}
		if a := article(t, st, "sampul-jauh"); a.LeadImage.Path != "" {
			t.Errorf("a lead image on another site was imported: %+v", a.LeadImage)
		}

		// With defaults, the file without a section goes in.
		opts := options(st, t.TempDir())
		opts.DefaultSection, opts.DefaultAuthor = "Opini", "Redaksi"
		rep = mustImport(t, opts, filepath.Join(dir, "b", "tanpa-rubrik.md"))
		if rep.Created != 1 {
			t.Fatalf("with --section: %+v", rep.Files)
		}
		if a := article(t, st, "tanpa-rubrik"); a.Section.ID != sec.ID || a.Authors[0].ID != au.ID {
			t.Errorf("defaults not used: %+v", a)
		}
	})
}

// TestImportPDFLinks: a link to a PDF beside the post brings the
// document into the media library and points at it there (image syntax
// too: it renders as a link); a file named .pdf that is not one, or a
// PDF as the lead image, fails its post with the line, and nothing of
// it is stored.
func TestImportPDFLinks(t *testing.T) {
	eachStore(t, func(t *testing.T, st warta.Store) {
		dir := t.TempDir()
		write := func(name string, b []byte) {
			t.Helper()
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		const fm = "---\ntitle: %s\ndate: 2024-01-01\ncategories: [Nasional]\nauthor: Rina\n---\n"
		pdf := mediatest.PDF("Laporan tahunan 2023")
		write("laporan.pdf", pdf)
		write("palsu.pdf", []byte("this is a note, not a PDF"))
		write("laporan-tahunan.md", []byte(fmt.Sprintf(fm, "Laporan tahunan")+"Unduh [laporan lengkapnya](laporan.pdf \"PDF\").\n"))
		write("tautan-palsu.md", []byte(fmt.Sprintf(fm, "Tautan palsu")+"Satu.\n\n[Unduh](palsu.pdf)\n"))
		write("pdf-sebagai-gambar.md", []byte(fmt.Sprintf(fm, "PDF sebagai gambar")+"![Laporan](laporan.pdf)\n"))
		write("pdf-sampul.md", []byte(strings.Replace(fmt.Sprintf(fm, "PDF sampul"), "author: Rina\n", "author: Rina\nimage: laporan.pdf\n", 1)+"Isi.\n"))

		mediaDir := t.TempDir()
		rep := mustImport(t, options(st, mediaDir), dir)
		failed := map[string]string{}
		for _, f := range rep.Files {
			if f.Err != nil {
				failed[filepath.Base(f.Path)] = f.Err.Error()
			}
		}
		if got := failed["tautan-palsu.md"]; !strings.Contains(got, "tautan-palsu.md:9: document palsu.pdf: the file is not a PDF document") {
			t.Errorf("the fake PDF: %q", got)
		}
		if got := failed["pdf-sampul.md"]; !strings.Contains(got, "lead image laporan.pdf: the file is a PDF document, not an image") {
			t.Errorf("a PDF as the lead image: %q", got)
		}
		if len(failed) != 2 || rep.Created != 2 || rep.MediaAdded != 1 {
			t.Errorf("created %d, media added %d, failed %v; want 2, 1 and the two above", rep.Created, rep.MediaAdded, failed)
		}

		a := article(t, st, "laporan-tahunan")
		list, total, err := st.MediaList(context.Background(), 0, 10)
		if err != nil || total != 1 {
			t.Fatalf("media library: %d entries, %v; want the PDF alone", total, err)
		}
		m := list[0]
		if m.MIME != "application/pdf" || m.OriginalName != "laporan.pdf" {
			t.Errorf("library entry %s %q, want application/pdf laporan.pdf", m.MIME, m.OriginalName)
		}
		if want := "[laporan lengkapnya](/media/" + m.Path + ` "PDF")`; !strings.Contains(a.BodyMarkdown, want) {
			t.Errorf("body %q does not link %s", a.BodyMarkdown, want)
		}
		if b := article(t, st, "pdf-sebagai-gambar"); !strings.Contains(b.BodyHTML, `<a href="/media/`+m.Path+`">Laporan</a>`) {
			t.Errorf("the PDF written as an image is not a link to it: %s", b.BodyHTML)
		}
		stored, err := os.ReadFile(filepath.Join(mediaDir, filepath.FromSlash(m.Path)))
		if err != nil || !bytes.Equal(stored, pdf) {
			t.Errorf("the stored document differs from the file (%v)", err)
		}
		// Nothing but that one document went into the media folder.
		var files []string
		filepath.WalkDir(mediaDir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		if len(files) != 1 {
			t.Errorf("media folder holds %d files, want the PDF alone: %v", len(files), files)
		}
	})
}
