package admin_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"warta"
)

// settingsForm is the settings form as a browser posts it untouched:
// every field with its shown value, and only ticked boxes.
func settingsForm(t *testing.T, f *msFixture) url.Values {
	t.Helper()
	values, err := f.store.SettingValues(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s, err := warta.ParseSettings(values)
	if err != nil {
		t.Fatal(err)
	}
	v := url.Values{}
	for key, value := range s.Values() {
		switch value {
		case "false":
		case "true":
			v.Set(key, "true")
		default:
			v.Set(key, value)
		}
	}
	return v
}

func TestSettingsNeedCapability(t *testing.T) {
	forEachMSDB(t, func(t *testing.T, f *msFixture) {
		editor := f.login(t, warta.RoleEditor)
		mustStatus(t, "editor views", f.get(t, "/admin/settings", editor), http.StatusForbidden)
		v := settingsForm(t, f)
		v.Set("comment_max_links", "9")
		mustStatus(t, "editor saves", f.post(t, "/admin/settings", editor, v), http.StatusForbidden)
		values, _ := f.store.SettingValues(context.Background())
		if _, ok := values["comment_max_links"]; ok {
			t.Errorf("comment_max_links stored after a refused save: %q", values["comment_max_links"])
		}
	})
}

func TestSettingsForm(t *testing.T) {
	forEachMSDB(t, func(t *testing.T, f *msFixture) {
		admin := f.login(t, warta.RoleAdministrator)
		rec := f.get(t, "/admin/settings", admin)
		mustStatus(t, "settings page", rec, http.StatusOK)
		body := rec.Body.String()
		for _, kv := range warta.SettingKeys() {
			mustContain(t, "settings page", body, `name="`+kv[0]+`"`)
			mustContain(t, "settings page", body, html.EscapeString(f.cat.T("admin.settings."+kv[0])))
		}
		mustContain(t, "settings page", body, `<textarea id="f-comment_moderation_keys"`)
		mustContain(t, "settings page", body, `name="comment_max_links" type="number"`)
		mustContain(t, "settings page", body, `name="comment_first_time_hold" type="checkbox" value="true" checked`)
		mustContain(t, "settings page", body, `name="media_max_mb" type="number" step="1" value="20"`)
		mustContain(t, "settings page", body, html.EscapeString(f.cat.T("admin.settings.startup_note")))
	})
}

func TestSettingsSave(t *testing.T) {
	forEachMSDB(t, func(t *testing.T, f *msFixture) {
		admin := f.login(t, warta.RoleAdministrator)
		ctx := context.Background()

		// A bad value: 422, every typed value kept, nothing stored.
		v := settingsForm(t, f)
		v.Set("comment_max_links", "many")
		v.Set("comment_moderation_keys", "judi\r\nslot")
		rec := f.post(t, "/admin/settings", admin, v)
		mustStatus(t, "bad value", rec, http.StatusUnprocessableEntity)
		body := rec.Body.String()
		mustContain(t, "bad value", body, `value="many"`)
		mustContain(t, "bad value", body, ">judi\nslot</textarea>")
		mustContain(t, "bad value", body, html.EscapeString(f.cat.T("admin.settings.error.number")))
		if values, _ := f.store.SettingValues(ctx); len(values) != 0 {
			t.Errorf("stored after a refused save: %v", values)
		}

		// Good values: stored, one audit entry naming the changed keys.
		v = settingsForm(t, f)
		v.Set("comment_max_links", "5")
		v.Set("comment_moderation_keys", "judi\r\n slot \r\n\r\njudi")
		v.Del("comment_first_time_hold") // the box unticked
		v.Set("site_title", "Warta Pesisir")
		rec = f.post(t, "/admin/settings", admin, v)
		mustStatus(t, "save", rec, http.StatusSeeOther)
		if got, want := rec.Header().Get("Location"), "/admin/settings?done=settings_saved"; got != want {
			t.Errorf("Location = %q, want %q", got, want)
		}
		values, err := f.store.SettingValues(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"comment_max_links": "5", "comment_moderation_keys": "judi\nslot",
			"comment_first_time_hold": "false", "site_title": "Warta Pesisir"}
		for k, w := range want {
			if values[k] != w {
				t.Errorf("stored %s = %q, want %q", k, values[k], w)
			}
		}
		if len(values) != len(want) {
			t.Errorf("stored %v, want only the changed keys %v", values, want)
		}
		s, err := warta.ParseSettings(values)
		if err != nil {
			t.Fatal(err)
		}
		if s.CommentMaxLinks != 5 || s.CommentFirstTimeHold || len(s.CommentModerationKeys) != 2 {
			t.Errorf("settings after save = %+v", s)
		}

		log, _, err := f.store.AuditLog(ctx, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 1 || log[0].Action != "settings.change" {
			t.Fatalf("audit log = %+v, want one settings.change", log)
		}
		for k := range want {
			if !strings.Contains(log[0].Detail, k) {
				t.Errorf("audit detail %q lacks %s", log[0].Detail, k)
			}
		}
		if strings.Contains(log[0].Detail, "comments_per_page") {
			t.Errorf("audit detail %q names an unchanged key", log[0].Detail)
		}

		// The page shows what was saved.
		rec = f.get(t, "/admin/settings?done=settings_saved", admin)
		mustContain(t, "after save", rec.Body.String(), html.EscapeString(f.cat.T("admin.flash.settings_saved")))
		mustContain(t, "after save", rec.Body.String(), `name="comment_max_links" type="number" step="1" value="5"`)

		// Saving again unchanged writes no audit entry.
		mustStatus(t, "save unchanged", f.post(t, "/admin/settings", admin, settingsForm(t, f)), http.StatusSeeOther)
		if _, n, _ := f.store.AuditLog(ctx, 0, 10); n != 1 {
			t.Errorf("audit entries after an unchanged save: %d, want 1", n)
		}

		// The upload limit is bounded both ways.
		for _, bad := range []string{"0", "21"} {
			v = settingsForm(t, f)
			v.Set("media_max_mb", bad)
			mustStatus(t, "media_max_mb "+bad, f.post(t, "/admin/settings", admin, v), http.StatusUnprocessableEntity)
		}
	})
}
