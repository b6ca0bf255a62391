package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// result is one scenario's row.
type result struct {
	Key      string  `json:"key"`
	Scenario string  `json:"scenario"`
	Ratio    float64 `json:"ratio_to_nginx,omitempty"`
	// CPUms is the CPU time (user + system) warta spent per request
	// answered in the measured period, and Load1 the machine's one-minute
	// load average at its end. On a shared machine req/s and latencies
	// move with everything else that runs; the CPU a request costs does
	// much less, and the load says how busy the machine was.
	CPUms float64 `json:"warta_cpu_ms_per_request,omitempty"`
	Load1 float64 `json:"load_average_1m,omitempty"`
	wrkResult
}

// target is one of the goals and whether this run met it.
type target struct {
	Name string `json:"name"`
	Want string `json:"want"`
	Got  string `json:"got"`
	Pass bool   `json:"pass"`
}

// report gathers everything the run measured.
type report struct {
	Date         string       `json:"date"`
	CPUs         int          `json:"cpus"`
	CPUModel     string       `json:"cpu_model"`
	GoVersion    string       `json:"go_version"`
	Config       config       `json:"config"`
	Generation   genStats     `json:"generation"`
	StartupMS    float64      `json:"startup_ms"`
	PeakRSS      int64        `json:"peak_rss_bytes"`
	PeakRSSMiB   float64      `json:"peak_rss_mib"`
	PageBytes    int          `json:"hot_page_bytes"`
	NginxBytes   int          `json:"nginx_page_bytes"`
	SpreadURLs   int          `json:"spread_urls"`
	FormsFetched int          `json:"forms_fetched"`
	Posted303    int64        `json:"comments_303"`
	Stored       int          `json:"comments_stored"`
	Results      []result     `json:"results"`
	Import       *importStats `json:"import,omitempty"`
	Targets      []target     `json:"targets"`
}

// newReport starts a report with the machine's description.
func newReport(c config) *report {
	return &report{
		Date:      time.Now().Format(time.RFC3339),
		CPUs:      runtime.NumCPU(),
		CPUModel:  cpuModel(),
		GoVersion: runtime.Version(),
		Config:    c,
	}
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// printHeader prints the machine and the run's settings.
func (r *report) printHeader(w io.Writer) {
	fmt.Fprintf(w, "Warta benchmark, %s\nmachine: %d CPUs, %s; %s %s/%s\n", r.Date, r.CPUs, r.CPUModel, r.GoVersion, runtime.GOOS, runtime.GOARCH)
	if r.Config.ImportOnly {
		fmt.Fprintf(w, "scale %g, the WordPress import only\n\n", r.Config.Scale)
		return
	}
	fmt.Fprintf(w, "scale %g, wrk -t%d -c%d, warm-up %s, measured %s per scenario\n\n",
		r.Config.Scale, r.Config.Threads, r.Config.Connections, r.Config.Warmup, r.Config.Duration)
}

// add records a read scenario; rows after nginx's get a ratio to it.
func (r *report) add(key, name string, w wrkResult, u usage) {
	res := result{Key: key, Scenario: name, wrkResult: w, CPUms: u.perRequest(w.Requests), Load1: u.load1}
	if n := r.find("nginx"); n != nil && key != "nginx" && n.ReqPerSec > 0 {
		switch key {
		case "hot", "spread", "home", "section":
			res.Ratio = w.ReqPerSec / n.ReqPerSec
		}
	}
	r.Results = append(r.Results, res)
}

// addComments records the comment run and the stored count.
func (r *report) addComments(w wrkResult, u usage, stored int) {
	r.Posted303, r.Stored = w.Counted, stored
	r.Results = append(r.Results, result{Key: "comments", Scenario: "g) comment posts", wrkResult: w, CPUms: u.perRequest(w.Requests), Load1: u.load1})
}

// find returns the row for key, or nil.
func (r *report) find(key string) *result {
	for i := range r.Results {
		if r.Results[i].Key == key {
			return &r.Results[i]
		}
	}
	return nil
}

// judge fills Targets from the results: the goals, reported as
// pass or fail (the benchmark never fails because of them).
func (r *report) judge() {
	r.Targets = nil
	check := func(name, want, got string, pass bool) {
		r.Targets = append(r.Targets, target{Name: name, Want: want, Got: got, Pass: pass})
	}
	// A scenario in which no request finished within wrk's 5 s timeout
	// has no latency to judge: it fails whatever its (empty) numbers say.
	done := func(x *result) bool { return x.Requests > 0 }
	if x := r.find("hot"); x != nil {
		check("hot article", "≥ 0.80× nginx, p99 < 10 ms", fmt.Sprintf("%.2f×, p99 %s", x.Ratio, ms(x.P99ms)), done(x) && x.Ratio >= 0.8 && x.P99ms < 10)
	}
	if x := r.find("spread"); x != nil {
		check("spread articles", "≥ 0.40× nginx, p99 < 20 ms", fmt.Sprintf("%.2f×, p99 %s", x.Ratio, ms(x.P99ms)), done(x) && x.Ratio >= 0.4 && x.P99ms < 20)
	}
	for _, k := range []string{"home", "section"} {
		if x := r.find(k); x != nil {
			check(k+" page", "≥ 0.50× nginx", fmt.Sprintf("%.2f×", x.Ratio), done(x) && x.Ratio >= 0.5)
		}
	}
	if x := r.find("search"); x != nil {
		check("search", "p99 < 50 ms", "p99 "+ms(x.P99ms), done(x) && x.P99ms < 50)
	}
	if x := r.find("comments"); x != nil {
		// wrk stops without reading the answers to requests still in
		// flight; the server finishes and stores those, so stored may
		// exceed the 303s by at most the posts in flight.
		inFlight := x.Sent - x.Answered
		extra := int64(r.Stored) - r.Posted303
		check("comments", "≥ 1,000/s, stored = 303s (+ in flight)",
			fmt.Sprintf("%.0f/s, %d stored = %d 303s + %d of %d in flight", x.ReqPerSec, r.Stored, r.Posted303, extra, inFlight),
			x.ReqPerSec >= 1000 && extra >= 0 && extra <= inFlight && x.Exhausted == 0)
	}
	if r.StartupMS > 0 { // warta serve ran (not -import-only)
		check("peak RSS", "< 300 MiB", fmt.Sprintf("%.1f MiB", r.PeakRSSMiB), r.PeakRSSMiB < 300)
		check("start-up", "< 2 s", fmt.Sprintf("%.0f ms", r.StartupMS), r.StartupMS < 2000)
	}
	if x := r.Import; x != nil {
		check("WordPress import", fmt.Sprintf("< %.0f s for %d posts", x.want().Seconds(), x.Posts),
			fmt.Sprintf("%.1f s", x.WallS), x.WallS < x.want().Seconds())
	}
}

// ms formats milliseconds.
func ms(v float64) string {
	if v < 1 {
		return fmt.Sprintf("%.0f µs", v*1000)
	}
	return fmt.Sprintf("%.2f ms", v)
}

// finish prints the report and writes it as JSON to path (none when
// path is empty).
func (r *report) finish(w io.Writer, path string) error {
	r.print(w)
	if path == "" {
		return nil
	}
	if err := r.writeJSON(path); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nresults written to %s\n", path)
	return nil
}

// print writes the results table and the targets.
func (r *report) print(w io.Writer) {
	r.PeakRSSMiB = float64(r.PeakRSS) / (1 << 20)
	r.judge()
	fmt.Fprintln(w)
	if len(r.Results) > 0 {
		r.printLoad(w)
	}
	if x := r.Import; x != nil {
		fmt.Fprintf(w, "WordPress import (SQLite): %d posts, %d comments, %.0f MiB export in %.1f s; CPU %.1f s user + %.1f s system; peak RSS %.0f MiB; load %.1f\n\n",
			x.Posts, x.Comments, x.FileMiB, x.WallS, x.UserS, x.SysS, x.PeakMiB, x.Load1)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\twant\tgot\t")
	for _, t := range r.Targets {
		verdict := "FAIL"
		if t.Pass {
			verdict = "pass"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.Name, t.Want, t.Got, verdict)
	}
	tw.Flush()
}

// printLoad writes the load scenarios' table and what goes with it.
func (r *report) printLoad(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\trequests\treq/s\tp50\tp99\terrors\tnon-2xx/3xx\tvs nginx\twarta CPU/req\tload\t")
	for _, x := range r.Results {
		ratio := ""
		if x.Ratio > 0 {
			ratio = fmt.Sprintf("%.2f×", x.Ratio)
		}
		cpu := ""
		if x.CPUms > 0 {
			cpu = fmt.Sprintf("%.2f ms", x.CPUms)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t%d\t%d\t%s\t%s\t%.1f\t\n", x.Scenario, x.Requests, x.ReqPerSec, ms(x.P50ms), ms(x.P99ms), x.SocketErrors, x.Non2xx3xx, ratio, cpu, x.Load1)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nhot page: warta %d bytes, nginx %d bytes (same page; each GET has its own comment-form token)\n", r.PageBytes, r.NginxBytes)
	if x := r.find("comments"); x != nil {
		fmt.Fprintf(w, "comments: %d forms fetched, %d posted, %d answered (%d with 303), %d still in flight when wrk stopped, %d stored",
			r.FormsFetched, x.Sent, x.Answered, r.Posted303, x.Sent-x.Answered, r.Stored)
		if x.Exhausted > 0 {
			fmt.Fprintf(w, ", %d requests found no form left (raise -forms)", x.Exhausted)
		}
		fmt.Fprintln(w)
	}
	g := r.Generation
	fmt.Fprintf(w, "generation (%s): %d articles, %d comments, %d tags, %d sections in %.1f s (rows %.1f s, search index %.1f s)\n",
		g.Database, g.Size.Articles, g.Size.Comments, g.Size.Tags, g.Size.Sections, g.TotalS, g.LoadS, g.IndexS)
	fmt.Fprintf(w, "warta: start-up %.0f ms to /readyz, peak RSS %.1f MiB\n\n", r.StartupMS, r.PeakRSSMiB)
}

// writeJSON writes the report to path.
func (r *report) writeJSON(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
