package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"warta"
	"warta/api"
	"warta/auth"
	"warta/internal/teststore"
	"warta/markdown"
	"warta/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

const baseURL = "http://warta.test"

var secret = []byte("an API test secret of 32 bytes..")

// site is the API over a real SQLite store, with a movable clock, a
// section, and one member of staff with an API token per role.
type site struct {
	t       *testing.T
	store   warta.Store
	handler http.Handler
	mu      sync.Mutex
	now     time.Time
	section *warta.Section
	users   map[warta.Role]*warta.User
	tokens  map[warta.Role]string
}

func (s *site) clock() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

func (s *site) advance(d time.Duration) {
	s.mu.Lock()
	s.now = s.now.Add(d)
	s.mu.Unlock()
}

func newSite(t *testing.T, origins ...string) *site {
	return newSiteOn(t, "sqlite", origins...)
}

// newSiteOn is newSite on the database db ("sqlite" or "postgres").
func newSiteOn(t *testing.T, db string, origins ...string) *site {
	t.Helper()
	s := &site{t: t, now: time.Date(2024, 6, 19, 7, 0, 0, 0, time.UTC), users: map[warta.Role]*warta.User{}, tokens: map[warta.Role]string{}}
	st := teststore.Open(t, db, s.clock)
	s.store = st
	loc, _ := time.LoadLocation("Asia/Jakarta")
	s.handler = api.New(api.Config{Store: st, BaseURL: baseURL, Location: loc, Lang: "id", Now: s.clock,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Secret: secret, Render: markdown.Render, CORSOrigins: origins})
	s.section = storetest.MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional"})
	for _, role := range warta.Roles {
		u := storetest.MustCreateUser(t, st, &warta.User{Email: string(role) + "@warta.test", Name: "Staf " + string(role), Role: role})
		s.users[role], s.tokens[role] = u, s.newToken(u)
	}
	return s
}

// newToken makes an API token for u, as the profile page does.
func (s *site) newToken(u *warta.User) string {
	token, prefix, hash := auth.NewAPIToken()
	if err := s.store.CreateAPIToken(context.Background(), &warta.APIToken{UserID: u.ID, Name: "uji", Prefix: prefix, Hash: hash}); err != nil {
		s.t.Fatal(err)
	}
	return token
}

// article stores an article by role's user in status; published ones are
// an hour old.
func (s *site) article(role warta.Role, status warta.ArticleStatus, slug string, tags ...warta.Tag) *warta.Article {
	s.t.Helper()
	u := s.users[role]
	a := &warta.Article{Slug: slug, Headline: "Judul " + slug, Dek: "Dek " + slug, BodyMarkdown: "Isi " + slug,
		BodyHTML: "<p>Isi " + slug + "</p>", Status: status, Section: *s.section, Tags: tags,
		Authors: []warta.Author{{ID: u.AuthorID}}, CommentsOpen: true, OwnerID: u.ID, EditedBy: u.ID}
	if status == warta.StatusPublished || status == warta.StatusUnpublished {
		a.PublishedAt = s.clock().Add(-time.Hour)
	}
	if status == warta.StatusScheduled {
		a.PublishedAt = s.clock().Add(time.Hour)
	}
	return storetest.MustCreateArticle(s.t, s.store, a)
}

// answer is a response, checked against the OpenAPI document.
type answer struct {
	*httptest.ResponseRecorder
	json map[string]any
}

// errorCode returns error.code of an error answer.
func (a answer) errorCode() string {
	e, _ := a.json["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

func (a answer) field(name string) any { return a.json[name] }

// do sends a request with token (none when ""), body (marshalled to JSON
// unless a string or []byte) and headers given as "Name: value", and
// checks the answer against the OpenAPI document.
func (s *site) do(method, path, token string, body any, headers ...string) answer {
	s.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, baseURL+path, r)
	req.RemoteAddr = "192.0.2.7:40000"
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	a := answer{ResponseRecorder: rec}
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &a.json); err != nil {
			s.t.Fatalf("%s %s: answer is not a JSON object: %v\n%s", method, path, err, rec.Body)
		}
	}
	checkSpec(s.t, method, req.URL.Path, rec)
	return a
}

// want fails unless the answer has status (and error code, for errors).
func (a answer) want(t *testing.T, status int, code string) answer {
	t.Helper()
	if a.Code != status || a.errorCode() != code {
		t.Fatalf("answer %d %q, want %d %q\n%s", a.Code, a.errorCode(), status, code, a.Body)
	}
	return a
}

// The OpenAPI document, parsed once, and a compiler for its schemas.
var spec struct {
	once     sync.Once
	doc      map[string]any
	compiler *jsonschema.Compiler
	err      error
}

const specURL = "https://warta.test/openapi.json"

func loadSpec(t *testing.T) {
	spec.once.Do(func() {
		if spec.err = json.Unmarshal(api.OpenAPI(), &spec.doc); spec.err != nil {
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(api.OpenAPI()))
		if err != nil {
			spec.err = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		if spec.err = c.AddResource(specURL, doc); spec.err != nil {
			return
		}
		spec.compiler = c
	})
	if spec.err != nil {
		t.Fatalf("openapi.json: %v", spec.err)
	}
}

// operation finds the document's path template for an API path.
func operationPath(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/api/v1")
	if !ok {
		return "", false
	}
	best, bestLiteral := "", -1
	for tmpl := range spec.doc["paths"].(map[string]any) {
		ts, ps := strings.Split(tmpl, "/"), strings.Split(rest, "/")
		if len(ts) != len(ps) {
			continue
		}
		literal, match := 0, true
		for i := range ts {
			switch {
			case strings.HasPrefix(ts[i], "{"):
			case ts[i] == ps[i]:
				literal++
			default:
				match = false
			}
		}
		if match && literal > bestLiteral {
			best, bestLiteral = tmpl, literal
		}
	}
	return best, best != ""
}

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// checkSpec fails t unless the document declares this status for this
// operation and the body fits its schema. Addresses the document does not
// describe must answer the 404 error shape.
func checkSpec(t *testing.T, method, path string, rec *httptest.ResponseRecorder) {
	t.Helper()
	loadSpec(t)
	if method == http.MethodOptions {
		return // preflights are CORS, described in the document's text
	}
	tmpl, ok := operationPath(path)
	if !ok {
		validate(t, "#/components/schemas/Error", rec)
		return
	}
	op, ok := spec.doc["paths"].(map[string]any)[tmpl].(map[string]any)[strings.ToLower(method)].(map[string]any)
	if !ok {
		validate(t, "#/components/schemas/Error", rec)
		return
	}
	status := strconv.Itoa(rec.Code)
	resp, ok := op["responses"].(map[string]any)[status].(map[string]any)
	if !ok {
		t.Errorf("openapi.json: %s %s does not declare status %s (answer: %s)", method, tmpl, status, rec.Body)
		return
	}
	pointer := "#/paths/" + pointerEscape(tmpl) + "/" + strings.ToLower(method) + "/responses/" + status
	if ref, ok := resp["$ref"].(string); ok {
		pointer = ref
		name := strings.TrimPrefix(ref, "#/components/responses/")
		resp = spec.doc["components"].(map[string]any)["responses"].(map[string]any)[name].(map[string]any)
	}
	if _, ok := resp["content"]; !ok {
		if rec.Body.Len() != 0 {
			t.Errorf("%s %s %s: the document declares no body, the answer has one: %s", method, tmpl, status, rec.Body)
		}
		return
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s %s: Content-Type %q, want application/json", method, tmpl, status, ct)
	}
	validate(t, pointer+"/content/application~1json/schema", rec)
}

var compiled sync.Map

func validate(t *testing.T, pointer string, rec *httptest.ResponseRecorder) {
	t.Helper()
	var sch *jsonschema.Schema
	if v, ok := compiled.Load(pointer); ok {
		sch = v.(*jsonschema.Schema)
	} else {
		var err error
		if sch, err = spec.compiler.Compile(specURL + pointer); err != nil {
			t.Fatalf("compiling %s: %v", pointer, err)
		}
		compiled.Store(pointer, sch)
	}
	body, err := jsonschema.UnmarshalJSON(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, rec.Body)
	}
	if err := sch.Validate(body); err != nil {
		t.Errorf("answer does not fit %s: %v\n%s", pointer, err, rec.Body)
	}
}

// routesInCode lists the "METHOD /path" patterns routes.go registers.
func routesInCode(t *testing.T, src string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`HandleFunc\("(GET|POST|PATCH|PUT|DELETE) /api/v1([^"]*)"`).FindAllStringSubmatch(src, -1) {
		out = append(out, m[1]+" "+m[2])
	}
	slices.Sort(out)
	if len(out) == 0 {
		t.Fatal("found no routes in routes.go")
	}
	return out
}

func id(a *warta.Article) string { return strconv.FormatInt(a.ID, 10) }

func itemsOf(t *testing.T, a answer) []map[string]any {
	t.Helper()
	raw, ok := a.json["items"].([]any)
	if !ok {
		t.Fatalf("answer has no items: %s", a.Body)
	}
	var out []map[string]any
	for _, x := range raw {
		out = append(out, x.(map[string]any))
	}
	return out
}

func slugsOf(t *testing.T, a answer) string {
	var out []string
	for _, it := range itemsOf(t, a) {
		out = append(out, fmt.Sprint(it["slug"]))
	}
	return strings.Join(out, " ")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
