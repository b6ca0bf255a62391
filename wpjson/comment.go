package wpjson

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/clientip"
	"warta/comments"
)

// listComments answers the comment collection: approved comments on
// articles readers may see, newest first by default. No email, IP or
// browser is ever in a comment object.
//
// GET /wp-json/wp/v2/comments  (post, parent, page, per_page, order)
func (h *handler) listComments(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	q := newQuery(r)
	page, perPage, err := q.page()
	var posts, parents []int64
	var order string
	if err == nil {
		posts, err = q.ids("post")
	}
	if err == nil {
		parents, err = q.idsWithZero("parent")
	}
	if err == nil {
		order, err = q.oneOf("order", "desc", "asc", "desc")
	}
	if err == nil {
		_, err = q.oneOf("orderby", "date_gmt", "date", "date_gmt")
	}
	var pe *paramError
	if errors.As(err, &pe) {
		h.invalidParam(w, r, pe.param)
		return
	}
	list, total, err := h.Store.Comments(ctx, warta.CommentFilter{
		Status:     warta.CommentApproved,
		VisibleAt:  rq.now,
		ArticleIDs: posts,
		Parents:    parents,
		Oldest:     order == "asc",
		Offset:     (page - 1) * perPage,
		Limit:      perPage,
	})
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	out, err := h.commentObjects(r, rq, list, false)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	h.paginate(w, r, "/wp-json/wp/v2/comments", page, perPage, total)
	writeJSON(w, r, http.StatusOK, out)
}

// showComment answers one approved comment on a visible article.
//
// GET /wp-json/wp/v2/comments/{id}
func (h *handler) showComment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	c, err := h.Store.CommentByID(ctx, id)
	var a *warta.Article
	if err == nil {
		a, err = h.Store.ArticleByID(ctx, c.ArticleID)
	}
	if warta.IsNotFound(err) || (err == nil && (c.Status != warta.CommentApproved || !a.Visible(rq.now))) {
		h.fail(w, r, http.StatusNotFound, "rest_comment_invalid_id", "wpjson.error.comment_invalid_id")
		return
	} else if err != nil {
		h.serverError(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, h.comment(rq, c, a, false))
}

// commentObjects converts a page of comments, reading their articles in
// one query for the links.
func (h *handler) commentObjects(r *http.Request, rq *request, list []*warta.Comment, embed bool) ([]any, error) {
	out := []any{}
	if len(list) == 0 {
		return out, nil
	}
	var ids []int64
	for _, c := range list {
		ids = append(ids, c.ArticleID)
	}
	articles, _, err := h.Store.Articles(r.Context(), warta.ArticleFilter{IDs: ids, Limit: warta.MaxPageSize})
	if err != nil {
		return nil, err
	}
	byID := map[int64]*warta.Article{}
	for _, a := range articles {
		byID[a.ID] = a
	}
	for _, c := range list {
		if a, ok := byID[c.ArticleID]; ok {
			out = append(out, h.comment(rq, c, a, embed))
		}
	}
	return out, nil
}

// comment is a reader's comment as WordPress's comment object in the
// view context (embed keeps the embed context's fields). The avatar is
// our own identicon, keyed so that it reveals nothing of the email.
func (h *handler) comment(rq *request, c *warta.Comment, a *warta.Article, embed bool) map[string]any {
	id := itoa(c.ID)
	links := map[string]any{
		"self":       []any{link(h.api("comments/" + id))},
		"collection": []any{link(h.api("comments"))},
		"up":         []any{map[string]any{"embeddable": true, "post_type": "post", "href": h.api("posts/" + itoa(a.ID))}},
	}
	if c.ParentID != 0 {
		links["in-reply-to"] = []any{embeddable(h.api("comments/" + itoa(c.ParentID)))}
	}
	status := "approved"
	if c.Status != warta.CommentApproved {
		// Held, or quietly binned: a sender is told only that it waits.
		status = "hold"
	}
	o := map[string]any{
		"id":                 c.ID,
		"parent":             c.ParentID,
		"author":             0, // readers are not users
		"author_name":        c.AuthorName,
		"author_url":         c.AuthorURL,
		"date":               wpDate(c.CreatedAt, rq.loc),
		"content":            rendered(c.ContentHTML),
		"link":               h.BaseURL + a.Permalink(rq.loc) + "#comment-" + id,
		"type":               "comment",
		"author_avatar_urls": h.avatarURLs(strings.ToLower(strings.TrimSpace(c.AuthorEmail))),
		"_links":             links,
	}
	if embed {
		return o
	}
	o["post"] = c.ArticleID
	o["date_gmt"] = wpDate(c.CreatedAt, time.UTC)
	o["status"] = status
	o["meta"] = map[string]any{}
	return o
}

// Defences of comments sent through this API. The comment form proves a
// person loaded the page (a signed token at least three seconds old) and
// catches robots with a honeypot; a WordPress client has neither, so
// nothing here is weaker in their place:
//
//   - Off by default. WordPress refuses anonymous REST comments unless a
//     site allows them; so do we (401 rest_comment_login_required) until
//     staff turn on the wp_rest_comments setting.
//   - Every comment is held for a moderator (the comment_manual_approval
//     rule, forced), so nothing a robot sends reaches readers unseen;
//     disallowed words still send it to the trash.
//   - comments.Submit's rules all apply: comments open, valid fields, a
//     real parent, no duplicate, one comment per 15 s per IP address and
//     per email.
//   - On top, one comment through this API per IP address per
//     restInterval, so robots cannot fill the moderation queue.
//   - No cross-site browser posts (as for the form): CORS offers GET only,
//     and a browser's cross-origin POST is refused, so a page elsewhere
//     cannot make its visitors post from their addresses.
const restInterval = time.Minute

// maxCommentBody bounds a comment post, as for the form.
const maxCommentBody = 128 << 10

// commentInput is what a client sends, as JSON or as a form.
type commentInput struct {
	Post, Parent                       int64
	AuthorName, AuthorEmail, AuthorURL string
	Content                            string
	badParam                           string // the first parameter of the wrong type
	hasPost                            bool
}

// createComment takes a reader's comment.
//
// POST /wp-json/wp/v2/comments  (post, parent, author_name, author_email,
// author_url, content; form-encoded or JSON)
func (h *handler) createComment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rq, err := h.begin(ctx)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if !rq.settings.WPRestComments {
		h.fail(w, r, http.StatusUnauthorized, "rest_comment_login_required", "wpjson.error.login_required")
		return
	}
	in, ok := h.readComment(w, r)
	if !ok {
		return
	}
	if in.badParam != "" {
		h.invalidParam(w, r, in.badParam)
		return
	}
	if !in.hasPost || in.Post <= 0 {
		h.fail(w, r, http.StatusForbidden, "rest_comment_invalid_post_id", "wpjson.error.comment_post_required")
		return
	}
	a, err := h.Store.ArticleByID(ctx, in.Post)
	if warta.IsNotFound(err) || (err == nil && !a.Visible(rq.now)) {
		h.fail(w, r, http.StatusForbidden, "rest_comment_invalid_post_id", "wpjson.error.comment_post_required")
		return
	} else if err != nil {
		h.serverError(w, r, err)
		return
	}
	c := &warta.Comment{
		ParentID:    max(in.Parent, 0),
		Content:     in.Content,
		AuthorName:  in.AuthorName,
		AuthorEmail: in.AuthorEmail,
		AuthorURL:   in.AuthorURL,
		AuthorIP:    clientip.From(r, h.TrustedProxies),
		UserAgent:   truncate(r.UserAgent(), 255),
		Status:      warta.CommentPending,
	}
	// Closed comments and bad fields are told before the API's own rate
	// limit counts the attempt, so a client can fix a typo and resend.
	if !a.CommentsAllowed(rq.now, rq.settings.CommentsCloseAfterDays) {
		h.refuse(w, r, &comments.Refusal{Status: http.StatusForbidden, Key: "comment.error.closed"})
		return
	}
	check := *c
	var verr *warta.Error
	if err := check.Validate(); errors.As(err, &verr) {
		h.refuse(w, r, &comments.Refusal{Status: http.StatusUnprocessableEntity, Key: "comment.error.summary", Fields: verr.Fields})
		return
	}
	if c.ParentID != 0 {
		// comments.Submit checks the parent again; this tells the client
		// before the rate limit counts.
		p, err := h.Store.CommentByID(ctx, c.ParentID)
		if warta.IsNotFound(err) || (err == nil && (p.ArticleID != a.ID || p.Status != warta.CommentApproved)) {
			h.invalidParam(w, r, "parent")
			return
		} else if err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	allowed, err := h.Store.Allow(ctx, "wpjson-comment-ip:"+c.AuthorIP, restInterval)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if !allowed {
		h.refuse(w, r, &comments.Refusal{Status: http.StatusTooManyRequests, Key: "comment.error.flood", RetryAfter: restInterval})
		return
	}

	held := *rq.settings
	held.CommentManualApproval = true
	saved, _, err := comments.Submit(ctx, h.Store, comments.Submission{
		Article:  a,
		Settings: &held,
		Secret:   h.Secret,
		Now:      rq.now,
		Nonce:    newNonce(),
		Comment:  c,
	})
	var no *comments.Refusal
	if errors.As(err, &no) {
		h.refuse(w, r, no)
		return
	} else if err != nil {
		h.serverError(w, r, err)
		return
	}
	rule, _, _ := strings.Cut(saved.Reason, ":") // the rule's name only: a key may be an email
	h.Logger.InfoContext(ctx, "comment", "id", saved.ID, "article", a.ID, "status", saved.Status, "rule", rule, "via", "wpjson")
	w.Header().Set("Location", h.api("comments/"+itoa(saved.ID)))
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, r, http.StatusCreated, h.comment(rq, saved, a, false))
}

// refuse answers a refusal with WordPress's code for it.
func (h *handler) refuse(w http.ResponseWriter, r *http.Request, no *comments.Refusal) {
	if no.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(no.RetryAfter/time.Second)))
	}
	switch no.Key {
	case "comment.error.closed":
		h.fail(w, r, http.StatusForbidden, "rest_comment_closed", "wpjson.error.comment_closed")
		return
	case "comment.error.duplicate", "comment.error.resubmitted":
		h.fail(w, r, http.StatusConflict, "comment_duplicate", "wpjson.error.comment_duplicate")
		return
	case "comment.error.flood":
		h.fail(w, r, http.StatusTooManyRequests, "comment_flood", "wpjson.error.comment_flood")
		return
	}
	f := no.Fields
	switch {
	case f["content"] == "error.parent_invalid":
		h.invalidParam(w, r, "parent")
	case f["content"] == "error.too_long":
		h.fail(w, r, http.StatusBadRequest, "comment_content_column_length", "wpjson.error.too_long", "content")
	case f["content"] != "":
		h.fail(w, r, http.StatusBadRequest, "rest_comment_content_invalid", "wpjson.error.content_invalid")
	case f["author"] == "error.required" || f["email"] == "error.required":
		h.fail(w, r, http.StatusBadRequest, "rest_comment_author_data_required", "wpjson.error.author_data_required")
	case f["author"] == "error.too_long":
		h.fail(w, r, http.StatusBadRequest, "comment_author_column_length", "wpjson.error.too_long", "author_name")
	case f["email"] == "error.too_long":
		h.fail(w, r, http.StatusBadRequest, "comment_author_email_column_length", "wpjson.error.too_long", "author_email")
	case f["url"] == "error.too_long":
		h.fail(w, r, http.StatusBadRequest, "comment_author_url_column_length", "wpjson.error.too_long", "author_url")
	case f["author"] != "":
		h.invalidParam(w, r, "author_name")
	case f["email"] != "":
		h.invalidParam(w, r, "author_email")
	case f["url"] != "":
		h.invalidParam(w, r, "author_url")
	default:
		h.fail(w, r, http.StatusBadRequest, "rest_comment_failed_create", "wpjson.error.comment_failed")
	}
}

// readComment reads a comment sent as JSON or as a form, of bounded
// size. It answers bad bodies itself.
func (h *handler) readComment(w http.ResponseWriter, r *http.Request) (commentInput, bool) {
	var in commentInput
	r.Body = http.MaxBytesReader(w, r.Body, maxCommentBody)
	tooBig := func(err error) bool {
		var e *http.MaxBytesError
		if errors.As(err, &e) {
			h.fail(w, r, http.StatusRequestEntityTooLarge, "rest_request_too_large", "wpjson.error.too_large")
			return true
		}
		return false
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	values := map[string]any{}
	switch ct {
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if tooBig(err) {
			return in, false
		}
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.UseNumber()
		if err != nil || dec.Decode(&values) != nil || dec.More() {
			h.fail(w, r, http.StatusBadRequest, "rest_invalid_json", "wpjson.error.invalid_json")
			return in, false
		}
	case "application/x-www-form-urlencoded", "multipart/form-data":
		if err := r.ParseMultipartForm(maxCommentBody); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			if !tooBig(err) {
				h.fail(w, r, http.StatusBadRequest, "rest_invalid_param", "wpjson.error.invalid_body")
			}
			return in, false
		}
		for k, v := range r.PostForm {
			values[k] = v[len(v)-1]
		}
		if c, ok := values["content[raw]"]; ok {
			values["content"] = c
		}
	default:
		h.fail(w, r, http.StatusUnsupportedMediaType, "rest_invalid_content_type", "wpjson.error.content_type")
		return in, false
	}

	// WordPress coerces "12" to 12 and accepts content as {"raw": …}.
	num := func(name string) int64 {
		v, ok := values[name]
		if !ok || in.badParam != "" {
			return 0
		}
		var s string
		switch x := v.(type) {
		case json.Number:
			s = x.String()
		case string:
			s = strings.TrimSpace(x)
		default:
			in.badParam = name
			return 0
		}
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			in.badParam = name
		}
		return n
	}
	text := func(name string) string {
		v, ok := values[name]
		if !ok || v == nil {
			return ""
		}
		if m, isObj := v.(map[string]any); isObj && name == "content" {
			v = m["raw"]
		}
		s, isStr := v.(string)
		if !isStr && in.badParam == "" {
			in.badParam = name
		}
		return s
	}
	_, in.hasPost = values["post"]
	in.Post = num("post")
	in.Parent = num("parent")
	in.AuthorName = text("author_name")
	in.AuthorEmail = text("author_email")
	in.AuthorURL = text("author_url")
	in.Content = text("content")
	return in, true
}

// newNonce makes each API submission its own: a client has no form
// nonce, and a resend of the same text is caught as a duplicate instead.
func newNonce() string {
	var b [16]byte
	rand.Read(b[:]) // never fails
	return "wpjson-" + base64.RawURLEncoding.EncodeToString(b[:])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
