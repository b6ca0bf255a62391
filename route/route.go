// Package route records which ServeMux pattern answered a request, so
// that metrics and logs can name a route ("GET /{yyyy}/{mm}/{dd}/{slug}/{$}")
// instead of a raw path, whose values are unbounded.
//
// A ServeMux writes the pattern it matched into the *http.Request it was
// given. Middleware between the outermost handler and an inner mux often
// copies the request (WithContext), so the outermost handler never sees
// that field change. Record wraps a mux and copies its pattern into a
// note that travels in the context, which every copy shares.
package route

import (
	"context"
	"net/http"
)

type noteKey struct{}

// note holds the pattern of the innermost mux that matched.
type note struct{ pattern string }

// Track returns r with an empty note in its context, for Pattern to read
// once the request has been served; r itself when it is tracked already.
func Track(r *http.Request) *http.Request {
	if _, ok := r.Context().Value(noteKey{}).(*note); ok {
		return r
	}
	return r.WithContext(context.WithValue(r.Context(), noteKey{}, &note{}))
}

// Pattern returns the pattern recorded for r, or "" when no mux wrapped
// with Record matched it (or r was not tracked).
func Pattern(r *http.Request) string {
	if n, ok := r.Context().Value(noteKey{}).(*note); ok {
		return n.pattern
	}
	return ""
}

// Record wraps mux so that the pattern it matched is noted for Pattern.
// Muxes nest (the server's mux mounts the site's); the innermost one
// returns first, and its more precise pattern wins.
func Record(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if n, ok := r.Context().Value(noteKey{}).(*note); ok && n.pattern == "" {
			n.pattern = r.Pattern
		}
	})
}
