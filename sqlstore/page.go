package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"warta"
)

// pageColumns are the columns that scanPage reads, in order.
const pageColumns = `id, slug, title, body_markdown, body_html, status, menu_order, menu_label, created_at, updated_at, revision`

// scanPage reads one row of pageColumns.
func scanPage(row interface{ Scan(...any) error }) (*warta.Page, error) {
	var p warta.Page
	var status string
	err := row.Scan(&p.ID, &p.Slug, &p.Title, &p.BodyMarkdown, &p.BodyHTML, &status,
		&p.MenuOrder, &p.MenuLabel, timeDest{&p.CreatedAt}, timeDest{&p.UpdatedAt}, &p.Revision)
	p.Status = warta.PageStatus(status)
	return &p, err
}

// pageTags are the tags of the public pages that show p: its own address
// and the sitemap when it is published, and every page (the footer menu)
// when it is in the menu. Called with a page as it was before a write and
// as it is after, it names the pages it left and the ones it joined.
func pageTags(list ...*warta.Page) []string {
	var tags []string
	for _, p := range list {
		if p == nil || !p.Published() {
			continue
		}
		tags = append(tags, warta.PageTag(p.ID), warta.TagSitemap)
		if p.InMenu() {
			tags = append(tags, warta.TagGlobal)
		}
	}
	return tags
}

// CreatePage inserts p and sets its ID, CreatedAt, UpdatedAt and
// Revision; see warta.PageStore. A CreatedAt or UpdatedAt given is kept
// (imports).
func (s *Store) CreatePage(ctx context.Context, p *warta.Page) error {
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	now := s.clock()
	created, updated := Normalize(p.CreatedAt), Normalize(p.UpdatedAt)
	if created.IsZero() {
		created = now
	}
	if updated.IsZero() {
		updated = now
	}
	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO pages (slug, title, body_markdown, body_html, status, menu_order, menu_label, created_at, updated_at, revision)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
		RETURNING id`),
		p.Slug, p.Title, p.BodyMarkdown, p.BodyHTML, string(p.Status), p.MenuOrder, p.MenuLabel,
		s.d.arg(created), s.d.arg(updated)).Scan(&id)
	if err != nil {
		return s.formatError("create page", err)
	}
	got := *p
	got.ID, got.CreatedAt, got.UpdatedAt, got.Revision = id, created, updated, 1
	if err := s.commitChange(ctx, tx, "create page", pageTags(&got)...); err != nil {
		return err
	}
	*p = got
	return nil
}

// UpdatePage saves every field of the page with ID p.ID over the
// revision p.Revision, and sets UpdatedAt and the next Revision; see
// warta.PageStore.
func (s *Store) UpdatePage(ctx context.Context, p *warta.Page) error {
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	// Claim the next revision first, as UpdateArticle does: the statement
	// only matches the revision the editor started from, so of two saves
	// from the same revision the second finds no row (PostgreSQL re-checks
	// the WHERE after waiting for the first's row lock; SQLite runs one
	// writer at a time) and gets ECONFLICT instead of undoing the first.
	res, err := tx.ExecContext(ctx, s.d.Rebind(`
		UPDATE pages SET revision = revision + 1 WHERE id = ? AND revision = ?`), p.ID, p.Revision)
	if err != nil {
		return s.internal("update page: claim revision", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.internal("update page: claim revision", err)
	} else if n == 0 {
		if _, err := s.pageWhere(ctx, tx, "id = ?", p.ID); err != nil {
			return err // ENOTFOUND: the page was deleted
		}
		return editConflict("page")
	}
	// As it was, for the public pages it leaves; its revision is the one
	// just claimed.
	before, err := s.pageWhere(ctx, tx, "id = ?", p.ID)
	if err != nil {
		return err
	}
	now := s.clock()
	_, err = tx.ExecContext(ctx, s.d.Rebind(`
		UPDATE pages SET slug = ?, title = ?, body_markdown = ?, body_html = ?, status = ?,
			menu_order = ?, menu_label = ?, updated_at = ?
		WHERE id = ?`),
		p.Slug, p.Title, p.BodyMarkdown, p.BodyHTML, string(p.Status), p.MenuOrder, p.MenuLabel,
		s.d.arg(now), p.ID)
	if err != nil {
		return s.formatError("update page", err)
	}
	got := *p
	got.CreatedAt, got.UpdatedAt, got.Revision = before.CreatedAt, now, before.Revision
	if err := s.commitChange(ctx, tx, "update page", pageTags(before, &got)...); err != nil {
		return err
	}
	*p = got
	return nil
}

// DeletePage deletes a page; see warta.PageStore.
func (s *Store) DeletePage(ctx context.Context, id int64) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	before, err := s.pageWhere(ctx, tx, "id = ?", id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM pages WHERE id = ?`), id); err != nil {
		return s.internal("delete page", err)
	}
	if err := s.commitChange(ctx, tx, "delete page", pageTags(before)...); err != nil {
		return err
	}
	return nil
}

// PageByID returns one page; see warta.PageStore.
func (s *Store) PageByID(ctx context.Context, id int64) (*warta.Page, error) {
	return s.pageWhere(ctx, s.reader(ctx), "id = ?", id)
}

// PageBySlug returns one page; see warta.PageStore.
func (s *Store) PageBySlug(ctx context.Context, slug string) (*warta.Page, error) {
	return s.pageWhere(ctx, s.reader(ctx), "slug = ?", slug)
}

// pageWhere returns the page that matches where (one condition on a
// unique column). Errors: ENOTFOUND.
func (s *Store) pageWhere(ctx context.Context, q querier, where string, arg any) (*warta.Page, error) {
	p, err := scanPage(q.QueryRowContext(ctx, s.d.Rebind(`SELECT `+pageColumns+` FROM pages WHERE `+where), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("page")
	} else if err != nil {
		return nil, s.internal("page", err)
	}
	return p, nil
}

// Pages returns every page by title; see warta.PageStore.
func (s *Store) Pages(ctx context.Context) ([]*warta.Page, error) {
	return s.pageList(ctx, `SELECT `+pageColumns+` FROM pages ORDER BY title, id`)
}

// MenuPages returns the published pages of the footer menu in order; see
// warta.PageStore.
func (s *Store) MenuPages(ctx context.Context) ([]*warta.Page, error) {
	return s.pageList(ctx, `SELECT `+pageColumns+` FROM pages
		WHERE menu_order > 0 AND status = 'published'
		ORDER BY menu_order, id`)
}

func (s *Store) pageList(ctx context.Context, query string) ([]*warta.Page, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, query)
	if err != nil {
		return nil, s.internal("pages", err)
	}
	defer rows.Close()
	var out []*warta.Page
	for rows.Next() {
		p, err := scanPage(rows)
		if err != nil {
			return nil, s.internal("pages: scan", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("pages", err)
	}
	return out, nil
}

// SetMenu arranges the footer menu; see warta.PageStore.
func (s *Store) SetMenu(ctx context.Context, ids []int64) error {
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			return &warta.Error{Code: warta.EINVALID, Message: "a page is named twice in the menu", Key: "pages.error.menu_twice"}
		}
		seen[id] = true
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if _, err := tx.ExecContext(ctx, `UPDATE pages SET menu_order = 0 WHERE menu_order <> 0`); err != nil {
		return s.internal("set menu: clear", err)
	}
	for i, id := range ids {
		res, err := tx.ExecContext(ctx, s.d.Rebind(`UPDATE pages SET menu_order = ? WHERE id = ?`), i+1, id)
		if err != nil {
			return s.internal("set menu", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return s.internal("set menu: rows affected", err)
		} else if n == 0 {
			return notFound("page")
		}
	}
	// The menu is in every public page's footer.
	if err := s.commitChange(ctx, tx, "set menu", warta.TagGlobal); err != nil {
		return err
	}
	return nil
}
