package wpjson

import (
	"net/http"
	"time"
)

// route is one entry of the index's routes: what we serve, read-only but
// for posting comments.
type route struct {
	path    string // as WordPress writes it, with (?P<id>[\d]+)
	methods []string
	link    string // the collection's address, for _links; "" for item routes
}

// servedRoutes lists every route in the index, in WordPress's order.
var servedRoutes = []route{
	{"/wp/v2", []string{"GET"}, "wp/v2"},
	{"/wp/v2/posts", []string{"GET"}, "wp/v2/posts"},
	{`/wp/v2/posts/(?P<id>[\d]+)`, []string{"GET"}, ""},
	{"/wp/v2/pages", []string{"GET"}, "wp/v2/pages"},
	{`/wp/v2/pages/(?P<id>[\d]+)`, []string{"GET"}, ""},
	{"/wp/v2/media", []string{"GET"}, "wp/v2/media"},
	{`/wp/v2/media/(?P<id>[\d]+)`, []string{"GET"}, ""},
	{"/wp/v2/categories", []string{"GET"}, "wp/v2/categories"},
	{`/wp/v2/categories/(?P<id>[\d]+)`, []string{"GET"}, ""},
	{"/wp/v2/tags", []string{"GET"}, "wp/v2/tags"},
	{`/wp/v2/tags/(?P<id>[\d]+)`, []string{"GET"}, ""},
	{"/wp/v2/users", []string{"GET"}, "wp/v2/users"},
	{`/wp/v2/users/(?P<id>[\d]+)`, []string{"GET"}, ""},
	{"/wp/v2/comments", []string{"GET", "POST"}, "wp/v2/comments"},
	{`/wp/v2/comments/(?P<id>[\d]+)`, []string{"GET"}, ""},
}

func (h *handler) routeObjects() map[string]any {
	out := map[string]any{}
	for _, rt := range servedRoutes {
		var endpoints []any
		for _, m := range rt.methods {
			endpoints = append(endpoints, map[string]any{"methods": []string{m}, "args": map[string]any{}})
		}
		o := map[string]any{"namespace": "wp/v2", "methods": rt.methods, "endpoints": endpoints}
		if rt.link != "" {
			o["_links"] = map[string]any{"self": []any{link(h.BaseURL + "/wp-json/" + rt.link)}}
		}
		out[rt.path] = o
	}
	return out
}

// showIndex describes the site and the routes we serve, as WordPress's
// API index does; clients read it to discover the API.
//
// GET /wp-json/
func (h *handler) showIndex(w http.ResponseWriter, r *http.Request) {
	rq, err := h.begin(r.Context())
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	_, offset := rq.now.In(rq.loc).Zone()
	routes := h.routeObjects()
	routes["/"] = map[string]any{"namespace": "", "methods": []string{"GET"},
		"endpoints": []any{map[string]any{"methods": []string{"GET"}, "args": map[string]any{}}},
		"_links":    map[string]any{"self": []any{link(h.BaseURL + "/wp-json/")}}}
	writeJSON(w, r, http.StatusOK, map[string]any{
		"name":            rq.name,
		"description":     rq.settings.SiteTagline,
		"url":             h.BaseURL,
		"home":            h.BaseURL,
		"gmt_offset":      float64(offset) / float64(time.Hour/time.Second),
		"timezone_string": rq.loc.String(),
		"namespaces":      []string{"wp/v2"},
		"authentication":  map[string]any{},
		"routes":          routes,
		"site_logo":       0,
		"site_icon":       0,
		"site_icon_url":   "",
		"_links": map[string]any{
			"help": []any{link("https://developer.wordpress.org/rest-api/")},
		},
	})
}

// showNamespace describes the wp/v2 namespace.
//
// GET /wp-json/wp/v2
func (h *handler) showNamespace(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, r, http.StatusOK, map[string]any{
		"namespace": "wp/v2",
		"routes":    h.routeObjects(),
		"_links":    map[string]any{"up": []any{link(h.BaseURL + "/wp-json/")}},
	})
}

// noRoute is WordPress's answer to any other path or method.
func (h *handler) noRoute(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, http.StatusNotFound, "rest_no_route", "wpjson.error.no_route")
}
