package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"warta"
)

// CreateTag inserts t and sets its ID. Errors: EINVALID, ECONFLICT.
func (s *Store) CreateTag(ctx context.Context, t *warta.Tag) error {
	if err := t.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO tags (slug, name) VALUES (?, ?) RETURNING id`),
		t.Slug, t.Name).Scan(&id)
	if err != nil {
		return s.formatError("create tag", err)
	}
	if err := tx.Commit(); err != nil {
		return s.formatError("create tag: commit", err)
	}
	t.ID = id
	return nil
}

// TagBySlug returns one tag. Errors: ENOTFOUND.
func (s *Store) TagBySlug(ctx context.Context, slug string) (*warta.Tag, error) {
	var t warta.Tag
	err := s.read.QueryRowContext(ctx, s.d.Rebind(`
		SELECT id, slug, name FROM tags WHERE slug = ?`), slug).
		Scan(&t.ID, &t.Slug, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("tag")
	} else if err != nil {
		return nil, s.internal("tag by slug", err)
	}
	return &t, nil
}
