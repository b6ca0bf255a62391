package warta

import (
	"context"
	"time"
)

// SearchTerm is one part of a reader's search: a word, or several words
// in a row for a quoted phrase, already stemmed the way the index is
// (package search). Prefix means the last word matches anything that
// starts with it ("infla*"); Exclude means articles with it are left out.
type SearchTerm struct {
	Words   []string
	Prefix  bool
	Exclude bool
}

// SearchQuery is a parsed search. It never holds raw operators from the
// reader: each database builds its own match expression from the terms.
type SearchQuery struct {
	Terms []SearchTerm
	// Lang is the language the terms were stemmed in ("id" or "en"); it
	// picks which of the index's stemmings to match. Anything but
	// English means Indonesian.
	Lang string
}

// Empty reports whether the query has nothing to look for (no term that
// is not an exclusion).
func (q SearchQuery) Empty() bool {
	for _, t := range q.Terms {
		if !t.Exclude && len(t.Words) > 0 {
			return false
		}
	}
	return true
}

// SearchStore finds published articles by their words. The index follows
// every save, publication and withdrawal in the same transaction.
type SearchStore interface {
	// Search returns one page of the published articles (PublishedAt at or
	// before now) that match q, best first: headline and dek weigh more
	// than the body, and newer articles win ties. It also returns how many
	// match in all. An empty query matches nothing.
	Search(ctx context.Context, q SearchQuery, now time.Time, offset, limit int) ([]*Article, int, error)
	// Related returns up to limit other published articles like a: sharing
	// its tags first, then sharing its words; never a itself.
	Related(ctx context.Context, a *Article, limit int) ([]*Article, error)
}
