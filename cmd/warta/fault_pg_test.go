package main

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"warta"
	"warta/postgres"
	"warta/storetest"
)

var (
	formToken     = regexp.MustCompile(`name="token" value="([^"]+)"`)
	formArticleID = regexp.MustCompile(`name="article_id" value="(\d+)"`)
)

// TestFaultPostgresDown stops PostgreSQL for ten seconds under page and
// comment load, with pg_ctl on a server of the test's own, and starts it
// again. Meanwhile Warta must answer 503 with Retry-After in the site's
// language (never 500), /readyz must fail, and afterwards the same
// process must serve again by itself. Every comment whose post was
// acknowledged with 303 must be stored, and none twice.
func TestFaultPostgresDown(t *testing.T) {
	needFaults(t)
	c := storetest.StartCluster(t)
	bin := buildWarta(t)
	p := startWarta(t, bin, "--database", c.URL(), "--data", t.TempDir(), "--trusted-proxies", "127.0.0.1")

	st, err := postgres.Open(t.Context(), c.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sec := storetest.MustCreateSection(t, st, &warta.Section{Slug: "kota", Name: "Kota"})
	au := storetest.MustCreateAuthor(t, st, &warta.Author{Slug: "dewi", Name: "Dewi"})
	art := storetest.MustCreateArticle(t, st, &warta.Article{Slug: "banjir-surut", Headline: "Banjir mulai surut",
		BodyMarkdown: "Air mulai surut di tiga kecamatan.", Status: warta.StatusPublished, CommentsOpen: true,
		PublishedAt: time.Now().Add(-time.Hour), Section: *sec, Authors: []warta.Author{*au}})
	page := p.URL + articlePath(t, art)

	// Comment forms, fetched before the outage; a form must age three
	// seconds before it is accepted.
	const nForms = 80
	forms := make([]url.Values, nForms)
	for i := range forms {
		res, body, err := fetch(page)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("GET %s: %v %v", page, status(res), err)
		}
		tok, id := formToken.FindStringSubmatch(body), formArticleID.FindStringSubmatch(body)
		if tok == nil || id == nil {
			t.Fatalf("no comment form on %s", page)
		}
		forms[i] = url.Values{"article_id": {id[1]}, "parent_id": {"0"}, "cpage": {"1"},
			"author": {fmt.Sprintf("Pembaca %d", i)}, "email": {fmt.Sprintf("pembaca%d@contoh.example", i)},
			"url": {""}, "hp_website": {""}, "token": {tok[1]},
			"content": {fmt.Sprintf("Komentar nomor %d: semoga warga segera pulih.", i)}}
	}
	time.Sleep(3500 * time.Millisecond) // comments.MinFormAge

	var (
		mu       sync.Mutex
		statuses = map[int]int{} // readers' answers by status
		acked    []string        // comment texts answered 303
		bad      []string        // answers that are neither success nor a proper 503
	)
	stop := make(chan struct{})
	var load sync.WaitGroup
	for _, path := range []string{"/", articlePath(t, art), "/section/kota/"} {
		load.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, body, err := fetch(p.URL + path)
				mu.Lock()
				switch {
				case err != nil:
					bad = append(bad, fmt.Sprintf("GET %s: %v", path, err))
				case res.StatusCode == 503:
					statuses[503]++
					if res.Header.Get("Retry-After") == "" || !strings.Contains(body, "Layanan sedang tidak tersedia") {
						bad = append(bad, fmt.Sprintf("GET %s: 503 without Retry-After or the Indonesian page", path))
					}
				case res.StatusCode == 200:
					statuses[200]++
				default:
					bad = append(bad, fmt.Sprintf("GET %s: %d", path, res.StatusCode))
				}
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
	load.Go(func() {
		for i, f := range forms {
			select {
			case <-stop:
				return
			default:
			}
			req, _ := http.NewRequest("POST", p.URL+"/comments", strings.NewReader(f.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.9.%d.%d", i/200, i%200+1)) // one reader each: no flood limit
			res, _, err := do(req)
			mu.Lock()
			switch {
			case err != nil:
				bad = append(bad, fmt.Sprintf("POST comment %d: %v", i, err))
			case res.StatusCode == http.StatusSeeOther:
				acked = append(acked, f.Get("content"))
			case res.StatusCode == 503:
			default:
				bad = append(bad, fmt.Sprintf("POST comment %d: %d", i, res.StatusCode))
			}
			mu.Unlock()
			time.Sleep(150 * time.Millisecond)
		}
	})

	time.Sleep(time.Second)
	c.Stop(t)
	stopped := time.Now()
	waitStatus(t, p.URL+"/readyz", 503)
	// A page nobody has read yet cannot come from the cache.
	res, body, err := fetch(p.URL + "/author/dewi/")
	if err != nil || res.StatusCode != 503 || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "Layanan sedang tidak tersedia") {
		t.Errorf("GET /author/dewi/ with PostgreSQL stopped = %v %v, Retry-After %q; want 503 with Retry-After and the Indonesian page",
			status(res), err, res.Header.Get("Retry-After"))
	}
	time.Sleep(10*time.Second - time.Since(stopped))
	c.Start(t)
	waitStatus(t, p.URL+"/readyz", 200)
	waitStatus(t, p.URL+"/author/dewi/", 200)
	time.Sleep(2 * time.Second) // load on the recovered server
	close(stop)
	load.Wait()

	select {
	case <-p.exited:
		t.Fatalf("warta exited during the outage: %s", p.stderr)
	default:
	}
	for _, b := range bad {
		t.Error(b)
	}
	if statuses[503] == 0 {
		t.Error("no reader got 503 while PostgreSQL was stopped")
	}
	if len(acked) == 0 {
		t.Error("no comment was acknowledged at all")
	}
	for _, text := range acked {
		var n int
		if err := st.WriteDB().QueryRowContext(t.Context(), `SELECT COUNT(*) FROM comments WHERE content = $1`, text).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("acknowledged comment %q is stored %d times, want once", text, n)
		}
	}
	t.Logf("readers: %d answers 200, %d answers 503; %d of %d comments acknowledged", statuses[200], statuses[503], len(acked), nForms)
}
