package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"warta/comments"
)

// observedSite serves the demo site with a staff account whose password
// the test knows.
func observedSite(t *testing.T, password string, args ...string) (*testServer, string) {
	t.Helper()
	dir := t.TempDir()
	const email = "redaktur@warta.example"
	var out, errOut syncBuffer
	code := run(context.Background(), []string{"warta", "user", "--data", dir, "add", "--email", email, "--name", "Redaktur Uji",
		"--role", "administrator", "--password-stdin"}, noEnv, strings.NewReader(password+"\n"), &out, &errOut)
	if code != 0 {
		t.Fatalf("user add: exit %d: %s", code, errOut.String())
	}
	return MustServe(t, append([]string{"--data", dir, "--demo"}, args...)...), email
}

var articleLink = regexp.MustCompile(`href="(/\d{4}/\d{2}/\d{2}/[^/"]+/)"`)

// commentForm fetches an article page and returns its path and the
// hidden fields of its comment form.
func commentForm(t *testing.T, base string) (string, url.Values) {
	t.Helper()
	_, home := get(t, base+"/")
	m := articleLink.FindStringSubmatch(home)
	if m == nil {
		t.Fatal("the home page links to no article")
	}
	_, page := get(t, base+m[1])
	form := url.Values{}
	for _, in := range find(parseHTML(t, page), byTag("input")) {
		if name := attr(in, "name"); name == "article_id" || name == "token" || name == "parent_id" || name == "cpage" {
			form.Set(name, attr(in, "value"))
		}
	}
	if form.Get("token") == "" || form.Get("article_id") == "" {
		t.Fatalf("%s has no comment form", m[1])
	}
	return m[1], form
}

// postComment posts a comment form and wants the 303 of a stored comment.
func postComment(t *testing.T, base string, form url.Values) {
	t.Helper()
	// The server refuses a form sent sooner than a person could type.
	time.Sleep(comments.MinFormAge + 100*time.Millisecond)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.PostForm(base+"/comments", form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /comments: %d, want 303\n%s", res.StatusCode, b)
	}
}

// scrape reads /metrics from base as a client on this machine.
func scrape(t *testing.T, base string) string {
	t.Helper()
	res, body := get(t, base+"/metrics")
	if res.StatusCode != 200 {
		t.Fatalf("GET /metrics: %d", res.StatusCode)
	}
	return body
}

func TestMetricsAfterTraffic(t *testing.T) {
	t.Parallel()
	s, _ := observedSite(t, "kata-sandi-metrik-77")
	path, form := commentForm(t, s.URL)
	get(t, s.URL+path) // the second view of the article is a cache hit
	get(t, s.URL+"/tidak-ada/halaman/ini/")
	get(t, s.URL+"/api/v1/articles")
	form.Set("author", "Pembaca Metrik")
	form.Set("email", "pembaca.metrik@pembaca.example")
	form.Set("content", "Terima kasih atas liputannya, sangat membantu warga.")
	postComment(t, s.URL, form)

	body := scrape(t, s.URL)
	for _, want := range []string{
		`warta_http_requests_total{code="200",method="GET",route="GET /{yyyy}/{mm}/{dd}/{slug}/{$}"}`,
		`warta_http_requests_total{code="200",method="GET",route="GET /{$}"}`,
		`warta_http_requests_total{code="303",method="POST",route="POST /comments"}`,
		`warta_http_requests_total{code="404",method="GET",route="/"}`,
		`warta_http_requests_total{code="200",method="GET",route="GET /api/v1/articles"}`,
		`warta_http_request_duration_seconds_bucket{route="GET /{yyyy}/{mm}/{dd}/{slug}/{$}",status="2xx",le="0.1"}`,
		`warta_pagecache_requests_total{result="hit"}`,
		`warta_pagecache_requests_total{result="miss"}`,
		`warta_pagecache_requests_total{result="bypass"}`,
		`warta_pagecache_evictions_total`,
		`warta_pagecache_bytes`,
		`go_sql_in_use_connections{db_name="write"}`,
		`go_sql_open_connections{db_name="read"}`,
		`go_sql_wait_count_total{db_name="write"}`,
		`warta_db_query_duration_seconds_count{handle="read"}`,
		`warta_db_query_duration_seconds_count{handle="write"}`,
		`warta_comments_total{decision="spam"} 0`,
		`warta_job_runs_total{job="publish_scheduled"}`,
		`go_goroutines`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// The comment's decision was counted: one comment, approved or held.
	if !regexp.MustCompile(`warta_comments_total\{decision="(approved|pending)"\} 1\n`).MatchString(body) {
		t.Errorf("/metrics did not count the comment:\n%s", grepLines(body, "warta_comments_total"))
	}
	// Raw paths never become labels: the 404's address is not there.
	if strings.Contains(body, "tidak-ada") {
		t.Error("a raw path became a label value")
	}
	// pprof is never on the site's address.
	if res, _ := get(t, s.URL+"/debug/pprof/"); res.StatusCode != 404 {
		t.Errorf("GET /debug/pprof/ on --addr: %d, want 404", res.StatusCode)
	}
	// Through a proxy on this machine the request comes from loopback but
	// carries X-Forwarded-For: it is someone else's, and refused.
	if res, _ := get(t, s.URL+"/metrics", "X-Forwarded-For", "127.0.0.1"); res.StatusCode != 404 {
		t.Errorf("GET /metrics through a proxy: %d, want 404", res.StatusCode)
	}
}

func TestAdminAddrServesMetricsAndPprof(t *testing.T) {
	t.Parallel()
	s := MustServe(t, "--data", t.TempDir(), "--admin-addr", "127.0.0.1:0")
	m := regexp.MustCompile(`Metrics and profiles at (http://\S+)/metrics`).FindStringSubmatch(s.Stdout.String())
	if m == nil {
		t.Fatalf("serve did not print the admin address:\n%s", s.Stdout)
	}
	admin := m[1]
	get(t, s.URL+"/")
	for _, path := range []string{"/metrics", "/debug/pprof/", "/debug/pprof/symbol"} {
		if res, _ := get(t, admin+path); res.StatusCode != 200 {
			t.Errorf("GET %s on --admin-addr: %d, want 200", path, res.StatusCode)
		}
	}
	if res, _ := get(t, admin+"/debug/pprof/cmdline"); res.StatusCode != 404 {
		t.Errorf("GET /debug/pprof/cmdline: %d, want 404 (the command line may hold a password)", res.StatusCode)
	}
	if _, body := get(t, admin+"/metrics"); !strings.Contains(body, `route="GET /{$}"`) {
		t.Error("the admin address's metrics do not count the site's requests")
	}
	// With an admin address, the site's address serves neither.
	for _, path := range []string{"/metrics", "/debug/pprof/"} {
		if res, _ := get(t, s.URL+path); res.StatusCode != 404 {
			t.Errorf("GET %s on --addr with --admin-addr set: %d, want 404", path, res.StatusCode)
		}
	}
}

func TestLogsKeepSecrets(t *testing.T) {
	t.Parallel()
	const oldPassword, newPassword = "rahasia-lama-5093", "rahasia-baru-7731"
	s, email := observedSite(t, oldPassword)

	jar, _ := cookiejar.New(nil)
	staff := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) int {
		t.Helper()
		res, err := staff.PostForm(s.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	if code := post("/admin/login", url.Values{"email": {email}, "password": {"salah-" + oldPassword}}); code == http.StatusSeeOther {
		t.Fatal("a wrong password logged in")
	}
	if code := post("/admin/login", url.Values{"email": {email}, "password": {oldPassword}}); code != http.StatusSeeOther {
		t.Fatalf("login: %d, want 303", code)
	}
	u, _ := url.Parse(s.URL + "/admin/")
	var session string
	for _, c := range jar.Cookies(u) {
		if c.Name == "warta_session" {
			session = c.Value
		}
	}
	if session == "" {
		t.Fatal("login set no session cookie")
	}
	// An API token, shown once on the profile page, then used.
	res, err := staff.PostForm(s.URL+"/admin/profile/tokens", url.Values{"token_name": {"uji log"}})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	apiToken := apiTokenText.FindString(string(page))
	if res.StatusCode != 200 || apiToken == "" {
		t.Fatalf("new API token: %d, token shown: %q", res.StatusCode, apiToken)
	}
	req, _ := http.NewRequest("GET", s.URL+"/api/v1/articles?status=draft", nil)
	req.Header.Set("Authorization", "Bearer "+apiToken)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("API call with the token: %d, want 200", res.StatusCode)
	}
	if code := post("/admin/profile", url.Values{"form": {"password"}, "current": {oldPassword}, "new": {newPassword}, "new2": {newPassword}}); code != http.StatusSeeOther {
		t.Fatalf("password change: %d, want 303", code)
	}

	const commenter = "penulis.rahasia@pembaca.example"
	_, form := commentForm(t, s.URL)
	form.Set("author", "Penulis Komentar")
	form.Set("email", commenter)
	form.Set("content", "Komentar ini diuji agar surelnya tidak tercatat di log.")
	postComment(t, s.URL, form)

	log := s.Stderr.String()
	if !strings.Contains(log, `"msg":"comment"`) || !strings.Contains(log, `"route":"POST /admin/login"`) {
		t.Fatalf("the log did not record the requests (is it JSON?):\n%s", log)
	}
	for name, secret := range map[string]string{
		"the old password": oldPassword, "the new password": newPassword, "the session token": session,
		"the commenter's email": commenter, "the comment form token": form.Get("token"), "the API token": apiToken,
	} {
		if strings.Contains(log, secret) || strings.Contains(log, url.QueryEscape(secret)) {
			t.Errorf("the log holds %s", name)
		}
	}
}

// apiTokenText finds an API token on a page (see auth.NewAPIToken).
var apiTokenText = regexp.MustCompile(`wrt_[A-Za-z0-9_-]{43}`)

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestBadAdminAddrAndDrainDelay(t *testing.T) {
	for _, tt := range []struct{ flag, value string }{
		{"--admin-addr", "9090"},
		{"--drain-delay", "sebentar"},
		{"--drain-delay", "-1s"},
	} {
		var stderr syncBuffer
		code := run(context.Background(), []string{"warta", "serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(), tt.flag, tt.value},
			noEnv, nil, io.Discard, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), tt.flag) {
			t.Errorf("%s %s: exit %d, stderr %q; want 1 and a message naming the flag", tt.flag, tt.value, code, stderr.String())
		}
	}
}
