// Package server puts Warta's HTTP surfaces together: it mounts the public
// site, the static assets and the media folder, serves the health probes,
// and wraps everything in the middleware that every response passes
// through (panic recovery, access log, security headers).
package server

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"warta"
	"warta/media"
	"warta/metrics"
	"warta/pagecache"
	"warta/route"
)

// MediaNames finds a library entry by its content hash (a
// warta.MediaStore does).
type MediaNames interface {
	MediaByHash(ctx context.Context, hash string) (*warta.Media, error)
}

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Config is what the server mounts.
type Config struct {
	Site     http.Handler // the public pages; it answers everything not mounted elsewhere
	Admin    http.Handler // the newsroom, under /admin/, and draft previews under /preview/
	Static   http.Handler // content-hashed assets under /static/
	MediaDir string       // uploaded and generated images, served under /media/
	// Media, when set, is where those images are (a bucket); it wins
	// over MediaDir.
	Media media.Storage
	// MediaNames, when set, gives a PDF its uploaded name when it is
	// served (Content-Disposition); without it, the stored name.
	MediaNames MediaNames
	DB         Pinger
	Logger     *slog.Logger
	// PageCache, when set, serves the public site's anonymous pages
	// from memory; see package pagecache.
	PageCache *pagecache.Cache
	// API is the REST API under /api/v1/ (package api). It is mounted
	// beside the page cache, never behind it: its answers set their own
	// Cache-Control, and those asked with a token must never be kept.
	API http.Handler
	// WPJSON, when set, is the WordPress-compatible API under /wp-json/,
	// which also answers ?rest_route= on any address (see restRoute).
	WPJSON http.Handler
	// Metrics, when set, counts and times every request. With
	// MetricsOnMain it is also served at /metrics on this handler, to
	// loopback clients only (see LoopbackOnly); otherwise it is for the
	// admin address (see Admin).
	Metrics       *metrics.Metrics
	MetricsOnMain bool
	// Drain, when set, makes /readyz fail once a shutdown has begun.
	Drain *Drain
}

// New returns the handler for the whole program.
func New(cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", handleHealthz)
	mux.Handle("GET /readyz", handleReadyz(cfg.DB, cfg.Drain))
	if cfg.Metrics != nil && cfg.MetricsOnMain {
		mux.Handle("GET /metrics", LoopbackOnly(cfg.Metrics.Handler()))
	}
	mux.Handle("GET /static/", cfg.Static)
	files := cfg.Media
	if files == nil {
		files = media.Dir(cfg.MediaDir)
	}
	mux.Handle("GET /media/", http.StripPrefix("/media/", mediaHandler(files, cfg.MediaNames)))
	if cfg.Admin != nil {
		mux.Handle("/admin/", cfg.Admin)
		mux.Handle("GET /admin", http.RedirectHandler("/admin/", http.StatusMovedPermanently))
		mux.Handle("GET /preview/", cfg.Admin)
	}
	if cfg.API != nil {
		mux.Handle("/api/v1/", cfg.API)
	}
	site := cfg.Site
	if cfg.PageCache != nil {
		site = pagecache.Middleware(cfg.PageCache, site)
	}
	mux.Handle("/", site)
	h := route.Record(mux)
	if cfg.WPJSON != nil {
		mux.Handle("/wp-json/", cfg.WPJSON)
		h = restRoute(cfg.WPJSON, h)
	}
	h = recoverPanics(cfg.Logger, logRequests(cfg.Logger, securityHeaders(h)))
	if cfg.Metrics != nil {
		h = cfg.Metrics.Middleware(h)
	}
	return tracked(h)
}

// tracked notes which route answers each request, for the access log and
// the metrics (see package route).
func tracked(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, route.Track(r))
	})
}

// restRoute sends a request with ?rest_route= to the WordPress-compatible
// API, as WordPress does without pretty permalinks (/?rest_route=/wp/v2/posts).
// It runs before the mux, so the home page (and its page cache) never sees
// such a request: it can neither answer with the home page nor store one.
func restRoute(api, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("rest_route") {
			api.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// handleHealthz answers while the process is up, whatever the database does.
//
// GET /healthz
func handleHealthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte("ok\n"))
}

// handleReadyz answers 200 when the database answers, 503 when it does not
// or when the process is shutting down, so a load balancer sends readers
// elsewhere until it is back, or before it goes.
//
// GET /readyz
func handleReadyz(db Pinger, drain *Drain) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if drain != nil {
			drain.probed.Store(true)
			if drain.draining.Load() {
				w.WriteHeader(http.StatusServiceUnavailable)
				w.Write([]byte("shutting down\n"))
				return
			}
		}
		if err := db.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("database unavailable\n"))
			return
		}
		w.Write([]byte("ready\n"))
	})
}

// mediaHandler serves the stored media files, without listings. A folder
// and a bucket answer alike: the same headers (Content-Type from the
// name, Last-Modified, Cache-Control), ranges and conditional requests,
// by http.ServeContent, which streams the file (from a bucket, in ranges
// as it is read).
//
// A PDF document gets more: it may carry scripts and forms, and it is
// stored as uploaded (see package media), so it is answered with
// "Content-Security-Policy: sandbox", which makes a browser show it in a
// unique origin without scripts reaching the site, and inline with the
// name it was uploaded with, so "save as" keeps a name people know.
func mediaHandler(files media.Storage, names MediaNames) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Path
		if !media.ValidName(name) {
			http.NotFound(w, r)
			return
		}
		f, err := files.Open(r.Context(), name)
		if errors.Is(err, fs.ErrNotExist) {
			http.NotFound(w, r)
			return
		} else if err != nil {
			slog.ErrorContext(r.Context(), "opening a media file", "name", name, "err", err)
			http.Error(w, "media storage unavailable", http.StatusServiceUnavailable)
			return
		}
		defer f.Close()
		w.Header().Set("Cache-Control", "public, max-age=86400")
		if path.Ext(name) == ".pdf" {
			documentHeaders(w, r, name, names)
		}
		http.ServeContent(w, r, name, f.ModTime(), f)
	})
}

// documentHeaders sets the headers of a PDF document (see mediaHandler).
// The security headers are set whatever the name lookup does.
func documentHeaders(w http.ResponseWriter, r *http.Request, name string, names MediaNames) {
	h := w.Header()
	h.Set("Content-Type", media.MIMEPDF)
	h.Set("X-Content-Type-Options", "nosniff")
	// It replaces the site's policy, which is written for our own pages;
	// framing stays refused by X-Frame-Options.
	h.Set("Content-Security-Policy", "sandbox")
	filename := path.Base(name)
	if names != nil {
		// Stored names are the content hash and an extension.
		hash := strings.TrimSuffix(filename, ".pdf")
		if m, err := names.MediaByHash(r.Context(), hash); err == nil && m.OriginalName != "" {
			filename = m.OriginalName
			if !strings.EqualFold(path.Ext(filename), ".pdf") {
				filename += ".pdf"
			}
		} else if err != nil && !warta.IsNotFound(err) {
			slog.WarnContext(r.Context(), "looking up a document's name", "name", name, "err", err)
		}
	}
	// FormatMediaType quotes the name, and writes it as RFC 2231
	// (filename*=utf-8''…) when it is not plain ASCII.
	if v := mime.FormatMediaType("inline", map[string]string{"filename": filename}); v != "" {
		h.Set("Content-Disposition", v)
	} else {
		h.Set("Content-Disposition", "inline")
	}
}
