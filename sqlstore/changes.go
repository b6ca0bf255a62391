package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"warta"
)

// changeBatch is how many changes Changes returns at most.
const changeBatch = 1000

// changeKeep is how long the change log keeps a row. Readers poll it
// every fraction of a second; a day is for a process that was paused.
const changeKeep = 24 * time.Hour

// OnChange sets fn to be called with a write's tags after it commits, in
// the writing goroutine, so that this process's page cache forgets what a
// write changed before the write returns. nil removes it.
func (s *Store) OnChange(fn func(tags []string)) {
	if fn == nil {
		s.hook.Store(nil)
		return
	}
	s.hook.Store(&fn)
}

// changed tells the OnChange hook about a committed write.
func (s *Store) changed(tags []string) {
	if len(tags) == 0 {
		return
	}
	if fn := s.hook.Load(); fn != nil {
		(*fn)(tags)
	}
}

// commitChange records tags in the change log, commits tx and tells this
// process's hook: the last steps of every write that changes pages. what
// names the write in a commit error ("update page").
func (s *Store) commitChange(ctx context.Context, tx *sql.Tx, what string, tags ...string) error {
	changed, err := s.recordChange(ctx, tx, tags...)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.formatError(what+": commit", err)
	}
	s.changed(changed)
	return nil
}

// recordChange adds a row naming tags to the change log in tx, and
// returns the tags as recorded (sorted, without repeats) for changed.
// Writers call it last before committing, so that on PostgreSQL the
// time between taking the ID and committing stays short (see
// pagecache.Follow). Now and then it prunes rows older than changeKeep.
func (s *Store) recordChange(ctx context.Context, tx *sql.Tx, tags ...string) ([]string, error) {
	tags = slices.Clone(tags)
	slices.Sort(tags)
	tags = slices.Compact(tags)
	if len(tags) == 0 {
		return nil, nil
	}
	now := s.clock()
	var id int64
	if err := tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO changes (tags, at) VALUES (?, ?) RETURNING id`),
		strings.Join(tags, " "), s.d.arg(now)).Scan(&id); err != nil {
		return nil, s.internal("record change", err)
	}
	if s.d.Notify != "" {
		// Delivered at commit, and only if the write commits: other
		// processes wake and read the log at once instead of at their
		// next poll.
		if _, err := tx.ExecContext(ctx, s.d.Rebind(s.d.Notify), strconv.FormatInt(id, 10)); err != nil {
			return nil, s.internal("notify change", err)
		}
	}
	if id%64 == 0 {
		if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM changes WHERE at < ?`),
			s.d.arg(now.Add(-changeKeep))); err != nil {
			return nil, s.internal("prune changes", err)
		}
	}
	return tags, nil
}

// Changes returns the changes after afterID and the lowest ID kept; see
// warta.ChangeStore.
func (s *Store) Changes(ctx context.Context, afterID int64) ([]warta.Change, int64, error) {
	var oldest sql.NullInt64
	if err := s.reader(ctx).QueryRowContext(ctx, `SELECT MIN(id) FROM changes`).Scan(&oldest); err != nil {
		return nil, 0, s.internal("changes: oldest", err)
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.d.Rebind(`
		SELECT id, tags, at FROM changes WHERE id > ? ORDER BY id LIMIT ?`), afterID, changeBatch)
	if err != nil {
		return nil, 0, s.internal("changes", err)
	}
	defer rows.Close()
	var out []warta.Change
	for rows.Next() {
		var c warta.Change
		var tags string
		if err := rows.Scan(&c.ID, &tags, timeDest{&c.At}); err != nil {
			return nil, 0, s.internal("changes: scan", err)
		}
		c.Tags = strings.Fields(tags)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.internal("changes", err)
	}
	return out, oldest.Int64, nil
}

// LatestChange returns the highest change ID; see warta.ChangeStore.
func (s *Store) LatestChange(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	err := s.reader(ctx).QueryRowContext(ctx, `SELECT MAX(id) FROM changes`).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, s.internal("latest change", err)
	}
	return id.Int64, nil
}

// articleTags are the tags of every page that shows a, when it is
// published; any other article is on no public page. Called with the article as it was before a write
// and as it is after, it names the pages it left and the ones it joined.
func articleTags(list ...*warta.Article) []string {
	var tags []string
	for _, a := range list {
		if a == nil || a.Status != warta.StatusPublished {
			continue
		}
		tags = append(tags, warta.ArticleTag(a.ID), warta.SectionTag(a.Section.ID),
			warta.TagHome, warta.TagSitemap, warta.TagComments)
		for _, t := range a.Tags {
			tags = append(tags, warta.TopicTag(t.ID))
		}
		for _, au := range a.Authors {
			tags = append(tags, warta.AuthorTag(au.ID))
		}
	}
	return tags
}
