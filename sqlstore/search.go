package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"warta"
	"warta/search"
)

// The search index (migration 0005, on SQLite one table per language
// since 0011) holds, for every article whatever
// its status, the stemmed tokens (search.Terms) of its headline, dek and
// body in Indonesian and in English. Both databases index the same
// tokens, so they find the same articles; each ranks with its own
// function (FTS5's bm25, PostgreSQL's ts_rank_cd), weighting the headline
// over the dek over the body. CreateArticle and UpdateArticle rewrite an
// article's row in their transaction and DeleteArticle removes it;
// publication only changes the articles row, which Search filters on.

// maxBodyTerms bounds how many tokens of a body are indexed, which keeps
// a huge article within PostgreSQL's limits for a tsvector (1 MB, and
// positions up to 16,383) and the same on both databases.
const maxBodyTerms = 12000

// reindexBatch is how many articles Reindex writes per transaction.
const reindexBatch = 200

var _ warta.SearchStore = (*Store)(nil)

// indexDoc is an article's text as the index stores it: space-joined
// stemmed tokens per field and language.
type indexDoc struct {
	headlineID, dekID, bodyID string
	headlineEN, dekEN, bodyEN string
}

// newIndexDoc stems an article's headline, dek and body. The body is the
// text of its HTML (tags and attributes are not words a reader searches
// for), or its Markdown when it has no HTML.
func newIndexDoc(headline, dek, bodyHTML, bodyMarkdown string) indexDoc {
	body := bodyMarkdown
	if bodyHTML != "" {
		body = htmlText(bodyHTML)
	}
	// Each text is split once and stemmed in both languages.
	h, d, b := search.Tokens(headline), search.Tokens(dek), search.Tokens(body)
	if len(b) > maxBodyTerms {
		b = b[:maxBodyTerms]
	}
	terms := func(lang string, toks []string) string {
		return strings.Join(search.StemAll(lang, toks), " ")
	}
	return indexDoc{
		headlineID: terms(search.Indonesian, h),
		dekID:      terms(search.Indonesian, d),
		bodyID:     terms(search.Indonesian, b),
		headlineEN: terms(search.English, h),
		dekEN:      terms(search.English, d),
		bodyEN:     terms(search.English, b),
	}
}

// htmlText returns the text of an HTML fragment, with a space where a
// tag was so that words in adjacent elements stay apart.
func htmlText(s string) string {
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside <script> or <style>, which sanitised bodies lack anyway
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return b.String()
		case nethtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case nethtml.StartTagToken:
			if name, _ := z.TagName(); isRawText(name) {
				skip++
			}
			b.WriteByte(' ')
		case nethtml.EndTagToken:
			if name, _ := z.TagName(); isRawText(name) && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		default:
			b.WriteByte(' ')
		}
	}
}

func isRawText(name []byte) bool {
	a := atom.Lookup(name)
	return a == atom.Script || a == atom.Style
}

// ftsTable is SQLite's FTS5 table of one language (migration 0011).
func ftsTable(english bool) string {
	if english {
		return "search_en"
	}
	return "search_id"
}

// isPostgres reports whether the store speaks PostgreSQL's full-text
// search; otherwise it is SQLite's FTS5. Search is the one place where
// the two databases need different SQL, not just different quirks.
func (s *Store) isPostgres() bool { return s.d.Name == "postgres" }

// indexJob is an article's text to be indexed.
type indexJob struct {
	id                                    int64
	headline, dek, bodyHTML, bodyMarkdown string
}

// indexArticle writes the index row of article id in tx, replacing any.
func (s *Store) indexArticle(ctx context.Context, tx *sql.Tx, id int64, headline, dek, bodyHTML, bodyMarkdown string) error {
	return s.writeIndex(ctx, tx, id, newIndexDoc(headline, dek, bodyHTML, bodyMarkdown))
}

// indexArticles indexes several articles in tx, as indexArticle does
// each.
func (s *Store) indexArticles(ctx context.Context, tx *sql.Tx, jobs []indexJob) error {
	for i, d := range stemDocs(jobs) {
		if err := s.writeIndex(ctx, tx, jobs[i].id, d); err != nil {
			return err
		}
	}
	return nil
}

// stemDocs makes the index documents of jobs. Stemming is the costly
// part of indexing done in Go, so it is spread over the machine's cores.
func stemDocs(jobs []indexJob) []indexDoc {
	docs := make([]indexDoc, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(jobs); i = int(next.Add(1)) - 1 {
				j := jobs[i]
				docs[i] = newIndexDoc(j.headline, j.dek, j.bodyHTML, j.bodyMarkdown)
			}
		})
	}
	wg.Wait()
	return docs
}

// writeIndex writes d as the index row of article id in tx.
func (s *Store) writeIndex(ctx context.Context, tx *sql.Tx, id int64, d indexDoc) error {
	if s.isPostgres() {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO search_index (article_id, doc_id, doc_en) VALUES ($1,
				setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B') || setweight(to_tsvector('simple', $4), 'C'),
				setweight(to_tsvector('simple', $5), 'A') || setweight(to_tsvector('simple', $6), 'B') || setweight(to_tsvector('simple', $7), 'C'))
			ON CONFLICT (article_id) DO UPDATE SET doc_id = EXCLUDED.doc_id, doc_en = EXCLUDED.doc_en`,
			id, d.headlineID, d.dekID, d.bodyID, d.headlineEN, d.dekEN, d.bodyEN)
		if err != nil {
			return s.internal("index article", err)
		}
		return nil
	}
	if err := s.unindexArticle(ctx, tx, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_id (rowid, headline, dek, body) VALUES (?, ?, ?, ?)`,
		id, d.headlineID, d.dekID, d.bodyID); err != nil {
		return s.internal("index article", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_en (rowid, headline, dek, body) VALUES (?, ?, ?, ?)`,
		id, d.headlineEN, d.dekEN, d.bodyEN); err != nil {
		return s.internal("index article", err)
	}
	return nil
}

// unindexArticle removes the index row of article id. On PostgreSQL the
// foreign key's cascade does it too; FTS5 tables have no foreign keys.
func (s *Store) unindexArticle(ctx context.Context, tx *sql.Tx, id int64) error {
	qs := []string{`DELETE FROM search_id WHERE rowid = ?`, `DELETE FROM search_en WHERE rowid = ?`}
	if s.isPostgres() {
		qs = []string{`DELETE FROM search_index WHERE article_id = $1`}
	}
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return s.internal("unindex article", err)
		}
	}
	return nil
}

// Search returns one page of the published articles that match q, best
// first, and how many match in all. See warta.SearchStore.
func (s *Store) Search(ctx context.Context, q warta.SearchQuery, now time.Time, offset, limit int) ([]*warta.Article, int, error) {
	sq := toQuery(q)
	if sq.Empty() {
		return nil, 0, nil
	}
	if limit <= 0 || limit > warta.MaxPageSize {
		limit = warta.MaxPageSize
	}
	offset = max(offset, 0)
	english := isEnglish(q.Lang)

	if !s.isPostgres() {
		tx, err := s.beginRead(ctx)
		if err != nil {
			return nil, 0, err
		}
		defer tx.Rollback()
		ids, total, err := s.searchFTS5(ctx, tx, ftsTable(english), sq.FTS5(), s.d.arg(Normalize(now)), offset, limit)
		if err != nil || len(ids) == 0 {
			return nil, total, err
		}
		list, err := s.articlesInOrder(ctx, tx, ids)
		if err != nil {
			return nil, 0, err
		}
		return list, total, nil
	}

	col := "doc_id"
	if english {
		col = "doc_en"
	}
	from := `search_index x JOIN articles a ON a.id = x.article_id, to_tsquery('simple', ?) q`
	where := `x.` + col + ` @@ q AND a.status = 'published' AND a.published_at <= ?`
	rank := `ts_rank_cd(x.` + col + `, q) DESC`
	args := []any{sq.TSQuery(), s.d.arg(Normalize(now))}

	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	ids, total, err := s.rankedIDs(ctx, tx, `
		SELECT a.id, COUNT(*) OVER() FROM `+from+` WHERE `+where+`
		ORDER BY `+rank+`, `+articleOrder+` LIMIT ? OFFSET ?`,
		append(args, limit, offset))
	if err != nil {
		return nil, 0, err
	}
	if len(ids) == 0 {
		if offset > 0 {
			// Past the last page COUNT(*) OVER() has no row to ride on.
			if err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT COUNT(*) FROM `+from+` WHERE `+where), args...).Scan(&total); err != nil {
				return nil, 0, s.internal("search: count", err)
			}
		}
		return nil, total, nil
	}
	list, err := s.articlesInOrder(ctx, tx, ids)
	if err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

// rankWindow is how many of the newest matches SQLite ranks together.
// bm25 costs a few microseconds per match, and a common word matches
// most of a 50,000-article site: ranking them all took 150 ms and more
// per query. So when more than rankWindow published articles match, the
// rankWindow newest (by id, which grows with each new article) are
// ranked first and the older ones after them, each group best first. On
// a news site the newer of two equally good matches is the one wanted,
// and every match is still listed exactly once, in a stable order.
// A variable so that a test can make it small.
var rankWindow = 1000

// searchFTS5 returns the IDs of page (offset, limit) of the published
// articles that match the FTS5 query match in table, best first (see
// rankWindow), and how many match in all.
//
// bm25 works only in a query on the FTS5 table alone, so the match is
// ranked in a subquery and joined to articles after; lower bm25 is
// better. CROSS JOIN keeps SQLite from turning the plan inside out
// (every published article, then an FTS lookup for each), and
// articles_visible_idx answers the status filter without reading the
// articles' rows, whose status comes after the body.
func (s *Store) searchFTS5(ctx context.Context, q querier, table, match string, now any, offset, limit int) ([]int64, int, error) {
	visible := `CROSS JOIN articles a INDEXED BY articles_visible_idx ON a.id = ` + table + `.rowid
		WHERE ` + table + ` MATCH ? AND a.status = 'published' AND a.published_at <= ?`
	ranked := func(idRange string, args []any, limit, offset int) ([]int64, int, error) {
		return s.rankedIDs(ctx, q, `
			SELECT a.id, COUNT(*) OVER() FROM (
				SELECT rowid AS id, bm25(`+table+`, 10.0, 4.0, 1.0) AS score
				FROM `+table+` WHERE `+table+` MATCH ?`+idRange+`
			) m CROSS JOIN articles a INDEXED BY articles_visible_idx ON a.id = m.id
			WHERE a.status = 'published' AND a.published_at <= ?
			ORDER BY m.score, `+articleOrder+` LIMIT ? OFFSET ?`,
			append(args, limit, offset))
	}

	// The rankWindow-th newest match, if there are that many: FTS5
	// walks its doclist newest first and stops there.
	var cutoff int64
	err := q.QueryRowContext(ctx, `SELECT `+table+`.rowid FROM `+table+` `+visible+`
		ORDER BY `+table+`.rowid DESC LIMIT 1 OFFSET ?`, match, now, rankWindow-1).Scan(&cutoff)
	if errors.Is(err, sql.ErrNoRows) {
		// Few enough to rank them all, as one query.
		ids, total, err := ranked(``, []any{match, now}, limit, offset)
		if err != nil || len(ids) > 0 || offset == 0 {
			return ids, total, err
		}
		// Past the last page COUNT(*) OVER() has no row to ride on.
	} else if err != nil {
		return nil, 0, s.internal("search: window", err)
	}

	var total int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` `+visible, match, now).Scan(&total); err != nil {
		return nil, 0, s.internal("search: count", err)
	}
	if cutoff == 0 {
		return nil, total, nil
	}
	var ids []int64
	if offset < rankWindow {
		ids, _, err = ranked(` AND rowid >= ?`, []any{match, cutoff, now}, limit, offset)
		if err != nil {
			return nil, 0, err
		}
	}
	if len(ids) < limit {
		older, _, err := ranked(` AND rowid < ?`, []any{match, cutoff, now}, limit-len(ids), max(0, offset-rankWindow))
		if err != nil {
			return nil, 0, err
		}
		ids = append(ids, older...)
	}
	return ids, total, nil
}

// Related returns up to limit other published articles like a: those
// sharing the most of its tags first (newest first among equals), then
// those sharing words of its headline, best first. See warta.SearchStore.
func (s *Store) Related(ctx context.Context, a *warta.Article, limit int) ([]*warta.Article, error) {
	if limit <= 0 {
		return nil, nil
	}
	limit = min(limit, warta.MaxPageSize)
	now := s.d.arg(s.clock())

	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	var ids []int64
	if tags := tagIDs(a.Tags); len(tags) > 0 {
		args := []any{}
		for _, id := range tags {
			args = append(args, id)
		}
		args = append(args, a.ID, now, limit)
		// Start from the tags' rows, not from every published article
		// (SQLite's own choice, which grows with the site), and check
		// each one from articles_visible_idx rather than its row.
		join := `articles a JOIN article_tags x ON x.article_id = a.id`
		if !s.isPostgres() {
			join = `article_tags x CROSS JOIN articles a INDEXED BY articles_visible_idx ON a.id = x.article_id`
		}
		ids, _, err = s.rankedIDs(ctx, tx, `
			SELECT a.id, COUNT(*) FROM `+join+`
			WHERE x.tag_id IN (`+placeholders(len(tags))+`) AND a.id <> ?
				AND a.status = 'published' AND a.published_at <= ?
			GROUP BY a.id, a.published_at
			ORDER BY COUNT(*) DESC, a.published_at DESC, a.id DESC LIMIT ?`, args)
		if err != nil {
			return nil, err
		}
	}

	if len(ids) < limit {
		more, err := s.relatedByWords(ctx, tx, a, append(ids, a.ID), now, limit-len(ids))
		if err != nil {
			return nil, err
		}
		ids = append(ids, more...)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return s.articlesInOrder(ctx, tx, ids)
}

// relatedByWords returns up to limit published articles, not in exclude,
// that share words of a's headline in either language, best first.
func (s *Store) relatedByWords(ctx context.Context, q querier, a *warta.Article, exclude []int64, now any, limit int) ([]int64, error) {
	id, en := headlineQuery(search.Indonesian, a.Headline), headlineQuery(search.English, a.Headline)
	if id.Empty() {
		return nil, nil
	}
	not := make([]any, len(exclude))
	for i, x := range exclude {
		not[i] = x
	}
	var query string
	var args []any
	if s.isPostgres() {
		query = `
			SELECT a.id, 0 FROM search_index x JOIN articles a ON a.id = x.article_id,
				to_tsquery('simple', ?) qi, to_tsquery('simple', ?) qe
			WHERE (x.doc_id @@ qi OR x.doc_en @@ qe)`
		args = []any{orTSQuery(id), orTSQuery(en)}
	} else {
		// Each language's table ranks its own match; an article found
		// in both gets the sum of its scores, as PostgreSQL adds its
		// two ranks. See Search for the CROSS JOIN and the index.
		query = `
			SELECT a.id, 0 FROM (
				SELECT id, SUM(score) AS score FROM (
					SELECT rowid AS id, bm25(search_id, 10.0, 4.0, 1.0) AS score
					FROM search_id WHERE search_id MATCH ?
					UNION ALL
					SELECT rowid AS id, bm25(search_en, 10.0, 4.0, 1.0) AS score
					FROM search_en WHERE search_en MATCH ?
				) GROUP BY id
			) m CROSS JOIN articles a INDEXED BY articles_visible_idx ON a.id = m.id
			WHERE 1 = 1`
		args = []any{orFTS5(id), orFTS5(en)}
	}
	query += ` AND a.id NOT IN (` + placeholders(len(not)) + `)
		AND a.status = 'published' AND a.published_at <= ?`
	args = append(append(args, not...), now)
	if s.isPostgres() {
		query += ` ORDER BY ts_rank_cd(x.doc_id, qi) + ts_rank_cd(x.doc_en, qe) DESC, ` + articleOrder
	} else {
		query += ` ORDER BY m.score, ` + articleOrder
	}
	ids, _, err := s.rankedIDs(ctx, q, query+` LIMIT ?`, append(args, limit))
	return ids, err
}

// headlineQuery is a query for any of the words of a headline of three
// letters or more (shorter ones are mostly particles: di, ke, RI).
func headlineQuery(lang, headline string) search.Query {
	var q search.Query
	seen := map[string]bool{}
	for _, tok := range search.Tokens(headline) {
		if len([]rune(tok)) < 3 {
			continue
		}
		w := search.Stem(lang, tok)
		if !seen[w] && len(q.Terms) < search.MaxQueryTerms {
			seen[w] = true
			q.Terms = append(q.Terms, search.Term{Words: []string{w}})
		}
	}
	return q
}

// orFTS5 is q's terms joined with OR, for FTS5. Every term is a single
// positive word, which search.Query.FTS5 quotes.
func orFTS5(q search.Query) string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = search.Query{Terms: []search.Term{t}}.FTS5()
	}
	return strings.Join(parts, " OR ")
}

// orTSQuery is q's terms joined with |, for to_tsquery.
func orTSQuery(q search.Query) string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = search.Query{Terms: []search.Term{t}}.TSQuery()
	}
	return strings.Join(parts, " | ")
}

// rankedIDs runs query, which selects an article ID and a number (the
// total for COUNT(*) OVER(), or anything), and returns the IDs in order
// with the last number.
func (s *Store) rankedIDs(ctx context.Context, q querier, query string, args []any) ([]int64, int, error) {
	rows, err := q.QueryContext(ctx, s.d.Rebind(query), args...)
	if err != nil {
		return nil, 0, s.internal("search", err)
	}
	defer rows.Close()
	var ids []int64
	var n int
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, 0, s.internal("search: scan", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.internal("search", err)
	}
	return ids, n, nil
}

// articlesInOrder loads the articles with ids, in the order of ids.
func (s *Store) articlesInOrder(ctx context.Context, q querier, ids []int64) ([]*warta.Article, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	list, _, err := s.selectArticles(ctx, q, `a.id IN (`+placeholders(len(ids))+`)`, args, len(ids), 0, "")
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*warta.Article, len(list))
	for _, a := range list {
		byID[a.ID] = a
	}
	out := make([]*warta.Article, 0, len(ids))
	for _, id := range ids {
		if a := byID[id]; a != nil {
			out = append(out, a)
		}
	}
	return out, nil
}

// toQuery converts the domain's query to package search's, which renders
// it for each database. Words should be tokens already (letters and
// digits); anything else in them is dropped, so that a caller's mistake
// cannot reach the database's query syntax, and terms left without words
// go.
func toQuery(q warta.SearchQuery) search.Query {
	out := search.Query{Terms: make([]search.Term, 0, len(q.Terms))}
	for _, t := range q.Terms {
		var words []string
		for _, w := range t.Words {
			w = strings.Map(func(r rune) rune {
				if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mc, r)) {
					return r
				}
				return -1
			}, w)
			if w != "" {
				words = append(words, w)
			}
		}
		if len(words) == 0 {
			continue
		}
		out.Terms = append(out.Terms, search.Term{Words: words, Prefix: t.Prefix, Exclude: t.Exclude})
	}
	return out
}

// isEnglish reports whether lang ("en", "en-GB") picks the English
// stemming; anything else is Indonesian.
func isEnglish(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "en" || strings.HasPrefix(lang, "en-") || strings.HasPrefix(lang, "en_")
}

// Reindex rewrites the search index row of every article, in batches of
// reindexBatch per transaction, removes rows of articles that no longer
// exist, and returns how many articles it indexed. Migrate calls it
// through EnsureSearchIndex; it is safe to run at any time.
func (s *Store) Reindex(ctx context.Context) (int, error) {
	var after int64
	n := 0
	for {
		done, last, err := s.reindexBatch(ctx, after)
		if err != nil {
			return n, err
		}
		n += done
		if done < reindexBatch {
			break
		}
		after = last
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return n, err
	}
	defer tx.Rollback()
	qs := []string{
		`DELETE FROM search_id WHERE rowid NOT IN (SELECT id FROM articles)`,
		`DELETE FROM search_en WHERE rowid NOT IN (SELECT id FROM articles)`,
	}
	if s.isPostgres() {
		qs = []string{`DELETE FROM search_index WHERE article_id NOT IN (SELECT id FROM articles)`}
	}
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return n, s.internal("reindex: prune", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return n, s.internal("reindex: commit", err)
	}
	return n, nil
}

// reindexBatch indexes up to reindexBatch articles with IDs above after,
// in one transaction, and returns how many and the last ID.
func (s *Store) reindexBatch(ctx context.Context, after int64) (int, int64, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, s.d.Rebind(`
		SELECT id, headline, dek, body_html, body_markdown FROM articles
		WHERE id > ? ORDER BY id LIMIT ?`), after, reindexBatch)
	if err != nil {
		return 0, 0, s.internal("reindex", err)
	}
	var docs []indexJob
	for rows.Next() {
		var d indexJob
		if err := rows.Scan(&d.id, &d.headline, &d.dek, &d.bodyHTML, &d.bodyMarkdown); err != nil {
			rows.Close()
			return 0, 0, s.internal("reindex: scan", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return 0, 0, s.internal("reindex", err)
	}
	rows.Close()
	if err := s.indexArticles(ctx, tx, docs); err != nil {
		return 0, 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, s.internal("reindex: commit", err)
	}
	if len(docs) == 0 {
		return 0, after, nil
	}
	return len(docs), docs[len(docs)-1].id, nil
}

// EnsureSearchIndex reindexes every article when the search index does
// not hold exactly one row per article (right after migration 0005 on a
// database with articles, or after an article was written by something
// other than this store), and returns how many it indexed: 0 when the
// index was complete. The check is two counts, cheap enough for every
// Migrate.
func (s *Store) EnsureSearchIndex(ctx context.Context) (int, error) {
	var articles, indexed, indexedEN int
	// FTS5 keeps one small row per document in its _docsize table;
	// counting the table itself would read every indexed text, which
	// at 50,000 articles was most of serve's start-up.
	q := `SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM search_id_docsize), (SELECT COUNT(*) FROM search_en_docsize)`
	if s.isPostgres() {
		q = `SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM search_index), (SELECT COUNT(*) FROM search_index)`
	}
	if err := s.write.QueryRowContext(ctx, q).Scan(&articles, &indexed, &indexedEN); err != nil {
		return 0, s.internal("check search index", err)
	}
	if articles == indexed && articles == indexedEN {
		return 0, nil
	}
	return s.Reindex(ctx)
}
