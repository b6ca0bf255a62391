package api

import (
	"net/http"
	"strings"

	"warta"
	"warta/route"
)

// routes lists every route of the API. Reads are open to anyone (a token
// shows staff more); writes need a token, and each names the capability
// it needs here or checks the article's own rules (package newsroom).
func routes(h *handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/openapi.json", h.showOpenAPI)

	mux.HandleFunc("GET /api/v1/articles", h.listArticles)
	mux.HandleFunc("POST /api/v1/articles", h.requireCap(warta.CapWriteDrafts, h.createArticle))
	mux.HandleFunc("GET /api/v1/articles/{id}", h.showArticle)
	mux.HandleFunc("PATCH /api/v1/articles/{id}", h.requireUser(h.updateArticle))
	mux.HandleFunc("POST /api/v1/articles/{id}/submit", h.requireUser(h.workflow))
	mux.HandleFunc("POST /api/v1/articles/{id}/publish", h.requireUser(h.workflow))
	mux.HandleFunc("POST /api/v1/articles/{id}/schedule", h.requireUser(h.workflow))
	mux.HandleFunc("POST /api/v1/articles/{id}/unpublish", h.requireUser(h.workflow))
	// By slug under its own path: /articles/{id}/… owns the segments below
	// /articles/, and a slug may be all digits.
	mux.HandleFunc("GET /api/v1/article-slugs/{slug}", h.showArticleBySlug)

	mux.HandleFunc("GET /api/v1/articles/{id}/comments", h.listComments)
	mux.HandleFunc("GET /api/v1/articles/{id}/comment-token", h.commentToken)
	mux.HandleFunc("POST /api/v1/articles/{id}/comments", h.postComment)
	mux.HandleFunc("GET /api/v1/comments", h.requireCap(warta.CapModerateComments, h.moderationQueue))
	mux.HandleFunc("PATCH /api/v1/comments/{id}", h.requireCap(warta.CapModerateComments, h.moderateComment))

	mux.HandleFunc("GET /api/v1/sections", h.listSections)
	mux.HandleFunc("GET /api/v1/tags", h.listTags)
	mux.HandleFunc("GET /api/v1/authors", h.listAuthors)
	mux.HandleFunc("GET /api/v1/pages", h.listPages)
	mux.HandleFunc("GET /api/v1/pages/{slug}", h.showPage)

	// Anything else: 405 when the address exists for other methods, 404
	// when it does not; JSON either way.
	mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPatch} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "/api/v1/" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 && r.Method != http.MethodOptions {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			h.fail(w, r, http.StatusMethodNotAllowed, codeMethod, nil)
			return
		}
		h.fail(w, r, http.StatusNotFound, codeNotFound, nil)
	})
	// CORS before the token check, so that a browser can read a 401 too.
	return h.withSettings(h.cors(h.authenticate(route.Record(mux))))
}
