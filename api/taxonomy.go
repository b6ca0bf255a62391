package api

import "net/http"

// listSections answers every section, in navigation order.
//
// GET /api/v1/sections
func (h *handler) listSections(w http.ResponseWriter, r *http.Request) {
	list, err := h.Store.Sections(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	items := make([]sectionJSON, 0, len(list))
	for _, s := range list {
		items = append(items, h.sectionJSON(*s))
	}
	h.writeJSON(w, r, http.StatusOK, listJSON[sectionJSON]{Items: items, Total: len(items)})
}

// listTags answers every tag, by name.
//
// GET /api/v1/tags
func (h *handler) listTags(w http.ResponseWriter, r *http.Request) {
	list, err := h.Store.Tags(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	items := make([]tagJSON, 0, len(list))
	for _, t := range list {
		items = append(items, h.tagJSON(*t))
	}
	h.writeJSON(w, r, http.StatusOK, listJSON[tagJSON]{Items: items, Total: len(items)})
}

// listAuthors answers every author profile: the public byline, never the
// staff account behind it.
//
// GET /api/v1/authors
func (h *handler) listAuthors(w http.ResponseWriter, r *http.Request) {
	list, err := h.Store.Authors(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	items := make([]authorJSON, 0, len(list))
	for _, a := range list {
		items = append(items, h.authorJSON(*a))
	}
	h.writeJSON(w, r, http.StatusOK, listJSON[authorJSON]{Items: items, Total: len(items)})
}
