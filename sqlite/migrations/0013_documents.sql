-- Documents (PDFs in the media library) that an article's body links to.
-- A document is never a lead image, so this is what tells which
-- documents readers can already reach, for the WordPress-compatible
-- media list, without searching every body on each request. The store
-- rewrites an article's rows whenever it writes its body. PDFs arrive
-- with this migration, so no existing body links one.
CREATE TABLE article_documents (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	media_id   INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
	PRIMARY KEY (article_id, media_id)
) STRICT;

CREATE INDEX article_documents_media_idx ON article_documents (media_id, article_id);
