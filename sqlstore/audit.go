package sqlstore

import (
	"context"
	"database/sql"

	"warta"
)

// AddAudit appends e to the audit log and sets its ID and At (now by the
// store's clock). A zero UserID is the system acting. Errors: EINVALID
// (no action, or no such user).
func (s *Store) AddAudit(ctx context.Context, e *warta.AuditEntry) error {
	if e.Action == "" {
		return &warta.Error{Code: warta.EINVALID, Message: "the audit entry has no action", Key: "error.form",
			Fields: map[string]string{"action": "error.required"}}
	}
	var userID sql.NullInt64
	if e.UserID != 0 {
		userID = sql.NullInt64{Int64: e.UserID, Valid: true}
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.clock()
	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO audit_log (at, user_id, user_name, action, subject, detail)
		VALUES (?, ?, ?, ?, ?, ?)
		RETURNING id`),
		s.d.arg(now), userID, e.UserName, e.Action, e.Subject, e.Detail).Scan(&id)
	if err != nil {
		return s.formatError("add audit", err)
	}
	if err := tx.Commit(); err != nil {
		return s.formatError("add audit: commit", err)
	}
	e.ID, e.At = id, now
	return nil
}

// AuditLog returns up to limit entries after skipping offset, newest
// first (by time, then by ID for entries of one instant), and how many
// entries there are. A limit of 0 or more than warta.MaxPageSize means
// warta.MaxPageSize.
func (s *Store) AuditLog(ctx context.Context, offset, limit int) ([]*warta.AuditEntry, int, error) {
	if limit <= 0 || limit > warta.MaxPageSize {
		limit = warta.MaxPageSize
	}
	offset = max(offset, 0)

	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, s.d.Rebind(`
		SELECT id, at, user_id, user_name, action, subject, detail, COUNT(*) OVER ()
		FROM audit_log
		ORDER BY at DESC, id DESC
		LIMIT ? OFFSET ?`), limit, offset)
	if err != nil {
		return nil, 0, s.internal("audit log", err)
	}
	defer rows.Close()
	var (
		out   []*warta.AuditEntry
		total int
	)
	for rows.Next() {
		var e warta.AuditEntry
		var userID sql.NullInt64
		if err := rows.Scan(&e.ID, timeDest{&e.At}, &userID, &e.UserName, &e.Action, &e.Subject, &e.Detail, &total); err != nil {
			return nil, 0, s.internal("audit log: scan", err)
		}
		e.UserID = userID.Int64
		out = append(out, &e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.internal("audit log", err)
	}
	if len(out) == 0 && offset > 0 {
		// Past the last page COUNT(*) OVER () has no row to ride on.
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&total); err != nil {
			return nil, 0, s.internal("audit log: count", err)
		}
	}
	return out, total, nil
}
