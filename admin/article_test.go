package admin_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"warta"
)

// TestCapabilityMatrix tries every article action as every role, on an
// article of the role's own and on someone else's, and checks that a
// refusal is a 403 that changes nothing.
func TestCapabilityMatrix(t *testing.T) {
	type action struct {
		name   string
		status warta.ArticleStatus // of the article acted on
		own    bool                // the actor's own article, or the administrator's
		do     func(n *newsroom, role warta.Role, a *warta.Article) (int, bool)
		// allowed lists the roles that may do it.
		allowed []warta.Role
	}
	save := func(act string) func(n *newsroom, role warta.Role, a *warta.Article) (int, bool) {
		return func(n *newsroom, role warta.Role, a *warta.Article) (int, bool) {
			f := n.editForm(a, act)
			f.Set("body", "Diubah oleh "+string(role)+".")
			if act == "schedule" {
				f.Set("published_at", n.now.Add(48*time.Hour).In(jakarta).Format("2006-01-02T15:04"))
			}
			rec := n.do(nilT, role, "POST", "/admin/articles/"+itoa64(a.ID), f)
			return rec.Code, rec.Code == http.StatusSeeOther
		}
	}
	post := func(suffix string, form url.Values) func(n *newsroom, role warta.Role, a *warta.Article) (int, bool) {
		return func(n *newsroom, role warta.Role, a *warta.Article) (int, bool) {
			rec := n.do(nilT, role, "POST", "/admin/articles/"+itoa64(a.ID)+suffix, form)
			return rec.Code, rec.Code == http.StatusSeeOther
		}
	}
	get := func(suffix string) func(n *newsroom, role warta.Role, a *warta.Article) (int, bool) {
		return func(n *newsroom, role warta.Role, a *warta.Article) (int, bool) {
			rec := n.do(nilT, role, "GET", "/admin/articles/"+itoa64(a.ID)+suffix, nil)
			return rec.Code, rec.Code == http.StatusOK
		}
	}
	all := []warta.Role{warta.RoleContributor, warta.RoleAuthor, warta.RoleEditor, warta.RoleAdministrator}
	editors := []warta.Role{warta.RoleEditor, warta.RoleAdministrator}
	publishers := []warta.Role{warta.RoleAuthor, warta.RoleEditor, warta.RoleAdministrator}
	actions := []action{
		{"open own draft", warta.StatusDraft, true, get(""), all},
		{"save own draft", warta.StatusDraft, true, save("save"), all},
		{"submit own draft", warta.StatusDraft, true, save("submit"), all},
		{"publish own draft", warta.StatusDraft, true, save("publish"), publishers},
		{"schedule own draft", warta.StatusDraft, true, save("schedule"), publishers},
		{"edit own published", warta.StatusPublished, true, save("save"), publishers},
		{"unpublish own", warta.StatusPublished, true, save("unpublish"), publishers},
		{"open another's draft", warta.StatusDraft, false, get(""), editors},
		{"edit another's draft", warta.StatusDraft, false, save("save"), editors},
		{"publish another's", warta.StatusPending, false, save("publish"), editors},
		{"unpublish another's", warta.StatusPublished, false, save("unpublish"), editors},
		{"see another's revisions", warta.StatusDraft, false, get("/revisions"), editors},
		{"delete", warta.StatusDraft, true, post("/delete", url.Values{}), editors},
		{"add a correction", warta.StatusPublished, true, post("/corrections", url.Values{"note": {"Nama narasumber diperbaiki."}}), editors},
	}
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		for i, act := range actions {
			for _, role := range all {
				owner := role
				if !act.own {
					owner = warta.RoleAdministrator
					if role == warta.RoleAdministrator {
						owner = warta.RoleEditor
					}
				}
				a := n.article(t, owner, act.status, "m"+itoa(i)+"-"+string(role))
				code, ok := act.do(n, role, a)
				want := contains(act.allowed, role)
				if ok != want {
					t.Errorf("%s as %s: status %d, allowed=%v, want allowed=%v", act.name, role, code, ok, want)
					continue
				}
				if !want {
					if code != http.StatusForbidden {
						t.Errorf("%s as %s: refused with %d, want 403", act.name, role, code)
					}
					got, err := n.store.ArticleByID(context.Background(), a.ID)
					if err != nil || got.Revision != a.Revision || got.Status != a.Status || got.BodyMarkdown != a.BodyMarkdown {
						t.Errorf("%s as %s was refused but changed the article: %+v (err %v)", act.name, role, got, err)
					}
				}
			}
		}
	})
}

func TestNobodyLoggedInIsSentToLogin(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		for _, path := range []string{"/admin/", "/admin/articles", "/admin/articles/new"} {
			rec := n.do(t, "", "GET", path, nil)
			if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/admin/login?") {
				t.Errorf("GET %s without a session: %d to %q", path, rec.Code, rec.Header().Get("Location"))
			}
		}
	})
}

func TestWorkflow(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		ctx := context.Background()
		// A contributor writes a draft and submits it.
		f := url.Values{"headline": {"Nelayan <b>Demak</b> Panen Rajungan"}, "dek": {"Harga naik."}, "body": {"## Laut tenang\n\nTangkapan melimpah."},
			"section_id": {itoa64(n.section.ID)}, "tags": {"Nelayan, Laut"}, "comments_open": {"1"}, "action": {"submit"}}
		rec := n.do(t, warta.RoleContributor, "POST", "/admin/articles", f)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("contributor's submit: %d\n%s", rec.Code, rec.Body)
		}
		id := idFrom(t, rec.Header().Get("Location"))
		a, err := n.store.ArticleByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != warta.StatusPending || a.Slug != "nelayan-b-demak-b-panen-rajungan" || len(a.Tags) != 2 || a.OwnerID != n.users[warta.RoleContributor].ID {
			t.Errorf("submitted article: status %s, slug %q, %d tags, owner %d", a.Status, a.Slug, len(a.Tags), a.OwnerID)
		}
		if len(a.Authors) != 1 || a.Authors[0].ID != n.users[warta.RoleContributor].AuthorID {
			t.Errorf("byline defaults to the writer: %+v", a.Authors)
		}
		// The headline's markup is text on every screen.
		if body := n.do(t, warta.RoleEditor, "GET", "/admin/articles", nil).Body.String(); strings.Contains(body, "<b>Demak</b>") || !strings.Contains(body, "&lt;b&gt;Demak") {
			t.Error("the article list does not escape a headline's markup")
		}

		// An editor schedules it: a time in the past is refused, kept in the form.
		past := n.now.Add(-time.Hour).In(jakarta).Format("2006-01-02T15:04")
		f = n.editForm(a, "schedule")
		f.Set("published_at", past)
		rec = n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(id), f)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `value="`+past+`"`) {
			t.Errorf("scheduling in the past: %d, time kept=%v", rec.Code, strings.Contains(rec.Body.String(), past))
		}
		f.Set("published_at", "besok pagi")
		if rec = n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(id), f); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("an unparseable time: %d, want 422", rec.Code)
		}
		if got := n.reload(t, a); got.Status != warta.StatusPending || got.Revision != a.Revision {
			t.Errorf("refused schedules changed the article: %s rev %d", got.Status, got.Revision)
		}
		later := n.now.Add(2 * time.Hour)
		f.Set("published_at", later.In(jakarta).Format("2006-01-02T15:04"))
		if rec = n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(id), f); rec.Code != http.StatusSeeOther {
			t.Fatalf("schedule: %d\n%s", rec.Code, rec.Body)
		}
		if got := n.reload(t, a); got.Status != warta.StatusScheduled || !got.PublishedAt.Equal(later) {
			t.Errorf("scheduled: %s at %v, want scheduled at %v", got.Status, got.PublishedAt, later)
		}
		// The background job publishes it when its time comes, once.
		if due, _ := n.store.PublishDue(ctx, n.now); len(due) != 0 {
			t.Errorf("published %d articles before their time", len(due))
		}
		due, err := n.store.PublishDue(ctx, later)
		if err != nil || len(due) != 1 || due[0].ID != id {
			t.Fatalf("PublishDue at the time: %v, %v", due, err)
		}
		a = n.reload(t, a)
		if a.Status != warta.StatusPublished {
			t.Errorf("after its time: %s", a.Status)
		}
		// Unpublished: withdrawn from readers.
		if rec = n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(id), n.editForm(a, "unpublish")); rec.Code != http.StatusSeeOther {
			t.Fatalf("unpublish: %d", rec.Code)
		}
		if got := n.reload(t, a); got.Status != warta.StatusUnpublished {
			t.Errorf("after unpublish: %s", got.Status)
		}
		// Publishing and unpublishing are in the audit log.
		entries, _, err := n.store.AuditLog(ctx, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, ","); !strings.Contains(got, "article.unpublish") || !strings.Contains(got, "article.schedule") {
			t.Errorf("audit log: %s", got)
		}
	})
}

func TestEditorBadInput(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		other := n.article(t, warta.RoleEditor, warta.StatusDraft, "sudah-ada")
		a := n.article(t, warta.RoleEditor, warta.StatusDraft, "draf-saya")
		tests := []struct {
			name  string
			edit  func(url.Values)
			field string
		}{
			{"empty headline", func(f url.Values) { f.Set("headline", "  ") }, "headline"},
			{"slug empty after transliteration", func(f url.Values) { f.Set("headline", "!!!"); f.Set("slug", "") }, "slug"},
			{"slug taken", func(f url.Values) { f.Set("slug", other.Slug) }, "slug"},
			{"no section", func(f url.Values) { f.Set("section_id", "") }, "section"},
			{"missing section", func(f url.Values) { f.Set("section_id", "9999") }, "section"},
		}
		for _, tt := range tests {
			f := n.editForm(a, "save")
			f.Set("body", "Kata-kata yang tidak boleh hilang: "+tt.name)
			tt.edit(f)
			rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(a.ID), f)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", tt.name, rec.Code)
				continue
			}
			body := rec.Body.String()
			if !strings.Contains(body, "Kata-kata yang tidak boleh hilang: "+tt.name) {
				t.Errorf("%s: the writer's body text is gone from the form", tt.name)
			}
			if !strings.Contains(body, `href="#f-`+tt.field+`"`) {
				t.Errorf("%s: no error for the %s field in the summary", tt.name, tt.field)
			}
			if got := n.reload(t, a); got.Revision != a.Revision {
				t.Errorf("%s: a refused save changed the article", tt.name)
			}
		}
		// Hostile Markdown is kept as typed and rendered inert.
		f := n.editForm(a, "save")
		f.Set("body", "Klik [ini](javascript:alert(1)).\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>")
		if rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(a.ID), f); rec.Code != http.StatusSeeOther {
			t.Fatalf("saving hostile Markdown: %d", rec.Code)
		}
		got := n.reload(t, a)
		if !strings.Contains(got.BodyMarkdown, "<script>") {
			t.Error("the Markdown was not stored as typed")
		}
		for _, bad := range []string{"<script", "javascript:", "onerror"} {
			if strings.Contains(got.BodyHTML, bad) {
				t.Errorf("rendered body contains %q: %s", bad, got.BodyHTML)
			}
		}
		// A form from another site is refused before anything happens.
		req := n.editForm(got, "publish")
		rec := n.doCrossSite(t, warta.RoleEditor, "/admin/articles/"+itoa64(a.ID), req)
		if rec.Code != http.StatusForbidden || n.reload(t, a).Status != warta.StatusDraft {
			t.Errorf("cross-site publish: %d, status %s", rec.Code, n.reload(t, a).Status)
		}
	})
}

func TestConflictKeepsBothVersions(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		a := n.article(t, warta.RoleEditor, warta.StatusDraft, "dua-penyunting")
		// Both open revision 1.
		first, second := n.editForm(a, "save"), n.editForm(a, "save")
		first.Set("body", "Versi pertama dari Ratna.")
		second.Set("body", "Versi kedua dari Bima.")
		if rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(a.ID), first); rec.Code != http.StatusSeeOther {
			t.Fatalf("first save: %d", rec.Code)
		}
		rec := n.do(t, warta.RoleAdministrator, "POST", "/admin/articles/"+itoa64(a.ID), second)
		if rec.Code != http.StatusConflict {
			t.Fatalf("second save on a stale revision: %d, want 409", rec.Code)
		}
		body := rec.Body.String()
		if !strings.Contains(body, "Versi pertama dari Ratna.") || !strings.Contains(body, "Versi kedua dari Bima.") {
			t.Error("the conflict screen does not show both versions")
		}
		if got := n.reload(t, a); got.BodyMarkdown != "Versi pertama dari Ratna." {
			t.Errorf("after the conflict the stored body is %q, want the first save's", got.BodyMarkdown)
		}
		// Saving from the conflict screen, knowingly, wins.
		m := regexp.MustCompile(`name="revision" value="(\d+)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the conflict screen's form has no revision")
		}
		second.Set("revision", m[1])
		if rec := n.do(t, warta.RoleAdministrator, "POST", "/admin/articles/"+itoa64(a.ID), second); rec.Code != http.StatusSeeOther {
			t.Fatalf("saving mine from the conflict screen: %d", rec.Code)
		}
		if got := n.reload(t, a); got.BodyMarkdown != "Versi kedua dari Bima." || got.Revision != 3 {
			t.Errorf("after saving over: %q rev %d", got.BodyMarkdown, got.Revision)
		}
	})
}

func TestRevisionsDiffAndRestore(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		a := n.article(t, warta.RoleEditor, warta.StatusDraft, "berevisi")
		for _, body := range []string{"Paragraf satu.\n\nParagraf dua.", "Paragraf satu.\n\nParagraf dua diubah.\n\nParagraf tiga."} {
			a = n.reload(t, a)
			f := n.editForm(a, "save")
			f.Set("body", body)
			if rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(a.ID), f); rec.Code != http.StatusSeeOther {
				t.Fatalf("save: %d", rec.Code)
			}
		}
		rec := n.do(t, warta.RoleEditor, "GET", "/admin/articles/"+itoa64(a.ID)+"/revisions?a=2&b=3", nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("revisions: %d", rec.Code)
		}
		body := rec.Body.String()
		if !strings.Contains(body, "<del>- Paragraf dua.</del>") || !strings.Contains(body, "<ins>+ Paragraf dua diubah.</ins>") || !strings.Contains(body, "<ins>+ Paragraf tiga.</ins>") {
			t.Errorf("the diff between revisions 2 and 3 is not shown:\n%s", body[strings.Index(body, "<pre"):])
		}
		if !strings.Contains(body, n.users[warta.RoleEditor].Name) {
			t.Error("the revisions list does not say who saved")
		}
		// Restoring revision 2 is itself revision 4.
		if rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(a.ID)+"/revisions/2/restore", url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("restore: %d", rec.Code)
		}
		got := n.reload(t, a)
		if got.BodyMarkdown != "Paragraf satu.\n\nParagraf dua." || got.Revision != 4 {
			t.Errorf("after restoring revision 2: %q rev %d", got.BodyMarkdown, got.Revision)
		}
		revs, err := n.store.Revisions(context.Background(), a.ID)
		if err != nil || len(revs) != 4 || revs[0].Note != "restored revision 2" {
			t.Errorf("revisions after restore: %d, newest note %q (%v)", len(revs), revs[0].Note, err)
		}
	})
}

// TestExpiredSessionKeepsTheWords: a writer's session ends while they
// type; their save goes to the login page, and once they log in the text
// is saved.
func TestExpiredSessionKeepsTheWords(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		a := n.article(t, warta.RoleAuthor, warta.StatusDraft, "sesi-habis")
		f := n.editForm(a, "save")
		f.Set("body", "Dua jam menulis, jangan sampai hilang.")
		rec := n.do(t, "", "POST", "/admin/articles/"+itoa64(a.ID), f)
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.Contains(loc, "stash=") {
			t.Fatalf("a save without a session: %d to %q; want the login page with a stash", rec.Code, loc)
		}
		u, _ := url.Parse(loc)
		login := url.Values{"email": {n.users[warta.RoleAuthor].Email}, "password": {"kata-sandi-uji-123"},
			"next": {u.Query().Get("next")}, "stash": {u.Query().Get("stash")}}
		rec = n.do(t, "", "POST", "/admin/login", login)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("login with the stash: %d\n%s", rec.Code, rec.Body)
		}
		if got := n.reload(t, a); got.BodyMarkdown != "Dua jam menulis, jangan sampai hilang." {
			t.Errorf("after logging in the body is %q", got.BodyMarkdown)
		}
	})
}

func TestLoginThrottleAndMessages(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		email := n.users[warta.RoleEditor].Email
		wrong := n.do(t, "", "POST", "/admin/login", url.Values{"email": {email}, "password": {"salah-salah-salah"}})
		unknown := n.do(t, "", "POST", "/admin/login", url.Values{"email": {"tidak.ada@warta.test"}, "password": {"salah-salah-salah"}})
		if wrong.Code != unknown.Code || !strings.Contains(wrong.Body.String(), "Email atau kata sandi salah.") || !strings.Contains(unknown.Body.String(), "Email atau kata sandi salah.") {
			t.Errorf("a wrong password (%d) and an unknown email (%d) must look the same", wrong.Code, unknown.Code)
		}
		for range 4 {
			n.do(t, "", "POST", "/admin/login", url.Values{"email": {email}, "password": {"salah-salah-salah"}})
		}
		rec := n.do(t, "", "POST", "/admin/login", url.Values{"email": {email}, "password": {"kata-sandi-uji-123"}})
		if rec.Code != http.StatusTooManyRequests {
			t.Errorf("the right password after 5 failures: %d, want 429 until the window passes", rec.Code)
		}
		n.now = n.now.Add(16 * time.Minute)
		rec = n.do(t, "", "POST", "/admin/login", url.Values{"email": {email}, "password": {"kata-sandi-uji-123"}})
		if rec.Code != http.StatusSeeOther {
			t.Errorf("after the window: %d, want a login", rec.Code)
		}
		var session string
		for _, c := range rec.Result().Cookies() {
			if c.Name == "warta_session" {
				session = c.Value
				if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
					t.Errorf("session cookie flags: %+v", c)
				}
			}
		}
		if session == "" || session == n.tokens[warta.RoleEditor] {
			t.Error("login did not issue a new session token")
		}
	})
}

func TestPreviewLink(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		a := n.article(t, warta.RoleAuthor, warta.StatusDraft, "pratinjau")
		body := n.do(t, warta.RoleAuthor, "GET", "/admin/articles/"+itoa64(a.ID), nil).Body.String()
		m := regexp.MustCompile(`http://warta.test(/preview/[^"]+)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the editor shows no preview link")
		}
		rec := n.do(t, "", "GET", m[1], nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), a.Headline) || !strings.Contains(rec.Body.String(), "noindex") {
			t.Errorf("preview for someone without an account: %d", rec.Code)
		}
		if rec := n.do(t, "", "GET", m[1]+"x", nil); rec.Code != http.StatusNotFound {
			t.Errorf("a tampered preview link: %d, want 404", rec.Code)
		}
		n.now = n.now.Add(8 * 24 * time.Hour)
		if rec := n.do(t, "", "GET", m[1], nil); rec.Code != http.StatusNotFound {
			t.Errorf("a preview link after 8 days: %d, want 404", rec.Code)
		}
	})
}

func TestCorrectionsAndSubstantiveUpdates(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		a := n.article(t, warta.RoleEditor, warta.StatusPublished, "diralat")
		rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(a.ID)+"/corrections", url.Values{"note": {"Jumlah pengungsi semula tertulis 130."}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("correction: %d", rec.Code)
		}
		got := n.reload(t, a)
		if got.RevisedAt.IsZero() {
			t.Error("a correction did not mark the article as updated")
		}
		list, err := n.store.Corrections(context.Background(), a.ID)
		if err != nil || len(list) != 1 || list[0].Note != "Jumlah pengungsi semula tertulis 130." {
			t.Errorf("corrections: %+v %v", list, err)
		}
		if rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(a.ID)+"/corrections", url.Values{"note": {"  "}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("an empty correction: %d, want 422", rec.Code)
		}
		draft := n.article(t, warta.RoleEditor, warta.StatusDraft, "belum-terbit")
		if rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(draft.ID)+"/corrections", url.Values{"note": {"x"}}); rec.Code != http.StatusConflict {
			t.Errorf("a correction on a draft: %d, want 409", rec.Code)
		}
		// A substantive edit moves RevisedAt; an ordinary one does not.
		n.now = n.now.Add(time.Hour)
		f := n.editForm(got, "save")
		f.Set("body", "Perbaikan ejaan.")
		n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(a.ID), f)
		if after := n.reload(t, a); !after.RevisedAt.Equal(got.RevisedAt) {
			t.Error("a non-substantive save moved the update time")
		}
		got = n.reload(t, a)
		f = n.editForm(got, "save")
		f.Set("body", "Angka korban diperbarui.")
		f.Set("substantive", "1")
		n.do(t, warta.RoleEditor, "POST", "/admin/articles/"+itoa64(a.ID), f)
		if after := n.reload(t, a); !after.RevisedAt.Equal(n.now) {
			t.Errorf("a substantive save: RevisedAt %v, want %v", after.RevisedAt, n.now)
		}
	})
}

var jakarta, _ = time.LoadLocation("Asia/Jakarta")

// nilT stands in for a *testing.T in the matrix's closures, which report
// through their return values instead.
var nilT = &testing.T{}

func contains(roles []warta.Role, r warta.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

func idFrom(t *testing.T, location string) int64 {
	t.Helper()
	m := regexp.MustCompile(`/admin/articles/(\d+)`).FindStringSubmatch(location)
	if m == nil {
		t.Fatalf("no article in %q", location)
	}
	var id int64
	for _, c := range m[1] {
		id = id*10 + int64(c-'0')
	}
	return id
}

// doCrossSite posts as role with the headers a browser sends for a form
// on another site.
func (n *newsroom) doCrossSite(t *testing.T, role warta.Role, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	return n.doWith(t, role, "POST", path, form, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://jahat.example"})
}

func TestGeneratedSlugsStayUnique(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		f := url.Values{"headline": {"Phở Hà Nội Hadir di Bandung"}, "body": {"Isi."}, "section_id": {itoa64(n.section.ID)}, "action": {"save"}}
		var slugs []string
		for range 3 {
			rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles", f)
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("save: %d\n%s", rec.Code, rec.Body)
			}
			a, err := n.store.ArticleByID(context.Background(), idFrom(t, rec.Header().Get("Location")))
			if err != nil {
				t.Fatal(err)
			}
			slugs = append(slugs, a.Slug)
		}
		if got, want := strings.Join(slugs, " "), "pho-ha-noi-hadir-di-bandung pho-ha-noi-hadir-di-bandung-2 pho-ha-noi-hadir-di-bandung-3"; got != want {
			t.Errorf("slugs %q, want %q", got, want)
		}
		// A typed slug that is taken is the writer's to change.
		f.Set("slug", slugs[0])
		if rec := n.do(t, warta.RoleEditor, "POST", "/admin/articles", f); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("a typed, taken slug: %d, want 422", rec.Code)
		}
	})
}
