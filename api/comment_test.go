package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/comments"
	"warta/internal/teststore"
	"warta/storetest"
)

// commentToken gets a comment token for a and waits until it may be used.
func (s *site) commentToken(t *testing.T, a *warta.Article) string {
	t.Helper()
	tok := s.do("GET", "/api/v1/articles/"+id(a)+"/comment-token", "", nil).want(t, 200, "")
	if cc := tok.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("comment-token Cache-Control = %q, want no-store", cc)
	}
	s.advance(comments.MinFormAge + time.Second)
	return tok.field("token").(string)
}

func comment(token, content, email string) map[string]any {
	return map[string]any{"token": token, "content": content, "author_name": "Sari", "author_email": email, "author_url": "https://sari.example"}
}

func TestReadComments(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		a := s.article(warta.RoleAuthor, warta.StatusPublished, "diskusi")
		draft := s.article(warta.RoleAuthor, warta.StatusDraft, "draf")
		mk := func(parent int64, status warta.CommentStatus, text string) *warta.Comment {
			return storetest.MustCreateComment(t, s.store, &warta.Comment{ArticleID: a.ID, ParentID: parent, AuthorName: "Budi",
				AuthorEmail: "budi.rahasia@contoh.id", AuthorIP: "203.0.113.99", UserAgent: "Peramban-Rahasia/1.0",
				Content: text, ContentHTML: "<p>" + text + "</p>", Status: status})
		}
		top := mk(0, warta.CommentApproved, "pertama")
		reply := mk(top.ID, warta.CommentApproved, "balasan")
		mk(0, warta.CommentPending, "menunggu")
		mk(0, warta.CommentSpam, "iklan")
		second := mk(0, warta.CommentApproved, "kedua")

		all := s.do("GET", "/api/v1/articles/"+id(a)+"/comments", "", nil).want(t, 200, "")
		items := itemsOf(t, all)
		var got []string
		for _, it := range items {
			got = append(got, it["content_html"].(string))
		}
		if strings.Join(got, " ") != "<p>pertama</p> <p>balasan</p> <p>kedua</p>" {
			t.Errorf("comments = %v, want the approved ones in thread order", got)
		}
		if items[0]["parent_id"] != nil || items[1]["parent_id"] != float64(top.ID) || items[1]["depth"] != float64(1) {
			t.Errorf("threading: %v / %v", items[0], items[1])
		}
		for _, secret := range []string{"budi.rahasia", "203.0.113.99", "Peramban-Rahasia"} {
			if strings.Contains(all.Body.String(), secret) {
				t.Errorf("the comments list shows %q", secret)
			}
		}
		// Pages count threads: a thread's replies come with it.
		p1 := s.do("GET", "/api/v1/articles/"+id(a)+"/comments?limit=1", "", nil).want(t, 200, "")
		if n := len(itemsOf(t, p1)); n != 2 {
			t.Errorf("first page of one thread has %d comments, want 2 (the thread and its reply)", n)
		}
		next := strings.TrimPrefix(p1.field("next").(string), baseURL)
		p2 := s.do("GET", next, "", nil).want(t, 200, "")
		if its := itemsOf(t, p2); len(its) != 1 || its[0]["id"] != float64(second.ID) || p2.field("next") != nil {
			t.Errorf("second page = %s", p2.Body)
		}
		_ = reply
		s.do("GET", "/api/v1/articles/"+id(draft)+"/comments", "", nil).want(t, 404, "not_found")
		s.do("GET", "/api/v1/articles/99999/comments", "", nil).want(t, 404, "not_found")
	})
}

func TestPostComment(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		ctx := context.Background()
		if err := s.store.SetSetting(ctx, "comment_first_time_hold", "false"); err != nil {
			t.Fatal(err)
		}
		a := s.article(warta.RoleAuthor, warta.StatusPublished, "diskusi")
		other := s.article(warta.RoleAuthor, warta.StatusPublished, "lain")
		path := "/api/v1/articles/" + id(a) + "/comments"

		// A token used at once is too fast, as the form's is.
		tok := s.do("GET", "/api/v1/articles/"+id(a)+"/comment-token", "", nil).want(t, 200, "").field("token").(string)
		fast := s.do("POST", path, "", comment(tok, "Terlalu cepat", "sari@contoh.id")).want(t, 422, "comment_too_fast")
		if fast.Header().Get("Retry-After") == "" {
			t.Error("too fast: no Retry-After")
		}
		s.advance(comments.MinFormAge + time.Second)

		// Refusals that change nothing.
		s.do("POST", path, "", comment("", "x", "sari@contoh.id")).want(t, 400, "comment_token_invalid")
		s.do("POST", path, "", comment(tok+"x", "x", "sari@contoh.id")).want(t, 400, "comment_token_invalid")
		s.do("POST", "/api/v1/articles/"+id(other)+"/comments", "", comment(tok, "x", "sari@contoh.id")).want(t, 400, "comment_token_invalid")
		bad := s.do("POST", path, "", map[string]any{"token": tok, "content": " ", "author_name": "", "author_email": "bukan-email"}).want(t, 422, "comment_summary")
		fields, _ := bad.json["error"].(map[string]any)["fields"].(map[string]any)
		for _, f := range []string{"content", "author_name", "author_email"} {
			if fields[f] == nil {
				t.Errorf("fields = %v, want an entry for %s", fields, f)
			}
		}
		if msg := bad.json["error"].(map[string]any)["message"].(string); !strings.Contains(msg, "Komentar") && !strings.Contains(msg, "komentar") {
			t.Errorf("message %q is not in the site's language (Indonesian)", msg)
		}
		s.do("POST", path, "", `{"token": "x", "content": 5}`).want(t, 422, "wrong_type")
		s.do("POST", path, "", `{"token": "x", "hp_website": "spam"}`).want(t, 422, "unknown_field")
		s.do("POST", path, "", `{"token": `).want(t, 400, "bad_json")
		s.do("POST", path, "", `{"token": "x"} {"token": "y"}`).want(t, 400, "bad_json")
		s.do("POST", path, "", strings.Repeat(" ", 3<<20)+"{}").want(t, 413, "too_large")
		s.do("POST", path, "", `{}`, "Content-Type: text/plain").want(t, 415, "unsupported_media_type")
		if list, _, _ := s.store.Comments(ctx, warta.CommentFilter{ArticleID: a.ID}); len(list) != 0 {
			t.Fatalf("%d comments after refusals, want none", len(list))
		}

		// The comment is taken and shown.
		posted := s.do("POST", path, "", comment(tok, "Semoga cepat surut.", "sari@contoh.id")).want(t, 201, "")
		if posted.field("status") != "approved" || posted.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("posted = %s (Cache-Control %q)", posted.Body, posted.Header().Get("Cache-Control"))
		}
		c := posted.field("comment").(map[string]any)
		if strings.Contains(posted.Body.String(), "sari@contoh.id") || strings.Contains(posted.Body.String(), "192.0.2.7") {
			t.Error("the answer shows the commenter's email or address")
		}
		stored, err := s.store.CommentByID(ctx, int64(c["id"].(float64)))
		if err != nil || stored.AuthorIP != "192.0.2.7" || stored.AuthorEmail != "sari@contoh.id" {
			t.Fatalf("stored comment %+v, %v", stored, err)
		}
		// The same token and words again (a client retrying): the same comment, no double.
		again := s.do("POST", path, "", comment(tok, "Semoga cepat surut.", "sari@contoh.id")).want(t, 201, "")
		if again.field("comment").(map[string]any)["id"] != c["id"] {
			t.Error("a resend made another comment")
		}
		// The same token, other words: refused.
		s.do("POST", path, "", comment(tok, "Kata lain.", "sari@contoh.id")).want(t, 409, "comment_resubmitted")

		// Flood: another comment from the same address at once.
		tok2 := s.commentToken(t, a)
		flood := s.do("POST", path, "", comment(tok2, "Komentar kedua.", "lain@contoh.id")).want(t, 429, "comment_flood")
		if flood.Header().Get("Retry-After") != "15" {
			t.Errorf("flood Retry-After = %q, want 15", flood.Header().Get("Retry-After"))
		}
		s.advance(comments.FloodInterval)
		// Duplicate: the same words from the same email with a new token.
		s.do("POST", path, "", comment(tok2, "Semoga cepat surut.", "sari@contoh.id")).want(t, 409, "comment_duplicate")

		// A reply nests under its parent; a parent elsewhere is refused.
		reply := comment(tok2, "Setuju.", "lain@contoh.id")
		reply["parent_id"] = c["id"]
		r := s.do("POST", path, "", reply).want(t, 201, "")
		if r.field("comment").(map[string]any)["parent_id"] != c["id"] {
			t.Errorf("reply = %s", r.Body)
		}
		s.advance(comments.FloodInterval)
		tok3 := s.commentToken(t, a)
		orphan := comment(tok3, "Balasan nyasar.", "ketiga@contoh.id")
		orphan["parent_id"] = 99999
		s.do("POST", path, "", orphan).want(t, 422, "comment_summary")

		// Moderation: held comments say only that they were received.
		if err := s.store.SetSetting(ctx, "comment_manual_approval", "true"); err != nil {
			t.Fatal(err)
		}
		held := s.do("POST", path, "", comment(tok3, "Tolong ditinjau.", "ketiga@contoh.id")).want(t, 202, "")
		if held.field("status") != "held" || held.field("comment") != nil {
			t.Errorf("held = %s", held.Body)
		}
		if n := len(itemsOf(t, s.do("GET", path, "", nil))); n != 2 {
			t.Errorf("%d comments shown, want 2 (the held one hidden)", n)
		}

		// Expired token.
		old := comments.NewFormToken(a.ID, s.clock().Add(-25*time.Hour)).Sign(secret)
		s.do("POST", path, "", comment(old, "Lama sekali.", "keempat@contoh.id")).want(t, 400, "comment_token_expired")

		// Closed comments: no token, no comment.
		a.CommentsOpen, a.EditedBy = false, s.users[warta.RoleAuthor].ID
		if err := s.store.UpdateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		s.do("GET", "/api/v1/articles/"+id(a)+"/comment-token", "", nil).want(t, 403, "comment_closed")
		s.do("POST", path, "", comment(tok3, "Sudah tutup.", "kelima@contoh.id")).want(t, 403, "comment_closed")

		// Not published: nothing to comment on.
		draft := s.article(warta.RoleAuthor, warta.StatusDraft, "draf")
		s.do("GET", "/api/v1/articles/"+id(draft)+"/comment-token", "", nil).want(t, 404, "not_found")
		s.do("GET", "/api/v1/articles/"+id(draft)+"/comment-token", s.tokens[warta.RoleEditor], nil).want(t, 404, "not_found")
		s.do("POST", "/api/v1/articles/"+id(draft)+"/comments", "", comment(tok3, "x", "x@contoh.id")).want(t, 404, "not_found")
	})
}

func TestModerateComments(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		s := newSiteOn(t, db)
		a := s.article(warta.RoleAuthor, warta.StatusPublished, "diskusi")
		c := storetest.MustCreateComment(t, s.store, &warta.Comment{ArticleID: a.ID, AuthorName: "Budi", AuthorEmail: "budi@contoh.id",
			Content: "Menunggu", ContentHTML: "<p>Menunggu</p>", Status: warta.CommentPending})
		path := "/api/v1/comments/" + itoa(c.ID)

		s.do("PATCH", path, "", map[string]any{"status": "approved"}).want(t, 401, "unauthorized")
		s.do("PATCH", path, s.tokens[warta.RoleAuthor], map[string]any{"status": "approved"}).want(t, 403, "forbidden")
		s.do("GET", "/api/v1/comments", s.tokens[warta.RoleContributor], nil).want(t, 403, "forbidden")
		ed := s.tokens[warta.RoleEditor]
		queue := s.do("GET", "/api/v1/comments", ed, nil).want(t, 200, "")
		if n := len(itemsOf(t, queue)); n != 1 || strings.Contains(queue.Body.String(), "budi@contoh.id") {
			t.Errorf("queue = %s", queue.Body)
		}
		s.do("GET", "/api/v1/comments?status=dibuang", ed, nil).want(t, 400, "bad_parameter")
		s.do("GET", "/api/v1/comments?article=x", ed, nil).want(t, 400, "bad_parameter")
		s.do("PATCH", path, ed, map[string]any{"status": "terbit"}).want(t, 422, "invalid")
		s.do("PATCH", path, ed, map[string]any{"status": "approved", "content": "diubah"}).want(t, 422, "unknown_field")
		s.do("PATCH", "/api/v1/comments/99999", ed, map[string]any{"status": "approved"}).want(t, 404, "not_found")
		if got, _ := s.store.CommentByID(context.Background(), c.ID); got.Status != warta.CommentPending {
			t.Fatalf("status after refusals = %s, want pending", got.Status)
		}
		for _, status := range []string{"spam", "trash", "approved"} {
			done := s.do("PATCH", path, ed, map[string]any{"status": status}).want(t, 200, "")
			if done.field("status") != status {
				t.Errorf("after %s: %s", status, done.Body)
			}
		}
		got, _ := s.store.CommentByID(context.Background(), c.ID)
		if got.Status != warta.CommentApproved || got.Reason != "staff:"+itoa(s.users[warta.RoleEditor].ID) {
			t.Errorf("stored %s %q", got.Status, got.Reason)
		}
		if n := len(itemsOf(t, s.do("GET", "/api/v1/articles/"+id(a)+"/comments", "", nil))); n != 1 {
			t.Errorf("the approved comment is not shown (%d)", n)
		}
		if n := len(itemsOf(t, s.do("GET", "/api/v1/comments?status=approved&article="+id(a), ed, nil))); n != 1 {
			t.Errorf("approved queue has %d, want 1", n)
		}
	})
}
