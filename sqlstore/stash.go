package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"warta"
)

// Stash stores data under id until expires, replacing whatever id held.
// Errors: EINVALID (no id, or no expiry).
func (s *Store) Stash(ctx context.Context, id string, data []byte, expires time.Time) error {
	expires = Normalize(expires)
	if id == "" || expires.IsZero() {
		return &warta.Error{Code: warta.EINVALID, Message: "a stash needs an id and an expiry", Key: "error.form"}
	}
	if data == nil {
		data = []byte{} // NOT NULL: nothing stashed is still a stash
	}
	return s.execTx(ctx, "stash", `
		INSERT INTO stashes (id, data, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
		id, data, s.d.arg(expires))
}

// TakeStash returns the data under id and deletes it, so a stash is
// taken once. It first deletes every expired stash, which keeps the
// table small without a sweeper. Errors: ENOTFOUND (also when expired).
func (s *Store) TakeStash(ctx context.Context, id string) ([]byte, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := s.d.arg(s.clock())
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM stashes WHERE expires_at <= ?`), now); err != nil {
		return nil, s.internal("take stash: expire", err)
	}
	var data []byte
	err = tx.QueryRowContext(ctx, s.d.Rebind(`DELETE FROM stashes WHERE id = ? RETURNING data`), id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		// Commit anyway: the expired stashes are gone either way.
		if err := tx.Commit(); err != nil {
			return nil, s.internal("take stash: commit", err)
		}
		return nil, notFound("stash")
	} else if err != nil {
		return nil, s.internal("take stash", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, s.internal("take stash: commit", err)
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}
