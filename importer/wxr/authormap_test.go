package wxr_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"warta"
	"warta/importer/wxr"
)

// newsroomExport is a WordPress export whose journalists are already on
// the Warta staff under other emails and slugs: bsantoso is
// budi.santoso@redaksi.id, rina is the profile rina-pertiwi, tamu is a
// guest whose posts should carry no personal byline, and dewi is new.
func newsroomExport(t *testing.T) string {
	t.Helper()
	author := func(login, email, name string) string {
		return fmt.Sprintf(`<wp:author><wp:author_login><![CDATA[%s]]></wp:author_login><wp:author_email><![CDATA[%s]]></wp:author_email><wp:author_display_name><![CDATA[%s]]></wp:author_display_name></wp:author>
`, login, email, name)
	}
	return exportWith(t,
		author("bsantoso", "bsantoso@lama.example.id", "Budi S."),
		author("rina", "rina@lama.example.id", "Rina"),
		author("tamu", "tamu@lama.example.id", "Penulis Tamu"),
		author("dewi", "dewi@lama.example.id", "Dewi Lestari"),
		postBy(1, "banjir-rob", "bsantoso"),
		postBy(2, "pasar-ikan", "rina"),
		postBy(3, "opini-tamu", "tamu"),
		postBy(4, "jalan-baru", "dewi"),
	)
}

// postBy is a published post written by login.
func postBy(id int, slug, login string) string {
	return strings.Replace(post(id, slug, "publish", "<p>Isi.</p>"), "<dc:creator>admin</dc:creator>", "<dc:creator>"+login+"</dc:creator>", 1)
}

// newsroom is the Warta the export moves into: Budi has an account (and
// so a profile), Rina a profile only.
type newsroom struct {
	budi *warta.User
	rina *warta.Author
}

func makeNewsroom(t *testing.T, st warta.Store) newsroom {
	t.Helper()
	ctx := context.Background()
	budi := &warta.User{Email: "budi.santoso@redaksi.id", Name: "Budi Santoso", Role: warta.RoleEditor}
	if err := st.CreateUser(ctx, budi); err != nil {
		t.Fatal(err)
	}
	rina := &warta.Author{Slug: "rina-pertiwi", Name: "Rina Pertiwi", Bio: "Wartawan ekonomi."}
	if err := st.CreateAuthor(ctx, rina); err != nil {
		t.Fatal(err)
	}
	return newsroom{budi: budi, rina: rina}
}

func writeMap(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "penulis.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// byline returns the author IDs of the article with slug.
func byline(t *testing.T, st warta.Store, slug string) []int64 {
	t.Helper()
	a, err := st.ArticleBySlug(context.Background(), slug)
	if err != nil {
		t.Fatalf("ArticleBySlug(%s): %v", slug, err)
	}
	var ids []int64
	for _, au := range a.Authors {
		ids = append(ids, au.ID)
	}
	return ids
}

// TestImportAuthorMap: mapped logins sign their posts with the staff's
// own profiles (found by email and by slug) and make no one new, "-"
// signs posts with the newsroom's byline, the rest import as before, and a second run
// changes nothing.
func TestImportAuthorMap(t *testing.T) {
	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t, db)
			nr := makeNewsroom(t, st)
			export := newsroomExport(t)
			authorMap := writeMap(t, `# WordPress login = Warta email or author slug
bsantoso = budi.santoso@redaksi.id

rina=/author/rina-pertiwi/   # the profile, without an account
tamu = -
hantu = -                     # not in this export
`)
			before := countAll(t, st)
			rep := mustImport(t, st, export, wxr.Options{AuthorMap: authorMap})

			after := countAll(t, st)
			if after.authors != before.authors+2 || after.users != before.users+1 {
				t.Errorf("authors %d → %d, users %d → %d; want two more profiles (dewi and the newsroom's) and one account (dewi's)",
					before.authors, after.authors, before.users, after.users)
			}
			if got := rep.Counts["authors mapped"]; got != 2 {
				t.Errorf("report: authors mapped = %d, want 2", got)
			}
			if got := rep.Counts["authors"]; got != 2 {
				t.Errorf("report: authors = %d, want 2 (dewi and the newsroom's byline)", got)
			}
			dewi, err := st.AuthorBySlug(ctx, "dewi")
			if err != nil {
				t.Fatalf("the unmapped login made no profile: %v", err)
			}
			house, err := st.AuthorBySlug(ctx, "redaksi")
			if err != nil {
				t.Fatalf("the newsroom's byline for tamu's posts is missing: %v", err)
			}
			wantBylines := map[string][]int64{
				"banjir-rob": {nr.budi.AuthorID},
				"pasar-ikan": {nr.rina.ID},
				"opini-tamu": {house.ID},
				"jalan-baru": {dewi.ID},
			}
			check := func() {
				t.Helper()
				for slug, want := range wantBylines {
					if got := byline(t, st, slug); fmt.Sprint(got) != fmt.Sprint(want) {
						t.Errorf("%s is signed by %v, want %v", slug, got, want)
					}
				}
			}
			check()
			for from, to := range map[string]string{
				"/author/bsantoso/":      "/author/" + mustAuthor(t, st, nr.budi.AuthorID).Slug + "/",
				"/author/bsantoso/feed/": "/author/" + mustAuthor(t, st, nr.budi.AuthorID).Slug + "/feed/",
				"/author/rina/":          "/author/rina-pertiwi/",
			} {
				if got, err := st.RedirectFor(ctx, from); err != nil || got != to {
					t.Errorf("RedirectFor(%s) = %q, %v; want %s", from, got, err, to)
				}
			}
			if _, err := st.RedirectFor(ctx, "/author/tamu/"); warta.ErrorCode(err) != warta.ENOTFOUND {
				t.Errorf("RedirectFor(/author/tamu/) = %v; want none, tamu has no profile", err)
			}
			ids, err := st.ImportedIDs(ctx, "https://uji.example.id", warta.ImportAuthor)
			if err != nil || ids["bsantoso"] != nr.budi.AuthorID || ids["rina"] != nr.rina.ID {
				t.Errorf("author import keys = %v, %v; want bsantoso → %d, rina → %d", ids, err, nr.budi.AuthorID, nr.rina.ID)
			}
			if _, ok := ids["tamu"]; ok {
				t.Errorf("tamu, mapped to -, has an import key: %v", ids)
			}
			// The staff's own records are as the newsroom left them.
			if u, err := st.UserByID(ctx, nr.budi.ID); err != nil || u.Disabled || u.Name != "Budi Santoso" {
				t.Errorf("Budi's account is now %+v, %v; want it untouched", u, err)
			}
			if a := mustAuthor(t, st, nr.rina.ID); *a != *nr.rina {
				t.Errorf("Rina's profile is now %+v, want %+v", a, nr.rina)
			}
			notes := fmt.Sprint(rep.Notes)
			for _, want := range []string{`"hantu"`, "author tamu", `1 posts have no personal byline and are signed "Redaksi"`} {
				if !strings.Contains(notes, want) {
					t.Errorf("report notes lack %q: %s", want, notes)
				}
			}

			// Again, with the same map: nothing new, the same bylines.
			rep = mustImport(t, st, export, wxr.Options{AuthorMap: authorMap})
			if again := countAll(t, st); again != after {
				t.Errorf("second run: %+v, want %+v", again, after)
			}
			if got := rep.Counts["authors mapped"]; got != 2 {
				t.Errorf("second run: authors mapped = %d, want 2", got)
			}
			check()
		})
	}
}

// TestImportAuthorMapAfterPlainRun: an export imported first without a
// map made copies; run again with the map, the posts move to the
// staff's profiles and the keys follow, so later runs keep them there.
func TestImportAuthorMapAfterPlainRun(t *testing.T) {
	st := openStore(t, "sqlite")
	nr := makeNewsroom(t, st)
	export := newsroomExport(t)
	mustImport(t, st, export, wxr.Options{})
	if got := byline(t, st, "banjir-rob"); len(got) != 1 || got[0] == nr.budi.AuthorID {
		t.Fatalf("without a map banjir-rob is signed by %v; the test expects the copy", got)
	}
	authorMap := writeMap(t, "bsantoso = budi.santoso@redaksi.id\n")
	mustImport(t, st, export, wxr.Options{AuthorMap: authorMap})
	if got := byline(t, st, "banjir-rob"); len(got) != 1 || got[0] != nr.budi.AuthorID {
		t.Errorf("with the map banjir-rob is signed by %v, want Budi's profile %d", got, nr.budi.AuthorID)
	}
	ids, _ := st.ImportedIDs(context.Background(), "https://uji.example.id", warta.ImportAuthor)
	if ids["bsantoso"] != nr.budi.AuthorID {
		t.Errorf("the key of bsantoso points at %d, want %d", ids["bsantoso"], nr.budi.AuthorID)
	}
}

// TestImportAuthorMapRefused: a map that cannot be followed stops the
// import before anything is written, naming the line to fix.
func TestImportAuthorMapRefused(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"no equals sign", "# staf\nbsantoso budi.santoso@redaksi.id\n", 2, "not WP_LOGIN = TARGET"},
		{"no target", "bsantoso =\n", 1, "not WP_LOGIN = TARGET"},
		{"two targets", "rina = rina-pertiwi\n\nbsantoso = budi santoso\n", 3, "not WP_LOGIN = TARGET"},
		{"unknown email", "rina = rina-pertiwi\nbsantoso = budi@redaksi.id\n", 2, "no staff account has this email"},
		{"unknown slug", "bsantoso = budi.santoso@redaksi.id\n# Rina\nrina = rina\n", 3, `no author profile has the slug "rina"`},
		{"login twice", "bsantoso = budi.santoso@redaksi.id\nrina = rina-pertiwi\nbsantoso = -\n", 3, "on lines 1 and 3"},
	}
	for _, db := range databases {
		for _, tt := range tests {
			t.Run(db+"/"+tt.name, func(t *testing.T) {
				st := openStore(t, db)
				makeNewsroom(t, st)
				before := countAll(t, st)
				path := writeMap(t, tt.text)
				rep, err := wxr.Import(context.Background(), st, newsroomExport(t), wxr.Options{MediaDir: t.TempDir(), AuthorMap: path})
				var me *wxr.AuthorMapError
				if !errors.As(err, &me) {
					t.Fatalf("Import = %v, %v; want an *wxr.AuthorMapError", rep, err)
				}
				if me.Line != tt.line || !strings.Contains(me.Error(), tt.want) || !strings.Contains(me.Error(), path) {
					t.Errorf("error %q; want line %d of %s, saying %q", me, tt.line, path, tt.want)
				}
				if after := countAll(t, st); after != before {
					t.Errorf("a refused map wrote: %+v, was %+v", after, before)
				}
				for _, kind := range []string{warta.ImportAuthor, warta.ImportCategory} {
					if ids, _ := st.ImportedIDs(context.Background(), "https://uji.example.id", kind); len(ids) != 0 {
						t.Errorf("a refused map recorded %s keys %v", kind, ids)
					}
				}
			})
		}
	}
}

func mustAuthor(t *testing.T, st warta.Store, id int64) *warta.Author {
	t.Helper()
	a, err := st.AuthorByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestImportAuthorMapHouseByline: when the site has a /author/redaksi/
// profile already, posts mapped to "-" are signed by it and it stays as
// the newsroom wrote it.
func TestImportAuthorMapHouseByline(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, "sqlite")
	makeNewsroom(t, st)
	house := &warta.Author{Slug: "redaksi", Name: "Tim Redaksi", Bio: "Tulisan bersama redaksi."}
	if err := st.CreateAuthor(ctx, house); err != nil {
		t.Fatal(err)
	}
	before := countAll(t, st)
	mustImport(t, st, newsroomExport(t), wxr.Options{AuthorMap: writeMap(t, "tamu = -\n")})
	if got := byline(t, st, "opini-tamu"); len(got) != 1 || got[0] != house.ID {
		t.Errorf("opini-tamu is signed by %v, want the site's own Redaksi %d", got, house.ID)
	}
	if a := mustAuthor(t, st, house.ID); *a != *house {
		t.Errorf("the Redaksi profile is now %+v, want %+v", a, house)
	}
	// bsantoso, rina and dewi are not mapped here: each gets a profile.
	if after := countAll(t, st); after.authors != before.authors+3 {
		t.Errorf("authors %d → %d, want 3 more (no second Redaksi)", before.authors, after.authors)
	}
}
