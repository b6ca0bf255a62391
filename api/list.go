package api

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"warta"
)

// Page sizes of lists: limit=N asks for N, up to maxLimit.
const (
	defaultLimit = 20
	maxLimit     = warta.MaxPageSize
)

// cursor is where the next page of a list starts. Clients get it inside
// the next link and send it back unread; it is opaque to them, so its
// form may change. Asof pins a list of published articles to the moment
// its first page was read, so articles published meanwhile do not shift
// the later pages.
type cursor struct {
	Offset int   `json:"o"`
	Asof   int64 `json:"t,omitempty"` // Unix milliseconds
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// paging reads ?cursor= and ?limit=. On a malformed value it answers 400
// and returns false.
func (h *handler) paging(w http.ResponseWriter, r *http.Request) (cursor, int, bool) {
	q := r.URL.Query()
	limit := defaultLimit
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.limit", nil, maxLimit)
			return cursor{}, 0, false
		}
		limit = n
	}
	var c cursor
	if s := q.Get("cursor"); s != "" {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil || json.Unmarshal(b, &c) != nil || c.Offset < 0 || c.Offset > 1_000_000 || c.Asof < 0 {
			h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.cursor", nil)
			return cursor{}, 0, false
		}
	}
	if c.Asof == 0 {
		c.Asof = h.Now().UnixMilli()
	}
	return c, limit, true
}

func (c cursor) asof() time.Time { return time.UnixMilli(c.Asof).UTC() }

// writeList answers one page of a list, with a next link (in the body and
// in a Link header) when more follow.
func writeList[T any](h *handler, w http.ResponseWriter, r *http.Request, items []T, total int, c cursor, limit int) {
	out := listJSON[T]{Items: items, Total: total}
	if out.Items == nil {
		out.Items = []T{}
	}
	if c.Offset+len(items) < total && len(items) > 0 {
		next := cursor{Offset: c.Offset + len(items), Asof: c.Asof}
		q := r.URL.Query()
		q.Set("cursor", next.encode())
		q.Set("limit", strconv.Itoa(limit))
		link := h.BaseURL + r.URL.Path + "?" + q.Encode()
		out.Next = &link
		w.Header().Set("Link", "<"+link+`>; rel="next"`)
	}
	h.writeJSON(w, r, http.StatusOK, out)
}
