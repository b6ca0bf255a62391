package server

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
)

// PprofEnv names the environment variable that turns on the profiler:
// WARTA_PPROF=127.0.0.1:6060 serves net/http/pprof on that address, for
// profiling under the benchmark (go run ./bench -pprof). It is separate
// from the site's listener, so the profiles are never public, and it
// accepts loopback addresses only.
const PprofEnv = "WARTA_PPROF"

func init() {
	addr := os.Getenv(PprofEnv)
	if addr == "" {
		return
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		slog.Error("profiler not started: give a loopback address such as 127.0.0.1:6060", "env", PprofEnv, "value", addr)
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	go func() {
		if err := http.ListenAndServe(addr, mux); err != nil {
			slog.Error("profiler stopped", "addr", addr, "err", err)
		}
	}()
}
