// Package newsroom holds what saving an article means, whichever way the
// words come in: the newsroom's editor (package admin) and the REST API
// (package api) both call Save, so the workflow, the capability checks,
// the Markdown rendering, the slug rules and the audit log are the same
// for a person at a screen and for a program with a token.
package newsroom

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/slug"
)

// Action is the workflow step a save asks for.
type Action string

// Actions. Save keeps the status (a new article is a draft); Submit sends
// a draft for review; Publish, Schedule and Unpublish need the right to
// publish the article.
const (
	Save      Action = "save"
	Submit    Action = "submit"
	Publish   Action = "publish"
	Schedule  Action = "schedule"
	Unpublish Action = "unpublish"
)

// Input is one save of an article as the writer gave it.
type Input struct {
	// Revision is the revision the writer started from; a save based on
	// an older one is refused (ECONFLICT, Fields["revision"]).
	Revision     int
	Headline     string
	Dek          string
	Body         string // Markdown
	Slug         string // empty: made from the headline (-2, -3… when taken)
	SectionID    int64
	Tags         []string // names; the ones that do not exist yet are made
	AuthorIDs    []int64  // the byline in order; empty means the writer
	PublishedAt  time.Time
	CommentsOpen bool
	LeadMediaID  int64 // a media library entry, 0 for no lead image
	LeadAlt      string
	LeadCaption  string
	LeadCredit   string
	Substantive  bool
	Action       Action
	// Problems are what the caller found wrong while reading its input
	// (a time it could not parse, an upload it refused), field → message
	// key; they are reported together with the rest.
	Problems map[string]string
}

// Saver saves articles.
type Saver struct {
	Store warta.Store
	// Render turns Markdown into sanitised HTML (package markdown).
	Render func(src string) (string, error)
	Now    warta.Clock
	// Location is the newsroom's time zone, for the audit log's dates.
	Location *time.Location
	Logger   *slog.Logger
}

// Check reports whether u may take action on stored (nil for a new
// article): nil, or an EFORBIDDEN error (EINVALID for an unknown action).
// It is checked against the article as stored, never against what a
// form or a request body claims.
func Check(u *warta.User, stored *warta.Article, action Action) error {
	probe := &warta.Article{Status: warta.StatusDraft, OwnerID: u.ID}
	if stored != nil {
		if !u.CanEdit(stored) {
			return forbidden()
		}
		probe = stored
	} else if !u.Can(warta.CapWriteDrafts) {
		return forbidden()
	}
	switch action {
	case "", Save:
	case Submit:
		if !u.Owns(probe) && !u.Can(warta.CapEditOthers) {
			return forbidden()
		}
	case Publish, Schedule, Unpublish:
		if !u.CanPublish(probe) {
			return forbidden()
		}
	default:
		return &warta.Error{Code: warta.EINVALID, Message: "unknown action " + strconv.Quote(string(action)), Key: "error.invalid",
			Fields: map[string]string{"action": "error.invalid"}}
	}
	return nil
}

func forbidden() *warta.Error {
	return &warta.Error{Code: warta.EFORBIDDEN, Message: "you may not do this to the article", Key: "admin.error.forbidden"}
}

// Save creates (stored == nil) or changes stored as u, with in's words
// and workflow step, and returns the article as saved. Errors: EFORBIDDEN
// (see Check), EINVALID with Fields naming every problem (nothing is
// saved), ECONFLICT with Fields["revision"] when someone saved since
// in.Revision, or with Fields["slug"] when a slug typed is taken.
func (s *Saver) Save(ctx context.Context, u *warta.User, stored *warta.Article, in Input) (*warta.Article, error) {
	if err := Check(u, stored, in.Action); err != nil {
		return nil, err
	}
	errs := map[string]string{}
	for k, v := range in.Problems {
		errs[k] = v
	}
	a := &warta.Article{Status: warta.StatusDraft, OwnerID: u.ID}
	if stored != nil {
		edited := *stored
		a = &edited
		a.Revision = in.Revision
	}
	if in.Action == Submit && a.Status == warta.StatusDraft {
		a.Status = warta.StatusPending
	}

	a.Headline, a.Dek, a.BodyMarkdown = in.Headline, in.Dek, in.Body
	a.CommentsOpen = in.CommentsOpen
	a.Section = warta.Section{ID: in.SectionID}
	a.EditedBy, a.Substantive = u.ID, in.Substantive
	html, err := s.Render(in.Body)
	if err != nil {
		errs["body"] = "error.invalid_utf8"
	}
	a.BodyHTML = html

	wanted := strings.TrimSpace(in.Slug)
	if wanted == "" {
		wanted = in.Headline
	}
	if a.Slug = slug.Make(wanted); a.Slug == "" {
		errs["slug"] = "admin.error.slug_empty"
	}
	when, now := in.PublishedAt, s.Now()
	switch in.Action {
	case Publish:
		a.Status = warta.StatusPublished
		switch {
		case !when.IsZero() && when.After(now):
			errs["published_at"] = "admin.error.time_future"
		case !when.IsZero():
			a.PublishedAt = when // backdated on purpose
		case a.PublishedAt.IsZero() || stored == nil || stored.Status != warta.StatusPublished:
			a.PublishedAt = now
		}
	case Schedule:
		a.Status = warta.StatusScheduled
		if (when.IsZero() || !when.After(now)) && errs["published_at"] == "" {
			errs["published_at"] = "admin.error.time_past"
		}
		a.PublishedAt = when
	case Unpublish:
		a.Status = warta.StatusUnpublished
	}

	ids := in.AuthorIDs
	if len(ids) == 0 {
		ids = []int64{u.AuthorID}
	}
	a.Authors = nil
	for _, id := range ids {
		if id != 0 {
			a.Authors = append(a.Authors, warta.Author{ID: id})
		}
	}

	a.LeadImage = warta.Image{}
	if in.LeadMediaID != 0 {
		m, err := s.Store.MediaByID(ctx, in.LeadMediaID)
		if warta.IsNotFound(err) {
			errs["lead_media_id"] = "error.not_found"
		} else if err != nil {
			return nil, err
		} else if !m.IsImage() {
			// A PDF in the library has no pixels to show: as a lead
			// image it would break the page, og:image and the feeds.
			errs["lead_media_id"] = "docs.error.lead_not_image"
		} else {
			a.LeadImage = warta.Image{MediaID: m.ID, Path: m.Path, Width: m.Width, Height: m.Height, Variants: m.Variants,
				Alt: strings.TrimSpace(in.LeadAlt), Caption: strings.TrimSpace(in.LeadCaption), Credit: strings.TrimSpace(in.LeadCredit)}
			if a.LeadImage.Alt == "" {
				errs["lead_alt"] = "admin.error.alt_required"
			}
		}
	}

	if len(errs) == 0 {
		if err := a.Validate(); err != nil {
			var e *warta.Error
			if !errors.As(err, &e) {
				return nil, err
			}
			for k, v := range e.Fields {
				errs[k] = v
			}
		}
	}
	if len(errs) > 0 {
		return nil, &warta.Error{Code: warta.EINVALID, Message: "the article is not valid", Key: "error.form", Fields: errs}
	}
	// Tags are made only once the rest is known to be good, so a refused
	// save leaves no new tags behind.
	if a.Tags, err = s.tags(ctx, in.Tags); err != nil {
		return nil, err
	}
	if err := s.saveWithFreeSlug(ctx, a, stored == nil, strings.TrimSpace(in.Slug) == ""); err != nil {
		return nil, err
	}

	switch in.Action {
	case Publish:
		s.audit(ctx, u, "article.publish", a, "")
	case Schedule:
		loc := s.Location
		if loc == nil {
			loc = time.UTC
		}
		s.audit(ctx, u, "article.schedule", a, a.PublishedAt.In(loc).Format(time.RFC3339))
	case Unpublish:
		s.audit(ctx, u, "article.unpublish", a, "")
	}
	return a, nil
}

// saveWithFreeSlug creates or updates a. When the slug was made from the
// headline (not typed) and is taken, it tries slug-2, slug-3…, as a writer
// would; a typed slug that is taken is the writer's to change.
func (s *Saver) saveWithFreeSlug(ctx context.Context, a *warta.Article, create, generated bool) error {
	base := a.Slug
	for n := 1; ; n++ {
		a.Slug = slug.Nth(base, n)
		var err error
		if create {
			err = s.Store.CreateArticle(ctx, a)
		} else {
			err = s.Store.UpdateArticle(ctx, a)
		}
		var e *warta.Error
		if !generated || n >= 20 || !errors.As(err, &e) || e.Code != warta.ECONFLICT || e.Fields["slug"] == "" {
			return err
		}
	}
}

// tags turns names such as "Banjir", "Jawa Tengah" into tags, making the
// ones that do not exist yet; names that make the same slug count once.
func (s *Saver) tags(ctx context.Context, names []string) ([]warta.Tag, error) {
	var out []warta.Tag
	seen := map[string]bool{}
	for _, name := range names {
		name = strings.TrimSpace(name)
		sl := slug.Make(name)
		if sl == "" || seen[sl] {
			continue
		}
		seen[sl] = true
		t, err := s.Store.TagBySlug(ctx, sl)
		if warta.IsNotFound(err) {
			t = &warta.Tag{Slug: sl, Name: name}
			err = s.Store.CreateTag(ctx, t)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, nil
}

// audit records a workflow step; a failure to record is logged, since
// the article is saved either way.
func (s *Saver) audit(ctx context.Context, u *warta.User, action string, a *warta.Article, detail string) {
	e := &warta.AuditEntry{Action: action, Subject: Subject(a), Detail: detail, UserID: u.ID, UserName: u.Name}
	if err := s.Store.AddAudit(ctx, e); err != nil && s.Logger != nil {
		s.Logger.ErrorContext(ctx, "audit log", "action", action, "err", err)
	}
}

// Subject names an article in the audit log.
func Subject(a *warta.Article) string {
	return "article " + strconv.FormatInt(a.ID, 10) + ": " + a.Headline
}
