// Package admin serves the newsroom under /admin/: logging in, the
// article editor and its workflow, revisions, corrections, the media
// library, comment moderation, users and settings.
//
// Every page is rendered on the server and works without JavaScript.
// Every handler checks the member of staff's capability on the server
// before it changes anything; a refusal is a 403 that changes nothing.
package admin

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"warta"
	"warta/i18n"
	"warta/media"
	"warta/view"
)

// Config is what the newsroom needs.
type Config struct {
	Store    warta.Store
	Views    *view.Engine
	Location *time.Location
	BaseURL  string // absolute, without a trailing slash
	SiteName string
	Now      warta.Clock
	Logger   *slog.Logger
	// Secret signs preview links; the same for every process of a site.
	Secret []byte
	// MediaDir is the media folder uploads are stored in.
	MediaDir string
	// Media, when set, is where uploads are stored instead (a bucket).
	Media media.Storage
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed when throttling logins by IP.
	TrustedProxies []netip.Prefix
	// Render renders article Markdown into sanitised HTML (package markdown).
	Render func(src string) (string, error)
	// ViewSet, when given, lets the site's language and time zone settings
	// replace Views and Location per request.
	ViewSet *view.Set
}

type handler struct {
	Config
	cat *i18n.Catalog
}

// New returns the newsroom's handler, for /admin/ and /preview/.
func New(cfg Config) http.Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if len(cfg.Secret) < 16 {
		panic("admin: Config.Secret must be at least 16 bytes")
	}
	h := &handler{Config: cfg, cat: cfg.Views.Catalog()}
	if cfg.ViewSet == nil {
		return routes(h)
	}
	return view.PerLocale(cfg.ViewSet, h.locale, func(e *view.Engine) http.Handler {
		local := *h
		local.Views, local.Location, local.cat = e, e.Location(), e.Catalog()
		return routes(&local)
	}, routes(h))
}

// locale returns the language and time zone staff chose in the settings,
// or the ones the site was started with.
func (h *handler) locale(r *http.Request) (string, *time.Location) {
	values, err := h.Store.SettingValues(r.Context())
	if err != nil {
		values = nil
	}
	return view.Locale(values, h.cat.Lang(), h.Location)
}

// page is what every newsroom page shows besides its own content.
type page struct {
	view.Page
	User            *warta.User
	Section         string // which navigation entry is current
	Flash           string // a message key shown at the top
	PendingComments int
}

// newPage fills the common parts of a newsroom page.
func (h *handler) newPage(r *http.Request, title, section string) page {
	p := page{
		Page:    view.Page{SiteName: h.SiteName, Title: title},
		User:    userFrom(r.Context()),
		Section: section,
		Flash:   flashKey(r.URL.Query().Get("done")),
	}
	if p.User.Can(warta.CapModerateComments) {
		if _, n, err := h.Store.Comments(r.Context(), warta.CommentFilter{Status: warta.CommentPending, Limit: 1}); err == nil {
			p.PendingComments = n
		}
	}
	return p
}

// flashes maps the ?done= value that a redirect after a POST carries to
// the message shown; unknown values show nothing.
var flashes = map[string]string{
	"saved": "admin.flash.saved", "submitted": "admin.flash.submitted", "published": "admin.flash.published",
	"scheduled": "admin.flash.scheduled", "unpublished": "admin.flash.unpublished", "deleted": "admin.flash.deleted",
	"restored": "admin.flash.restored", "corrected": "admin.flash.corrected", "resumed": "admin.flash.resumed",
	"uploaded": "admin.flash.uploaded", "moderated": "admin.flash.moderated", "replied": "admin.flash.replied",
	"user_saved": "admin.flash.user_saved", "settings_saved": "admin.flash.settings_saved",
	"password_changed": "admin.flash.password_changed", "logged_out_everywhere": "admin.flash.logged_out_everywhere",
	"token_revoked": "admin.flash.token_revoked",
}

func flashKey(done string) string { return flashes[done] }

// render renders a newsroom page. Newsroom pages are private to the
// person who asked: never cached anywhere.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	b, err := h.Views.Render(name, data)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}

// errorPage is the data of the newsroom's error page.
type errorPage struct {
	page
	Status  int
	Heading string
	Message string
}

// fail answers with the newsroom's error page for status, with the text
// of message key msg when given.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	key := "error." + itoa(status)
	if !h.cat.Has(key + ".title") {
		key = "error.500"
	}
	p := errorPage{page: h.newPage(r, h.cat.T(key+".title"), ""), Status: status,
		Heading: h.cat.T(key + ".title"), Message: h.cat.T(key + ".body")}
	if msg != "" {
		p.Message = h.cat.T(msg)
	}
	h.render(w, r, status, "admin/error", p)
}

// forbidden is the answer to an action the user's role does not allow.
func (h *handler) forbidden(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, http.StatusForbidden, "admin.error.forbidden")
}

// error answers for an error from the store: its code decides the status;
// internal errors are logged and shown without details.
func (h *handler) error(w http.ResponseWriter, r *http.Request, err error) {
	switch warta.ErrorCode(err) {
	case warta.ENOTFOUND:
		h.fail(w, r, http.StatusNotFound, "")
	case warta.EFORBIDDEN:
		h.forbidden(w, r)
	case warta.EINVALID:
		h.fail(w, r, http.StatusBadRequest, "")
	case warta.ECONFLICT:
		h.fail(w, r, http.StatusConflict, "")
	default:
		h.serverError(w, r, err)
	}
}

func (h *handler) serverError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2*time.Second)
	if warta.ErrorCode(err) == warta.EUNAVAILABLE || h.Store.Ping(ctx) != nil {
		status = http.StatusServiceUnavailable
	}
	cancel()
	h.Logger.ErrorContext(r.Context(), "newsroom request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	w.Header().Set("Cache-Control", "no-store")
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "10") // the database is restarting or failing over
	}
	http.Error(w, h.cat.T("error."+itoa(status)+".title"), status)
}

// audit records an act in the audit log; a failure is logged, not fatal:
// the act itself has happened.
func (h *handler) audit(r *http.Request, action, subject, detail string) {
	u := userFrom(r.Context())
	e := &warta.AuditEntry{Action: action, Subject: subject, Detail: detail}
	if u != nil {
		e.UserID, e.UserName = u.ID, u.Name
	}
	if err := h.Store.AddAudit(r.Context(), e); err != nil {
		h.Logger.ErrorContext(r.Context(), "audit log", "action", action, "err", err)
	}
}

// fieldErrors turns validation fields into messages keyed by field.
func (h *handler) fieldErrors(err error) map[string]string {
	var e *warta.Error
	if !asError(err, &e) || e.Fields == nil {
		return nil
	}
	return e.Fields
}

// localPath reports whether next is a path inside the newsroom, so that a
// crafted ?next= cannot send someone off-site after they log in.
func localPath(next string) bool {
	return strings.HasPrefix(next, "/admin/") && !strings.HasPrefix(next, "//") && !strings.ContainsAny(next, "\\\r\n")
}
