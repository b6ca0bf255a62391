package wxr_test

import (
	"context"
	"testing"

	"warta/importer/wxr"
)

// WordPress's menu_order only sorts pages; it must not put a WordPress
// page into Warta's footer menu. Only a Warta export's pages (which carry
// _warta_id) keep their place there; cmd/warta's round-trip test shows
// that side.
func TestWordPressPagesStayOutOfTheMenu(t *testing.T) {
	path := themeUnitTestData(t)
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
