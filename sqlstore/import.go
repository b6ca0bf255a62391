package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"warta"
	"warta/slug"
)

// ImportedIDs returns what every key of kind from source became.
func (s *Store) ImportedIDs(ctx context.Context, source, kind string) (map[string]int64, error) {
	rows, err := s.read.QueryContext(ctx, s.d.Rebind(`
		SELECT key, target_id FROM import_keys WHERE source = ? AND kind = ?`), source, kind)
	if err != nil {
		return nil, s.internal("imported ids", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, s.internal("imported ids: scan", err)
		}
		out[k] = id
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("imported ids", err)
	}
	return out, nil
}

// RedirectFor returns where an old address now lives. Errors: ENOTFOUND.
func (s *Store) RedirectFor(ctx context.Context, path string) (string, error) {
	var target string
	err := s.read.QueryRowContext(ctx, s.d.Rebind(`SELECT target FROM redirects WHERE path = ?`), path).Scan(&target)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("redirect")
	} else if err != nil {
		return "", s.internal("redirect", err)
	}
	return target, nil
}

// importTarget returns the row that k became, or 0 when k is new or its
// row was deleted since (then the item is imported afresh). table must
// be one of ours, never input.
func (s *Store) importTarget(ctx context.Context, tx *sql.Tx, k warta.ImportKey, table string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, s.d.Rebind(`
		SELECT k.target_id FROM import_keys k JOIN `+table+` t ON t.id = k.target_id
		WHERE k.source = ? AND k.kind = ? AND k.key = ?`), k.Source, k.Kind, k.Key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, s.internal("import: find key", err)
	}
	return id, nil
}

// idWhere returns the id of the first row that query finds, or 0.
func (s *Store) idWhere(ctx context.Context, tx *sql.Tx, query string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, s.d.Rebind(query), args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, s.internal("import: find", err)
	}
	return id, nil
}

// finishImport records k → id and the redirects in tx.
func (s *Store) finishImport(ctx context.Context, tx *sql.Tx, k warta.ImportKey, id int64, redirects []warta.Redirect) error {
	if k.Source == "" || k.Kind == "" || k.Key == "" {
		return &warta.Error{Code: warta.EINVALID, Message: "an import key needs a source, a kind and a key"}
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO import_keys (source, kind, key, target_id) VALUES (?, ?, ?, ?)
		ON CONFLICT (source, kind, key) DO UPDATE SET target_id = excluded.target_id`),
		k.Source, k.Kind, k.Key, id); err != nil {
		return s.internal("import: record key", err)
	}
	if len(redirects) == 0 {
		return nil
	}
	// One statement for all of an item's redirects.
	args := make([]any, 0, 2*len(redirects))
	values := make([]string, 0, len(redirects))
	for _, r := range redirects {
		if !strings.HasPrefix(r.Path, "/") || !strings.HasPrefix(r.Target, "/") || strings.HasPrefix(r.Target, "//") || r.Path == r.Target {
			return &warta.Error{Code: warta.EINVALID, Message: "a redirect must go from one path of this site to another: " + r.Path + " → " + r.Target}
		}
		if slices.ContainsFunc(redirects[:len(values)], func(o warta.Redirect) bool { return o.Path == r.Path }) {
			return &warta.Error{Code: warta.EINVALID, Message: "the redirect from " + r.Path + " is given twice"}
		}
		args = append(args, r.Path, r.Target)
		values = append(values, "(?, ?)")
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO redirects (path, target) VALUES `+strings.Join(values, ", ")+`
		ON CONFLICT (path) DO UPDATE SET target = excluded.target`), args...); err != nil {
		return s.internal("import: record redirects", err)
	}
	return nil
}

// commitImport commits tx and tells the page cache what changed.
func (s *Store) commitImport(ctx context.Context, tx *sql.Tx, doing string, tags ...string) error {
	changed, err := s.recordChange(ctx, tx, tags...)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.formatError(doing+": commit", err)
	}
	s.changed(changed)
	return nil
}

// ImportSection creates or updates sec by its key, else adopts the
// section with its slug. An update changes the name and description,
// never the slug that links point at.
func (s *Store) ImportSection(ctx context.Context, k warta.ImportKey, sec *warta.Section, redirects []warta.Redirect) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id, err := s.importTarget(ctx, tx, k, "sections")
	if err == nil && id == 0 {
		id, err = s.idWhere(ctx, tx, `SELECT id FROM sections WHERE slug = ?`, sec.Slug)
	}
	if err != nil {
		return err
	}
	if id == 0 {
		err = tx.QueryRowContext(ctx, s.d.Rebind(`
			INSERT INTO sections (slug, name, description, position) VALUES (?, ?, ?, ?) RETURNING id`),
			sec.Slug, sec.Name, sec.Description, sec.Position).Scan(&id)
	} else {
		_, err = tx.ExecContext(ctx, s.d.Rebind(`UPDATE sections SET name = ?, description = ? WHERE id = ?`),
			sec.Name, sec.Description, id)
	}
	if err != nil {
		return s.formatError("import section", err)
	}
	if err := s.finishImport(ctx, tx, k, id, redirects); err != nil {
		return err
	}
	if err := s.commitImport(ctx, tx, "import section", warta.TagGlobal, warta.SectionTag(id)); err != nil {
		return err
	}
	sec.ID = id
	return nil
}

// ImportTag creates or updates t by its key, else adopts the tag with
// its slug.
func (s *Store) ImportTag(ctx context.Context, k warta.ImportKey, t *warta.Tag, redirects []warta.Redirect) error {
	if err := t.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id, err := s.importTarget(ctx, tx, k, "tags")
	if err == nil && id == 0 {
		id, err = s.idWhere(ctx, tx, `SELECT id FROM tags WHERE slug = ?`, t.Slug)
	}
	if err != nil {
		return err
	}
	if id == 0 {
		err = tx.QueryRowContext(ctx, s.d.Rebind(`INSERT INTO tags (slug, name) VALUES (?, ?) RETURNING id`),
			t.Slug, t.Name).Scan(&id)
	} else {
		_, err = tx.ExecContext(ctx, s.d.Rebind(`UPDATE tags SET name = ? WHERE id = ?`), t.Name, id)
	}
	if err != nil {
		return s.formatError("import tag", err)
	}
	if err := s.finishImport(ctx, tx, k, id, redirects); err != nil {
		return err
	}
	if err := s.commitImport(ctx, tx, "import tag", warta.TopicTag(id)); err != nil {
		return err
	}
	t.ID = id
	return nil
}

// ImportAuthor creates or updates a by its key; a new key first adopts
// the profile of the user with u's email, then the author with a's slug.
func (s *Store) ImportAuthor(ctx context.Context, k warta.ImportKey, a *warta.Author, u *warta.User, redirects []warta.Redirect) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if u != nil {
		u.Name = a.Name
		if err := u.Validate(); err != nil {
			return err
		}
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id, err := s.importTarget(ctx, tx, k, "authors")
	var userID int64
	if err == nil && u != nil {
		userID, err = s.idWhere(ctx, tx, `SELECT id FROM users WHERE lower(email) = lower(?)`, u.Email)
		if err == nil && id == 0 && userID != 0 {
			id, err = s.idWhere(ctx, tx, `SELECT author_id FROM users WHERE id = ?`, userID)
		}
	}
	if err == nil && id == 0 {
		id, err = s.idWhere(ctx, tx, `SELECT id FROM authors WHERE slug = ?`, a.Slug)
	}
	if err != nil {
		return err
	}
	if id == 0 {
		err = tx.QueryRowContext(ctx, s.d.Rebind(`INSERT INTO authors (slug, name, bio) VALUES (?, ?, ?) RETURNING id`),
			a.Slug, a.Name, a.Bio).Scan(&id)
	} else {
		_, err = tx.ExecContext(ctx, s.d.Rebind(`UPDATE authors SET name = ?, bio = ? WHERE id = ?`), a.Name, a.Bio, id)
	}
	if err != nil {
		return s.formatError("import author", err)
	}
	if u != nil && userID == 0 {
		now := s.clock()
		err = tx.QueryRowContext(ctx, s.d.Rebind(`
			INSERT INTO users (email, name, role, disabled, author_id, password_hash, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			u.Email, u.Name, string(u.Role), u.Disabled, id, u.PasswordHash, s.d.arg(now), s.d.arg(now)).Scan(&userID)
		if err != nil {
			return s.userError("import author: create user", err)
		}
		u.CreatedAt, u.UpdatedAt = now, now
	}
	if err := s.finishImport(ctx, tx, k, id, redirects); err != nil {
		return err
	}
	if err := s.commitImport(ctx, tx, "import author", warta.AuthorTag(id)); err != nil {
		return err
	}
	a.ID = id
	if u != nil {
		u.ID, u.AuthorID = userID, id
	}
	return nil
}

// ImportAuthorMapped points k at the existing author authorID, with the
// redirects, in one transaction; the author's row is only read, so what
// the newsroom wrote in the profile stays as it is.
func (s *Store) ImportAuthorMapped(ctx context.Context, k warta.ImportKey, authorID int64, redirects []warta.Redirect) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id, err := s.idWhere(ctx, tx, `SELECT id FROM authors WHERE id = ?`, authorID)
	if err != nil {
		return err
	}
	if id == 0 {
		return notFound("author")
	}
	if err := s.finishImport(ctx, tx, k, id, redirects); err != nil {
		return err
	}
	return s.commitImport(ctx, tx, "import author", warta.AuthorTag(id))
}

// ImportMedia records m by its key; the same image already in the
// library (by hash) is that entry. Alt, caption and credit are updated
// when the import brings them.
func (s *Store) ImportMedia(ctx context.Context, k warta.ImportKey, m *warta.Media, redirects []warta.Redirect) error {
	if m.Hash == "" || m.Path == "" || m.MIME == "" {
		return &warta.Error{Code: warta.EINVALID, Message: "the media entry needs a hash, a path and a type", Key: "error.form"}
	}
	variants, err := encodeVariants(m.Variants)
	if err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id, err := s.idWhere(ctx, tx, `SELECT id FROM media WHERE hash = ?`, m.Hash)
	if err != nil {
		return err
	}
	now := s.clock()
	if id == 0 {
		err = tx.QueryRowContext(ctx, s.d.Rebind(`
			INSERT INTO media (hash, path, mime, width, height, size, variants, original_name,
				alt, caption, credit, uploaded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) RETURNING id`),
			m.Hash, m.Path, m.MIME, m.Width, m.Height, m.Size, variants, m.OriginalName,
			m.Alt, m.Caption, m.Credit, s.d.arg(now)).Scan(&id)
	} else {
		_, err = tx.ExecContext(ctx, s.d.Rebind(`
			UPDATE media SET
				alt = CASE WHEN ? = '' THEN alt ELSE ? END,
				caption = CASE WHEN ? = '' THEN caption ELSE ? END,
				credit = CASE WHEN ? = '' THEN credit ELSE ? END
			WHERE id = ?`), m.Alt, m.Alt, m.Caption, m.Caption, m.Credit, m.Credit, id)
	}
	if err != nil {
		return s.formatError("import media", err)
	}
	if err := s.finishImport(ctx, tx, k, id, redirects); err != nil {
		return err
	}
	if err := s.commitImport(ctx, tx, "import media"); err != nil {
		return err
	}
	m.ID = id
	return nil
}

// ImportArticle creates or updates a by its key, with its comments, in
// one transaction. A re-import that changes nothing writes no revision.
func (s *Store) ImportArticle(ctx context.Context, k warta.ImportKey, a *warta.Article, comments []*warta.ImportedComment, redirects []warta.Redirect) error {
	errs, err := s.ImportArticles(ctx, []warta.ArticleImport{{Key: k, Article: a, Comments: comments, Redirects: redirects}})
	if err != nil {
		return err
	}
	return errs[0]
}

// ImportArticles imports several articles in one transaction, each in a
// savepoint of its own, so that an article the store refuses is rolled
// back alone; see warta.ImportStore. One commit for many articles is
// what makes a large import fast.
func (s *Store) ImportArticles(ctx context.Context, items []warta.ArticleImport) ([]error, error) {
	errs := make([]error, len(items))
	valid := 0
	for i, it := range items {
		errs[i] = validArticleImport(it)
		if errs[i] == nil {
			valid++
		}
	}
	if valid == 0 {
		return errs, nil
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := s.clock()
	var changed []string
	// The search index of the batch is written after its savepoints, in
	// the same transaction: SQLite's full-text index writes what it holds
	// to disk at every savepoint, so writing it inside each item's made
	// one small index segment per article, to be merged again later.
	var index []indexJob // the articles written
	for i, it := range items {
		if errs[i] != nil {
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT import_item`); err != nil {
			return nil, s.internal("import article: savepoint", err)
		}
		tags, wrote, err := s.importArticle(ctx, tx, now, it)
		if err != nil {
			if code := warta.ErrorCode(err); code != warta.EINVALID && code != warta.ECONFLICT {
				return nil, err
			}
			errs[i] = err
			if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT import_item`); err != nil {
				return nil, s.internal("import article: roll back", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT import_item`); err != nil {
			return nil, s.internal("import article: release savepoint", err)
		}
		if wrote && errs[i] == nil {
			a := it.Article
			index = append(index, indexJob{a.ID, a.Headline, a.Dek, a.BodyHTML, a.BodyMarkdown})
		}
		changed = append(changed, tags...)
	}
	// Only what was written is stemmed (a re-run of an unchanged export
	// stems nothing), on every core; see indexArticles.
	if err := s.indexArticles(ctx, tx, index); err != nil {
		return nil, err
	}
	if err := s.commitImport(ctx, tx, "import articles", changed...); err != nil {
		return nil, err
	}
	return errs, nil
}

// validArticleImport checks an item before any SQL runs.
func validArticleImport(it warta.ArticleImport) error {
	if err := it.Article.Validate(); err != nil {
		return err
	}
	for _, c := range it.Comments {
		if err := validImportedComment(&c.Comment); err != nil {
			return err
		}
	}
	return nil
}

// importArticle writes one article of ImportArticles in tx and returns
// the page cache tags it changes and whether it wrote the article: the
// search index of an article it writes is left to the caller.
func (s *Store) importArticle(ctx context.Context, tx *sql.Tx, now time.Time, it warta.ArticleImport) ([]string, bool, error) {
	k, a, comments, redirects := it.Key, it.Article, it.Comments, it.Redirects
	tags, authors := tagIDs(a.Tags), authorIDs(a.Authors)
	variants, err := encodeVariants(a.LeadImage.Variants)
	if err != nil {
		return nil, false, err
	}
	// No checkReferences: an import passes the IDs the store just gave
	// it, and the foreign keys refuse anything else (EINVALID) at a third
	// of the cost, which counts over 10,000 articles.
	id, err := s.importTarget(ctx, tx, k, "articles")
	if err != nil {
		return nil, false, err
	}
	var before *warta.Article
	if id != 0 {
		if before, err = s.articleByID(ctx, tx, id); err != nil {
			return nil, false, err
		}
	}
	// The slug: the one asked for when it is free or already this
	// article's; else, for a new article, the first free -2, -3…; an
	// existing article keeps the slug it has.
	want := a.Slug
	for n := 1; ; n++ {
		candidate := slug.Nth(want, n)
		owner, err := s.slugOwner(ctx, tx, candidate)
		if err != nil {
			return nil, false, err
		}
		if owner == 0 || (id != 0 && owner == id) {
			a.Slug = candidate
			break
		}
		if id != 0 {
			a.Slug = before.Slug
			break
		}
	}
	published := Normalize(a.PublishedAt)
	createdAt := Normalize(a.CreatedAt)
	if createdAt.IsZero() {
		createdAt = now
	}
	args := []any{
		a.Slug, a.Headline, a.Dek, a.BodyMarkdown, a.BodyHTML, string(a.Status), a.Section.ID,
		nullID(a.LeadImage.MediaID), variants,
		a.LeadImage.Path, a.LeadImage.Alt, a.LeadImage.Caption, a.LeadImage.Credit,
		a.LeadImage.Width, a.LeadImage.Height, a.CommentsOpen, s.d.arg(published),
	}
	wrote := false
	switch {
	case id == 0:
		err = tx.QueryRowContext(ctx, s.d.Rebind(`
			INSERT INTO articles (
				slug, headline, dek, body_markdown, body_html, status, section_id,
				lead_media_id, lead_variants,
				lead_image_path, lead_image_alt, lead_image_caption, lead_image_credit,
				lead_image_width, lead_image_height, comments_open, published_at,
				owner_id, revision, created_at, updated_at
			) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?)
			RETURNING id`), append(args, s.d.arg(createdAt), s.d.arg(now))...).Scan(&id)
		if err != nil {
			return nil, false, s.formatError("import article", err)
		}
		wrote = true
	case articleChanged(before, a, published, tags, authors):
		_, err = tx.ExecContext(ctx, s.d.Rebind(`
			UPDATE articles SET
				slug = ?, headline = ?, dek = ?, body_markdown = ?, body_html = ?, status = ?, section_id = ?,
				lead_media_id = ?, lead_variants = ?,
				lead_image_path = ?, lead_image_alt = ?, lead_image_caption = ?, lead_image_credit = ?,
				lead_image_width = ?, lead_image_height = ?, comments_open = ?, published_at = ?,
				revision = revision + 1, updated_at = ?
			WHERE id = ?`), append(args, s.d.arg(now), id)...)
		if err != nil {
			return nil, false, s.formatError("import article: update", err)
		}
		for _, table := range []string{"article_tags", "article_authors"} {
			if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM `+table+` WHERE article_id = ?`), id); err != nil {
				return nil, false, s.internal("import article: clear "+table, err)
			}
		}
		wrote = true
	}
	if wrote {
		if before == nil || before.Slug != a.Slug {
			if _, err := tx.ExecContext(ctx, s.d.Rebind(`
				INSERT INTO article_slugs (slug, article_id) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING`), a.Slug, id); err != nil {
				return nil, false, s.formatError("import article: record slug", err)
			}
		}
		if err := s.setRelations(ctx, tx, id, tags, authors); err != nil {
			return nil, false, err
		}
		if err := s.linkDocuments(ctx, tx, id, a.BodyMarkdown); err != nil {
			return nil, false, err
		}
		if err := s.writeRevisions(ctx, tx, []any{id}, 0, now, a.RevisionNote); err != nil {
			return nil, false, err
		}
	}
	commentsChanged, err := s.importComments(ctx, tx, k.Source, id, comments, now)
	if err != nil {
		return nil, false, err
	}
	if err := s.finishImport(ctx, tx, k, id, redirects); err != nil {
		return nil, false, err
	}
	// What the store set; the rest of a is what was given, and saved.
	var revision int
	var created, updated time.Time
	if err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT revision, created_at, updated_at FROM articles WHERE id = ?`), id).
		Scan(&revision, timeDest{&created}, timeDest{&updated}); err != nil {
		return nil, false, s.internal("import article: read back", err)
	}
	got := *a
	got.ID, got.Revision, got.CreatedAt, got.UpdatedAt, got.PublishedAt = id, revision, created, updated, published
	var changed []string
	if wrote {
		changed = articleTags(before, &got)
	}
	if commentsChanged {
		changed = append(changed, warta.ArticleTag(id), warta.TagComments)
	}
	*a = got
	return changed, wrote, nil
}

// articleChanged reports whether the import brings anything the stored
// article does not have.
func articleChanged(b, a *warta.Article, published time.Time, tags, authors []int64) bool {
	return b.Slug != a.Slug || b.Headline != a.Headline || b.Dek != a.Dek ||
		b.BodyMarkdown != a.BodyMarkdown || b.BodyHTML != a.BodyHTML || b.Status != a.Status ||
		b.Section.ID != a.Section.ID || b.LeadImage.MediaID != a.LeadImage.MediaID ||
		b.LeadImage.Path != a.LeadImage.Path || b.LeadImage.Alt != a.LeadImage.Alt ||
		b.LeadImage.Caption != a.LeadImage.Caption || b.LeadImage.Credit != a.LeadImage.Credit ||
		b.CommentsOpen != a.CommentsOpen || !b.PublishedAt.Equal(published) ||
		!slices.Equal(tagIDs(b.Tags), tags) || !slices.Equal(authorIDs(b.Authors), authors)
}

// validImportedComment checks what a comment from another site must
// have. It is looser than Comment.Validate: old sites hold comments
// without an email (pingbacks, comments from before the field was
// required), and they are part of the discussion all the same.
func validImportedComment(c *warta.Comment) error {
	fields := map[string]string{}
	for name, v := range map[string]string{"content": c.Content, "author": c.AuthorName, "email": c.AuthorEmail, "url": c.AuthorURL} {
		if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			fields[name] = "error.invalid_utf8"
		}
	}
	if strings.TrimSpace(c.Content) == "" {
		fields["content"] = "error.required"
	}
	if !c.Status.Valid() {
		fields["status"] = "error.invalid"
	}
	if len(fields) > 0 {
		return &warta.Error{Code: warta.EINVALID, Message: "the comment is not valid", Key: "error.form", Fields: fields}
	}
	return nil
}

// importComments creates or updates an article's imported comments in tx
// and reports whether readers will see a difference. It reads the
// article's imported comments once, so that each new comment costs two
// statements: an export of 100,000 comments spends its time here.
func (s *Store) importComments(ctx context.Context, tx *sql.Tx, source string, articleID int64, comments []*warta.ImportedComment, now time.Time) (bool, error) {
	if len(comments) == 0 {
		return false, nil
	}
	type known struct{ id, depth int64 }
	have := map[string]known{}
	// Looked up by their keys (the primary key's prefix), in batches, so
	// the cost does not grow with the comments imported before.
	for start := 0; start < len(comments); start += 500 {
		batch := comments[start:min(start+500, len(comments))]
		args := []any{source, warta.ImportComment}
		for _, c := range batch {
			args = append(args, c.Key)
		}
		rows, err := tx.QueryContext(ctx, s.d.Rebind(`
			SELECT k.key, c.id, c.depth, c.article_id FROM import_keys k JOIN comments c ON c.id = k.target_id
			WHERE k.source = ? AND k.kind = ? AND k.key IN (`+placeholders(len(batch))+`)`), args...)
		if err != nil {
			return false, s.internal("import comments: read", err)
		}
		for rows.Next() {
			var k string
			var c known
			var onArticle int64
			if err := rows.Scan(&k, &c.id, &c.depth, &onArticle); err != nil {
				rows.Close()
				return false, s.internal("import comments: scan", err)
			}
			if onArticle != articleID {
				rows.Close()
				return false, &warta.Error{Code: warta.EINVALID, Message: "comment " + k + " was imported under another article"}
			}
			have[k] = c
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return false, s.internal("import comments: read", err)
		}
	}
	changed := false
	var newKeys []any // source, kind, key, id of each new comment, recorded at the end in one statement
	for _, c := range comments {
		if c.Key == "" {
			return false, &warta.Error{Code: warta.EINVALID, Message: "an imported comment needs a key"}
		}
		if k, ok := have[c.Key]; ok {
			res, err := tx.ExecContext(ctx, s.d.Rebind(`
				UPDATE comments SET author_name = ?, author_email = ?, author_url = ?, author_ip = ?, user_agent = ?,
					content = ?, content_html = ?, status = ?, updated_at = ?
				WHERE id = ? AND NOT (author_name = ? AND author_email = ? AND author_url = ? AND author_ip = ?
					AND user_agent = ? AND content = ? AND content_html = ? AND status = ?)`),
				c.AuthorName, c.AuthorEmail, c.AuthorURL, c.AuthorIP, c.UserAgent, c.Content, c.ContentHTML, string(c.Status), s.d.arg(now),
				k.id, c.AuthorName, c.AuthorEmail, c.AuthorURL, c.AuthorIP, c.UserAgent, c.Content, c.ContentHTML, string(c.Status))
			if err != nil {
				return false, s.internal("import comment: update", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				changed = true
			}
			c.ID = k.id
			continue
		}
		var parentID, depth int64
		if c.ParentKey != "" {
			p, ok := have[c.ParentKey]
			if !ok {
				return false, &warta.Error{
					Code: warta.EINVALID, Message: "comment " + c.Key + " replies to comment " + c.ParentKey + ", which this article does not have",
					Key: "error.form", Fields: map[string]string{"parent_id": "error.parent_invalid"},
				}
			}
			parentID, depth = p.id, p.depth+1
		}
		created := Normalize(c.CreatedAt)
		if created.IsZero() {
			created = now
		}
		var id int64
		err := tx.QueryRowContext(ctx, s.d.Rebind(`
			INSERT INTO comments (
				article_id, parent_id, depth,
				author_name, author_email, author_url, author_ip, user_agent,
				content, content_html, status, reason, nonce, created_at, updated_at
			) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
			RETURNING id`),
			articleID, nullID(parentID), depth,
			c.AuthorName, c.AuthorEmail, c.AuthorURL, c.AuthorIP, c.UserAgent,
			c.Content, c.ContentHTML, string(c.Status), c.Reason, s.d.arg(created), s.d.arg(now),
		).Scan(&id)
		if err != nil {
			return false, s.commentError("import comment", err)
		}
		newKeys = append(newKeys, source, warta.ImportComment, c.Key, id)
		have[c.Key] = known{id: id, depth: depth}
		c.ID, c.ArticleID, c.ParentID, c.Depth, c.CreatedAt, c.UpdatedAt = id, articleID, parentID, int(depth), created, now
		if c.Status == warta.CommentApproved {
			changed = true
		}
	}
	// The keys of the new comments, in statements of up to 200 rows.
	for len(newKeys) > 0 {
		n := min(len(newKeys)/4, 200)
		rows := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", n), ", ")
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`
			INSERT INTO import_keys (source, kind, key, target_id) VALUES `+rows+`
			ON CONFLICT (source, kind, key) DO UPDATE SET target_id = excluded.target_id`), newKeys[:4*n]...); err != nil {
			return false, s.internal("import comments: record keys", err)
		}
		newKeys = newKeys[4*n:]
	}
	return changed, nil
}

// ImportPage creates or updates p by its key. A new page whose slug is
// taken gets -2, -3…; an existing one keeps its slug and its place in
// the menu, and gets a new revision when the import changes it.
func (s *Store) ImportPage(ctx context.Context, k warta.ImportKey, p *warta.Page, redirects []warta.Redirect) error {
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id, err := s.importTarget(ctx, tx, k, "pages")
	if err != nil {
		return err
	}
	now := s.clock()
	var before *warta.Page
	wrote := true
	if id == 0 {
		base := p.Slug
		for n := 1; ; n++ {
			p.Slug = slug.Nth(base, n)
			taken, err := s.idWhere(ctx, tx, `SELECT id FROM pages WHERE slug = ?`, p.Slug)
			if err != nil {
				return err
			}
			if taken == 0 {
				break
			}
		}
		created := Normalize(p.CreatedAt)
		if created.IsZero() {
			created = now
		}
		err = tx.QueryRowContext(ctx, s.d.Rebind(`
			INSERT INTO pages (slug, title, body_markdown, body_html, status, menu_order, menu_label, created_at, updated_at, revision)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`),
			p.Slug, p.Title, p.BodyMarkdown, p.BodyHTML, string(p.Status), p.MenuOrder, p.MenuLabel,
			s.d.arg(created), s.d.arg(now)).Scan(&id)
		if err != nil {
			return s.formatError("import page", err)
		}
	} else {
		if before, err = scanPage(tx.QueryRowContext(ctx, s.d.Rebind(`SELECT `+pageColumns+` FROM pages WHERE id = ?`), id)); err != nil {
			return s.internal("import page: read", err)
		}
		p.Slug, p.MenuOrder, p.MenuLabel = before.Slug, before.MenuOrder, before.MenuLabel
		if before.Title != p.Title || before.BodyMarkdown != p.BodyMarkdown || before.BodyHTML != p.BodyHTML || before.Status != p.Status {
			// A new revision, so that an editor who has the page open gets
			// a conflict on saving rather than silently undoing the import.
			if _, err := tx.ExecContext(ctx, s.d.Rebind(`
				UPDATE pages SET title = ?, body_markdown = ?, body_html = ?, status = ?, updated_at = ?, revision = revision + 1
				WHERE id = ?`),
				p.Title, p.BodyMarkdown, p.BodyHTML, string(p.Status), s.d.arg(now), id); err != nil {
				return s.formatError("import page: update", err)
			}
		} else {
			wrote = false
		}
	}
	if err := s.finishImport(ctx, tx, k, id, redirects); err != nil {
		return err
	}
	got, err := scanPage(tx.QueryRowContext(ctx, s.d.Rebind(`SELECT `+pageColumns+` FROM pages WHERE id = ?`), id))
	if err != nil {
		return s.internal("import page: read back", err)
	}
	var tags []string
	if wrote {
		tags = pageTags(before, got)
	}
	if err := s.commitImport(ctx, tx, "import page", tags...); err != nil {
		return err
	}
	*p = *got
	return nil
}
