package site

import (
	"fmt"
	"net/http"
	"time"

	"warta"
	"warta/pagecache"
)

// share marks the response to r as the same for every anonymous reader:
// browsers and proxies may keep it for the cache_max_age setting and
// show it for cache_swr more while they fetch a new one, and the page
// cache keeps it until a write touches one of tags (every page also
// carries warta.TagGlobal: navigation, site title, language).
func (h *handler) share(w http.ResponseWriter, r *http.Request, tags ...string) {
	s := warta.DefaultSettings()
	if values, err := h.settingValues(r.Context()); err == nil {
		if parsed, err := warta.ParseSettings(values); err == nil {
			s = parsed
		}
	}
	w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d, stale-while-revalidate=%d", s.CacheMaxAge, s.CacheSWR))
	pagecache.Tag(r, append(tags, warta.TagGlobal)...)
}

// articleTags are the tags of the articles a page shows.
func articleTags(articles []*warta.Article) []string {
	tags := make([]string, 0, len(articles))
	for _, a := range articles {
		if a != nil {
			tags = append(tags, warta.ArticleTag(a.ID))
		}
	}
	return tags
}

// personal reports whether an article page for r shows something of this
// reader's own: their held or editable comments (the own-comments
// cookie), their remembered details in the form, or a reply, edit or
// notice state from the query.
func personal(r *http.Request) bool {
	for _, name := range []string{ownCookie, commenterCookie} {
		if _, err := r.Cookie(name); err == nil {
			return true
		}
	}
	q := r.URL.Query()
	return q.Has("replyto") || q.Has("editcomment") || q.Has("comment")
}

// expireWhenCommentsClose tells the page cache that the article page of
// a changes by itself when its comments close with time.
func (h *handler) expireWhenCommentsClose(r *http.Request, a *warta.Article, s *warta.Settings) {
	if s.CommentsCloseAfterDays > 0 && a.CommentsOpen {
		at := a.PublishedAt.Add(time.Duration(s.CommentsCloseAfterDays) * 24 * time.Hour)
		if at.After(h.Now()) {
			pagecache.ExpireAt(r, at)
		}
	}
}
