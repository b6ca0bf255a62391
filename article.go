package warta

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// ArticleStatus is where an article stands in the publishing workflow.
type ArticleStatus string

// Article statuses, in workflow order: draft → pending review → scheduled
// or published → unpublished. Only published articles whose PublishedAt
// has come are shown to readers; an unpublished one answers 410 Gone, the
// others 404. A scheduled article is published by a background job when
// its PublishedAt comes.
const (
	StatusDraft       ArticleStatus = "draft"
	StatusPending     ArticleStatus = "pending" // submitted for review
	StatusScheduled   ArticleStatus = "scheduled"
	StatusPublished   ArticleStatus = "published"
	StatusUnpublished ArticleStatus = "unpublished"
)

// ArticleStatuses lists every status in workflow order.
var ArticleStatuses = []ArticleStatus{StatusDraft, StatusPending, StatusScheduled, StatusPublished, StatusUnpublished}

// Valid reports whether s is a known status.
func (s ArticleStatus) Valid() bool {
	for _, x := range ArticleStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Image is a picture with the words that go with it. Path is relative to
// the media folder (for example "2024/06/banjir-demak.jpg") and is served
// under /media/; an empty Path means no image.
type Image struct {
	MediaID int64 // the media library entry it came from; 0 for none
	Path    string
	Alt     string // describes the picture for people who cannot see it
	Caption string // says what the picture shows, in the story's terms
	Credit  string // who made it: "Foto: Rina Pertiwi/Warta"
	Width   int
	Height  int
	// Variants are smaller copies for srcset, narrowest first.
	Variants []ImageVariant
}

// ImageVariant is one resized copy of an image.
type ImageVariant struct {
	Path   string // relative to the media folder, like Image.Path
	Width  int
	Height int
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

	PublishedAt time.Time // zero until first published; for a scheduled article, when it will be
	CreatedAt   time.Time // set by the store
	UpdatedAt   time.Time // set by the store on every save
	// RevisedAt is when the article last changed in substance after it was
	// published (a substantive update or a correction); zero if never.
	// Readers see it as "Diperbarui".
	RevisedAt time.Time

	// OwnerID is the user who created the article (0 for imported or demo
	// articles); with the byline it decides whose "own" article this is.
	OwnerID int64
	// Revision is the number of the article's latest revision, set by the
	// store. UpdateArticle refuses (ECONFLICT) a save whose Revision is not
	// the latest, so that a second editor cannot overwrite the first.
	Revision int

	// Write-only fields, read by CreateArticle and UpdateArticle:
	// EditedBy is the user making this save, recorded in the revision;
	// RevisionNote says why ("restored revision 3"); Substantive marks a
	// save of a published article as an update readers should be told of.
	EditedBy     int64
	RevisionNote string
	Substantive  bool
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
	if (a.Status == StatusPublished || a.Status == StatusScheduled) && a.PublishedAt.IsZero() {
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
	// IDs keeps only these articles, when not empty.
	IDs       []int64
	SectionID int64
	TagID     int64
	AuthorID  int64
	Status    ArticleStatus
	// Text keeps articles whose headline, dek or slug contains it (any case).
	Text string
	// PublishedBefore keeps articles published at or before it: readers'
	// lists pass "now" so that a story set for later stays hidden.
	PublishedBefore time.Time

	// Lists of IDs and the other filters and orders of the
	// WordPress-compatible API (package wpjson). SectionIDs, TagIDs and
	// AuthorIDs keep an article in any of the named ones.
	SectionIDs     []int64
	TagIDs         []int64
	AuthorIDs      []int64
	PublishedAfter time.Time // keeps articles published strictly after it
	LeadMediaID    int64     // keeps articles whose lead image is this media entry
	DocumentID     int64     // keeps articles whose body links to this document (a PDF in the library)
	// OrderBy and Ascending replace the list order (newest first); ties
	// are broken by ID in the same direction.
	OrderBy   ArticleOrderBy
	Ascending bool

	Offset int
	Limit  int // 0 or more than MaxPageSize means MaxPageSize
}

// ArticleOrderBy names what a list is sorted by.
type ArticleOrderBy string

// The orders a list may take. OrderByDate ("") is the default.
const (
	OrderByDate     ArticleOrderBy = ""
	OrderByID       ArticleOrderBy = "id"
	OrderByTitle    ArticleOrderBy = "title"
	OrderBySlug     ArticleOrderBy = "slug"
	OrderByModified ArticleOrderBy = "modified"
)

// ArticleStore keeps articles. Lists are newest first by PublishedAt.
type ArticleStore interface {
	// CreateArticle inserts a with its first revision, sets its ID,
	// Revision, CreatedAt and UpdatedAt, and fills Section, Tags and Authors. Errors: EINVALID, ECONFLICT (slug
	// taken, now or formerly).
	CreateArticle(ctx context.Context, a *Article) error
	// UpdateArticle replaces the article with ID a.ID and writes a new
	// revision. When the slug changes, the old one keeps pointing at the
	// article (for 301s). When a.Revision is not the stored latest, it
	// changes nothing and returns ECONFLICT with Fields["revision"].
	// Errors: ENOTFOUND, EINVALID, ECONFLICT (slug or revision).
	UpdateArticle(ctx context.Context, a *Article) error
	// DeleteArticle deletes an article with its comments, revisions and
	// corrections. Errors: ENOTFOUND.
	DeleteArticle(ctx context.Context, id int64) error
	// PublishDue publishes every scheduled article whose PublishedAt is at
	// or before now, and returns them. Each is published exactly once even
	// when several processes call it at the same moment, with one audit
	// entry (article.publish, "on schedule") written in the same
	// transaction. A call that finds another process at work returns
	// none: that process publishes them.
	PublishDue(ctx context.Context, now time.Time) ([]*Article, error)
	// ArticleByID returns one article whatever its status. Errors: ENOTFOUND.
	ArticleByID(ctx context.Context, id int64) (*Article, error)
	// ArticleBySlug returns the article whose current or former slug is
	// slug, whatever its status; callers compare a.Slug to redirect.
	// Errors: ENOTFOUND.
	ArticleBySlug(ctx context.Context, slug string) (*Article, error)
	// Articles returns one page of the articles that match f, and how many
	// match in all.
	Articles(ctx context.Context, f ArticleFilter) ([]*Article, int, error)
	// TermCounts returns how many articles readers may see at now in each
	// section and in each tag, keyed by ID; a term with none is absent.
	// Two queries, whatever the number of terms.
	TermCounts(ctx context.Context, now time.Time) (sections, tags map[int64]int, err error)
}
