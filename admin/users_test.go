package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"warta"
	"warta/auth"
)

// TestAddUser shows a generated password once, and it logs the new user in.
func TestAddUser(t *testing.T) {
	forEachPeopleDB(t, func(t *testing.T, f *peopleFixture) {
		_, tok := f.MustCreateUser(t, warta.RoleAdministrator, "admin@warta.example", "Ayu Admin", "")
		rec := f.do(t, "POST", "/admin/users", tok, url.Values{"email": {" Joko@Warta.example "}, "name": {"Joko Wi"}, "role": {"author"}})
		wantStatus(t, "add", rec, http.StatusCreated)
		if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q, want no-store", cc)
		}
		pw := passwordShown(rec.Body.String())
		if len(pw) != auth.GeneratedPasswordLen {
			t.Fatalf("shown password %q", pw)
		}
		u, err := f.store.UserByEmail(context.Background(), "joko@warta.example")
		if err != nil {
			t.Fatal(err)
		}
		if u.Role != warta.RoleAuthor || u.Name != "Joko Wi" || !auth.CheckPassword(u.PasswordHash, pw) {
			t.Errorf("new user: role %q name %q, password checks %v", u.Role, u.Name, auth.CheckPassword(u.PasswordHash, pw))
		}
		login := f.do(t, "POST", "/admin/login", "", url.Values{"email": {u.Email}, "password": {pw}})
		wantStatus(t, "login with the shown password", login, http.StatusSeeOther)
		if !hasAudit(f.mustAudit(t), "user.add", "author") {
			t.Errorf("no user.add in the audit log")
		}

		// Shown once: the list never shows it again.
		if body := f.do(t, "GET", "/admin/users", tok, nil).Body.String(); strings.Contains(body, pw) || !strings.Contains(body, "Joko Wi") {
			t.Errorf("users list shows the password again, or lacks the user")
		}

		// A taken email or a bad role is refused next to the field, with the input kept.
		rec = f.do(t, "POST", "/admin/users", tok, url.Values{"email": {"joko@warta.example"}, "name": {"Joko Dua"}, "role": {"editor"}})
		wantStatus(t, "taken email", rec, http.StatusUnprocessableEntity)
		if body := rec.Body.String(); !strings.Contains(body, `id="e-email"`) || !strings.Contains(body, "Joko Dua") || passwordShown(body) != "" {
			t.Errorf("taken email: no error next to the field, input lost, or a password shown")
		}
		rec = f.do(t, "POST", "/admin/users", tok, url.Values{"email": {"x@warta.example"}, "name": {"X"}, "role": {"owner"}})
		wantStatus(t, "bad role", rec, http.StatusUnprocessableEntity)
		if n, _ := f.store.CountUsers(context.Background()); n != 2 {
			t.Errorf("%d users, want 2", n)
		}
	})
}

// TestSelfDemotionRefused keeps a site from losing its last administrator.
func TestSelfDemotionRefused(t *testing.T) {
	forEachPeopleDB(t, func(t *testing.T, f *peopleFixture) {
		me, tok := f.MustCreateUser(t, warta.RoleAdministrator, "admin@warta.example", "Ayu Admin", "")
		path := "/admin/users/" + strconv.FormatInt(me.ID, 10)
		for _, form := range []url.Values{
			{"name": {"Ayu Admin"}, "role": {"editor"}},
			{"name": {"Ayu Admin"}, "role": {"administrator"}, "disabled": {"1"}},
		} {
			rec := f.do(t, "POST", path, tok, form)
			wantStatus(t, "self demotion", rec, http.StatusUnprocessableEntity)
			if !strings.Contains(rec.Body.String(), "You cannot demote or disable your own account") {
				t.Errorf("no clear message")
			}
		}
		if got := f.mustUser(t, me.ID); got.Role != warta.RoleAdministrator || got.Disabled {
			t.Errorf("self demotion changed the account: %q disabled %v", got.Role, got.Disabled)
		}
		wantStatus(t, "own reset", f.do(t, "POST", path+"/password", tok, url.Values{}), http.StatusUnprocessableEntity)
		if len(f.mustAudit(t)) != 0 {
			t.Errorf("refusals wrote the audit log")
		}
		// Renaming oneself is fine.
		wantStatus(t, "rename self", f.do(t, "POST", path, tok, url.Values{"name": {"Ayu A."}, "role": {"administrator"}}), http.StatusSeeOther)
	})
}

// TestChangeRoleAndState demotes, disables and re-enables another user,
// and resets their password: each is audited, and disabling or resetting
// logs them out.
func TestChangeRoleAndState(t *testing.T) {
	forEachPeopleDB(t, func(t *testing.T, f *peopleFixture) {
		_, tok := f.MustCreateUser(t, warta.RoleAdministrator, "admin@warta.example", "Ayu Admin", "")
		other, otherTok := f.MustCreateUser(t, warta.RoleAdministrator, "admin2@warta.example", "Bima Admin", "")
		path := "/admin/users/" + strconv.FormatInt(other.ID, 10)

		rec := f.do(t, "POST", path, tok, url.Values{"name": {"Bima Admin"}, "role": {"editor"}})
		wantStatus(t, "demote", rec, http.StatusSeeOther)
		if got := rec.Header().Get("Location"); got != "/admin/users?done=user_saved" {
			t.Errorf("redirect to %q", got)
		}
		if got := f.mustUser(t, other.ID).Role; got != warta.RoleEditor {
			t.Errorf("role %q, want editor", got)
		}
		wantStatus(t, "demoted user's audit", f.do(t, "GET", "/admin/audit", otherTok, nil), http.StatusForbidden)

		wantStatus(t, "disable", f.do(t, "POST", path, tok, url.Values{"name": {"Bima Admin"}, "role": {"editor"}, "disabled": {"1"}}), http.StatusSeeOther)
		if rec := f.do(t, "GET", "/admin/", otherTok, nil); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/admin/login") {
			t.Errorf("a disabled user's session still works: %d", rec.Code)
		}
		wantStatus(t, "enable", f.do(t, "POST", path, tok, url.Values{"name": {"Bima Admin"}, "role": {"editor"}}), http.StatusSeeOther)
		if f.mustUser(t, other.ID).Disabled {
			t.Errorf("still disabled")
		}

		otherTok = f.MustLogIn(t, other)
		rec = f.do(t, "POST", path+"/password", tok, url.Values{})
		wantStatus(t, "reset", rec, http.StatusOK)
		pw := passwordShown(rec.Body.String())
		if !auth.CheckPassword(f.mustUser(t, other.ID).PasswordHash, pw) {
			t.Errorf("the shown password %q does not match", pw)
		}
		if rec := f.do(t, "GET", "/admin/", otherTok, nil); rec.Code != http.StatusSeeOther {
			t.Errorf("after a reset the old session still works: %d", rec.Code)
		}

		log := f.mustAudit(t)
		for _, want := range [][2]string{{"user.role", "administrator → editor"}, {"user.disable", ""}, {"user.enable", ""}, {"user.password_reset", ""}} {
			if !hasAudit(log, want[0], want[1]) {
				t.Errorf("audit log lacks %s %q", want[0], want[1])
			}
		}
	})
}

// TestProfile saves one's name and bio, and changes the password only
// with the current one.
func TestProfile(t *testing.T) {
	forEachPeopleDB(t, func(t *testing.T, f *peopleFixture) {
		ctx := context.Background()
		const old = "kata-sandi-lama-123"
		me, tok := f.MustCreateUser(t, warta.RoleContributor, "penulis@warta.example", "Rudi Penulis", old)

		rec := f.do(t, "POST", "/admin/profile", tok, url.Values{"form": {"profile"}, "name": {"Rudi P."}, "bio": {"Wartawan lingkungan."}})
		wantStatus(t, "profile", rec, http.StatusSeeOther)
		a, err := f.store.AuthorByID(ctx, me.AuthorID)
		if err != nil {
			t.Fatal(err)
		}
		if u := f.mustUser(t, me.ID); u.Name != "Rudi P." || a.Bio != "Wartawan lingkungan." {
			t.Errorf("profile: name %q bio %q", u.Name, a.Bio)
		}
		wantStatus(t, "empty name", f.do(t, "POST", "/admin/profile", tok, url.Values{"form": {"profile"}, "name": {" "}, "bio": {"x"}}), http.StatusUnprocessableEntity)

		tests := []struct {
			name, current, new, new2, field string
		}{
			{"wrong current", "salah-sekali-123", "kata-sandi-baru-456", "kata-sandi-baru-456", "e-current"},
			{"no current", "", "kata-sandi-baru-456", "kata-sandi-baru-456", "e-current"},
			{"mismatch", old, "kata-sandi-baru-456", "kata-sandi-baru-457", "e-new2"},
			{"too short", old, "pendek", "pendek", "e-new"},
		}
		for _, tt := range tests {
			rec := f.do(t, "POST", "/admin/profile", tok, url.Values{"form": {"password"}, "current": {tt.current}, "new": {tt.new}, "new2": {tt.new2}})
			wantStatus(t, tt.name, rec, http.StatusUnprocessableEntity)
			if !strings.Contains(rec.Body.String(), `id="`+tt.field+`"`) {
				t.Errorf("%s: no error at %s", tt.name, tt.field)
			}
			if !auth.CheckPassword(f.mustUser(t, me.ID).PasswordHash, old) {
				t.Fatalf("%s: the password changed", tt.name)
			}
		}

		other := f.MustLogIn(t, me)
		rec = f.do(t, "POST", "/admin/profile", tok, url.Values{"form": {"password"}, "current": {old}, "new": {"kata-sandi-baru-456"}, "new2": {"kata-sandi-baru-456"}})
		wantStatus(t, "change", rec, http.StatusSeeOther)
		if got := rec.Header().Get("Location"); got != "/admin/profile?done=password_changed" {
			t.Errorf("redirect to %q", got)
		}
		if !auth.CheckPassword(f.mustUser(t, me.ID).PasswordHash, "kata-sandi-baru-456") {
			t.Errorf("the new password does not work")
		}
		var fresh string
		for _, c := range rec.Result().Cookies() {
			if c.Name == "warta_session" {
				fresh = c.Value
			}
		}
		for name, token := range map[string]string{"this browser's old session": tok, "another session": other} {
			if rec := f.do(t, "GET", "/admin/profile", token, nil); rec.Code != http.StatusSeeOther {
				t.Errorf("%s still works: %d", name, rec.Code)
			}
		}
		wantStatus(t, "the new session", f.do(t, "GET", "/admin/profile", fresh, nil), http.StatusOK)
	})
}

// TestAuditLog lists entries newest first, 50 to a page.
func TestAuditLog(t *testing.T) {
	forEachPeopleDB(t, func(t *testing.T, f *peopleFixture) {
		ctx := context.Background()
		_, tok := f.MustCreateUser(t, warta.RoleAdministrator, "admin@warta.example", "Ayu Admin", "")
		for i := 1; i <= 55; i++ {
			if err := f.store.AddAudit(ctx, &warta.AuditEntry{UserName: "Ayu Admin", Action: "article.publish",
				Subject: fmt.Sprintf("article %d: Entri-%02d", i, i), Detail: "detail"}); err != nil {
				t.Fatal(err)
			}
		}
		rec := f.do(t, "GET", "/admin/audit", tok, nil)
		wantStatus(t, "audit", rec, http.StatusOK)
		body := rec.Body.String()
		if i55, i54 := strings.Index(body, "Entri-55"), strings.Index(body, "Entri-54"); i55 < 0 || i54 < 0 || i55 > i54 {
			t.Errorf("not newest first: Entri-55 at %d, Entri-54 at %d", i55, i54)
		}
		if strings.Contains(body, "Entri-05<") || !strings.Contains(body, "Entri-06<") || !strings.Contains(body, `href="/admin/audit?page=2"`) {
			t.Errorf("page 1 does not hold the 50 newest with a link to page 2")
		}
		body = f.do(t, "GET", "/admin/audit?page=2", tok, nil).Body.String()
		if !strings.Contains(body, "Entri-01<") || strings.Contains(body, "Entri-06<") {
			t.Errorf("page 2 does not hold the 5 oldest")
		}
	})
}
