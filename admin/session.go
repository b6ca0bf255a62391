package admin

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"

	"warta"
	"warta/auth"
	"warta/clientip"
)

// sessionCookie holds the session token; the database keeps only its hash.
const sessionCookie = "warta_session"

type ctxKey int

const userKey ctxKey = iota

// userFrom returns the logged-in user, or nil.
func userFrom(ctx context.Context) *warta.User {
	u, _ := ctx.Value(userKey).(*warta.User)
	return u
}

// authenticate finds the session behind the cookie, if it is still
// valid, and puts its user in the request's context.
func (h *handler) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		s, err := h.Store.SessionByID(ctx, auth.SessionID(c.Value))
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		now := h.Now()
		if !auth.SessionValid(s, now) {
			h.Store.DeleteSession(ctx, s.ID)
			next.ServeHTTP(w, r)
			return
		}
		u, err := h.Store.UserByID(ctx, s.UserID)
		if err != nil || u.Disabled {
			next.ServeHTTP(w, r)
			return
		}
		// Record activity at most once a minute: every request writing
		// to the database would cost more than the idle timeout is worth.
		if now.Sub(s.LastSeenAt) > time.Minute {
			h.Store.TouchSession(ctx, s.ID, now)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, userKey, u)))
	})
}

// requireUser sends visitors who are not logged in to the login page. A
// form posted after the session expired is kept (stashed) and saved once
// the writer has logged in again, so no words are lost.
func (h *handler) requireUser(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if userFrom(r.Context()) != nil {
			next(w, r)
			return
		}
		q := url.Values{"next": {r.URL.Path}}
		if r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/admin/articles") {
			if id, err := h.stashForm(w, r); err == nil && id != "" {
				q.Set("stash", id)
			}
		}
		if r.Method == http.MethodGet && r.URL.RawQuery != "" {
			q.Set("next", r.URL.Path+"?"+r.URL.RawQuery)
		}
		http.Redirect(w, r, "/admin/login?"+q.Encode(), http.StatusSeeOther)
	}
}

// requireCap is requireUser for a whole screen that one capability
// opens: without it the answer is 403 and nothing runs. Checks that depend
// on the thing acted on (whose article, in which status) stay in the
// handlers.
func (h *handler) requireCap(c warta.Capability, next http.HandlerFunc) http.HandlerFunc {
	return h.requireUser(func(w http.ResponseWriter, r *http.Request) {
		if !userFrom(r.Context()).Can(c) {
			h.forbidden(w, r)
			return
		}
		next(w, r)
	})
}

// stashedForm is what is kept of a form posted with an expired session.
type stashedForm struct {
	Path   string
	Values url.Values
}

// stashForm keeps the posted form for a day under a random id.
func (h *handler) stashForm(w http.ResponseWriter, r *http.Request) (string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxArticleForm)
	if err := parseForm(r); err != nil {
		return "", err
	}
	values := url.Values{}
	for k, v := range r.PostForm {
		values[k] = v
	}
	if r.MultipartForm != nil {
		for k, v := range r.MultipartForm.Value {
			values[k] = v
		}
	}
	b := []byte(encodeStash(stashedForm{Path: r.URL.Path, Values: values}))
	var raw [16]byte
	rand.Read(raw[:])
	id := hex.EncodeToString(raw[:])
	if err := h.Store.Stash(r.Context(), id, b, h.Now().Add(24*time.Hour)); err != nil {
		return "", err
	}
	return id, nil
}

// loginPage is the data of the login form.
type loginPage struct {
	page
	Email string
	Next  string
	Stash string
	Error string // message key
}

// showLogin shows the login form.
//
// GET /admin/login?next=PATH&stash=ID
func (h *handler) showLogin(w http.ResponseWriter, r *http.Request) {
	p := loginPage{page: h.newPage(r, h.cat.T("admin.login.title"), ""),
		Next: r.URL.Query().Get("next"), Stash: r.URL.Query().Get("stash")}
	if p.Stash != "" {
		p.Error = "admin.login.stashed"
	}
	h.render(w, r, http.StatusOK, "admin/login", p)
}

// login checks an email and password. Failures are counted per account
// and per address; past the limits, attempts wait out the window. The
// message never says whether the email exists.
//
// POST /admin/login  (email, password, next, stash)
func (h *handler) login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	email := strings.TrimSpace(r.PostFormValue("email"))
	p := loginPage{page: h.newPage(r, h.cat.T("admin.login.title"), ""), Email: email,
		Next: r.PostFormValue("next"), Stash: r.PostFormValue("stash")}
	ip := clientip.From(r, h.TrustedProxies)
	byEmail, byIP, err := h.Store.LoginFailures(ctx, email, ip, h.Now().Add(-auth.ThrottleWindow))
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if auth.Throttled(byEmail, byIP) {
		p.Error = "admin.login.throttled"
		w.Header().Set("Retry-After", itoa(int(auth.ThrottleWindow/time.Second)))
		h.render(w, r, http.StatusTooManyRequests, "admin/login", p)
		return
	}
	u, err := h.Store.UserByEmail(ctx, email)
	if err != nil && !warta.IsNotFound(err) {
		h.serverError(w, r, err)
		return
	}
	hash := ""
	if u != nil {
		hash = u.PasswordHash
	}
	// CheckPassword takes as long for an unknown email as for a wrong
	// password, so timing does not tell which emails have accounts.
	if !auth.CheckPassword(hash, r.PostFormValue("password")) || u == nil || u.Disabled {
		h.Store.RecordLoginFailure(ctx, email, ip)
		p.Error = "admin.login.failed"
		h.render(w, r, http.StatusUnauthorized, "admin/login", p)
		return
	}
	h.Store.ClearLoginFailures(ctx, email)
	// A new session at every login: a token planted before login is useless after it.
	if old, err := r.Cookie(sessionCookie); err == nil {
		h.Store.DeleteSession(ctx, auth.SessionID(old.Value))
	}
	token, id := auth.NewSessionToken()
	now := h.Now()
	if err := h.Store.CreateSession(ctx, &warta.Session{ID: id, UserID: u.ID, CreatedAt: now, LastSeenAt: now,
		IP: ip, UserAgent: truncate(r.UserAgent(), 255)}); err != nil {
		h.serverError(w, r, err)
		return
	}
	h.setSessionCookie(w, token)
	if p.Stash != "" {
		r = r.WithContext(context.WithValue(ctx, userKey, u))
		if h.resumeStash(w, r, p.Stash) {
			return
		}
	}
	next := "/admin/"
	if localPath(p.Next) {
		next = p.Next
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends this browser's session.
//
// POST /admin/logout
func (h *handler) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		h.Store.DeleteSession(r.Context(), auth.SessionID(c.Value))
	}
	h.clearSessionCookie(w)
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

// logoutEverywhere ends every session of the user, on every device.
//
// POST /admin/logout-everywhere
func (h *handler) logoutEverywhere(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	if err := h.Store.DeleteUserSessions(r.Context(), u.ID); err != nil {
		h.serverError(w, r, err)
		return
	}
	h.clearSessionCookie(w)
	http.Redirect(w, r, "/admin/login?done=logged_out_everywhere", http.StatusSeeOther)
}

func (h *handler) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: strings.HasPrefix(h.BaseURL, "https://"),
		MaxAge: int(auth.AbsoluteTimeout / time.Second)})
}

func (h *handler) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: strings.HasPrefix(h.BaseURL, "https://"), MaxAge: -1})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
