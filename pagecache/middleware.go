package pagecache

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"warta/respond"
)

// StatusHeader says how a response was served: "hit", "miss" or "bypass".
const StatusHeader = "X-Warta-Cache"

// PersonalCookies are the cookies that make a response personal: a
// logged-in editor, a commenter who sees their own held comments, and
// remembered commenter details that fill the form on the server. A
// request carrying any of them, whatever its value, never touches the
// cache. Other cookies are ignored: no page reads them.
var PersonalCookies = []string{"warta_session", "warta_own_comments", "warta_commenter"}

// Params are the query parameters that select a cacheable page: a list's
// page and an article's comment page. Their values must be written as
// the site writes them (a whole number without leading zeros). A request
// with any other parameter, or one of these twice, bypasses the cache:
// stripping unknown parameters would serve a page the handler never
// rendered for that URL (?replyto=, ?editcomment= change the page), and
// keying on them would let anyone push every page out with random
// query strings.
var Params = []string{"page", "cpage"}

// Middleware serves GET and HEAD requests for next from c. A response is
// kept only when next declared it shareable: status 200, tagged with Tag,
// "Cache-Control: public…", and no Set-Cookie. Concurrent misses for one
// page wait for a single render.
func Middleware(c *Cache, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, ok := Key(r)
		if !ok {
			c.count(&c.stats.Bypasses)
			w.Header().Set(StatusHeader, "bypass")
			next.ServeHTTP(w, r)
			return
		}
		if e, ok := c.Get(key); ok {
			c.count(&c.stats.Hits)
			serve(w, r, e, "hit")
			return
		}
		c.count(&c.stats.Misses)
		cl, leader := c.join(key)
		if !leader {
			select {
			case <-cl.done:
			case <-r.Context().Done():
				return
			}
			if cl.stored {
				serve(w, r, cl.result.entry, "hit")
				return
			}
			// The render was not shareable, or a write came while it
			// ran: this reader gets their own.
			w.Header().Set(StatusHeader, "miss")
			next.ServeHTTP(w, r)
			return
		}
		defer c.finish(key, cl)
		seq := c.Seq()
		rec := render(next, r)
		cl.result = rec
		if rec.entry == nil {
			rec.replayFor(w, r)
			return
		}
		cl.stored = c.Put(key, rec.entry, seq)
		serve(w, r, rec.entry, "miss")
	})
}

// Key returns the cache key of r, the path and the known parameters in a
// fixed order, and false when r must bypass the cache.
func Key(r *http.Request) (string, bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return "", false
	}
	if r.Header.Get("Authorization") != "" {
		return "", false
	}
	for _, name := range PersonalCookies {
		if _, err := r.Cookie(name); err == nil {
			return "", false
		}
	}
	key := r.URL.Path
	if r.URL.RawQuery == "" {
		return key, true
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "", false
	}
	known := 0
	for _, name := range Params {
		v, ok := q[name]
		if !ok {
			continue
		}
		if len(v) != 1 || !canonicalNumber(v[0]) {
			return "", false
		}
		known++
		if known == 1 {
			key += "?"
		} else {
			key += "&"
		}
		key += name + "=" + v[0]
	}
	if known != len(q) {
		return "", false // an unknown parameter
	}
	return key, true
}

// canonicalNumber reports whether s is a whole number from 1 written
// without sign or leading zeros, at most 6 digits.
func canonicalNumber(s string) bool {
	if s == "" || len(s) > 6 || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// collector gathers what a handler says about its response.
type collector struct {
	mu      sync.Mutex
	tags    []string
	expires time.Time
}

type collectorKey struct{}

// Tag declares that the response to r shows what tags name, and so may be
// cached until one of them is invalidated. Without a Tag call a response
// is never cached. Outside the cache's middleware it does nothing.
func Tag(r *http.Request, tags ...string) {
	if col, ok := r.Context().Value(collectorKey{}).(*collector); ok {
		col.mu.Lock()
		col.tags = append(col.tags, tags...)
		col.mu.Unlock()
	}
}

// ExpireAt declares that the response to r changes at t by itself (a
// story's comments close, a scheduled item comes due), so the cache must
// not serve it after t.
func ExpireAt(r *http.Request, t time.Time) {
	if col, ok := r.Context().Value(collectorKey{}).(*collector); ok {
		col.mu.Lock()
		if col.expires.IsZero() || t.Before(col.expires) {
			col.expires = t
		}
		col.mu.Unlock()
	}
}

// recorded is a response rendered into memory, and the entry made of it
// when it may be shared.
type recorded struct {
	header http.Header
	status int
	body   bytes.Buffer
	entry  *Entry
}

func (rec *recorded) Header() http.Header { return rec.header }
func (rec *recorded) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return rec.body.Write(b)
}
func (rec *recorded) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
}

// render runs next for r as a plain GET without conditions or encodings,
// so that what it records is the whole identity body, whatever this
// particular reader's headers asked for.
func render(next http.Handler, r *http.Request) *recorded {
	col := &collector{}
	req := r.Clone(context.WithValue(r.Context(), collectorKey{}, col))
	req.Method = http.MethodGet
	for _, h := range []string{"Accept-Encoding", "If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range", "Range"} {
		req.Header.Del(h)
	}
	rec := &recorded{header: http.Header{}}
	next.ServeHTTP(rec, req)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	col.mu.Lock()
	tags, expires := col.tags, col.expires
	col.mu.Unlock()
	h := rec.header
	if rec.status != http.StatusOK || len(tags) == 0 || h.Get("Set-Cookie") != "" ||
		h.Get("Content-Encoding") != "" || h.Get("Content-Type") == "" ||
		!strings.HasPrefix(h.Get("Cache-Control"), "public") {
		return rec
	}
	var mod time.Time
	if lm := h.Get("Last-Modified"); lm != "" {
		mod, _ = http.ParseTime(lm)
	}
	keep := http.Header{}
	for k, v := range h {
		switch k {
		case "Content-Type", "Content-Length", "Etag", "Last-Modified", "Vary":
			// respond.Write sets them from the body
		default:
			keep[k] = v
		}
	}
	rec.entry = &Entry{
		Body:    respond.NewBody(h.Get("Content-Type"), bytes.Clone(rec.body.Bytes()), mod),
		Header:  keep,
		Tags:    tags,
		Expires: expires,
	}
	return rec
}

// serve writes e for r: respond.Write picks gzip or identity and answers
// 304 from this request's own headers.
func serve(w http.ResponseWriter, r *http.Request, e *Entry, status string) {
	h := w.Header()
	for k, v := range e.Header {
		h[k] = v
	}
	h.Set(StatusHeader, status)
	respond.Write(w, r, http.StatusOK, e.Body)
}

// replayFor writes a response that may not be shared. It was rendered
// without the reader's conditions and encodings, so a 200 goes back
// through respond.Write to get them; anything else is sent as recorded.
func (rec *recorded) replayFor(w http.ResponseWriter, r *http.Request) {
	h := rec.header
	if rec.status == http.StatusOK && h.Get("Content-Encoding") == "" && h.Get("Content-Type") != "" {
		out := w.Header()
		for k, v := range h {
			switch k {
			case "Content-Length", "Etag", "Last-Modified", "Vary":
			default:
				out[k] = v
			}
		}
		var mod time.Time
		if lm := h.Get("Last-Modified"); lm != "" {
			mod, _ = http.ParseTime(lm)
		}
		out.Set(StatusHeader, "miss")
		respond.Write(w, r, http.StatusOK, respond.NewBody(h.Get("Content-Type"), rec.body.Bytes(), mod))
		return
	}
	h.Set(StatusHeader, "miss")
	rec.replay(w)
}
