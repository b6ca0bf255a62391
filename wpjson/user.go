package wpjson

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"warta"
)

// publicAuthors returns the authors readers may see: those with at least
// one published article, as WordPress lists only users with published
// posts to visitors. One count per author; a newsroom has dozens.
func (h *handler) publicAuthors(ctx context.Context, rq *request) ([]*warta.Author, error) {
	all, err := h.Store.Authors(ctx)
	if err != nil {
		return nil, err
	}
	var out []*warta.Author
	for _, a := range all {
		_, n, err := h.Store.Articles(ctx, warta.ArticleFilter{AuthorID: a.ID, Status: warta.StatusPublished, PublishedBefore: rq.now, Limit: 1})
		if err != nil {
			return nil, err
		}
		if n > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// user is an author as WordPress's user object: public fields only. Staff
// accounts (emails, roles, logins) are never reached from here.
func (h *handler) user(a *warta.Author, embed bool) map[string]any {
	id := itoa(a.ID)
	o := map[string]any{
		"id":          a.ID,
		"name":        a.Name,
		"url":         "",
		"description": a.Bio,
		"link":        h.BaseURL + "/author/" + a.Slug + "/",
		"slug":        a.Slug,
		"avatar_urls": h.avatarURLs("author:" + a.Slug),
		"_links": map[string]any{
			"self":       []any{link(h.api("users/" + id))},
			"collection": []any{link(h.api("users"))},
		},
	}
	if !embed {
		o["meta"] = map[string]any{}
	}
	return o
}

// listUsers answers the user collection with the public authors, by name.
//
// GET /wp-json/wp/v2/users  (page, per_page, slug, include)
func (h *handler) listUsers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	q := newQuery(r)
	page, perPage, err := q.page()
	var include []int64
	if err == nil {
		include, err = q.ids("include")
	}
	var pe *paramError
	if errors.As(err, &pe) {
		h.invalidParam(w, r, pe.param)
		return
	}
	all, err := h.publicAuthors(ctx, rq)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if slugs := q.list("slug"); len(slugs) > 0 {
		all = slices.DeleteFunc(all, func(a *warta.Author) bool { return !slices.Contains(slugs, a.Slug) })
	}
	if len(include) > 0 {
		all = slices.DeleteFunc(all, func(a *warta.Author) bool { return !slices.Contains(include, a.ID) })
	}
	out := []any{}
	for _, a := range pageOf(all, page, perPage) {
		out = append(out, h.user(a, false))
	}
	h.paginate(w, r, "/wp-json/wp/v2/users", page, perPage, len(all))
	writeJSON(w, r, http.StatusOK, out)
}

// showUser answers one public author. An author with nothing published
// answers like one that does not exist.
//
// GET /wp-json/wp/v2/users/{id}
func (h *handler) showUser(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	a, err := h.publicAuthor(ctx, rq, r.PathValue("id"))
	if warta.IsNotFound(err) {
		h.fail(w, r, http.StatusNotFound, "rest_user_invalid_id", "wpjson.error.user_invalid_id")
		return
	} else if err != nil {
		h.serverError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, h.user(a, false))
}

// publicAuthor returns the author with the ID in s when they have a
// published article; otherwise ENOTFOUND.
func (h *handler) publicAuthor(ctx context.Context, rq *request, s string) (*warta.Author, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return nil, warta.Errorf(warta.ENOTFOUND, "no user %q", s)
	}
	a, err := h.Store.AuthorByID(ctx, id)
	if err != nil {
		return nil, err
	}
	_, n, err := h.Store.Articles(ctx, warta.ArticleFilter{AuthorID: a.ID, Status: warta.StatusPublished, PublishedBefore: rq.now, Limit: 1})
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, warta.Errorf(warta.ENOTFOUND, "author %d has nothing published", id)
	}
	return a, nil
}
