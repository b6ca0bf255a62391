package admin

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"warta"
	"warta/auth"
	"warta/clientip"
)

// maxBioLen bounds an author's bio, in characters.
const maxBioLen = 2000

// profileForm is the profile form as posted, kept whole on errors.
type profileForm struct {
	Name string
	Bio  string
}

// profilePage is the data of one's own profile page.
type profilePage struct {
	page
	Form   profileForm
	Author *warta.Author // nil when the user has no author profile
	Errors map[string]string
	// Summary is a message key above the form that failed.
	Summary string
	// API tokens: the user's tokens, a token just made (shown once), and
	// the name and error of a refused one.
	Tokens     []*warta.APIToken
	NewToken   string
	TokenName  string
	TokenError string
}

// Error returns the message key of a field's error, or "".
func (p profilePage) Error(field string) string { return p.Errors[field] }

// showProfile renders the profile page.
func (h *handler) showProfile(w http.ResponseWriter, r *http.Request, status int, p profilePage) {
	p.page = h.newPage(r, h.cat.T("admin.profile.title"), "profile")
	if p.Author == nil && p.User.AuthorID != 0 {
		a, err := h.Store.AuthorByID(r.Context(), p.User.AuthorID)
		if err != nil && !warta.IsNotFound(err) {
			h.error(w, r, err)
			return
		}
		p.Author = a
	}
	tokens, err := h.Store.APITokens(r.Context(), p.User.ID)
	if err != nil {
		h.error(w, r, err)
		return
	}
	p.Tokens = tokens
	h.render(w, r, status, "admin/profile", p)
}

// editProfile shows one's name, author bio and the password form.
//
// GET /admin/profile
func (h *handler) editProfile(w http.ResponseWriter, r *http.Request) {
	p, err := h.storedProfile(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.showProfile(w, r, http.StatusOK, p)
}

// storedProfile fills the profile form from the store.
func (h *handler) storedProfile(r *http.Request) (profilePage, error) {
	u := userFrom(r.Context())
	p := profilePage{Form: profileForm{Name: u.Name}}
	if u.AuthorID != 0 {
		a, err := h.Store.AuthorByID(r.Context(), u.AuthorID)
		if err != nil && !warta.IsNotFound(err) {
			return p, err
		}
		if a != nil {
			p.Author, p.Form.Bio = a, a.Bio
		}
	}
	return p, nil
}

// saveProfile saves one's name and bio, or changes one's password: the
// button pressed (form=profile|password) says which.
//
// POST /admin/profile  (form=profile: name, bio; form=password: current, new, new2)
func (h *handler) saveProfile(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	switch r.PostFormValue("form") {
	case "profile":
		h.saveProfileDetails(w, r)
	case "password":
		h.changePassword(w, r)
	default:
		h.fail(w, r, http.StatusBadRequest, "")
	}
}

// saveProfileDetails saves the user's name and their author profile's
// bio. The byline's name follows the account's name when the two were the
// same, and is left alone when the writer uses a different byline.
func (h *handler) saveProfileDetails(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := *userFrom(ctx)
	f := profileForm{Name: r.PostFormValue("name"), Bio: strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("bio"), "\r\n", "\n"))}
	oldName := u.Name
	u.Name = f.Name
	errs := map[string]string{}
	if err := u.Validate(); err != nil {
		for k, v := range h.fieldErrors(err) {
			errs[k] = v
		}
	}
	switch {
	case !utf8.ValidString(f.Bio):
		errs["bio"] = "error.invalid_utf8"
	case utf8.RuneCountInString(f.Bio) > maxBioLen:
		errs["bio"] = "error.too_long"
	}
	var a *warta.Author
	if u.AuthorID != 0 {
		var err error
		if a, err = h.Store.AuthorByID(ctx, u.AuthorID); err != nil && !warta.IsNotFound(err) {
			h.error(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		h.showProfile(w, r, http.StatusUnprocessableEntity, profilePage{Form: f, Author: a, Errors: errs,
			Summary: "admin.profile.error.summary"})
		return
	}
	if err := h.Store.UpdateUser(ctx, &u); err != nil {
		h.error(w, r, err)
		return
	}
	if a != nil {
		if a.Name == oldName {
			a.Name = u.Name
		}
		a.Bio = f.Bio
		if err := h.Store.UpdateAuthor(ctx, a); err != nil {
			h.error(w, r, err)
			return
		}
	}
	http.Redirect(w, r, "/admin/profile?done=user_saved", http.StatusSeeOther)
}

// changePassword changes the user's password after checking the current
// one. Wrong guesses count as failed logins, so a borrowed session cannot
// be used to try passwords without limit. Every other session of the
// user ends; this browser gets a new one.
func (h *handler) changePassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := *userFrom(ctx)
	p, err := h.storedProfile(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	refuse := func(status int, field, key string) {
		p.Errors = map[string]string{field: key}
		p.Summary = "admin.profile.error.password_summary"
		h.showProfile(w, r, status, p)
	}
	ip := clientip.From(r, h.TrustedProxies)
	byEmail, byIP, err := h.Store.LoginFailures(ctx, u.Email, ip, h.Now().Add(-auth.ThrottleWindow))
	if err != nil {
		h.error(w, r, err)
		return
	}
	if auth.Throttled(byEmail, byIP) {
		w.Header().Set("Retry-After", itoa(int(auth.ThrottleWindow/time.Second)))
		refuse(http.StatusTooManyRequests, "current", "admin.login.throttled")
		return
	}
	if !auth.CheckPassword(u.PasswordHash, r.PostFormValue("current")) {
		h.Store.RecordLoginFailure(ctx, u.Email, ip)
		refuse(http.StatusUnprocessableEntity, "current", "admin.profile.error.current_wrong")
		return
	}
	pw := r.PostFormValue("new")
	if pw != r.PostFormValue("new2") {
		refuse(http.StatusUnprocessableEntity, "new2", "admin.profile.error.mismatch")
		return
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		if fields := h.fieldErrors(err); fields != nil {
			refuse(http.StatusUnprocessableEntity, "new", fields["password"])
			return
		}
		h.error(w, r, err)
		return
	}
	u.PasswordHash = hash
	if err := h.Store.UpdateUser(ctx, &u); err != nil {
		h.error(w, r, err)
		return
	}
	h.Store.ClearLoginFailures(ctx, u.Email)
	if err := h.Store.DeleteUserSessions(ctx, u.ID); err != nil {
		h.error(w, r, err)
		return
	}
	token, id := auth.NewSessionToken()
	now := h.Now()
	if err := h.Store.CreateSession(ctx, &warta.Session{ID: id, UserID: u.ID, CreatedAt: now, LastSeenAt: now,
		IP: ip, UserAgent: truncate(r.UserAgent(), 255)}); err != nil {
		h.error(w, r, err)
		return
	}
	h.setSessionCookie(w, token)
	h.audit(r, "user.password_change", userSubject(&u), "")
	http.Redirect(w, r, "/admin/profile?done=password_changed", http.StatusSeeOther)
}
