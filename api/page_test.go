package api_test

import (
	"context"
	"strings"
	"testing"

	"warta"
	"warta/internal/teststore"
	"warta/storetest"
)

func TestPages(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		mk := func(slug, title string, status warta.PageStatus) *warta.Page {
			return storetest.MustCreatePage(t, s.store, &warta.Page{Slug: slug, Title: title, BodyMarkdown: "Isi " + title,
				BodyHTML: "<p>Isi " + title + "</p>", Status: status})
		}
		tentang := mk("tentang-kami", "Tentang Kami", warta.PagePublished)
		kontak := mk("kontak", "Hubungi Redaksi", warta.PagePublished)
		mk("pedoman", "Pedoman Media Siber", warta.PagePublished)
		mk("rahasia", "Draf Halaman", warta.PageDraft)
		if err := s.store.SetMenu(context.Background(), []int64{kontak.ID, tentang.ID}); err != nil {
			t.Fatal(err)
		}

		all := s.do("GET", "/api/v1/pages", "", nil).want(t, 200, "")
		if got := slugsOf(t, all); got != "kontak pedoman tentang-kami" {
			t.Errorf("pages = %q, want the published ones by title", got)
		}
		if strings.Contains(all.Body.String(), "body_markdown") {
			t.Error("the public sees body_markdown")
		}
		if got := slugsOf(t, s.do("GET", "/api/v1/pages?menu=true", "", nil).want(t, 200, "")); got != "kontak tentang-kami" {
			t.Errorf("menu = %q, want menu order", got)
		}
		one := s.do("GET", "/api/v1/pages/tentang-kami", "", nil).want(t, 200, "")
		if one.field("url") != baseURL+"/tentang-kami/" || one.field("menu_order") != float64(2) || one.field("body_html") != "<p>Isi Tentang Kami</p>" {
			t.Errorf("page = %s", one.Body)
		}
		s.do("GET", "/api/v1/pages/rahasia", "", nil).want(t, 404, "not_found")
		s.do("GET", "/api/v1/pages/rahasia", s.tokens[warta.RoleAuthor], nil).want(t, 404, "not_found")
		if d := s.do("GET", "/api/v1/pages/rahasia", s.tokens[warta.RoleEditor], nil).want(t, 200, ""); d.field("url") != nil || d.field("body_markdown") != "Isi Draf Halaman" {
			t.Errorf("editor's draft page = %s", d.Body)
		}
		s.do("GET", "/api/v1/pages/tidak-ada", "", nil).want(t, 404, "not_found")
		s.do("GET", "/api/v1/pages?status=draft", "", nil).want(t, 401, "unauthorized")
		s.do("GET", "/api/v1/pages?status=draft", s.tokens[warta.RoleAuthor], nil).want(t, 403, "forbidden")
		if got := slugsOf(t, s.do("GET", "/api/v1/pages?status=draft", s.tokens[warta.RoleEditor], nil).want(t, 200, "")); got != "rahasia" {
			t.Errorf("drafts = %q", got)
		}
		for _, q := range []string{"menu=1", "status=arsip", "menu=true&status=draft", "urut=judul"} {
			s.do("GET", "/api/v1/pages?"+q, s.tokens[warta.RoleEditor], nil).want(t, 400, "bad_parameter")
		}
	})
}
