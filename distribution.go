package warta

import (
	"context"
	"time"
)

// SitemapEntry is what a sitemap needs of one published article: enough
// for its address and its lastmod, and nothing else, so that listing tens
// of thousands of them stays cheap.
type SitemapEntry struct {
	ID          int64
	Slug        string
	PublishedAt time.Time
	UpdatedAt   time.Time
}

// SitemapStore lists published articles for sitemaps. "Published" means
// what readers see at before: status published and PublishedAt at or
// before it.
type SitemapStore interface {
	// SitemapArticles returns up to limit published articles from offset,
	// oldest first by PublishedAt then ID, so that a chunk keeps its
	// articles as new ones are published. limit is not clamped.
	SitemapArticles(ctx context.Context, before time.Time, offset, limit int) ([]SitemapEntry, error)
	// CountPublished returns how many articles are published at before.
	CountPublished(ctx context.Context, before time.Time) (int, error)
}

// FeedStore reads what comment feeds show.
type FeedStore interface {
	// PublicComments returns up to limit approved comments, newest first,
	// on articles that readers may see at before (see Article.Visible);
	// articleID 0 means on every article. limit is clamped to MaxPageSize.
	PublicComments(ctx context.Context, articleID int64, before time.Time, limit int) ([]*Comment, error)
}

// DistributionStore is what feeds and sitemaps read beyond the article
// and comment stores.
type DistributionStore interface {
	SitemapStore
	FeedStore
}
