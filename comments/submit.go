package comments

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"warta"
)

// FloodInterval is the least time between two comments from one IP
// address, and from one email address.
const FloodInterval = 15 * time.Second

// Store is what Submit needs of the database.
type Store interface {
	CommentByID(ctx context.Context, id int64) (*warta.Comment, error)
	CommentByNonce(ctx context.Context, nonce string) (*warta.Comment, error)
	IsDuplicateComment(ctx context.Context, articleID int64, email, content string) (bool, error)
	Allow(ctx context.Context, key string, interval time.Duration) (bool, error)
	HasApprovedComment(ctx context.Context, email string) (bool, error)
	CreateComment(ctx context.Context, c *warta.Comment) error
}

// Refusal says why a comment was not taken: the HTTP status that fits, a
// message key for the reader, and the fields to fix. Every way in (the
// form, the API, the WordPress-compatible API) answers with it.
type Refusal struct {
	Status     int
	Key        string            // "comment.error.duplicate"
	Fields     map[string]string // field name → message key
	RetryAfter time.Duration     // for floods
}

func (r *Refusal) Error() string { return "comment refused: " + r.Key }

// Submission is one reader's comment on its way in. The caller has
// already checked what is particular to its channel (the form's signed
// token and honeypot); Submit applies the rules every channel shares.
type Submission struct {
	Article  *warta.Article
	Settings *warta.Settings
	Secret   []byte
	Now      time.Time
	// Comment carries what the reader sent: Content, AuthorName,
	// AuthorEmail, AuthorURL, AuthorIP, UserAgent, and in ParentID the
	// comment they replied to (0 for a new thread).
	Comment *warta.Comment
	// Nonce makes one submission one comment: the form token's nonce, or
	// an API client's idempotency key. It is joined with a keyed hash of
	// the email, so one cached form shared by many readers still makes
	// one comment per person.
	Nonce string
	// OwnsComment reports whether the sender wrote comment id (a pending
	// comment of their own may take their reply); nil for nobody.
	OwnsComment func(id int64) bool
}

// Submit applies the comment rules in the order they must run (comments
// open, valid fields, one comment per submission, a real parent, no
// duplicate, no flood, then moderation) and stores the comment. It returns
// the stored comment, and existing = true when this submission had
// already made it (a double click). A refusal is a *Refusal; any other
// error is the database's.
func Submit(ctx context.Context, st Store, s Submission) (c *warta.Comment, existing bool, err error) {
	a, c := s.Article, s.Comment
	if !a.CommentsAllowed(s.Now, s.Settings.CommentsCloseAfterDays) {
		return nil, false, &Refusal{Status: http.StatusForbidden, Key: "comment.error.closed"}
	}
	c.ArticleID = a.ID
	c.Status = warta.CommentPending
	if err := c.Validate(); err != nil {
		var e *warta.Error
		if errors.As(err, &e) {
			return nil, false, &Refusal{Status: http.StatusUnprocessableEntity, Key: "comment.error.summary", Fields: e.Fields}
		}
		return nil, false, err
	}
	c.Nonce = s.Nonce + "." + AvatarKey(s.Secret, c.AuthorEmail)[:16]
	if prev, err := st.CommentByNonce(ctx, c.Nonce); err == nil {
		if prev.Content == c.Content {
			return prev, true, nil
		}
		return nil, false, &Refusal{Status: http.StatusConflict, Key: "comment.error.resubmitted"}
	} else if !warta.IsNotFound(err) {
		return nil, false, err
	}

	if c.ParentID != 0 {
		parent, err := replyParent(ctx, st, s, c.ParentID)
		if warta.IsNotFound(err) {
			c.ParentID = 0
			return nil, false, &Refusal{Status: http.StatusUnprocessableEntity, Key: "comment.error.summary", Fields: map[string]string{"content": "error.parent_invalid"}}
		} else if err != nil {
			return nil, false, err
		}
		c.ParentID = parent
	}
	dup, err := st.IsDuplicateComment(ctx, a.ID, c.AuthorEmail, c.Content)
	if err != nil {
		return nil, false, err
	}
	if dup {
		return nil, false, &Refusal{Status: http.StatusConflict, Key: "comment.error.duplicate"}
	}
	for _, key := range []string{"comment-ip:" + c.AuthorIP, "comment-email:" + strings.ToLower(c.AuthorEmail)} {
		ok, err := st.Allow(ctx, key, FloodInterval)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			return nil, false, &Refusal{Status: http.StatusTooManyRequests, Key: "comment.error.flood", RetryAfter: FloodInterval}
		}
	}

	hasApproved, err := st.HasApprovedComment(ctx, c.AuthorEmail)
	if err != nil {
		return nil, false, err
	}
	c.Status, c.Reason = Moderate(c, s.Settings, hasApproved)
	c.ContentHTML = Format(c.Content)
	if err := st.CreateComment(ctx, c); err != nil {
		if warta.ErrorCode(err) == warta.ECONFLICT {
			// The same submission, sent twice at the same instant: the first won.
			if prev, perr := st.CommentByNonce(ctx, c.Nonce); perr == nil {
				return prev, true, nil
			}
		}
		var e *warta.Error
		if errors.As(err, &e) && e.Code == warta.EINVALID {
			return nil, false, &Refusal{Status: http.StatusUnprocessableEntity, Key: "comment.error.summary", Fields: e.Fields}
		}
		return nil, false, err
	}
	return c, false, nil
}

// replyParent checks that parentID is an approved comment on the article
// (or the sender's own pending one) and returns the comment a reply should
// hang under; see ReplyParent.
func replyParent(ctx context.Context, st Store, s Submission, parentID int64) (int64, error) {
	p, err := st.CommentByID(ctx, parentID)
	if err != nil {
		return 0, err
	}
	own := s.OwnsComment != nil && s.OwnsComment(p.ID)
	if p.ArticleID != s.Article.ID || (p.Status != warta.CommentApproved && !own) {
		return 0, warta.Errorf(warta.ENOTFOUND, "comment %d is not on article %d", parentID, s.Article.ID)
	}
	return ReplyParent(ctx, p, s.Settings.CommentMaxDepth, st.CommentByID)
}
