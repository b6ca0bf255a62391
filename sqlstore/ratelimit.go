package sqlstore

import (
	"context"
	"fmt"
	"time"
)

// Allow reports whether an event for key may happen now, by the store's
// clock: it may when the last allowed event for key was at least every
// ago (always, when every is 0 or less). An allowed event is recorded in
// the same statement.
//
// The check and the record are one upsert whose update only happens when
// the stored time is old enough, so the row count says whether the event
// was allowed. Two callers cannot both win: on PostgreSQL the second
// upsert waits for the first one's row lock and then evaluates its WHERE
// against the row the first one wrote; on SQLite writers are serialised
// by the database lock. That holds across processes, since the state is
// only in the database.
func (s *Store) Allow(ctx context.Context, key string, every time.Duration) (bool, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	now := s.clock()
	res, err := tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO rate_limits (key, last_at) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET last_at = excluded.last_at
		WHERE rate_limits.last_at <= ?`),
		key, s.d.arg(now), s.d.arg(now.Add(-max(every, 0))))
	if err != nil {
		return false, s.internal(fmt.Sprintf("rate limit %q", key), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, s.internal(fmt.Sprintf("rate limit %q: rows affected", key), err)
	}
	if err := tx.Commit(); err != nil {
		return false, s.internal(fmt.Sprintf("rate limit %q: commit", key), err)
	}
	return n == 1, nil
}
