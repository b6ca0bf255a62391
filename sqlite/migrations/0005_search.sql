-- Full-text search. The index holds the tokens package search makes
-- (search.Terms), not the raw text: SQLite has no Indonesian stemmer, so
-- Warta stems in Go and both databases index the same tokens. Every
-- article is indexed in both languages, whatever its status, because the
-- site's language can change at runtime; Search filters on status and
-- published_at, so publishing or withdrawing needs no index change.
--
-- The rowid is the article's id. FTS5 tables take no foreign keys, so
-- sqlstore deletes an article's row itself, and a rebuild of articles
-- like 0004's (whose DROP TABLE cascades) leaves this table alone.
--
-- unicode61 with remove_diacritics 0 splits on what Tokens already split
-- on and keeps the tokens as they are.
--
-- The table is empty after this migration: sqlite.Migrate fills it in Go
-- (sqlstore.Store.Reindex) whenever it holds fewer rows than articles.
CREATE VIRTUAL TABLE search_index USING fts5(
	headline_id, dek_id, body_id,
	headline_en, dek_en, body_en,
	tokenize = 'unicode61 remove_diacritics 0'
);
