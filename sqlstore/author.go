package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"warta"
)

// CreateAuthor inserts a and sets its ID. Errors: EINVALID, ECONFLICT.
func (s *Store) CreateAuthor(ctx context.Context, a *warta.Author) error {
	if err := a.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO authors (slug, name, bio) VALUES (?, ?, ?) RETURNING id`),
		a.Slug, a.Name, a.Bio).Scan(&id)
	if err != nil {
		return s.formatError("create author", err)
	}
	if err := tx.Commit(); err != nil {
		return s.formatError("create author: commit", err)
	}
	a.ID = id
	return nil
}

// AuthorBySlug returns one author. Errors: ENOTFOUND.
func (s *Store) AuthorBySlug(ctx context.Context, slug string) (*warta.Author, error) {
	var a warta.Author
	err := s.read.QueryRowContext(ctx, s.d.Rebind(`
		SELECT id, slug, name, bio FROM authors WHERE slug = ?`), slug).
		Scan(&a.ID, &a.Slug, &a.Name, &a.Bio)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("author")
	} else if err != nil {
		return nil, s.internal("author by slug", err)
	}
	return &a, nil
}
