package admin

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"warta"
	"warta/comments"
)

// commentPageSize is how many comments the moderation queue shows at once.
const commentPageSize = 30

// maxBulk bounds how many comments one bulk action may change.
const maxBulk = 200

// commentStatuses are the queue's tabs, in order.
var commentStatuses = []warta.CommentStatus{warta.CommentPending, warta.CommentApproved, warta.CommentSpam, warta.CommentTrash}

// bulkActions maps a bulk action to the status it gives; "restore" puts a
// comment back in the queue.
var bulkActions = map[string]warta.CommentStatus{
	"approve": warta.CommentApproved, "spam": warta.CommentSpam,
	"trash": warta.CommentTrash, "restore": warta.CommentPending,
}

// commentRow is one comment in the queue with the article it is under.
type commentRow struct {
	*warta.Comment
	Article *warta.Article // nil when the article is gone
}

// HTML is the comment's rendering, made safe by comments.Format on save.
func (c commentRow) HTML() template.HTML { return template.HTML(c.ContentHTML) }

// commentTab is one status tab of the queue.
type commentTab struct {
	Status  warta.CommentStatus
	Count   int
	URL     string
	Current bool
}

// commentListPage is the data of the moderation queue.
type commentListPage struct {
	page
	Status    warta.CommentStatus
	ArticleID int64
	Article   *warta.Article // the article filtered on, if any
	Tabs      []commentTab
	Comments  []commentRow
	Actions   []string // the bulk actions that make sense in this tab
	Back      string   // this page, for the bulk form to return to
	Total     int
	Pages     int
	PageNum   int
	PrevURL   string
	NextURL   string
}

// listComments shows the moderation queue of one status, newest first.
//
// GET /admin/comments?status=pending|approved|spam|trash&article=ID&page=N
func (h *handler) listComments(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	p := commentListPage{page: h.newPage(r, h.cat.T("admin.comments.title"), "comments"),
		Status: warta.CommentStatus(q.Get("status")), ArticleID: idParam(q.Get("article"))}
	if p.Status == "" {
		p.Status = warta.CommentPending
	}
	if !p.Status.Valid() {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	if p.ArticleID != 0 {
		a, err := h.Store.ArticleByID(ctx, p.ArticleID)
		if err != nil {
			h.error(w, r, err)
			return
		}
		p.Article = a
	}
	for _, s := range commentStatuses {
		_, n, err := h.Store.Comments(ctx, warta.CommentFilter{ArticleID: p.ArticleID, Status: s, Limit: 1})
		if err != nil {
			h.error(w, r, err)
			return
		}
		p.Tabs = append(p.Tabs, commentTab{Status: s, Count: n, URL: commentsURL(s, p.ArticleID, 1), Current: s == p.Status})
	}
	p.PageNum, _ = strconv.Atoi(q.Get("page"))
	p.PageNum = max(1, min(p.PageNum, 100000))
	list, total, err := h.Store.Comments(ctx, warta.CommentFilter{ArticleID: p.ArticleID, Status: p.Status,
		Offset: (p.PageNum - 1) * commentPageSize, Limit: commentPageSize})
	if err != nil {
		h.error(w, r, err)
		return
	}
	articles := map[int64]*warta.Article{}
	for _, c := range list {
		a, seen := articles[c.ArticleID]
		if !seen {
			if a, err = h.Store.ArticleByID(ctx, c.ArticleID); err != nil && !warta.IsNotFound(err) {
				h.error(w, r, err)
				return
			}
			articles[c.ArticleID] = a
		}
		p.Comments = append(p.Comments, commentRow{Comment: c, Article: a})
	}
	p.Total = total
	p.Pages = max(1, (total+commentPageSize-1)/commentPageSize)
	if p.PageNum > 1 {
		p.PrevURL = commentsURL(p.Status, p.ArticleID, p.PageNum-1)
	}
	if p.PageNum < p.Pages {
		p.NextURL = commentsURL(p.Status, p.ArticleID, p.PageNum+1)
	}
	p.Back = commentsURL(p.Status, p.ArticleID, p.PageNum)
	for _, a := range []string{"approve", "spam", "trash", "restore"} {
		if bulkActions[a] != p.Status {
			p.Actions = append(p.Actions, a)
		}
	}
	h.render(w, r, http.StatusOK, "admin/comments", p)
}

// commentsURL is the address of a page of the queue.
func commentsURL(s warta.CommentStatus, articleID int64, pageNum int) string {
	q := url.Values{"status": {string(s)}}
	if articleID != 0 {
		q.Set("article", strconv.FormatInt(articleID, 10))
	}
	if pageNum > 1 {
		q.Set("page", itoa(pageNum))
	}
	return "/admin/comments?" + q.Encode()
}

// bulkComments approves, marks as spam, trashes or restores (back to the
// queue) the chosen comments, noting who did it in each one's Reason.
//
// POST /admin/comments/bulk  (ids[], action, back)
func (h *handler) bulkComments(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	status, ok := bulkActions[r.PostFormValue("action")]
	ids := slices.Concat(r.PostForm["ids"], r.PostForm["ids[]"])
	if !ok || len(ids) > maxBulk {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	back := r.PostFormValue("back")
	if !strings.HasPrefix(back, "/admin/comments") || !localPath(back) {
		back = "/admin/comments"
	}
	ctx := r.Context()
	changed := 0
	for _, s := range ids {
		id := idParam(s)
		if id == 0 {
			continue
		}
		c, err := h.Store.CommentByID(ctx, id)
		if warta.IsNotFound(err) {
			continue
		}
		if err != nil {
			h.error(w, r, err)
			return
		}
		c.Status, c.Reason = status, "staff:"+strconv.FormatInt(u.ID, 10)
		if err := h.Store.UpdateComment(ctx, c); err != nil {
			h.error(w, r, err)
			return
		}
		changed++
	}
	if changed > 0 {
		back = withDone(back, "moderated")
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// withDone adds ?done=key to a local address, replacing any done there.
func withDone(path, key string) string {
	p, q, _ := strings.Cut(path, "?")
	v, _ := url.ParseQuery(q)
	v.Set("done", key)
	return p + "?" + v.Encode()
}

// commentForm is the staff edit form of a comment, kept whole on errors.
type commentForm struct {
	Author, Email, URL, Content string
}

// commentEditPage is the data of one comment's page: edit and reply.
type commentEditPage struct {
	page
	Comment   *warta.Comment
	Article   *warta.Article // nil when the article is gone
	Parent    *warta.Comment // the comment it replies to, if any
	Form      commentForm
	Errors    map[string]string // field → message key; "reply" for the reply
	Reply     string            // the reply as typed
	Actions   []string
	StaffMark bool // the comment is a newsroom reply
}

// Error returns the message key of a field's error, or "".
func (p commentEditPage) Error(field string) string { return p.Errors[field] }

// HTML is the comment's stored rendering.
func (p commentEditPage) HTML() template.HTML { return template.HTML(p.Comment.ContentHTML) }

// ParentHTML is the parent comment's stored rendering.
func (p commentEditPage) ParentHTML() template.HTML {
	if p.Parent == nil {
		return ""
	}
	return template.HTML(p.Parent.ContentHTML)
}

// commentFor loads the comment of the {id} path value after checking the
// capability; it answers and returns nil when it cannot.
func (h *handler) commentFor(w http.ResponseWriter, r *http.Request) *warta.Comment {
	id := idParam(r.PathValue("id"))
	if id == 0 {
		h.fail(w, r, http.StatusNotFound, "")
		return nil
	}
	c, err := h.Store.CommentByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return nil
	}
	return c
}

// showCommentPage renders a comment's page with the form f.
func (h *handler) showCommentPage(w http.ResponseWriter, r *http.Request, status int, c *warta.Comment, f commentForm, reply string, errs map[string]string) {
	ctx := r.Context()
	p := commentEditPage{page: h.newPage(r, h.cat.T("admin.comments.edit_title"), "comments"),
		Comment: c, Form: f, Reply: reply, Errors: errs, StaffMark: c.Reason == "staff_reply"}
	a, err := h.Store.ArticleByID(ctx, c.ArticleID)
	if err != nil && !warta.IsNotFound(err) {
		h.error(w, r, err)
		return
	}
	p.Article = a
	if c.ParentID != 0 {
		if p.Parent, err = h.Store.CommentByID(ctx, c.ParentID); err != nil && !warta.IsNotFound(err) {
			h.error(w, r, err)
			return
		}
	}
	for _, a := range []string{"approve", "spam", "trash", "restore"} {
		if bulkActions[a] != c.Status {
			p.Actions = append(p.Actions, a)
		}
	}
	h.render(w, r, status, "admin/comment_edit", p)
}

// editComment shows one comment to edit or reply to.
//
// GET /admin/comments/{id}
func (h *handler) editComment(w http.ResponseWriter, r *http.Request) {
	c := h.commentFor(w, r)
	if c == nil {
		return
	}
	f := commentForm{Author: c.AuthorName, Email: c.AuthorEmail, URL: c.AuthorURL, Content: c.Content}
	h.showCommentPage(w, r, http.StatusOK, c, f, "", nil)
}

// saveComment saves a moderator's edit of a comment's author fields and
// text; a refused edit shows the form again with every word kept.
//
// POST /admin/comments/{id}  (author, email, url, content)
func (h *handler) saveComment(w http.ResponseWriter, r *http.Request) {
	c := h.commentFor(w, r)
	if c == nil {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	f := commentForm{Author: r.PostFormValue("author"), Email: r.PostFormValue("email"),
		URL: r.PostFormValue("url"), Content: strings.ReplaceAll(r.PostFormValue("content"), "\r\n", "\n")}
	stored := *c
	c.AuthorName, c.AuthorEmail, c.AuthorURL, c.Content = f.Author, f.Email, f.URL, f.Content
	if err := c.Validate(); err != nil {
		h.showCommentPage(w, r, http.StatusUnprocessableEntity, &stored, f, "", h.fieldErrors(err))
		return
	}
	c.ContentHTML = comments.Format(c.Content)
	if err := h.Store.UpdateComment(r.Context(), c); err != nil {
		if fields := h.fieldErrors(err); fields != nil {
			h.showCommentPage(w, r, http.StatusUnprocessableEntity, &stored, f, "", fields)
			return
		}
		h.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/comments/"+strconv.FormatInt(c.ID, 10)+"?done=moderated", http.StatusSeeOther)
}

// replyComment publishes the newsroom's reply to a comment at once, in
// the name of the member of staff, nested as deep as the settings allow.
// Readers see it marked as the newsroom's.
//
// POST /admin/comments/{id}/reply  (content)
func (h *handler) replyComment(w http.ResponseWriter, r *http.Request) {
	c := h.commentFor(w, r)
	if c == nil {
		return
	}
	ctx := r.Context()
	u := userFrom(ctx)
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	content := strings.ReplaceAll(r.PostFormValue("content"), "\r\n", "\n")
	f := commentForm{Author: c.AuthorName, Email: c.AuthorEmail, URL: c.AuthorURL, Content: c.Content}
	reply := &warta.Comment{ArticleID: c.ArticleID, AuthorName: u.Name, AuthorEmail: u.Email,
		Content: content, Status: warta.CommentApproved, Reason: "staff_reply"}
	if err := reply.Validate(); err != nil {
		// Only the text can be wrong: the name and email are the user's own.
		errs := map[string]string{"reply": "error.invalid"}
		if key := h.fieldErrors(err)["content"]; key != "" {
			errs["reply"] = key
		}
		h.showCommentPage(w, r, http.StatusUnprocessableEntity, c, f, content, errs)
		return
	}
	values, err := h.Store.SettingValues(ctx)
	if err != nil {
		h.error(w, r, err)
		return
	}
	settings, err := warta.ParseSettings(values)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if reply.ParentID, err = comments.ReplyParent(ctx, c, settings.CommentMaxDepth, h.Store.CommentByID); err != nil {
		h.error(w, r, err)
		return
	}
	reply.ContentHTML = comments.Format(reply.Content)
	if err := h.Store.CreateComment(ctx, reply); err != nil {
		h.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/comments/"+strconv.FormatInt(reply.ID, 10)+"?done=replied", http.StatusSeeOther)
}
