package site

import (
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/clientip"
	"warta/comments"
)

// maxCommentBody bounds a comment post: the longest comment WordPress
// allows, its fields, and room for encoding.
const maxCommentBody = 128 << 10

// postComment takes a reader's comment. Every refusal shows the article
// again with what they typed and what to fix; success redirects (303) to
// the new comment.
//
// POST /comments  (article_id, parent_id, content, author, email, url, remember, token, hp_website, cpage)
func (h *handler) postComment(w http.ResponseWriter, r *http.Request) {
	if !h.readCommentForm(w, r) {
		return
	}
	ctx := r.Context()
	articleID, err := strconv.ParseInt(r.PostFormValue("article_id"), 10, 64)
	if err != nil || articleID <= 0 {
		h.errorStatus(w, r, http.StatusBadRequest)
		return
	}
	a, err := h.Store.ArticleByID(ctx, articleID)
	if warta.IsNotFound(err) || (err == nil && !a.Visible(h.Now())) {
		h.errorStatus(w, r, http.StatusNotFound)
		return
	} else if err != nil {
		h.error(w, r, err)
		return
	}
	settings, secret, err := h.commentConfig(ctx)
	if err != nil {
		h.error(w, r, err)
		return
	}
	cpage, _ := strconv.Atoi(r.PostFormValue("cpage"))
	cpage = max(1, min(cpage, maxPage))
	parentID, _ := strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	form := commentForm{
		ParentID: max(parentID, 0),
		Content:  r.PostFormValue("content"),
		Author:   r.PostFormValue("author"),
		Email:    r.PostFormValue("email"),
		URL:      r.PostFormValue("url"),
		Remember: r.PostFormValue("remember") != "",
	}
	refuse := func(status int, summary string, fields map[string]string) {
		form.Summary = summary
		h.fieldErrors(&form, fields)
		h.renderArticle(w, r, a, status, cpage, form, "")
	}

	// The form's own defences come first; comments.Submit applies the
	// rules every way in shares. A closed article says so before anything
	// else, as it would to an API client.
	if !a.CommentsAllowed(h.Now(), settings.CommentsCloseAfterDays) {
		refuse(http.StatusForbidden, "comment.error.closed", nil)
		return
	}
	if r.PostFormValue("hp_website") != "" {
		refuse(http.StatusUnprocessableEntity, "comment.error.honeypot", nil)
		return
	}
	token, err := comments.VerifyFormToken(secret, r.PostFormValue("token"), a.ID, h.Now())
	switch {
	case errors.Is(err, comments.ErrTokenTooFast):
		refuse(http.StatusUnprocessableEntity, "comment.error.too_fast", nil)
		return
	case errors.Is(err, comments.ErrTokenExpired):
		refuse(http.StatusBadRequest, "comment.error.token_expired", nil)
		return
	case err != nil:
		refuse(http.StatusBadRequest, "comment.error.token_invalid", nil)
		return
	}

	c, existing, err := comments.Submit(ctx, h.Store, comments.Submission{
		Article:  a,
		Settings: settings,
		Secret:   secret,
		Now:      h.Now(),
		Nonce:    token.Nonce,
		Comment: &warta.Comment{
			ParentID:    form.ParentID,
			Content:     form.Content,
			AuthorName:  form.Author,
			AuthorEmail: form.Email,
			AuthorURL:   form.URL,
			AuthorIP:    clientip.From(r, h.TrustedProxies),
			UserAgent:   truncate(r.UserAgent(), 255),
		},
		OwnsComment: func(id int64) bool { return h.owns(r, secret, id) },
	})
	var no *comments.Refusal
	if errors.As(err, &no) {
		if no.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(no.RetryAfter/time.Second)))
		}
		if no.Fields["content"] == "error.parent_invalid" {
			form.ParentID = 0
		}
		refuse(no.Status, no.Key, no.Fields)
		return
	} else if err != nil {
		h.error(w, r, err)
		return
	}
	if !existing {
		// The rule's name only: a disallowed key may itself be an email.
		rule, _, _ := strings.Cut(c.Reason, ":")
		h.Logger.InfoContext(ctx, "comment", "id", c.ID, "article", a.ID, "status", c.Status, "rule", rule)
	}
	h.commentPosted(w, r, a, c, secret, cpage, form)
}

// commentPosted remembers what the browser should remember and sends the
// reader to their comment: to the last page for a new thread, or back to
// the page they replied on.
func (h *handler) commentPosted(w http.ResponseWriter, r *http.Request, a *warta.Article, c *warta.Comment, secret []byte, cpage int, form commentForm) {
	if c.Status != warta.CommentTrash && c.Status != warta.CommentSpam {
		h.addOwnComment(w, r, secret, c.ID)
	}
	h.rememberCommenter(w, form.Remember, c.AuthorName, c.AuthorEmail, c.AuthorURL)
	if c.ParentID == 0 {
		cpage = h.lastCommentPage(r, a)
	}
	target := a.Permalink(h.Location) + pageSuffix(cpage) + "#comment-" + strconv.FormatInt(c.ID, 10)
	if c.Status == warta.CommentTrash || c.Status == warta.CommentSpam {
		// Say nothing that helps a spammer tune their text.
		target = a.Permalink(h.Location) + "#comments"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// lastCommentPage is the comment page where a new thread appears.
func (h *handler) lastCommentPage(r *http.Request, a *warta.Article) int {
	settings, _, err := h.commentConfig(r.Context())
	if err != nil {
		return 1
	}
	_, total, err := h.Store.Thread(r.Context(), a.ID, 0, 1)
	if err != nil || total == 0 {
		return 1
	}
	return (total + settings.CommentsPerPage - 1) / settings.CommentsPerPage
}

// readCommentForm accepts only an HTML form post of bounded size, and
// answers anything else itself.
func (h *handler) readCommentForm(w http.ResponseWriter, r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		h.errorStatus(w, r, http.StatusUnsupportedMediaType)
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCommentBody)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.errorStatus(w, r, http.StatusRequestEntityTooLarge)
		} else {
			h.errorStatus(w, r, http.StatusBadRequest)
		}
		return false
	}
	return true
}

// fieldErrors turns validation fields into the form's errors, in the
// order the fields appear on the page.
func (h *handler) fieldErrors(f *commentForm, fields map[string]string) {
	cat := h.Views.Catalog()
	for _, field := range []string{"content", "author", "email", "url"} {
		if key, ok := fields[field]; ok {
			f.Errors = append(f.Errors, fieldError{ID: fieldID(field), Label: cat.T("comment.field." + field), Key: key})
		}
	}
}

// editComment lets the browser that wrote a comment change its text for
// editWindow after posting.
//
// POST /comments/{id}/edit  (content)
func (h *handler) editComment(w http.ResponseWriter, r *http.Request) {
	c, a, ok := h.ownRecentComment(w, r)
	if !ok {
		return
	}
	content := r.PostFormValue("content")
	edited := *c
	edited.Content = content
	if err := edited.Validate(); err != nil {
		var e *warta.Error
		if !errors.As(err, &e) {
			h.error(w, r, err)
			return
		}
		// Show the edit form again with the text they typed.
		form := commentForm{EditID: c.ID, EditText: content, EditError: e.Fields["content"]}
		h.renderArticle(w, r, a, http.StatusUnprocessableEntity, 1, form, "")
		return
	}
	settings, _, err := h.commentConfig(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	// An edit is moderated again, so that a comment cannot be approved as
	// one thing and then turned into another.
	status, reason := comments.Moderate(&edited, settings, true)
	if status != warta.CommentApproved && edited.Status == warta.CommentApproved {
		edited.Status, edited.Reason = status, reason
	}
	edited.ContentHTML = comments.Format(edited.Content)
	if err := h.Store.UpdateComment(r.Context(), &edited); err != nil {
		h.error(w, r, err)
		return
	}
	http.Redirect(w, r, a.Permalink(h.Location)+"?comment=edited#comment-"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
}

// deleteComment lets the browser that wrote a comment take it back for
// editWindow after posting. The comment goes to the trash, so replies to
// it keep their place in the database.
//
// POST /comments/{id}/delete
func (h *handler) deleteComment(w http.ResponseWriter, r *http.Request) {
	c, a, ok := h.ownRecentComment(w, r)
	if !ok {
		return
	}
	c.Status, c.Reason = warta.CommentTrash, "deleted_by_author"
	if err := h.Store.UpdateComment(r.Context(), c); err != nil {
		h.error(w, r, err)
		return
	}
	http.Redirect(w, r, a.Permalink(h.Location)+"?comment=deleted#comments", http.StatusSeeOther)
}

// ownRecentComment loads the comment of an edit or delete and checks that
// this browser wrote it less than editWindow ago; otherwise it answers 403.
func (h *handler) ownRecentComment(w http.ResponseWriter, r *http.Request) (*warta.Comment, *warta.Article, bool) {
	if !h.readCommentForm(w, r) {
		return nil, nil, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.errorStatus(w, r, http.StatusNotFound)
		return nil, nil, false
	}
	c, err := h.Store.CommentByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return nil, nil, false
	}
	if !h.owns(r, h.Secret, c.ID) || h.Now().Sub(c.CreatedAt) >= editWindow || c.Status == warta.CommentTrash {
		h.errorPage(w, r, http.StatusForbidden, "comment.error.edit_expired")
		return nil, nil, false
	}
	a, err := h.Store.ArticleByID(r.Context(), c.ArticleID)
	if err != nil {
		h.error(w, r, err)
		return nil, nil, false
	}
	return c, a, true
}

// showAvatar serves the identicon for an avatar key.
//
// GET /avatar/{file}  (KEY.svg)
func (h *handler) showAvatar(w http.ResponseWriter, r *http.Request) {
	key, ok := strings.CutSuffix(r.PathValue("file"), ".svg")
	if !ok || len(key) != 32 || strings.Trim(key, "0123456789abcdef") != "" {
		h.errorStatus(w, r, http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=2592000, immutable")
	w.Header().Set("Content-Type", "image/svg+xml")
	respondBytes(w, r, "image/svg+xml", comments.Identicon(key))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
