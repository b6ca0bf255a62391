-- Staff accounts: users, their sessions, failed logins for throttling,
-- the audit log, and stashed forms that outlived their session.
--
-- Times follow 0001_init.sql: TEXT in one fixed-width UTC form, so text
-- order is time order and the GLOB CHECKs keep any other form out.

-- Every user has an author profile (the store creates one when none is
-- given), so bylines never need to know about accounts. Emails are unique
-- without regard to case; the index on lower(email) both enforces that
-- and serves UserByEmail.
CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	email         TEXT NOT NULL,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'administrator')),
	disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	author_id     INTEGER NOT NULL REFERENCES authors (id),
	-- '' means the user cannot log in.
	password_hash TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	updated_at    TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
) STRICT;

CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
CREATE INDEX users_author_idx ON users (author_id);

-- id is the hex SHA-256 of the cookie's token, never the token itself.
CREATE TABLE sessions (
	id           TEXT PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	last_seen_at TEXT NOT NULL CHECK (last_seen_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	ip           TEXT NOT NULL DEFAULT '',
	user_agent   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX sessions_user_idx ON sessions (user_id);

-- One row per failed login; email_lower is the address as typed, trimmed
-- and lower-cased. Counted per account and per address over a window, and
-- pruned by the store once a day old.
CREATE TABLE login_failures (
	id          INTEGER PRIMARY KEY,
	email_lower TEXT NOT NULL,
	ip          TEXT NOT NULL,
	at          TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
) STRICT;

CREATE INDEX login_failures_email_idx ON login_failures (email_lower, at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);

-- user_name is kept as it was at the time, so an entry still reads right
-- after the user is renamed or removed (user_id then becomes NULL). A NULL
-- user_id from the start is the system acting (the scheduler).
CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	user_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
	user_name TEXT NOT NULL DEFAULT '',
	action    TEXT NOT NULL,
	subject   TEXT NOT NULL DEFAULT '',
	detail    TEXT NOT NULL DEFAULT ''
) STRICT;

-- The audit screen lists newest first.
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_user_idx ON audit_log (user_id);

-- A form posted after its session expired, kept until the writer logs in
-- again or it expires.
CREATE TABLE stashes (
	id         TEXT PRIMARY KEY,
	data       BLOB NOT NULL,
	expires_at TEXT NOT NULL CHECK (expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
) STRICT;

CREATE INDEX stashes_expires_idx ON stashes (expires_at);
