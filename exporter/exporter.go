// Package exporter writes the whole site out of the store, so that a
// newsroom can leave Warta as easily as it came: as a WordPress export
// (WXR 1.2, which WordPress's own importer reads) or as Warta's own JSON.
//
// Both formats are streamed: the exporter pages through the store and
// writes each article, comment and media entry as it reads it, so a large
// archive is exported in bounded memory.
//
// Private data (a commenter's email, IP address and browser, and the
// moderation reason, which may quote them; staff email addresses) is left
// out unless Options.IncludePrivate is set.
package exporter

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"warta"
)

// Source is what the exporter reads; every warta.Store is one.
type Source interface {
	Articles(ctx context.Context, f warta.ArticleFilter) ([]*warta.Article, int, error)
	Corrections(ctx context.Context, articleID int64) ([]*warta.Correction, error)
	Comments(ctx context.Context, f warta.CommentFilter) ([]*warta.Comment, int, error)
	Sections(ctx context.Context) ([]*warta.Section, error)
	Tags(ctx context.Context) ([]*warta.Tag, error)
	Authors(ctx context.Context) ([]*warta.Author, error)
	Users(ctx context.Context) ([]*warta.User, error)
	MediaList(ctx context.Context, offset, limit int) ([]*warta.Media, int, error)
	Pages(ctx context.Context) ([]*warta.Page, error)
}

// Options say how to write the export.
type Options struct {
	// BaseURL is the site's public address, absolute and without a
	// trailing slash ("https://warta.example"). Links and media URLs in
	// the export are made from it; WordPress downloads media from there.
	// WXR needs it; a JSON export without it has no URLs, only paths.
	BaseURL string
	// Location is the newsroom's time zone: WordPress keeps every date
	// both in it (post_date) and in UTC (post_date_gmt).
	Location *time.Location
	// Title, Tagline and Language describe the site in the export's head.
	Title    string
	Tagline  string
	Language string
	// IncludePrivate adds commenters' email, IP address, browser and
	// moderation reason, and staff email addresses.
	IncludePrivate bool
	// Now is the export's time stamp; nil means time.Now.
	Now func() time.Time
	// PageSize is how many rows each store call asks for; 0 means
	// warta.MaxPageSize. Tests make it small to see the paging.
	PageSize int
}

// ErrBaseURL is returned when the site's address is missing or not
// absolute.
var ErrBaseURL = errors.New("exporter: the site's address must be absolute, like https://warta.example")

// check fills the defaults and rejects options that would make a broken
// export.
func (o *Options) check(needBase bool) error {
	o.BaseURL = strings.TrimSuffix(o.BaseURL, "/")
	if o.BaseURL != "" || needBase {
		u, err := url.Parse(o.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return ErrBaseURL
		}
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.PageSize <= 0 || o.PageSize > warta.MaxPageSize {
		o.PageSize = warta.MaxPageSize
	}
	if o.Title == "" {
		o.Title = "Warta"
	}
	return nil
}

// mediaURL is the absolute address of a file in the media folder.
func (o *Options) mediaURL(path string) string {
	if path == "" || o.BaseURL == "" {
		return ""
	}
	return o.BaseURL + "/media/" + strings.TrimPrefix(path, "/")
}

// eachArticle calls fn for every article in every status, newest first,
// one page of the store at a time. An article that moves between pages
// while the export runs (a new one published meanwhile) is written once.
func eachArticle(ctx context.Context, src Source, o *Options, fn func(*warta.Article) error) error {
	seen := map[int64]bool{}
	for offset := 0; ; offset += o.PageSize {
		list, total, err := src.Articles(ctx, warta.ArticleFilter{Offset: offset, Limit: o.PageSize})
		if err != nil {
			return err
		}
		for _, a := range list {
			if seen[a.ID] {
				continue
			}
			seen[a.ID] = true
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(list) < o.PageSize || offset+len(list) >= total {
			return nil
		}
	}
}

// eachComment calls fn for every comment of the article, in every
// status, oldest first, so that a reply always comes after the comment it
// answers. The store lists newest
// first, so its pages are read from the last one back.
func eachComment(ctx context.Context, src Source, o *Options, articleID int64, fn func(*warta.Comment) error) error {
	_, total, err := src.Comments(ctx, warta.CommentFilter{ArticleID: articleID, Limit: 1})
	if err != nil {
		return err
	}
	seen := map[int64]bool{}
	for end := total; end > 0; end -= o.PageSize {
		start := max(0, end-o.PageSize)
		list, _, err := src.Comments(ctx, warta.CommentFilter{ArticleID: articleID, Offset: start, Limit: end - start})
		if err != nil {
			return err
		}
		for i := len(list) - 1; i >= 0; i-- {
			c := list[i]
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// eachMedia calls fn for every media library entry, newest first.
func eachMedia(ctx context.Context, src Source, o *Options, fn func(*warta.Media) error) error {
	seen := map[int64]bool{}
	for offset := 0; ; offset += o.PageSize {
		list, total, err := src.MediaList(ctx, offset, o.PageSize)
		if err != nil {
			return err
		}
		for _, m := range list {
			if seen[m.ID] {
				continue
			}
			seen[m.ID] = true
			if err := fn(m); err != nil {
				return err
			}
		}
		if len(list) < o.PageSize || offset+len(list) >= total {
			return nil
		}
	}
}

// staffEmails maps author profile IDs to the email of the staff account
// that writes under them. Staff are few, so they are read at once.
func staffEmails(ctx context.Context, src Source) (byAuthor map[int64]string, authorOfUser map[int64]int64, err error) {
	users, err := src.Users(ctx)
	if err != nil {
		return nil, nil, err
	}
	byAuthor, authorOfUser = map[int64]string{}, map[int64]int64{}
	for _, u := range users {
		if u.AuthorID != 0 {
			authorOfUser[u.ID] = u.AuthorID
			if _, ok := byAuthor[u.AuthorID]; !ok {
				byAuthor[u.AuthorID] = u.Email
			}
		}
	}
	return byAuthor, authorOfUser, nil
}
