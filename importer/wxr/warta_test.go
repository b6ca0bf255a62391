package wxr_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"warta/importer/wxr"
	"warta/internal/testfixture"
)

// WordPress's menu_order only sorts pages; it must not put a WordPress
// page into Warta's footer menu. Only a Warta export's pages (which carry
// _warta_id) keep their place there; cmd/warta's round-trip test shows
// that side.
func TestWordPressPagesStayOutOfTheMenu(t *testing.T) {
	path := testfixture.ThemeUnitTestWXR(t)
	st := openStore(t, "sqlite")
	mustImport(t, st, path, wxr.Options{}) // no uploads: media fail, pages do not need them
	pages, err := st.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatal("no pages were imported")
	}
	for _, p := range pages {
		if p.MenuOrder != 0 || p.MenuLabel != "" {
			t.Errorf("page %s: menu order %d, label %q; a WordPress page is not in the footer menu", p.Slug, p.MenuOrder, p.MenuLabel)
		}
	}
	menu, err := st.MenuPages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(menu) != 0 {
		t.Errorf("%d WordPress pages in the footer menu, want none", len(menu))
	}
}

// A lead image path from the file is never followed outside the media
// folders: neither read from above Uploads nor written above MediaDir.
func TestWartaLeadImageStaysInTheMediaFolder(t *testing.T) {
	root := t.TempDir()
	uploads, mediaDir := filepath.Join(root, "uploads"), filepath.Join(root, "media")
	for _, dir := range []string{uploads, mediaDir} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "rahasia.txt"), []byte("jangan disalin"), 0o644); err != nil {
		t.Fatal(err)
	}
	item := strings.Replace(post(7, "berita-uji", "publish", "<p>Isi.</p>"), "</item>",
		`<wp:postmeta><wp:meta_key>_warta_id</wp:meta_key><wp:meta_value>7</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_warta_lead_image</wp:meta_key><wp:meta_value><![CDATA[{"path":"../rahasia.txt","alt":"x"}]]></wp:meta_value></wp:postmeta></item>`, 1)
	st := openStore(t, "sqlite")
	rep := mustImport(t, st, exportWith(t, item), wxr.Options{Uploads: uploads, MediaDir: mediaDir})
	a, err := st.ArticleBySlug(context.Background(), "berita-uji")
	if err != nil {
		t.Fatal(err)
	}
	if a.LeadImage.Path != "" {
		t.Errorf("lead image %q taken from outside the media folder", a.LeadImage.Path)
	}
	entries, _ := os.ReadDir(mediaDir)
	if len(entries) != 0 {
		t.Errorf("the media folder got %d entries", len(entries))
	}
	noted := false
	for _, n := range rep.Notes {
		noted = noted || strings.Contains(n.Reason, "not a path inside the media folder")
	}
	if !noted {
		t.Errorf("the report does not say why the lead image was left out: %+v", rep.Notes)
	}
}
