package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"warta"
)

// articleColumns are the columns that selectArticles scans, in order:
// the article joined to its section, and its approved comment count.
const articleColumns = `
	a.id, a.slug, a.headline, a.dek, a.body_markdown, a.body_html, a.status,
	a.lead_image_path, a.lead_image_alt, a.lead_image_caption, a.lead_image_credit,
	a.lead_image_width, a.lead_image_height, a.comments_open,
	a.published_at, a.created_at, a.updated_at,
	a.revised_at, COALESCE(a.owner_id, 0), a.revision,
	COALESCE(a.lead_media_id, 0), a.lead_variants,
	s.id, s.slug, s.name, s.description, s.position, ` + approvedCount

// articleOrder is the one list order: newest first by PublishedAt, drafts
// that were never published after every dated article, and the ID to
// break ties so pages never overlap. NULLS LAST is spelled out because
// PostgreSQL sorts NULLs first on DESC and SQLite last.
const articleOrder = `a.published_at DESC NULLS LAST, a.id DESC`

// CreateArticle inserts a with its first revision, sets its ID, Revision,
// CreatedAt and UpdatedAt, and fills Section, Tags and Authors. OwnerID
// defaults to EditedBy. Errors: EINVALID (including a section, tag,
// author or lead media that does not exist), ECONFLICT (slug taken, now
// or formerly).
func (s *Store) CreateArticle(ctx context.Context, a *warta.Article) error {
	if err := a.Validate(); err != nil {
		return err
	}
	tags, authors := tagIDs(a.Tags), authorIDs(a.Authors)
	published := Normalize(a.PublishedAt)
	variants, err := encodeVariants(a.LeadImage.Variants)
	if err != nil {
		return err
	}
	owner := a.OwnerID
	if owner == 0 {
		owner = a.EditedBy
	}

	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.clock()

	if err := s.checkReferences(ctx, tx, a.Section.ID, tags, authors, a.LeadImage.MediaID); err != nil {
		return err
	}
	// article_slugs holds every slug any article has had, current and
	// former, so one lookup answers "is it taken?".
	if owner, err := s.slugOwner(ctx, tx, a.Slug); err != nil {
		return err
	} else if owner != 0 {
		return conflict()
	}

	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO articles (
			slug, headline, dek, body_markdown, body_html, status, section_id,
			owner_id, revision, lead_media_id, lead_variants,
			lead_image_path, lead_image_alt, lead_image_caption, lead_image_credit,
			lead_image_width, lead_image_height, comments_open,
			published_at, created_at, updated_at
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`),
		a.Slug, a.Headline, a.Dek, a.BodyMarkdown, a.BodyHTML, string(a.Status), a.Section.ID,
		nullID(owner), nullID(a.LeadImage.MediaID), variants,
		a.LeadImage.Path, a.LeadImage.Alt, a.LeadImage.Caption, a.LeadImage.Credit,
		a.LeadImage.Width, a.LeadImage.Height, a.CommentsOpen,
		s.d.arg(published), s.d.arg(now), s.d.arg(now),
	).Scan(&id)
	if err != nil {
		return s.formatError("create article", err)
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO article_slugs (slug, article_id) VALUES (?, ?)`), a.Slug, id); err != nil {
		return s.formatError("create article: record slug", err)
	}
	if err := s.setRelations(ctx, tx, id, tags, authors); err != nil {
		return err
	}
	if err := s.linkDocuments(ctx, tx, id, a.BodyMarkdown); err != nil {
		return err
	}
	if err := s.indexArticle(ctx, tx, id, a.Headline, a.Dek, a.BodyHTML, a.BodyMarkdown); err != nil {
		return err
	}
	if err := s.writeRevisions(ctx, tx, []any{id}, a.EditedBy, now, a.RevisionNote); err != nil {
		return err
	}
	got, err := s.articleByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := s.commitChange(ctx, tx, "create article", articleTags(got)...); err != nil {
		return err
	}
	*a = *got
	return nil
}

// UpdateArticle replaces the article with ID a.ID, writes its next
// revision, and fills a from what was stored. When the slug changes, the
// old one keeps pointing at the article. OwnerID is never changed.
// Errors: ENOTFOUND, EINVALID, ECONFLICT (slug, or Fields["revision"]
// when a.Revision is not the stored latest).
func (s *Store) UpdateArticle(ctx context.Context, a *warta.Article) error {
	if err := a.Validate(); err != nil {
		return err
	}
	tags, authors := tagIDs(a.Tags), authorIDs(a.Authors)
	published := Normalize(a.PublishedAt)
	variants, err := encodeVariants(a.LeadImage.Variants)
	if err != nil {
		return err
	}

	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.clock()

	// Claim the next revision first, in one statement that only matches
	// the revision the editor started from: of two saves racing from the
	// same revision, the second finds no row (PostgreSQL re-checks the
	// WHERE after waiting for the first's row lock; SQLite runs one
	// writer at a time) and gets ECONFLICT.
	res, err := tx.ExecContext(ctx, s.d.Rebind(`
		UPDATE articles SET revision = revision + 1 WHERE id = ? AND revision = ?`), a.ID, a.Revision)
	if err != nil {
		return s.internal("update article: claim revision", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.internal("update article: claim revision", err)
	} else if n == 0 {
		var exists int
		err = tx.QueryRowContext(ctx, s.d.Rebind(`SELECT 1 FROM articles WHERE id = ?`), a.ID).Scan(&exists)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("article")
		} else if err != nil {
			return s.internal("update article: find", err)
		}
		return editConflict("article")
	}
	if err := s.checkReferences(ctx, tx, a.Section.ID, tags, authors, a.LeadImage.MediaID); err != nil {
		return err
	}
	// As it was, for the pages it leaves (old section, tags, authors).
	before, err := s.articleByID(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	switch owner, err := s.slugOwner(ctx, tx, a.Slug); {
	case err != nil:
		return err
	case owner == 0:
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`
			INSERT INTO article_slugs (slug, article_id) VALUES (?, ?)`), a.Slug, a.ID); err != nil {
			return s.formatError("update article: record slug", err)
		}
	case owner != a.ID:
		return conflict()
	}
	// owner == a.ID: the slug is unchanged, or the article goes back to
	// one of its own former slugs, which is allowed.

	// A substantive save of a published article is news to readers
	// ("Diperbarui"); any other save leaves revised_at as it was.
	revised := `revised_at`
	if a.Substantive && a.Status == warta.StatusPublished {
		revised = `?`
	}
	args := []any{
		a.Slug, a.Headline, a.Dek, a.BodyMarkdown, a.BodyHTML,
		string(a.Status), a.Section.ID,
		nullID(a.LeadImage.MediaID), variants,
		a.LeadImage.Path, a.LeadImage.Alt, a.LeadImage.Caption,
		a.LeadImage.Credit, a.LeadImage.Width, a.LeadImage.Height,
		a.CommentsOpen, s.d.arg(published), s.d.arg(now),
	}
	if revised == `?` {
		args = append(args, s.d.arg(now))
	}
	_, err = tx.ExecContext(ctx, s.d.Rebind(`
		UPDATE articles SET
			slug = ?, headline = ?, dek = ?, body_markdown = ?, body_html = ?,
			status = ?, section_id = ?,
			lead_media_id = ?, lead_variants = ?,
			lead_image_path = ?, lead_image_alt = ?, lead_image_caption = ?,
			lead_image_credit = ?, lead_image_width = ?, lead_image_height = ?,
			comments_open = ?, published_at = ?, updated_at = ?,
			revised_at = `+revised+`
		WHERE id = ?`), append(args, a.ID)...)
	if err != nil {
		return s.formatError("update article", err)
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM article_tags WHERE article_id = ?`), a.ID); err != nil {
		return s.internal("update article: clear tags", err)
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM article_authors WHERE article_id = ?`), a.ID); err != nil {
		return s.internal("update article: clear authors", err)
	}
	if err := s.setRelations(ctx, tx, a.ID, tags, authors); err != nil {
		return err
	}
	if err := s.linkDocuments(ctx, tx, a.ID, a.BodyMarkdown); err != nil {
		return err
	}
	if err := s.indexArticle(ctx, tx, a.ID, a.Headline, a.Dek, a.BodyHTML, a.BodyMarkdown); err != nil {
		return err
	}
	if err := s.writeRevisions(ctx, tx, []any{a.ID}, a.EditedBy, now, a.RevisionNote); err != nil {
		return err
	}
	got, err := s.articleByID(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if err := s.commitChange(ctx, tx, "update article", articleTags(before, got)...); err != nil {
		return err
	}
	*a = *got
	return nil
}

// ArticleByID returns one article whatever its status. Errors: ENOTFOUND.
func (s *Store) ArticleByID(ctx context.Context, id int64) (*warta.Article, error) {
	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return s.articleByID(ctx, tx, id)
}

// ArticleBySlug returns the article whose current or former slug is slug,
// whatever its status. Errors: ENOTFOUND.
func (s *Store) ArticleBySlug(ctx context.Context, slug string) (*warta.Article, error) {
	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	list, _, err := s.selectArticles(ctx, tx,
		`a.id = (SELECT article_id FROM article_slugs WHERE slug = ?)`, []any{slug}, 1, 0, "")
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("article")
	}
	return list[0], nil
}

// Articles returns one page of the articles that match f, newest first,
// and how many match in all.
func (s *Store) Articles(ctx context.Context, f warta.ArticleFilter) ([]*warta.Article, int, error) {
	var where []string
	var args []any
	if len(f.IDs) > 0 {
		where = append(where, `a.id IN (`+placeholders(len(f.IDs))+`)`)
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	if f.SectionID != 0 {
		where, args = append(where, `a.section_id = ?`), append(args, f.SectionID)
	}
	if f.TagID != 0 {
		where = append(where, `EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = ?)`)
		args = append(args, f.TagID)
	}
	if f.AuthorID != 0 {
		where = append(where, `EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = a.id AND w.author_id = ?)`)
		args = append(args, f.AuthorID)
	}
	if f.Status != "" {
		where, args = append(where, `a.status = ?`), append(args, string(f.Status))
	}
	if f.Text != "" {
		// The columns through lower(), the text through ToLower; the
		// user's % _ and \ match themselves. SQLite's lower() folds ASCII
		// only, so there a non-ASCII capital matches only itself.
		pattern := "%" + escapeLike(strings.ToLower(f.Text)) + "%"
		where = append(where, `(lower(a.headline) LIKE ? ESCAPE '\' OR lower(a.dek) LIKE ? ESCAPE '\' OR lower(a.slug) LIKE ? ESCAPE '\')`)
		args = append(args, pattern, pattern, pattern)
	}
	if !f.PublishedBefore.IsZero() {
		// A NULL published_at never compares true, so drafts drop out.
		where, args = append(where, `a.published_at <= ?`), append(args, s.d.arg(Normalize(f.PublishedBefore)))
	}
	where, args = s.wpjsonArticleFilters(f, where, args)
	limit := f.Limit
	if limit <= 0 || limit > warta.MaxPageSize {
		limit = warta.MaxPageSize
	}
	offset := max(f.Offset, 0)

	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	list, total, err := s.selectArticles(ctx, tx, strings.Join(where, " AND "), args, limit, offset, articleListOrder(f))
	if err != nil {
		return nil, 0, err
	}
	if len(list) == 0 && offset > 0 {
		// Past the last page COUNT(*) OVER() has no row to ride on, so
		// count separately; the caller still needs the total to link
		// back to real pages.
		q := `SELECT COUNT(*) FROM articles a`
		if len(where) > 0 {
			q += ` WHERE ` + strings.Join(where, " AND ")
		}
		if err := tx.QueryRowContext(ctx, s.d.Rebind(q), args...).Scan(&total); err != nil {
			return nil, 0, s.internal("articles: count", err)
		}
	}
	return list, total, nil
}

// articleByID loads one article with q. Errors: ENOTFOUND.
func (s *Store) articleByID(ctx context.Context, q querier, id int64) (*warta.Article, error) {
	list, _, err := s.selectArticles(ctx, q, `a.id = ?`, []any{id}, 1, 0, "")
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("article")
	}
	return list[0], nil
}

// selectArticles runs one query for a page of articles with their
// sections and approved comment counts, then one for the tags and one for the authors of the whole
// page: three queries whatever the page size. With count it also returns
// the number of matching rows, from COUNT(*) OVER() on the same query.
// A non-empty order (an ORDER BY list) asks for the count, in that order.
func (s *Store) selectArticles(ctx context.Context, q querier, where string, args []any, limit, offset int, order string) ([]*warta.Article, int, error) {
	count := order != ""
	if count {
		// First the page's IDs with the total, walking the list index
		// only; then the full rows of just those. Asking for the full rows
		// with COUNT(*) OVER() makes the database read every matching
		// article's body (tens of KiB each) to return twenty of them.
		ids, total, err := s.pageIDs(ctx, q, where, args, limit, offset, order)
		if err != nil || len(ids) == 0 {
			return nil, total, err
		}
		list, _, err := s.selectArticles(ctx, q, `a.id IN (`+placeholders(len(ids))+`)`, ids, len(ids), 0, "")
		if err != nil || order == articleOrder {
			return list, total, err
		}
		// The rows come back in the default order; put them in the page's.
		pos := make(map[int64]int, len(ids))
		for i, id := range ids {
			pos[id.(int64)] = i
		}
		slices.SortFunc(list, func(a, b *warta.Article) int { return pos[a.ID] - pos[b.ID] })
		return list, total, nil
	}
	query := `SELECT ` + articleColumns
	if count {
		query += `, COUNT(*) OVER()`
	}
	query += ` FROM articles a JOIN sections s ON s.id = a.section_id`
	if where != "" {
		query += ` WHERE ` + where
	}
	query += ` ORDER BY ` + articleOrder + ` LIMIT ? OFFSET ?`
	args = append(args[:len(args):len(args)], limit, offset)

	rows, err := q.QueryContext(ctx, s.d.Rebind(query), args...)
	if err != nil {
		return nil, 0, s.internal("articles", err)
	}
	defer rows.Close()
	var (
		list  []*warta.Article
		byID  = map[int64]*warta.Article{}
		total int
	)
	for rows.Next() {
		a := &warta.Article{}
		var status, variants string
		dest := []any{
			&a.ID, &a.Slug, &a.Headline, &a.Dek, &a.BodyMarkdown, &a.BodyHTML, &status,
			&a.LeadImage.Path, &a.LeadImage.Alt, &a.LeadImage.Caption, &a.LeadImage.Credit,
			&a.LeadImage.Width, &a.LeadImage.Height, &a.CommentsOpen,
			timeDest{&a.PublishedAt}, timeDest{&a.CreatedAt}, timeDest{&a.UpdatedAt},
			timeDest{&a.RevisedAt}, &a.OwnerID, &a.Revision,
			&a.LeadImage.MediaID, &variants,
			&a.Section.ID, &a.Section.Slug, &a.Section.Name, &a.Section.Description, &a.Section.Position,
			&a.CommentCount,
		}
		if count {
			dest = append(dest, &total)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, 0, s.internal("articles: scan", err)
		}
		a.Status = warta.ArticleStatus(status)
		if a.LeadImage.Variants, err = decodeVariants(variants); err != nil {
			return nil, 0, s.internal("articles: lead image variants", err)
		}
		a.Tags, a.Authors = []warta.Tag{}, []warta.Author{}
		list = append(list, a)
		byID[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.internal("articles", err)
	}
	rows.Close()
	if len(list) == 0 {
		return nil, total, nil
	}

	ids := make([]any, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	if err := s.fillTags(ctx, q, ids, byID); err != nil {
		return nil, 0, err
	}
	if err := s.fillAuthors(ctx, q, ids, byID); err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

// pageIDs returns the IDs of one page of the articles matching where, in
// list order, and how many match in all.
func (s *Store) pageIDs(ctx context.Context, q querier, where string, args []any, limit, offset int, order string) ([]any, int, error) {
	query := `SELECT a.id, COUNT(*) OVER() FROM articles a`
	if where != "" {
		query += ` WHERE ` + where
	}
	query += ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	rows, err := q.QueryContext(ctx, s.d.Rebind(query), append(args[:len(args):len(args)], limit, offset)...)
	if err != nil {
		return nil, 0, s.internal("articles: page", err)
	}
	defer rows.Close()
	var ids []any
	total := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &total); err != nil {
			return nil, 0, s.internal("articles: page", err)
		}
		ids = append(ids, id)
	}
	return ids, total, rows.Err()
}

// fillTags loads the tags of every article in ids in one query, in the
// order the editor gave them.
func (s *Store) fillTags(ctx context.Context, q querier, ids []any, byID map[int64]*warta.Article) error {
	rows, err := q.QueryContext(ctx, s.d.Rebind(`
		SELECT x.article_id, t.id, t.slug, t.name
		FROM article_tags x JOIN tags t ON t.id = x.tag_id
		WHERE x.article_id IN (`+placeholders(len(ids))+`)
		ORDER BY x.article_id, x.position`), ids...)
	if err != nil {
		return s.internal("article tags", err)
	}
	defer rows.Close()
	for rows.Next() {
		var articleID int64
		var t warta.Tag
		if err := rows.Scan(&articleID, &t.ID, &t.Slug, &t.Name); err != nil {
			return s.internal("article tags: scan", err)
		}
		if a := byID[articleID]; a != nil {
			a.Tags = append(a.Tags, t)
		}
	}
	if err := rows.Err(); err != nil {
		return s.internal("article tags", err)
	}
	return nil
}

// fillAuthors loads the authors of every article in ids in one query, in
// byline order.
func (s *Store) fillAuthors(ctx context.Context, q querier, ids []any, byID map[int64]*warta.Article) error {
	rows, err := q.QueryContext(ctx, s.d.Rebind(`
		SELECT x.article_id, u.id, u.slug, u.name, u.bio
		FROM article_authors x JOIN authors u ON u.id = x.author_id
		WHERE x.article_id IN (`+placeholders(len(ids))+`)
		ORDER BY x.article_id, x.position`), ids...)
	if err != nil {
		return s.internal("article authors", err)
	}
	defer rows.Close()
	for rows.Next() {
		var articleID int64
		var u warta.Author
		if err := rows.Scan(&articleID, &u.ID, &u.Slug, &u.Name, &u.Bio); err != nil {
			return s.internal("article authors: scan", err)
		}
		if a := byID[articleID]; a != nil {
			a.Authors = append(a.Authors, u)
		}
	}
	if err := rows.Err(); err != nil {
		return s.internal("article authors", err)
	}
	return nil
}

// slugOwner returns the ID of the article whose current or former slug is
// slug, or 0 when no article has ever had it.
func (s *Store) slugOwner(ctx context.Context, q querier, slug string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, s.d.Rebind(`SELECT article_id FROM article_slugs WHERE slug = ?`), slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, s.internal("slug owner", err)
	}
	return id, nil
}

// checkReferences makes sure the section, tags and authors an article
// points at exist, so the editor hears which field is wrong instead of a
// bare foreign-key failure.
func (s *Store) checkReferences(ctx context.Context, q querier, sectionID int64, tags, authors []int64, mediaID int64) error {
	fields := map[string]string{}
	var n int
	if err := q.QueryRowContext(ctx, s.d.Rebind(`SELECT COUNT(*) FROM sections WHERE id = ?`), sectionID).Scan(&n); err != nil {
		return s.internal("check section", err)
	}
	if n != 1 {
		fields["section"] = "error.not_found"
	}
	if mediaID != 0 {
		if err := q.QueryRowContext(ctx, s.d.Rebind(`SELECT COUNT(*) FROM media WHERE id = ?`), mediaID).Scan(&n); err != nil {
			return s.internal("check media", err)
		}
		if n != 1 {
			fields["lead_image"] = "error.not_found"
		}
	}
	for _, c := range []struct {
		table, field string
		ids          []int64
	}{{"tags", "tags", tags}, {"authors", "authors", authors}} {
		if len(c.ids) == 0 {
			continue
		}
		args := make([]any, len(c.ids))
		for i, id := range c.ids {
			args[i] = id
		}
		query := `SELECT COUNT(*) FROM ` + c.table + ` WHERE id IN (` + placeholders(len(args)) + `)`
		if err := q.QueryRowContext(ctx, s.d.Rebind(query), args...).Scan(&n); err != nil {
			return s.internal("check "+c.table, err)
		}
		if n != len(c.ids) {
			fields[c.field] = "error.not_found"
		}
	}
	if len(fields) > 0 {
		return &warta.Error{Code: warta.EINVALID, Message: "the article refers to something that does not exist", Key: "error.form", Fields: fields}
	}
	return nil
}

// setRelations records an article's tags and authors with their positions.
func (s *Store) setRelations(ctx context.Context, tx *sql.Tx, id int64, tags, authors []int64) error {
	for i, tagID := range tags {
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`
			INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)`), id, tagID, i); err != nil {
			return s.formatError("add article tag", err)
		}
	}
	for i, authorID := range authors {
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`
			INSERT INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)`), id, authorID, i); err != nil {
			return s.formatError("add article author", err)
		}
	}
	return nil
}

// tagIDs returns the IDs of tags in order, each once.
func tagIDs(tags []warta.Tag) []int64 {
	ids := make([]int64, 0, len(tags))
	for _, t := range tags {
		ids = appendOnce(ids, t.ID)
	}
	return ids
}

// authorIDs returns the IDs of authors in byline order, each once.
func authorIDs(authors []warta.Author) []int64 {
	ids := make([]int64, 0, len(authors))
	for _, a := range authors {
		ids = appendOnce(ids, a.ID)
	}
	return ids
}

func appendOnce(ids []int64, id int64) []int64 {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}

// DeleteArticle deletes the article with ID id. Its slugs, tag and
// author links, comments, revisions and corrections go with it through
// ON DELETE CASCADE; its search index row is removed here, since SQLite's
// FTS5 table has no foreign key. Errors: ENOTFOUND.
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := s.articleByID(ctx, tx, id)
	if err != nil && !warta.IsNotFound(err) {
		return err
	}
	res, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM articles WHERE id = ?`), id)
	if err != nil {
		return s.formatError("delete article", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.internal("delete article", err)
	} else if n == 0 {
		return notFound("article")
	}
	if err := s.unindexArticle(ctx, tx, id); err != nil {
		return err
	}
	if err := s.commitChange(ctx, tx, "delete article", articleTags(before)...); err != nil {
		return err
	}
	return nil
}

// publishNote is the revision note of an article the scheduler published.
const publishNote = "published on schedule"

// publishLockKey is the advisory lock key of the scheduled-publishing job
// ("warta" in ASCII, plus one: the migration lock is the key itself).
const publishLockKey = 0x7761727461 + 1

// PublishDue publishes every scheduled article whose PublishedAt is at or
// before now, writes a revision for each, and returns them newest first
// (the list order). One UPDATE both
// picks and changes the rows, so when several processes call it at once
// each article is returned by exactly one of them: PostgreSQL re-checks
// status = 'scheduled' after waiting for a competitor's row lock, and
// SQLite runs one writer at a time. The search index needs no change:
// it holds every article, and Search filters on status.
func (s *Store) PublishDue(ctx context.Context, now time.Time) ([]*warta.Article, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stamp := s.clock()
	if s.d.TryLock != "" {
		// One process publishes at a time; the others find the lock
		// taken and leave the work to it rather than queue behind its
		// row locks. The UPDATE's WHERE alone would already publish each
		// article once; the lock keeps the processes from contending.
		var got bool
		if err := tx.QueryRowContext(ctx, s.d.Rebind(s.d.TryLock), publishLockKey).Scan(&got); err != nil {
			return nil, s.internal("publish due: lock", err)
		}
		if !got {
			return nil, nil
		}
	}

	rows, err := tx.QueryContext(ctx, s.d.Rebind(`
		UPDATE articles SET status = 'published', revision = revision + 1, updated_at = ?
		WHERE status = 'scheduled' AND published_at <= ?
		RETURNING id`), s.d.arg(stamp), s.d.arg(Normalize(now)))
	if err != nil {
		return nil, s.internal("publish due", err)
	}
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, s.internal("publish due: scan", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, s.internal("publish due", err)
	}
	rows.Close()
	if len(ids) == 0 {
		return nil, tx.Commit()
	}
	if err := s.writeRevisions(ctx, tx, ids, 0, stamp, publishNote); err != nil {
		return nil, err
	}
	list, _, err := s.selectArticles(ctx, tx, `a.id IN (`+placeholders(len(ids))+`)`, ids, len(ids), 0, "")
	if err != nil {
		return nil, err
	}
	// The audit entry commits with the publication, so a crash between
	// the two cannot leave one without the other.
	for _, a := range list {
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`
			INSERT INTO audit_log (at, user_id, user_name, action, subject, detail)
			VALUES (?, NULL, '', 'article.publish', ?, 'on schedule')`),
			s.d.arg(stamp), fmt.Sprintf("article %d: %s", a.ID, a.Headline)); err != nil {
			return nil, s.internal("publish due: audit", err)
		}
	}
	if err := s.commitChange(ctx, tx, "publish due", articleTags(list...)...); err != nil {
		return nil, err
	}
	return list, nil
}

// escapeLike escapes s for LIKE … ESCAPE '\', so that %, _ and \ in what
// a user typed match themselves.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// encodeVariants returns the JSON stored for variants, empty for none.
func encodeVariants(variants []warta.ImageVariant) (string, error) {
	if len(variants) == 0 {
		return "", nil
	}
	b, err := json.Marshal(variants)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// decodeVariants reads what encodeVariants stored; empty is none (nil).
func decodeVariants(s string) ([]warta.ImageVariant, error) {
	if s == "" {
		return nil, nil
	}
	var v []warta.ImageVariant
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, err
	}
	return v, nil
}

// editConflict is the error for a save of what (an article, a page) made
// from a revision that is no longer the latest: someone else saved in the
// meantime.
func editConflict(what string) *warta.Error {
	return &warta.Error{
		Code:    warta.ECONFLICT,
		Message: "someone else saved the " + what + " since you opened it",
		Key:     "error.edit_conflict",
		Fields:  map[string]string{"revision": "error.edit_conflict"},
	}
}
