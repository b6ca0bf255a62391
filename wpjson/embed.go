package wpjson

import (
	"net/http"
	"strings"

	"warta"
)

// embedder adds _embedded to posts when the request has _embed, the way
// WordPress does: every embeddable link, or only the relations named
// (_embed=author,wp:term). Embedded objects are in the embed context.
type embedder struct {
	h    *handler
	r    *http.Request
	rq   *request
	on   bool
	rels map[string]bool // nil: all
}

func newEmbedder(h *handler, r *http.Request, rq *request) *embedder {
	e := &embedder{h: h, r: r, rq: rq}
	v, ok := r.URL.Query()["_embed"]
	if !ok {
		return e
	}
	e.on = true
	for _, s := range v {
		for _, rel := range strings.Split(s, ",") {
			if rel = strings.TrimSpace(rel); rel != "" && rel != "1" && rel != "true" {
				if e.rels == nil {
					e.rels = map[string]bool{}
				}
				e.rels[rel] = true
			}
		}
	}
	return e
}

func (e *embedder) wanted() bool { return e.on }

func (e *embedder) want(rel string) bool { return e.on && (e.rels == nil || e.rels[rel]) }

// post embeds the author, the featured image, the terms and the first
// page of comments of article a into its post object p.
func (e *embedder) post(p map[string]any, a *warta.Article) error {
	ctx := e.r.Context()
	emb := map[string]any{}
	if e.want("author") && len(a.Authors) > 0 {
		author, err := e.h.Store.AuthorByID(ctx, a.Authors[0].ID)
		if err != nil {
			return err
		}
		emb["author"] = []any{e.h.user(author, true)}
	}
	if e.want("wp:featuredmedia") && a.LeadImage.MediaID != 0 {
		list, _, err := e.h.Store.PublishedMedia(ctx, e.rq.now, []int64{a.LeadImage.MediaID}, 0, 1)
		if err != nil {
			return err
		}
		for _, m := range list {
			o, err := e.h.media(ctx, e.rq, m, true)
			if err != nil {
				return err
			}
			emb["wp:featuredmedia"] = []any{o}
		}
	}
	if e.want("wp:term") {
		cats := []any{e.h.termObject(sectionTerm(&a.Section), 0, true)}
		tags := []any{}
		for i := range a.Tags {
			tags = append(tags, e.h.termObject(tagTerm(&a.Tags[i]), 0, true))
		}
		emb["wp:term"] = []any{cats, tags}
	}
	if e.want("replies") {
		replies := []any{}
		if a.CommentCount > 0 {
			list, _, err := e.h.Store.Comments(ctx, warta.CommentFilter{
				Status: warta.CommentApproved, ArticleIDs: []int64{a.ID}, Limit: defaultPerPage,
			})
			if err != nil {
				return err
			}
			for _, c := range list {
				replies = append(replies, e.h.comment(e.rq, c, a, true))
			}
		}
		emb["replies"] = []any{replies}
	}
	p["_embedded"] = emb
	return nil
}
