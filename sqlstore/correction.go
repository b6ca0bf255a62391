package sqlstore

import (
	"context"

	"warta"
)

// AddCorrection saves c, sets its ID and CreatedAt, and sets the
// article's RevisedAt (and UpdatedAt) to that time, so readers see when
// it last changed. Errors: EINVALID, ENOTFOUND (no such article).
func (s *Store) AddCorrection(ctx context.Context, c *warta.Correction) error {
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
		UPDATE articles SET revised_at = ?, updated_at = ? WHERE id = ?`),
		s.d.arg(now), s.d.arg(now), c.ArticleID)
	if err != nil {
		return s.internal("add correction: revise article", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.internal("add correction: revise article", err)
	} else if n == 0 {
		return notFound("article")
	}
	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO corrections (article_id, note, user_id, created_at)
		VALUES (?, ?, ?, ?) RETURNING id`),
		c.ArticleID, c.Note, nullID(c.UserID), s.d.arg(now)).Scan(&id)
	if err != nil {
		return s.formatError("add correction", err)
	}
	a, err := s.articleByID(ctx, tx, c.ArticleID)
	if err != nil {
		return err
	}
	if err := s.commitChange(ctx, tx, "add correction", articleTags(a)...); err != nil {
		return err
	}
	c.ID, c.CreatedAt = id, now
	return nil
}

// Corrections returns an article's corrections, oldest first.
func (s *Store) Corrections(ctx context.Context, articleID int64) ([]*warta.Correction, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.d.Rebind(`
		SELECT id, article_id, note, COALESCE(user_id, 0), created_at
		FROM corrections WHERE article_id = ?
		ORDER BY created_at, id`), articleID)
	if err != nil {
		return nil, s.internal("corrections", err)
	}
	defer rows.Close()
	var list []*warta.Correction
	for rows.Next() {
		c := &warta.Correction{}
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.Note, &c.UserID, timeDest{&c.CreatedAt}); err != nil {
			return nil, s.internal("corrections: scan", err)
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("corrections", err)
	}
	return list, nil
}
