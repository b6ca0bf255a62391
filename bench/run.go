// Command bench measures a whole Warta site on one machine, over
// loopback only, in bounded time: it generates a realistic site (50,000
// Indonesian-like articles, 500,000 comments in threads, 2,000 tags, 20
// sections; -scale shrinks it), starts `warta serve` on it, serves one
// article page's exact bytes with nginx for comparison, drives load with
// wrk, and reports requests/s, latency, errors, peak RSS, start-up and
// generation time against the project's targets, as a table and as JSON.
//
//	go run ./bench [-scale 0.02] [-duration 10s] [-warmup 5s] [-json bench-result.json]
//
// It needs wrk and nginx (apt-get install -y nginx wrk) and says so when
// they are missing. See bench/README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"warta"
)

// config is what the flags say.
type config struct {
	Scale       float64       `json:"scale"`
	Duration    time.Duration `json:"-"`
	Warmup      time.Duration `json:"-"`
	Threads     int           `json:"threads"`
	Connections int           `json:"connections"`
	Forms       int           `json:"forms"`
	Database    string        `json:"-"`
	JSON        string        `json:"-"`
	Keep        bool          `json:"-"`
	Timeout     time.Duration `json:"-"`
	Seed        uint64        `json:"seed"`
	Import      bool          `json:"import"`
	ImportOnly  bool          `json:"import_only"`
	DurationS   float64       `json:"duration_seconds"`
	WarmupS     float64       `json:"warmup_seconds"`
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// parseFlags reads the command line.
func parseFlags(args []string) (config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var c config
	fs.Float64Var(&c.Scale, "scale", 1, "size of the generated site relative to 50,000 articles and 500,000 comments (0.02 for a quick run)")
	fs.DurationVar(&c.Duration, "duration", 10*time.Second, "measured load per scenario")
	fs.DurationVar(&c.Warmup, "warmup", 5*time.Second, "unmeasured load before each scenario (not for comments: each form posts once)")
	fs.IntVar(&c.Threads, "threads", 2, "wrk threads (-t)")
	fs.IntVar(&c.Connections, "connections", 64, "wrk connections (-c)")
	fs.IntVar(&c.Forms, "forms", 0, "comment forms fetched before the comment run (default 2,000 per second of -duration)")
	fs.StringVar(&c.Database, "database", "", "a postgres:// URL of an EMPTY database to use instead of SQLite (passed to warta serve --database)")
	fs.StringVar(&c.JSON, "json", "bench-result.json", "where to write the results as JSON (empty: nowhere)")
	fs.BoolVar(&c.Keep, "keep", false, "keep the temporary folder (site, logs, nginx.conf, Lua scripts) and print its path")
	fs.DurationVar(&c.Timeout, "timeout", 45*time.Minute, "stop everything after this long")
	fs.Uint64Var(&c.Seed, "seed", 1, "seed of the generated content")
	fs.BoolVar(&c.Import, "import", true, "also time `warta import wxr` of a generated WordPress export (10,000 posts and 100,000 comments at -scale 1)")
	fs.BoolVar(&c.ImportOnly, "import-only", false, "time only the WordPress import (needs neither nginx nor wrk)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if c.Scale <= 0 || c.Scale > 10 {
		return c, fmt.Errorf("-scale %v: give a number above 0, at most 10", c.Scale)
	}
	if c.Duration < time.Second || c.Warmup < 0 {
		return c, errors.New("-duration must be at least 1s and -warmup not negative")
	}
	if c.Database != "" && !strings.HasPrefix(c.Database, "postgres://") && !strings.HasPrefix(c.Database, "postgresql://") {
		return c, errors.New("-database must be a postgres:// URL (empty means SQLite)")
	}
	if c.Forms <= 0 {
		c.Forms = max(2000, int(2000*c.Duration.Seconds()))
	}
	c.DurationS, c.WarmupS = c.Duration.Seconds(), c.Warmup.Seconds()
	return c, nil
}

// checkTools makes sure wrk and nginx are installed, and says how to
// install them when they are not; it installs nothing itself.
func checkTools(stdout io.Writer) error {
	var missing []string
	for _, t := range []string{"wrk", "nginx"} {
		if _, err := exec.LookPath(t); err != nil {
			missing = append(missing, t)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	fmt.Fprintf(stdout, "The benchmark needs %s. On Debian or Ubuntu install them with:\n\n    apt-get install -y nginx wrk\n\n", strings.Join(missing, " and "))
	return fmt.Errorf("%w: %s", errNoTools, strings.Join(missing, ", "))
}

// run is the whole benchmark.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	c, err := parseFlags(args)
	if err != nil {
		return err
	}
	if !c.ImportOnly {
		if err := checkTools(stdout); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()

	rep := newReport(c)
	rep.printHeader(stdout)

	tmp, err := os.MkdirTemp("", "warta-bench-")
	if err != nil {
		return err
	}
	// nginx's workers may run as another user (nobody) when the
	// benchmark runs as root: they must be able to read the page.
	os.Chmod(tmp, 0o755)
	if c.Keep {
		fmt.Fprintf(stdout, "temporary folder: %s (kept)\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	dataDir := filepath.Join(tmp, "data")
	loc, err := time.LoadLocation("Asia/Jakarta") // warta serve's default --timezone
	if err != nil {
		return err
	}

	// Build the server first: on a small machine a build beside the
	// generator would slow it and blur its time.
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	bin := filepath.Join(tmp, "warta")
	fmt.Fprintln(stdout, "building ./cmd/warta…")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/warta")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/warta: %v\n%s", err, out)
	}

	// 0. The WordPress import, first, on a machine nothing else of the
	// benchmark loads yet.
	if c.Import || c.ImportOnly {
		posts, comments := importSize(c.Scale)
		st, err := measureImport(ctx, stdout, root, tmp, bin, posts, comments, c.Seed)
		if err != nil {
			return err
		}
		rep.Import = &st
	}
	if c.ImportOnly {
		return rep.finish(stdout, c.JSON)
	}

	// 1. Generate.
	size := sizeFor(c.Scale)
	fmt.Fprintf(stdout, "generating %d articles, %d comments, %d tags, %d sections…\n", size.Articles, size.Comments, size.Tags, size.Sections)
	st, err := openStore(ctx, dataDir, c.Database)
	if err != nil {
		return err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return err
	}
	g := &generator{st: st, postgres: c.Database != "", size: size, seed: c.Seed, now: time.Now().Add(-time.Minute), loc: loc, vocab: newVocabulary(3000, c.Seed)}
	site, gen, err := g.generate(ctx)
	st.Close()
	if err != nil {
		return err
	}
	rep.Generation = gen
	fmt.Fprintf(stdout, "generated in %s (rows %s, search index %s), %d body words\n",
		gen.Total.Round(time.Millisecond), gen.Load.Round(time.Millisecond), gen.Index.Round(time.Millisecond), gen.Words)

	// 2. Start warta and watch its memory for the whole run.
	port, err := freePort()
	if err != nil {
		return err
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	serveArgs := []string{"serve", "--data", dataDir, "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--trusted-proxies", "127.0.0.1/32"}
	if c.Database != "" {
		serveArgs = append(serveArgs, "--database", c.Database)
	}
	wartaLog := filepath.Join(tmp, "warta.log")
	start := time.Now()
	warta, err := startChild(bin, wartaLog, serveArgs...)
	if err != nil {
		return err
	}
	defer warta.stop(15 * time.Second)
	rss := sampleRSS(warta.pid())
	defer rss.Stop()
	startup, err := waitReady(ctx, warta, base+"/readyz", start, wartaLog)
	if err != nil {
		return err
	}
	rep.StartupMS = float64(startup.Microseconds()) / 1000
	fmt.Fprintf(stdout, "warta serve ready in %s on %s\n", startup.Round(time.Millisecond), base)

	// 3. nginx serves the hot article's exact bytes.
	page, header, err := fetch(ctx, base+site.HotPath)
	if err != nil {
		return err
	}
	nport, err := freePort()
	if err != nil {
		return err
	}
	nginx, err := startNginx(ctx, filepath.Join(tmp, "nginx"), nport, page, header)
	if err != nil {
		return err
	}
	defer nginx.stop(5 * time.Second)
	nbase := fmt.Sprintf("http://127.0.0.1:%d", nport)
	npage, _, err := fetch(ctx, nbase+"/article.html")
	if err != nil {
		return err
	}
	rep.PageBytes, rep.NginxBytes = len(page), len(npage)

	// 4. Lists and scripts for wrk.
	pathsLua, commentsLua, err := writeScripts(tmp)
	if err != nil {
		return err
	}
	spread := pickSpread(site.Permalinks, 10000, c.Seed)
	articlesFile, searchFile := filepath.Join(tmp, "articles.txt"), filepath.Join(tmp, "search.txt")
	if err := writeLines(articlesFile, spread); err != nil {
		return err
	}
	if err := writeLines(searchFile, searchPaths(site.Queries)); err != nil {
		return err
	}
	rep.SpreadURLs = len(spread)

	// 5. The read scenarios, each warmed up and then measured.
	wrkLog := filepath.Join(tmp, "wrk.log")
	load := func(o wrkOptions, warm bool, pid int) (wrkResult, usage, error) {
		o.Threads, o.Connections, o.LogFile = c.Threads, c.Connections, wrkLog
		if warm && c.Warmup >= time.Second {
			w := o
			w.Duration = c.Warmup
			if _, err := runWrk(ctx, w); err != nil {
				return wrkResult{}, usage{}, err
			}
		}
		o.Duration = c.Duration
		before := cpuTime(pid)
		res, err := runWrk(ctx, o)
		u := usage{cpu: cpuTime(pid) - before, load1: loadAverage()}
		if before == 0 {
			u.cpu = 0
		}
		return res, u, err
	}
	reads := []struct {
		key, name string
		o         wrkOptions
	}{
		{"nginx", "nginx, same bytes", wrkOptions{URL: nbase + "/article.html"}},
		{"hot", "a) one hot article", wrkOptions{URL: base + site.HotPath}},
		{"spread", fmt.Sprintf("b) %d articles", len(spread)), wrkOptions{URL: base + "/", Script: pathsLua, ScriptArgs: []string{articlesFile}}},
		{"home", "c) home page", wrkOptions{URL: base + "/"}},
		{"section", "d) section page", wrkOptions{URL: base + site.SectionPaths[0]}},
		{"search", fmt.Sprintf("e) search, %d queries", len(site.Queries)), wrkOptions{URL: base + "/", Script: pathsLua, ScriptArgs: []string{searchFile}}},
		{"feed", "f) feed /feed/", wrkOptions{URL: base + "/feed/"}},
	}
	for _, s := range reads {
		fmt.Fprintf(stdout, "running %s…\n", s.name)
		pid := warta.pid()
		if s.key == "nginx" {
			pid = 0 // nginx's work is in its workers; only warta's CPU is reported
		}
		res, u, err := load(s.o, true, pid)
		if err != nil {
			return err
		}
		rep.add(s.key, s.name, res, u)
	}

	// 6. Comments: fetch forms, let them age past the minimum, post each once.
	fmt.Fprintf(stdout, "fetching up to %d comment forms (for at most %s)…\n", c.Forms, max(30*time.Second, 3*c.Duration))
	formsFile := filepath.Join(tmp, "forms.txt")
	budget := max(30*time.Second, 3*c.Duration)
	// Readers comment mostly on the newest stories, and each of them
	// GETs the page first. Taking the forms from the 200 newest articles
	// (as the comment generator skews toward them) makes most fetches
	// page-cache hits, as they are on a live site; fetching from the
	// spread list made each one a miss, and the run ran out of forms.
	fetched, lastFetch, err := fetchForms(ctx, base, site.Permalinks[max(0, len(site.Permalinks)-200):], c.Forms, time.Now().Add(budget), formsFile)
	if err != nil {
		return err
	}
	rep.FormsFetched = fetched
	before, err := countComments(ctx, dataDir, c.Database)
	if err != nil {
		return err
	}
	if wait := time.Until(lastFetch.Add(3200 * time.Millisecond)); wait > 0 {
		time.Sleep(wait) // comments.MinFormAge is 3 s
	}
	fmt.Fprintln(stdout, "running g) comment posts…")
	res, u, err := load(wrkOptions{URL: base + "/", Script: commentsLua, ScriptArgs: []string{formsFile, strconv.Itoa(c.Threads)}}, false, warta.pid())
	if err != nil {
		return err
	}
	after, err := countComments(ctx, dataDir, c.Database)
	if err != nil {
		return err
	}
	rep.addComments(res, u, after-before)

	// 7. Report.
	rep.PeakRSS = rss.Peak()
	if warta.exited() {
		return fmt.Errorf("warta serve stopped during the run; its log %s ends:\n%s", wartaLog, tail(wartaLog, 15))
	}
	return rep.finish(stdout, c.JSON)
}

// moduleRoot is the folder of the go.mod that holds cmd/warta.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run the benchmark inside the warta module: go run ./bench")
	}
	return filepath.Dir(mod), nil
}

// client fetches pages as wrk does: no Accept-Encoding, so the bytes are
// the ones a load-test client receives.
var client = &http.Client{
	Timeout:   30 * time.Second,
	Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 32},
}

// fetch GETs url and returns its body and headers; anything but 200 is
// an error.
func fetch(ctx context.Context, url string) ([]byte, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return body, resp.Header, nil
}

// pickSpread returns up to n distinct permalinks spread over the site.
func pickSpread(all []string, n int, seed uint64) []string {
	if len(all) <= n {
		return all
	}
	step := float64(len(all)) / float64(n)
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, all[int(float64(i)*step)])
	}
	return out
}

var (
	reToken     = regexp.MustCompile(`name="token" value="([^"]+)"`)
	reArticleID = regexp.MustCompile(`name="article_id" value="(\d+)"`)
)

// fetchForms GETs n article pages, as readers about to comment do, from
// the articles in paths in turn, and writes one line per form to file:
// a distinct client IP (10.x.y.z, so the per-IP flood limit never
// trips), a tab, and the urlencoded post with the form's own article_id
// and token, a distinct email and a distinct text. It stops early at
// deadline (a slow server would otherwise hold the run for long; it will
// post slowly too). It returns how many it wrote and when the last page
// was fetched.
func fetchForms(ctx context.Context, base string, paths []string, n int, deadline time.Time, file string) (int, time.Time, error) {
	lines := make([]string, n)
	jobs := make(chan int)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		failed   int
	)
	runID := strconv.FormatInt(time.Now().Unix(), 36)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				page, _, err := fetch(ctx, base+paths[i%len(paths)])
				var tok, id [][]byte
				if err == nil {
					tok, id = reToken.FindSubmatch(page), reArticleID.FindSubmatch(page)
					if tok == nil || id == nil {
						err = fmt.Errorf("no comment form on %s", paths[i%len(paths)])
					}
				}
				if err != nil {
					mu.Lock()
					failed++
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				k := i + 1
				form := url.Values{
					"article_id": {string(id[1])},
					"parent_id":  {"0"},
					"cpage":      {"1"},
					"author":     {"Pembaca " + strconv.Itoa(k)},
					"email":      {"uji" + strconv.Itoa(k) + "." + runID + "@pembaca.example"},
					"url":        {""},
					"hp_website": {""},
					"token":      {string(tok[1])},
					"content":    {fmt.Sprintf("Komentar uji nomor %d dari %s: menurut saya berita ini penting untuk warga.", k, runID)},
				}
				lines[i] = fmt.Sprintf("10.%d.%d.%d\t%s", k>>16&255, k>>8&255, k&255, form.Encode())
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil && time.Now().Before(deadline); i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	last := time.Now()
	if err := ctx.Err(); err != nil {
		return 0, last, err
	}
	lines = slices.DeleteFunc(lines, func(l string) bool { return l == "" })
	// A slow answer or two (the server may still be working off the
	// previous scenario's queue) costs a form, not the whole run; but a
	// server that answers nothing is an error worth stopping for.
	if firstErr != nil {
		fmt.Printf("  %d of %d form fetches failed; first: %v\n", failed, failed+len(lines), firstErr)
		if len(lines) == 0 {
			return 0, last, fmt.Errorf("fetching comment forms: %w", firstErr)
		}
	}
	return len(lines), last, writeLines(file, lines)
}

// countComments counts every stored comment, whatever its status,
// through the store (opened beside the running server, as warta's own
// commands do).
func countComments(ctx context.Context, dataDir, database string) (int, error) {
	st, err := openStore(ctx, dataDir, database)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	_, total, err := st.Comments(ctx, warta.CommentFilter{Limit: 1})
	if err != nil {
		return 0, fmt.Errorf("counting comments: %w", err)
	}
	return total, nil
}
