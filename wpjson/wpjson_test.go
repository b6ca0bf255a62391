package wpjson_test

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/internal/teststore"
)

func TestIndex(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		for _, path := range []string{"/wp-json/", "/?rest_route=/", "/?rest_route="} {
			o := f.object(t, path)
			checkShape(t, path, o, indexSchema)
			if o["name"] != "Warta" || o["url"] != baseURL || o["home"] != baseURL {
				t.Errorf("%s: name %v url %v home %v", path, o["name"], o["url"], o["home"])
			}
			if o["gmt_offset"] != float64(7) || o["timezone_string"] != "Asia/Jakarta" {
				t.Errorf("%s: gmt_offset %v timezone_string %v, want 7 and Asia/Jakarta", path, o["gmt_offset"], o["timezone_string"])
			}
			if ns := o["namespaces"].([]any); len(ns) != 1 || ns[0] != "wp/v2" {
				t.Errorf("%s: namespaces %v", path, ns)
			}
			routes := o["routes"].(map[string]any)
			for _, r := range []string{"/wp/v2/posts", `/wp/v2/posts/(?P<id>[\d]+)`, "/wp/v2/pages", "/wp/v2/categories",
				"/wp/v2/tags", "/wp/v2/users", "/wp/v2/media", "/wp/v2/comments"} {
				if _, ok := routes[r]; !ok {
					t.Errorf("%s: no route %s", path, r)
				}
			}
			if m := routes["/wp/v2/comments"].(map[string]any)["methods"].([]any); !slices.Contains(m, any("POST")) {
				t.Errorf("%s: comments route methods %v, want POST among them", path, m)
			}
		}
		// The site title setting names the site.
		if err := f.st.SetSetting(t.Context(), "site_title", "Warta Pesisir"); err != nil {
			t.Fatal(err)
		}
		if err := f.st.SetSetting(t.Context(), "site_tagline", "Kabar dari pantai utara"); err != nil {
			t.Fatal(err)
		}
		if o := f.object(t, "/wp-json/"); o["name"] != "Warta Pesisir" || o["description"] != "Kabar dari pantai utara" {
			t.Errorf("index after settings: name %v, description %v", o["name"], o["description"])
		}
	})
}

func TestPostShape(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		o := f.object(t, "/wp-json/wp/v2/posts/"+strconv.FormatInt(f.flood.ID, 10))
		checkShape(t, "post", o, postSchema)
		id := strconv.FormatInt(f.flood.ID, 10)
		want := map[string]any{
			"id":             float64(f.flood.ID),
			"date":           "2024-06-19T12:05:00", // 05:05 UTC in Jakarta
			"date_gmt":       "2024-06-19T05:05:00",
			"slug":           "banjir-rob-demak",
			"status":         "publish",
			"type":           "post",
			"link":           baseURL + "/2024/06/19/banjir-rob-demak/",
			"author":         float64(f.rina.ID), // the first byline
			"featured_media": float64(f.lead.ID),
			"comment_status": "open",
			"ping_status":    "closed",
			"sticky":         false,
			"format":         "standard",
		}
		for k, v := range want {
			if o[k] != v {
				t.Errorf("post %s = %#v, want %#v", k, o[k], v)
			}
		}
		if got := rendered(o, "title"); got != "Banjir rob &amp; tanggul jebol di Demak" {
			t.Errorf("title.rendered = %q, want the headline HTML-escaped", got)
		}
		if got := rendered(o, "content"); got != f.flood.BodyHTML {
			t.Errorf("content.rendered = %q, want the body HTML", got)
		}
		if got := rendered(o, "excerpt"); got != "<p>Seribu rumah terendam &lt;air laut&gt;.</p>\n" {
			t.Errorf("excerpt.rendered = %q, want the dek escaped in a paragraph", got)
		}
		if got := rendered(o, "guid"); got != baseURL+"/?p="+id {
			t.Errorf("guid.rendered = %q", got)
		}
		if mod, _ := time.Parse("2006-01-02T15:04:05", o["modified_gmt"].(string)); mod.Before(f.flood.PublishedAt.Truncate(time.Second)) {
			t.Errorf("modified_gmt %v is before date_gmt", o["modified_gmt"])
		}
		if got := o["categories"].([]any); len(got) != 1 || got[0] != float64(f.nasional.ID) {
			t.Errorf("categories = %v, want [%d]", got, f.nasional.ID)
		}
		if got := o["tags"].([]any); len(got) != 2 || got[0] != float64(f.banjir.ID) || got[1] != float64(f.pemilu.ID) {
			t.Errorf("tags = %v", got)
		}
		links := map[string]string{
			"self":             "/wp-json/wp/v2/posts/" + id,
			"collection":       "/wp-json/wp/v2/posts",
			"author":           "/wp-json/wp/v2/users/" + strconv.FormatInt(f.rina.ID, 10),
			"replies":          "/wp-json/wp/v2/comments?post=" + id,
			"wp:featuredmedia": "/wp-json/wp/v2/media/" + strconv.FormatInt(f.lead.ID, 10),
			"wp:term":          "/wp-json/wp/v2/categories?post=" + id,
		}
		for rel, path := range links {
			if got := href(o, rel); got != baseURL+path {
				t.Errorf("_links.%s = %q, want %q", rel, got, baseURL+path)
			}
		}
		terms := o["_links"].(map[string]any)["wp:term"].([]any)
		if len(terms) != 2 || terms[1].(map[string]any)["taxonomy"] != "post_tag" || terms[1].(map[string]any)["href"] != baseURL+"/wp-json/wp/v2/tags?post="+id {
			t.Errorf("_links.wp:term = %v", terms)
		}

		// Comments closed; no dek: the excerpt is the body's first 55 words.
		m := f.object(t, "/wp-json/wp/v2/posts/"+strconv.FormatInt(f.market.ID, 10))
		if m["comment_status"] != "closed" || m["featured_media"] != float64(0) {
			t.Errorf("market: comment_status %v, featured_media %v", m["comment_status"], m["featured_media"])
		}
		if _, ok := m["_links"].(map[string]any)["wp:featuredmedia"]; ok {
			t.Error("market has no image but links wp:featuredmedia")
		}
		ex := rendered(m, "excerpt")
		if !strings.HasPrefix(ex, "<p>Harga beras medium naik di pasar") || !strings.HasSuffix(ex, " […]</p>\n") || len(strings.Fields(ex)) != 56 {
			t.Errorf("excerpt from the body = %q, want 55 words and […]", ex)
		}
		// Comments close with age: 30 days old, with a 7-day limit.
		if err := f.st.SetSetting(t.Context(), "comments_close_after_days", "7"); err != nil {
			t.Fatal(err)
		}
		if o := f.object(t, "/wp-json/wp/v2/posts/"+strconv.FormatInt(f.old.ID, 10)); o["comment_status"] != "closed" {
			t.Errorf("old post comment_status %v, want closed", o["comment_status"])
		}
	})
}

func TestPostNotVisible(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		for _, id := range []string{strconv.FormatInt(f.draft.ID, 10), strconv.FormatInt(f.scheduled.ID, 10), "999999", "abc", "0"} {
			path := "/wp-json/wp/v2/posts/" + id
			o := wantError(t, path, f.get(t, path), 404, "rest_post_invalid_id")
			if o["message"] != "ID tulisan tidak valid." {
				t.Errorf("%s: message %q, want the site language's", path, o["message"])
			}
		}
		// Drafts and scheduled posts are in no list either.
		list, _ := f.list(t, "/wp-json/wp/v2/posts?per_page=100")
		for _, o := range list {
			if s := o["slug"]; s == "draf-rahasia" || s == "embargo-besok" {
				t.Errorf("list shows %v", s)
			}
		}
		// Once the embargo lifts (the job publishes it), the post is there.
		f.clock.advance(25 * time.Hour)
		if _, err := f.st.PublishDue(t.Context(), f.clock.Now()); err != nil {
			t.Fatal(err)
		}
		f.object(t, "/wp-json/wp/v2/posts/"+strconv.FormatInt(f.scheduled.ID, 10))
	})
}

func TestPostsList(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		list, rec := f.list(t, "/wp-json/wp/v2/posts")
		if got, want := ids(list), []int64{f.flood.ID, f.market.ID, f.old.ID}; !slices.Equal(got, want) {
			t.Fatalf("posts = %v, want %v (newest first)", got, want)
		}
		for i, o := range list {
			checkShape(t, fmt.Sprintf("posts[%d]", i), o, postSchema)
		}
		if rec.Header().Get("X-WP-Total") != "3" || rec.Header().Get("X-WP-TotalPages") != "1" || rec.Header().Get("Link") != "" {
			t.Errorf("headers: total %q pages %q link %q", rec.Header().Get("X-WP-Total"), rec.Header().Get("X-WP-TotalPages"), rec.Header().Get("Link"))
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "public, max-age=60" {
			t.Errorf("Cache-Control %q", cc)
		}
		if rec.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Error("no CORS for reading")
		}

		// Pagination: page 2 of 3 links both ways, keeping the other parameters.
		list, rec = f.list(t, "/wp-json/wp/v2/posts?per_page=1&page=2&order=desc")
		if got := ids(list); !slices.Equal(got, []int64{f.market.ID}) {
			t.Errorf("page 2 = %v", got)
		}
		if rec.Header().Get("X-WP-Total") != "3" || rec.Header().Get("X-WP-TotalPages") != "3" {
			t.Errorf("page 2 headers: %v", rec.Header())
		}
		links := rec.Header().Values("Link")
		wantLinks := []string{
			`<` + baseURL + `/wp-json/wp/v2/posts?order=desc&page=1&per_page=1>; rel="prev"`,
			`<` + baseURL + `/wp-json/wp/v2/posts?order=desc&page=3&per_page=1>; rel="next"`,
		}
		if !slices.Equal(links, wantLinks) {
			t.Errorf("Link = %q, want %q", links, wantLinks)
		}
		wantError(t, "page past the end", f.get(t, "/wp-json/wp/v2/posts?page=4&per_page=1"), 400, "rest_post_invalid_page_number")

		for _, bad := range []string{"per_page=0", "per_page=101", "per_page=x", "page=0", "page=-1", "categories=x", "tags=1,b",
			"author=-2", "after=yesterday", "before=2024-13-01", "orderby=rand", "order=up", "status=draft"} {
			o := wantError(t, bad, f.get(t, "/wp-json/wp/v2/posts?"+bad), 400, "rest_invalid_param")
			param, _, _ := strings.Cut(bad, "=")
			if params, _ := o["data"].(map[string]any)["params"].(map[string]any); params[param] == nil {
				t.Errorf("%s: data.params names %v, want %s", bad, params, param)
			}
		}
		f.list(t, "/wp-json/wp/v2/posts?per_page=100")
		f.list(t, "/wp-json/wp/v2/posts?per_page=1")
	})
}

func TestPostsFilters(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		tests := []struct {
			query string
			want  []*warta.Article
		}{
			{"categories=" + strconv.FormatInt(f.ekonomi.ID, 10), []*warta.Article{f.market}},
			{"categories=" + strconv.FormatInt(f.ekonomi.ID, 10) + "," + strconv.FormatInt(f.nasional.ID, 10), []*warta.Article{f.flood, f.market, f.old}},
			{"categories[]=" + strconv.FormatInt(f.nasional.ID, 10), []*warta.Article{f.flood, f.old}},
			{"tags=" + strconv.FormatInt(f.banjir.ID, 10), []*warta.Article{f.flood}}, // not the scheduled one
			{"tags=" + strconv.FormatInt(f.pemilu.ID, 10) + "&categories=" + strconv.FormatInt(f.ekonomi.ID, 10), []*warta.Article{f.market}},
			{"author=" + strconv.FormatInt(f.budi.ID, 10), []*warta.Article{f.flood, f.market}},
			{"author=" + strconv.FormatInt(f.sari.ID, 10), nil},
			{"slug=harga-beras-naik", []*warta.Article{f.market}},
			{"slug=arsip-lama,banjir-rob-demak", []*warta.Article{f.flood, f.old}},
			{"slug=draf-rahasia", nil},
			{"slug=tidak-ada", nil},
			{"after=2024-06-19T11:30:00", []*warta.Article{f.flood}},          // Jakarta time: 04:30 UTC
			{"after=2024-06-19T04:30:00Z", []*warta.Article{f.flood}},         // the same instant
			{"before=2024-06-19T12:05:00", []*warta.Article{f.market, f.old}}, // exclusive: not flood at 12:05 WIB
			{"after=2024-06-01&before=2024-06-19T12:00:00%2B07:00", []*warta.Article{f.market}},
			{"search=beras", []*warta.Article{f.market}},
			{"search=BANJIR", []*warta.Article{f.flood}},
			{"orderby=title&order=asc", []*warta.Article{f.old, f.flood, f.market}},
			{"orderby=slug&order=desc", []*warta.Article{f.market, f.flood, f.old}},
			{"orderby=id&order=asc", []*warta.Article{f.flood, f.market, f.old}},
			{"orderby=date&order=asc", []*warta.Article{f.old, f.market, f.flood}},
			{"orderby=modified", []*warta.Article{f.old, f.market, f.flood}},
			{"orderby=relevance&search=beras", []*warta.Article{f.market}},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				list, rec := f.list(t, "/wp-json/wp/v2/posts?"+tt.query)
				var want []int64
				for _, a := range tt.want {
					want = append(want, a.ID)
				}
				if got := ids(list); !slices.Equal(got, want) {
					t.Errorf("ids = %v, want %v", got, want)
				}
				if got := rec.Header().Get("X-WP-Total"); got != strconv.Itoa(len(want)) {
					t.Errorf("X-WP-Total = %s, want %d", got, len(want))
				}
			})
		}
		wantError(t, "relevance without search", f.get(t, "/wp-json/wp/v2/posts?orderby=relevance"), 400, "rest_no_search_term_defined")
	})
}

func TestPostsEmbed(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		list, _ := f.list(t, "/wp-json/wp/v2/posts?_embed&per_page=1")
		emb, ok := list[0]["_embedded"].(map[string]any)
		if !ok {
			t.Fatalf("_embed: no _embedded in %v", list[0])
		}
		authors := emb["author"].([]any)
		checkShape(t, "embedded author", authors[0].(map[string]any), userEmbedSchema)
		if authors[0].(map[string]any)["id"] != float64(f.rina.ID) {
			t.Errorf("embedded author %v, want Rina", authors[0])
		}
		media := emb["wp:featuredmedia"].([]any)[0].(map[string]any)
		checkShape(t, "embedded media", media, mediaEmbedSchema)
		if media["source_url"] != baseURL+"/media/"+f.lead.Path {
			t.Errorf("embedded media source_url %v", media["source_url"])
		}
		terms := emb["wp:term"].([]any)
		cats, tags := terms[0].([]any), terms[1].([]any)
		if len(cats) != 1 || len(tags) != 2 {
			t.Fatalf("wp:term = %v, want [[category], [2 tags]]", terms)
		}
		checkShape(t, "embedded category", cats[0].(map[string]any), termEmbedSchema)
		checkShape(t, "embedded tag", tags[0].(map[string]any), termEmbedSchema)
		if cats[0].(map[string]any)["taxonomy"] != "category" || tags[1].(map[string]any)["slug"] != "pemilu-2024" {
			t.Errorf("wp:term = %v", terms)
		}
		replies := emb["replies"].([]any)[0].([]any)
		if len(replies) != 2 { // c1 and its reply; never pending or spam
			t.Errorf("embedded replies = %d, want 2", len(replies))
		}
		for _, r := range replies {
			checkShape(t, "embedded reply", r.(map[string]any), commentEmbedSchema)
		}

		// Only the relations asked for.
		o := f.object(t, "/wp-json/wp/v2/posts/"+strconv.FormatInt(f.flood.ID, 10)+"?_embed=author,wp:term")
		emb = o["_embedded"].(map[string]any)
		if _, ok := emb["author"]; !ok {
			t.Error("_embed=author,wp:term: no author")
		}
		if _, ok := emb["wp:featuredmedia"]; ok {
			t.Error("_embed=author,wp:term embedded the media")
		}
		// Without _embed, nothing is embedded.
		if o := f.object(t, "/wp-json/wp/v2/posts/"+strconv.FormatInt(f.flood.ID, 10)); o["_embedded"] != nil {
			t.Error("_embedded without _embed")
		}
	})
}

func TestPages(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		list, rec := f.list(t, "/wp-json/wp/v2/pages")
		if got := ids(list); !slices.Equal(got, []int64{f.about.ID}) || rec.Header().Get("X-WP-Total") != "1" {
			t.Fatalf("pages = %v (total %s), want only the published one", got, rec.Header().Get("X-WP-Total"))
		}
		o := f.object(t, "/wp-json/wp/v2/pages/"+strconv.FormatInt(f.about.ID, 10))
		checkShape(t, "page", o, pageSchema)
		if o["type"] != "page" || o["status"] != "publish" || o["link"] != baseURL+"/tentang-kami/" || o["menu_order"] != float64(1) {
			t.Errorf("page = %v", o)
		}
		if rendered(o, "content") != f.about.BodyHTML || rendered(o, "title") != "Tentang Kami" {
			t.Errorf("page content %q title %q", rendered(o, "content"), rendered(o, "title"))
		}
		if href(o, "self") != baseURL+"/wp-json/wp/v2/pages/"+strconv.FormatInt(f.about.ID, 10) {
			t.Errorf("page self link %q", href(o, "self"))
		}
		wantError(t, "draft page", f.get(t, "/wp-json/wp/v2/pages/"+strconv.FormatInt(f.hiddenPage.ID, 10)), 404, "rest_post_invalid_id")
		wantError(t, "missing page", f.get(t, "/wp-json/wp/v2/pages/424242"), 404, "rest_post_invalid_id")
		if list, _ := f.list(t, "/wp-json/wp/v2/pages?slug=pedoman-baru"); len(list) != 0 {
			t.Error("a draft page is found by slug")
		}
		wantError(t, "pages per_page", f.get(t, "/wp-json/wp/v2/pages?per_page=500"), 400, "rest_invalid_param")
	})
}

func TestTaxonomies(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		cats, rec := f.list(t, "/wp-json/wp/v2/categories")
		if got := ids(cats); !slices.Equal(got, []int64{f.nasional.ID, f.ekonomi.ID}) || rec.Header().Get("X-WP-Total") != "2" {
			t.Fatalf("categories = %v", got)
		}
		for _, o := range cats {
			checkShape(t, "category", o, categorySchema)
		}
		n := cats[0]
		if n["count"] != float64(2) || n["link"] != baseURL+"/section/nasional/" || n["taxonomy"] != "category" ||
			n["description"] != "Berita dari seluruh negeri" || n["parent"] != float64(0) {
			t.Errorf("nasional = %v (count counts published posts only: 2)", n)
		}
		if cats[1]["name"] != "Ekonomi &amp; Bisnis" {
			t.Errorf("category name %q, want WordPress's escaped form", cats[1]["name"])
		}
		if href(n, "wp:post_type") != baseURL+"/wp-json/wp/v2/posts?categories="+strconv.FormatInt(f.nasional.ID, 10) {
			t.Errorf("wp:post_type link %q", href(n, "wp:post_type"))
		}
		one := f.object(t, "/wp-json/wp/v2/categories/"+strconv.FormatInt(f.ekonomi.ID, 10))
		checkShape(t, "category", one, categorySchema)
		wantError(t, "missing category", f.get(t, "/wp-json/wp/v2/categories/999"), 404, "rest_term_invalid")

		tags, _ := f.list(t, "/wp-json/wp/v2/tags")
		if got := ids(tags); !slices.Equal(got, []int64{f.banjir.ID, f.pemilu.ID}) {
			t.Fatalf("tags = %v", got)
		}
		for _, o := range tags {
			checkShape(t, "tag", o, tagSchema)
		}
		if tags[0]["count"] != float64(1) || tags[0]["taxonomy"] != "post_tag" || tags[0]["link"] != baseURL+"/tag/banjir/" {
			t.Errorf("banjir = %v (the scheduled post does not count)", tags[0])
		}
		checkShape(t, "tag", f.object(t, "/wp-json/wp/v2/tags/"+strconv.FormatInt(f.pemilu.ID, 10)), tagSchema)
		wantError(t, "a section's ID as a tag", f.get(t, "/wp-json/wp/v2/tags/999"), 404, "rest_term_invalid")

		// The terms of one post, as the post's wp:term links ask.
		if got, _ := f.list(t, "/wp-json/wp/v2/tags?post="+strconv.FormatInt(f.market.ID, 10)); !slices.Equal(ids(got), []int64{f.pemilu.ID}) {
			t.Errorf("tags?post=market = %v", ids(got))
		}
		if got, _ := f.list(t, "/wp-json/wp/v2/categories?post="+strconv.FormatInt(f.market.ID, 10)); !slices.Equal(ids(got), []int64{f.ekonomi.ID}) {
			t.Errorf("categories?post=market = %v", ids(got))
		}
		if got, _ := f.list(t, "/wp-json/wp/v2/tags?post="+strconv.FormatInt(f.scheduled.ID, 10)); len(got) != 0 {
			t.Errorf("tags of a scheduled post = %v, want none", ids(got))
		}
		if got, _ := f.list(t, "/wp-json/wp/v2/tags?slug=banjir"); !slices.Equal(ids(got), []int64{f.banjir.ID}) {
			t.Errorf("tags?slug=banjir = %v", ids(got))
		}
		got, rec := f.list(t, "/wp-json/wp/v2/tags?per_page=1&page=2")
		if !slices.Equal(ids(got), []int64{f.pemilu.ID}) || rec.Header().Get("X-WP-TotalPages") != "2" || !strings.Contains(rec.Header().Get("Link"), `rel="prev"`) {
			t.Errorf("tags page 2 = %v, headers %v", ids(got), rec.Header())
		}
	})
}

func TestUsers(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		users, rec := f.list(t, "/wp-json/wp/v2/users")
		// Sari has only a draft: WordPress shows visitors authors of published posts only.
		if got := ids(users); !slices.Equal(got, []int64{f.budi.ID, f.rina.ID}) || rec.Header().Get("X-WP-Total") != "2" {
			t.Fatalf("users = %v, want Budi and Rina by name", got)
		}
		for _, o := range users {
			checkShape(t, "user", o, userSchema)
		}
		r := f.object(t, "/wp-json/wp/v2/users/"+strconv.FormatInt(f.rina.ID, 10))
		checkShape(t, "user", r, userSchema)
		if r["name"] != "Rina Pertiwi" || r["description"] != "Wartawan pesisir." || r["slug"] != "rina-pertiwi" ||
			r["link"] != baseURL+"/author/rina-pertiwi/" || r["url"] != "" {
			t.Errorf("rina = %v", r)
		}
		// The avatar is served by our own route.
		av := r["avatar_urls"].(map[string]any)["96"].(string)
		if rec := f.get(t, strings.TrimPrefix(av, baseURL)); rec.Code != 200 || rec.Header().Get("Content-Type") != "image/svg+xml" {
			t.Errorf("GET %s = %d %s", av, rec.Code, rec.Header().Get("Content-Type"))
		}
		wantError(t, "author with only a draft", f.get(t, "/wp-json/wp/v2/users/"+strconv.FormatInt(f.sari.ID, 10)), 404, "rest_user_invalid_id")
		wantError(t, "missing user", f.get(t, "/wp-json/wp/v2/users/999"), 404, "rest_user_invalid_id")
		if got, _ := f.list(t, "/wp-json/wp/v2/users?slug=budi-santoso"); !slices.Equal(ids(got), []int64{f.budi.ID}) {
			t.Errorf("users?slug = %v", ids(got))
		}
	})
}

func TestMedia(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		list, rec := f.list(t, "/wp-json/wp/v2/media")
		// The embargoed story's picture is not shown before the story.
		if got := ids(list); !slices.Equal(got, []int64{f.lead.ID}) || rec.Header().Get("X-WP-Total") != "1" {
			t.Fatalf("media = %v, want only the published lead image", got)
		}
		o := f.object(t, "/wp-json/wp/v2/media/"+strconv.FormatInt(f.lead.ID, 10))
		checkShape(t, "media", o, mediaSchema)
		want := map[string]any{
			"type": "attachment", "status": "inherit", "media_type": "image", "mime_type": "image/jpeg",
			"alt_text": "Warga mengungsi dengan perahu karet", "source_url": baseURL + "/media/2024/06/a-rob-demak.jpg",
			"post": float64(f.flood.ID), "author": float64(f.rina.ID), "slug": "a-rob-demak",
		}
		for k, v := range want {
			if o[k] != v {
				t.Errorf("media %s = %#v, want %#v", k, o[k], v)
			}
		}
		if rendered(o, "caption") != "<p>Banjir rob di Sayung, Demak</p>\n" {
			t.Errorf("caption.rendered = %q", rendered(o, "caption"))
		}
		d := o["media_details"].(map[string]any)
		if d["width"] != float64(1600) || d["height"] != float64(900) || d["file"] != "2024/06/a-rob-demak.jpg" {
			t.Errorf("media_details = %v", d)
		}
		sizes := d["sizes"].(map[string]any)
		for name, width := range map[string]float64{"full": 1600, "thumbnail": 240, "medium": 480, "large": 960, "w480": 480} {
			s, ok := sizes[name].(map[string]any)
			if !ok {
				t.Errorf("no size %q in %v", name, sizes)
				continue
			}
			for _, k := range []string{"file", "width", "height", "mime_type", "source_url"} {
				if _, ok := s[k]; !ok {
					t.Errorf("size %s has no %s", name, k)
				}
			}
			if s["width"] != width || !strings.HasPrefix(s["source_url"].(string), baseURL+"/media/2024/06/a-rob-demak") {
				t.Errorf("size %s = %v", name, s)
			}
		}
		wantError(t, "embargoed media", f.get(t, "/wp-json/wp/v2/media/"+strconv.FormatInt(f.embargoed.ID, 10)), 404, "rest_post_invalid_id")
		wantError(t, "media per_page", f.get(t, "/wp-json/wp/v2/media?per_page=0"), 400, "rest_invalid_param")
	})
}

func TestCommentsList(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		list, rec := f.list(t, "/wp-json/wp/v2/comments")
		// Approved only, on visible posts only, newest first.
		if got, want := ids(list), []int64{f.c2.ID, f.c1reply.ID, f.c1.ID}; !slices.Equal(got, want) || rec.Header().Get("X-WP-Total") != "3" {
			t.Fatalf("comments = %v, want %v", got, want)
		}
		for _, o := range list {
			checkShape(t, "comment", o, commentSchema)
		}
		reply := list[1]
		want := map[string]any{
			"post": float64(f.flood.ID), "parent": float64(f.c1.ID), "author": float64(0), "author_name": "Bayu",
			"author_url": "https://blog.contoh.id/bayu", "status": "approved", "type": "comment",
			"link": baseURL + "/2024/06/19/banjir-rob-demak/#comment-" + strconv.FormatInt(f.c1reply.ID, 10),
		}
		for k, v := range want {
			if reply[k] != v {
				t.Errorf("reply %s = %#v, want %#v", k, reply[k], v)
			}
		}
		if rendered(reply, "content") != "<p>Komentar Bayu</p>" {
			t.Errorf("content.rendered = %q", rendered(reply, "content"))
		}
		created := f.c1reply.CreatedAt
		if reply["date_gmt"] != created.UTC().Format("2006-01-02T15:04:05") || reply["date"] != created.In(f.loc).Format("2006-01-02T15:04:05") {
			t.Errorf("dates %v / %v for %v", reply["date"], reply["date_gmt"], created)
		}
		if href(reply, "up") != baseURL+"/wp-json/wp/v2/posts/"+strconv.FormatInt(f.flood.ID, 10) ||
			href(reply, "in-reply-to") != baseURL+"/wp-json/wp/v2/comments/"+strconv.FormatInt(f.c1.ID, 10) {
			t.Errorf("reply links %v", reply["_links"])
		}
		if list[0]["author_avatar_urls"].(map[string]any)["48"] == reply["author_avatar_urls"].(map[string]any)["48"] {
			t.Error("two commenters share an avatar")
		}

		tests := []struct {
			query string
			want  []int64
		}{
			{"post=" + strconv.FormatInt(f.flood.ID, 10), []int64{f.c1reply.ID, f.c1.ID}},
			{"post=" + strconv.FormatInt(f.flood.ID, 10) + "&parent=0", []int64{f.c1.ID}},
			{"parent=" + strconv.FormatInt(f.c1.ID, 10), []int64{f.c1reply.ID}},
			{"post=" + strconv.FormatInt(f.flood.ID, 10) + "&order=asc", []int64{f.c1.ID, f.c1reply.ID}},
			{"post=" + strconv.FormatInt(f.scheduled.ID, 10), nil},
			{"post=" + strconv.FormatInt(f.old.ID, 10) + "," + strconv.FormatInt(f.flood.ID, 10) + "&per_page=1&page=3", []int64{f.c1.ID}},
		}
		for _, tt := range tests {
			got, _ := f.list(t, "/wp-json/wp/v2/comments?"+tt.query)
			if !slices.Equal(ids(got), tt.want) {
				t.Errorf("comments?%s = %v, want %v", tt.query, ids(got), tt.want)
			}
		}
		checkShape(t, "comment", f.object(t, "/wp-json/wp/v2/comments/"+strconv.FormatInt(f.c1.ID, 10)), commentSchema)
		for _, c := range []*warta.Comment{f.pending, f.spam} {
			wantError(t, "unapproved comment", f.get(t, "/wp-json/wp/v2/comments/"+strconv.FormatInt(c.ID, 10)), 404, "rest_comment_invalid_id")
		}
		for _, bad := range []string{"post=x", "parent=-1", "per_page=200", "order=sideways"} {
			wantError(t, bad, f.get(t, "/wp-json/wp/v2/comments?"+bad), 400, "rest_invalid_param")
		}
	})
}

func TestRestRouteAndCache(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		// The same answer as /wp-json/, whatever the page cache holds.
		f.get(t, "/") // the home page, cached
		direct := f.get(t, "/wp-json/wp/v2/posts?per_page=2")
		for i := 0; i < 2; i++ {
			rec := f.get(t, "/?rest_route=/wp/v2/posts&per_page=2")
			if rec.Code != 200 || rec.Body.String() != direct.Body.String() {
				t.Fatalf("?rest_route = %d %s\n%s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
			}
			if rec.Header().Get("X-WP-Total") != "3" || rec.Header().Get("X-Warta-Cache") != "" {
				t.Errorf("?rest_route headers %v: want totals and no page cache", rec.Header())
			}
		}
		f.object(t, "/?rest_route=/wp/v2/posts/"+strconv.FormatInt(f.flood.ID, 10))
		f.object(t, "/index.php?rest_route=/wp/v2/categories/"+strconv.FormatInt(f.nasional.ID, 10))
		wantError(t, "rest_route to nowhere", f.get(t, "/?rest_route=/wp/v2/nothing"), 404, "rest_no_route")
		wantError(t, "rest_route with a bad page size", f.get(t, "/?rest_route=/wp/v2/posts&per_page=0"), 400, "rest_invalid_param")

		// The home page is still the home page, and the API left nothing in the cache.
		home := f.get(t, "/")
		if !strings.Contains(home.Header().Get("Content-Type"), "text/html") || home.Header().Get("X-Warta-Cache") != "hit" {
			t.Errorf("GET / after ?rest_route: %s, cache %q", home.Header().Get("Content-Type"), home.Header().Get("X-Warta-Cache"))
		}
		if n := f.cache.Stats().Entries; n != 1 {
			t.Errorf("page cache holds %d entries, want only the home page", n)
		}
		if rec := f.get(t, "/wp-json/wp/v2/posts"); rec.Header().Get("X-Warta-Cache") != "" {
			t.Error("/wp-json/ went through the page cache")
		}
	})
}

func TestRoutingAndCORS(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		for _, path := range []string{"/wp-json/wp/v2/nothing", "/wp-json/wp/v1/posts", "/wp-json/oembed/1.0/embed"} {
			wantError(t, path, f.get(t, path), 404, "rest_no_route")
		}
		wantError(t, "DELETE", f.do(t, httptest.NewRequest("DELETE", "/wp-json/wp/v2/posts/1", nil), "198.51.100.1"), 404, "rest_no_route")
		// A trailing slash is the same route.
		f.list(t, "/wp-json/wp/v2/posts/")
		checkShape(t, "namespace", f.object(t, "/wp-json/wp/v2"), schema{"namespace": "string", "routes": "object", "_links": "links"})

		r := httptest.NewRequest("OPTIONS", "/wp-json/wp/v2/comments", nil)
		r.Header.Set("Origin", "https://pembaca.example")
		r.Header.Set("Access-Control-Request-Method", "POST")
		rec := f.do(t, r, "198.51.100.1")
		if rec.Code != 204 || rec.Header().Get("Access-Control-Allow-Origin") != "*" || rec.Header().Get("Access-Control-Allow-Methods") != "GET, HEAD" {
			t.Errorf("preflight = %d %v: want GET and HEAD only", rec.Code, rec.Header())
		}
		head := f.do(t, httptest.NewRequest("HEAD", "/wp-json/wp/v2/posts", nil), "198.51.100.1")
		if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("X-WP-Total") != "3" {
			t.Errorf("HEAD = %d, %d bytes, total %q", head.Code, head.Body.Len(), head.Header().Get("X-WP-Total"))
		}
	})
}
