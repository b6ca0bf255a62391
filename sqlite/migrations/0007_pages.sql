-- Standing pages (Tentang Kami, Redaksi, Pedoman Media Siber, Kontak),
-- served at /SLUG/ and linked from the footer menu. menu_order is the
-- position in that menu from 1; 0 is "not in the menu". Times follow
-- 0001_init.sql.

CREATE TABLE pages (
	id            INTEGER PRIMARY KEY,
	slug          TEXT NOT NULL UNIQUE,
	title         TEXT NOT NULL,
	body_markdown TEXT NOT NULL DEFAULT '',
	body_html     TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL CHECK (status IN ('draft', 'published')),
	menu_order    INTEGER NOT NULL DEFAULT 0 CHECK (menu_order >= 0),
	menu_label    TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
	updated_at    TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
) STRICT;

-- The footer menu: every public page reads it.
CREATE INDEX pages_menu_idx ON pages (menu_order, id) WHERE menu_order > 0;
