package admin_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"warta"
	"warta/site"
)

// TestPeopleScreensByRole tries every action of the comments, users and
// audit screens as each role: a refusal is a 403 that changes nothing.
func TestPeopleScreensByRole(t *testing.T) {
	for _, role := range warta.Roles {
		t.Run(string(role), func(t *testing.T) {
			forEachPeopleDB(t, func(t *testing.T, f *peopleFixture) {
				ctx := context.Background()
				u, tok := f.MustCreateUser(t, role, "staf@warta.example", "Staf "+string(role), "")
				other, _ := f.MustCreateUser(t, warta.RoleContributor, "lain@warta.example", "Orang Lain", "")
				a := f.MustCreateArticle(t, "banjir-rob")
				c := f.MustCreateComment(t, a, 0, warta.CommentPending, "Budi Santoso", "Air sudah surut.")
				id := strconv.FormatInt(c.ID, 10)
				oid := strconv.FormatInt(other.ID, 10)
				moderate, manage, audit := role.Can(warta.CapModerateComments), role.Can(warta.CapManageUsers), role.Can(warta.CapViewAudit)
				pick := func(ok bool, yes int) int {
					if ok {
						return yes
					}
					return http.StatusForbidden
				}
				tests := []struct {
					name   string
					method string
					path   string
					form   url.Values
					want   int
				}{
					{"queue", "GET", "/admin/comments?status=pending", nil, pick(moderate, 200)},
					{"comment", "GET", "/admin/comments/" + id, nil, pick(moderate, 200)},
					{"edit", "POST", "/admin/comments/" + id, url.Values{"author": {"Budi S."}, "email": {"budi@example.id"}, "content": {"Air surut."}}, pick(moderate, 303)},
					{"reply", "POST", "/admin/comments/" + id + "/reply", url.Values{"content": {"Terima kasih."}}, pick(moderate, 303)},
					{"bulk", "POST", "/admin/comments/bulk", url.Values{"ids[]": {id}, "action": {"spam"}}, pick(moderate, 303)},
					{"users", "GET", "/admin/users", nil, pick(manage, 200)},
					{"add user", "POST", "/admin/users", url.Values{"email": {"baru@warta.example"}, "name": {"Baru"}, "role": {"author"}}, pick(manage, 201)},
					{"user", "GET", "/admin/users/" + oid, nil, pick(manage, 200)},
					{"save user", "POST", "/admin/users/" + oid, url.Values{"name": {"Orang Lain"}, "role": {"editor"}}, pick(manage, 303)},
					{"reset", "POST", "/admin/users/" + oid + "/password", url.Values{}, pick(manage, 200)},
					{"audit", "GET", "/admin/audit", nil, pick(audit, 200)},
					{"profile", "GET", "/admin/profile", nil, 200},
				}
				for _, tt := range tests {
					wantStatus(t, tt.name, f.do(t, tt.method, tt.path, tok, tt.form), tt.want)
				}
				got := f.mustComment(t, c.ID)
				if moderate {
					if got.Status != warta.CommentSpam || got.Reason != "staff:"+strconv.FormatInt(u.ID, 10) || got.Content != "Air surut." {
						t.Errorf("moderated comment: %q %q %q", got.Status, got.Reason, got.Content)
					}
				} else if got.Status != warta.CommentPending || got.Reason != "test" || got.Content != "Air sudah surut." || got.AuthorName != "Budi Santoso" {
					t.Errorf("refused moderation changed the comment: %+v", got)
				}
				_, n, err := f.store.Comments(ctx, warta.CommentFilter{ArticleID: a.ID})
				if err != nil {
					t.Fatal(err)
				}
				if want := map[bool]int{true: 2, false: 1}[moderate]; n != want {
					t.Errorf("%d comments, want %d", n, want)
				}
				users, err := f.store.Users(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if want := map[bool]int{true: 3, false: 2}[manage]; len(users) != want {
					t.Errorf("%d users, want %d", len(users), want)
				}
				o := f.mustUser(t, other.ID)
				if manage != (o.Role == warta.RoleEditor) || manage != (o.PasswordHash != "") {
					t.Errorf("other user after the role's attempts: role %q, hash set %v", o.Role, o.PasswordHash != "")
				}
				if log := f.mustAudit(t); !manage && len(log) != 0 {
					t.Errorf("refused actions wrote the audit log: %+v", log[0])
				}
			})
		})
	}
}

// TestBulkModeration moves comments between the queues, in bulk.
func TestBulkModeration(t *testing.T) {
	forEachPeopleDB(t, func(t *testing.T, f *peopleFixture) {
		ed, tok := f.MustCreateUser(t, warta.RoleEditor, "editor@warta.example", "Dewi Editor", "")
		reason := "staff:" + strconv.FormatInt(ed.ID, 10)
		a := f.MustCreateArticle(t, "harga-beras")
		var cs []*warta.Comment
		for i := range 4 {
			cs = append(cs, f.MustCreateComment(t, a, 0, warta.CommentPending, fmt.Sprintf("Pembaca %d", i), fmt.Sprintf("Komentar ke-%d.", i)))
		}
		ids := func(list ...*warta.Comment) []string {
			var out []string
			for _, c := range list {
				out = append(out, strconv.FormatInt(c.ID, 10))
			}
			return out
		}

		rec := f.do(t, "GET", "/admin/comments", tok, nil)
		wantStatus(t, "queue", rec, 200)
		body := rec.Body.String()
		for _, want := range []string{"Pembaca 3", "pembaca.3@example.id", "203.0.113.7", "Judul harga-beras", "Waiting <span class=\"count\">(4)</span>", "<p>Komentar ke-2.</p>"} {
			if !strings.Contains(body, want) {
				t.Errorf("queue lacks %q", want)
			}
		}
		if i3, i0 := strings.Index(body, "Pembaca 3"), strings.Index(body, "Pembaca 0"); i3 > i0 {
			t.Errorf("queue is not newest first")
		}

		steps := []struct {
			action string
			list   []*warta.Comment
			want   warta.CommentStatus
		}{
			{"approve", cs[:2], warta.CommentApproved},
			{"spam", cs[2:3], warta.CommentSpam},
			{"trash", cs[3:], warta.CommentTrash},
			{"restore", cs[2:3], warta.CommentPending},
		}
		for _, s := range steps {
			rec := f.do(t, "POST", "/admin/comments/bulk", tok, url.Values{"ids[]": ids(s.list...), "action": {s.action},
				"back": {"/admin/comments?status=pending"}})
			wantStatus(t, s.action, rec, http.StatusSeeOther)
			if got, want := rec.Header().Get("Location"), "/admin/comments?done=moderated&status=pending"; got != want {
				t.Errorf("%s: redirect to %q, want %q", s.action, got, want)
			}
			for _, c := range s.list {
				if got := f.mustComment(t, c.ID); got.Status != s.want || got.Reason != reason {
					t.Errorf("%s: comment %d is %q (%q), want %q (%q)", s.action, c.ID, got.Status, got.Reason, s.want, reason)
				}
			}
		}
		if got := f.mustComment(t, cs[3].ID).Status; got != warta.CommentTrash {
			t.Errorf("untouched comment moved to %q", got)
		}

		// The tabs count each status.
		body = f.do(t, "GET", "/admin/comments?status=approved", tok, nil).Body.String()
		for _, want := range []string{"Approved <span class=\"count\">(2)</span>", "Waiting <span class=\"count\">(1)</span>", "Trash <span class=\"count\">(1)</span>"} {
			if !strings.Contains(body, want) {
				t.Errorf("tabs lack %q", want)
			}
		}

		// An unknown action or status is refused; an off-site back is not followed.
		wantStatus(t, "unknown action", f.do(t, "POST", "/admin/comments/bulk", tok, url.Values{"ids": ids(cs[0]), "action": {"delete"}}), 400)
		wantStatus(t, "unknown status", f.do(t, "GET", "/admin/comments?status=gone", tok, nil), 400)
		rec = f.do(t, "POST", "/admin/comments/bulk", tok, url.Values{"ids": ids(cs[0]), "action": {"approve"}, "back": {"//evil.example/admin/comments"}})
		if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/admin/comments?") {
			t.Errorf("off-site back: redirect to %q", loc)
		}
	})
}

// TestEditComment re-renders an edited comment and keeps every word of a
// refused edit.
func TestEditComment(t *testing.T) {
	forEachPeopleDB(t, func(t *testing.T, f *peopleFixture) {
		_, tok := f.MustCreateUser(t, warta.RoleEditor, "editor@warta.example", "Dewi Editor", "")
		a := f.MustCreateArticle(t, "jalan-rusak")
		c := f.MustCreateComment(t, a, 0, warta.CommentApproved, "Sari", "Jalan *rusak* parah.")
		path := "/admin/comments/" + strconv.FormatInt(c.ID, 10)

		rec := f.do(t, "POST", path, tok, url.Values{"author": {""}, "email": {"bukan-email"}, "content": {"Teks baru yang <b>dijaga</b>."}})
		wantStatus(t, "invalid edit", rec, http.StatusUnprocessableEntity)
		body := rec.Body.String()
		for _, want := range []string{"Teks baru yang &lt;b&gt;dijaga&lt;/b&gt;.", `aria-describedby="e-author"`, `id="e-email"`, "bukan-email"} {
			if !strings.Contains(body, want) {
				t.Errorf("refused edit page lacks %q", want)
			}
		}
		if got := f.mustComment(t, c.ID); got.Content != "Jalan *rusak* parah." || got.AuthorName != "Sari" {
			t.Errorf("refused edit changed the comment: %q by %q", got.Content, got.AuthorName)
		}

		rec = f.do(t, "POST", path, tok, url.Values{"author": {"Sari W."}, "email": {"sari@example.id"}, "url": {"https://sari.example"}, "content": {"Jalan <em>berlubang</em>."}})
		wantStatus(t, "edit", rec, http.StatusSeeOther)
		if got, want := rec.Header().Get("Location"), path+"?done=moderated"; got != want {
			t.Errorf("redirect to %q, want %q", got, want)
		}
		got := f.mustComment(t, c.ID)
		if got.AuthorName != "Sari W." || got.AuthorURL != "https://sari.example" || !strings.Contains(got.ContentHTML, "<em>berlubang</em>") {
			t.Errorf("edited comment: %q %q %q", got.AuthorName, got.AuthorURL, got.ContentHTML)
		}
		wantStatus(t, "missing comment", f.do(t, "GET", "/admin/comments/99999", tok, nil), 404)
	})
}

// TestStaffReply publishes a newsroom reply at once, nested under the
// comment (or as deep as the settings allow), marked on the public page.
func TestStaffReply(t *testing.T) {
	forEachPeopleDB(t, func(t *testing.T, f *peopleFixture) {
		ctx := context.Background()
		ed, tok := f.MustCreateUser(t, warta.RoleEditor, "redaksi@warta.example", "Dewi Editor", "")
		a := f.MustCreateArticle(t, "pasar-terbakar")
		top := f.MustCreateComment(t, a, 0, warta.CommentApproved, "Budi", "Kapan pasar dibuka lagi?")
		reply := func(c *warta.Comment, text string) *warta.Comment {
			t.Helper()
			rec := f.do(t, "POST", "/admin/comments/"+strconv.FormatInt(c.ID, 10)+"/reply", tok, url.Values{"content": {text}})
			wantStatus(t, "reply", rec, http.StatusSeeOther)
			loc := rec.Header().Get("Location")
			if !strings.HasSuffix(loc, "?done=replied") {
				t.Fatalf("reply: redirect to %q", loc)
			}
			id, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(loc, "/admin/comments/"), "?done=replied"), 10, 64)
			return f.mustComment(t, id)
		}

		r := reply(top, "Pekan depan, kata <em>pengelola</em>.")
		if r.Status != warta.CommentApproved || r.Reason != "staff_reply" || r.ParentID != top.ID || r.Depth != 1 ||
			r.AuthorName != ed.Name || r.AuthorEmail != ed.Email || r.AuthorIP != "" || r.Nonce != "" || !strings.Contains(r.ContentHTML, "<em>pengelola</em>") {
			t.Errorf("staff reply: %+v", r)
		}

		// With replies nesting two levels, a reply to a reply hangs beside it.
		if err := f.store.SetSetting(ctx, "comment_max_depth", "2"); err != nil {
			t.Fatal(err)
		}
		r2 := reply(r, "Satu lagi.")
		if r2.ParentID != top.ID || r2.Depth != 1 {
			t.Errorf("clamped reply: parent %d depth %d, want %d and 1", r2.ParentID, r2.Depth, top.ID)
		}

		// An empty reply is refused and nothing is made.
		rec := f.do(t, "POST", "/admin/comments/"+strconv.FormatInt(top.ID, 10)+"/reply", tok, url.Values{"content": {"  "}})
		wantStatus(t, "empty reply", rec, http.StatusUnprocessableEntity)
		if !strings.Contains(rec.Body.String(), `id="e-reply"`) {
			t.Errorf("empty reply: no error next to the field")
		}
		if _, n, _ := f.store.Comments(ctx, warta.CommentFilter{ArticleID: a.ID}); n != 3 {
			t.Errorf("%d comments, want 3", n)
		}

		// Readers see the reply marked as the newsroom's.
		pub := site.New(site.Config{Store: f.store, Views: f.views, Location: f.loc, BaseURL: "https://warta.example",
			SiteName: "Warta", Now: f.now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Secret: peopleSecret})
		page := f.doOn(t, pub, a.Permalink(f.loc))
		if n := strings.Count(page, `<span class="staff-badge">Newsroom</span>`); n != 2 {
			t.Errorf("public page marks %d replies as the newsroom's, want 2", n)
		}
	})
}

// doOn GETs path from h and returns the body.
func (f *peopleFixture) doOn(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	saved := f.handler
	f.handler = h
	defer func() { f.handler = saved }()
	rec := f.do(t, "GET", path, "", nil)
	wantStatus(t, "GET "+path, rec, 200)
	return rec.Body.String()
}
