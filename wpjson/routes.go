package wpjson

import (
	"net/http"

	pattern "warta/route"
)

// routes lists every route of the WordPress-compatible API. GET routes
// answer HEAD too. Anything else is WordPress's 404 rest_no_route.
func routes(h *handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /wp-json/{$}", h.showIndex)
	mux.HandleFunc("GET /wp-json/wp/v2", h.showNamespace)

	mux.HandleFunc("GET /wp-json/wp/v2/posts", h.listPosts)
	mux.HandleFunc("GET /wp-json/wp/v2/posts/{id}", h.showPost)
	mux.HandleFunc("GET /wp-json/wp/v2/pages", h.listPages)
	mux.HandleFunc("GET /wp-json/wp/v2/pages/{id}", h.showPage)
	mux.HandleFunc("GET /wp-json/wp/v2/media", h.listMedia)
	mux.HandleFunc("GET /wp-json/wp/v2/media/{id}", h.showMedia)
	mux.HandleFunc("GET /wp-json/wp/v2/categories", h.listCategories)
	mux.HandleFunc("GET /wp-json/wp/v2/categories/{id}", h.showCategory)
	mux.HandleFunc("GET /wp-json/wp/v2/tags", h.listTags)
	mux.HandleFunc("GET /wp-json/wp/v2/tags/{id}", h.showTag)
	mux.HandleFunc("GET /wp-json/wp/v2/users", h.listUsers)
	mux.HandleFunc("GET /wp-json/wp/v2/users/{id}", h.showUser)
	mux.HandleFunc("GET /wp-json/wp/v2/comments", h.listComments)
	mux.HandleFunc("GET /wp-json/wp/v2/comments/{id}", h.showComment)

	// The one write. A browser on another site may not post (see the
	// defences in comment.go); apps and servers send no Origin and pass.
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, http.StatusForbidden, "rest_cross_origin", "wpjson.error.cross_origin")
	}))
	mux.Handle("POST /wp-json/wp/v2/comments", csrf.Handler(http.HandlerFunc(h.createComment)))

	mux.HandleFunc("/", h.noRoute)
	return pattern.Record(mux)
}
