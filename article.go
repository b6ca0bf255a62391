package warta

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// ArticleStatus is where an article stands in the publishing workflow.
type ArticleStatus string

// Article statuses. Only published articles whose PublishedAt has come are
// shown to readers; an unpublished one answers 410 Gone, a draft 404.
const (
	StatusDraft       ArticleStatus = "draft"
	StatusPublished   ArticleStatus = "published"
	StatusUnpublished ArticleStatus = "unpublished"
)

// Valid reports whether s is a known status.
func (s ArticleStatus) Valid() bool {
	switch s {
	case StatusDraft, StatusPublished, StatusUnpublished:
		return true
	}
	return false
}

// Image is a picture with the words that go with it. Path is relative to
// the media folder (for example "2024/06/banjir-demak.jpg") and is served
// under /media/; an empty Path means no image.
type Image struct {
	Path    string
	Alt     string // describes the picture for people who cannot see it
	Caption string // says what the picture shows, in the story's terms
	Credit  string // who made it: "Foto: Rina Pertiwi/Warta"
	Width   int
	Height  int
}

// Article is a news story.
type Article struct {
	ID       int64
	Slug     string
	Headline string
	Dek      string // the standfirst under the headline
	// BodyMarkdown is what the writer typed; BodyHTML is its sanitised
	// rendering, made once when the article is saved (see package markdown).
	BodyMarkdown string
	BodyHTML     string
	Status       ArticleStatus

	// Section, Tags and Authors are filled on every read. On writes only
	// their IDs are used: Section.ID, each Tags[i].ID and Authors[i].ID.
	// Authors keep their order (the byline order).
	Section Section
	Tags    []Tag
	Authors []Author

	LeadImage    Image
	CommentsOpen bool
	// CommentCount is how many approved comments the article has; the
	// store fills it on every read and ignores it on writes.
	CommentCount int

	PublishedAt time.Time // zero until first published
	CreatedAt   time.Time // set by the store
	UpdatedAt   time.Time // set by the store on every save
}

// Limits on article fields, checked by Validate.
const (
	MaxSlugLen     = 200
	MaxHeadlineLen = 300
	MaxDekLen      = 1000
)

// Validate checks the rules that hold for every article, whatever writes
// it. It returns an EINVALID *Error whose Fields name each broken rule.
func (a *Article) Validate() error {
	fields := map[string]string{}
	if !ValidSlug(a.Slug) {
		fields["slug"] = "error.slug_invalid"
	}
	a.Headline = strings.TrimSpace(a.Headline)
	switch {
	case a.Headline == "":
		fields["headline"] = "error.required"
	case !utf8.ValidString(a.Headline) || utf8.RuneCountInString(a.Headline) > MaxHeadlineLen:
		fields["headline"] = "error.too_long"
	}
	a.Dek = strings.TrimSpace(a.Dek)
	if !utf8.ValidString(a.Dek) || utf8.RuneCountInString(a.Dek) > MaxDekLen {
		fields["dek"] = "error.too_long"
	}
	if !utf8.ValidString(a.BodyMarkdown) {
		fields["body"] = "error.invalid_utf8"
	}
	if !a.Status.Valid() {
		fields["status"] = "error.invalid"
	}
	if a.Section.ID == 0 {
		fields["section"] = "error.required"
	}
	if len(a.Authors) == 0 {
		fields["authors"] = "error.required"
	}
	if a.Status == StatusPublished && a.PublishedAt.IsZero() {
		fields["published_at"] = "error.required"
	}
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "the article is not valid", Key: "error.form", Fields: fields}
	}
	return nil
}

// Permalink returns the article's path, /YYYY/MM/DD/slug/, with the date
// taken in loc (the site's time zone), the way readers see it.
func (a *Article) Permalink(loc *time.Location) string {
	return a.PublishedAt.In(loc).Format("/2006/01/02/") + a.Slug + "/"
}

// CommentsAllowed reports whether readers may comment on the article at
// time now: it is visible, its comments are open, and it is not older
// than closeAfterDays (0 means no age limit).
func (a *Article) CommentsAllowed(now time.Time, closeAfterDays int) bool {
	if !a.Visible(now) || !a.CommentsOpen {
		return false
	}
	return closeAfterDays <= 0 || now.Sub(a.PublishedAt) <= time.Duration(closeAfterDays)*24*time.Hour
}

// Visible reports whether readers may see the article at time now.
func (a *Article) Visible(now time.Time) bool {
	return a.Status == StatusPublished && !a.PublishedAt.IsZero() && !a.PublishedAt.After(now)
}

// ArticleFilter selects articles for a list. Zero fields do not filter.
type ArticleFilter struct {
	SectionID int64
	TagID     int64
	AuthorID  int64
	Status    ArticleStatus
	// PublishedBefore keeps articles published at or before it: readers'
	// lists pass "now" so that a story set for later stays hidden.
	PublishedBefore time.Time

	Offset int
	Limit  int // 0 or more than MaxPageSize means MaxPageSize
}

// ArticleStore keeps articles. Lists are newest first by PublishedAt.
type ArticleStore interface {
	// CreateArticle inserts a, sets its ID, CreatedAt and UpdatedAt, and
	// fills Section, Tags and Authors. Errors: EINVALID, ECONFLICT (slug
	// taken, now or formerly).
	CreateArticle(ctx context.Context, a *Article) error
	// UpdateArticle replaces the article with ID a.ID. When the slug
	// changes, the old one keeps pointing at the article (for 301s).
	// Errors: ENOTFOUND, EINVALID, ECONFLICT.
	UpdateArticle(ctx context.Context, a *Article) error
	// ArticleByID returns one article whatever its status. Errors: ENOTFOUND.
	ArticleByID(ctx context.Context, id int64) (*Article, error)
	// ArticleBySlug returns the article whose current or former slug is
	// slug, whatever its status; callers compare a.Slug to redirect.
	// Errors: ENOTFOUND.
	ArticleBySlug(ctx context.Context, slug string) (*Article, error)
	// Articles returns one page of the articles that match f, and how many
	// match in all.
	Articles(ctx context.Context, f ArticleFilter) ([]*Article, int, error)
}
