package admin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/admin"
	"warta/auth"
	"warta/i18n"
	"warta/internal/teststore"
	"warta/markdown"
	"warta/static"
	"warta/storetest"
	"warta/view"
)

// newsroom is the newsroom's handler over a real store, with a movable clock.
type newsroom struct {
	store   warta.Store
	handler http.Handler
	now     time.Time
	section *warta.Section
	users   map[warta.Role]*warta.User
	tokens  map[warta.Role]string
}

func (n *newsroom) clock() time.Time { return n.now }

// eachDatabase runs fn against SQLite and against PostgreSQL.
func eachDatabase(t *testing.T, fn func(t *testing.T, n *newsroom)) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) { fn(t, newNewsroom(t, db)) })
	}
}

func newNewsroom(t *testing.T, db string) *newsroom {
	t.Helper()
	ctx := context.Background()
	n := &newsroom{now: time.Date(2024, 6, 19, 7, 0, 0, 0, time.UTC), users: map[warta.Role]*warta.User{}, tokens: map[warta.Role]string{}}
	st := teststore.Open(t, db, n.clock)
	n.store = st
	loc, _ := time.LoadLocation("Asia/Jakarta")
	cat, _ := i18n.Get("id")
	views, err := view.New(cat, static.New(), loc)
	if err != nil {
		t.Fatal(err)
	}
	n.handler = admin.New(admin.Config{Store: st, Views: views, Location: loc, BaseURL: "http://warta.test", SiteName: "Warta",
		Now: n.clock, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Secret: []byte("a newsroom test secret, 32 bytes"),
		MediaDir: t.TempDir(), Render: markdown.Render})
	n.section = storetest.MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional"})
	hash, err := auth.HashPassword("kata-sandi-uji-123")
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range warta.Roles {
		u := &warta.User{Email: string(role) + "@warta.test", Name: "Staf " + string(role), Role: role, PasswordHash: hash}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		token, id := auth.NewSessionToken()
		if err := st.CreateSession(ctx, &warta.Session{ID: id, UserID: u.ID, CreatedAt: n.now, LastSeenAt: n.now}); err != nil {
			t.Fatal(err)
		}
		n.users[role], n.tokens[role] = u, token
	}
	return n
}

// do sends a request as role ("" for nobody logged in).
func (n *newsroom) do(t *testing.T, role warta.Role, method, path string, form url.Values) *httptest.ResponseRecorder {
	return n.doWith(t, role, method, path, form, nil)
}

// doWith sends a request as role with extra headers.
func (n *newsroom) doWith(t *testing.T, role warta.Role, method, path string, form url.Values, headers map[string]string) *httptest.ResponseRecorder {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, "http://warta.test"+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if role != "" {
		req.AddCookie(&http.Cookie{Name: "warta_session", Value: n.tokens[role]})
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	n.handler.ServeHTTP(rec, req)
	return rec
}

// article makes an article owned by owner, in status.
func (n *newsroom) article(t *testing.T, owner warta.Role, status warta.ArticleStatus, slug string) *warta.Article {
	t.Helper()
	u := n.users[owner]
	a := &warta.Article{Slug: slug, Headline: "Judul " + slug, BodyMarkdown: "Isi awal.", BodyHTML: "<p>Isi awal.</p>",
		Status: status, Section: *n.section, Authors: []warta.Author{{ID: u.AuthorID}}, OwnerID: u.ID, EditedBy: u.ID}
	if status == warta.StatusPublished || status == warta.StatusUnpublished {
		a.PublishedAt = n.now.Add(-time.Hour)
	}
	if status == warta.StatusScheduled {
		a.PublishedAt = n.now.Add(time.Hour)
	}
	return storetest.MustCreateArticle(t, n.store, a)
}

// editForm is the editor's form for a, with action.
func (n *newsroom) editForm(a *warta.Article, action string) url.Values {
	v := url.Values{
		"revision": {itoa(a.Revision)}, "headline": {a.Headline}, "dek": {a.Dek}, "body": {a.BodyMarkdown},
		"slug": {a.Slug}, "section_id": {itoa64(a.Section.ID)}, "action": {action}, "comments_open": {"1"},
	}
	for _, au := range a.Authors {
		v.Add("author_id", itoa64(au.ID))
	}
	return v
}

func (n *newsroom) reload(t *testing.T, a *warta.Article) *warta.Article {
	t.Helper()
	got, err := n.store.ArticleByID(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func itoa(i int) string     { return strconv.Itoa(i) }
func itoa64(i int64) string { return strconv.FormatInt(i, 10) }
