package site

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"warta"
	"warta/comments"
)

// commentSection is the data of the discussion under an article.
type commentSection struct {
	Allowed bool
	Count   int
	Threads []*commentNode
	Pager   pager
	Form    commentForm
	Notice  string // a message key shown above the discussion
}

// commentNode is one comment as the page shows it, with its replies.
type commentNode struct {
	*warta.Comment
	AvatarURL string
	Children  []*commentNode
	Pending   bool   // held, and shown only because this browser wrote it
	Editable  bool   // this browser wrote it less than editWindow ago
	Editing   bool   // the edit form is open (?editcomment=ID)
	EditText  string // what the edit form holds
	EditError string // message key of what is wrong with an edit
	ReplyURL  string // empty where replies may not nest deeper
}

// HTML is the comment's rendering, made safe by comments.Format on save.
func (n *commentNode) HTML() template.HTML { return template.HTML(n.ContentHTML) }

// fieldError is an error shown next to a field and in the form's summary.
type fieldError struct {
	ID    string // the input's id, for aria-describedby and the summary's link
	Label string
	Key   string // message key
}

// commentForm is the reply form with what the reader typed and what was wrong.
type commentForm struct {
	ArticleID int64
	Token     string
	ParentID  int64
	CPage     int
	ReplyTo   string // the name of the comment being answered
	CancelURL string

	Content, Author, Email, URL string
	Remember                    bool

	Summary string // message key of the summary at the top; empty when all is well
	Errors  []fieldError

	// An edit of the reader's own comment that was refused, kept to show again.
	EditID    int64
	EditText  string
	EditError string
}

// Error returns the error of one field ("content", "author", "email", "url"), or nil.
func (f commentForm) Error(field string) *fieldError {
	id := fieldID(field)
	for i := range f.Errors {
		if f.Errors[i].ID == id {
			return &f.Errors[i]
		}
	}
	return nil
}

// fieldID maps a form field to its input's id; the comment box keeps the
// id "comment" that readers' browsers and WordPress themes know.
func fieldID(field string) string {
	if field == "content" {
		return "comment"
	}
	return field
}

// editWindow is how long a commenter may fix their own comment.
const editWindow = 10 * time.Minute

// commentSection builds the discussion for article a at comment page
// cpage, with form as the reply form's state.
func (h *handler) commentSection(r *http.Request, a *warta.Article, s *warta.Settings, secret []byte, cpage int, form commentForm) (*commentSection, error) {
	ctx := r.Context()
	now := h.Now()
	sec := &commentSection{
		Allowed: a.CommentsAllowed(now, s.CommentsCloseAfterDays),
		Count:   a.CommentCount,
		Form:    form,
	}
	perPage := s.CommentsPerPage
	list, total, err := h.Store.Thread(ctx, a.ID, (cpage-1)*perPage, perPage)
	if err != nil {
		return nil, err
	}
	if cpage > 1 && len(list) == 0 {
		return nil, warta.Errorf(warta.ENOTFOUND, "no comment page %d", cpage)
	}
	sec.Pager = pager{Page: cpage, Pages: max(1, (total+perPage-1)/perPage)}
	base := a.Permalink(h.Location)
	if cpage > 1 {
		sec.Pager.Newer = base + "?cpage=" + strconv.Itoa(cpage-1)
	}
	if cpage < sec.Pager.Pages {
		sec.Pager.Older = base + "?cpage=" + strconv.Itoa(cpage+1)
	}

	// The browser's own comments: held ones are shown to it alone, and
	// recent ones may be edited.
	own := h.ownComments(r, secret)
	mine := map[int64]bool{}
	for _, id := range own {
		mine[id] = true
	}
	if len(own) > 0 {
		list, err = h.addOwnPending(ctx, list, own, a.ID)
		if err != nil {
			return nil, err
		}
	}

	editing, _ := strconv.ParseInt(r.URL.Query().Get("editcomment"), 10, 64)
	nodes := map[int64]*commentNode{}
	for _, c := range list {
		n := &commentNode{Comment: c, AvatarURL: "/avatar/" + comments.AvatarKey(secret, c.AuthorEmail) + ".svg"}
		n.Pending = c.Status == warta.CommentPending
		n.Editable = mine[c.ID] && now.Sub(c.CreatedAt) < editWindow && c.Status != warta.CommentTrash
		n.Editing = n.Editable && (editing == c.ID || form.EditID == c.ID)
		n.EditText = c.Content
		if form.EditID == c.ID {
			n.EditText, n.EditError = form.EditText, form.EditError
		}
		if sec.Allowed && c.Depth < s.CommentMaxDepth-1 && !n.Pending {
			n.ReplyURL = "?replyto=" + strconv.FormatInt(c.ID, 10) + pageQuery(cpage) + "#respond"
		}
		nodes[c.ID] = n
		if p, ok := nodes[c.ParentID]; ok && c.ParentID != 0 {
			p.Children = append(p.Children, n)
		} else {
			sec.Threads = append(sec.Threads, n)
		}
	}
	if sec.Form.ParentID != 0 {
		if p, ok := nodes[sec.Form.ParentID]; ok {
			sec.Form.ReplyTo = p.AuthorName
		}
		sec.Form.CancelURL = base + pageSuffix(cpage) + "#respond"
	}
	return sec, nil
}

// addOwnPending adds this browser's held comments on the article to the
// approved list, each after the last comment of its parent's subtree (or
// at the end, for a new thread), so the reader sees what they wrote.
func (h *handler) addOwnPending(ctx context.Context, list []*warta.Comment, own []int64, articleID int64) ([]*warta.Comment, error) {
	for _, id := range own {
		c, err := h.Store.CommentByID(ctx, id)
		if warta.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if c.ArticleID != articleID || c.Status != warta.CommentPending {
			continue
		}
		if c.ParentID == 0 {
			list = append(list, c)
			continue
		}
		// Insert after the parent and everything below it.
		at := -1
		for i, x := range list {
			if x.ID == c.ParentID {
				at = i + 1
				for at < len(list) && list[at].Depth > x.Depth {
					at++
				}
				break
			}
		}
		if at < 0 {
			continue // its parent is not on this page
		}
		list = append(list[:at], append([]*warta.Comment{c}, list[at:]...)...)
	}
	return list, nil
}

// pageQuery is "&cpage=N" for comment pages after the first.
func pageQuery(cpage int) string {
	if cpage <= 1 {
		return ""
	}
	return "&cpage=" + strconv.Itoa(cpage)
}

// pageSuffix is "?cpage=N" for comment pages after the first.
func pageSuffix(cpage int) string {
	if cpage <= 1 {
		return ""
	}
	return "?cpage=" + strconv.Itoa(cpage)
}
