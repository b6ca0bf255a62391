package sqlstore

import (
	"context"
	"time"

	"warta"
)

// SitemapArticles returns up to limit articles published at before, from
// offset, oldest first by published_at then id. It reads only the four
// columns a sitemap needs; articles_status_published_idx (status,
// published_at, id) serves the filter and the order on both databases,
// read backwards.
func (s *Store) SitemapArticles(ctx context.Context, before time.Time, offset, limit int) ([]warta.SitemapEntry, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.d.Rebind(`
		SELECT a.id, a.slug, a.published_at, a.updated_at FROM articles a
		WHERE a.status = 'published' AND a.published_at <= ?
		ORDER BY a.published_at, a.id LIMIT ? OFFSET ?`),
		s.d.arg(Normalize(before)), limit, max(offset, 0))
	if err != nil {
		return nil, s.internal("sitemap articles", err)
	}
	defer rows.Close()
	var list []warta.SitemapEntry
	for rows.Next() {
		var e warta.SitemapEntry
		if err := rows.Scan(&e.ID, &e.Slug, timeDest{&e.PublishedAt}, timeDest{&e.UpdatedAt}); err != nil {
			return nil, s.internal("sitemap articles: scan", err)
		}
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("sitemap articles", err)
	}
	return list, nil
}

// CountPublished returns how many articles are published at before.
func (s *Store) CountPublished(ctx context.Context, before time.Time) (int, error) {
	var n int
	err := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`
		SELECT COUNT(*) FROM articles a WHERE a.status = 'published' AND a.published_at <= ?`),
		s.d.arg(Normalize(before))).Scan(&n)
	if err != nil {
		return 0, s.internal("count published", err)
	}
	return n, nil
}

// PublicComments returns up to limit approved comments, newest first, on
// articles readers may see at before; articleID 0 means every article.
// The article's visibility is checked in the same query, so a comment on
// a draft, a withdrawn or a scheduled story never reaches a feed.
func (s *Store) PublicComments(ctx context.Context, articleID int64, before time.Time, limit int) ([]*warta.Comment, error) {
	if limit <= 0 || limit > warta.MaxPageSize {
		limit = warta.MaxPageSize
	}
	where := `c.status = 'approved' AND a.status = 'published' AND a.published_at <= ?`
	args := []any{s.d.arg(Normalize(before))}
	if articleID != 0 {
		where += ` AND c.article_id = ?`
		args = append(args, articleID)
	}
	list, _, err := s.selectComments(ctx, s.reader(ctx), `
		SELECT `+commentColumns+` FROM comments c JOIN articles a ON a.id = c.article_id
		WHERE `+where+`
		ORDER BY c.created_at DESC, c.id DESC LIMIT ?`, append(args, limit), false)
	if err != nil {
		return nil, err
	}
	return list, nil
}
