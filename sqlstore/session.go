package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"warta"
)

// loginFailureTTL is how long failed logins are kept: longer than any
// window that LoginFailures is asked about.
const loginFailureTTL = 24 * time.Hour

// loginFailurePrune is how many of the oldest failures each new one may
// delete. More than one, so a backlog drains; few, so a failed login
// stays cheap.
const loginFailurePrune = 8

// CreateSession inserts sess. A zero CreatedAt becomes now by the store's
// clock and a zero LastSeenAt becomes CreatedAt; both are set on sess.
// Errors: EINVALID (no ID, or no such user), ECONFLICT (the ID exists).
func (s *Store) CreateSession(ctx context.Context, sess *warta.Session) error {
	if sess.ID == "" {
		return &warta.Error{Code: warta.EINVALID, Message: "the session has no ID", Key: "error.form"}
	}
	created := Normalize(sess.CreatedAt)
	if created.IsZero() {
		created = s.clock()
	}
	seen := Normalize(sess.LastSeenAt)
	if seen.IsZero() {
		seen = created
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO sessions (id, user_id, created_at, last_seen_at, ip, user_agent)
		VALUES (?, ?, ?, ?, ?, ?)`),
		sess.ID, sess.UserID, s.d.arg(created), s.d.arg(seen), sess.IP, sess.UserAgent)
	if err != nil {
		return s.sessionError("create session", err)
	}
	if err := tx.Commit(); err != nil {
		return s.sessionError("create session: commit", err)
	}
	sess.CreatedAt, sess.LastSeenAt = created, seen
	return nil
}

// sessionError is formatError for sessions, whose only unique value is
// the ID: a clash means the token was not random, not that a slug is
// taken.
func (s *Store) sessionError(doing string, err error) error {
	if s.d.IsUnique != nil && s.d.IsUnique(err) {
		return &warta.Error{Code: warta.ECONFLICT, Message: "the session exists", Err: err}
	}
	return s.formatError(doing, err)
}

// SessionByID returns one session. Errors: ENOTFOUND.
func (s *Store) SessionByID(ctx context.Context, id string) (*warta.Session, error) {
	var sess warta.Session
	err := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`
		SELECT id, user_id, created_at, last_seen_at, ip, user_agent
		FROM sessions
		WHERE id = ?`), id).
		Scan(&sess.ID, &sess.UserID, timeDest{&sess.CreatedAt}, timeDest{&sess.LastSeenAt}, &sess.IP, &sess.UserAgent)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("session")
	} else if err != nil {
		return nil, s.internal("session by id", err)
	}
	return &sess, nil
}

// TouchSession sets the session's LastSeenAt to at. A session that is
// gone (logged out in another tab) is not an error: there is nothing
// left to touch.
func (s *Store) TouchSession(ctx context.Context, id string, at time.Time) error {
	at = Normalize(at)
	if at.IsZero() {
		at = s.clock()
	}
	return s.execTx(ctx, "touch session", `UPDATE sessions SET last_seen_at = ? WHERE id = ?`, s.d.arg(at), id)
}

// DeleteSession removes one session; a missing one is not an error.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.execTx(ctx, "delete session", `DELETE FROM sessions WHERE id = ?`, id)
}

// DeleteUserSessions removes every session of the user.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	return s.execTx(ctx, "delete user sessions", `DELETE FROM sessions WHERE user_id = ?`, userID)
}

// RecordLoginFailure notes a failed login for email (trimmed, any case)
// from ip, at now by the store's clock.
//
// It also prunes: of the few oldest failures (by ID, which is insertion
// order and so nearly time order), it deletes those more than a day old.
// That walks the primary key a few rows deep instead of scanning the
// table, and since every failure removes up to several old ones, the
// table never holds much more than a day of failures.
func (s *Store) RecordLoginFailure(ctx context.Context, email, ip string) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.clock()
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`
		DELETE FROM login_failures
		WHERE id IN (SELECT id FROM login_failures ORDER BY id LIMIT ?) AND at < ?`),
		loginFailurePrune, s.d.arg(now.Add(-loginFailureTTL))); err != nil {
		return s.internal("record login failure: prune", err)
	}
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO login_failures (email_lower, ip, at) VALUES (?, ?, ?)`),
		emailKey(email), ip, s.d.arg(now)); err != nil {
		return s.internal("record login failure", err)
	}
	if err := tx.Commit(); err != nil {
		return s.internal("record login failure: commit", err)
	}
	return nil
}

// LoginFailures counts the failures at or after since, for email (any
// case) and for ip separately. A zero since counts every failure kept.
func (s *Store) LoginFailures(ctx context.Context, email, ip string, since time.Time) (byEmail, byIP int, err error) {
	since = Normalize(since)
	if since.IsZero() {
		since = time.Unix(0, 0).UTC()
	}
	err = s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`
		SELECT
			(SELECT COUNT(*) FROM login_failures WHERE email_lower = ? AND at >= ?),
			(SELECT COUNT(*) FROM login_failures WHERE ip = ? AND at >= ?)`),
		emailKey(email), s.d.arg(since), ip, s.d.arg(since)).Scan(&byEmail, &byIP)
	if err != nil {
		return 0, 0, s.internal("login failures", err)
	}
	return byEmail, byIP, nil
}

// ClearLoginFailures forgets the failures of email (any case), after a
// good login. Those counted by IP go with them: they are the same rows.
func (s *Store) ClearLoginFailures(ctx context.Context, email string) error {
	return s.execTx(ctx, "clear login failures", `DELETE FROM login_failures WHERE email_lower = ?`, emailKey(email))
}

// emailKey is how login_failures stores an email: trimmed and lower-cased
// in Go, so that recording and counting agree whatever the database's
// lower() does with letters outside ASCII.
func emailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// execTx runs one writing statement in its own transaction.
func (s *Store) execTx(ctx context.Context, doing, query string, args ...any) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.d.Rebind(query), args...); err != nil {
		return s.formatError(doing, err)
	}
	if err := tx.Commit(); err != nil {
		return s.formatError(doing+": commit", err)
	}
	return nil
}
