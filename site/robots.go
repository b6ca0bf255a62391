package site

import (
	"net/http"
	"strings"
	"time"

	"warta/respond"
)

// showRobots tells crawlers what to leave alone and where the sitemaps
// are. Search results are kept out too: every query makes a new page of
// what the article pages already say, and following them wastes a
// crawler's visits on duplicates.
//
// GET /robots.txt
func (h *handler) showRobots(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	b.WriteString("Disallow: /admin/\n")
	b.WriteString("Disallow: /preview/\n")
	b.WriteString("Disallow: /search\n")
	b.WriteString("\n")
	b.WriteString("Sitemap: " + h.BaseURL + "/sitemap.xml\n")
	b.WriteString("Sitemap: " + h.BaseURL + "/news-sitemap.xml\n")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	respond.Write(w, r, http.StatusOK, respond.NewBody("text/plain; charset=utf-8", []byte(b.String()), time.Time{}))
}
