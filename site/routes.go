package site

import (
	"net/http"

	"warta/route"
)

// routes lists every page of the public site.
func routes(h *handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.showHome)
	mux.HandleFunc("GET /{yyyy}/{mm}/{dd}/{slug}/{$}", h.showArticle)
	mux.HandleFunc("GET /section/{slug}/{$}", h.showSection)
	mux.HandleFunc("GET /tag/{slug}/{$}", h.showTag)
	mux.HandleFunc("GET /author/{slug}/{$}", h.showAuthor)
	mux.HandleFunc("GET /avatar/{file}", h.showAvatar)
	mux.HandleFunc("GET /search", h.showSearch)
	// Standing pages (Tentang Kami, Redaksi…); their slugs avoid every
	// first segment above (warta.ReservedPageSlug).
	mux.HandleFunc("GET /{slug}/{$}", h.showPage)

	// Feeds: RSS at …/feed/, Atom at …/feed/atom/, JSON Feed at …/feed/json/.
	handleFeeds(mux, h, "/", h.siteFeed)
	handleFeeds(mux, h, "/section/{slug}/", h.sectionFeed)
	handleFeeds(mux, h, "/tag/{slug}/", h.tagFeed)
	handleFeeds(mux, h, "/author/{slug}/", h.authorFeed)
	handleFeeds(mux, h, "/comments/", h.commentsFeed)
	handleFeeds(mux, h, "/{yyyy}/{mm}/{dd}/{slug}/", h.articleCommentsFeed)

	// For crawlers. /{file} serves sitemap-articles-N.xml and the other
	// sitemaps the index names, and redirects /slug to a standing page's
	// /slug/; any other one-segment address is a 404.
	mux.HandleFunc("GET /robots.txt", h.showRobots)
	mux.HandleFunc("GET /sitemap.xml", h.showSitemapIndex)
	mux.HandleFunc("GET /news-sitemap.xml", h.showNewsSitemap)
	mux.HandleFunc("GET /{file}", h.showSitemapFile)

	// Reader comments. Cross-origin posts are refused: a form on another
	// site must not be able to post, edit or delete in a reader's name.
	csrf := http.NewCrossOriginProtection()
	mux.Handle("POST /comments", csrf.Handler(http.HandlerFunc(h.postComment)))
	mux.Handle("POST /comments/{id}/edit", csrf.Handler(http.HandlerFunc(h.editComment)))
	mux.Handle("POST /comments/{id}/delete", csrf.Handler(http.HandlerFunc(h.deleteComment)))

	// The same addresses without their trailing slash, as people type and
	// paste them: a permanent redirect, so search engines keep one URL.
	mux.HandleFunc("GET /{yyyy}/{mm}/{dd}/{slug}", addSlash)
	mux.HandleFunc("GET /section/{slug}", addSlash)
	mux.HandleFunc("GET /tag/{slug}", addSlash)
	mux.HandleFunc("GET /author/{slug}", addSlash)
	// Everything else is a reader's dead end: our own 404 page, not the mux's text.
	mux.HandleFunc("/", h.notFound)
	return route.Record(mux)
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.errorStatus(w, r, http.StatusNotFound)
}

// addSlash redirects permanently to the same path with a trailing slash,
// keeping the query.
func addSlash(w http.ResponseWriter, r *http.Request) {
	u := *r.URL
	u.Path += "/"
	http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
}
