package site

import "net/http"

// routes lists every page of the public site.
func routes(h *handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.showHome)
	mux.HandleFunc("GET /{yyyy}/{mm}/{dd}/{slug}/{$}", h.showArticle)
	mux.HandleFunc("GET /section/{slug}/{$}", h.showSection)
	mux.HandleFunc("GET /tag/{slug}/{$}", h.showTag)
	mux.HandleFunc("GET /author/{slug}/{$}", h.showAuthor)
	// Everything else is a reader's dead end: our own 404 page, not the mux's text.
	mux.HandleFunc("/", h.notFound)
	return mux
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.errorStatus(w, r, http.StatusNotFound)
}
