package fault

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// binary is the warta binary TestMain built.
var binary string

func TestMain(m *testing.M) {
	if os.Getenv("WARTA_FAULTS") != "1" {
		fmt.Println("fault suite skipped: set WARTA_FAULTS=1 to run it (it takes minutes)")
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "warta-fault-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "warta")
	build := exec.Command("go", "build", "-o", binary, "warta/cmd/warta")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building warta:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// proc is a running "warta serve", a child process of the test.
type proc struct {
	cmd   *exec.Cmd
	URL   string
	Admin string // the --admin-addr URL, when one was asked for
	log   string // stderr goes here
	done  chan struct{}
	state *os.ProcessState
}

var (
	siteLine  = regexp.MustCompile(`running at (http://\S+?)/ `)
	adminLine = regexp.MustCompile(`Metrics and profiles at (http://\S+)/metrics`)
)

// start runs "warta serve --addr 127.0.0.1:0 ARGS…" on dataDir and waits
// until /readyz answers 200. The process dies with the test binary
// (Pdeathsig), and is killed when the test ends if still running.
func start(t *testing.T, dataDir string, args ...string) *proc {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), "warta.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	argv := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", dataDir}, args...)
	cmd := exec.Command(binary, argv...)
	cmd.Env = append(os.Environ(), "WARTA_LANG=id")
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, log: logPath, done: make(chan struct{})}
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default: // nobody reads after start-up; drop
			}
		}
		io.Copy(io.Discard, stdout)
		p.state, _ = cmd.Process.Wait()
		logFile.Close()
		close(p.done)
	}()
	t.Cleanup(func() { p.kill() })
	deadline := time.After(2 * time.Minute)
	for p.URL == "" {
		select {
		case l := <-lines:
			if m := adminLine.FindStringSubmatch(l); m != nil {
				p.Admin = m[1]
			}
			if m := siteLine.FindStringSubmatch(l); m != nil {
				p.URL = m[1]
			}
		case <-p.done:
			t.Fatalf("warta exited before it was ready: %v\n%s", p.state, p.logTail())
		case <-deadline:
			t.Fatalf("warta printed no address within 2 minutes\n%s", p.logTail())
		}
	}
	for {
		if res, err := http.Get(p.URL + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return p
			}
		}
		select {
		case <-deadline:
			t.Fatalf("/readyz never answered 200\n%s", p.logTail())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// signal sends sig to the process.
func (p *proc) signal(sig syscall.Signal) { p.cmd.Process.Signal(sig) }

// wait waits up to limit for the process to exit and returns its state.
func (p *proc) wait(t *testing.T, limit time.Duration) *os.ProcessState {
	t.Helper()
	select {
	case <-p.done:
		return p.state
	case <-time.After(limit):
		p.kill()
		t.Fatalf("warta did not exit within %s\n%s", limit, p.logTail())
		return nil
	}
}

// kill ends the process at once, if it still runs.
func (p *proc) kill() {
	select {
	case <-p.done:
	default:
		syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
	}
}

// logTail returns the end of the process's log, for failure messages.
func (p *proc) logTail() string {
	b, _ := os.ReadFile(p.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// client is an HTTP client that does not follow redirects: a 303 is what
// a stored comment answers.
func client() *http.Client {
	return &http.Client{
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{MaxIdleConnsPerHost: 64},
	}
}

// fetch GETs url and returns the status and body.
func fetch(c *http.Client, url string) (int, string, error) {
	res, err := c.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

var (
	reLink      = regexp.MustCompile(`href="(/(?:\d{4}/\d{2}/\d{2}|section|tag|author)/[^"#?]+/)"`)
	reToken     = regexp.MustCompile(`name="token" value="([^"]+)"`)
	reArticleID = regexp.MustCompile(`name="article_id" value="(\d+)"`)
)

// site is what the load needs to know of a running demo site: its
// addresses, and a comment form (article and token) per article.
type site struct {
	pages []string
	forms []form
}

type form struct{ articleID, token string }

// explore reads the home page and the pages it links to.
func explore(t *testing.T, base string) site {
	t.Helper()
	c := client()
	_, home, err := fetch(c, base+"/")
	if err != nil {
		t.Fatal(err)
	}
	s := site{pages: []string{"/", "/feed/", "/sitemap.xml", "/search?q=banjir", "/tidak-ada/"}}
	seen := map[string]bool{}
	for _, m := range reLink.FindAllStringSubmatch(home, -1) {
		if seen[m[1]] {
			continue
		}
		seen[m[1]] = true
		s.pages = append(s.pages, m[1])
		if !strings.HasPrefix(m[1], "/2") {
			continue
		}
		_, page, err := fetch(c, base+m[1])
		if err != nil {
			t.Fatal(err)
		}
		tok, id := reToken.FindStringSubmatch(page), reArticleID.FindStringSubmatch(page)
		if tok != nil && id != nil {
			s.forms = append(s.forms, form{articleID: id[1], token: tok[1]})
		}
	}
	if len(s.forms) == 0 {
		t.Fatal("the demo site shows no comment form")
	}
	return s
}

// comment is the k-th comment of a run: its own IP (through the trusted
// proxy), email and text, so that neither flood limit nor the duplicate
// check refuses it.
func (s site) comment(run string, k int) url.Values {
	f := s.forms[k%len(s.forms)]
	return url.Values{
		"article_id": {f.articleID},
		"parent_id":  {"0"},
		"cpage":      {"1"},
		"author":     {"Pembaca " + strconv.Itoa(k)},
		"email":      {fmt.Sprintf("uji%d.%s@pembaca.example", k, run)},
		"hp_website": {""},
		"token":      {f.token},
		"content":    {fmt.Sprintf("Komentar uji %s nomor %d: pemerintah daerah perlu segera menanggapi laporan ini.", run, k)},
	}
}

// postComment posts a comment as the reader at ip.
func postComment(c *http.Client, base, ip string, form url.Values) (int, error) {
	req, err := http.NewRequest("POST", base+"/comments", strings.NewReader(form.Encode()))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", ip)
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

// ipFor is the k-th reader's address, in 10.0.0.0/8.
func ipFor(k int) string { return fmt.Sprintf("10.%d.%d.%d", k>>16&255, k>>8&255, k&255) }

// openDB opens the SQLite database in dataDir directly, beside or after
// the server (WAL lets it read while warta writes).
func openDB(t *testing.T, dataDir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dataDir, "warta.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// counter is a set of named counts, safe for concurrent use.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) add(key string) {
	c.mu.Lock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[key]++
	c.mu.Unlock()
}

func (c *counter) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprint(c.n)
}

// errKind is the last part of an error's text ("connection refused"),
// without the address that makes each one different, for counting.
func errKind(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}
