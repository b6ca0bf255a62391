package fault

import (
	"bufio"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"warta/comments"
)

// soakDuration is WARTA_SOAK (a Go duration), 60 s by default.
func soakDuration(t *testing.T) time.Duration {
	v := os.Getenv("WARTA_SOAK")
	if v == "" {
		return time.Minute
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 20*time.Second {
		t.Fatalf("WARTA_SOAK=%q: give a duration of at least 20s, such as 60s or 10m", v)
	}
	return d
}

// sample is what the soak reads from /metrics after a forced GC.
type sample struct {
	at         time.Duration
	heap       float64 // go_memstats_heap_inuse_bytes
	goroutines float64
	rss        float64
}

// TestSoak runs a mixed load (pages, feeds, search, 404s and comment
// posts) for WARTA_SOAK, sampling the heap and goroutines after a forced
// GC every few seconds. After a warm-up (the first third) the heap may not
// grow; at rest after the load the goroutines must be back to where they
// were before it; and no request may get a 5xx or fail.
func TestSoak(t *testing.T) {
	d := soakDuration(t)
	p := start(t, t.TempDir(), "--demo", "--trusted-proxies", "127.0.0.1/32", "--drain-delay", "0", "--admin-addr", "127.0.0.1:0")
	if p.Admin == "" {
		t.Fatal("warta printed no admin address")
	}
	s := explore(t, p.URL)
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	time.Sleep(comments.MinFormAge + 500*time.Millisecond)
	atRest, err := scrapeAfterGC(p.Admin)
	if err != nil {
		t.Fatal(err)
	}

	var (
		stop     atomic.Bool
		requests atomic.Int64
		posts    atomic.Int64
		nextK    atomic.Int64
		failed   counter
		codes    counter
		wg       sync.WaitGroup
		clients  []*http.Client
	)
	for w := range 8 {
		c := client()
		clients = append(clients, c)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; !stop.Load(); i++ {
				var code int
				var err error
				if i%10 == 0 { // one request in ten posts a comment
					k := int(nextK.Add(1))
					code, err = postComment(c, p.URL, ipFor(k), s.comment(run, k))
					posts.Add(1)
				} else {
					code, _, err = fetch(c, p.URL+s.pages[i%len(s.pages)])
				}
				requests.Add(1)
				switch {
				case err != nil:
					failed.add(errKind(err))
				case code >= 500:
					failed.add(strconv.Itoa(code))
				}
				codes.add(strconv.Itoa(code))
			}
		}()
	}

	every := max(d/40, 2*time.Second)
	var samples []sample
	begin := time.Now()
	for time.Since(begin) < d {
		time.Sleep(every)
		smp, err := scrapeAfterGC(p.Admin)
		if err != nil {
			t.Fatalf("sampling: %v", err)
		}
		smp.at = time.Since(begin).Round(time.Second)
		samples = append(samples, smp)
	}
	stop.Store(true)
	wg.Wait()
	// At rest again, once the clients hang up, the server must be back to
	// the goroutines it had before the load: one left over per request
	// would show here, whatever the load's own ups and downs.
	for _, c := range clients {
		c.CloseIdleConnections()
	}
	var after sample
	for range 50 {
		if after, err = scrapeAfterGC(p.Admin); err != nil {
			t.Fatal(err)
		}
		if after.goroutines <= atRest.goroutines+2 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}

	// Warm-up: the page cache fills, pools open their connections.
	warm := samples[len(samples)/3:]
	n := max(3, len(warm)/4)
	if len(warm) < 2*n {
		t.Fatalf("only %d samples after warm-up; run longer", len(warm))
	}
	early, late := warm[:n], warm[len(warm)-n:]
	heapEarly, heapLate := median(early, func(s sample) float64 { return s.heap }), median(late, func(s sample) float64 { return s.heap })
	grEarly, grLate := median(early, func(s sample) float64 { return s.goroutines }), median(late, func(s sample) float64 { return s.goroutines })
	rssEarly, rssLate := median(early, func(s sample) float64 { return s.rss }), median(late, func(s sample) float64 { return s.rss })
	const mib = 1 << 20
	t.Logf("soak %s, 8 clients: %d requests (%.0f/s), %d comment posts; status codes %s; failures %s",
		d, requests.Load(), float64(requests.Load())/d.Seconds(), posts.Load(), &codes, &failed)
	t.Logf("after warm-up (medians of the first and last %d samples of %d, every %s): heap in use %.1f → %.1f MiB, goroutines %.0f → %.0f, RSS %.1f → %.1f MiB",
		n, len(samples), every, heapEarly/mib, heapLate/mib, grEarly, grLate, rssEarly/mib, rssLate/mib)
	var trace []string
	for _, s := range samples {
		trace = append(trace, strconv.FormatFloat(s.heap/mib, 'f', 1, 64)+"/"+strconv.FormatFloat(s.goroutines, 'f', 0, 64))
	}
	t.Logf("at rest before and after the load: goroutines %.0f → %.0f, heap in use %.1f → %.1f MiB",
		atRest.goroutines, after.goroutines, atRest.heap/mib, after.heap/mib)
	t.Logf("heap MiB/goroutines at each sample: %s", strings.Join(trace, " "))

	if failed.String() != "map[]" {
		t.Errorf("requests failed or got a 5xx: %s", &failed)
	}
	// Growth allowances: the comments posted during the soak are real
	// new content (longer comment pages in the cache), and a GC'd heap
	// still moves by a few MiB with what is in flight at the moment.
	if heapLate > heapEarly*1.25+8*mib {
		t.Errorf("the heap grew after warm-up: %.1f → %.1f MiB", heapEarly/mib, heapLate/mib)
	}
	if after.goroutines > atRest.goroutines+2 {
		t.Errorf("goroutines at rest grew over the soak: %.0f before the load, %.0f after it", atRest.goroutines, after.goroutines)
	}
}

// scrapeAfterGC forces a garbage collection (pprof's heap profile with
// gc=1, on the admin address) and reads the heap, goroutines and RSS
// from /metrics.
func scrapeAfterGC(admin string) (sample, error) {
	c := &http.Client{Timeout: time.Minute}
	res, err := c.Get(admin + "/debug/pprof/heap?gc=1")
	if err != nil {
		return sample{}, err
	}
	res.Body.Close()
	res, err = c.Get(admin + "/metrics")
	if err != nil {
		return sample{}, err
	}
	defer res.Body.Close()
	var s sample
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		switch name {
		case "go_memstats_heap_inuse_bytes":
			s.heap = v
		case "go_goroutines":
			s.goroutines = v
		case "process_resident_memory_bytes":
			s.rss = v
		}
	}
	return s, sc.Err()
}

func median(s []sample, f func(sample) float64) float64 {
	v := make([]float64, len(s))
	for i, x := range s {
		v[i] = f(x)
	}
	slices.Sort(v)
	return v[len(v)/2]
}
