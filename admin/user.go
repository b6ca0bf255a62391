package admin

import (
	"net/http"
	"strconv"

	"warta"
	"warta/auth"
)

// userForm is the add or edit form of a user, kept whole on errors.
type userForm struct {
	Email    string
	Name     string
	Role     warta.Role
	Disabled bool
}

// usersPage is the data of the users list and its add form.
type usersPage struct {
	page
	Users  []*warta.User
	Roles  []warta.Role
	Form   userForm
	Errors map[string]string
	// NewPassword is shown once, right after the account NewUser was made.
	NewPassword string
	NewUser     *warta.User
}

// Error returns the message key of a field's error, or "".
func (p usersPage) Error(field string) string { return p.Errors[field] }

// userEditPage is the data of one user's page.
type userEditPage struct {
	page
	Target  *warta.User
	Roles   []warta.Role
	Form    userForm
	Errors  map[string]string
	Summary string // message key above the form
	Self    bool   // the user is the one editing
	// NewPassword is shown once, right after a reset.
	NewPassword string
}

// Error returns the message key of a field's error, or "".
func (p userEditPage) Error(field string) string { return p.Errors[field] }

func userSubject(u *warta.User) string {
	return "user " + strconv.FormatInt(u.ID, 10) + ": " + u.Email
}

// showUsers renders the users page.
func (h *handler) showUsers(w http.ResponseWriter, r *http.Request, status int, p usersPage) {
	p.page = h.newPage(r, h.cat.T("admin.users.title"), "users")
	p.Roles = warta.Roles
	users, err := h.Store.Users(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	p.Users = users
	h.render(w, r, status, "admin/users", p)
}

// listUsers lists every member of staff, with a form to add one.
//
// GET /admin/users
func (h *handler) listUsers(w http.ResponseWriter, r *http.Request) {
	h.showUsers(w, r, http.StatusOK, usersPage{Form: userForm{Role: warta.RoleContributor}})
}

// addUser makes an account with a generated password, which the page
// shows once: it is stored only as a hash. There is no redirect, or the
// password would have to be kept somewhere to show it after one.
//
// POST /admin/users  (email, name, role)
func (h *handler) addUser(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	f := userForm{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Role: warta.Role(r.PostFormValue("role"))}
	u := &warta.User{Email: f.Email, Name: f.Name, Role: f.Role}
	if err := u.Validate(); err != nil {
		h.showUsers(w, r, http.StatusUnprocessableEntity, usersPage{Form: f, Errors: h.fieldErrors(err)})
		return
	}
	pw := auth.GeneratePassword()
	hash, err := auth.HashPassword(pw)
	if err != nil {
		h.error(w, r, err)
		return
	}
	u.PasswordHash = hash
	if err := h.Store.CreateUser(r.Context(), u); err != nil {
		if warta.ErrorCode(err) == warta.ECONFLICT {
			h.showUsers(w, r, http.StatusUnprocessableEntity, usersPage{Form: f, Errors: map[string]string{"email": "error.email_taken"}})
			return
		}
		if fields := h.fieldErrors(err); fields != nil {
			h.showUsers(w, r, http.StatusUnprocessableEntity, usersPage{Form: f, Errors: fields})
			return
		}
		h.error(w, r, err)
		return
	}
	h.audit(r, "user.add", userSubject(u), string(u.Role))
	h.showUsers(w, r, http.StatusCreated, usersPage{Form: userForm{Role: warta.RoleContributor}, NewPassword: pw, NewUser: u})
}

// targetUser loads the user of the {id} path value after checking the
// capability; it answers and returns nil when it cannot.
func (h *handler) targetUser(w http.ResponseWriter, r *http.Request) *warta.User {
	id := idParam(r.PathValue("id"))
	if id == 0 {
		h.fail(w, r, http.StatusNotFound, "")
		return nil
	}
	u, err := h.Store.UserByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return nil
	}
	return u
}

// showUser renders one user's page.
func (h *handler) showUser(w http.ResponseWriter, r *http.Request, status int, p userEditPage) {
	p.page = h.newPage(r, p.Target.Name, "users")
	p.Roles = warta.Roles
	p.Self = p.Target.ID == p.User.ID
	h.render(w, r, status, "admin/user_edit", p)
}

// editUser shows a user's name, role and state to change.
//
// GET /admin/users/{id}
func (h *handler) editUser(w http.ResponseWriter, r *http.Request) {
	t := h.targetUser(w, r)
	if t == nil {
		return
	}
	h.showUser(w, r, http.StatusOK, userEditPage{Target: t,
		Form: userForm{Email: t.Email, Name: t.Name, Role: t.Role, Disabled: t.Disabled}})
}

// saveUser changes a user's name, role and whether they may log in. An
// administrator may not demote or disable themselves, so a site always
// keeps one administrator: the one acting. A disabled user is logged out
// everywhere at once.
//
// POST /admin/users/{id}  (name, role, disabled)
func (h *handler) saveUser(w http.ResponseWriter, r *http.Request) {
	t := h.targetUser(w, r)
	if t == nil {
		return
	}
	ctx := r.Context()
	me := userFrom(ctx)
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	f := userForm{Email: t.Email, Name: r.PostFormValue("name"), Role: warta.Role(r.PostFormValue("role")),
		Disabled: r.PostFormValue("disabled") != ""}
	if t.ID == me.ID && (f.Disabled || f.Role != t.Role) {
		h.showUser(w, r, http.StatusUnprocessableEntity, userEditPage{Target: t, Form: f,
			Summary: "admin.users.error.self_demote"})
		return
	}
	old := *t
	t.Name, t.Role, t.Disabled = f.Name, f.Role, f.Disabled
	if err := t.Validate(); err != nil {
		h.showUser(w, r, http.StatusUnprocessableEntity, userEditPage{Target: &old, Form: f, Errors: h.fieldErrors(err)})
		return
	}
	if err := h.Store.UpdateUser(ctx, t); err != nil {
		h.error(w, r, err)
		return
	}
	if t.Disabled && !old.Disabled {
		if err := h.Store.DeleteUserSessions(ctx, t.ID); err != nil {
			h.error(w, r, err)
			return
		}
	}
	if t.Role != old.Role {
		h.audit(r, "user.role", userSubject(t), string(old.Role)+" → "+string(t.Role))
	}
	switch {
	case t.Disabled && !old.Disabled:
		h.audit(r, "user.disable", userSubject(t), "")
	case !t.Disabled && old.Disabled:
		h.audit(r, "user.enable", userSubject(t), "")
	}
	if t.Name != old.Name {
		h.audit(r, "user.name", userSubject(t), old.Name+" → "+t.Name)
	}
	http.Redirect(w, r, "/admin/users?done=user_saved", http.StatusSeeOther)
}

// resetPassword gives a user a new generated password, shown once, and
// logs them out everywhere. One's own password is changed on the profile
// page, where the current one is asked for.
//
// POST /admin/users/{id}/password
func (h *handler) resetPassword(w http.ResponseWriter, r *http.Request) {
	t := h.targetUser(w, r)
	if t == nil {
		return
	}
	ctx := r.Context()
	f := userForm{Email: t.Email, Name: t.Name, Role: t.Role, Disabled: t.Disabled}
	if t.ID == userFrom(ctx).ID {
		h.showUser(w, r, http.StatusUnprocessableEntity, userEditPage{Target: t, Form: f,
			Summary: "admin.users.error.self_reset"})
		return
	}
	pw := auth.GeneratePassword()
	hash, err := auth.HashPassword(pw)
	if err != nil {
		h.error(w, r, err)
		return
	}
	t.PasswordHash = hash
	if err := h.Store.UpdateUser(ctx, t); err != nil {
		h.error(w, r, err)
		return
	}
	if err := h.Store.DeleteUserSessions(ctx, t.ID); err != nil {
		h.error(w, r, err)
		return
	}
	h.audit(r, "user.password_reset", userSubject(t), "")
	h.showUser(w, r, http.StatusOK, userEditPage{Target: t, Form: f, NewPassword: pw})
}
