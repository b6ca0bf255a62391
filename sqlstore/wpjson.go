package sqlstore

import (
	"context"
	"strings"
	"time"

	"warta"
)

// PublishedMedia returns one page, newest first, of the media entries
// that are the lead image of a visible article at now, or a document
// (PDF) a visible article's body links to, and how many there are; ids,
// when not empty, keeps only those. An image placed in a body alone is
// not listed: only a lead image links a picture to an article in the
// database (documents have article_documents).
func (s *Store) PublishedMedia(ctx context.Context, now time.Time, ids []int64, offset, limit int) ([]*warta.Media, int, error) {
	if limit <= 0 || limit > warta.MaxPageSize {
		limit = warta.MaxPageSize
	}
	offset = max(offset, 0)
	where := []string{`(EXISTS (SELECT 1 FROM articles a WHERE a.lead_media_id = media.id
			AND a.status = ? AND a.published_at <= ?)
		OR EXISTS (SELECT 1 FROM article_documents ad JOIN articles a ON a.id = ad.article_id
			WHERE ad.media_id = media.id AND a.status = ? AND a.published_at <= ?))`}
	at := s.d.arg(Normalize(now))
	args := []any{string(warta.StatusPublished), at, string(warta.StatusPublished), at}
	if len(ids) > 0 {
		where = append(where, `media.id IN (`+placeholders(len(ids))+`)`)
		for _, id := range ids {
			args = append(args, id)
		}
	}
	cond := strings.Join(where, " AND ")

	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, s.d.Rebind(`
		SELECT `+mediaColumns+`, COUNT(*) OVER()
		FROM media WHERE `+cond+` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`),
		append(args[:len(args):len(args)], limit, offset)...)
	if err != nil {
		return nil, 0, s.internal("published media", err)
	}
	defer rows.Close()
	var (
		list  []*warta.Media
		total int
	)
	for rows.Next() {
		m, err := scanMedia(rows, &total)
		if err != nil {
			return nil, 0, s.internal("published media: scan", err)
		}
		list = append(list, m)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.internal("published media", err)
	}
	rows.Close()
	if len(list) == 0 && offset > 0 {
		// Past the last page COUNT(*) OVER() has no row to ride on.
		if err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT COUNT(*) FROM media WHERE `+cond), args...).Scan(&total); err != nil {
			return nil, 0, s.internal("published media: count", err)
		}
	}
	return list, total, nil
}

// articleListOrder is the ORDER BY of a list in f's order. Every order
// ends with the ID, so pages never overlap.
func articleListOrder(f warta.ArticleFilter) string {
	dir := " DESC"
	if f.Ascending {
		dir = " ASC"
	}
	switch f.OrderBy {
	case warta.OrderByID:
		return `a.id` + dir
	case warta.OrderByTitle:
		return `lower(a.headline)` + dir + `, a.id` + dir
	case warta.OrderBySlug:
		return `a.slug` + dir + `, a.id` + dir
	case warta.OrderByModified:
		return `a.updated_at` + dir + `, a.id` + dir
	}
	if !f.Ascending {
		return articleOrder
	}
	return `a.published_at ASC NULLS LAST, a.id ASC`
}

// anyOf adds "column IN (…)" (or the EXISTS form given) for a list of IDs.
func anyOf(where []string, args []any, cond string, ids []int64) ([]string, []any) {
	if len(ids) == 0 {
		return where, args
	}
	where = append(where, strings.Replace(cond, "(?)", "("+placeholders(len(ids))+")", 1))
	for _, id := range ids {
		args = append(args, id)
	}
	return where, args
}

// wpjsonArticleFilters adds the WordPress-compatible API's filters.
func (s *Store) wpjsonArticleFilters(f warta.ArticleFilter, where []string, args []any) ([]string, []any) {
	where, args = anyOf(where, args, `a.section_id IN (?)`, f.SectionIDs)
	where, args = anyOf(where, args, `EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id IN (?))`, f.TagIDs)
	where, args = anyOf(where, args, `EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = a.id AND w.author_id IN (?))`, f.AuthorIDs)
	if !f.PublishedAfter.IsZero() {
		where, args = append(where, `a.published_at > ?`), append(args, s.d.arg(Normalize(f.PublishedAfter)))
	}
	if f.LeadMediaID != 0 {
		where, args = append(where, `a.lead_media_id = ?`), append(args, f.LeadMediaID)
	}
	if f.DocumentID != 0 {
		where = append(where, `EXISTS (SELECT 1 FROM article_documents d WHERE d.article_id = a.id AND d.media_id = ?)`)
		args = append(args, f.DocumentID)
	}
	return where, args
}

// wpjsonCommentFilters adds the public comment list's filters.
func (s *Store) wpjsonCommentFilters(f warta.CommentFilter, where []string, args []any) ([]string, []any) {
	if !f.VisibleAt.IsZero() {
		where = append(where, `EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id AND a.status = ? AND a.published_at <= ?)`)
		args = append(args, string(warta.StatusPublished), s.d.arg(Normalize(f.VisibleAt)))
	}
	where, args = anyOf(where, args, `c.article_id IN (?)`, f.ArticleIDs)
	if f.Parents != nil {
		var top bool
		var ids []int64
		for _, id := range f.Parents {
			if id == 0 {
				top = true
			} else {
				ids = append(ids, id)
			}
		}
		var or []string
		if top {
			or = append(or, `c.parent_id IS NULL`)
		}
		if len(ids) > 0 {
			or = append(or, `c.parent_id IN (`+placeholders(len(ids))+`)`)
			for _, id := range ids {
				args = append(args, id)
			}
		}
		if len(or) == 0 {
			or = append(or, `1 = 0`)
		}
		where = append(where, `(`+strings.Join(or, " OR ")+`)`)
	}
	return where, args
}

// TermCounts counts the visible articles of every section and every tag,
// one grouped query each, so that a list of terms costs two queries
// however long it is.
func (s *Store) TermCounts(ctx context.Context, now time.Time) (sections, tags map[int64]int, err error) {
	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	args := []any{string(warta.StatusPublished), s.d.arg(Normalize(now))}
	count := func(what, query string) (map[int64]int, error) {
		rows, err := tx.QueryContext(ctx, s.d.Rebind(query), args...)
		if err != nil {
			return nil, s.internal(what, err)
		}
		defer rows.Close()
		out := map[int64]int{}
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return nil, s.internal(what+": scan", err)
			}
			out[id] = n
		}
		if err := rows.Err(); err != nil {
			return nil, s.internal(what, err)
		}
		return out, nil
	}
	if sections, err = count("section counts", `
		SELECT a.section_id, COUNT(*) FROM articles a
		WHERE a.status = ? AND a.published_at <= ? GROUP BY a.section_id`); err != nil {
		return nil, nil, err
	}
	if tags, err = count("tag counts", `
		SELECT x.tag_id, COUNT(*) FROM article_tags x JOIN articles a ON a.id = x.article_id
		WHERE a.status = ? AND a.published_at <= ? GROUP BY x.tag_id`); err != nil {
		return nil, nil, err
	}
	return sections, tags, nil
}
