package postgres

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// ChangesChannel is the LISTEN/NOTIFY channel on which every committed
// write announces its change-log row (the payload is the row's ID).
const ChangesChannel = "warta_changes"

// Backoff between attempts to reconnect the listening connection.
const (
	listenRetryMin = 100 * time.Millisecond
	listenRetryMax = 5 * time.Second
)

// ListenChanges calls wake each time another process (or this one)
// commits a write, until ctx is done. It holds one connection of its own,
// outside the pool, on which it LISTENs; when that connection fails (the
// server restarted, a proxy cut it) it reconnects with a growing pause
// and calls wake once connected again, since notifications sent
// meanwhile are lost. wake must not block: the page cache's follower
// merges wakes and re-reads the change log, which is the truth; NOTIFY
// only saves it the wait for its next poll.
func (db *DB) ListenChanges(ctx context.Context, wake func(), log *slog.Logger) {
	if log == nil {
		log = slog.Default()
	}
	pause := listenRetryMin
	failing := false
	for ctx.Err() == nil {
		err := db.listen(ctx, wake, func() {
			pause = listenRetryMin
			if failing {
				failing = false
				log.Info("page cache: listening for changes again")
			}
		})
		if ctx.Err() != nil {
			return
		}
		if !failing {
			// Once per outage, not once per attempt.
			log.Warn("page cache: lost the PostgreSQL notification connection; polling the change log until it is back", "err", err)
			failing = true
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(pause*2, listenRetryMax)
	}
}

// listen connects, LISTENs, calls connected and wake, then calls wake
// for every notification until the connection or ctx fails.
func (db *DB) listen(ctx context.Context, wake func(), connected func()) error {
	conn, err := pgx.ConnectConfig(ctx, db.cfg)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+ChangesChannel); err != nil {
		return err
	}
	connected()
	wake() // changes committed while no one listened
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		wake()
	}
}
