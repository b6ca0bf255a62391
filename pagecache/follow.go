package pagecache

import (
	"context"
	"log/slog"
	"time"

	"warta"
)

// PollInterval is how often Follow reads the change log.
const PollInterval = 250 * time.Millisecond

// holeWait is how long Follow waits for a change ID it skipped to appear.
// On PostgreSQL IDs come from a sequence when a row is inserted and
// become visible when the transaction commits, so ID 11 may be seen
// before ID 10. The store records a change last before committing, so a
// hole is normally filled within milliseconds; one that stays longer
// belongs to a rolled-back write, and after holeWait the cache is
// emptied, to be safe, and the hole forgotten.
const holeWait = time.Minute

// Follower reads the store's change log and invalidates what other
// processes' writes changed.
type Follower struct {
	Cache  *Cache
	Store  warta.ChangeStore
	Logger *slog.Logger
	now    func() time.Time

	cursor int64               // every ID up to here was seen
	seen   map[int64]bool      // IDs above cursor already applied
	holes  map[int64]time.Time // IDs above cursor not seen yet, since when
	failed bool                // the last poll failed
	wake   chan struct{}       // see Wake
}

// NewFollower returns a follower that starts at the log's current end:
// what was written before it started is not in the (empty) cache.
func NewFollower(ctx context.Context, c *Cache, st warta.ChangeStore, logger *slog.Logger) (*Follower, error) {
	latest, err := st.LatestChange(ctx)
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.Default()
	}
	return &Follower{Cache: c, Store: st, Logger: logger, now: time.Now, cursor: latest,
		seen: map[int64]bool{}, holes: map[int64]time.Time{}, wake: make(chan struct{}, 1)}, nil
}

// Run polls every interval, and at once after each Wake, until ctx is
// done.
func (f *Follower) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-f.wake:
		}
		f.Poll(ctx)
	}
}

// Wake asks Run to poll now rather than at its next tick: another
// process just committed a change (PostgreSQL's NOTIFY). It never
// blocks; wakes that arrive while a poll is pending are merged, since one
// poll reads every change there is. The ticking poll stays as the safety
// net for a notification lost with its connection.
func (f *Follower) Wake() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// Poll reads the changes since the last poll and invalidates their tags.
// When the log cannot be read, or changes were pruned before this
// follower saw them, it empties the cache: it cannot know what changed.
func (f *Follower) Poll(ctx context.Context) {
	changes, oldest, err := f.Store.Changes(ctx, f.cursor)
	if err != nil {
		if ctx.Err() == nil && !f.failed {
			f.Logger.Warn("page cache: reading the change log", "err", err)
			f.Cache.InvalidateAll()
		}
		f.failed = true
		return
	}
	if f.failed {
		// Writes made while the log was unreadable are in it now, but
		// the cache was emptied and refilled meanwhile: empty it again.
		f.failed = false
		f.Cache.InvalidateAll()
	}
	if oldest > f.cursor+1 {
		// Rows below oldest are gone for good. When the follower had
		// seen some, it missed the rest: pruned before it read them.
		if f.cursor > 0 {
			f.Cache.InvalidateAll()
		}
		for id := range f.holes {
			if id < oldest {
				delete(f.holes, id)
			}
		}
		for id := range f.seen {
			if id < oldest {
				delete(f.seen, id)
			}
		}
		f.cursor = oldest - 1
	}
	var tags []string
	for _, c := range changes {
		if f.seen[c.ID] {
			continue
		}
		f.seen[c.ID] = true
		delete(f.holes, c.ID)
		tags = append(tags, c.Tags...)
	}
	f.Cache.InvalidateTags(tags...)
	if len(changes) > 0 {
		// IDs between the cursor and the newest seen that did not show
		// up are holes: writes not committed yet, or rolled back.
		now := f.now()
		for id := f.cursor + 1; id < changes[len(changes)-1].ID; id++ {
			if _, ok := f.holes[id]; !ok && !f.seen[id] {
				f.holes[id] = now
			}
		}
	}
	for id, since := range f.holes {
		if f.now().Sub(since) > holeWait {
			delete(f.holes, id)
			f.seen[id] = true
			f.Cache.InvalidateAll()
		}
	}
	for f.seen[f.cursor+1] {
		f.cursor++
		delete(f.seen, f.cursor)
	}
}
