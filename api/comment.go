package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/clientip"
	"warta/comments"
)

// listComments answers one page of an article's approved discussion:
// threads oldest first, each followed by its approved replies in reading
// order, with parent_id and depth to draw the nesting. limit counts
// threads, not comments.
//
// GET /api/v1/articles/{id}/comments?limit=N&cursor=C
func (h *handler) listComments(w http.ResponseWriter, r *http.Request) {
	a, ok := h.readableArticle(w, r)
	if !ok {
		return
	}
	c, limit, ok := h.paging(w, r)
	if !ok {
		return
	}
	list, threads, err := h.Store.Thread(r.Context(), a.ID, c.Offset, limit)
	if err != nil {
		h.error(w, r, err)
		return
	}
	items := make([]commentJSON, 0, len(list))
	top := 0
	for _, cm := range list {
		items = append(items, h.commentJSON(cm))
		if cm.ParentID == 0 {
			top++
		}
	}
	out := listJSON[commentJSON]{Items: items, Total: threads}
	if c.Offset+top < threads && top > 0 {
		next := cursor{Offset: c.Offset + top, Asof: c.Asof}
		q := r.URL.Query()
		q.Set("cursor", next.encode())
		q.Set("limit", strconv.Itoa(limit))
		link := h.BaseURL + r.URL.Path + "?" + q.Encode()
		out.Next = &link
		w.Header().Set("Link", "<"+link+`>; rel="next"`)
	}
	h.writeJSON(w, r, http.StatusOK, out)
}

// commentTokenJSON is a comment token: the same signed token the article
// page's form carries, valid from NotBefore (a person needs a moment to
// write) until ExpiresAt. Its nonce makes one comment at most, so a
// client that resends after a timeout makes no double.
type commentTokenJSON struct {
	Token     string    `json:"token"`
	NotBefore time.Time `json:"not_before"`
	ExpiresAt time.Time `json:"expires_at"`
}

// commentToken issues a comment token for an article open to comments.
//
// GET /api/v1/articles/{id}/comment-token
func (h *handler) commentToken(w http.ResponseWriter, r *http.Request) {
	a, ok := h.readableArticle(w, r)
	if !ok {
		return
	}
	now := h.Now()
	if !a.Visible(now) {
		h.fail(w, r, http.StatusNotFound, codeNotFound, nil)
		return
	}
	if !a.CommentsAllowed(now, from(r).settings.CommentsCloseAfterDays) {
		h.refuse(w, r, &comments.Refusal{Status: http.StatusForbidden, Key: "comment.error.closed"})
		return
	}
	t := comments.NewFormToken(a.ID, now)
	// Each answer is a new token: never kept by any cache.
	w.Header().Set("Cache-Control", "no-store")
	h.writeJSONNoStore(w, r, http.StatusOK, commentTokenJSON{
		Token: t.Sign(h.Secret), NotBefore: t.Issued.Add(comments.MinFormAge), ExpiresAt: t.Issued.Add(comments.MaxFormAge),
	})
}

// commentWrite is the body of a new comment.
type commentWrite struct {
	Token       string `json:"token"`
	ParentID    int64  `json:"parent_id"`
	Content     string `json:"content"`
	AuthorName  string `json:"author_name"`
	AuthorEmail string `json:"author_email"`
	AuthorURL   string `json:"author_url"`
}

// postedJSON is the answer to a comment: the comment when it is shown at
// once (201), or only that it was received and waits (202) — which is
// also all that is said of a comment the rules put in the spam or trash,
// so that nobody can tune a text against them.
type postedJSON struct {
	Status  string       `json:"status"` // "approved" or "held"
	Comment *commentJSON `json:"comment,omitempty"`
}

// postComment takes a reader's comment under the comment form's rules:
// the token stands for the form's signed token (same signature, same
// minimum and maximum age, one comment per nonce), then comments.Submit
// applies every rule the form applies, in the same order. The form's
// honeypot has no counterpart: an API client is a program by design.
//
// POST /api/v1/articles/{id}/comments
func (h *handler) postComment(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	var body commentWrite
	if !h.decode(w, r, &body) {
		return
	}
	ctx := r.Context()
	a, err := h.Store.ArticleByID(ctx, id)
	if warta.IsNotFound(err) || (err == nil && !a.Visible(h.Now())) {
		h.fail(w, r, http.StatusNotFound, codeNotFound, nil)
		return
	} else if err != nil {
		h.error(w, r, err)
		return
	}
	st := from(r)
	// As on the form: a closed article says so before anything else.
	if !a.CommentsAllowed(h.Now(), st.settings.CommentsCloseAfterDays) {
		h.refuse(w, r, &comments.Refusal{Status: http.StatusForbidden, Key: "comment.error.closed"})
		return
	}
	token, err := comments.VerifyFormToken(h.Secret, body.Token, a.ID, h.Now())
	switch {
	case errors.Is(err, comments.ErrTokenTooFast):
		w.Header().Set("Retry-After", strconv.Itoa(int(comments.MinFormAge.Seconds())))
		h.refuse(w, r, &comments.Refusal{Status: http.StatusUnprocessableEntity, Key: "comment.error.too_fast"})
		return
	case errors.Is(err, comments.ErrTokenExpired):
		h.refuse(w, r, &comments.Refusal{Status: http.StatusBadRequest, Key: "comment.error.token_expired"})
		return
	case err != nil:
		h.refuse(w, r, &comments.Refusal{Status: http.StatusBadRequest, Key: "comment.error.token_invalid"})
		return
	}

	c, existing, err := comments.Submit(ctx, h.Store, comments.Submission{
		Article:  a,
		Settings: st.settings,
		Secret:   h.Secret,
		Now:      h.Now(),
		Nonce:    token.Nonce,
		Comment: &warta.Comment{
			ParentID:    max(body.ParentID, 0),
			Content:     body.Content,
			AuthorName:  body.AuthorName,
			AuthorEmail: body.AuthorEmail,
			AuthorURL:   body.AuthorURL,
			AuthorIP:    clientip.From(r, h.TrustedProxies),
			UserAgent:   truncate(r.UserAgent(), 255),
		},
	})
	var no *comments.Refusal
	if errors.As(err, &no) {
		h.refuse(w, r, no)
		return
	} else if err != nil {
		h.error(w, r, err)
		return
	}
	if !existing {
		rule, _, _ := strings.Cut(c.Reason, ":")
		h.Logger.InfoContext(ctx, "comment", "id", c.ID, "article", a.ID, "status", c.Status, "rule", rule, "via", "api")
	}
	if c.Status != warta.CommentApproved {
		h.writeJSONNoStore(w, r, http.StatusAccepted, postedJSON{Status: "held"})
		return
	}
	j := h.commentJSON(c)
	w.Header().Set("Location", h.BaseURL+a.Permalink(h.Location)+"#comment-"+strconv.FormatInt(c.ID, 10))
	h.writeJSONNoStore(w, r, http.StatusCreated, postedJSON{Status: "approved", Comment: &j})
}

// moderationQueue lists comments of one status for moderators, newest
// first. Even here the commenter's email, address and browser stay in
// the newsroom's own screens.
//
// GET /api/v1/comments?status=pending|approved|spam|trash&article=ID&limit=N&cursor=C
func (h *handler) moderationQueue(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	status := warta.CommentStatus(q.Get("status"))
	if status == "" {
		status = warta.CommentPending
	}
	if !status.Valid() {
		h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.status", nil)
		return
	}
	var articleID int64
	if s := q.Get("article"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			h.failKey(w, r, http.StatusBadRequest, codeBadParameter, "api.error.parameter", nil, "article")
			return
		}
		articleID = n
	}
	c, limit, ok := h.paging(w, r)
	if !ok {
		return
	}
	list, total, err := h.Store.Comments(r.Context(), warta.CommentFilter{Status: status, ArticleID: articleID, Offset: c.Offset, Limit: limit})
	if err != nil {
		h.error(w, r, err)
		return
	}
	items := make([]commentJSON, 0, len(list))
	for _, cm := range list {
		items = append(items, h.commentJSON(cm))
	}
	writeList(h, w, r, items, total, c, limit)
}

// moderation is the body of a moderation decision.
type moderation struct {
	Status string `json:"status"`
}

// moderateComment approves a comment, marks it as spam, trashes it or
// puts it back in the queue (pending), noting who did it, as the
// newsroom's moderation screen does.
//
// PATCH /api/v1/comments/{id}  ({"status": "approved"})
func (h *handler) moderateComment(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	var body moderation
	if !h.decode(w, r, &body) {
		return
	}
	status := warta.CommentStatus(body.Status)
	if !status.Valid() {
		h.fail(w, r, http.StatusUnprocessableEntity, codeInvalid, map[string]string{"status": "error.invalid"})
		return
	}
	c, err := h.Store.CommentByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	c.Status, c.Reason = status, "staff:"+strconv.FormatInt(from(r).user.ID, 10)
	if err := h.Store.UpdateComment(r.Context(), c); err != nil {
		h.error(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, h.commentJSON(c))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
