package sqlstore

import (
	"context"
	"fmt"

	"warta"
)

// SettingValues returns every stored setting as text; an empty map when
// none is stored.
func (s *Store) SettingValues(ctx context.Context) (map[string]string, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, s.internal("setting values", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, s.internal("setting values: scan", err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("setting values", err)
	}
	return out, nil
}

// SetSetting stores one setting's text, replacing any value it had.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`), key, value); err != nil {
		return s.internal(fmt.Sprintf("set setting %q", key), err)
	}
	changed, err := s.recordChange(ctx, tx, warta.TagGlobal)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.internal(fmt.Sprintf("set setting %q: commit", key), err)
	}
	s.changed(changed)
	return nil
}

// InitSetting stores value under key unless the key has a value already,
// and returns the value stored in the end. Processes starting at once
// agree: on PostgreSQL the second INSERT waits on the first one's key
// until it commits and then does nothing, and the SELECT, a new statement
// under READ COMMITTED, sees the winner's value; on SQLite the write
// transaction holds the lock throughout.
func (s *Store) InitSetting(ctx context.Context, key, value string) (string, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO NOTHING`), key, value)
	if err != nil {
		return "", s.internal(fmt.Sprintf("init setting %q", key), err)
	}
	var stored string
	if err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT value FROM settings WHERE key = ?`), key).Scan(&stored); err != nil {
		return "", s.internal(fmt.Sprintf("init setting %q: read back", key), err)
	}
	var changed []string
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		if changed, err = s.recordChange(ctx, tx, warta.TagGlobal); err != nil {
			return "", err
		}
	}
	if err := tx.Commit(); err != nil {
		return "", s.internal(fmt.Sprintf("init setting %q: commit", key), err)
	}
	s.changed(changed)
	return stored, nil
}
