package sqlstore

import (
	"database/sql"
	"time"

	"warta"
)

// Handles returns the store's database handles by name, for pool
// metrics (sql.DB.Stats): "write" and "read" when they differ, "main"
// when one handle does both, and "replica" with a read replica attached.
func (s *Store) Handles() map[string]*sql.DB {
	h := map[string]*sql.DB{"write": s.write, "read": s.read}
	if s.read == s.write {
		h = map[string]*sql.DB{"main": s.write}
	}
	if s.replica != nil {
		h["replica"] = s.replica
	}
	return h
}

// ObserveQueries makes the store call f with the time each statement took
// on a handle opened with OpenCounted, and the handle's name (as in
// Handles); nil stops it. For a query that is the time until its rows
// are ready, not until they are all read. f must be safe for concurrent
// use and quick: it runs on every statement.
func (s *Store) ObserveQueries(f func(handle string, d time.Duration)) {
	for name, db := range s.Handles() {
		d, ok := db.Driver().(*countingDriver)
		if !ok {
			continue
		}
		if f == nil {
			d.stats.observe.Store(nil)
			continue
		}
		bound := func(took time.Duration) { f(name, took) }
		d.stats.observe.Store(&bound)
	}
}

// OnComment sets fn to be called with the status of every comment this
// process stores, after it commits: the moderation decision taken when
// the comment arrived. nil removes it.
func (s *Store) OnComment(fn func(status warta.CommentStatus)) {
	if fn == nil {
		s.commentHook.Store(nil)
		return
	}
	s.commentHook.Store(&fn)
}

// commentCreated tells the OnComment hook about a stored comment.
func (s *Store) commentCreated(status warta.CommentStatus) {
	if fn := s.commentHook.Load(); fn != nil {
		(*fn)(status)
	}
}
