package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"warta"
)

// commentColumns are the columns that scanComment reads, in order.
const commentColumns = `
	c.id, c.article_id, c.parent_id, c.depth,
	c.author_name, c.author_email, c.author_url, c.author_ip, c.user_agent,
	c.content, c.content_html, c.status, c.reason, c.nonce,
	c.created_at, c.updated_at`

// approvedCount is the correlated subquery that fills Article.CommentCount
// in the same query as the article; the prefix of comments_thread_idx
// (article_id, status) makes it an index range count.
const approvedCount = `(SELECT COUNT(*) FROM comments k WHERE k.article_id = a.id AND k.status = 'approved')`

// CreateComment inserts c and sets its ID, Depth, CreatedAt and UpdatedAt.
// Errors: EINVALID (including a parent that is missing or on another
// article, Fields["parent_id"], and an article that does not exist,
// Fields["article_id"]), ECONFLICT (nonce already used, Fields["nonce"]).
func (s *Store) CreateComment(ctx context.Context, c *warta.Comment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.clock()

	depth := 0
	if c.ParentID != 0 {
		var articleID int64
		err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT article_id, depth FROM comments WHERE id = ?`), c.ParentID).
			Scan(&articleID, &depth)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && articleID != c.ArticleID) {
			return &warta.Error{
				Code: warta.EINVALID, Message: "the comment replied to is not on this article", Key: "error.form",
				Fields: map[string]string{"parent_id": "error.parent_invalid"},
			}
		} else if err != nil {
			return s.internal("create comment: find parent", err)
		}
		// The caller has already moved a too-deep reply up to the
		// deepest allowed ancestor; the store only follows the parent.
		depth++
	}

	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO comments (
			article_id, parent_id, depth,
			author_name, author_email, author_url, author_ip, user_agent,
			content, content_html, status, reason, nonce, created_at, updated_at
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`),
		c.ArticleID, nullID(c.ParentID), depth,
		c.AuthorName, c.AuthorEmail, c.AuthorURL, c.AuthorIP, c.UserAgent,
		c.Content, c.ContentHTML, string(c.Status), c.Reason, nullText(c.Nonce),
		s.d.arg(now), s.d.arg(now),
	).Scan(&id)
	if err != nil {
		return s.commentError("create comment", err)
	}
	// Readers see only approved comments; a held one shows to its
	// writer alone, whose pages are never cached.
	var changed []string
	if c.Status == warta.CommentApproved {
		if changed, err = s.recordChange(ctx, tx, warta.ArticleTag(c.ArticleID), warta.TagComments); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return s.commentError("create comment: commit", err)
	}
	s.changed(changed)
	s.commentCreated(c.Status)
	c.ID, c.Depth, c.CreatedAt, c.UpdatedAt = id, depth, now, now
	return nil
}

// commentError is formatError for comment writes: nonce is the only
// unique value a comment has, and article_id the only reference not
// checked beforehand, so the driver errors can name the field.
func (s *Store) commentError(doing string, err error) error {
	switch {
	case s.d.IsUnique != nil && s.d.IsUnique(err):
		return &warta.Error{
			Code: warta.ECONFLICT, Message: "this form was already sent", Key: "error.duplicate_submission",
			Fields: map[string]string{"nonce": "error.duplicate_submission"}, Err: err,
		}
	case s.d.IsForeignKey != nil && s.d.IsForeignKey(err):
		return &warta.Error{
			Code: warta.EINVALID, Message: "the article does not exist", Key: "error.form",
			Fields: map[string]string{"article_id": "error.not_found"}, Err: err,
		}
	}
	return s.formatError(doing, err)
}

// CommentByID returns one comment whatever its status. Errors: ENOTFOUND.
func (s *Store) CommentByID(ctx context.Context, id int64) (*warta.Comment, error) {
	return s.commentWhere(ctx, s.reader(ctx), `c.id = ?`, id)
}

// CommentByNonce returns the comment made from the form with nonce.
// Errors: ENOTFOUND (always for the empty nonce, which is stored as NULL).
func (s *Store) CommentByNonce(ctx context.Context, nonce string) (*warta.Comment, error) {
	if nonce == "" {
		return nil, notFound("comment")
	}
	return s.commentWhere(ctx, s.reader(ctx), `c.nonce = ?`, nonce)
}

// commentWhere returns the one comment matching where. Errors: ENOTFOUND.
func (s *Store) commentWhere(ctx context.Context, q querier, where string, arg any) (*warta.Comment, error) {
	c, err := scanComment(q.QueryRowContext(ctx, s.d.Rebind(`SELECT `+commentColumns+` FROM comments c WHERE `+where), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("comment")
	} else if err != nil {
		return nil, s.internal("comment", err)
	}
	return c, nil
}

// UpdateComment saves c's name, email and website, its content (text and
// HTML), status and reason, bumps UpdatedAt, and fills c from what was
// stored. The IP address and user agent record where the comment came
// from, so they are kept as stored (AnonymizeComments clears them), as
// are the article, parent, depth, nonce and CreatedAt. Errors: ENOTFOUND,
// EINVALID.
func (s *Store) UpdateComment(ctx context.Context, c *warta.Comment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.clock()

	res, err := tx.ExecContext(ctx, s.d.Rebind(`
		UPDATE comments SET
			author_name = ?, author_email = ?, author_url = ?,
			content = ?, content_html = ?, status = ?, reason = ?, updated_at = ?
		WHERE id = ?`),
		c.AuthorName, c.AuthorEmail, c.AuthorURL,
		c.Content, c.ContentHTML, string(c.Status), c.Reason, s.d.arg(now),
		c.ID)
	if err != nil {
		return s.formatError("update comment", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.internal("update comment: rows affected", err)
	} else if n == 0 {
		return notFound("comment")
	}
	got, err := s.commentWhere(ctx, tx, `c.id = ?`, c.ID)
	if err != nil {
		return err
	}
	// Whether it was or now is approved, its article's pages and the
	// comment feeds may differ; lists carry the article's tag for its
	// comment count.
	if err := s.commitChange(ctx, tx, "update comment", warta.ArticleTag(got.ArticleID), warta.TagComments); err != nil {
		return err
	}
	*c = *got
	return nil
}

// Comments lists comments for staff, newest first, and how many match.
func (s *Store) Comments(ctx context.Context, f warta.CommentFilter) ([]*warta.Comment, int, error) {
	var where []string
	var args []any
	if f.ArticleID != 0 {
		where, args = append(where, `c.article_id = ?`), append(args, f.ArticleID)
	}
	if f.Status != "" {
		where, args = append(where, `c.status = ?`), append(args, string(f.Status))
	}
	if email := strings.TrimSpace(f.Email); email != "" {
		where, args = append(where, `lower(c.author_email) = lower(?)`), append(args, email)
	}
	where, args = s.wpjsonCommentFilters(f, where, args)
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 || limit > warta.MaxPageSize {
		limit = warta.MaxPageSize
	}
	offset := max(f.Offset, 0)
	order := `c.created_at DESC, c.id DESC`
	if f.Oldest {
		order = `c.created_at ASC, c.id ASC`
	}

	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	// The page's IDs with the total first, then only those rows: with
	// COUNT(*) OVER() on the full rows the database would read the text
	// of every matching comment to return a page of them.
	rows, err := tx.QueryContext(ctx, s.d.Rebind(`
		SELECT c.id, COUNT(*) OVER() FROM comments c`+cond+`
		ORDER BY `+order+` LIMIT ? OFFSET ?`),
		append(args[:len(args):len(args)], limit, offset)...)
	if err != nil {
		return nil, 0, s.internal("comments: page", err)
	}
	var ids []any
	total := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &total); err != nil {
			rows.Close()
			return nil, 0, s.internal("comments: page", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, s.internal("comments: page", err)
	}
	var list []*warta.Comment
	if len(ids) > 0 {
		if list, _, err = s.selectComments(ctx, tx, `
			SELECT `+commentColumns+` FROM comments c WHERE c.id IN (`+placeholders(len(ids))+`)
			ORDER BY `+order, ids, false); err != nil {
			return nil, 0, err
		}
	}
	if len(list) == 0 && offset > 0 {
		// Past the last page COUNT(*) OVER() has no row to ride on.
		if err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT COUNT(*) FROM comments c`+cond), args...).Scan(&total); err != nil {
			return nil, 0, s.internal("comments: count", err)
		}
	}
	return list, total, nil
}

// Thread returns one page of an article's approved discussion: up to
// limit approved top-level comments from offset, oldest first, each
// followed by its approved replies depth first, oldest first among
// siblings. A reply is shown only when every comment above it is
// approved. It also returns how many approved top-level comments the
// article has. A limit of 0 or less means warta.MaxPageSize; a larger one
// is honoured, since the page size is a staff setting and clamping it
// would hide the threads between the clamp and the next page's offset.
//
// Two queries whatever the size of the discussion: the page of top-level
// comments, then one recursive query for all their shown replies.
func (s *Store) Thread(ctx context.Context, articleID int64, offset, limit int) ([]*warta.Comment, int, error) {
	if limit <= 0 {
		limit = warta.MaxPageSize
	}
	offset = max(offset, 0)

	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()

	top, total, err := s.selectComments(ctx, tx, `
		SELECT `+commentColumns+`, COUNT(*) OVER() FROM comments c
		WHERE c.article_id = ? AND c.status = 'approved' AND c.parent_id IS NULL
		ORDER BY c.created_at, c.id LIMIT ? OFFSET ?`,
		[]any{articleID, limit, offset}, true)
	if err != nil {
		return nil, 0, err
	}
	if len(top) == 0 {
		if offset > 0 {
			if err := tx.QueryRowContext(ctx, s.d.Rebind(`
				SELECT COUNT(*) FROM comments
				WHERE article_id = ? AND status = 'approved' AND parent_id IS NULL`), articleID).Scan(&total); err != nil {
				return nil, 0, s.internal("thread: count", err)
			}
		}
		return nil, total, nil
	}

	// The recursion only walks down from approved comments through
	// approved replies, so a reply under a held or trashed comment is
	// never reached. Both steps filter on article_id, status and
	// parent_id, the prefix of comments_thread_idx.
	//
	// CROSS JOIN with the condition in WHERE is an inner join on both
	// databases, but SQLite also takes it as an order: the few rows of
	// shown outside, comments looked up by index inside. Left to choose,
	// SQLite (without ANALYZE statistics) scans every approved comment of
	// the article per step, or every comment on the site in created_at
	// order to skip the final sort.
	args := []any{articleID}
	for _, c := range top {
		args = append(args, c.ID)
	}
	args = append(args, articleID)
	replies, _, err := s.selectComments(ctx, tx, `
		WITH RECURSIVE shown (id) AS (
			SELECT r.id FROM comments r
			WHERE r.article_id = ? AND r.status = 'approved'
				AND r.parent_id IN (`+placeholders(len(top))+`)
			UNION ALL
			SELECT r.id FROM shown CROSS JOIN comments r
			WHERE r.article_id = ? AND r.status = 'approved' AND r.parent_id = shown.id
		)
		SELECT `+commentColumns+` FROM shown CROSS JOIN comments c
		WHERE c.id = shown.id
		ORDER BY c.created_at, c.id`, args, false)
	if err != nil {
		return nil, 0, err
	}
	return displayOrder(top, replies), total, nil
}

// displayOrder puts each top-level comment in top (in order) before its
// replies, depth first. replies must be sorted oldest first, which then
// is the order among siblings.
func displayOrder(top, replies []*warta.Comment) []*warta.Comment {
	children := map[int64][]*warta.Comment{}
	for _, r := range replies {
		children[r.ParentID] = append(children[r.ParentID], r)
	}
	out := make([]*warta.Comment, 0, len(top)+len(replies))
	// An explicit stack instead of recursion: the depth is bounded by a
	// setting, but nothing in the store enforces it.
	stack := slices.Clone(top)
	slices.Reverse(stack)
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		out = append(out, c)
		kids := children[c.ID]
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
	return out
}

// HasApprovedComment reports whether email (any case) has at least one
// approved comment anywhere on the site. The empty email never has: it
// is what anonymised comments hold.
func (s *Store) HasApprovedComment(ctx context.Context, email string) (bool, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return false, nil
	}
	return s.exists(ctx, "has approved comment", `
		SELECT 1 FROM comments
		WHERE lower(author_email) = lower(?) AND status = 'approved'
		LIMIT 1`, email)
}

// IsDuplicateComment reports whether the article already has a comment
// (in any status but trash) from email (any case) with exactly content.
func (s *Store) IsDuplicateComment(ctx context.Context, articleID int64, email, content string) (bool, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return false, nil
	}
	return s.exists(ctx, "is duplicate comment", `
		SELECT 1 FROM comments
		WHERE lower(author_email) = lower(?) AND article_id = ? AND content = ? AND status <> 'trash'
		LIMIT 1`, email, articleID, content)
}

// exists reports whether query returns a row.
func (s *Store) exists(ctx context.Context, doing, query string, args ...any) (bool, error) {
	var one int
	err := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(query), args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, s.internal(doing, err)
	}
	return true, nil
}

// AnonymizeComments erases the personal data of every comment from email
// (any case): the name becomes name; email, website, IP and user agent
// are cleared, and UpdatedAt is bumped. Threads stay whole. It returns
// how many comments changed. Errors: EINVALID for an empty email, which
// would otherwise match every comment anonymised before.
func (s *Store) AnonymizeComments(ctx context.Context, email, name string) (int, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return 0, &warta.Error{
			Code: warta.EINVALID, Message: "no email given", Key: "error.form",
			Fields: map[string]string{"email": "error.required"},
		}
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.d.Rebind(`
		UPDATE comments SET
			author_name = ?, author_email = '', author_url = '', author_ip = '', user_agent = '',
			updated_at = ?
		WHERE lower(author_email) = lower(?)`),
		name, s.d.arg(s.clock()), email)
	if err != nil {
		return 0, s.formatError("anonymize comments", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, s.internal("anonymize comments: rows affected", err)
	}
	var changed []string
	if n > 0 {
		// Names and avatars change on any number of articles.
		if changed, err = s.recordChange(ctx, tx, warta.TagGlobal); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, s.formatError("anonymize comments: commit", err)
	}
	s.changed(changed)
	return int(n), nil
}

// selectComments runs query and scans its comments; with count, each row
// also ends with COUNT(*) OVER(), returned as the total.
func (s *Store) selectComments(ctx context.Context, q querier, query string, args []any, count bool) ([]*warta.Comment, int, error) {
	rows, err := q.QueryContext(ctx, s.d.Rebind(query), args...)
	if err != nil {
		return nil, 0, s.internal("comments", err)
	}
	defer rows.Close()
	var (
		list  []*warta.Comment
		total int
	)
	for rows.Next() {
		var extra []any
		if count {
			extra = []any{&total}
		}
		c, err := scanComment(rows, extra...)
		if err != nil {
			return nil, 0, s.internal("comments: scan", err)
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.internal("comments", err)
	}
	return list, total, nil
}

// scanComment reads commentColumns (then extra) from one row.
func scanComment(row interface{ Scan(...any) error }, extra ...any) (*warta.Comment, error) {
	var (
		c      warta.Comment
		parent sql.NullInt64
		nonce  sql.NullString
		status string
	)
	dest := append([]any{
		&c.ID, &c.ArticleID, &parent, &c.Depth,
		&c.AuthorName, &c.AuthorEmail, &c.AuthorURL, &c.AuthorIP, &c.UserAgent,
		&c.Content, &c.ContentHTML, &status, &c.Reason, &nonce,
		timeDest{&c.CreatedAt}, timeDest{&c.UpdatedAt},
	}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	c.ParentID, c.Nonce, c.Status = parent.Int64, nonce.String, warta.CommentStatus(status)
	return &c, nil
}

// nullID stores the ID 0, "none", as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullText stores the empty string as NULL, so that a UNIQUE column lets
// any number of rows lack a value.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}
