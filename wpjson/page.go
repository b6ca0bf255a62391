package wpjson

import "net/http"

// listPages answers the page collection; pages come with pages-foundation.
//
// GET /wp-json/wp/v2/pages
func (h *handler) listPages(w http.ResponseWriter, r *http.Request) {
	h.paginate(w, r, "/wp-json/wp/v2/pages", 1, defaultPerPage, 0)
	writeJSON(w, r, http.StatusOK, []any{})
}

// showPage answers one page.
//
// GET /wp-json/wp/v2/pages/{id}
func (h *handler) showPage(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, http.StatusNotFound, "rest_post_invalid_id", "wpjson.error.post_invalid_id")
}
