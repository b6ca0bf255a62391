package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"warta"
)

// revisionColumns are the columns scanRevision reads, in order: the
// revision and the name of its user (empty for none or a removed user).
const revisionColumns = `
	r.article_id, r.number, COALESCE(r.user_id, 0), COALESCE(u.name, ''), r.created_at,
	r.headline, r.dek, r.body_markdown, r.slug, r.status, r.note`

// writeRevisions records the stored state of each article in ids as its
// revision number articles.revision, made by userID (0 for the system) at
// now with note. Callers have already raised articles.revision.
func (s *Store) writeRevisions(ctx context.Context, tx *sql.Tx, ids []any, userID int64, now time.Time, note string) error {
	args := append([]any{nullID(userID), s.d.arg(now), note}, ids...)
	_, err := tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO revisions (article_id, number, user_id, created_at, headline, dek, body_markdown, slug, status, note)
		SELECT id, revision, ?, ?, headline, dek, body_markdown, slug, status, ?
		FROM articles WHERE id IN (`+placeholders(len(ids))+`)`), args...)
	if err != nil {
		return s.formatError("write revision", err)
	}
	return nil
}

// Revisions returns an article's revisions, newest first; none for an
// article that does not exist.
func (s *Store) Revisions(ctx context.Context, articleID int64) ([]*warta.Revision, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.d.Rebind(`
		SELECT `+revisionColumns+`
		FROM revisions r LEFT JOIN users u ON u.id = r.user_id
		WHERE r.article_id = ?
		ORDER BY r.number DESC`), articleID)
	if err != nil {
		return nil, s.internal("revisions", err)
	}
	defer rows.Close()
	var list []*warta.Revision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, s.internal("revisions: scan", err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("revisions", err)
	}
	return list, nil
}

// RevisionByNumber returns one revision. Errors: ENOTFOUND.
func (s *Store) RevisionByNumber(ctx context.Context, articleID int64, number int) (*warta.Revision, error) {
	row := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`
		SELECT `+revisionColumns+`
		FROM revisions r LEFT JOIN users u ON u.id = r.user_id
		WHERE r.article_id = ? AND r.number = ?`), articleID, number)
	r, err := scanRevision(row)
	if err == sql.ErrNoRows {
		return nil, notFound("revision")
	} else if err != nil {
		return nil, s.internal("revision", err)
	}
	return r, nil
}

// scanRevision reads one row of revisionColumns from a *sql.Row or
// *sql.Rows.
func scanRevision(sc interface{ Scan(dest ...any) error }) (*warta.Revision, error) {
	r := &warta.Revision{}
	var status string
	err := sc.Scan(&r.ArticleID, &r.Number, &r.UserID, &r.UserName, timeDest{&r.CreatedAt},
		&r.Headline, &r.Dek, &r.BodyMarkdown, &r.Slug, &status, &r.Note)
	if err != nil {
		return nil, err
	}
	r.Status = warta.ArticleStatus(status)
	return r, nil
}
