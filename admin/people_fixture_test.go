package admin_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/admin"
	"warta/auth"
	"warta/comments"
	"warta/i18n"
	"warta/internal/teststore"
	"warta/markdown"
	"warta/static"
	"warta/storetest"
	"warta/view"
)

// peopleDatabases are the stores the moderation, users, profile and
// audit tests run against.
var peopleDatabases = []string{"sqlite", "postgres"}

// peopleSecret signs preview links in the fixtures.
var peopleSecret = []byte("a test secret of at least 16 bytes")

// peopleFixture is the newsroom over a fresh real store, in English,
// with one section, one author and a clock that does not move.
type peopleFixture struct {
	store   warta.Store
	handler http.Handler
	views   *view.Engine
	loc     *time.Location
	now     warta.Clock
	section warta.Section
	author  warta.Author
}

// forEachPeopleDB runs fn as a subtest on each database.
func forEachPeopleDB(t *testing.T, fn func(t *testing.T, f *peopleFixture)) {
	for _, db := range peopleDatabases {
		t.Run(db, func(t *testing.T) { fn(t, newPeopleFixture(t, db)) })
	}
}

// newPeopleFixture opens and migrates a database of kind db ("sqlite" or
// "postgres") and builds the newsroom over it.
func newPeopleFixture(t *testing.T, db string) *peopleFixture {
	t.Helper()
	ctx := context.Background()
	now := storetest.Clock(t)
	st := teststore.Open(t, db, now)
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := i18n.Get("en")
	views, err := view.New(cat, static.New(), loc)
	if err != nil {
		t.Fatal(err)
	}
	f := &peopleFixture{store: st, views: views, loc: loc, now: now,
		section: warta.Section{Slug: "nasional", Name: "Nasional"},
		author:  warta.Author{Slug: "rina-pertiwi", Name: "Rina Pertiwi"}}
	if err := st.CreateSection(ctx, &f.section); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateAuthor(ctx, &f.author); err != nil {
		t.Fatal(err)
	}
	f.handler = admin.New(admin.Config{Store: st, Views: views, Location: loc, BaseURL: "https://warta.example",
		SiteName: "Warta", Now: now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Secret: peopleSecret, MediaDir: t.TempDir(), Render: markdown.Render})
	return f
}

// MustCreateUser makes a user with role (and password, when not empty)
// and logs them in, returning the session cookie's value.
func (f *peopleFixture) MustCreateUser(t *testing.T, role warta.Role, email, name, password string) (*warta.User, string) {
	t.Helper()
	ctx := context.Background()
	u := &warta.User{Email: email, Name: name, Role: role}
	if password != "" {
		hash, err := auth.HashPassword(password)
		if err != nil {
			t.Fatal(err)
		}
		u.PasswordHash = hash
	}
	if err := f.store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	return u, f.MustLogIn(t, u)
}

// MustLogIn makes a session for u and returns its cookie's value.
func (f *peopleFixture) MustLogIn(t *testing.T, u *warta.User) string {
	t.Helper()
	token, id := auth.NewSessionToken()
	now := f.now()
	if err := f.store.CreateSession(context.Background(), &warta.Session{ID: id, UserID: u.ID, CreatedAt: now, LastSeenAt: now}); err != nil {
		t.Fatal(err)
	}
	return token
}

// do sends a request as the holder of session cookie token (none when
// empty), with form as the posted body when not nil.
func (f *peopleFixture) do(t *testing.T, method, path, token string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: "warta_session", Value: token})
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	return rec
}

// MustCreateArticle saves a published article, open for comments.
func (f *peopleFixture) MustCreateArticle(t *testing.T, slug string) *warta.Article {
	t.Helper()
	body := "Warga bergotong royong."
	h, err := markdown.Render(body)
	if err != nil {
		t.Fatal(err)
	}
	a := &warta.Article{Slug: slug, Headline: "Judul " + slug, Dek: "Dek " + slug, BodyMarkdown: body, BodyHTML: h,
		Status: warta.StatusPublished, PublishedAt: f.now().Add(-time.Hour), Section: f.section,
		Authors: []warta.Author{f.author}, CommentsOpen: true}
	if err := f.store.CreateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// MustCreateComment saves a reader's comment with status under article a
// (replying to parent when not 0).
func (f *peopleFixture) MustCreateComment(t *testing.T, a *warta.Article, parent int64, status warta.CommentStatus, name, text string) *warta.Comment {
	t.Helper()
	c := &warta.Comment{ArticleID: a.ID, ParentID: parent, AuthorName: name,
		AuthorEmail: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.id", AuthorIP: "203.0.113.7",
		Content: text, ContentHTML: comments.Format(text), Status: status, Reason: "test"}
	if err := f.store.CreateComment(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// mustComment reloads a comment.
func (f *peopleFixture) mustComment(t *testing.T, id int64) *warta.Comment {
	t.Helper()
	c, err := f.store.CommentByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// mustUser reloads a user.
func (f *peopleFixture) mustUser(t *testing.T, id int64) *warta.User {
	t.Helper()
	u, err := f.store.UserByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// mustAudit returns the whole audit log, newest first.
func (f *peopleFixture) mustAudit(t *testing.T) []*warta.AuditEntry {
	t.Helper()
	list, _, err := f.store.AuditLog(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// hasAudit reports whether the log has an entry with action and detail.
func hasAudit(log []*warta.AuditEntry, action, detail string) bool {
	for _, e := range log {
		if e.Action == action && (detail == "" || e.Detail == detail) {
			return true
		}
	}
	return false
}

var shownPassword = regexp.MustCompile(`id="new-password"[^>]*value="([^"]+)"`)

// passwordShown returns the generated password a page shows, or "".
func passwordShown(body string) string {
	m := shownPassword.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// wantStatus fails t unless rec has status want.
func wantStatus(t *testing.T, what string, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		t.Errorf("%s: status %d, want %d; body: %.300s", what, rec.Code, want, rec.Body.String())
	}
}
