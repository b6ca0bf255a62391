-- The content model: sections, tags, authors, articles and the links
-- between them.
--
-- Tables are STRICT so a value of the wrong type is an error, not a
-- silent conversion. Timestamps are TEXT in one fixed-width UTC form,
-- 2006-01-02T15:04:05.000000Z (written by package sqlite's dialect), so
-- comparing and sorting the text compares and sorts the times; the CHECKs
-- keep any other form out. A NULL published_at is a draft never published.

CREATE TABLE sections (
	id          INTEGER PRIMARY KEY,
	slug        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	position    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX sections_position_idx ON sections (position, name, id);

CREATE TABLE tags (
	id   INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL
) STRICT;

CREATE TABLE authors (
	id   INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	bio  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE articles (
	id                 INTEGER PRIMARY KEY,
	slug               TEXT NOT NULL UNIQUE,
	headline           TEXT NOT NULL,
	dek                TEXT NOT NULL DEFAULT '',
	body_markdown      TEXT NOT NULL DEFAULT '',
	body_html          TEXT NOT NULL DEFAULT '',
	status             TEXT NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
	section_id         INTEGER NOT NULL REFERENCES sections (id),
	lead_image_path    TEXT NOT NULL DEFAULT '',
	lead_image_alt     TEXT NOT NULL DEFAULT '',
	lead_image_caption TEXT NOT NULL DEFAULT '',
	lead_image_credit  TEXT NOT NULL DEFAULT '',
	lead_image_width   INTEGER NOT NULL DEFAULT 0,
	lead_image_height  INTEGER NOT NULL DEFAULT 0,
	comments_open      INTEGER NOT NULL DEFAULT 1 CHECK (comments_open IN (0, 1)),
	published_at       TEXT CHECK (published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	created_at         TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	updated_at         TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
) STRICT;

-- Lists are newest first by published_at (NULLs, drafts, last: SQLite's
-- natural DESC order) with id breaking ties; one index per way of
-- filtering.
CREATE INDEX articles_published_idx ON articles (published_at DESC, id DESC);
CREATE INDEX articles_status_published_idx ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_section_published_idx ON articles (section_id, published_at DESC, id DESC);

-- Every slug an article has had, the current one included: ArticleBySlug
-- finds an article by a former slug (for redirects), and the primary key
-- stops another article from taking it.
CREATE TABLE article_slugs (
	slug       TEXT PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX article_slugs_article_idx ON article_slugs (article_id);

CREATE TABLE article_tags (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	tag_id     INTEGER NOT NULL REFERENCES tags (id),
	position   INTEGER NOT NULL,
	PRIMARY KEY (article_id, tag_id)
) STRICT;

CREATE INDEX article_tags_tag_idx ON article_tags (tag_id, article_id);

-- position keeps the byline order.
CREATE TABLE article_authors (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	author_id  INTEGER NOT NULL REFERENCES authors (id),
	position   INTEGER NOT NULL,
	PRIMARY KEY (article_id, author_id)
) STRICT;

CREATE INDEX article_authors_author_idx ON article_authors (author_id, article_id);
