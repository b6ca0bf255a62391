-- Search filters every match on status and published_at. This index lets
-- PostgreSQL answer that filter by article id from the index alone
-- (an index-only scan) instead of visiting each matching article's row.
-- The search documents stay in search_index (0005): a GIN index per
-- language column already reads only the language searched.
CREATE INDEX articles_visible_idx ON articles (id) INCLUDE (status, published_at);
