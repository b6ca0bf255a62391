package api_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/internal/teststore"
	"warta/storetest"
)

func TestOpenAPIDocument(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		a := s.do("GET", "/api/v1/openapi.json", "", nil).want(t, 200, "")
		if a.field("openapi") != "3.1.0" {
			t.Errorf("openapi = %v, want 3.1.0", a.field("openapi"))
		}
		if a.Header().Get("ETag") == "" {
			t.Error("the document has no ETag")
		}
		// Every route in routes.go is described, and nothing else.
		src, err := os.ReadFile("routes.go")
		if err != nil {
			t.Fatal(err)
		}
		var documented []string
		for path, ops := range spec.doc["paths"].(map[string]any) {
			for method := range ops.(map[string]any) {
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
		slices.Sort(documented)
		if code := routesInCode(t, string(src)); !slices.Equal(code, documented) {
			t.Errorf("routes.go serves\n%v\nopenapi.json describes\n%v", code, documented)
		}
		// Every response schema compiles: each $ref resolves.
		for path, ops := range spec.doc["paths"].(map[string]any) {
			for method, op := range ops.(map[string]any) {
				for status, resp := range op.(map[string]any)["responses"].(map[string]any) {
					if _, ok := resp.(map[string]any)["content"]; !ok {
						continue
					}
					ptr := specURL + "#/paths/" + pointerEscape(path) + "/" + method + "/responses/" + status + "/content/application~1json/schema"
					if _, err := spec.compiler.Compile(ptr); err != nil {
						t.Errorf("%s %s %s: %v", method, path, status, err)
					}
				}
			}
		}
	})
}

func TestListArticles(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		ctx := context.Background()
		banjir := storetest.MustCreateTag(t, s.store, &warta.Tag{Slug: "banjir", Name: "Banjir"})
		s.article(warta.RoleAuthor, warta.StatusPublished, "banjir-demak", *banjir)
		s.article(warta.RoleEditor, warta.StatusPublished, "harga-beras")
		s.article(warta.RoleAuthor, warta.StatusDraft, "draf-rahasia")
		s.article(warta.RoleAuthor, warta.StatusScheduled, "nanti-siang")
		s.article(warta.RoleAuthor, warta.StatusUnpublished, "ditarik")
		ekonomi := storetest.MustCreateSection(t, s.store, &warta.Section{Slug: "ekonomi", Name: "Ekonomi"})

		all := s.do("GET", "/api/v1/articles", "", nil).want(t, 200, "")
		if got := slugsOf(t, all); got != "harga-beras banjir-demak" && got != "banjir-demak harga-beras" {
			t.Errorf("public list = %q, want only the two published articles", got)
		}
		if all.field("next") != nil || all.field("total") != float64(2) {
			t.Errorf("next = %v, total = %v; want null and 2", all.field("next"), all.field("total"))
		}
		for _, it := range itemsOf(t, all) {
			if _, ok := it["body_markdown"]; ok {
				t.Error("an anonymous list shows body_markdown")
			}
		}
		if cc := all.Header().Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
			t.Errorf("anonymous Cache-Control = %q, want public", cc)
		}

		for _, tc := range []struct{ query, want string }{
			{"tag=banjir", "banjir-demak"},
			{"tag=tidak-ada", ""},
			{"section=nasional&tag=banjir", "banjir-demak"},
			{"section=ekonomi", ""},
			{"author=" + mustAuthorSlug(t, s, warta.RoleEditor), "harga-beras"},
			{"q=beras", "harga-beras"},
			{"q=rahasia", ""},
			{"status=published&tag=banjir", "banjir-demak"},
		} {
			if got := slugsOf(t, s.do("GET", "/api/v1/articles?"+tc.query, "", nil).want(t, 200, "")); got != tc.want {
				t.Errorf("?%s = %q, want %q", tc.query, got, tc.want)
			}
		}
		_ = ekonomi

		// Drafts: not for anyone without a token, nor for a contributor.
		s.do("GET", "/api/v1/articles?status=draft", "", nil).want(t, 401, "unauthorized")
		s.do("GET", "/api/v1/articles?status=draft", s.tokens[warta.RoleContributor], nil).want(t, 403, "forbidden")
		s.do("GET", "/api/v1/articles?status=draft", s.tokens[warta.RoleAuthor], nil).want(t, 403, "forbidden")
		drafts := s.do("GET", "/api/v1/articles?status=draft", s.tokens[warta.RoleEditor], nil).want(t, 200, "")
		if got := slugsOf(t, drafts); got != "draf-rahasia" {
			t.Errorf("editor's drafts = %q", got)
		}
		if cc := drafts.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control with a token = %q, want no-store", cc)
		}
		if it := itemsOf(t, drafts)[0]; it["body_markdown"] != "Isi draf-rahasia" || it["url"] != nil {
			t.Errorf("editor's draft: body_markdown %v, url %v; want the Markdown and no url", it["body_markdown"], it["url"])
		}

		// Bad parameters.
		for _, q := range []string{"status=terbit", "limit=0", "limit=101", "limit=x", "cursor=!!!", "cursor=bm90LWpzb24", "sort=old", "q=banjir&tag=banjir"} {
			s.do("GET", "/api/v1/articles?"+q, "", nil).want(t, 400, "bad_parameter")
		}
		_ = ctx
	})
}

func mustAuthorSlug(t *testing.T, s *site, role warta.Role) string {
	a, err := s.store.AuthorByID(context.Background(), s.users[role].AuthorID)
	if err != nil {
		t.Fatal(err)
	}
	return a.Slug
}

func TestPagination(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		for i := 0; i < 7; i++ {
			s.article(warta.RoleAuthor, warta.StatusPublished, "berita-"+string(rune('a'+i)))
			s.advance(time.Minute)
		}
		var seen []string
		next := "/api/v1/articles?limit=3"
		pages := 0
		for next != "" {
			a := s.do("GET", next, "", nil).want(t, 200, "")
			for _, it := range itemsOf(t, a) {
				seen = append(seen, it["slug"].(string))
			}
			pages++
			if pages == 1 {
				// Published meanwhile: not on later pages, which stay as they were.
				s.advance(time.Second)
				fresh := s.article(warta.RoleAuthor, warta.StatusPublished, "baru-saja")
				fresh.PublishedAt, fresh.EditedBy = s.clock(), s.users[warta.RoleAuthor].ID
				if err := s.store.UpdateArticle(context.Background(), fresh); err != nil {
					t.Fatal(err)
				}
				if link := a.Header().Get("Link"); !strings.Contains(link, `rel="next"`) {
					t.Errorf("Link = %q, want a next link", link)
				}
			}
			n, _ := a.field("next").(string)
			if n == "" {
				if a.Header().Get("Link") != "" {
					t.Error("the last page has a Link header")
				}
				break
			}
			u, err := url.Parse(n)
			if err != nil || u.Host != "warta.test" {
				t.Fatalf("next = %q, want an absolute link on the site", n)
			}
			next = u.RequestURI()
			if pages > 5 {
				t.Fatal("pagination does not end")
			}
		}
		if pages != 3 || len(seen) != 7 {
			t.Fatalf("read %d pages, %d articles (%v), want 3 pages, 7 articles", pages, len(seen), seen)
		}
		want := []string{"berita-g", "berita-f", "berita-e", "berita-d", "berita-c", "berita-b", "berita-a"}
		if !slices.Equal(seen, want) {
			t.Errorf("articles = %v, want %v (newest first, none twice)", seen, want)
		}
	})
}

func TestETag(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		a := s.article(warta.RoleAuthor, warta.StatusPublished, "banjir")
		first := s.do("GET", "/api/v1/articles/"+id(a), "", nil).want(t, 200, "")
		etag := first.Header().Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		again := s.do("GET", "/api/v1/articles/"+id(a), "", nil, "If-None-Match: "+etag)
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Fatalf("If-None-Match with the current ETag = %d %q, want 304 and no body", again.Code, again.Body)
		}
		// A change makes a new ETag.
		a.Headline = "Banjir meluas"
		a.EditedBy = s.users[warta.RoleAuthor].ID
		if err := s.store.UpdateArticle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		changed := s.do("GET", "/api/v1/articles/"+id(a), "", nil, "If-None-Match: "+etag).want(t, 200, "")
		if changed.Header().Get("ETag") == etag {
			t.Error("the ETag did not change with the article")
		}
		for _, path := range []string{"/api/v1/articles", "/api/v1/sections", "/api/v1/tags", "/api/v1/authors", "/api/v1/articles/" + id(a) + "/comments"} {
			r := s.do("GET", path, "", nil).want(t, 200, "")
			s.do("GET", path, "", nil, "If-None-Match: "+r.Header().Get("ETag"))
			if r2 := s.do("GET", path, "", nil, "If-None-Match: "+r.Header().Get("ETag")); r2.Code != 304 {
				t.Errorf("%s with its ETag = %d, want 304", path, r2.Code)
			}
		}
	})
}

func TestShowArticle(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		pub := s.article(warta.RoleAuthor, warta.StatusPublished, "terbit")
		draft := s.article(warta.RoleAuthor, warta.StatusDraft, "draf")
		gone := s.article(warta.RoleAuthor, warta.StatusUnpublished, "ditarik")
		sched := s.article(warta.RoleAuthor, warta.StatusScheduled, "terjadwal")

		a := s.do("GET", "/api/v1/articles/"+id(pub), "", nil).want(t, 200, "")
		if a.field("url") != baseURL+"/2024/06/19/terbit/" || a.field("headline") != "Judul terbit" || a.field("body_html") != "<p>Isi terbit</p>" {
			t.Errorf("article = %s", a.Body)
		}
		if _, ok := a.json["revision"]; ok {
			t.Error("the public sees the revision")
		}
		s.do("GET", "/api/v1/articles/"+id(draft), "", nil).want(t, 404, "not_found")
		s.do("GET", "/api/v1/articles/"+id(sched), "", nil).want(t, 404, "not_found")
		s.do("GET", "/api/v1/articles/"+id(gone), "", nil).want(t, 410, "gone")
		s.do("GET", "/api/v1/articles/999999", "", nil).want(t, 404, "not_found")
		s.do("GET", "/api/v1/articles/abc", "", nil).want(t, 404, "not_found")
		s.do("GET", "/api/v1/articles/-3", "", nil).want(t, 404, "not_found")
		// Another author may not see someone's draft; its owner and an editor may.
		s.do("GET", "/api/v1/articles/"+id(draft), s.tokens[warta.RoleContributor], nil).want(t, 404, "not_found")
		own := s.do("GET", "/api/v1/articles/"+id(draft), s.tokens[warta.RoleAuthor], nil).want(t, 200, "")
		if own.field("body_markdown") != "Isi draf" || own.field("revision") != float64(1) {
			t.Errorf("owner's draft: %s", own.Body)
		}
		s.do("GET", "/api/v1/articles/"+id(draft), s.tokens[warta.RoleEditor], nil).want(t, 200, "")

		// By slug, current and former.
		s.do("GET", "/api/v1/article-slugs/terbit", "", nil).want(t, 200, "")
		s.do("GET", "/api/v1/article-slugs/draf", "", nil).want(t, 404, "not_found")
		s.do("GET", "/api/v1/article-slugs/tidak-ada", "", nil).want(t, 404, "not_found")
		pub.Slug, pub.EditedBy = "terbit-baru", s.users[warta.RoleAuthor].ID
		if err := s.store.UpdateArticle(context.Background(), pub); err != nil {
			t.Fatal(err)
		}
		if got := s.do("GET", "/api/v1/article-slugs/terbit", "", nil).want(t, 200, "").field("slug"); got != "terbit-baru" {
			t.Errorf("the former slug answers slug %v, want terbit-baru", got)
		}
		// Unknown addresses under the API answer JSON 404s; known ones asked
		// with another method, 405 with Allow.
		s.do("GET", "/api/v1/tidak-ada", "", nil).want(t, 404, "not_found")
		s.do("POST", "/api/v1/tidak-ada", "", nil).want(t, 404, "not_found")
		if r := s.do("DELETE", "/api/v1/articles/"+id(pub), s.tokens[warta.RoleEditor], nil).want(t, 405, "method_not_allowed"); r.Header().Get("Allow") != "GET, PATCH" {
			t.Errorf("Allow = %q, want GET, PATCH", r.Header().Get("Allow"))
		}
		s.do("PUT", "/api/v1/sections", "", nil).want(t, 405, "method_not_allowed")
	})
}

func TestTaxonomy(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		storetest.MustCreateTag(t, s.store, &warta.Tag{Slug: "banjir", Name: "Banjir"})
		sections := s.do("GET", "/api/v1/sections", "", nil).want(t, 200, "")
		if got := slugsOf(t, sections); got != "nasional" {
			t.Errorf("sections = %q", got)
		}
		if got := slugsOf(t, s.do("GET", "/api/v1/tags", "", nil).want(t, 200, "")); got != "banjir" {
			t.Errorf("tags = %q", got)
		}
		authors := s.do("GET", "/api/v1/authors", "", nil).want(t, 200, "")
		if n := len(itemsOf(t, authors)); n != len(warta.Roles) {
			t.Errorf("%d authors, want %d", n, len(warta.Roles))
		}
		if strings.Contains(authors.Body.String(), "@warta.test") {
			t.Error("the authors list shows staff emails")
		}
	})
}
