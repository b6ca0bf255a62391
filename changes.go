package warta

import (
	"context"
	"strconv"
	"time"
)

// Change is one committed write, as the pages it affects see it: the tags
// of every page that may now read differently. The store records a
// change in the same transaction as the write, so every process (serve,
// the CLI, other nodes) learns of every write, whoever made it.
type Change struct {
	ID   int64
	Tags []string
	At   time.Time
}

// Tags name what a public page shows. A page carries the tags of
// everything on it; a write names the tags of everything it changed.
const (
	// TagGlobal is on every page: navigation, site title, language.
	TagGlobal = "global"
	// TagHome is on the home page and the site's article feeds.
	TagHome = "home"
	// TagSitemap is on the sitemaps.
	TagSitemap = "sitemap"
	// TagComments is on the site-wide comments feed.
	TagComments = "comments"
)

// ArticleTag is on an article's page and on every page that shows it.
func ArticleTag(id int64) string { return "article:" + strconv.FormatInt(id, 10) }

// SectionTag is on a section's list and feeds.
func SectionTag(id int64) string { return "section:" + strconv.FormatInt(id, 10) }

// TopicTag is on a tag's list and feed.
func TopicTag(id int64) string { return "tag:" + strconv.FormatInt(id, 10) }

// AuthorTag is on an author's list and feed.
func AuthorTag(id int64) string { return "author:" + strconv.FormatInt(id, 10) }

// ChangeStore reads the change log.
type ChangeStore interface {
	// Changes returns up to a batch of changes with IDs above afterID in
	// ID order, and the lowest ID the log still keeps (0 when empty): a
	// reader whose afterID+1 is below it has missed pruned changes. The
	// log keeps about a day.
	Changes(ctx context.Context, afterID int64) ([]Change, int64, error)
	// LatestChange returns the highest ID in the log, 0 when empty: where
	// a new reader starts.
	LatestChange(ctx context.Context) (int64, error)
}
