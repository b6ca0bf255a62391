package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"warta"
	"warta/slug"
)

// userColumns are the columns scanUser reads, in its order.
const userColumns = `id, email, name, role, disabled, author_id, password_hash, created_at, updated_at`

// CreateUser inserts u and sets its ID, CreatedAt and UpdatedAt. When
// u.AuthorID is 0 it first creates u's author profile, named like u with
// a slug made from the name (-2, -3… when taken), in the same
// transaction, and sets AuthorID. Errors: EINVALID, ECONFLICT (the email
// is taken, in any case).
func (s *Store) CreateUser(ctx context.Context, u *warta.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	now := s.clock()
	authorID := u.AuthorID
	if authorID == 0 {
		if authorID, err = s.createProfile(ctx, tx, u.Name); err != nil {
			return err
		}
	}
	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO users (email, name, role, disabled, author_id, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`),
		u.Email, u.Name, string(u.Role), u.Disabled, authorID, u.PasswordHash, s.d.arg(now), s.d.arg(now)).Scan(&id)
	if err != nil {
		return s.userError("create user", err)
	}
	if err := tx.Commit(); err != nil {
		return s.userError("create user: commit", err)
	}
	u.ID, u.AuthorID, u.CreatedAt, u.UpdatedAt = id, authorID, now, now
	return nil
}

// createProfile inserts the author profile of a new user called name and
// returns its ID. The slug is slug.Make(name), or "author" when nothing of
// the name is left; a taken slug gets -2, -3… until one is free. Each try
// is an insert that does nothing on a taken slug, so a concurrent writer
// taking the same slug costs one more try instead of failing the
// transaction (PostgreSQL aborts a transaction on any error).
func (s *Store) createProfile(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	base := slug.Make(name)
	if base == "" {
		base = "author"
	}
	for n := 1; ; n++ {
		candidate := slug.Nth(base, n)
		var id int64
		err := tx.QueryRowContext(ctx, s.d.Rebind(`
			INSERT INTO authors (slug, name, bio) VALUES (?, ?, '')
			ON CONFLICT (slug) DO NOTHING
			RETURNING id`), candidate, name).Scan(&id)
		switch {
		case err == nil:
			return id, nil
		case !errors.Is(err, sql.ErrNoRows):
			return 0, s.formatError("create user: author profile", err)
		}
	}
}

// UserByID returns one user. Errors: ENOTFOUND.
func (s *Store) UserByID(ctx context.Context, id int64) (*warta.User, error) {
	row := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`SELECT `+userColumns+` FROM users WHERE id = ?`), id)
	return s.oneUser("user by id", row)
}

// UserByEmail returns the user whose email is email in any case, ignoring
// spaces around it. Errors: ENOTFOUND.
func (s *Store) UserByEmail(ctx context.Context, email string) (*warta.User, error) {
	// lower() on both sides, so the comparison is the one the unique
	// index makes, whatever each database thinks lower case is.
	row := s.reader(ctx).QueryRowContext(ctx, s.d.Rebind(`SELECT `+userColumns+` FROM users WHERE lower(email) = lower(?)`),
		strings.TrimSpace(email))
	return s.oneUser("user by email", row)
}

// Users returns every user, by name.
func (s *Store) Users(ctx context.Context) ([]*warta.User, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name, id`)
	if err != nil {
		return nil, s.internal("users", err)
	}
	defer rows.Close()
	var out []*warta.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, s.internal("users: scan", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, s.internal("users", err)
	}
	return out, nil
}

// UpdateUser saves u's name, email, role, disabled flag and password
// hash, sets UpdatedAt, and refreshes CreatedAt and AuthorID from the
// database (neither changes here). Errors: ENOTFOUND, EINVALID,
// ECONFLICT (the email belongs to another user).
func (s *Store) UpdateUser(ctx context.Context, u *warta.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	now := s.clock()
	var created warta.User
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		UPDATE users
		SET name = ?, email = ?, role = ?, disabled = ?, password_hash = ?, updated_at = ?
		WHERE id = ?
		RETURNING author_id, created_at`),
		u.Name, u.Email, string(u.Role), u.Disabled, u.PasswordHash, s.d.arg(now), u.ID).
		Scan(&created.AuthorID, timeDest{&created.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("user")
	} else if err != nil {
		return s.userError("update user", err)
	}
	if err := tx.Commit(); err != nil {
		return s.userError("update user: commit", err)
	}
	u.AuthorID, u.CreatedAt, u.UpdatedAt = created.AuthorID, created.CreatedAt, now
	return nil
}

// CountUsers returns how many users exist.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.reader(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return 0, s.internal("count users", err)
	}
	return n, nil
}

// oneUser scans the single user of row. Errors: ENOTFOUND.
func (s *Store) oneUser(doing string, row *sql.Row) (*warta.User, error) {
	u, err := scanUser(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("user")
	} else if err != nil {
		return nil, s.internal(doing, err)
	}
	return u, nil
}

// scanUser reads the userColumns of one row.
func scanUser(row interface{ Scan(...any) error }) (*warta.User, error) {
	var u warta.User
	var role string
	err := row.Scan(&u.ID, &u.Email, &u.Name, &role, &u.Disabled, &u.AuthorID, &u.PasswordHash,
		timeDest{&u.CreatedAt}, timeDest{&u.UpdatedAt})
	if err != nil {
		return nil, err
	}
	u.Role = warta.Role(role)
	return &u, nil
}

// userError is formatError for writes to users, where the only unique
// value a person types is the email, not a slug.
func (s *Store) userError(doing string, err error) error {
	if s.d.IsUnique != nil && s.d.IsUnique(err) {
		return &warta.Error{
			Code:    warta.ECONFLICT,
			Message: "the email is already taken",
			Key:     "error.email_taken",
			Fields:  map[string]string{"email": "error.email_taken"},
		}
	}
	return s.formatError(doing, err)
}
