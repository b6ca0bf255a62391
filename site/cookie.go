package site

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"warta/comments"
)

// Cookie names. Both are first-party and HttpOnly: the server fills the
// form from them, so no script needs to read them.
const (
	// ownCookie lists, signed, the comments this browser wrote: it shows
	// their held comments to them and lets them fix a typo.
	ownCookie = "warta_own_comments"
	// commenterCookie remembers name, email and website when the reader
	// ticks "remember me".
	commenterCookie = "warta_commenter"
)

// maxOwn bounds how many comments the own-comments cookie remembers.
const maxOwn = 20

// ownComments returns the IDs this browser wrote, newest last, if the
// cookie's signature holds.
func (h *handler) ownComments(r *http.Request, secret []byte) []int64 {
	c, err := r.Cookie(ownCookie)
	if err != nil {
		return nil
	}
	payload, ok := comments.Verify(secret, ownCookie, c.Value)
	if !ok {
		return nil
	}
	var ids []int64
	for _, s := range strings.Split(string(payload), ".") {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// addOwnComment adds id to the browser's own comments.
func (h *handler) addOwnComment(w http.ResponseWriter, r *http.Request, secret []byte, id int64) {
	ids := append(h.ownComments(r, secret), id)
	if len(ids) > maxOwn {
		ids = ids[len(ids)-maxOwn:]
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	h.setCookie(w, ownCookie, comments.Sign(secret, ownCookie, []byte(strings.Join(parts, "."))), 30*24*time.Hour)
}

// owns reports whether this browser wrote comment id.
func (h *handler) owns(r *http.Request, secret []byte, id int64) bool {
	return slices.Contains(h.ownComments(r, secret), id)
}

// commenter returns the remembered name, email and website, if any.
func commenter(r *http.Request) (name, email, website string, ok bool) {
	c, err := r.Cookie(commenterCookie)
	if err != nil {
		return "", "", "", false
	}
	v, err := url.ParseQuery(c.Value)
	if err != nil {
		return "", "", "", false
	}
	return v.Get("n"), v.Get("e"), v.Get("u"), true
}

// rememberCommenter stores name, email and website for a year, or clears
// them when the reader did not tick the box.
func (h *handler) rememberCommenter(w http.ResponseWriter, remember bool, name, email, website string) {
	if !remember {
		h.setCookie(w, commenterCookie, "", -1)
		return
	}
	v := url.Values{"n": {name}, "e": {email}, "u": {website}}
	h.setCookie(w, commenterCookie, v.Encode(), 365*24*time.Hour)
}

// setCookie sets a site-wide, HttpOnly, SameSite=Lax cookie; maxAge < 0
// deletes it. Secure follows the site's address.
func (h *handler) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	c := &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
		Secure:   strings.HasPrefix(h.BaseURL, "https://"),
	}
	if maxAge < 0 {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(maxAge / time.Second)
	}
	http.SetCookie(w, c)
}
