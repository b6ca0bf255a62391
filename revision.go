package warta

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Revision is one saved state of an article's words. Every save writes
// one, so that nothing a writer typed is ever lost.
type Revision struct {
	ArticleID    int64
	Number       int // 1 for the first save, then 2, 3…
	UserID       int64
	UserName     string // filled on reads
	CreatedAt    time.Time
	Headline     string
	Dek          string
	BodyMarkdown string
	Slug         string
	Status       ArticleStatus
	Note         string // why, when it is not an ordinary save: "restored revision 3"
}

// RevisionStore reads revisions; the article store writes them.
type RevisionStore interface {
	// Revisions returns an article's revisions, newest first.
	Revisions(ctx context.Context, articleID int64) ([]*Revision, error)
	// RevisionByNumber returns one revision. Errors: ENOTFOUND.
	RevisionByNumber(ctx context.Context, articleID int64, number int) (*Revision, error)
}

// Correction is a note the newsroom adds at the end of a published article
// when it got something wrong.
type Correction struct {
	ID        int64
	ArticleID int64
	Note      string
	UserID    int64
	CreatedAt time.Time // set by the store
}

// MaxCorrectionLen bounds a correction note.
const MaxCorrectionLen = 2000

// Validate checks the note.
func (c *Correction) Validate() error {
	c.Note = strings.TrimSpace(c.Note)
	switch {
	case c.Note == "":
		return &Error{Code: EINVALID, Message: "the correction is empty", Key: "error.form", Fields: map[string]string{"note": "error.required"}}
	case !utf8.ValidString(c.Note) || utf8.RuneCountInString(c.Note) > MaxCorrectionLen:
		return &Error{Code: EINVALID, Message: "the correction is too long", Key: "error.form", Fields: map[string]string{"note": "error.too_long"}}
	}
	return nil
}

// CorrectionStore keeps corrections.
type CorrectionStore interface {
	// AddCorrection saves c and sets the article's RevisedAt to its time.
	// Errors: ENOTFOUND (no such article), EINVALID.
	AddCorrection(ctx context.Context, c *Correction) error
	// Corrections returns an article's corrections, oldest first.
	Corrections(ctx context.Context, articleID int64) ([]*Correction, error)
}

// Media is an image in the media library.
type Media struct {
	ID           int64
	Hash         string // hex SHA-256 of the original's bytes (after metadata was stripped)
	Path         string // the original, relative to the media folder
	MIME         string // image/jpeg, image/png, image/gif, image/webp, or application/pdf
	Width        int    // 0 for a document
	Height       int
	Size         int64
	Variants     []ImageVariant // narrowest first; never wider than the original
	OriginalName string         // the uploaded file's name, cleaned, for people to recognise
	Alt          string         // default alt text when the image is placed
	Caption      string
	Credit       string
	UploadedBy   int64
	CreatedAt    time.Time
}

// IsImage reports whether m is a picture (not a PDF document): only a
// picture may be a lead image, a figure, an og:image or a feed enclosure.
func (m *Media) IsImage() bool { return strings.HasPrefix(m.MIME, "image/") }

// MediaStore keeps the media library's records; the files live in the
// media folder (see package media).
type MediaStore interface {
	// CreateMedia saves m and sets its ID. The same Hash twice gives
	// ECONFLICT; callers then use MediaByHash.
	CreateMedia(ctx context.Context, m *Media) error
	// MediaByID returns one entry. Errors: ENOTFOUND.
	MediaByID(ctx context.Context, id int64) (*Media, error)
	// MediaByHash returns the entry with that hash. Errors: ENOTFOUND.
	MediaByHash(ctx context.Context, hash string) (*Media, error)
	// MediaList returns one page of the library, newest first, and the total.
	MediaList(ctx context.Context, offset, limit int) ([]*Media, int, error)
	// ImageList is MediaList without documents (see Media.IsImage).
	ImageList(ctx context.Context, offset, limit int) ([]*Media, int, error)
	// UpdateMedia saves alt, caption and credit. Errors: ENOTFOUND.
	UpdateMedia(ctx context.Context, m *Media) error
	// PublishedMedia returns one page, newest first, of the entries that
	// are the lead image of an article readers may see at now, or a
	// document such an article's body links to, and the
	// total; ids, when not empty, keeps only those. Nothing of an
	// embargoed story shows before it is published.
	PublishedMedia(ctx context.Context, now time.Time, ids []int64, offset, limit int) ([]*Media, int, error)
}
