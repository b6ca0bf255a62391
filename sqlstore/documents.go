package sqlstore

import (
	"context"
	"regexp"
)

// documentLink finds the library documents an article's Markdown links
// to: /media/ paths named by content hash with a document's extension
// (package media names them so).
var documentLink = regexp.MustCompile(`/media/(lib/[0-9a-f]{2}/[0-9a-f]{64}\.pdf)\b`)

// maxDocumentLinks bounds the documents recorded for one article: a body
// never links more, and it bounds the query below.
const maxDocumentLinks = 200

// linkDocuments records, in tx, which library documents article id's
// body links to, replacing what was recorded (see migration 0013).
func (s *Store) linkDocuments(ctx context.Context, tx querier, id int64, markdown string) error {
	if _, err := tx.ExecContext(ctx, s.d.Rebind(`DELETE FROM article_documents WHERE article_id = ?`), id); err != nil {
		return s.internal("link documents: clear", err)
	}
	var paths []any
	seen := map[string]bool{}
	for _, m := range documentLink.FindAllStringSubmatch(markdown, -1) {
		if !seen[m[1]] && len(paths) < maxDocumentLinks {
			seen[m[1]] = true
			paths = append(paths, m[1])
		}
	}
	if len(paths) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, s.d.Rebind(`
		INSERT INTO article_documents (article_id, media_id)
		SELECT ?, id FROM media WHERE path IN (`+placeholders(len(paths))+`) AND mime NOT LIKE 'image/%'`),
		append([]any{id}, paths...)...)
	if err != nil {
		return s.internal("link documents", err)
	}
	return nil
}
