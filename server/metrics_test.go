package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"warta/metrics"
	"warta/route"
	"warta/server"
	"warta/static"
)

func TestMetricsOnTheMainAddressOnlyForLoopback(t *testing.T) {
	site := http.NewServeMux()
	site.HandleFunc("GET /item/{id}/{$}", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("item")) })
	h := server.New(server.Config{
		Site: route.Record(site), Static: static.New(), MediaDir: t.TempDir(), DB: &pinger{},
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		Metrics: metrics.New(), MetricsOnMain: true,
	})
	for _, id := range []string{"1", "2", "3"} {
		serve(h, "/item/"+id+"/")
	}
	tests := []struct {
		name, remote, forwarded string
		want                    int
	}{
		{"from another machine", "203.0.113.7:40000", "", 404},
		{"from IPv6 elsewhere", "[2001:db8::1]:40000", "", 404},
		{"from loopback", "127.0.0.1:40000", "", 200},
		{"from IPv6 loopback", "[::1]:40000", "", 200},
		{"through a proxy on this machine", "127.0.0.1:40000", "203.0.113.7", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/metrics", nil)
			req.RemoteAddr = tt.remote
			if tt.forwarded != "" {
				req.Header.Set("X-Forwarded-For", tt.forwarded)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("GET /metrics %s: %d, want %d", tt.name, rec.Code, tt.want)
			}
			if tt.want == 200 && !strings.Contains(rec.Body.String(), `warta_http_requests_total{code="200",method="GET",route="GET /item/{id}/{$}"} 3`) {
				t.Errorf("the three item requests are not counted under their pattern:\n%s", rec.Body.String())
			}
		})
	}
	if rec := serve(h, "/debug/pprof/"); rec.Code != 404 {
		t.Errorf("GET /debug/pprof/ on the main handler: %d, want 404", rec.Code)
	}
}

func TestAdminHandler(t *testing.T) {
	h := server.Admin(metrics.New())
	for path, want := range map[string]int{"/metrics": 200, "/debug/pprof/": 200, "/debug/pprof/cmdline": 404} {
		if rec := serve(h, path); rec.Code != want {
			t.Errorf("GET %s on the admin handler: %d, want %d", path, rec.Code, want)
		}
	}
}

func TestReadyzFailsWhileDraining(t *testing.T) {
	drain := &server.Drain{}
	h := server.New(server.Config{Site: http.NotFoundHandler(), Static: static.New(), MediaDir: t.TempDir(), DB: &pinger{},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Drain: drain})
	if drain.Probed() {
		t.Error("probed before anyone asked")
	}
	if rec := serve(h, "/readyz"); rec.Code != 200 || !drain.Probed() {
		t.Errorf("/readyz before the drain: %d, probed %v", rec.Code, drain.Probed())
	}
	drain.Begin()
	if rec := serve(h, "/readyz"); rec.Code != 503 {
		t.Errorf("/readyz while draining: %d, want 503", rec.Code)
	}
	if rec := serve(h, "/healthz"); rec.Code != 200 {
		t.Errorf("/healthz while draining: %d, want 200 (the process is alive)", rec.Code)
	}
}
