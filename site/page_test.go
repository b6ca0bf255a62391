package site_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"warta"
	"warta/markdown"
	"warta/pagecache"
	"warta/storetest"
)

// mustPage saves a standing page whose body is the Markdown md.
func (f *fixture) mustPage(t *testing.T, slug, title, md string, status warta.PageStatus, menuOrder int) *warta.Page {
	t.Helper()
	body, err := markdown.Render(md)
	if err != nil {
		t.Fatal(err)
	}
	return storetest.MustCreatePage(t, f.store, &warta.Page{Slug: slug, Title: title, BodyMarkdown: md, BodyHTML: body,
		Status: status, MenuOrder: menuOrder})
}

// footerLinks returns the footer menu of a page as "label → href", in
// order, failing unless the menu is a <nav> with an accessible name.
func footerLinks(t *testing.T, body string) []string {
	t.Helper()
	navs := find(parse(t, body), func(n *html.Node) bool { return n.Data == "nav" && hasClass(n, "footer-nav") })
	if len(navs) == 0 {
		return nil
	}
	if label, _ := attr(navs[0], "aria-label"); label == "" {
		t.Error("the footer menu has no aria-label")
	}
	out := []string{}
	for _, a := range find(navs[0], func(n *html.Node) bool { return n.Data == "a" }) {
		href, _ := attr(a, "href")
		out = append(out, text(a)+" → "+href)
	}
	return out
}

func TestStaticPage(t *testing.T) {
	f := newFixture(t, "id")
	about := f.mustPage(t, "tentang-kami", "Tentang Kami",
		"Warta adalah media daring dari **Semarang** yang meliput berita di Jawa Tengah dan sekitarnya setiap hari, "+
			"dengan redaksi yang bekerja sesuai Kode Etik Jurnalistik dan menerima koreksi dari pembaca melalui surel.",
		warta.PagePublished, 1)
	f.mustPage(t, "kontak", "Kontak", "Belum siap.", warta.PageDraft, 2)

	rec := f.get(t, "/tentang-kami/")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /tentang-kami/ = %d, want 200", rec.Code)
	}
	d := parseMetaDoc(t, rec.Body.String())
	if h1 := d.all("h1", nil); len(h1) != 1 || metaText(h1[0]) != "Tentang Kami" {
		t.Errorf("h1 = %v, want one: Tentang Kami", h1)
	}
	if strong := d.all("strong", func(n *html.Node) bool { return metaText(n) == "Semarang" }); len(strong) != 1 {
		t.Error("the Markdown body is not rendered on the page")
	}
	if got := d.all("title", nil); len(got) != 1 || metaText(got[0]) != "Tentang Kami — Warta" {
		t.Errorf("title = %q", metaText(got[0]))
	}
	links := d.all("link", func(n *html.Node) bool { return metaAttr(n, "rel") == "canonical" })
	if len(links) != 1 || metaAttr(links[0], "href") != "https://warta.example/tentang-kami/" {
		t.Errorf("canonical = %v, want https://warta.example/tentang-kami/", links)
	}
	desc := d.meta(t, "description")
	if !strings.HasPrefix(desc, "Warta adalah media daring dari Semarang") || !strings.HasSuffix(desc, "…") || len([]rune(desc)) > 161 {
		t.Errorf("description = %q, want the start of the text, cut at a word with an ellipsis", desc)
	}
	if got := d.meta(t, "og:url"); got != "https://warta.example/tentang-kami/" {
		t.Errorf("og:url = %q", got)
	}
	var webPage bool
	for _, s := range d.all("script", func(n *html.Node) bool { return metaAttr(n, "type") == "application/ld+json" }) {
		var v map[string]any
		if err := json.Unmarshal([]byte(metaText(s)), &v); err != nil {
			t.Fatalf("JSON-LD: %v", err)
		}
		if v["@type"] == "WebPage" && v["name"] == "Tentang Kami" && v["url"] == "https://warta.example/tentang-kami/" {
			webPage = true
		}
	}
	if !webPage {
		t.Error("no WebPage JSON-LD for the page")
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.HasPrefix(cc, "public, max-age=") {
		t.Errorf("Cache-Control = %q, want it shared", cc)
	}
	// The page is marked current in its own footer link.
	current := find(parse(t, rec.Body.String()), func(n *html.Node) bool {
		v, _ := attr(n, "aria-current")
		href, _ := attr(n, "href")
		return n.Data == "a" && v == "page" && href == "/tentang-kami/"
	})
	if len(current) != 1 {
		t.Errorf("%d footer links to the page itself with aria-current, want 1", len(current))
	}

	// A draft, an unknown slug and a reserved word are the site's 404,
	// in the site's language.
	for _, path := range []string{"/kontak/", "/tidak-ada/", "/Tentang-Kami/", "/admin-x--y/"} {
		rec := f.get(t, path)
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "Halaman tidak ditemukan") {
			t.Errorf("GET %s = %d, want the 404 page", path, rec.Code)
		}
	}
	// Without the slash: a redirect for a published page only.
	if rec := f.get(t, "/tentang-kami"); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/tentang-kami/" {
		t.Errorf("GET /tentang-kami = %d to %q, want 301 to /tentang-kami/", rec.Code, rec.Header().Get("Location"))
	}
	if rec := f.get(t, "/kontak"); rec.Code != http.StatusNotFound {
		t.Errorf("GET /kontak (a draft) = %d, want 404", rec.Code)
	}

	// Unpublishing takes it away; deleting too.
	about.Status = warta.PageDraft
	if err := f.store.UpdatePage(context.Background(), about); err != nil {
		t.Fatal(err)
	}
	if rec := f.get(t, "/tentang-kami/"); rec.Code != http.StatusNotFound {
		t.Errorf("GET an unpublished page = %d, want 404", rec.Code)
	}

	// The sitemap lists published pages only.
	f.mustPage(t, "redaksi", "Redaksi", "Pemimpin redaksi.", warta.PagePublished, 0)
	var set urlSetDoc
	f.fetchXML(t, "/sitemap-pages.xml", &set)
	if len(set.URLs) != 1 || set.URLs[0].Loc != "https://warta.example/redaksi/" || set.URLs[0].LastMod == "" {
		t.Errorf("sitemap-pages.xml = %+v, want just /redaksi/ with a lastmod", set.URLs)
	}
}

func TestFooterMenuOnEveryPage(t *testing.T) {
	f := newFixture(t, "id")
	a := f.MustCreateArticle(t, "harga-cabai", warta.StatusPublished, "Harga cabai naik.")
	about := f.mustPage(t, "tentang-kami", "Tentang Kami", "Tentang.", warta.PagePublished, 2)
	staff := f.mustPage(t, "redaksi", "Susunan Redaksi", "Redaksi.", warta.PagePublished, 1)
	staff.MenuLabel = "Redaksi"
	if err := f.store.UpdatePage(context.Background(), staff); err != nil {
		t.Fatal(err)
	}
	f.mustPage(t, "kontak", "Kontak", "Draf.", warta.PageDraft, 3)
	f.mustPage(t, "pedoman-media-siber", "Pedoman Media Siber", "Pedoman.", warta.PagePublished, 0)

	want := []string{"Redaksi → /redaksi/", "Tentang Kami → /tentang-kami/"}
	for _, path := range []string{"/", a.Permalink(f.loc), "/section/nasional/", "/pedoman-media-siber/", "/search?q=cabai", "/tidak-ada/"} {
		rec := f.get(t, path)
		if got := footerLinks(t, rec.Body.String()); !reflect.DeepEqual(got, want) {
			t.Errorf("GET %s (%d): footer menu %q, want %q", path, rec.Code, got, want)
		}
	}
	if err := f.store.SetMenu(context.Background(), []int64{about.ID}); err != nil {
		t.Fatal(err)
	}
	if got := footerLinks(t, f.get(t, "/").Body.String()); !reflect.DeepEqual(got, []string{"Tentang Kami → /tentang-kami/"}) {
		t.Errorf("footer after SetMenu = %q", got)
	}
	// No menu, no empty <nav>.
	if err := f.store.SetMenu(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := footerLinks(t, f.get(t, "/").Body.String()); got != nil {
		t.Errorf("footer with an empty menu = %q, want no menu at all", got)
	}
}

// TestPageCacheFollowsPages checks that the page cache forgets a standing
// page when it is edited, and every page when the footer menu changes,
// but keeps other pages when a page outside the menu changes.
func TestPageCacheFollowsPages(t *testing.T) {
	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			f := newFixtureOn(t, "id", db)
			cache := pagecache.New(8 << 20)
			f.store.(interface{ OnChange(func([]string)) }).OnChange(func(tags []string) { cache.InvalidateTags(tags...) })
			handler := pagecache.Middleware(cache, f.handler)
			get := func(path string) (string, string) {
				t.Helper()
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
				if rec.Code != http.StatusOK {
					t.Fatalf("GET %s = %d", path, rec.Code)
				}
				return rec.Header().Get(pagecache.StatusHeader), rec.Body.String()
			}
			warm := func(paths ...string) {
				t.Helper()
				for _, p := range paths {
					get(p)
					if st, _ := get(p); st != "hit" {
						t.Fatalf("GET %s twice: %q, want hit", p, st)
					}
				}
			}
			ctx := context.Background()
			a := f.MustCreateArticle(t, "harga-cabai", warta.StatusPublished, "Harga cabai naik.")
			about := f.mustPage(t, "tentang-kami", "Tentang Kami", "Versi pertama.", warta.PagePublished, 1)
			staff := f.mustPage(t, "redaksi", "Redaksi", "Pemimpin redaksi.", warta.PagePublished, 2)
			rules := f.mustPage(t, "pedoman-media-siber", "Pedoman Media Siber", "Pedoman lama.", warta.PagePublished, 0)
			article := a.Permalink(f.loc)

			// Editing a page outside the menu: its own address only.
			warm("/", article, "/pedoman-media-siber/", "/tentang-kami/")
			f.clock.Advance(time.Minute)
			rules.BodyMarkdown, rules.BodyHTML = "Pedoman baru.", "<p>Pedoman baru.</p>"
			if err := f.store.UpdatePage(ctx, rules); err != nil {
				t.Fatal(err)
			}
			if st, body := get("/pedoman-media-siber/"); st != "miss" || !strings.Contains(body, "Pedoman baru.") {
				t.Errorf("edited page: %s, new text shown %v; want a miss with the new text", st, strings.Contains(body, "Pedoman baru."))
			}
			for _, p := range []string{"/", article, "/tentang-kami/"} {
				if st, _ := get(p); st != "hit" {
					t.Errorf("GET %s after editing a page outside the menu: %q, want still a hit", p, st)
				}
			}

			// Editing a page in the menu: every page, whose footer names it.
			about.MenuLabel = "Profil"
			if err := f.store.UpdatePage(ctx, about); err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"/", article, "/pedoman-media-siber/"} {
				st, body := get(p)
				if got := footerLinks(t, body); st != "miss" || len(got) == 0 || got[0] != "Profil → /tentang-kami/" {
					t.Errorf("GET %s after relabelling a menu page: %q with footer %q, want a miss with Profil", p, st, got)
				}
			}

			// Rearranging the menu: every page.
			warm("/", article, "/redaksi/")
			if err := f.store.SetMenu(ctx, []int64{staff.ID, about.ID}); err != nil {
				t.Fatal(err)
			}
			want := []string{"Redaksi → /redaksi/", "Profil → /tentang-kami/"}
			for _, p := range []string{"/", article, "/redaksi/"} {
				st, body := get(p)
				if got := footerLinks(t, body); st != "miss" || !reflect.DeepEqual(got, want) {
					t.Errorf("GET %s after SetMenu: %q with footer %q, want a miss with %q", p, st, got, want)
				}
			}

			// Unpublishing: the page is gone at once.
			warm("/redaksi/")
			staff.Status = warta.PageDraft
			if err := f.store.UpdatePage(ctx, staff); err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, httptest.NewRequest("GET", "/redaksi/", nil))
			if rec.Code != http.StatusNotFound {
				t.Errorf("GET /redaksi/ after unpublishing = %d, want 404", rec.Code)
			}
		})
	}
}
