package wpjson

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Collection limits, as WordPress sets them.
const (
	defaultPerPage = 10
	maxPerPage     = 100
	// maxPageNumber bounds ?page=N: deeper is a crafted URL, and the
	// offset must stay far from overflowing.
	maxPageNumber = 100000
)

// paramError names a parameter that breaks its rule.
type paramError struct{ param string }

func (e *paramError) Error() string { return "invalid parameter " + e.param }

// query is a request's parameters, read the way WordPress reads them.
type query struct {
	values url.Values
}

func newQuery(r *http.Request) query { return query{values: r.URL.Query()} }

// get returns the last value of name, or of name[] for a client that
// sends lists PHP's way.
func (q query) get(name string) string {
	for _, k := range []string{name, name + "[]"} {
		if v := q.values[k]; len(v) > 0 {
			return v[len(v)-1]
		}
	}
	return ""
}

func (q query) has(name string) bool { return q.values.Has(name) || q.values.Has(name+"[]") }

// page returns the page and per_page parameters: page from 1, per_page
// from 1 to 100 (default 10), or a paramError.
func (q query) page() (page, perPage int, err error) {
	page, perPage = 1, defaultPerPage
	if q.has("page") {
		n, err := strconv.Atoi(q.get("page"))
		if err != nil || n < 1 || n > maxPageNumber {
			return 0, 0, &paramError{"page"}
		}
		page = n
	}
	if q.has("per_page") {
		n, err := strconv.Atoi(q.get("per_page"))
		if err != nil || n < 1 || n > maxPerPage {
			return 0, 0, &paramError{"per_page"}
		}
		perPage = n
	}
	return page, perPage, nil
}

// ids returns a list of positive IDs given as "1,2,3", as repeated
// parameters, or as name[]=1&name[]=2; nil when absent.
func (q query) ids(name string) ([]int64, error) {
	var out []int64
	for _, k := range []string{name, name + "[]"} {
		for _, v := range q.values[k] {
			for _, part := range strings.Split(v, ",") {
				part = strings.TrimSpace(part)
				if part == "" {
					continue
				}
				id, err := strconv.ParseInt(part, 10, 64)
				if err != nil || id < 1 {
					return nil, &paramError{name}
				}
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// idsWithZero is ids that also accepts 0 (the "parent" of top-level
// comments); it returns a non-nil slice when the parameter is present.
func (q query) idsWithZero(name string) ([]int64, error) {
	if !q.has(name) {
		return nil, nil
	}
	out := []int64{}
	for _, k := range []string{name, name + "[]"} {
		for _, v := range q.values[k] {
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part == "" {
					continue
				}
				id, err := strconv.ParseInt(part, 10, 64)
				if err != nil || id < 0 {
					return nil, &paramError{name}
				}
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// strings returns a comma-separated list (slug=a,b).
func (q query) list(name string) []string {
	var out []string
	for _, k := range []string{name, name + "[]"} {
		for _, v := range q.values[k] {
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part != "" {
					out = append(out, part)
				}
			}
		}
	}
	return out
}

// date reads an ISO 8601 date-time the way WordPress does: with a zone
// (Z or ±hh:mm) it is that instant; without one it is in the site's zone.
func (q query) date(name string, loc *time.Location) (time.Time, error) {
	v := q.get(name)
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, &paramError{name}
}

// oneOf returns the parameter's value, def when absent, or a paramError
// when it is not one of allowed.
func (q query) oneOf(name, def string, allowed ...string) (string, error) {
	if !q.has(name) {
		return def, nil
	}
	v := q.get(name)
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", &paramError{name}
}

// paginate sets X-WP-Total, X-WP-TotalPages and the Link header's prev
// and next, keeping the request's other parameters, as WordPress does.
func (h *handler) paginate(w http.ResponseWriter, r *http.Request, path string, page, perPage, total int) {
	pages := (total + perPage - 1) / perPage
	hd := w.Header()
	hd.Set("X-WP-Total", strconv.Itoa(total))
	hd.Set("X-WP-TotalPages", strconv.Itoa(pages))
	link := func(n int, rel string) {
		q := r.URL.Query()
		q.Del("rest_route")
		q.Set("page", strconv.Itoa(n))
		hd.Add("Link", fmt.Sprintf("<%s?%s>; rel=\"%s\"", h.BaseURL+path, q.Encode(), rel))
	}
	if page > 1 && pages > 0 {
		link(min(page-1, pages), "prev")
	}
	if page < pages {
		link(page+1, "next")
	}
}

// pageOf returns the items of page from a whole list already in memory.
func pageOf[T any](all []T, page, perPage int) []T {
	start := (page - 1) * perPage
	if start >= len(all) {
		return nil
	}
	return all[start:min(start+perPage, len(all))]
}
