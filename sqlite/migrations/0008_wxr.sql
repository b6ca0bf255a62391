-- What an import brought in from another site, so that running the same
-- import again updates what it made instead of making it twice. source
-- names the site (a WordPress export's base_site_url), kind the sort of
-- item ("post", "page", "attachment", "category", "tag", "author",
-- "comment") and key its ID there; target_id is the row it became here.
CREATE TABLE import_keys (
	source    TEXT NOT NULL,
	kind      TEXT NOT NULL,
	key       TEXT NOT NULL,
	target_id INTEGER NOT NULL,
	PRIMARY KEY (source, kind, key)
) STRICT;

-- Old addresses that keep working after a move (WordPress's /?p=12,
-- /category/x/, …): the site answers a path it cannot find with a 301 to
-- target when it is listed here.
CREATE TABLE redirects (
	path   TEXT PRIMARY KEY CHECK (path LIKE '/%'),
	target TEXT NOT NULL CHECK (target LIKE '/%')
) STRICT;
