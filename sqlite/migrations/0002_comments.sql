-- Readers' comments, the site settings staff change while it runs, and
-- the state of the rate limiter.
--
-- Times follow 0001_init.sql: TEXT in one fixed-width UTC form, so text
-- order is time order and the GLOB CHECKs keep any other form out.

CREATE TABLE comments (
	id           INTEGER PRIMARY KEY,
	article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	-- No ON DELETE for parent_id: nothing deletes single comments (staff
	-- trash them), and a future purge must decide what becomes of the
	-- replies instead of losing them silently. Deleting the article
	-- removes the whole thread in one statement, which this allows.
	parent_id    INTEGER REFERENCES comments (id),
	depth        INTEGER NOT NULL DEFAULT 0 CHECK (depth >= 0),
	author_name  TEXT NOT NULL,
	author_email TEXT NOT NULL,
	author_url   TEXT NOT NULL DEFAULT '',
	author_ip    TEXT NOT NULL DEFAULT '',
	user_agent   TEXT NOT NULL DEFAULT '',
	content      TEXT NOT NULL,
	content_html TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
	reason       TEXT NOT NULL DEFAULT '',
	-- NULL, not '', when the comment came without a form nonce (imports,
	-- staff): UNIQUE lets any number of NULLs through.
	nonce        TEXT UNIQUE CHECK (nonce <> ''),
	created_at   TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	updated_at   TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	-- A thread starts at depth 0 and only there.
	CHECK ((parent_id IS NULL) = (depth = 0))
) STRICT;

-- The reader's thread: an article's approved comments by parent, oldest
-- first. It also serves the recursive step of Thread (children of one
-- parent) and the approved count of ArticleBy*/Articles (its prefix).
CREATE INDEX comments_thread_idx ON comments (article_id, status, parent_id, created_at, id);

-- Replies of one comment whatever their article or status, for the
-- parent_id foreign key.
CREATE INDEX comments_parent_idx ON comments (parent_id);

-- Emails compare without regard to case: HasApprovedComment,
-- IsDuplicateComment, AnonymizeComments and the staff filter all look up
-- lower(author_email).
CREATE INDEX comments_email_idx ON comments (lower(author_email), status);

-- The staff lists, newest first: all comments, or one status (the
-- moderation queue).
CREATE INDEX comments_created_idx ON comments (created_at DESC, id DESC);
CREATE INDEX comments_status_created_idx ON comments (status, created_at DESC, id DESC);

-- Settings as text, parsed by warta.ParseSettings; also the site secret.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- The last allowed event per rate-limiter key ("comment-ip:1.2.3.4").
CREATE TABLE rate_limits (
	key     TEXT PRIMARY KEY,
	last_at TEXT NOT NULL CHECK (last_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
) STRICT;
