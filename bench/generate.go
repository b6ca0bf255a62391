package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"warta"
	"warta/comments"
	"warta/markdown"
	"warta/postgres"
	"warta/sqlite"
)

// siteSize is how much content the generated site holds.
type siteSize struct {
	Articles int `json:"articles"`
	Comments int `json:"comments"`
	Tags     int `json:"tags"`
	Sections int `json:"sections"`
	Authors  int `json:"authors"`
}

// sizeFor scales the site (50,000 articles, 500,000 comments,
// 2,000 tags, 20 sections) by scale, keeping at least a handful of each.
func sizeFor(scale float64) siteSize {
	n := func(full, least int) int { return max(least, int(float64(full)*scale+0.5)) }
	return siteSize{
		Articles: n(50000, 20),
		Comments: n(500000, 100),
		Tags:     n(2000, 10),
		Sections: 20,
		Authors:  n(100, 5),
	}
}

// benchStore is what the benchmark needs of a Warta store: the domain
// store, its schema, its write handle for bulk loading and its search
// index rebuild. Both sqlite.DB and postgres.DB provide it.
type benchStore interface {
	warta.Store
	Migrate(ctx context.Context) ([]string, error)
	WriteDB() *sql.DB
	Reindex(ctx context.Context) (int, error)
}

// openStore opens the SQLite database in dataDir, or the PostgreSQL
// database when database is a postgres:// URL, as warta serve would.
func openStore(ctx context.Context, dataDir, database string) (benchStore, error) {
	if database != "" {
		return postgres.Open(ctx, database, time.Now)
	}
	return sqlite.Open(ctx, dataDir, time.Now)
}

// siteMap is what the load scenarios need to know about the generated
// site: addresses to request and the articles that take comments.
type siteMap struct {
	Permalinks   []string // every article's path, by ID (index 0 is article 1)
	HotPath      string   // the newest article, the front page's top story
	SectionPaths []string // /section/SLUG/ for every section
	Queries      []string // search queries, as typed
}

// genStats is what generation cost.
type genStats struct {
	Size     siteSize      `json:"size"`
	Words    int64         `json:"body_words"`
	Load     time.Duration `json:"-"` // rows written, without the search index
	Index    time.Duration `json:"-"` // the search index rebuild (Reindex)
	Total    time.Duration `json:"-"`
	LoadS    float64       `json:"load_seconds"`
	IndexS   float64       `json:"index_seconds"`
	TotalS   float64       `json:"total_seconds"`
	Database string        `json:"database"`
}

// articleRow is one generated article, ready to insert.
type articleRow struct {
	id                         int64
	slug, headline, dek, md, h string
	section                    int64
	tags, authors              []int64
	published                  time.Time
	words                      int
}

// generator writes a realistic site straight into a store: sections,
// tags and authors through the store's own methods (they are few), and
// articles and comments through batched SQL in one transaction on the
// store's write handle, which is far faster than one store call (and one
// transaction) per row. The search index is then rebuilt by the store
// (Reindex), exactly as it indexes articles it writes itself.
type generator struct {
	st       benchStore
	postgres bool
	size     siteSize
	seed     uint64
	now      time.Time
	loc      *time.Location
	vocab    *vocabulary
}

// generate fills an empty, migrated store and returns the site's map.
func (g *generator) generate(ctx context.Context) (*siteMap, genStats, error) {
	start := time.Now()
	stats := genStats{Size: g.size, Database: "sqlite"}
	if g.postgres {
		stats.Database = "postgres"
	}
	var existing int
	if err := g.st.WriteDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&existing); err != nil {
		return nil, stats, fmt.Errorf("counting existing articles: %w", err)
	}
	if existing > 0 {
		return nil, stats, fmt.Errorf("the database already holds %d articles: the benchmark needs an empty one", existing)
	}
	// A site that has run before has staff; without one, warta serve
	// would make an administrator (hashing a password) at first start,
	// which is not what start-up time should measure.
	if err := g.st.CreateUser(ctx, &warta.User{Email: "redaksi@warta.example", Name: "Redaksi Bench", Role: warta.RoleAdministrator}); err != nil {
		return nil, stats, fmt.Errorf("creating a staff user: %w", err)
	}
	r := rand.New(rand.NewPCG(g.seed, 1))
	sections, sectionPaths, err := g.sections(ctx, r)
	if err != nil {
		return nil, stats, err
	}
	tags, err := g.tags(ctx, r)
	if err != nil {
		return nil, stats, err
	}
	authors, err := g.authors(ctx, r)
	if err != nil {
		return nil, stats, err
	}

	tx, err := g.st.WriteDB().BeginTx(ctx, nil)
	if err != nil {
		return nil, stats, fmt.Errorf("beginning the bulk load: %w", err)
	}
	defer tx.Rollback()
	published, words, err := g.articles(ctx, tx, sections, tags, authors)
	if err != nil {
		return nil, stats, err
	}
	stats.Words = words
	if err := g.comments(ctx, tx, published); err != nil {
		return nil, stats, err
	}
	// Every article starts with revision 1, as CreateArticle writes it.
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO revisions (article_id, number, user_id, created_at, headline, dek, body_markdown, slug, status, note)
		SELECT id, 1, NULL, updated_at, headline, dek, body_markdown, slug, status, '' FROM articles`); err != nil {
		return nil, stats, fmt.Errorf("writing revisions: %w", err)
	}
	if g.postgres {
		// Rows were inserted with explicit IDs; move the identity
		// sequences past them so the server's own inserts do not collide.
		for _, t := range []string{"articles", "comments", "revisions"} {
			q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %s))`, t, t)
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return nil, stats, fmt.Errorf("moving the %s sequence: %w", t, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, stats, fmt.Errorf("committing the bulk load: %w", err)
	}
	stats.Load = time.Since(start)

	indexStart := time.Now()
	if _, err := g.st.Reindex(ctx); err != nil {
		return nil, stats, fmt.Errorf("filling the search index: %w", err)
	}
	stats.Index = time.Since(indexStart)
	stats.Total = time.Since(start)
	stats.LoadS, stats.IndexS, stats.TotalS = stats.Load.Seconds(), stats.Index.Seconds(), stats.Total.Seconds()

	m := &siteMap{Permalinks: published, HotPath: published[len(published)-1], SectionPaths: sectionPaths}
	m.Queries = g.queries(r, 50)
	return m, stats, nil
}

// sections creates the desks and returns their IDs and page paths.
func (g *generator) sections(ctx context.Context, r *rand.Rand) ([]int64, []string, error) {
	var ids []int64
	var paths []string
	for i := range g.size.Sections {
		name := g.vocab.title(r, 1+r.IntN(2))
		s := &warta.Section{Slug: slugify(name) + "-" + strconv.Itoa(i+1), Name: name, Description: g.vocab.sentence(r, 10), Position: i + 1}
		if err := g.st.CreateSection(ctx, s); err != nil {
			return nil, nil, fmt.Errorf("creating section %d: %w", i+1, err)
		}
		ids = append(ids, s.ID)
		paths = append(paths, "/section/"+s.Slug+"/")
	}
	return ids, paths, nil
}

// tags creates the tags and returns their IDs.
func (g *generator) tags(ctx context.Context, r *rand.Rand) ([]int64, error) {
	var ids []int64
	for i := range g.size.Tags {
		name := g.vocab.title(r, 1+r.IntN(3))
		t := &warta.Tag{Slug: slugify(name) + "-" + strconv.Itoa(i+1), Name: name}
		if err := g.st.CreateTag(ctx, t); err != nil {
			return nil, fmt.Errorf("creating tag %d: %w", i+1, err)
		}
		ids = append(ids, t.ID)
	}
	return ids, nil
}

// authors creates the bylines and returns their IDs.
func (g *generator) authors(ctx context.Context, r *rand.Rand) ([]int64, error) {
	var ids []int64
	for i := range g.size.Authors {
		name := g.vocab.title(r, 2)
		a := &warta.Author{Slug: slugify(name) + "-" + strconv.Itoa(i+1), Name: name, Bio: g.vocab.sentence(r, 12)}
		if err := g.st.CreateAuthor(ctx, a); err != nil {
			return nil, fmt.Errorf("creating author %d: %w", i+1, err)
		}
		ids = append(ids, a.ID)
	}
	return ids, nil
}

// articles inserts every article with its slug, tags and authors. Bodies
// are generated and rendered (markdown.Render, as the newsroom saves
// them) on every CPU; one goroutine writes. It returns the permalinks by
// ID and the number of body words.
func (g *generator) articles(ctx context.Context, tx *sql.Tx, sections, tags, authors []int64) ([]string, int64, error) {
	n := g.size.Articles

	jobs := make(chan int64)
	rows := make(chan *articleRow, 64)
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				row, err := g.article(id, g.publishedAt(id), sections, tags, authors)
				if err != nil {
					select {
					case errc <- err:
					default:
					}
					continue
				}
				rows <- row
			}
		}()
	}
	go func() {
		defer close(jobs)
		for id := int64(1); id <= int64(n); id++ {
			select {
			case jobs <- id:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(rows) }()

	insArticle, err := tx.PrepareContext(ctx, g.rebind(`
		INSERT INTO articles (id, slug, headline, dek, body_markdown, body_html, status, section_id,
			revision, comments_open, published_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 'published', ?, 1, ?, ?, ?, ?)`))
	if err != nil {
		return nil, 0, fmt.Errorf("preparing the article insert: %w", err)
	}
	defer insArticle.Close()
	insSlug, err := tx.PrepareContext(ctx, g.rebind(`INSERT INTO article_slugs (slug, article_id) VALUES (?, ?)`))
	if err != nil {
		return nil, 0, err
	}
	defer insSlug.Close()
	insTag, err := tx.PrepareContext(ctx, g.rebind(`INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)`))
	if err != nil {
		return nil, 0, err
	}
	defer insTag.Close()
	insAuthor, err := tx.PrepareContext(ctx, g.rebind(`INSERT INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)`))
	if err != nil {
		return nil, 0, err
	}
	defer insAuthor.Close()

	permalinks := make([]string, n)
	var words int64
	var failed error
	for row := range rows {
		if failed != nil {
			continue // drain, so the workers can finish
		}
		t := g.timeArg(row.published)
		if _, err := insArticle.ExecContext(ctx, row.id, row.slug, row.headline, row.dek, row.md, row.h,
			row.section, true, t, t, t); err != nil {
			failed = fmt.Errorf("inserting article %d: %w", row.id, err)
			continue
		}
		if _, err := insSlug.ExecContext(ctx, row.slug, row.id); err != nil {
			failed = fmt.Errorf("inserting article %d's slug: %w", row.id, err)
			continue
		}
		for i, tag := range row.tags {
			if _, err := insTag.ExecContext(ctx, row.id, tag, i); err != nil {
				failed = fmt.Errorf("tagging article %d: %w", row.id, err)
			}
		}
		for i, a := range row.authors {
			if _, err := insAuthor.ExecContext(ctx, row.id, a, i); err != nil {
				failed = fmt.Errorf("crediting article %d: %w", row.id, err)
			}
		}
		a := warta.Article{Slug: row.slug, PublishedAt: row.published}
		permalinks[row.id-1] = a.Permalink(g.loc)
		words += int64(row.words)
	}
	select {
	case err := <-errc:
		return nil, 0, err
	default:
	}
	if failed != nil {
		return nil, 0, failed
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	return permalinks, words, nil
}

// publishedAt spreads the articles over the last two years, evenly,
// newest last (so the newest is the front page's top story), the newest
// an hour before the generator's now.
func (g *generator) publishedAt(id int64) time.Time {
	span := 2 * 365 * 24 * time.Hour
	step := span / time.Duration(g.size.Articles)
	return g.now.Add(-time.Hour - time.Duration(int64(g.size.Articles)-id)*step)
}

// article generates article id, deterministically from the seed and id
// whichever goroutine makes it.
func (g *generator) article(id int64, published time.Time, sections, tags, authors []int64) (*articleRow, error) {
	r := rand.New(rand.NewPCG(g.seed, uint64(id)<<8|2))
	headline := g.vocab.title(r, 5+r.IntN(6))
	md := g.vocab.body(r, 600, 1200)
	html, err := markdown.Render(md)
	if err != nil {
		return nil, fmt.Errorf("rendering article %d: %w", id, err)
	}
	row := &articleRow{
		id:        id,
		slug:      truncSlug(slugify(headline), 180) + "-" + strconv.FormatInt(id, 10),
		headline:  headline,
		dek:       g.vocab.sentence(r, 15+r.IntN(15)),
		md:        md,
		h:         html,
		section:   sections[r.IntN(len(sections))],
		published: published,
		words:     len(strings.Fields(md)),
	}
	// One to four tags, the popular ones more often (as newsrooms do);
	// one author, sometimes two.
	for range 1 + r.IntN(4) {
		t := tags[int(float64(len(tags))*r.Float64()*r.Float64())]
		if !slices.Contains(row.tags, t) {
			row.tags = append(row.tags, t)
		}
	}
	row.authors = append(row.authors, authors[r.IntN(len(authors))])
	if other := authors[r.IntN(len(authors))]; r.IntN(5) == 0 && other != row.authors[0] {
		row.authors = append(row.authors, other)
	}
	return row, nil
}

// comments inserts the reader comments: skewed to recent articles (the
// newest draws thousands, old ones few or none), each article's in
// time order, 40% of them replies in threads up to five deep, most
// approved, some pending and a few spam, from a pool of regular readers.
func (g *generator) comments(ctx context.Context, tx *sql.Tx, permalinks []string) error {
	n := len(permalinks)
	r := rand.New(rand.NewPCG(g.seed, 3))
	counts := make([]int, n)
	for range g.size.Comments {
		u := r.Float64()
		counts[n-1-int(float64(n)*u*u)]++
	}
	ins, err := tx.PrepareContext(ctx, g.rebind(`
		INSERT INTO comments (id, article_id, parent_id, depth, author_name, author_email, author_ip,
			user_agent, content, content_html, status, reason, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return fmt.Errorf("preparing the comment insert: %w", err)
	}
	defer ins.Close()

	readers := max(50, g.size.Comments/25)
	names := make([]string, 1000)
	for i := range names {
		names[i] = g.vocab.title(r, 2)
	}
	var id int64
	type posted struct {
		id    int64
		depth int
	}
	for i, k := range counts {
		if k == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		articleID := int64(i + 1)
		published := g.publishedAt(articleID)
		// Comment times: sorted, between publication and now.
		window := max(g.now.Sub(published), time.Second)
		times := make([]time.Duration, k)
		for j := range times {
			times[j] = time.Duration(r.Int64N(int64(window)))
		}
		slices.Sort(times)
		var thread []posted
		for j := range k {
			id++
			var parent any
			depth := 0
			if len(thread) > 0 && r.IntN(10) < 4 {
				p := thread[r.IntN(len(thread))]
				if p.depth < 4 {
					parent, depth = p.id, p.depth+1
				}
			}
			status, reason := warta.CommentApproved, "rules"
			switch x := r.IntN(100); {
			case x < 3:
				status, reason = warta.CommentSpam, "staff"
			case x < 10:
				status, reason = warta.CommentPending, "first_time"
			}
			reader := r.IntN(readers)
			content := ""
			for s := 1 + r.IntN(4); s > 0; s-- {
				content += g.vocab.sentence(r, 5+r.IntN(15)) + " "
			}
			content = strings.TrimSpace(content)
			t := g.timeArg(published.Add(times[j]))
			if _, err := ins.ExecContext(ctx, id, articleID, parent, depth,
				names[reader%len(names)], fmt.Sprintf("pembaca%d@pembaca.example", reader),
				fmt.Sprintf("198.51.%d.%d", reader/250%250, reader%250+1), "Mozilla/5.0 (bench)",
				content, comments.Format(content), string(status), reason, t, t); err != nil {
				return fmt.Errorf("inserting comment %d: %w", id, err)
			}
			thread = append(thread, posted{id, depth})
		}
	}
	return nil
}

// queries returns count search queries: one or two words from the
// vocabulary's middle ranks (common enough to match many articles, not
// so common that they are function words), and a few rare words.
func (g *generator) queries(r *rand.Rand, count int) []string {
	words := g.vocab.words
	mid := words[30:min(len(words), 600)]
	var qs []string
	for i := range count {
		switch {
		case i%5 == 4:
			qs = append(qs, words[len(words)/2+r.IntN(len(words)/2)])
		case i%3 == 2:
			qs = append(qs, mid[r.IntN(len(mid))]+" "+mid[r.IntN(len(mid))])
		default:
			qs = append(qs, mid[r.IntN(len(mid))])
		}
	}
	return qs
}

// timeArg turns t into the form the database stores: SQLite keeps fixed
// width UTC text (see package sqlite), PostgreSQL a timestamptz.
func (g *generator) timeArg(t time.Time) any {
	t = t.UTC().Truncate(time.Microsecond)
	if g.postgres {
		return t
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

// rebind rewrites ? placeholders as $1, $2… for PostgreSQL.
func (g *generator) rebind(q string) string {
	if !g.postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// slugify lower-cases s and joins its words with hyphens.
func slugify(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "-")
}

// truncSlug shortens a slug to at most n bytes, at a hyphen.
func truncSlug(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		s = s[:i]
	}
	return s
}

// searchPaths returns the /search addresses for the queries.
func searchPaths(qs []string) []string {
	var ps []string
	for _, q := range qs {
		ps = append(ps, "/search?q="+url.QueryEscape(q))
	}
	return ps
}

// errNoTools is returned when wrk or nginx is missing.
var errNoTools = errors.New("missing tools")
