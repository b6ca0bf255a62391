package site_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"warta"
)

// forEachDB runs test once per database, each with a fresh site in lang.
func forEachDB(t *testing.T, lang string, test func(t *testing.T, f *fixture)) {
	t.Helper()
	for _, db := range databases {
		t.Run(db, func(t *testing.T) { test(t, newFixtureOn(t, lang, db)) })
	}
}

// browser is one reader's browser: its IP address and its cookies.
type browser struct {
	f       *fixture
	ip      string
	header  http.Header // added to every request
	cookies map[string]*http.Cookie
}

func (f *fixture) browser(ip string) *browser {
	return &browser{f: f, ip: ip, header: http.Header{}, cookies: map[string]*http.Cookie{}}
}

// on returns the same browser talking to fixture g (another process).
func (b *browser) on(g *fixture) *browser {
	c := *b
	c.f = g
	return &c
}

// do sends r from this browser and keeps the cookies it is given.
func (b *browser) do(t *testing.T, r *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	r.RemoteAddr = net.JoinHostPort(b.ip, "40000")
	for k, v := range b.header {
		r.Header[k] = v
	}
	for _, c := range b.cookies {
		r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	rec := httptest.NewRecorder()
	b.f.handler.ServeHTTP(rec, r)
	for _, c := range rec.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return rec
}

func (b *browser) get(t *testing.T, path string) *httptest.ResponseRecorder {
	t.Helper()
	return b.do(t, httptest.NewRequest("GET", path, nil))
}

// post sends v as an HTML form to path.
func (b *browser) post(t *testing.T, path string, v url.Values) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("POST", path, strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(t, r)
}

// form opens the page at path and returns its reply form's fields as the
// browser would send them untouched.
func (b *browser) form(t *testing.T, path string) url.Values {
	t.Helper()
	rec := b.get(t, path)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d, want 200", path, rec.Code)
	}
	v := formValues(t, rec.Body.String())
	if v == nil {
		t.Fatalf("GET %s: no comment form", path)
	}
	return v
}

// comment opens the article at path, fills its form with fields, waits
// long enough for the form token and the flood limit, and posts it.
func (b *browser) comment(t *testing.T, path string, fields map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	v := b.form(t, path)
	for k, x := range fields {
		v.Set(k, x)
	}
	b.f.clock.Advance(16 * time.Second)
	return b.post(t, "/comments", v)
}

// mustComment posts a comment that must be taken, and returns it as stored.
func (b *browser) mustComment(t *testing.T, path string, fields map[string]string) *warta.Comment {
	t.Helper()
	rec := b.comment(t, path, fields)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST /comments = %d, want 303; body:\n%s", rec.Code, summaryOf(rec.Body.String()))
	}
	return b.f.commentAt(t, rec.Header().Get("Location"))
}

// commentAt returns the stored comment a redirect's #comment-ID names.
func (f *fixture) commentAt(t *testing.T, location string) *warta.Comment {
	t.Helper()
	_, frag, ok := strings.Cut(location, "#comment-")
	id, err := strconv.ParseInt(frag, 10, 64)
	if !ok || err != nil {
		t.Fatalf("redirect to %q names no comment", location)
	}
	c, err := f.store.CommentByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fields returns a valid comment's fields.
func fields(content, author, email string) map[string]string {
	return map[string]string{"content": content, "author": author, "email": email}
}

// count is how many comments the store holds, in any status.
func (f *fixture) count(t *testing.T) int {
	t.Helper()
	_, n, err := f.store.Comments(context.Background(), warta.CommentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) setting(t *testing.T, key, value string) {
	t.Helper()
	if err := f.store.SetSetting(context.Background(), key, value); err != nil {
		t.Fatal(err)
	}
}

// approve approves comment id as staff would.
func (f *fixture) approve(t *testing.T, id int64) {
	t.Helper()
	ctx := context.Background()
	c, err := f.store.CommentByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c.Status, c.Reason = warta.CommentApproved, "staff:test"
	if err := f.store.UpdateComment(ctx, c); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) comment(t *testing.T, id int64) *warta.Comment {
	t.Helper()
	c, err := f.store.CommentByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// article creates a published article with open comments and returns it
// with its path.
func (f *fixture) article(t *testing.T, slug string) (*warta.Article, string) {
	t.Helper()
	a := f.MustCreateArticle(t, slug, warta.StatusPublished, "Isi "+slug+".")
	return a, a.Permalink(f.loc)
}

// --- HTML ---

func parse(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// find returns every element under n (n included) that match accepts.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	if n.Type == html.ElementNode && match(n) {
		out = append([]*html.Node{n}, out...)
	}
	return out
}

func byID(n *html.Node, id string) *html.Node {
	found := find(n, func(d *html.Node) bool { v, ok := attr(d, "id"); return ok && v == id })
	if len(found) == 0 {
		return nil
	}
	return found[0]
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// replyForm returns the reply form of a page, or nil.
func replyForm(doc *html.Node) *html.Node {
	forms := find(doc, func(n *html.Node) bool { return n.Data == "form" && hasClass(n, "comment-form") })
	if len(forms) == 0 {
		return nil
	}
	return forms[0]
}

// formValues returns what the page's reply form would send, or nil when
// the page has none.
func formValues(t *testing.T, body string) url.Values {
	t.Helper()
	form := replyForm(parse(t, body))
	if form == nil {
		return nil
	}
	v := url.Values{}
	for _, n := range find(form, func(n *html.Node) bool { return n.Data == "input" || n.Data == "textarea" }) {
		name, _ := attr(n, "name")
		if name == "" {
			continue
		}
		if n.Data == "textarea" {
			v.Set(name, text(n))
			continue
		}
		typ, _ := attr(n, "type")
		val, _ := attr(n, "value")
		if typ == "checkbox" {
			if _, checked := attr(n, "checked"); checked {
				v.Set(name, val)
			}
			continue
		}
		v.Set(name, val)
	}
	return v
}

// summaryOf returns the error summary and the error page's heading of a
// page, to explain a failure.
func summaryOf(body string) string {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return body
	}
	var parts []string
	for _, n := range find(doc, func(n *html.Node) bool {
		return hasClass(n, "form-errors") || n.Data == "h1" || hasClass(n, "field-error")
	}) {
		parts = append(parts, strings.Join(strings.Fields(text(n)), " "))
	}
	return strings.Join(parts, " | ")
}

// commentIDs returns the IDs of the comments a page shows, in order.
func commentIDs(doc *html.Node) []string {
	var ids []string
	for _, n := range find(doc, func(n *html.Node) bool { return n.Data == "li" && hasClass(n, "comment") }) {
		id, _ := attr(n, "id")
		ids = append(ids, id)
	}
	return ids
}

func cid(c *warta.Comment) string { return "comment-" + strconv.FormatInt(c.ID, 10) }
