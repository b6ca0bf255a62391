-- Full-text search. The index holds the tokens package search makes
-- (search.Terms), not the raw text, so that SQLite (which has no
-- Indonesian stemmer) and PostgreSQL match exactly the same articles:
-- the documents are to_tsvector('simple', …) of the stemmed tokens, with
-- the headline weighted A, the dek B and the body C. Every article is
-- indexed in both languages (doc_id Indonesian, doc_en English), whatever
-- its status, because the site's language can change at runtime; Search
-- filters on status and published_at, so publishing or withdrawing needs
-- no index change.
--
-- The table is empty after this migration: postgres.Migrate fills it in
-- Go (sqlstore.Store.Reindex) whenever it holds fewer rows than articles.
CREATE TABLE search_index (
	article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	doc_id     TSVECTOR NOT NULL,
	doc_en     TSVECTOR NOT NULL
);

CREATE INDEX search_index_doc_id_idx ON search_index USING GIN (doc_id);
CREATE INDEX search_index_doc_en_idx ON search_index USING GIN (doc_en);
