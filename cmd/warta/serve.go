package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"warta"
	"warta/admin"
	"warta/api"
	"warta/clientip"
	"warta/demo"
	"warta/i18n"
	"warta/markdown"
	"warta/media"
	"warta/metrics"
	"warta/pagecache"
	"warta/server"
	"warta/site"
	"warta/sitecopy"
	"warta/static"
	"warta/view"
	"warta/wpjson"
)

// serveConfig is everything "warta serve" is told.
type serveConfig struct {
	siteFlags
	Addr     string
	BaseURL  string
	Lang     string
	Timezone string
	SiteName string
	Demo     bool
	// TrustedProxies lists reverse proxies whose X-Forwarded-For is believed.
	TrustedProxies string
	// Replica is a read replica's PostgreSQL URL, for public page reads.
	Replica string
	// AdminAddr, when set, serves /metrics and pprof there (see server.Admin).
	AdminAddr string
	// DrainDelay is how long /readyz fails before the listener closes.
	DrainDelay string
	// APIOrigins lists the origins whose pages may call the REST API.
	APIOrigins string
}

func parseServe(args []string, getenv func(string) string, stdout, stderr io.Writer) (serveConfig, error) {
	fs := newFlagSet("serve", "Serves the site. It creates the data folder and the database schema when they are missing.", getenv)
	var c serveConfig
	fs.stringVar(&c.Addr, "addr", "WARTA_ADDR", "127.0.0.1:8080", "the address to listen on, host:port")
	c.siteFlags.register(fs)
	fs.stringVar(&c.BaseURL, "base-url", "WARTA_BASE_URL", "",
		"the site's public address, for absolute links: https://warta.example\n(default: http:// and the --addr listened on)")
	fs.stringVar(&c.Lang, "lang", "WARTA_LANG", i18n.DefaultLang,
		"the site's language: "+strings.Join(i18n.Langs(), " or "))
	fs.stringVar(&c.Timezone, "timezone", "WARTA_TIMEZONE", "Asia/Jakarta",
		"the newsroom's time zone, for dates and article addresses")
	fs.stringVar(&c.SiteName, "site-name", "WARTA_SITE_NAME", "Warta", "the site's name, shown on every page")
	fs.stringVar(&c.TrustedProxies, "trusted-proxies", "WARTA_TRUSTED_PROXIES", "",
		"reverse proxies in front of Warta, as addresses or CIDR ranges separated by commas;\nonly their X-Forwarded-For header is believed for readers' IP addresses")
	fs.stringVar(&c.Replica, "database-replica", "WARTA_DATABASE_REPLICA_URL", "",
		"optional: a PostgreSQL read replica of --database, postgres://…, for anonymous public pages;\nthe newsroom, sessions and a commenter's own pages read the primary,\nand so does everything while the replica does not answer")
	fs.stringVar(&c.AdminAddr, "admin-addr", "WARTA_ADMIN_ADDR", "",
		"serve /metrics (Prometheus) and /debug/pprof/ on this host:port, such as 127.0.0.1:9090;\nkeep it on loopback or a private network. Without it, /metrics is served\non --addr to clients on this machine only, and pprof not at all")
	fs.stringVar(&c.DrainDelay, "drain-delay", "WARTA_DRAIN_DELAY", "5s",
		"on SIGTERM, how long /readyz answers 503 while requests are still served, so a load\nbalancer stops sending readers before the listener closes; skipped when nothing\nhas asked /readyz since the start; 0 to stop at once")
	fs.stringVar(&c.APIOrigins, "api-cors-origins", "WARTA_API_CORS_ORIGINS", "",
		"origins whose web pages may call the REST API at /api/v1/ from a browser, separated by commas:\nhttps://app.example,https://m.example, or * for any (default: none)")
	fs.boolVar(&c.Demo, "demo", "WARTA_DEMO", "fill an empty site with sample articles (adds nothing twice)")
	if err := fs.parse(args, stdout, stderr); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "warta serve: unexpected argument %q\n", fs.Arg(0))
		return c, errUsage
	}
	return c, nil
}

// runServe serves the site until ctx is cancelled (SIGINT, SIGTERM), then
// lets in-flight requests finish.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, err := parseServe(args, getenv, stdout, stderr)
	if err != nil {
		return err
	}
	cat, ok := i18n.Get(c.Lang)
	if !ok {
		return fmt.Errorf("--lang %q is not a language Warta speaks: use %s", c.Lang, strings.Join(i18n.Langs(), " or "))
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return fmt.Errorf("--timezone %q is not a known time zone: use a name like Asia/Jakarta, Asia/Makassar or Asia/Jayapura", c.Timezone)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--base-url %q must be an absolute http or https address, like https://warta.example", c.BaseURL)
		}
		c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	}
	proxies, err := clientip.ParseTrusted(c.TrustedProxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies %q: %v: give addresses or CIDR ranges such as 10.0.0.0/8, separated by commas", c.TrustedProxies, err)
	}
	drainDelay, err := time.ParseDuration(c.DrainDelay)
	if err != nil || drainDelay < 0 {
		return fmt.Errorf("--drain-delay %q is not a duration: write it like 5s or 500ms, or 0 to stop at once", c.DrainDelay)
	}
	if c.AdminAddr != "" {
		if _, _, err := net.SplitHostPort(c.AdminAddr); err != nil {
			return fmt.Errorf("--admin-addr %q must be host:port, such as 127.0.0.1:9090", c.AdminAddr)
		}
	}
	origins, err := parseOrigins(c.APIOrigins)
	if err != nil {
		return err
	}
	log := newLogger(stderr)

	if !isPostgres(c.Database) {
		release, err := lockDataDir(c.Data)
		if err != nil {
			return err
		}
		defer release()
	}
	st, err := openStore(ctx, c.siteFlags, time.Now)
	if err != nil {
		return err
	}
	defer st.Close()
	replica, err := openReplica(ctx, st, c, log)
	if err != nil {
		return err
	}
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	for _, m := range applied {
		log.Info("applied migration", "name", m)
	}

	m := metrics.New()
	if h, ok := st.(observable); ok {
		m.WatchDB(h.Handles())
		h.ObserveQueries(m.Query)
		h.OnComment(func(status warta.CommentStatus) { m.Comment(string(status)) })
	}

	secret, err := siteSecret(ctx, st)
	if err != nil {
		return err
	}

	mediaDir := filepath.Join(c.Data, "media")
	if err := os.MkdirAll(mediaDir, 0o755); err != nil {
		return fmt.Errorf("cannot create the media folder %s: check the permissions of --data", mediaDir)
	}
	if c.Demo {
		n, err := demo.Seed(ctx, st, mediaDir, time.Now())
		if err != nil {
			return fmt.Errorf("filling the demo site: %w", err)
		}
		if n > 0 {
			log.Info("added demo articles", "count", n)
		}
	}
	files, err := openMedia(ctx, c.siteFlags, getenv)
	if err != nil {
		return err
	}
	if _, inFolder := files.(media.Dir); c.Demo && !inFolder {
		// The demo draws its images into the folder; put them where the
		// site's media are.
		if _, _, err := sitecopy.CopyMedia(ctx, media.Dir(mediaDir), files); err != nil {
			return fmt.Errorf("copying the demo images: %w", err)
		}
	}
	if err := firstUsers(ctx, st, c.Demo, stdout); err != nil {
		return err
	}

	assets := static.New()
	views, err := view.New(cat, assets, loc)
	if err != nil {
		return err
	}
	viewSet := view.NewSet(assets)
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v: is another program using that port? choose another with --addr", c.Addr, unwrapAll(err))
	}
	siteURL := "http://" + ln.Addr().String()
	if c.BaseURL == "" {
		c.BaseURL = siteURL
	}
	adminHandler := admin.New(admin.Config{
		Store: st, Views: views, Location: loc, BaseURL: c.BaseURL, SiteName: c.SiteName,
		Now: time.Now, Logger: log, Secret: secret, MediaDir: mediaDir, Media: files, TrustedProxies: proxies,
		Render: markdown.Render, ViewSet: viewSet,
	})
	cache, err := newPageCache(ctx, st, log)
	if err != nil {
		return err
	}
	if cache.Cache != nil {
		m.WatchPageCache(cache.Cache)
	}
	drain := &server.Drain{}
	handler := server.New(server.Config{
		Metrics:       m,
		MetricsOnMain: c.AdminAddr == "",
		Drain:         drain,
		PageCache:     cache.Cache,
		Admin:         adminHandler,
		API: api.New(api.Config{
			Store: st, BaseURL: c.BaseURL, Location: loc, Lang: c.Lang, Now: time.Now, Logger: log,
			Secret: secret, TrustedProxies: proxies, Render: markdown.Render, CORSOrigins: origins,
		}),
		Site: replicaReads(replica != nil, site.New(site.Config{
			Store: st, Views: views, Location: loc, BaseURL: c.BaseURL,
			SiteName: c.SiteName, Now: time.Now, Logger: log,
			Secret: secret, TrustedProxies: proxies, ViewSet: viewSet,
		})),
		WPJSON: wpjson.New(wpjson.Config{
			Store: st, Location: loc, Lang: c.Lang, BaseURL: c.BaseURL, SiteName: c.SiteName,
			Now: time.Now, Logger: log, Secret: secret, TrustedProxies: proxies,
		}),
		Static:     assets,
		MediaDir:   mediaDir,
		Media:      files,
		MediaNames: st,
		DB:         st,
		Logger:     log,
	})
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	var adminSrv *http.Server
	if c.AdminAddr != "" {
		aln, err := net.Listen("tcp", c.AdminAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("cannot listen on --admin-addr %s: %v: choose another address", c.AdminAddr, unwrapAll(err))
		}
		adminSrv = &http.Server{Handler: server.Admin(m), ReadHeaderTimeout: 10 * time.Second, ErrorLog: srv.ErrorLog}
		go adminSrv.Serve(aln)
		defer adminSrv.Close()
		fmt.Fprintf(stdout, "Metrics and profiles at http://%s/metrics and /debug/pprof/\n", aln.Addr())
	}
	fmt.Fprintf(stdout, "Warta is running at %s/ (press Ctrl+C to stop)\n", siteURL)

	jobsCtx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	go publishScheduled(jobsCtx, st, log, m)
	if replica != nil {
		go replica.WatchReplica(jobsCtx, time.Second, log)
	}
	if cache.Follower != nil {
		followCtx := jobsCtx
		if replica != nil {
			// Read the change log where the pages are read: a change
			// seen on the replica has its data there too, so the page
			// rendered after the invalidation is the new one. (A NOTIFY
			// from the primary may come first; the next poll, 250 ms
			// later, then finds the change.)
			followCtx = warta.WithReplicaReads(jobsCtx)
		}
		go cache.Follower.Run(followCtx, pagecache.PollInterval)
		// On PostgreSQL a commit anywhere wakes the follower at once;
		// the poll above stays as the safety net.
		if l, ok := st.(changeListener); ok {
			go l.ListenChanges(jobsCtx, cache.Follower.Wake, log)
		}
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Readiness fails first, while requests are still served, so that a
	// balancer probing /readyz takes this process out before its listener
	// closes; keep-alive connections close after their next response, so
	// their clients reconnect to a process that stays. Only then does
	// Shutdown stop accepting and wait for requests in flight.
	drain.Begin()
	srv.SetKeepAlivesEnabled(false)
	if drainDelay > 0 && drain.Probed() {
		log.Info("shutting down: /readyz fails now; still serving while the load balancer notices", "delay", drainDelay)
		select {
		case <-time.After(drainDelay):
		case err := <-errc:
			return err
		}
	}
	log.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// replicaStore is a store that can send public reads to a read replica.
type replicaStore interface {
	OpenReplica(ctx context.Context, url string) (bool, error)
	WatchReplica(ctx context.Context, interval time.Duration, log *slog.Logger)
}

// openReplica attaches the --database-replica, when given, to st and
// returns st as a replicaStore (nil without a replica). A replica that
// does not answer at start is logged, not fatal: pages read from the
// primary until it does.
func openReplica(ctx context.Context, st store, c serveConfig, log *slog.Logger) (replicaStore, error) {
	if c.Replica == "" {
		return nil, nil
	}
	r, ok := st.(replicaStore)
	if !ok || !isPostgres(c.Replica) {
		return nil, errors.New("--database-replica (WARTA_DATABASE_REPLICA_URL) needs PostgreSQL: give a postgres:// URL there and in --database, or leave it empty")
	}
	usable, err := r.OpenReplica(ctx, c.Replica)
	if !usable {
		return nil, err
	}
	if err != nil {
		log.Warn("read replica does not answer yet: reading from the primary", "err", err)
	}
	return r, nil
}

// replicaReads lets the anonymous, cacheable requests of next read from
// the replica (when on); the rest, personal or not a GET, read the
// primary, so that people see their own writes.
func replicaReads(on bool, next http.Handler) http.Handler {
	if !on {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := pagecache.Key(r); ok {
			r = r.WithContext(warta.WithReplicaReads(r.Context()))
		}
		next.ServeHTTP(w, r)
	})
}

// changeListener is a store that can announce other processes' commits
// as they happen (PostgreSQL's LISTEN/NOTIFY).
type changeListener interface {
	ListenChanges(ctx context.Context, wake func(), log *slog.Logger)
}

// observable is a store that reports its pools, statement times and
// stored comments (sqlstore.Store does).
type observable interface {
	Handles() map[string]*sql.DB
	ObserveQueries(func(handle string, d time.Duration))
	OnComment(func(warta.CommentStatus))
}

// parseOrigins reads --api-cors-origins: "*", or web origins such as
// https://app.example (scheme, host and port only, as browsers send them).
func parseOrigins(s string) ([]string, error) {
	var out []string
	for _, o := range strings.Split(s, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		u, err := url.Parse(o)
		if o != "*" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil) {
			return nil, fmt.Errorf("--api-cors-origins: %q is not an origin: write it as a browser sends it, like https://app.example (no path, no trailing slash), or * for any", o)
		}
		out = append(out, o)
	}
	return out, nil
}

// pageCache is the page cache and what keeps it current.
type pageCache struct {
	Cache    *pagecache.Cache
	Follower *pagecache.Follower
}

// newPageCache makes the page cache the page_cache_mb setting asks for
// (none for 0). This process's own writes invalidate it as they commit;
// other processes' writes reach it through the change log, which the
// follower reads.
func newPageCache(ctx context.Context, st store, log *slog.Logger) (pageCache, error) {
	values, err := st.SettingValues(ctx)
	if err != nil {
		return pageCache{}, err
	}
	settings, err := warta.ParseSettings(values)
	if err != nil {
		return pageCache{}, err
	}
	if settings.PageCacheMB == 0 {
		return pageCache{}, nil
	}
	cache := pagecache.New(int64(settings.PageCacheMB) << 20)
	if os.Getenv("GOMEMLIMIT") == "" { // an operator's own limit wins
		debug.SetMemoryLimit(pagecache.MemoryLimit(int64(settings.PageCacheMB) << 20))
	}
	follower, err := pagecache.NewFollower(ctx, cache, st, log)
	if err != nil {
		return pageCache{}, err
	}
	if h, ok := st.(interface{ OnChange(func(tags []string)) }); ok {
		h.OnChange(func(tags []string) { cache.InvalidateTags(tags...) })
	}
	return pageCache{Cache: cache, Follower: follower}, nil
}

// newLogger logs as JSON when stderr is not a terminal (a service manager
// or a container collects it), and as readable text when a person watches.
func newLogger(w io.Writer) *slog.Logger {
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return slog.New(slog.NewTextHandler(w, nil))
		}
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

// unwrapAll returns the innermost error, which for network errors is the
// part a person understands ("address already in use").
func unwrapAll(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// siteSecret returns the key that signs comment forms and cookies, making
// one at the site's first start. It lives in the database, so every
// process of a site signs alike and a restart keeps readers' cookies valid.
func siteSecret(ctx context.Context, st store) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	stored, err := st.InitSetting(ctx, "site_secret", hex.EncodeToString(fresh))
	if err != nil {
		return nil, fmt.Errorf("reading the site secret: %w", err)
	}
	secret, err := hex.DecodeString(stored)
	if err != nil || len(secret) < 16 {
		return nil, fmt.Errorf("the stored site secret is damaged: remove the setting site_secret to make a new one (readers' comment cookies will reset)")
	}
	return secret, nil
}

// scheduleEvery is how often the scheduler looks for articles whose time
// has come; a story is at most this late.
const scheduleEvery = 15 * time.Second

// publishScheduled publishes scheduled articles when their time comes.
// Several processes may run it on one database: the store publishes each
// article exactly once, and writes its audit entry, whichever process asks
// first (see warta.ArticleStore.PublishDue).
func publishScheduled(ctx context.Context, st store, log *slog.Logger, m *metrics.Metrics) {
	tick := time.NewTicker(scheduleEvery)
	defer tick.Stop()
	for {
		published, err := st.PublishDue(ctx, time.Now())
		if ctx.Err() == nil {
			m.JobRun("publish_scheduled", err)
		}
		if err != nil && ctx.Err() == nil {
			log.Error("publishing scheduled articles", "err", err)
		}
		for _, a := range published {
			log.Info("published on schedule", "article", a.ID)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
