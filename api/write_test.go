package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/internal/teststore"
)

func TestTokens(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		ctx := context.Background()
		a := s.article(warta.RoleAuthor, warta.StatusPublished, "terbit")
		// A header that is there but does not work is refused, even on reads.
		for _, header := range []string{"Bearer wrt_tidak-ada", "Bearer " + strings.Repeat("x", 47), "Basic dXNlcjpwYXNz", "Bearer", "wrt_" + strings.Repeat("A", 43)} {
			r := s.do("GET", "/api/v1/articles/"+id(a), "", nil, "Authorization: "+header).want(t, 401, "unauthorized")
			if r.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("%q: 401 without WWW-Authenticate", header)
			}
		}
		unknown := "wrt_" + strings.Repeat("A", 43)
		s.do("GET", "/api/v1/articles", unknown, nil).want(t, 401, "unauthorized")

		// A working token is recorded as used.
		u := s.users[warta.RoleAuthor]
		s.do("GET", "/api/v1/articles", s.tokens[warta.RoleAuthor], nil).want(t, 200, "")
		list, _ := s.store.APITokens(ctx, u.ID)
		if len(list) != 1 || !list[0].LastUsedAt.Equal(s.clock()) {
			t.Errorf("LastUsedAt = %v, want %v", list[0].LastUsedAt, s.clock())
		}

		// Revoked: stops at once.
		if err := s.store.RevokeAPIToken(ctx, u.ID, list[0].ID); err != nil {
			t.Fatal(err)
		}
		s.do("GET", "/api/v1/articles", s.tokens[warta.RoleAuthor], nil).want(t, 401, "unauthorized")
		s.do("POST", "/api/v1/articles", s.tokens[warta.RoleAuthor], map[string]any{"headline": "x"}).want(t, 401, "unauthorized")

		// A disabled user's tokens stop working.
		ed := s.users[warta.RoleEditor]
		s.do("GET", "/api/v1/articles?status=draft", s.tokens[warta.RoleEditor], nil).want(t, 200, "")
		ed.Disabled = true
		if err := s.store.UpdateUser(ctx, ed); err != nil {
			t.Fatal(err)
		}
		s.do("GET", "/api/v1/articles?status=draft", s.tokens[warta.RoleEditor], nil).want(t, 401, "unauthorized")
	})
}

func TestCreateArticle(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		ctx := context.Background()
		body := map[string]any{"headline": "Banjir rob di Demak", "dek": "Air naik", "body_markdown": "Air **naik** sejak pagi.",
			"section_id": s.section.ID, "tags": []string{"Banjir", "Jawa Tengah", "banjir"}}

		s.do("POST", "/api/v1/articles", "", body).want(t, 401, "unauthorized")
		created := s.do("POST", "/api/v1/articles", s.tokens[warta.RoleContributor], body).want(t, 201, "")
		if created.field("status") != "draft" || created.field("slug") != "banjir-rob-di-demak" ||
			created.field("body_html") != "<p>Air <strong>naik</strong> sejak pagi.</p>\n" || created.field("revision") != float64(1) {
			t.Errorf("created = %s", created.Body)
		}
		if loc := created.Header().Get("Location"); !strings.HasPrefix(loc, baseURL+"/api/v1/articles/") {
			t.Errorf("Location = %q", loc)
		}
		if tags := created.field("tags").([]any); len(tags) != 2 {
			t.Errorf("tags = %v, want Banjir and Jawa Tengah once each", tags)
		}
		if authors := created.field("authors").([]any); len(authors) != 1 || authors[0].(map[string]any)["id"] != float64(s.users[warta.RoleContributor].AuthorID) {
			t.Errorf("authors = %v, want the writer", authors)
		}
		// The same headline again gets a free slug, as in the editor.
		if again := s.do("POST", "/api/v1/articles", s.tokens[warta.RoleContributor], body).want(t, 201, ""); again.field("slug") != "banjir-rob-di-demak-2" {
			t.Errorf("second slug = %v", again.field("slug"))
		}
		// A typed slug that is taken is the writer's to change.
		taken := map[string]any{"headline": "Lain", "body_markdown": "x", "section_id": s.section.ID, "slug": "banjir-rob-di-demak"}
		s.do("POST", "/api/v1/articles", s.tokens[warta.RoleAuthor], taken).want(t, 409, "conflict")

		before, _, _ := s.store.Articles(ctx, warta.ArticleFilter{})
		tagsBefore, _ := s.store.Tags(ctx)
		for _, tc := range []struct {
			body   string
			status int
			code   string
			field  string
		}{
			{`{"headline": " ", "slug": "ada", "section_id": 1, "tags": ["Tag Baru"]}`, 422, "invalid", "headline"},
			{`{"headline": "Tanpa rubrik"}`, 422, "invalid", "section_id"},
			{`{"headline": "x", "section_id": 99999}`, 422, "invalid", ""},
			{`{"headline": 12}`, 422, "wrong_type", "headline"},
			{`{"headline": "x", "section_id": "satu"}`, 422, "wrong_type", "section_id"},
			{`{"headline": "x", "tags": "Banjir"}`, 422, "wrong_type", "tags"},
			{`{"headline": "x", "status": "published"}`, 422, "unknown_field", "status"},
			{`{"headline": "x", "revision": 3}`, 422, "unknown_field", "revision"},
			{`{"headline": "x", "lead_image": {"media_id": 99999, "alt": "a"}, "section_id": 1}`, 422, "invalid", "lead_media_id"},
			{`[1, 2]`, 422, "wrong_type", ""},
			{`{"headline": "x",}`, 400, "bad_json", ""},
			{``, 400, "bad_json", ""},
		} {
			r := s.do("POST", "/api/v1/articles", s.tokens[warta.RoleAuthor], tc.body).want(t, tc.status, tc.code)
			if tc.field != "" {
				if f, _ := r.json["error"].(map[string]any)["fields"].(map[string]any); f[tc.field] == nil {
					t.Errorf("%s: fields = %v, want %s", tc.body, f, tc.field)
				}
			}
		}
		s.do("POST", "/api/v1/articles", s.tokens[warta.RoleAuthor], `{"body_markdown": "`+strings.Repeat("a", 3<<20)+`"}`).want(t, 413, "too_large")
		after, _, _ := s.store.Articles(ctx, warta.ArticleFilter{})
		tagsAfter, _ := s.store.Tags(ctx)
		if len(after) != len(before) || len(tagsAfter) != len(tagsBefore) {
			t.Errorf("refused creates changed something: %d→%d articles, %d→%d tags", len(before), len(after), len(tagsBefore), len(tagsAfter))
		}
	})
}

func TestUpdateArticle(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		ctx := context.Background()
		draft := s.article(warta.RoleContributor, warta.StatusDraft, "draf-kontributor")
		path := "/api/v1/articles/" + id(draft)
		ct := s.tokens[warta.RoleContributor]

		s.do("PATCH", path, "", map[string]any{"revision": 1}).want(t, 401, "unauthorized")
		s.do("PATCH", path, s.tokens[warta.RoleAuthor], map[string]any{"revision": 1, "headline": "Dibajak"}).want(t, 404, "not_found")
		s.do("PATCH", path, ct, map[string]any{"headline": "Tanpa revisi"}).want(t, 422, "invalid")
		s.do("PATCH", path, ct, map[string]any{"revision": "1"}).want(t, 422, "wrong_type")
		s.do("PATCH", "/api/v1/articles/99999", ct, map[string]any{"revision": 1}).want(t, 404, "not_found")

		up := s.do("PATCH", path, ct, map[string]any{"revision": 1, "headline": "Judul baru", "body_markdown": "Isi *baru*"}).want(t, 200, "")
		if up.field("headline") != "Judul baru" || up.field("dek") != "Dek draf-kontributor" || up.field("slug") != "draf-kontributor" ||
			up.field("revision") != float64(2) || up.field("body_html") != "<p>Isi <em>baru</em></p>\n" {
			t.Errorf("updated = %s", up.Body)
		}
		// A save based on the old revision is refused: nobody's words are lost.
		s.do("PATCH", path, s.tokens[warta.RoleEditor], map[string]any{"revision": 1, "headline": "Versi lama"}).want(t, 409, "revision_conflict")
		got, _ := s.store.ArticleByID(ctx, draft.ID)
		if got.Headline != "Judul baru" || got.Revision != 2 {
			t.Errorf("stored %q revision %d", got.Headline, got.Revision)
		}
		revs, err := s.store.Revisions(ctx, draft.ID)
		if err != nil || len(revs) != 2 {
			t.Errorf("%d revisions (%v), want 2", len(revs), err)
		}

		// Workflow: a contributor submits but cannot publish.
		s.do("POST", path+"/publish", ct, nil).want(t, 403, "forbidden")
		s.do("POST", path+"/submit", ct, `{"published_at": "2024-06-19T08:00:00Z"}`).want(t, 422, "unknown_field")
		if r := s.do("POST", path+"/submit", ct, nil).want(t, 200, ""); r.field("status") != "pending" {
			t.Errorf("submitted: %s", r.Body)
		}
		// Pending is still the contributor's to edit, but not once published.
		ed := s.tokens[warta.RoleEditor]
		pub := s.do("POST", path+"/publish", ed, nil).want(t, 200, "")
		if pub.field("status") != "published" || pub.field("url") == nil || pub.field("published_at") != s.clock().Format(time.RFC3339) {
			t.Errorf("published: %s", pub.Body)
		}
		s.do("PATCH", path, ct, map[string]any{"revision": 4, "headline": "Diam-diam"}).want(t, 403, "forbidden")
		s.do("GET", path, "", nil).want(t, 200, "")
		log, _, _ := s.store.AuditLog(ctx, 0, 10)
		if len(log) == 0 || log[0].Action != "article.publish" || log[0].UserID != s.users[warta.RoleEditor].ID {
			t.Errorf("audit log = %+v, want the editor's publication first", log)
		}

		// Unpublish, schedule.
		if r := s.do("POST", path+"/unpublish", ed, nil).want(t, 200, ""); r.field("status") != "unpublished" {
			t.Errorf("unpublished: %s", r.Body)
		}
		s.do("GET", path, "", nil).want(t, 410, "gone")
		s.do("POST", path+"/schedule", ed, nil).want(t, 422, "invalid")
		s.do("POST", path+"/schedule", ed, map[string]any{"published_at": "besok"}).want(t, 422, "invalid")
		when := s.clock().Add(2 * time.Hour)
		if r := s.do("POST", path+"/schedule", ed, map[string]any{"published_at": when}).want(t, 200, ""); r.field("status") != "scheduled" {
			t.Errorf("scheduled: %s", r.Body)
		}
		s.do("GET", path, "", nil).want(t, 404, "not_found")
		s.do("POST", path+"/publish", ed, map[string]any{"published_at": s.clock().Add(time.Hour)}).want(t, 422, "invalid")

		// An author publishes their own article, not someone else's.
		own := s.article(warta.RoleAuthor, warta.StatusDraft, "milik-penulis")
		s.do("POST", "/api/v1/articles/"+id(own)+"/publish", s.tokens[warta.RoleAuthor], nil).want(t, 200, "")
		others := s.article(warta.RoleEditor, warta.StatusPublished, "milik-editor")
		s.do("POST", "/api/v1/articles/"+id(others)+"/unpublish", s.tokens[warta.RoleAuthor], nil).want(t, 403, "forbidden")
	})
}

func TestCORS(t *testing.T) {
	s := newSite(t, "https://app.contoh.id")
	pre := s.do("OPTIONS", "/api/v1/articles", "", nil, "Origin: https://app.contoh.id", "Access-Control-Request-Method: POST",
		"Access-Control-Request-Headers: authorization, content-type")
	if pre.Code != 204 || pre.Header().Get("Access-Control-Allow-Origin") != "https://app.contoh.id" ||
		!strings.Contains(pre.Header().Get("Access-Control-Allow-Headers"), "Authorization") ||
		!strings.Contains(pre.Header().Get("Access-Control-Allow-Methods"), "PATCH") {
		t.Errorf("allowed preflight = %d %v", pre.Code, pre.Header())
	}
	bad := s.do("OPTIONS", "/api/v1/articles", "", nil, "Origin: https://jahat.example", "Access-Control-Request-Method: POST").want(t, 403, "origin_refused")
	if bad.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("a refused origin is allowed")
	}
	get := s.do("GET", "/api/v1/sections", "", nil, "Origin: https://app.contoh.id").want(t, 200, "")
	if get.Header().Get("Access-Control-Allow-Origin") != "https://app.contoh.id" || !strings.Contains(get.Header().Get("Access-Control-Expose-Headers"), "ETag") {
		t.Errorf("GET from an allowed origin: %v", get.Header())
	}
	if !strings.Contains(strings.Join(get.Header().Values("Vary"), ","), "Origin") {
		t.Error("no Vary: Origin")
	}
	// A refused token is readable by the page too.
	if r := s.do("GET", "/api/v1/sections", "wrt_"+strings.Repeat("B", 43), nil, "Origin: https://app.contoh.id").want(t, 401, "unauthorized"); r.Header().Get("Access-Control-Allow-Origin") == "" {
		t.Error("a 401 to an allowed origin has no Access-Control-Allow-Origin")
	}
	other := s.do("GET", "/api/v1/sections", "", nil, "Origin: https://jahat.example").want(t, 200, "")
	if other.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("another origin is allowed")
	}
	// With no origins configured, none is allowed; "*" allows any.
	none := newSite(t)
	none.do("OPTIONS", "/api/v1/articles", "", nil, "Origin: https://app.contoh.id", "Access-Control-Request-Method: GET").want(t, 403, "origin_refused")
	any := newSite(t, "*")
	if r := any.do("OPTIONS", "/api/v1/articles", "", nil, "Origin: https://mana.saja", "Access-Control-Request-Method: GET"); r.Code != 204 {
		t.Errorf("* preflight = %d", r.Code)
	}
}

func TestLanguage(t *testing.T) {
	s := newSite(t)
	id := s.do("GET", "/api/v1/articles/99999", "", nil).want(t, 404, "not_found")
	if err := s.store.SetSetting(context.Background(), "site_language", "en"); err != nil {
		t.Fatal(err)
	}
	en := s.do("GET", "/api/v1/articles/99999", "", nil).want(t, 404, "not_found")
	if id.json["error"].(map[string]any)["message"] != "Tidak ditemukan." || en.json["error"].(map[string]any)["message"] != "Not found." {
		t.Errorf("messages %s / %s", id.Body, en.Body)
	}
}
