package wpjson_test

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"warta"
	"warta/internal/teststore"
)

// postJSON sends body as JSON from ip.
func (f *fixture) postJSON(t *testing.T, ip string, body any, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/wp-json/wp/v2/comments", strings.NewReader(string(b)))
	r.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	return f.do(t, r, ip)
}

func (f *fixture) postForm(t *testing.T, path, ip string, v url.Values) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("POST", path, strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return f.do(t, r, ip)
}

// commentCount is how many comments the store holds, in every status.
func (f *fixture) commentCount(t *testing.T) int {
	t.Helper()
	_, n, err := f.st.Comments(t.Context(), warta.CommentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) comment(post *warta.Article, name, email, content string) map[string]any {
	return map[string]any{"post": post.ID, "author_name": name, "author_email": email, "author_url": "", "content": content}
}

func TestCommentPostOffByDefault(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		before := f.commentCount(t)
		rec := f.postJSON(t, "192.0.2.1", f.comment(f.flood, "Gita", "gita@example.id", "Semoga cepat surut."))
		wantError(t, "anonymous comment, setting off", rec, 401, "rest_comment_login_required")
		if f.commentCount(t) != before {
			t.Error("a refused comment was stored")
		}
	})
}

func TestCommentPost(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		if err := f.st.SetSetting(t.Context(), "wp_rest_comments", "true"); err != nil {
			t.Fatal(err)
		}
		// A reader with an approved comment would skip the first-time hold on
		// the form; here every comment waits, whatever the other rules say.
		if err := f.st.SetSetting(t.Context(), "comment_first_time_hold", "false"); err != nil {
			t.Fatal(err)
		}

		// JSON, content as WordPress's {"raw": …}, a reply, post as a string.
		rec := f.postJSON(t, "192.0.2.1", map[string]any{
			"post": strconv.FormatInt(f.flood.ID, 10), "parent": f.c1.ID, "author_name": "Ani",
			"author_email": "ani@example.id", "author_url": "https://ani.contoh.id", "content": map[string]any{"raw": "Terima kasih infonya."},
		})
		o, _ := decode(t, "POST JSON", rec, 201).(map[string]any)
		checkShape(t, "created comment", o, commentSchema)
		if o["status"] != "hold" || o["parent"] != float64(f.c1.ID) || o["post"] != float64(f.flood.ID) || o["author_name"] != "Ani" {
			t.Errorf("created = %v", o)
		}
		id := int64(o["id"].(float64))
		if loc := rec.Header().Get("Location"); loc != baseURL+"/wp-json/wp/v2/comments/"+strconv.FormatInt(id, 10) {
			t.Errorf("Location %q", loc)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q on a write", cc)
		}
		stored, err := f.st.CommentByID(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Status != warta.CommentPending || stored.Reason != "manual" || stored.AuthorIP != "192.0.2.1" ||
			stored.AuthorEmail != "ani@example.id" || stored.Content != "Terima kasih infonya." || stored.ContentHTML == "" {
			t.Errorf("stored = %+v, want held for a moderator with the sender's details", stored)
		}
		// Held comments are not published.
		wantError(t, "held comment", f.get(t, "/wp-json/wp/v2/comments/"+strconv.FormatInt(id, 10)), 404, "rest_comment_invalid_id")

		// A form post, as older clients send it.
		rec = f.postForm(t, "/wp-json/wp/v2/comments", "192.0.2.2", url.Values{
			"post": {strconv.FormatInt(f.flood.ID, 10)}, "author_name": {"Hadi"}, "author_email": {"hadi@example.id"}, "content": {"Tanggulnya harus diperbaiki."},
		})
		if o, _ := decode(t, "POST form", rec, 201).(map[string]any); o["status"] != "hold" {
			t.Errorf("form comment = %v", o)
		}
		// And through ?rest_route=, as on a site without pretty permalinks.
		rec = f.postForm(t, "/?rest_route=/wp/v2/comments", "192.0.2.3", url.Values{
			"post": {strconv.FormatInt(f.flood.ID, 10)}, "author_name": {"Ika"}, "author_email": {"ika@example.id"}, "content": {"Lewat rest_route."},
		})
		decode(t, "POST ?rest_route", rec, 201)

		// The same IP again within the minute: flood, with Retry-After.
		rec = f.postJSON(t, "192.0.2.1", f.comment(f.old, "Ani", "ani2@example.id", "Komentar kedua."))
		wantError(t, "flood", rec, 429, "comment_flood")
		if rec.Header().Get("Retry-After") != "60" {
			t.Errorf("Retry-After %q", rec.Header().Get("Retry-After"))
		}
		// The same words from the same email elsewhere: a duplicate.
		rec = f.postForm(t, "/wp-json/wp/v2/comments", "192.0.2.9", url.Values{
			"post": {strconv.FormatInt(f.flood.ID, 10)}, "author_name": {"Hadi"}, "author_email": {"HADI@example.id"}, "content": {"Tanggulnya harus diperbaiki."},
		})
		wantError(t, "duplicate", rec, 409, "comment_duplicate")

		// A word on the disallowed list bins it; the sender is told only that it waits.
		if err := f.st.SetSetting(t.Context(), "comment_disallowed_keys", "judi online"); err != nil {
			t.Fatal(err)
		}
		rec = f.postJSON(t, "192.0.2.4", f.comment(f.flood, "Joko", "joko@example.id", "Main JUDI ONLINE di sini"))
		o, _ = decode(t, "disallowed", rec, 201).(map[string]any)
		if o["status"] != "hold" {
			t.Errorf("disallowed comment answered %v", o["status"])
		}
		if c, _ := f.st.CommentByID(t.Context(), int64(o["id"].(float64))); c == nil || c.Status != warta.CommentTrash {
			t.Errorf("disallowed comment stored as %v, want trash", c)
		}
	})
}

func TestCommentPostRefusals(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		if err := f.st.SetSetting(t.Context(), "wp_rest_comments", "true"); err != nil {
			t.Fatal(err)
		}
		before := f.commentCount(t)
		ok := func(p *warta.Article) map[string]any {
			return f.comment(p, "Lia", "lia@example.id", "Komentar yang baik.")
		}
		with := func(p *warta.Article, k string, v any) map[string]any {
			m := ok(p)
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
			return m
		}
		tests := []struct {
			name   string
			body   any
			status int
			code   string
		}{
			{"no post", with(f.flood, "post", nil), 403, "rest_comment_invalid_post_id"},
			{"missing post", with(f.flood, "post", 424242), 403, "rest_comment_invalid_post_id"},
			{"draft post", ok(f.draft), 403, "rest_comment_invalid_post_id"},
			{"scheduled post", ok(f.scheduled), 403, "rest_comment_invalid_post_id"},
			{"comments closed", ok(f.market), 403, "rest_comment_closed"},
			{"empty content", with(f.flood, "content", "  "), 400, "rest_comment_content_invalid"},
			{"no content", with(f.flood, "content", nil), 400, "rest_comment_content_invalid"},
			{"content too long", with(f.flood, "content", strings.Repeat("a", warta.MaxCommentContentLen+1)), 400, "comment_content_column_length"},
			{"no name", with(f.flood, "author_name", nil), 400, "rest_comment_author_data_required"},
			{"no email", with(f.flood, "author_email", ""), 400, "rest_comment_author_data_required"},
			{"bad email", with(f.flood, "author_email", "lia at example"), 400, "rest_invalid_param"},
			{"bad url", with(f.flood, "author_url", "javascript:alert(1)"), 400, "rest_invalid_param"},
			{"name too long", with(f.flood, "author_name", strings.Repeat("n", 300)), 400, "comment_author_column_length"},
			{"parent not approved", with(f.flood, "parent", f.pending.ID), 400, "rest_invalid_param"},
			{"parent on another post", with(f.flood, "parent", f.c2.ID), 400, "rest_invalid_param"},
			{"post of the wrong type", with(f.flood, "post", map[string]any{"id": 1}), 400, "rest_invalid_param"},
			{"content of the wrong type", with(f.flood, "content", 12), 400, "rest_invalid_param"},
			{"negative parent", with(f.flood, "parent", -3), 400, "rest_invalid_param"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// All from one address: refusals before the rate limit do not count.
				wantError(t, tt.name, f.postJSON(t, "192.0.2.50", tt.body), tt.status, tt.code)
			})
		}
		r := httptest.NewRequest("POST", "/wp-json/wp/v2/comments", strings.NewReader(`{"post": 1,`))
		r.Header.Set("Content-Type", "application/json")
		wantError(t, "bad JSON", f.do(t, r, "192.0.2.50"), 400, "rest_invalid_json")
		r = httptest.NewRequest("POST", "/wp-json/wp/v2/comments", strings.NewReader(`post=1`))
		r.Header.Set("Content-Type", "text/plain")
		wantError(t, "text/plain", f.do(t, r, "192.0.2.50"), 415, "rest_invalid_content_type")
		r = httptest.NewRequest("POST", "/wp-json/wp/v2/comments", strings.NewReader(`{"content":"`+strings.Repeat("x", 200<<10)+`"}`))
		r.Header.Set("Content-Type", "application/json")
		wantError(t, "huge body", f.do(t, r, "192.0.2.50"), 413, "rest_request_too_large")
		// A browser on another site may not post in its visitor's name.
		wantError(t, "cross-site browser", f.postJSON(t, "192.0.2.50", ok(f.flood), "Sec-Fetch-Site", "cross-site", "Origin", "https://lain.example"), 403, "rest_cross_origin")
		wantError(t, "message language", f.postJSON(t, "192.0.2.50", ok(f.market)), 403, "rest_comment_closed")

		if n := f.commentCount(t); n != before {
			t.Fatalf("refusals stored %d comments", n-before)
		}
		// None of that used up the address's one comment a minute.
		decode(t, "valid after refusals", f.postJSON(t, "192.0.2.50", ok(f.flood)), 201)
	})
}
