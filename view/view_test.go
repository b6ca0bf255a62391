package view_test

import (
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/i18n"
	"warta/view"
)

type fakeAssets struct{}

func (fakeAssets) Path(name string) string { return "/static/" + name }

// pageData gives every page the fields its template reads, so that one
// test renders them all; a template that reads a missing field fails here
// instead of in front of a reader.
type pageData struct {
	view.Page
	Lead        *warta.Article
	Articles    []*warta.Article
	Article     *warta.Article
	Body        template.HTML
	Updated     bool
	Heading     string
	Intro       string
	Message     string
	Status      int
	Comments    any // the comment section is rendered by package site's tests
	Corrections []*warta.Correction
	Related     []*warta.Article
	StaticPage  *warta.Page // the standing page (site/page)
	// The search page.
	Query   string
	Hint    string
	Total   int
	Results []struct {
		Article *warta.Article
		Snippet template.HTML
	}
	Pager struct {
		Page, Pages  int
		Newer, Older string
	}
}

func sample() pageData {
	at := time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC)
	a := &warta.Article{
		ID: 1, Slug: "banjir-demak", Headline: "Banjir <Demak>", Dek: "Ribuan warga mengungsi.",
		Status: warta.StatusPublished, PublishedAt: at, UpdatedAt: at.Add(time.Hour), CreatedAt: at,
		Section:   warta.Section{ID: 1, Slug: "nasional", Name: "Nasional"},
		Tags:      []warta.Tag{{ID: 1, Slug: "banjir", Name: "Banjir"}},
		Authors:   []warta.Author{{ID: 1, Slug: "rina", Name: "Rina"}, {ID: 2, Slug: "budi", Name: "Budi"}, {ID: 3, Slug: "sari", Name: "Sari"}},
		LeadImage: warta.Image{Path: "demo/a.jpg", Alt: "Air setinggi lutut", Caption: "Jalan tergenang.", Credit: "Foto: Warta", Width: 1200, Height: 675},
	}
	d := pageData{
		Page: view.Page{SiteName: "Warta", Title: "Judul", Sections: []*warta.Section{&a.Section}, Current: "nasional"},
		Lead: a, Articles: []*warta.Article{a}, Article: a,
		Body: "<p>Isi.</p>", Updated: true, Heading: "Nasional", Message: "pesan", Status: 404,
	}
	d.Related, d.Query, d.Total = []*warta.Article{a}, "banjir <demak>", 1
	d.StaticPage = &warta.Page{ID: 1, Slug: "redaksi", Title: "Redaksi <Warta>", Status: warta.PagePublished, UpdatedAt: at}
	d.FooterMenu = []view.Link{{Label: "Redaksi <Warta>", URL: "/redaksi/"}}
	d.Results = append(d.Results, struct {
		Article *warta.Article
		Snippet template.HTML
	}{a, "<mark>Banjir</mark> di Demak"})
	d.Pager.Page, d.Pager.Pages, d.Pager.Newer, d.Pager.Older = 2, 3, "/?page=1", "/?page=3"
	return d
}

func TestEveryPageRendersInEveryLanguage(t *testing.T) {
	jakarta, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Langs() {
		cat, _ := i18n.Get(lang)
		e, err := view.New(cat, fakeAssets{}, jakarta)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Pages()) < 4 {
			t.Fatalf("only %d pages registered: %v", len(e.Pages()), e.Pages())
		}
		for _, page := range e.Pages() {
			if strings.HasPrefix(page, "admin/") {
				continue // rendered with their own data by package admin's tests
			}
			b, err := e.Render(page, sample())
			if err != nil {
				t.Errorf("%s %s: %v", lang, page, err)
				continue
			}
			out := string(b)
			if !strings.Contains(out, `<html lang="`+lang+`">`) {
				t.Errorf("%s %s: no <html lang=%q>", lang, page, lang)
			}
			if strings.Contains(out, "Banjir <Demak>") || strings.Contains(out, "Redaksi <Warta>") {
				t.Errorf("%s %s: a headline was not escaped", lang, page)
			}
			// A key that is missing from the catalogue shows up as itself.
			if m := regexp.MustCompile(`\b(nav|home|article|list|pagination|error|footer|site|date)\.[a-z_.0-9]+\b`).FindString(out); m != "" && !strings.Contains(m, "warta.") {
				t.Errorf("%s %s: untranslated key %q on the page", lang, page, m)
			}
		}
	}
}

// TestTemplatesUseOnlyKnownKeys reads every {{t "key"}} in the templates
// and checks that each catalogue has it.
func TestTemplatesUseOnlyKnownKeys(t *testing.T) {
	files, err := filepath.Glob("templates/*/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates found: %v", err)
	}
	keyRe := regexp.MustCompile(`\bt "([^"]+)"`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			for _, lang := range i18n.Langs() {
				if cat, _ := i18n.Get(lang); !cat.Has(m[1]) {
					t.Errorf("%s uses %q, which %s.json lacks", f, m[1], lang)
				}
			}
		}
	}
}
