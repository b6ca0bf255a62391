package wpjson

import (
	"context"
	"errors"
	"html"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/slug"
)

// listMedia answers the media collection with the library entries
// readers can already see: the lead images of published articles and the
// documents their bodies link to (see warta.MediaStore.PublishedMedia),
// newest first.
//
// GET /wp-json/wp/v2/media  (page, per_page, include)
func (h *handler) listMedia(w http.ResponseWriter, r *http.Request) {
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
	list, total, err := h.Store.PublishedMedia(ctx, rq.now, include, (page-1)*perPage, perPage)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	out := []any{}
	for _, m := range list {
		o, err := h.media(ctx, rq, m, false)
		if err != nil {
			h.serverError(w, r, err)
			return
		}
		out = append(out, o)
	}
	h.paginate(w, r, "/wp-json/wp/v2/media", page, perPage, total)
	writeJSON(w, r, http.StatusOK, out)
}

// showMedia answers one published media entry.
//
// GET /wp-json/wp/v2/media/{id}
func (h *handler) showMedia(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	m, err := h.publishedMedia(ctx, rq, r.PathValue("id"))
	if warta.IsNotFound(err) {
		h.fail(w, r, http.StatusNotFound, "rest_post_invalid_id", "wpjson.error.post_invalid_id")
		return
	} else if err != nil {
		h.serverError(w, r, err)
		return
	}
	o, err := h.media(ctx, rq, m, false)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, o)
}

// publishedMedia returns the entry with the ID in s when readers may see
// it; otherwise ENOTFOUND.
func (h *handler) publishedMedia(ctx context.Context, rq *request, s string) (*warta.Media, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return nil, warta.Errorf(warta.ENOTFOUND, "no media %q", s)
	}
	list, _, err := h.Store.PublishedMedia(ctx, rq.now, []int64{id}, 0, 1)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, warta.Errorf(warta.ENOTFOUND, "media %d is not published", id)
	}
	return list[0], nil
}

// media is a library entry as WordPress's attachment object. Its "post"
// and "author" come from the newest published article that leads with
// it (for a document: that links to it), the nearest thing we have to
// WordPress's parent post. A document is WordPress's "file": media_type
// "file" and media_details without sizes.
func (h *handler) media(ctx context.Context, rq *request, m *warta.Media, embed bool) (map[string]any, error) {
	filter := warta.ArticleFilter{LeadMediaID: m.ID, Status: warta.StatusPublished, PublishedBefore: rq.now, Limit: 1}
	if !m.IsImage() {
		filter.LeadMediaID, filter.DocumentID = 0, m.ID
	}
	parents, _, err := h.Store.Articles(ctx, filter)
	if err != nil {
		return nil, err
	}
	var post any // null when unattached, as in WordPress
	var author int64
	if len(parents) > 0 {
		post = parents[0].ID
		if len(parents[0].Authors) > 0 {
			author = parents[0].Authors[0].ID
		}
	}
	source := h.mediaURL(m.Path)
	name := strings.TrimSuffix(m.OriginalName, path.Ext(m.OriginalName))
	s := slug.Make(name)
	if s == "" {
		s = "media-" + itoa(m.ID)
	}
	id := itoa(m.ID)
	caption := paragraph(m.Caption)
	links := map[string]any{
		"self":       []any{link(h.api("media/" + id))},
		"collection": []any{link(h.api("media"))},
	}
	if author != 0 {
		links["author"] = []any{embeddable(h.api("users/" + itoa(author)))}
	}
	o := map[string]any{
		"id":            m.ID,
		"date":          wpDate(m.CreatedAt, rq.loc),
		"slug":          s,
		"type":          "attachment",
		"link":          source,
		"title":         rendered(html.EscapeString(name)),
		"author":        author,
		"caption":       rendered(caption),
		"alt_text":      m.Alt,
		"media_type":    mediaType(m),
		"mime_type":     m.MIME,
		"media_details": h.mediaDetails(m),
		"source_url":    source,
		"_links":        links,
	}
	if embed {
		return o, nil
	}
	o["date_gmt"] = wpDate(m.CreatedAt, time.UTC)
	o["guid"] = rendered(source)
	o["modified"] = wpDate(m.CreatedAt, rq.loc)
	o["modified_gmt"] = wpDate(m.CreatedAt, time.UTC)
	o["status"] = "inherit"
	o["comment_status"] = "closed"
	o["ping_status"] = "closed"
	o["template"] = ""
	o["meta"] = map[string]any{}
	o["description"] = rendered(paragraph(m.Credit))
	o["post"] = post
	return o, nil
}

func (h *handler) mediaURL(p string) string { return h.BaseURL + "/media/" + p }

// mediaType is WordPress's media_type: "image", or "file" for anything
// else (a PDF).
func mediaType(m *warta.Media) string {
	if m.IsImage() {
		return "image"
	}
	return "file"
}

// mediaDetails is WordPress's media_details: the original's size and
// every resized copy. Our copies are named by width ("w480"); the names
// WordPress clients look for point at the nearest copy: thumbnail the
// narrowest, medium the narrowest at least 300 wide, large the widest,
// full the original.
func (h *handler) mediaDetails(m *warta.Media) map[string]any {
	if !m.IsImage() {
		// WordPress keeps only the size of a file it made no pictures of.
		return map[string]any{"filesize": m.Size}
	}
	size := func(p string, w, hgt int) map[string]any {
		return map[string]any{"file": path.Base(p), "width": w, "height": hgt, "mime_type": m.MIME, "source_url": h.mediaURL(p)}
	}
	sizes := map[string]any{"full": size(m.Path, m.Width, m.Height)}
	if n := len(m.Variants); n > 0 {
		medium := m.Variants[n-1]
		for i := n - 1; i >= 0; i-- {
			if m.Variants[i].Width >= 300 {
				medium = m.Variants[i]
			}
		}
		for _, v := range m.Variants {
			sizes["w"+strconv.Itoa(v.Width)] = size(v.Path, v.Width, v.Height)
		}
		sizes["thumbnail"] = size(m.Variants[0].Path, m.Variants[0].Width, m.Variants[0].Height)
		sizes["medium"] = size(medium.Path, medium.Width, medium.Height)
		sizes["large"] = size(m.Variants[n-1].Path, m.Variants[n-1].Width, m.Variants[n-1].Height)
	}
	return map[string]any{
		"width":      m.Width,
		"height":     m.Height,
		"file":       m.Path,
		"filesize":   m.Size,
		"sizes":      sizes,
		"image_meta": map[string]any{},
	}
}
