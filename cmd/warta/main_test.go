package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// syncBuffer is a bytes.Buffer that the server goroutine writes while the
// test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is a running "warta serve" started in-process by run().
type testServer struct {
	URL    string
	Stdout *syncBuffer
	Stderr *syncBuffer
	cancel context.CancelFunc
	done   chan int

	stopOnce sync.Once
	code     int
}

// Stop asks the server to shut down as SIGTERM would and returns its exit status.
// Calling it again returns the same status.
func (s *testServer) Stop(t testing.TB) int {
	t.Helper()
	s.stopOnce.Do(func() {
		s.cancel()
		select {
		case s.code = <-s.done:
		case <-time.After(20 * time.Second):
			t.Fatal("server did not stop within 20s of being told to")
		}
	})
	return s.code
}

var urlLine = regexp.MustCompile(`running at (http://\S+?)/ `)

// MustServe runs "warta serve ARGS… --addr 127.0.0.1:0" and waits until
// /readyz answers 200. The server stops when the test ends.
func MustServe(t testing.TB, args ...string) *testServer {
	t.Helper()
	return MustServeEnv(t, noEnv, args...)
}

// MustServeEnv is MustServe with the environment getenv.
func MustServeEnv(t testing.TB, getenv func(string) string, args ...string) *testServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &testServer{Stdout: &syncBuffer{}, Stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	argv := append([]string{"warta", "serve", "--addr", "127.0.0.1:0", "--drain-delay", "0"}, args...)
	go func() { s.done <- run(ctx, argv, getenv, strings.NewReader(""), s.Stdout, s.Stderr) }()
	deadline := time.Now().Add(60 * time.Second)
	for s.URL == "" {
		select {
		case code := <-s.done:
			t.Fatalf("warta serve exited with %d before it was ready\nstdout: %s\nstderr: %s", code, s.Stdout, s.Stderr)
		default:
		}
		if m := urlLine.FindStringSubmatch(s.Stdout.String()); m != nil {
			s.URL = m[1]
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("warta serve printed no address within 60s\nstderr: %s", s.Stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Cleanup(func() { s.Stop(t) })
	for {
		res, err := http.Get(s.URL + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz never answered 200: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func noEnv(string) string { return "" }

// get fetches url and returns the response with its body read.
func get(t testing.TB, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// Redirects are part of what we test, so never follow them.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	var r io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatalf("GET %s: bad gzip: %v", url, err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return res, string(b)
}

// parseHTML parses a page, failing the test on malformed input.
func parseHTML(t testing.TB, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// find returns every element below n for which match is true, in document order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
	}
	return out
}

func byTag(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}

func byClass(tag, class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		return n.Data == tag && strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if code := run(context.Background(), []string{"warta", "version"}, noEnv, nil, &out, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.HasPrefix(out.String(), "warta ") {
		t.Errorf("version printed %q", out.String())
	}
}

func TestServeHelpDocumentsEveryFlag(t *testing.T) {
	var out bytes.Buffer
	if code := run(context.Background(), []string{"warta", "serve", "--help"}, noEnv, nil, &out, io.Discard); code != 0 {
		t.Fatalf("--help exited %d", code)
	}
	for _, want := range []string{"--addr", "WARTA_ADDR", "--data", "WARTA_DATA", "--database", "WARTA_DATABASE_URL",
		"--base-url", "WARTA_BASE_URL", "--lang", "--timezone", "Asia/Jakarta", "--demo"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("serve --help does not mention %s", want)
		}
	}
}

func TestBadFlagsAndValues(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown command", []string{"warta", "frobnicate"}, 2, "unknown command"},
		{"unknown flag", []string{"warta", "serve", "--nope"}, 2, "--help"},
		{"bad language", []string{"warta", "serve", "--data", dir, "--lang", "fr"}, 1, "--lang"},
		{"bad time zone", []string{"warta", "serve", "--data", dir, "--timezone", "Mars/Olympus"}, 1, "--timezone"},
		{"bad database scheme", []string{"warta", "serve", "--data", dir, "--database", "mysql://x"}, 1, "--database"},
		{"bad base url", []string{"warta", "serve", "--data", dir, "--base-url", "warta.example"}, 1, "--base-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			code := run(context.Background(), tt.args, noEnv, nil, io.Discard, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q does not mention %q", stderr.String(), tt.want)
			}
		})
	}
}

func TestUnreachablePostgresIsOneClearLine(t *testing.T) {
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"warta", "serve", "--data", t.TempDir(),
		"--database", "postgres://warta:s3cret-pw@127.0.0.1:1/warta"}, noEnv, nil, io.Discard, &stderr)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	msg := stderr.String()
	if lines := strings.Count(strings.TrimSpace(msg), "\n") + 1; lines != 1 {
		t.Errorf("got %d lines, want one:\n%s", lines, msg)
	}
	if !strings.Contains(msg, "PostgreSQL") || !strings.Contains(msg, "--database") {
		t.Errorf("message does not say what failed and what to check: %q", msg)
	}
	if strings.Contains(msg, "s3cret-pw") {
		t.Errorf("message leaks the password: %q", msg)
	}
	if strings.Contains(msg, "goroutine") {
		t.Errorf("message is a stack trace: %q", msg)
	}
}

func TestEnvironmentTwins(t *testing.T) {
	env := map[string]string{"WARTA_LANG": "en", "WARTA_TIMEZONE": "Asia/Makassar", "WARTA_ADDR": "127.0.0.1:9"}
	c, err := parseServe([]string{"--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Lang != "en" || c.Timezone != "Asia/Makassar" {
		t.Errorf("environment ignored: lang %q, timezone %q", c.Lang, c.Timezone)
	}
	if c.Addr != "127.0.0.1:0" {
		t.Errorf("the flag did not win over the environment: addr %q", c.Addr)
	}
}

func TestSecondServeOnSameDataFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	MustServe(t, "--data", dir)
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"warta", "serve", "--addr", "127.0.0.1:0", "--data", dir}, noEnv, nil, io.Discard, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "already running") {
		t.Errorf("second serve: exit %d, stderr %q; want 1 and a clear refusal", code, stderr.String())
	}
	// The CLI still works on the folder while serve runs.
	var out bytes.Buffer
	if code := run(context.Background(), []string{"warta", "migrate", "--data", dir}, noEnv, nil, &out, os.Stderr); code != 0 {
		t.Errorf("warta migrate beside a running serve exited %d", code)
	}
	if !strings.Contains(out.String(), "up to date") {
		t.Errorf("migrate after serve printed %q, want up to date", out.String())
	}
}

func TestGracefulShutdownExitsZero(t *testing.T) {
	s := MustServe(t, "--data", t.TempDir())
	if code := s.Stop(t); code != 0 {
		t.Errorf("exit %d after shutdown, want 0; stderr: %s", code, s.Stderr)
	}
	if _, err := http.Get(s.URL + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }
