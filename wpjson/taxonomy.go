package wpjson

import (
	"context"
	"errors"
	"html"
	"net/http"
	"slices"
	"strconv"

	"warta"
)

// term is a section or a tag, the way WordPress lists categories and tags.
type term struct {
	id          int64
	slug, name  string
	description string
	taxonomy    string // "category" or "post_tag"
}

func sectionTerm(s *warta.Section) term {
	return term{id: s.ID, slug: s.Slug, name: s.Name, description: s.Description, taxonomy: "category"}
}

func tagTerm(t *warta.Tag) term {
	return term{id: t.ID, slug: t.Slug, name: t.Name, taxonomy: "post_tag"}
}

// rest names a taxonomy's collection, and its page on the site.
func (t term) rest() (collection, sitePath, postParam string) {
	if t.taxonomy == "category" {
		return "categories", "/section/", "categories"
	}
	return "tags", "/tag/", "tags"
}

// object is the term as WordPress returns it, with count published
// articles; embed keeps only the fields of WordPress's embed context.
func (h *handler) termObject(t term, count int, embed bool) map[string]any {
	collection, sitePath, param := t.rest()
	id := itoa(t.id)
	o := map[string]any{
		"id":       t.id,
		"link":     h.BaseURL + sitePath + t.slug + "/",
		"name":     html.EscapeString(t.name),
		"slug":     t.slug,
		"taxonomy": t.taxonomy,
		"_links": map[string]any{
			"self":         []any{link(h.api(collection + "/" + id))},
			"collection":   []any{link(h.api(collection))},
			"wp:post_type": []any{link(h.api("posts?" + param + "=" + id))},
			"curies":       curies(),
		},
	}
	if embed {
		return o
	}
	o["count"] = count
	o["description"] = t.description
	o["meta"] = map[string]any{}
	if t.taxonomy == "category" {
		o["parent"] = 0 // sections are flat
	}
	return o
}

// termCount is how many articles readers may see in the term.
func (h *handler) termCount(ctx context.Context, rq *request, t term) (int, error) {
	f := warta.ArticleFilter{Status: warta.StatusPublished, PublishedBefore: rq.now, Limit: 1}
	if t.taxonomy == "category" {
		f.SectionID = t.id
	} else {
		f.TagID = t.id
	}
	_, n, err := h.Store.Articles(ctx, f)
	return n, err
}

// terms returns every section or every tag.
func (h *handler) terms(ctx context.Context, taxonomy string) ([]term, error) {
	var out []term
	if taxonomy == "category" {
		list, err := h.Store.Sections(ctx)
		for _, s := range list {
			out = append(out, sectionTerm(s))
		}
		return out, err
	}
	list, err := h.Store.Tags(ctx)
	for _, t := range list {
		out = append(out, tagTerm(t))
	}
	return out, err
}

// listCategories answers the category collection with our sections, in
// navigation order.
//
// GET /wp-json/wp/v2/categories  (page, per_page, post, slug, include, hide_empty)
func (h *handler) listCategories(w http.ResponseWriter, r *http.Request) {
	h.listTerms(w, r, "category", "/wp-json/wp/v2/categories")
}

// listTags answers the tag collection with our tags, by name.
//
// GET /wp-json/wp/v2/tags  (page, per_page, post, slug, include, hide_empty)
func (h *handler) listTags(w http.ResponseWriter, r *http.Request) {
	h.listTerms(w, r, "post_tag", "/wp-json/wp/v2/tags")
}

func (h *handler) listTerms(w http.ResponseWriter, r *http.Request, taxonomy, path string) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	q := newQuery(r)
	page, perPage, err := q.page()
	var include, post []int64
	if err == nil {
		include, err = q.ids("include")
	}
	if err == nil {
		post, err = q.ids("post")
	}
	var pe *paramError
	if errors.As(err, &pe) {
		h.invalidParam(w, r, pe.param)
		return
	}
	hideEmpty := q.get("hide_empty") == "true" || q.get("hide_empty") == "1"

	all, err := h.terms(ctx, taxonomy)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if len(post) > 0 {
		// The terms of these posts: an unpublished post has none.
		keep := map[int64]bool{}
		for _, id := range post {
			a, err := h.visibleArticle(r, rq, strconv.FormatInt(id, 10))
			if warta.IsNotFound(err) {
				continue
			} else if err != nil {
				h.serverError(w, r, err)
				return
			}
			if taxonomy == "category" {
				keep[a.Section.ID] = true
			}
			for _, t := range a.Tags {
				if taxonomy == "post_tag" {
					keep[t.ID] = true
				}
			}
		}
		all = slices.DeleteFunc(all, func(t term) bool { return !keep[t.id] })
	}
	if slugs := q.list("slug"); len(slugs) > 0 {
		all = slices.DeleteFunc(all, func(t term) bool { return !slices.Contains(slugs, t.slug) })
	}
	if len(include) > 0 {
		all = slices.DeleteFunc(all, func(t term) bool { return !slices.Contains(include, t.id) })
	}
	// Every term's count in two queries, not one per term.
	sectionCounts, tagCounts, err := h.Store.TermCounts(ctx, rq.now)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	counts := tagCounts
	if taxonomy == "category" {
		counts = sectionCounts
	}
	if hideEmpty {
		all = slices.DeleteFunc(all, func(t term) bool { return counts[t.id] == 0 })
	}
	out := []any{}
	for _, t := range pageOf(all, page, perPage) {
		n := counts[t.id]
		out = append(out, h.termObject(t, n, false))
	}
	h.paginate(w, r, path, page, perPage, len(all))
	writeJSON(w, r, http.StatusOK, out)
}

// showCategory answers one section.
//
// GET /wp-json/wp/v2/categories/{id}
func (h *handler) showCategory(w http.ResponseWriter, r *http.Request) {
	h.showTerm(w, r, "category")
}

// showTag answers one tag.
//
// GET /wp-json/wp/v2/tags/{id}
func (h *handler) showTag(w http.ResponseWriter, r *http.Request) {
	h.showTerm(w, r, "post_tag")
}

func (h *handler) showTerm(w http.ResponseWriter, r *http.Request, taxonomy string) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	all, err := h.terms(ctx, taxonomy)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	i := slices.IndexFunc(all, func(t term) bool { return t.id == id })
	if i < 0 {
		h.fail(w, r, http.StatusNotFound, "rest_term_invalid", "wpjson.error.term_invalid")
		return
	}
	n, err := h.termCount(ctx, rq, all[i])
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, h.termObject(all[i], n, false))
}
