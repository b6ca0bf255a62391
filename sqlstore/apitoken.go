package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"warta"
)

const apiTokenColumns = `id, user_id, name, prefix, hash, created_at, last_used_at, revoked_at`

// CreateAPIToken inserts t and sets its ID and CreatedAt. Errors:
// EINVALID (no name, or no such user), ECONFLICT (the hash exists).
func (s *Store) CreateAPIToken(ctx context.Context, t *warta.APIToken) error {
	if err := t.Validate(); err != nil {
		return err
	}
	now := s.clock()
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO api_tokens (user_id, name, prefix, hash, created_at)
		VALUES (?, ?, ?, ?, ?)
		RETURNING id`), t.UserID, t.Name, t.Prefix, t.Hash, s.d.arg(now)).Scan(&id)
	if err != nil {
		if s.d.IsUnique != nil && s.d.IsUnique(err) {
			// A clash means the token was not random, not that a name is taken.
			return &warta.Error{Code: warta.ECONFLICT, Message: "the API token exists", Err: err}
		}
		return s.formatError("create api token", err)
	}
	if err := tx.Commit(); err != nil {
		return s.formatError("create api token: commit", err)
	}
	t.ID, t.CreatedAt, t.LastUsedAt, t.RevokedAt = id, now, time.Time{}, time.Time{}
	return nil
}

func scanAPIToken(row interface{ Scan(...any) error }) (*warta.APIToken, error) {
	var t warta.APIToken
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.Hash,
		timeDest{&t.CreatedAt}, timeDest{&t.LastUsedAt}, timeDest{&t.RevokedAt})
	return &t, err
}

// APITokenByHash returns the token with hash, revoked or not. Errors:
// ENOTFOUND.
func (s *Store) APITokenByHash(ctx context.Context, hash string) (*warta.APIToken, error) {
	t, err := scanAPIToken(s.read.QueryRowContext(ctx, s.d.Rebind(`
		SELECT `+apiTokenColumns+` FROM api_tokens WHERE hash = ?`), hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("api token")
	} else if err != nil {
		return nil, s.internal("api token by hash", err)
	}
	return t, nil
}

// APITokens returns a user's tokens, revoked ones too, newest first.
func (s *Store) APITokens(ctx context.Context, userID int64) ([]*warta.APIToken, error) {
	rows, err := s.read.QueryContext(ctx, s.d.Rebind(`
		SELECT `+apiTokenColumns+` FROM api_tokens WHERE user_id = ? ORDER BY id DESC`), userID)
	if err != nil {
		return nil, s.internal("api tokens", err)
	}
	defer rows.Close()
	var out []*warta.APIToken
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, s.internal("api tokens: scan", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("api tokens", err)
	}
	return out, nil
}

// RevokeAPIToken revokes token id of user userID; revoking twice keeps
// the first time. Errors: ENOTFOUND (no such token, or another user's).
func (s *Store) RevokeAPIToken(ctx context.Context, userID, id int64) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.d.Rebind(`
		UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?)
		WHERE id = ? AND user_id = ?`), s.d.arg(s.clock()), id, userID)
	if err != nil {
		return s.internal("revoke api token", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.internal("revoke api token", err)
	} else if n == 0 {
		return notFound("api token")
	}
	if err := tx.Commit(); err != nil {
		return s.internal("revoke api token: commit", err)
	}
	return nil
}

// TouchAPIToken records that token id was used at at (the store's time
// when zero). A token that is gone is not an error.
func (s *Store) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	at = Normalize(at)
	if at.IsZero() {
		at = s.clock()
	}
	return s.execTx(ctx, "touch api token", `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, s.d.arg(at), id)
}
