package wpjson

import (
	"errors"
	"html"
	"net/http"
	"strconv"
	"time"

	"warta"
	"warta/search"
)

// listPosts answers WordPress's post collection with our published
// articles.
//
// GET /wp-json/wp/v2/posts  (page, per_page, search, categories, tags,
// author, slug, after, before, orderby, order, _embed)
func (h *handler) listPosts(w http.ResponseWriter, r *http.Request) {
	rq, err := h.begin(r.Context())
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	q := newQuery(r)
	f, page, perPage, relevance, err := h.postFilter(r, rq, q)
	var pe *paramError
	switch {
	case errors.As(err, &pe):
		h.invalidParam(w, r, pe.param)
		return
	case errors.Is(err, errNoSearchTerm):
		h.fail(w, r, http.StatusBadRequest, "rest_no_search_term_defined", "wpjson.error.no_search_term")
		return
	case err != nil:
		h.serverError(w, r, err)
		return
	}

	var (
		list  []*warta.Article
		total int
	)
	switch {
	case f == nil: // a slug that names no published article
	case relevance:
		// The site search's own ranking (full text, stemmed). It takes no
		// other filter, so relevance is used only when search is the only
		// one; see postFilter.
		raw := q.get("search")
		sq := search.ParseQuery(rq.cat.Lang(), raw)
		list, total, err = h.Store.Search(r.Context(), storeQuery(rq.cat.Lang(), sq), rq.now, (page-1)*perPage, perPage)
	default:
		list, total, err = h.Store.Articles(r.Context(), *f)
	}
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	pages := (total + perPage - 1) / perPage
	if page > pages && total > 0 {
		h.fail(w, r, http.StatusBadRequest, "rest_post_invalid_page_number", "wpjson.error.page_number")
		return
	}
	out := make([]any, 0, len(list))
	emb := newEmbedder(h, r, rq)
	for _, a := range list {
		p := h.post(rq, a)
		if emb.wanted() {
			if err := emb.post(p, a); err != nil {
				h.serverError(w, r, err)
				return
			}
		}
		out = append(out, p)
	}
	h.paginate(w, r, "/wp-json/wp/v2/posts", page, perPage, total)
	writeJSON(w, r, http.StatusOK, out)
}

var errNoSearchTerm = errors.New("wpjson: orderby=relevance without search")

// postFilter reads a post collection's parameters into a store filter.
// A nil filter means the answer is empty (a slug that matches nothing);
// relevance means the site search ranks the list instead.
func (h *handler) postFilter(r *http.Request, rq *request, q query) (f *warta.ArticleFilter, page, perPage int, relevance bool, err error) {
	if page, perPage, err = q.page(); err != nil {
		return nil, 0, 0, false, err
	}
	f = &warta.ArticleFilter{
		Status:          warta.StatusPublished,
		PublishedBefore: rq.now,
		Text:            q.get("search"),
		Offset:          (page - 1) * perPage,
		Limit:           perPage,
	}
	if f.SectionIDs, err = q.ids("categories"); err != nil {
		return
	}
	if f.TagIDs, err = q.ids("tags"); err != nil {
		return
	}
	if f.AuthorIDs, err = q.ids("author"); err != nil {
		return
	}
	after, err := q.date("after", rq.loc)
	if err != nil {
		return
	}
	f.PublishedAfter = after
	before, err := q.date("before", rq.loc)
	if err != nil {
		return
	}
	if !before.IsZero() && before.Before(rq.now) {
		// WordPress's before is exclusive; the store's bound includes it.
		f.PublishedBefore = before.Add(-time.Microsecond)
	}
	if q.has("status") && q.get("status") != "publish" {
		return nil, 0, 0, false, &paramError{"status"}
	}
	orderby, err := q.oneOf("orderby", "date", "date", "id", "title", "slug", "modified", "relevance")
	if err != nil {
		return
	}
	order, err := q.oneOf("order", "desc", "asc", "desc")
	if err != nil {
		return
	}
	f.Ascending = order == "asc"
	switch orderby {
	case "id":
		f.OrderBy = warta.OrderByID
	case "title":
		f.OrderBy = warta.OrderByTitle
	case "slug":
		f.OrderBy = warta.OrderBySlug
	case "modified":
		f.OrderBy = warta.OrderByModified
	case "relevance":
		if f.Text == "" {
			return nil, 0, 0, false, errNoSearchTerm
		}
		// Relevance comes from the full-text index, which filters by
		// nothing else: with other filters the list keeps them and its
		// date order rather than drop them.
		relevance = len(f.SectionIDs)+len(f.TagIDs)+len(f.AuthorIDs) == 0 && after.IsZero() && before.IsZero() && !q.has("slug")
	}
	if slugs := q.list("slug"); len(slugs) > 0 {
		relevance = false
		for _, s := range slugs {
			a, err := h.Store.ArticleBySlug(r.Context(), s)
			if warta.IsNotFound(err) || (err == nil && a.Slug != s) {
				continue // WordPress matches current slugs only
			} else if err != nil {
				return nil, 0, 0, false, err
			}
			f.IDs = append(f.IDs, a.ID)
		}
		if len(f.IDs) == 0 {
			return nil, page, perPage, false, nil
		}
	}
	return f, page, perPage, relevance, nil
}

// showPost answers one published article.
//
// GET /wp-json/wp/v2/posts/{id}  (_embed)
func (h *handler) showPost(w http.ResponseWriter, r *http.Request) {
	rq, err := h.begin(r.Context())
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	a, err := h.visibleArticle(r, rq, r.PathValue("id"))
	if warta.IsNotFound(err) {
		h.fail(w, r, http.StatusNotFound, "rest_post_invalid_id", "wpjson.error.post_invalid_id")
		return
	} else if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := h.post(rq, a)
	if emb := newEmbedder(h, r, rq); emb.wanted() {
		if err := emb.post(p, a); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	writeJSON(w, r, http.StatusOK, p)
}

// visibleArticle returns the article with the ID in s when readers may
// see it; anything else is ENOTFOUND, so that a draft's ID and a missing
// one answer alike.
func (h *handler) visibleArticle(r *http.Request, rq *request, s string) (*warta.Article, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return nil, warta.Errorf(warta.ENOTFOUND, "no post %q", s)
	}
	a, err := h.Store.ArticleByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !a.Visible(rq.now) {
		return nil, warta.Errorf(warta.ENOTFOUND, "post %d is not published", id)
	}
	return a, nil
}

// post is an article as WordPress's post object, in the view context.
func (h *handler) post(rq *request, a *warta.Article) map[string]any {
	id := itoa(a.ID)
	var author int64
	if len(a.Authors) > 0 {
		author = a.Authors[0].ID
	}
	tags := make([]int64, 0, len(a.Tags))
	for _, t := range a.Tags {
		tags = append(tags, t.ID)
	}
	excerpt := paragraph(a.Dek)
	if excerpt == "" {
		excerpt = excerptFrom(a.BodyHTML)
	}
	commentStatus := "closed"
	if a.CommentsAllowed(rq.now, rq.settings.CommentsCloseAfterDays) {
		commentStatus = "open"
	}
	links := map[string]any{
		"self":       []any{link(h.api("posts/" + id))},
		"collection": []any{link(h.api("posts"))},
		"author":     []any{embeddable(h.api("users/" + itoa(author)))},
		"replies":    []any{embeddable(h.api("comments?post=" + id))},
		"wp:term": []any{
			map[string]any{"taxonomy": "category", "embeddable": true, "href": h.api("categories?post=" + id)},
			map[string]any{"taxonomy": "post_tag", "embeddable": true, "href": h.api("tags?post=" + id)},
		},
		"curies": curies(),
	}
	if a.LeadImage.MediaID != 0 {
		links["wp:featuredmedia"] = []any{embeddable(h.api("media/" + itoa(a.LeadImage.MediaID)))}
	}
	modified := a.UpdatedAt
	if modified.Before(a.PublishedAt) {
		modified = a.PublishedAt
	}
	return map[string]any{
		"id":             a.ID,
		"date":           wpDate(a.PublishedAt, rq.loc),
		"date_gmt":       wpDate(a.PublishedAt, time.UTC),
		"guid":           rendered(h.BaseURL + "/?p=" + id),
		"modified":       wpDate(modified, rq.loc),
		"modified_gmt":   wpDate(modified, time.UTC),
		"slug":           a.Slug,
		"status":         "publish",
		"type":           "post",
		"link":           h.BaseURL + a.Permalink(rq.loc),
		"title":          rendered(html.EscapeString(a.Headline)),
		"content":        renderedProtected(a.BodyHTML),
		"excerpt":        renderedProtected(excerpt),
		"author":         author,
		"featured_media": a.LeadImage.MediaID,
		"comment_status": commentStatus,
		"ping_status":    "closed",
		"sticky":         false,
		"template":       "",
		"format":         "standard",
		"meta":           map[string]any{},
		"categories":     []int64{a.Section.ID},
		"tags":           tags,
		"_links":         links,
	}
}

// storeQuery converts a parsed search to the store's form.
func storeQuery(lang string, q search.Query) warta.SearchQuery {
	out := warta.SearchQuery{Lang: lang, Terms: make([]warta.SearchTerm, 0, len(q.Terms))}
	for _, t := range q.Terms {
		out.Terms = append(out.Terms, warta.SearchTerm{Words: t.Words, Prefix: t.Prefix, Exclude: t.Exclude})
	}
	return out
}
