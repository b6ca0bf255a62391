package warta

import (
	"context"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// CommentStatus is where a reader's comment stands in moderation.
type CommentStatus string

// Comment statuses. Only approved comments are shown to readers (and a
// pending one to the browser that wrote it).
const (
	CommentPending  CommentStatus = "pending" // held for a moderator
	CommentApproved CommentStatus = "approved"
	CommentSpam     CommentStatus = "spam"
	CommentTrash    CommentStatus = "trash"
)

// Valid reports whether s is a known comment status.
func (s CommentStatus) Valid() bool {
	switch s {
	case CommentPending, CommentApproved, CommentSpam, CommentTrash:
		return true
	}
	return false
}

// Comment is a reader's reply under an article.
type Comment struct {
	ID        int64
	ArticleID int64
	ParentID  int64 // 0 for a comment that starts a thread
	Depth     int   // 0 at the top of a thread; the store sets it from the parent

	AuthorName  string
	AuthorEmail string // never shown to anyone but staff
	AuthorURL   string
	AuthorIP    string // never shown to anyone but staff
	UserAgent   string

	Content     string // as the reader typed it
	ContentHTML string // its safe rendering (see package comments), made on save

	Status CommentStatus
	// Reason records why the comment has its status: which moderation
	// rule decided, or which member of staff.
	Reason string
	// Nonce is the nonce of the form the comment came from. A form makes
	// at most one comment, so a double click or a resend makes one.
	Nonce string

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Limits on what a reader may send, the same WordPress applies.
const (
	MaxCommentAuthorLen  = 245
	MaxCommentEmailLen   = 100
	MaxCommentURLLen     = 200
	MaxCommentContentLen = 65525
)

// Validate trims the reader's fields and checks them. It returns an
// EINVALID *Error whose Fields map "content", "author", "email" and "url"
// to message keys.
func (c *Comment) Validate() error {
	fields := map[string]string{}
	check := func(field string, p *string, max int, required bool) bool {
		*p = strings.TrimSpace(*p)
		switch {
		case !utf8.ValidString(*p) || strings.ContainsRune(*p, 0):
			fields[field] = "error.invalid_utf8"
		case *p == "" && required:
			fields[field] = "error.required"
		case utf8.RuneCountInString(*p) > max:
			fields[field] = "error.too_long"
		default:
			return true
		}
		return false
	}
	check("content", &c.Content, MaxCommentContentLen, true)
	check("author", &c.AuthorName, MaxCommentAuthorLen, true)
	if check("email", &c.AuthorEmail, MaxCommentEmailLen, true) && !ValidEmail(c.AuthorEmail) {
		fields["email"] = "error.email_invalid"
	}
	if check("url", &c.AuthorURL, MaxCommentURLLen, false) && c.AuthorURL != "" && !validWebsite(c.AuthorURL) {
		fields["url"] = "error.url_invalid"
	}
	if !c.Status.Valid() {
		fields["status"] = "error.invalid"
	}
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "the comment is not valid", Key: "error.form", Fields: fields}
	}
	return nil
}

// ValidEmail reports whether s is a plain address like name@example.id:
// no display name, and a domain with a dot in it.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// validWebsite accepts absolute http and https addresses only.
func validWebsite(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\r\n\"'<>")
}

// CommentFilter selects comments for staff. Zero fields do not filter.
type CommentFilter struct {
	ArticleID int64
	Status    CommentStatus
	Email     string // compared without regard to case
	// For public lists (package wpjson): VisibleAt keeps comments on
	// articles readers may see at that time (Article.Visible); Parents,
	// when not nil, keeps replies to these comments (0: top level);
	// Oldest lists oldest first instead of newest first.
	VisibleAt  time.Time
	ArticleIDs []int64 // any of these articles, when not empty
	Parents    []int64
	Oldest     bool
	Offset     int
	Limit      int // 0 or more than MaxPageSize means MaxPageSize
}

// CommentStore keeps comments.
type CommentStore interface {
	// CreateComment inserts c and sets its ID, Depth, CreatedAt and
	// UpdatedAt. A reply's parent must be a comment on the same article
	// (else EINVALID with Fields["parent_id"] = "error.parent_invalid").
	// A Nonce already used gives ECONFLICT with Fields["nonce"].
	CreateComment(ctx context.Context, c *Comment) error
	// CommentByID returns one comment whatever its status. Errors: ENOTFOUND.
	CommentByID(ctx context.Context, id int64) (*Comment, error)
	// CommentByNonce returns the comment made from the form with nonce.
	// Errors: ENOTFOUND.
	CommentByNonce(ctx context.Context, nonce string) (*Comment, error)
	// UpdateComment saves c's author fields, content, status and reason,
	// and bumps UpdatedAt. Errors: ENOTFOUND, EINVALID.
	UpdateComment(ctx context.Context, c *Comment) error
	// Comments lists comments for staff, newest first, and how many match.
	Comments(ctx context.Context, f CommentFilter) ([]*Comment, int, error)
	// Thread returns one page of an article's approved discussion: up to
	// limit approved top-level comments from offset, oldest first, each
	// followed by its approved replies in display order (depth first,
	// oldest first among siblings; a reply under a comment that is not
	// approved is not shown). It also returns how many approved top-level
	// comments the article has.
	Thread(ctx context.Context, articleID int64, offset, limit int) ([]*Comment, int, error)
	// HasApprovedComment reports whether email (any case) has at least one
	// approved comment anywhere on the site.
	HasApprovedComment(ctx context.Context, email string) (bool, error)
	// IsDuplicateComment reports whether the article already has a comment
	// (in any status but trash) from email (any case) with exactly content.
	IsDuplicateComment(ctx context.Context, articleID int64, email, content string) (bool, error)
	// AnonymizeComments erases the personal data of every comment from
	// email (any case): the name becomes name, email, website, IP and user
	// agent are cleared. Threads stay whole. It returns how many changed.
	AnonymizeComments(ctx context.Context, email, name string) (int, error)
}

// RateLimiter spaces out events that share a key ("comment-ip:1.2.3.4").
// Its state lives in the database, so a limit holds across restarts and
// across every process that shares the database.
type RateLimiter interface {
	// Allow reports whether an event for key may happen now: it may when
	// the last allowed event for key was at least every ago. An allowed
	// event is recorded in the same atomic step, so two processes asking
	// at once cannot both be allowed.
	Allow(ctx context.Context, key string, every time.Duration) (bool, error)
}
