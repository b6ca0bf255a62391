package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"warta"
)

// CreateSection inserts sec and sets its ID. Errors: EINVALID, ECONFLICT.
func (s *Store) CreateSection(ctx context.Context, sec *warta.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO sections (slug, name, description, position)
		VALUES (?, ?, ?, ?)
		RETURNING id`),
		sec.Slug, sec.Name, sec.Description, sec.Position).Scan(&id)
	if err != nil {
		return s.formatError("create section", err)
	}
	if err := s.commitChange(ctx, tx, "create section", warta.TagGlobal); err != nil {
		return err
	}
	sec.ID = id
	return nil
}

// SectionBySlug returns one section. Errors: ENOTFOUND.
func (s *Store) SectionBySlug(ctx context.Context, slug string) (*warta.Section, error) {
	var sec warta.Section
	err := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`
		SELECT id, slug, name, description, position
		FROM sections
		WHERE slug = ?`), slug).
		Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("section")
	} else if err != nil {
		return nil, s.internal("section by slug", err)
	}
	return &sec, nil
}

// Sections returns every section in navigation order: by Position, then
// by name so that equal positions still list in a stable order.
func (s *Store) Sections(ctx context.Context) ([]*warta.Section, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, `
		SELECT id, slug, name, description, position
		FROM sections
		ORDER BY position, name, id`)
	if err != nil {
		return nil, s.internal("sections", err)
	}
	defer rows.Close()
	var out []*warta.Section
	for rows.Next() {
		var sec warta.Section
		if err := rows.Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position); err != nil {
			return nil, s.internal("sections: scan", err)
		}
		out = append(out, &sec)
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("sections", err)
	}
	return out, nil
}

// UpdateSection saves sec's slug, name, description and position.
// Errors: ENOTFOUND, EINVALID, ECONFLICT (the slug is another section's).
func (s *Store) UpdateSection(ctx context.Context, sec *warta.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	return s.updateOne(ctx, "section", `UPDATE sections SET slug = ?, name = ?, description = ?, position = ? WHERE id = ?`,
		sec.Slug, sec.Name, sec.Description, sec.Position, sec.ID)
}
