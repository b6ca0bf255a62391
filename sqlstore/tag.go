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
	if err := s.commitChange(ctx, tx, "create tag", warta.TagSitemap); err != nil {
		return err
	}
	t.ID = id
	return nil
}

// TagBySlug returns one tag. Errors: ENOTFOUND.
func (s *Store) TagBySlug(ctx context.Context, slug string) (*warta.Tag, error) {
	var t warta.Tag
	err := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`
		SELECT id, slug, name FROM tags WHERE slug = ?`), slug).
		Scan(&t.ID, &t.Slug, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("tag")
	} else if err != nil {
		return nil, s.internal("tag by slug", err)
	}
	return &t, nil
}

// Tags returns every tag, by name (then ID, for namesakes).
func (s *Store) Tags(ctx context.Context) ([]*warta.Tag, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, `SELECT id, slug, name FROM tags ORDER BY name, id`)
	if err != nil {
		return nil, s.internal("tags", err)
	}
	defer rows.Close()
	var out []*warta.Tag
	for rows.Next() {
		var t warta.Tag
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return nil, s.internal("tags: scan", err)
		}
		out = append(out, &t)
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("tags", err)
	}
	return out, nil
}

// UpdateTag saves t's slug and name. Errors: ENOTFOUND, EINVALID,
// ECONFLICT (the slug is another tag's).
func (s *Store) UpdateTag(ctx context.Context, t *warta.Tag) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return s.updateOne(ctx, "tag", `UPDATE tags SET slug = ?, name = ? WHERE id = ?`, t.Slug, t.Name, t.ID)
}
