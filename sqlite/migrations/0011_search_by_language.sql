-- Search, one FTS5 table per language (replacing 0005's single table).
--
-- 0005 kept both languages' stems in one six-column table and picked a
-- language with a column filter. FTS5 stores one doclist per token with
-- the positions of every column, so a query read and decoded the other
-- language's positions too, and a token common to both languages had
-- twice the doclist. With one table per language a query reads only its
-- language's index.
--
-- search_id and search_en hold the stemmed tokens (package search's
-- Terms) of an article's headline, dek and body; the rowid is the
-- article's id, as before. The rows are copied, not recomputed.
CREATE VIRTUAL TABLE search_id USING fts5(
	headline, dek, body,
	tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE search_en USING fts5(
	headline, dek, body,
	tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO search_id (rowid, headline, dek, body)
	SELECT rowid, headline_id, dek_id, body_id FROM search_index;
INSERT INTO search_en (rowid, headline, dek, body)
	SELECT rowid, headline_en, dek_en, body_en FROM search_index;
DROP TABLE search_index;

-- Search filters every match on status and published_at. Those columns
-- come after the body in an articles row, so reading them from the table
-- follows the body's overflow pages: thousands of page reads for a
-- common word. This index answers the filter from a few small pages.
CREATE INDEX articles_visible_idx ON articles (id, status, published_at);
