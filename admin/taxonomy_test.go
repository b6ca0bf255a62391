package admin_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"warta"
	"warta/i18n"
	"warta/storetest"
)

// taxonomySnapshot is every section and tag as stored, for checking that
// a refused request changed nothing.
func taxonomySnapshot(t *testing.T, n *newsroom) string {
	t.Helper()
	ctx := context.Background()
	sections, err := n.store.Sections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tags, err := n.store.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range sections {
		b.WriteString("s:" + itoa64(s.ID) + ":" + s.Slug + ":" + s.Name + ":" + s.Description + ":" + itoa(s.Position) + "\n")
	}
	for _, tg := range tags {
		b.WriteString("t:" + itoa64(tg.ID) + ":" + tg.Slug + ":" + tg.Name + "\n")
	}
	return b.String()
}

// sectionBySlug returns the stored section with slug, failing the test when there is none.
func sectionBySlug(t *testing.T, n *newsroom, slug string) *warta.Section {
	t.Helper()
	s, err := n.store.SectionBySlug(context.Background(), slug)
	if err != nil {
		t.Fatalf("SectionBySlug(%q): %v", slug, err)
	}
	return s
}

// tagBySlug returns the stored tag with slug, failing the test when there is none.
func tagBySlug(t *testing.T, n *newsroom, slug string) *warta.Tag {
	t.Helper()
	tg, err := n.store.TagBySlug(context.Background(), slug)
	if err != nil {
		t.Fatalf("TagBySlug(%q): %v", slug, err)
	}
	return tg
}

// taxonomyAudits counts the audit log's "taxonomy.change" entries.
func taxonomyAudits(t *testing.T, n *newsroom) int {
	t.Helper()
	entries, _, err := n.store.AuditLog(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	for _, e := range entries {
		if e.Action == "taxonomy.change" {
			count++
		}
	}
	return count
}

func TestTaxonomyNeedsCapability(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		tag := storetest.MustCreateTag(t, n.store, &warta.Tag{Slug: "banjir", Name: "Banjir"})
		before := taxonomySnapshot(t, n)
		sid, tid := itoa64(n.section.ID), itoa64(tag.ID)
		requests := []struct {
			method, path string
			form         url.Values
		}{
			{"GET", "/admin/taxonomy", nil},
			{"GET", "/admin/sections/" + sid, nil},
			{"GET", "/admin/tags/" + tid, nil},
			{"POST", "/admin/sections", url.Values{"name": {"Ekonomi"}, "slug": {"ekonomi"}}},
			{"POST", "/admin/sections/" + sid, url.Values{"name": {"Nusantara"}, "slug": {"nusantara"}, "position": {"3"}}},
			{"POST", "/admin/tags", url.Values{"name": {"Pemilu"}}},
			{"POST", "/admin/tags/" + tid, url.Values{"name": {"Banjir Bandang"}, "slug": {"banjir-bandang"}}},
		}
		for _, role := range []warta.Role{warta.RoleContributor, warta.RoleAuthor} {
			for _, req := range requests {
				rec := n.do(t, role, req.method, req.path, req.form)
				if rec.Code != http.StatusForbidden {
					t.Errorf("%s %s %s: status %d, want 403", role, req.method, req.path, rec.Code)
				}
			}
			// The menu does not offer what the role cannot open.
			if body := n.do(t, role, "GET", "/admin/", nil).Body.String(); strings.Contains(body, `href="/admin/taxonomy"`) {
				t.Errorf("%s: the menu links to the taxonomy page", role)
			}
		}
		if after := taxonomySnapshot(t, n); after != before {
			t.Errorf("refused requests changed the taxonomy:\nbefore %s\nafter  %s", before, after)
		}
		if got := taxonomyAudits(t, n); got != 0 {
			t.Errorf("%d taxonomy audit entries after refused requests, want 0", got)
		}
		// Nobody logged in is sent to log in.
		if rec := n.do(t, "", "GET", "/admin/taxonomy", nil); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/admin/login") {
			t.Errorf("logged out: status %d to %q, want 303 to the login page", rec.Code, rec.Header().Get("Location"))
		}
	})
}

func TestTaxonomyCreateAndEdit(t *testing.T) {
	for _, role := range []warta.Role{warta.RoleEditor, warta.RoleAdministrator} {
		t.Run(string(role), func(t *testing.T) {
			eachDatabase(t, func(t *testing.T, n *newsroom) {
				ctx := context.Background()

				// The menu offers the page, and it lists what exists.
				if body := n.do(t, role, "GET", "/admin/", nil).Body.String(); !strings.Contains(body, `href="/admin/taxonomy"`) {
					t.Errorf("the menu does not link to the taxonomy page")
				}

				// A section with a slug made from its name.
				rec := n.do(t, role, "POST", "/admin/sections", url.Values{"name": {"Ekonomi & Bisnis"}, "slug": {""},
					"description": {"Harga, pasar, dan usaha."}, "position": {"2"}})
				if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/taxonomy?done=saved" {
					t.Fatalf("add section: status %d to %q, want 303 to /admin/taxonomy?done=saved\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
				}
				s := sectionBySlug(t, n, "ekonomi-dan-bisnis")
				if s.Name != "Ekonomi & Bisnis" || s.Description != "Harga, pasar, dan usaha." || s.Position != 2 {
					t.Errorf("stored section = %+v", s)
				}

				// A tag with the slug typed.
				rec = n.do(t, role, "POST", "/admin/tags", url.Values{"name": {"Pemilu 2024"}, "slug": {"pemilu"}})
				if rec.Code != http.StatusSeeOther {
					t.Fatalf("add tag: status %d, want 303\n%s", rec.Code, rec.Body)
				}
				tag := tagBySlug(t, n, "pemilu")
				if tag.Name != "Pemilu 2024" {
					t.Errorf("stored tag name = %q", tag.Name)
				}

				// The list counts articles per section and per tag.
				a := n.article(t, warta.RoleEditor, warta.StatusDraft, "banjir-demak") // in Nasional
				storetest.MustCreateArticle(t, n.store, &warta.Article{Slug: "harga-beras-naik", Headline: "Harga beras naik",
					BodyMarkdown: "Isi.", BodyHTML: "<p>Isi.</p>", Status: warta.StatusDraft, Section: *s,
					Tags: []warta.Tag{{ID: tag.ID}}, Authors: a.Authors, OwnerID: a.OwnerID, EditedBy: a.EditedBy})
				rec = n.do(t, role, "GET", "/admin/taxonomy?done=saved", nil)
				if rec.Code != http.StatusOK {
					t.Fatalf("taxonomy page: status %d", rec.Code)
				}
				body := rec.Body.String()
				for _, want := range []string{
					`<a href="/admin/sections/` + itoa64(s.ID) + `">Ekonomi &amp; Bisnis</a>`,
					`<td class="mono">ekonomi-dan-bisnis</td>`,
					`<a href="/admin/tags/` + itoa64(tag.ID) + `">Pemilu 2024</a>`,
					`<a href="/admin/sections/` + itoa64(n.section.ID) + `">Nasional</a>`,
					`href="/admin/taxonomy" aria-current="page"`,
					`action="/admin/sections"`, `action="/admin/tags"`,
				} {
					if !strings.Contains(body, want) {
						t.Errorf("taxonomy page lacks %s", want)
					}
				}
				// One article in Nasional, one in Ekonomi (with the tag): each row shows 1.
				if got := strings.Count(body, "<td>1</td>"); got != 3 {
					t.Errorf("taxonomy page shows a count of 1 %d times, want 3 (two sections, one tag)", got)
				}

				// The edit forms show the stored values.
				rec = n.do(t, role, "GET", "/admin/sections/"+itoa64(s.ID), nil)
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `value="ekonomi-dan-bisnis"`) ||
					!strings.Contains(rec.Body.String(), `action="/admin/sections/`+itoa64(s.ID)+`"`) {
					t.Errorf("section form: status %d\n%s", rec.Code, rec.Body)
				}
				rec = n.do(t, role, "GET", "/admin/tags/"+itoa64(tag.ID), nil)
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `value="pemilu"`) {
					t.Errorf("tag form: status %d\n%s", rec.Code, rec.Body)
				}
				if rec := n.do(t, role, "GET", "/admin/sections/999999", nil); rec.Code != http.StatusNotFound {
					t.Errorf("unknown section: status %d, want 404", rec.Code)
				}
				if rec := n.do(t, role, "GET", "/admin/tags/abc", nil); rec.Code != http.StatusNotFound {
					t.Errorf("malformed tag id: status %d, want 404", rec.Code)
				}

				// Renaming a section with a new slug moves its public page.
				rec = n.do(t, role, "POST", "/admin/sections/"+itoa64(s.ID), url.Values{"name": {"Ekonomi"}, "slug": {"ekonomi"},
					"description": {"Harga dan pasar."}, "position": {"1"}})
				if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/taxonomy?done=saved" {
					t.Fatalf("edit section: status %d to %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
				}
				got := sectionBySlug(t, n, "ekonomi")
				if got.ID != s.ID || got.Name != "Ekonomi" || got.Description != "Harga dan pasar." || got.Position != 1 {
					t.Errorf("edited section = %+v", got)
				}
				if _, err := n.store.SectionBySlug(ctx, "ekonomi-dan-bisnis"); !warta.IsNotFound(err) {
					t.Errorf("the old slug still finds a section: %v", err)
				}
				// The section page lists by the section found by its slug: the article is there.
				if _, total, err := n.store.Articles(ctx, warta.ArticleFilter{SectionID: got.ID, Limit: 1}); err != nil || total != 1 {
					t.Errorf("articles in the renamed section = %d, %v; want 1", total, err)
				}

				// Editing a tag.
				rec = n.do(t, role, "POST", "/admin/tags/"+itoa64(tag.ID), url.Values{"name": {"Pemilu"}, "slug": {"pemilu-2024"}})
				if rec.Code != http.StatusSeeOther {
					t.Fatalf("edit tag: status %d\n%s", rec.Code, rec.Body)
				}
				if got := tagBySlug(t, n, "pemilu-2024"); got.ID != tag.ID || got.Name != "Pemilu" {
					t.Errorf("edited tag = %+v", got)
				}

				if got := taxonomyAudits(t, n); got != 4 {
					t.Errorf("%d taxonomy audit entries, want 4 (two creates, two edits)", got)
				}
			})
		})
	}
}

func TestTaxonomyRefusedForms(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		tag := storetest.MustCreateTag(t, n.store, &warta.Tag{Slug: "banjir", Name: "Banjir"})
		other := storetest.MustCreateSection(t, n.store, &warta.Section{Slug: "olahraga", Name: "Olahraga", Position: 5})
		storetest.MustCreateTag(t, n.store, &warta.Tag{Slug: "gempa", Name: "Gempa"})
		before := taxonomySnapshot(t, n)
		cat, _ := i18n.Get("id")
		taken := html.EscapeString(cat.T("error.slug_taken"))
		required := html.EscapeString(cat.T("error.required"))

		cases := []struct {
			name, path string
			form       url.Values
			want       []string // in the page, besides the error
			error      string
		}{
			{"new section, taken slug", "/admin/sections",
				url.Values{"name": {"Nasional Baru"}, "slug": {"nasional"}, "description": {"Berita dalam negeri"}, "position": {"7"}},
				[]string{`value="Nasional Baru"`, `value="nasional"`, `>Berita dalam negeri</textarea>`, `value="7"`, `id="se-slug"`}, taken},
			{"new section, name makes a taken slug", "/admin/sections",
				url.Values{"name": {"Olahraga"}},
				[]string{`value="Olahraga"`, `value="olahraga"`, `id="se-slug"`}, taken},
			{"new section, empty name", "/admin/sections",
				url.Values{"name": {"  "}, "slug": {"kosong"}, "position": {"4"}},
				[]string{`value="kosong"`, `value="4"`, `id="se-name"`}, required},
			{"new tag, taken slug", "/admin/tags",
				url.Values{"name": {"Banjir Rob"}, "slug": {"banjir"}},
				[]string{`value="Banjir Rob"`, `value="banjir"`, `id="te-slug"`}, taken},
			{"new tag, empty name", "/admin/tags",
				url.Values{"name": {""}, "slug": {""}},
				[]string{`id="te-name"`}, required},
			{"section edit, taken slug", "/admin/sections/" + itoa64(other.ID),
				url.Values{"name": {"Olahraga & Bola"}, "slug": {"nasional"}, "description": {"Skor"}, "position": {"9"}},
				[]string{`value="Olahraga &amp; Bola"`, `value="nasional"`, `>Skor</textarea>`, `value="9"`, `id="e-slug"`}, taken},
			{"section edit, empty name", "/admin/sections/" + itoa64(other.ID),
				url.Values{"name": {""}, "slug": {"olahraga"}, "position": {"5"}},
				[]string{`value="olahraga"`, `id="e-name"`}, required},
			{"section edit, bad position", "/admin/sections/" + itoa64(other.ID),
				url.Values{"name": {"Olahraga"}, "slug": {"olahraga"}, "position": {"kelima"}},
				[]string{`value="kelima"`, `id="e-position"`}, html.EscapeString(cat.T("admin.taxonomy.error.position"))},
			{"tag edit, taken slug", "/admin/tags/" + itoa64(tag.ID),
				url.Values{"name": {"Banjir Bandang"}, "slug": {"gempa"}},
				[]string{`value="Banjir Bandang"`, `value="gempa"`, `id="e-slug"`}, taken},
			{"tag edit, empty name", "/admin/tags/" + itoa64(tag.ID),
				url.Values{"name": {" "}, "slug": {"banjir-2"}},
				[]string{`value="banjir-2"`, `id="e-name"`}, required},
		}
		for _, tc := range cases {
			for _, role := range []warta.Role{warta.RoleEditor, warta.RoleAdministrator} {
				rec := n.do(t, role, "POST", tc.path, tc.form)
				if rec.Code != http.StatusUnprocessableEntity {
					t.Errorf("%s as %s: status %d, want 422", tc.name, role, rec.Code)
					continue
				}
				body := rec.Body.String()
				for _, want := range append(tc.want, tc.error) {
					if !strings.Contains(body, want) {
						t.Errorf("%s as %s: the page lacks %s", tc.name, role, want)
					}
				}
			}
		}
		if after := taxonomySnapshot(t, n); after != before {
			t.Errorf("refused forms changed the taxonomy:\nbefore %s\nafter  %s", before, after)
		}
		if got := taxonomyAudits(t, n); got != 0 {
			t.Errorf("%d taxonomy audit entries after refused forms, want 0", got)
		}
	})
}
