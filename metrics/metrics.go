// Package metrics is what Warta tells Prometheus: requests by route and
// status with their latency, the page cache, the database pools and
// query times, comments by moderation decision, and background jobs.
//
// Every process has its own registry (no package globals), so tests can
// run several servers in one process. Labels only ever take values from a
// fixed set — route patterns, status codes, known methods — never from
// what a client sends, so the number of series stays bounded however the
// site is crawled.
package metrics

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"warta/pagecache"
	"warta/route"
)

// Metrics holds one process's collectors.
type Metrics struct {
	reg *prometheus.Registry

	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	queries     *prometheus.HistogramVec
	comments    *prometheus.CounterVec
	jobRuns     *prometheus.CounterVec
	jobFailures *prometheus.CounterVec
}

// New returns the metrics of one process, with the Go runtime's and the
// process's own (heap, goroutines, CPU, open files) included.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warta_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "warta_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern and status class (2xx, 3xx, 4xx, 5xx).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "status"}),
		queries: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "warta_db_query_duration_seconds",
			Help:    "Time a database statement took until its result was ready, by handle (write, read, or main when one handle does both).",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
		}, []string{"handle"}),
		comments: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warta_comments_total",
			Help: "Comments stored by this process, by the moderation decision taken when they arrived (approved, pending, spam, trash).",
		}, []string{"decision"}),
		jobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warta_job_runs_total",
			Help: "Runs of a background job in this process.",
		}, []string{"job"}),
		jobFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "warta_job_failures_total",
			Help: "Runs of a background job that failed.",
		}, []string{"job"}),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.latency, m.queries, m.comments, m.jobRuns, m.jobFailures,
	)
	// The four decisions exist from the start, so a rate over them is
	// defined before the first comment of each kind.
	for _, d := range []string{"approved", "pending", "spam", "trash"} {
		m.comments.WithLabelValues(d)
	}
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// WatchPageCache adds the page cache's counters and size.
func (m *Metrics) WatchPageCache(c *pagecache.Cache) {
	m.reg.MustRegister(cacheCollector{c})
}

// WatchDB adds the pool statistics of each named handle (in use, idle,
// waits for a free connection, …) under the label db_name.
func (m *Metrics) WatchDB(handles map[string]*sql.DB) {
	for name, db := range handles {
		m.reg.MustRegister(collectors.NewDBStatsCollector(db, name))
	}
}

// Query records one database statement; give it to the store's
// ObserveQueries.
func (m *Metrics) Query(handle string, d time.Duration) {
	m.queries.WithLabelValues(handle).Observe(d.Seconds())
}

// Comment records a stored comment's moderation decision; give it to the
// store's OnComment.
func (m *Metrics) Comment(decision string) {
	m.comments.WithLabelValues(decision).Inc()
}

// JobRun records one run of a background job, failed when err is not nil.
func (m *Metrics) JobRun(job string, err error) {
	m.jobRuns.WithLabelValues(job).Inc()
	if err != nil {
		m.jobFailures.WithLabelValues(job).Inc()
	}
}

// Middleware counts and times every request next answers, labelled with
// the pattern of the innermost mux that matched it (see package route);
// "none" when no mux did.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusWriter{ResponseWriter: w}
		r = route.Track(r)
		next.ServeHTTP(rec, r)
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		pattern := route.Pattern(r)
		if pattern == "" {
			pattern = "none"
		}
		m.requests.WithLabelValues(pattern, method(r.Method), strconv.Itoa(status)).Inc()
		m.latency.WithLabelValues(pattern, strconv.Itoa(status/100)+"xx").Observe(time.Since(start).Seconds())
	})
}

// method returns m when it is a standard method, "other" otherwise: the
// method is the client's to choose, and must not make series.
func method(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 && code >= 200 { // 1xx are interim
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// cacheCollector reads the page cache's counters at scrape time, so the
// cache keeps no second set of counters.
type cacheCollector struct{ c *pagecache.Cache }

var (
	cacheRequests = prometheus.NewDesc("warta_pagecache_requests_total",
		"Page cache lookups by result: hit, miss, or bypass (a request that may be personal, never cached).", []string{"result"}, nil)
	cacheStores        = prometheus.NewDesc("warta_pagecache_stores_total", "Pages put in the page cache.", nil, nil)
	cacheEvictions     = prometheus.NewDesc("warta_pagecache_evictions_total", "Pages pushed out of the page cache to stay within its size.", nil, nil)
	cacheInvalidations = prometheus.NewDesc("warta_pagecache_invalidations_total", "Invalidations the page cache received (a write named what it changed).", nil, nil)
	cacheEntries       = prometheus.NewDesc("warta_pagecache_entries", "Pages in the page cache.", nil, nil)
	cacheBytes         = prometheus.NewDesc("warta_pagecache_bytes", "Bytes the page cache counts against its limit.", nil, nil)
)

func (cc cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{cacheRequests, cacheStores, cacheEvictions, cacheInvalidations, cacheEntries, cacheBytes} {
		ch <- d
	}
}

func (cc cacheCollector) Collect(ch chan<- prometheus.Metric) {
	s := cc.c.Stats()
	ch <- prometheus.MustNewConstMetric(cacheRequests, prometheus.CounterValue, float64(s.Hits), "hit")
	ch <- prometheus.MustNewConstMetric(cacheRequests, prometheus.CounterValue, float64(s.Misses), "miss")
	ch <- prometheus.MustNewConstMetric(cacheRequests, prometheus.CounterValue, float64(s.Bypasses), "bypass")
	ch <- prometheus.MustNewConstMetric(cacheStores, prometheus.CounterValue, float64(s.Stores))
	ch <- prometheus.MustNewConstMetric(cacheEvictions, prometheus.CounterValue, float64(s.Evictions))
	ch <- prometheus.MustNewConstMetric(cacheInvalidations, prometheus.CounterValue, float64(s.Invalidations))
	ch <- prometheus.MustNewConstMetric(cacheEntries, prometheus.GaugeValue, float64(s.Entries))
	ch <- prometheus.MustNewConstMetric(cacheBytes, prometheus.GaugeValue, float64(s.Bytes))
}
