package admin

import (
	"net/http"
	"strings"

	"warta"
)

// The kinds of settings field, which decide the form control.
const (
	settingNumber = "number"
	settingBool   = "bool"
	settingList   = "list" // one entry per line
	settingText   = "text" // one line
)

// settingField is one setting on the settings page.
type settingField struct {
	Key   string
	Kind  string
	Value string // as stored, or as typed when the form was refused
	Error string // message key
}

// Checked reports whether a yes/no setting is on.
func (f settingField) Checked() bool { return f.Value == "true" }

// settingsPage is the data of the settings page.
type settingsPage struct {
	page
	Fields  []settingField
	Summary string // message key above the form
}

// settingKind tells what kind of value a key holds. The domain knows that
// only through how Settings.Set behaves, so asking it that way keeps this
// page right for keys added later, without a second table to keep in step.
func settingKind(key string) string {
	s := warta.DefaultSettings()
	if v := s.Values()[key]; v == "true" || v == "false" {
		return settingBool
	}
	if s.Set(key, "x") != nil {
		return settingNumber
	}
	if s.Set(key, "a\nb") == nil && s.Values()[key] == "a\nb" {
		return settingList
	}
	return settingText
}

// showSettings shows every setting in a form.
//
// GET /admin/settings
func (h *handler) showSettings(w http.ResponseWriter, r *http.Request) {
	cur, err := h.currentSettings(r)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	values := cur.Values()
	p := settingsPage{page: h.newPage(r, h.cat.T("admin.settings.title"), "settings")}
	for _, kv := range warta.SettingKeys() {
		p.Fields = append(p.Fields, settingField{Key: kv[0], Kind: settingKind(kv[0]), Value: values[kv[0]]})
	}
	h.render(w, r, http.StatusOK, "admin/settings", p)
}

// saveSettings checks every posted setting and, when all are valid,
// stores those that changed and records one audit entry naming them. A
// box left unticked turns its setting off; a key missing from the form
// otherwise keeps its value.
//
// POST /admin/settings
func (h *handler) saveSettings(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	cur, err := h.currentSettings(r)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	before := cur.Values()
	next, _ := warta.ParseSettings(before) // a copy: before parsed once already
	p := settingsPage{page: h.newPage(r, h.cat.T("admin.settings.title"), "settings")}
	failed := false
	for _, kv := range warta.SettingKeys() {
		f := settingField{Key: kv[0], Kind: settingKind(kv[0]), Value: before[kv[0]]}
		typed, ok := r.PostForm[f.Key]
		switch {
		case f.Kind == settingBool:
			f.Value = "false"
			if ok && typed[0] != "" {
				f.Value = "true"
			}
		case ok:
			f.Value = strings.ReplaceAll(typed[0], "\r\n", "\n")
		}
		if err := next.Set(f.Key, f.Value); err != nil {
			f.Error, failed = "admin.settings.error."+f.Kind, true
		}
		p.Fields = append(p.Fields, f)
	}
	if failed {
		p.Summary = "admin.settings.error.summary"
		h.render(w, r, http.StatusUnprocessableEntity, "admin/settings", p)
		return
	}
	after := next.Values()
	var changed []string
	for _, kv := range warta.SettingKeys() {
		if after[kv[0]] != before[kv[0]] {
			if err := h.Store.SetSetting(r.Context(), kv[0], after[kv[0]]); err != nil {
				h.serverError(w, r, err)
				return
			}
			changed = append(changed, kv[0])
		}
	}
	if len(changed) > 0 {
		h.audit(r, "settings.change", "settings", strings.Join(changed, ", "))
	}
	http.Redirect(w, r, "/admin/settings?done=settings_saved", http.StatusSeeOther)
}

// currentSettings reads the stored settings, with defaults for keys never set.
func (h *handler) currentSettings(r *http.Request) (*warta.Settings, error) {
	values, err := h.Store.SettingValues(r.Context())
	if err != nil {
		return nil, err
	}
	return warta.ParseSettings(values)
}
