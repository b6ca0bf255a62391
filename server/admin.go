package server

import (
	"net"
	"net/http"
	"net/http/pprof"
	"sync/atomic"

	"warta/metrics"
)

// Admin returns the handler for the admin address (serve --admin-addr):
// the metrics at /metrics and the Go profiler under /debug/pprof/. It is
// never mounted on the site's address; whoever reaches the admin address
// can read both, so bind it to loopback or a private network.
//
// /debug/pprof/cmdline is left out: the command line may hold a
// database password.
func Admin(m *metrics.Metrics) http.Handler {
	mux := http.NewServeMux()
	if m != nil {
		mux.Handle("GET /metrics", m.Handler())
	}
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	mux.Handle("GET /debug/pprof/cmdline", http.NotFoundHandler())
	return mux
}

// LoopbackOnly answers 404 to everyone but a client on this machine that
// came straight, not through a reverse proxy. The check reads the
// connection's address, never X-Forwarded-For, which the client writes.
// A proxy on the same machine connects from loopback too, so a request
// that carries a forwarding header is refused as well: it came from
// elsewhere.
func LoopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLoopback(r.RemoteAddr) || r.Header.Get("X-Forwarded-For") != "" ||
			r.Header.Get("Forwarded") != "" || r.Header.Get("X-Real-IP") != "" {
			http.NotFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func isLoopback(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Drain is the process's readiness during a shutdown: once Begin is
// called, /readyz answers 503 while requests are still served, so a load
// balancer that probes it stops sending readers before the listener
// closes.
type Drain struct {
	draining atomic.Bool
	probed   atomic.Bool
}

// Begin makes /readyz fail from now on.
func (d *Drain) Begin() { d.draining.Store(true) }

// Probed reports whether anyone has asked /readyz since the start: when
// nobody watches it, waiting for a balancer to notice is pointless.
func (d *Drain) Probed() bool { return d.probed.Load() }
