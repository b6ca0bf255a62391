-- The newsroom: the pending and scheduled statuses, article owners,
-- revisions with optimistic locking, corrections, and the media library.
--
-- Times follow 0001_init.sql: TEXT in one fixed-width UTC form, so text
-- order is time order and the GLOB CHECKs keep any other form out.

-- The media library. variants is the JSON of []warta.ImageVariant, ''
-- for none; hash is the hex SHA-256 of the file, so one picture uploaded
-- twice is stored once.
CREATE TABLE media (
	id            INTEGER PRIMARY KEY,
	hash          TEXT NOT NULL UNIQUE CHECK (hash <> ''),
	path          TEXT NOT NULL,
	mime          TEXT NOT NULL,
	width         INTEGER NOT NULL DEFAULT 0,
	height        INTEGER NOT NULL DEFAULT 0,
	size          INTEGER NOT NULL DEFAULT 0,
	variants      TEXT NOT NULL DEFAULT '',
	original_name TEXT NOT NULL DEFAULT '',
	alt           TEXT NOT NULL DEFAULT '',
	caption       TEXT NOT NULL DEFAULT '',
	credit        TEXT NOT NULL DEFAULT '',
	uploaded_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created_at    TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
) STRICT;

-- The library lists newest first.
CREATE INDEX media_created_idx ON media (created_at DESC, id DESC);
CREATE INDEX media_uploaded_by_idx ON media (uploaded_by);

-- SQLite cannot change a CHECK, so articles is rebuilt: create
-- articles_new, copy, drop articles, rename articles_new to articles,
-- recreate the indexes. Other tables name their foreign-key target by
-- table name, so once the rename is done their references resolve to the
-- new table.
--
-- One trap: the migration runs in a transaction with foreign_keys ON
-- (set per connection in the DSN; the pragma cannot change inside a
-- transaction), and then DROP TABLE first deletes every row, which fires
-- ON DELETE CASCADE on article_slugs, article_tags, article_authors and
-- comments. So their rows are copied to temporary tables before the drop
-- and put back after the rename. No other table refers to articles.

CREATE TEMP TABLE m0004_slugs AS SELECT slug, article_id FROM article_slugs;
CREATE TEMP TABLE m0004_tags AS SELECT article_id, tag_id, position FROM article_tags;
CREATE TEMP TABLE m0004_authors AS SELECT article_id, author_id, position FROM article_authors;
CREATE TEMP TABLE m0004_comments AS SELECT
	id, article_id, parent_id, depth, author_name, author_email, author_url,
	author_ip, user_agent, content, content_html, status, reason, nonce,
	created_at, updated_at
FROM comments;

CREATE TABLE articles_new (
	id                 INTEGER PRIMARY KEY,
	slug               TEXT NOT NULL UNIQUE,
	headline           TEXT NOT NULL,
	dek                TEXT NOT NULL DEFAULT '',
	body_markdown      TEXT NOT NULL DEFAULT '',
	body_html          TEXT NOT NULL DEFAULT '',
	status             TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'scheduled', 'published', 'unpublished')),
	section_id         INTEGER NOT NULL REFERENCES sections (id),
	-- The user who created it; NULL for imported and demo articles.
	owner_id           INTEGER REFERENCES users (id) ON DELETE SET NULL,
	-- The number of the latest row in revisions; UpdateArticle only
	-- saves over the revision the editor started from.
	revision           INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
	lead_media_id      INTEGER REFERENCES media (id) ON DELETE SET NULL,
	lead_image_path    TEXT NOT NULL DEFAULT '',
	lead_image_alt     TEXT NOT NULL DEFAULT '',
	lead_image_caption TEXT NOT NULL DEFAULT '',
	lead_image_credit  TEXT NOT NULL DEFAULT '',
	lead_image_width   INTEGER NOT NULL DEFAULT 0,
	lead_image_height  INTEGER NOT NULL DEFAULT 0,
	-- JSON of []warta.ImageVariant, '' for none.
	lead_variants      TEXT NOT NULL DEFAULT '',
	comments_open      INTEGER NOT NULL DEFAULT 1 CHECK (comments_open IN (0, 1)),
	published_at       TEXT CHECK (published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	created_at         TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	updated_at         TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	-- The last substantive change after publication (an update readers
	-- are told of, or a correction); NULL if none.
	revised_at         TEXT CHECK (revised_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
) STRICT;

INSERT INTO articles_new (
	id, slug, headline, dek, body_markdown, body_html, status, section_id,
	lead_image_path, lead_image_alt, lead_image_caption, lead_image_credit,
	lead_image_width, lead_image_height, comments_open,
	published_at, created_at, updated_at
)
SELECT
	id, slug, headline, dek, body_markdown, body_html, status, section_id,
	lead_image_path, lead_image_alt, lead_image_caption, lead_image_credit,
	lead_image_width, lead_image_height, comments_open,
	published_at, created_at, updated_at
FROM articles;

DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;

-- The indexes of 0001, dropped with the old table. The status one also
-- serves PublishDue (status = 'scheduled' AND published_at <= now).
CREATE INDEX articles_published_idx ON articles (published_at DESC, id DESC);
CREATE INDEX articles_status_published_idx ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_section_published_idx ON articles (section_id, published_at DESC, id DESC);
CREATE INDEX articles_owner_idx ON articles (owner_id);
CREATE INDEX articles_lead_media_idx ON articles (lead_media_id);

-- Put the links back. A reply's parent has a smaller depth, so ordering
-- by depth inserts every parent before its replies.
INSERT INTO article_slugs (slug, article_id) SELECT slug, article_id FROM m0004_slugs;
INSERT INTO article_tags (article_id, tag_id, position) SELECT article_id, tag_id, position FROM m0004_tags;
INSERT INTO article_authors (article_id, author_id, position) SELECT article_id, author_id, position FROM m0004_authors;
INSERT INTO comments (
	id, article_id, parent_id, depth, author_name, author_email, author_url,
	author_ip, user_agent, content, content_html, status, reason, nonce,
	created_at, updated_at
)
SELECT
	id, article_id, parent_id, depth, author_name, author_email, author_url,
	author_ip, user_agent, content, content_html, status, reason, nonce,
	created_at, updated_at
FROM m0004_comments ORDER BY depth, id;

DROP TABLE m0004_slugs;
DROP TABLE m0004_tags;
DROP TABLE m0004_authors;
DROP TABLE m0004_comments;

-- Every save of an article, numbered from 1. user_id is NULL for the
-- system (the scheduler) and for articles imported without an account.
CREATE TABLE revisions (
	id            INTEGER PRIMARY KEY,
	article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	number        INTEGER NOT NULL CHECK (number >= 1),
	user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created_at    TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	headline      TEXT NOT NULL,
	dek           TEXT NOT NULL DEFAULT '',
	body_markdown TEXT NOT NULL DEFAULT '',
	slug          TEXT NOT NULL,
	status        TEXT NOT NULL,
	note          TEXT NOT NULL DEFAULT '',
	UNIQUE (article_id, number)
) STRICT;

CREATE INDEX revisions_user_idx ON revisions (user_id);

-- Articles written before revisions were kept get their current state as
-- revision 1, matching articles.revision.
INSERT INTO revisions (article_id, number, user_id, created_at, headline, dek, body_markdown, slug, status, note)
SELECT id, 1, NULL, updated_at, headline, dek, body_markdown, slug, status, ''
FROM articles;

CREATE TABLE corrections (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	note       TEXT NOT NULL,
	user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
) STRICT;

CREATE INDEX corrections_article_idx ON corrections (article_id, created_at, id);
CREATE INDEX corrections_user_idx ON corrections (user_id);
