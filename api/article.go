package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/newsroom"
	"warta/search"
)

// listArticles lists articles, newest first, or best first for a search.
// Anyone sees published articles; status=draft|pending|scheduled|
// unpublished needs a token whose user may edit others' articles.
//
// GET /api/v1/articles?section=SLUG&tag=SLUG&author=SLUG&status=S&q=TEXT&limit=N&cursor=C
func (h *handler) listArticles(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	for name := range q {
		switch name {
		case "section", "tag", "author", "status", "q", "limit", "cursor":
		default:
			h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.parameter", nil, name)
			return
		}
	}
	c, limit, ok := h.paging(w, r)
	if !ok {
		return
	}
	f := warta.ArticleFilter{Status: warta.StatusPublished, PublishedBefore: c.asof(), Offset: c.Offset, Limit: limit}
	if s := q.Get("status"); s != "" && s != string(warta.StatusPublished) {
		st := warta.ArticleStatus(s)
		if !st.Valid() {
			h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.status", nil)
			return
		}
		u := from(r).user
		if u == nil {
			h.fail(w, r, http.StatusUnauthorized, codeUnauthorized, nil)
			return
		}
		if !u.Can(warta.CapEditOthers) {
			h.fail(w, r, http.StatusForbidden, codeForbidden, nil)
			return
		}
		f.Status, f.PublishedBefore = st, time.Time{}
	}

	if text := strings.TrimSpace(q.Get("q")); text != "" {
		if len(q) > 1+len(q["limit"])+len(q["cursor"]) {
			h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.search_alone", nil)
			return
		}
		lang := from(r).cat.Lang()
		parsed := search.ParseQuery(lang, text)
		var found []*warta.Article
		total := 0
		if !parsed.Empty() {
			sq := warta.SearchQuery{Lang: lang}
			for _, t := range parsed.Terms {
				sq.Terms = append(sq.Terms, warta.SearchTerm{Words: t.Words, Prefix: t.Prefix, Exclude: t.Exclude})
			}
			var err error
			if found, total, err = h.Store.Search(ctx, sq, c.asof(), c.Offset, limit); err != nil {
				h.error(w, r, err)
				return
			}
		}
		h.writeArticles(w, r, found, total, c, limit)
		return
	}

	// Filters name sections, tags and authors by slug, as their pages'
	// addresses do; one that does not exist matches nothing.
	none := false
	if s := q.Get("section"); s != "" {
		sec, err := h.Store.SectionBySlug(ctx, s)
		if err != nil && !warta.IsNotFound(err) {
			h.error(w, r, err)
			return
		}
		if sec == nil {
			none = true
		} else {
			f.SectionID = sec.ID
		}
	}
	if s := q.Get("tag"); s != "" {
		t, err := h.Store.TagBySlug(ctx, s)
		if err != nil && !warta.IsNotFound(err) {
			h.error(w, r, err)
			return
		}
		if t == nil {
			none = true
		} else {
			f.TagID = t.ID
		}
	}
	if s := q.Get("author"); s != "" {
		a, err := h.Store.AuthorBySlug(ctx, s)
		if err != nil && !warta.IsNotFound(err) {
			h.error(w, r, err)
			return
		}
		if a == nil {
			none = true
		} else {
			f.AuthorID = a.ID
		}
	}
	if none {
		h.writeArticles(w, r, nil, 0, c, limit)
		return
	}
	list, total, err := h.Store.Articles(ctx, f)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.writeArticles(w, r, list, total, c, limit)
}

func (h *handler) writeArticles(w http.ResponseWriter, r *http.Request, list []*warta.Article, total int, c cursor, limit int) {
	items := make([]articleJSON, 0, len(list))
	for _, a := range list {
		items = append(items, h.articleJSON(r, a))
	}
	writeList(h, w, r, items, total, c, limit)
}

// showArticle answers one article by ID: a published one to anyone, any
// other to staff who may edit it. Others get 404 (410 once withdrawn), so
// the API never tells the public that a draft exists.
//
// GET /api/v1/articles/{id}
func (h *handler) showArticle(w http.ResponseWriter, r *http.Request) {
	a, ok := h.readableArticle(w, r)
	if !ok {
		return
	}
	h.writeJSON(w, r, http.StatusOK, h.articleJSON(r, a))
}

// showArticleBySlug answers the article whose current or former slug is
// the one given; clients compare the slug in the answer to follow renames.
//
// GET /api/v1/article-slugs/{slug}
func (h *handler) showArticleBySlug(w http.ResponseWriter, r *http.Request) {
	a, err := h.Store.ArticleBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		h.error(w, r, err)
		return
	}
	if !h.mayRead(w, r, a) {
		return
	}
	h.writeJSON(w, r, http.StatusOK, h.articleJSON(r, a))
}

// readableArticle loads the article in the path and checks that the
// asker may read it; otherwise it answers.
func (h *handler) readableArticle(w http.ResponseWriter, r *http.Request) (*warta.Article, bool) {
	id, ok := h.pathID(w, r)
	if !ok {
		return nil, false
	}
	a, err := h.Store.ArticleByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return nil, false
	}
	return a, h.mayRead(w, r, a)
}

// mayRead reports whether the asker may read a, and answers when not.
func (h *handler) mayRead(w http.ResponseWriter, r *http.Request, a *warta.Article) bool {
	if a.Visible(h.Now()) || from(r).user.CanEdit(a) {
		return true
	}
	if a.Status == warta.StatusUnpublished {
		h.fail(w, r, http.StatusGone, codeGone, nil)
	} else {
		h.fail(w, r, http.StatusNotFound, codeNotFound, nil)
	}
	return false
}

// pathID reads the {id} in the path; a malformed one is a 404, as no
// such thing exists.
func (h *handler) pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.fail(w, r, http.StatusNotFound, codeNotFound, nil)
		return 0, false
	}
	return id, true
}

// articleWrite is the body of a create or an update. On an update every
// field is optional, and those left out keep their stored values; a
// create needs headline, section_id and body_markdown at least (the
// newsroom's own rules say what else).
type articleWrite struct {
	Revision     *int       `json:"revision"`
	Headline     *string    `json:"headline"`
	Dek          *string    `json:"dek"`
	BodyMarkdown *string    `json:"body_markdown"`
	Slug         *string    `json:"slug"`
	SectionID    *int64     `json:"section_id"`
	Tags         *[]string  `json:"tags"`
	AuthorIDs    *[]int64   `json:"author_ids"`
	CommentsOpen *bool      `json:"comments_open"`
	LeadImage    *leadWrite `json:"lead_image"`
	Substantive  *bool      `json:"substantive"`
}

type leadWrite struct {
	MediaID int64  `json:"media_id"`
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
}

// input turns a write onto what is stored (nil for a new article) into
// the newsroom's input.
func input(stored *warta.Article, body articleWrite, action newsroom.Action) newsroom.Input {
	in := newsroom.Input{Action: action, CommentsOpen: true}
	if stored != nil {
		in = newsroom.Input{
			Revision: stored.Revision, Headline: stored.Headline, Dek: stored.Dek, Body: stored.BodyMarkdown,
			Slug: stored.Slug, SectionID: stored.Section.ID, CommentsOpen: stored.CommentsOpen,
			LeadMediaID: stored.LeadImage.MediaID, LeadAlt: stored.LeadImage.Alt,
			LeadCaption: stored.LeadImage.Caption, LeadCredit: stored.LeadImage.Credit,
			PublishedAt: stored.PublishedAt, Action: action,
		}
		for _, t := range stored.Tags {
			in.Tags = append(in.Tags, t.Name)
		}
		for _, a := range stored.Authors {
			in.AuthorIDs = append(in.AuthorIDs, a.ID)
		}
	}
	if body.Revision != nil {
		in.Revision = *body.Revision
	}
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&in.Headline, body.Headline)
	set(&in.Dek, body.Dek)
	set(&in.Body, body.BodyMarkdown)
	set(&in.Slug, body.Slug)
	if body.SectionID != nil {
		in.SectionID = *body.SectionID
	}
	if body.Tags != nil {
		in.Tags = *body.Tags
	}
	if body.AuthorIDs != nil {
		in.AuthorIDs = *body.AuthorIDs
	}
	if body.CommentsOpen != nil {
		in.CommentsOpen = *body.CommentsOpen
	}
	if body.LeadImage != nil {
		l := body.LeadImage
		in.LeadMediaID, in.LeadAlt, in.LeadCaption, in.LeadCredit = l.MediaID, l.Alt, l.Caption, l.Credit
	}
	if body.Substantive != nil {
		in.Substantive = *body.Substantive
	}
	return in
}

// createArticle creates a draft.
//
// POST /api/v1/articles
func (h *handler) createArticle(w http.ResponseWriter, r *http.Request) {
	var body articleWrite
	if !h.decode(w, r, &body) {
		return
	}
	if body.Revision != nil {
		h.fail(w, r, http.StatusUnprocessableEntity, codeUnknownField, map[string]string{"revision": "api.error.unknown_field.field"})
		return
	}
	a, err := h.saver().Save(r.Context(), from(r).user, nil, input(nil, body, newsroom.Save))
	if err != nil {
		h.error(w, r, err)
		return
	}
	w.Header().Set("Location", h.BaseURL+Prefix+"articles/"+strconv.FormatInt(a.ID, 10))
	h.writeJSON(w, r, http.StatusCreated, h.articleJSON(r, h.reload(r, a)))
}

// updateArticle changes the fields given and keeps the rest. It needs the
// revision the client last read: a save based on an older one is refused
// (409 revision_conflict), as in the newsroom, so nobody's words are lost.
//
// PATCH /api/v1/articles/{id}
func (h *handler) updateArticle(w http.ResponseWriter, r *http.Request) {
	stored, ok := h.editableArticle(w, r)
	if !ok {
		return
	}
	var body articleWrite
	if !h.decode(w, r, &body) {
		return
	}
	if body.Revision == nil {
		h.fail(w, r, http.StatusUnprocessableEntity, codeInvalid, map[string]string{"revision": "error.required"})
		return
	}
	h.save(w, r, stored, input(stored, body, newsroom.Save))
}

// workflowBody is the optional body of a workflow step.
type workflowBody struct {
	// PublishedAt backdates a publication, or is when a scheduled article
	// goes out.
	PublishedAt *string `json:"published_at"` // RFC 3339

}

// workflow takes an article one step on: submit for review, publish,
// schedule or unpublish, as the last segment of the path says.
//
// POST /api/v1/articles/{id}/submit|publish|schedule|unpublish  ({"published_at": …})
func (h *handler) workflow(w http.ResponseWriter, r *http.Request) {
	stored, ok := h.editableArticle(w, r)
	if !ok {
		return
	}
	action := newsroom.Action(r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:])
	var body workflowBody
	if r.ContentLength != 0 && !h.decode(w, r, &body) {
		return
	}
	in := input(stored, articleWrite{}, action)
	switch action {
	case newsroom.Publish, newsroom.Schedule:
		in.PublishedAt = time.Time{}
		if body.PublishedAt != nil {
			t, err := time.Parse(time.RFC3339, *body.PublishedAt)
			if err != nil {
				h.fail(w, r, http.StatusUnprocessableEntity, codeInvalid, map[string]string{"published_at": "api.error.date_time"})
				return
			}
			in.PublishedAt = t
		}
	default:
		if body.PublishedAt != nil {
			h.fail(w, r, http.StatusUnprocessableEntity, codeUnknownField, map[string]string{"published_at": "api.error.unknown_field.field"})
			return
		}
	}
	h.save(w, r, stored, in)
}

// save saves stored with in and answers the article as saved.
func (h *handler) save(w http.ResponseWriter, r *http.Request, stored *warta.Article, in newsroom.Input) {
	a, err := h.saver().Save(r.Context(), from(r).user, stored, in)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, h.articleJSON(r, h.reload(r, a)))
}

// reload reads a back from the store, which fills what a save leaves out
// (section and author names, the comment count); a on failure.
func (h *handler) reload(r *http.Request, a *warta.Article) *warta.Article {
	if fresh, err := h.Store.ArticleByID(r.Context(), a.ID); err == nil {
		return fresh
	}
	return a
}

// editableArticle loads the article in the path for a change: 404 when
// the user may not even read it, 403 when they may read but not edit.
func (h *handler) editableArticle(w http.ResponseWriter, r *http.Request) (*warta.Article, bool) {
	a, ok := h.readableArticle(w, r)
	if !ok {
		return nil, false
	}
	if !from(r).user.CanEdit(a) {
		h.fail(w, r, http.StatusForbidden, codeForbidden, nil)
		return nil, false
	}
	return a, true
}

// saver saves articles the way the newsroom does.
func (h *handler) saver() *newsroom.Saver {
	return &newsroom.Saver{Store: h.Store, Render: h.Render, Now: h.Now, Location: h.Location, Logger: h.Logger}
}
