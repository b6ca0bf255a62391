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
	if err := s.commitChange(ctx, tx, "create author", warta.TagSitemap); err != nil {
		return err
	}
	a.ID = id
	return nil
}

// AuthorBySlug returns one author. Errors: ENOTFOUND.
func (s *Store) AuthorBySlug(ctx context.Context, slug string) (*warta.Author, error) {
	var a warta.Author
	err := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`
		SELECT id, slug, name, bio FROM authors WHERE slug = ?`), slug).
		Scan(&a.ID, &a.Slug, &a.Name, &a.Bio)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("author")
	} else if err != nil {
		return nil, s.internal("author by slug", err)
	}
	return &a, nil
}

// AuthorByID returns one author. Errors: ENOTFOUND.
func (s *Store) AuthorByID(ctx context.Context, id int64) (*warta.Author, error) {
	var a warta.Author
	err := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`
		SELECT id, slug, name, bio FROM authors WHERE id = ?`), id).
		Scan(&a.ID, &a.Slug, &a.Name, &a.Bio)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("author")
	} else if err != nil {
		return nil, s.internal("author by id", err)
	}
	return &a, nil
}

// Authors returns every author profile, by name (then ID, for namesakes).
func (s *Store) Authors(ctx context.Context) ([]*warta.Author, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, `SELECT id, slug, name, bio FROM authors ORDER BY name, id`)
	if err != nil {
		return nil, s.internal("authors", err)
	}
	defer rows.Close()
	var out []*warta.Author
	for rows.Next() {
		var a warta.Author
		if err := rows.Scan(&a.ID, &a.Slug, &a.Name, &a.Bio); err != nil {
			return nil, s.internal("authors: scan", err)
		}
		out = append(out, &a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("authors", err)
	}
	return out, nil
}

// UpdateAuthor saves a's slug, name and bio. Errors: ENOTFOUND, EINVALID,
// ECONFLICT (the slug is another author's).
func (s *Store) UpdateAuthor(ctx context.Context, a *warta.Author) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.updateOne(ctx, "author", `UPDATE authors SET slug = ?, name = ?, bio = ? WHERE id = ?`,
		a.Slug, a.Name, a.Bio, a.ID)
}

// updateOne runs an UPDATE of one row by ID in its own transaction.
// what names the thing for errors. Errors: ENOTFOUND when no row has the
// ID, ECONFLICT on a taken slug.
func (s *Store) updateOne(ctx context.Context, what, query string, args ...any) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.d.Rebind(query), args...)
	if err != nil {
		return s.formatError("update "+what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return s.internal("update "+what+": rows affected", err)
	}
	if n == 0 {
		return notFound(what)
	}
	// Sections, tags and authors are named on every page that shows
	// their articles (and sections in every page's navigation).
	return s.commitChange(ctx, tx, "update "+what, warta.TagGlobal)
}
