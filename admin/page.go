package admin

import (
	"cmp"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"warta"
	"warta/slug"
	"warta/textdiff"
)

// Standing pages (Tentang Kami, Redaksi…) and the footer menu. Editors
// manage them with the capability they manage sections with: both shape
// the site around the news rather than the news itself.

const (
	pagesPath    = "/admin/pages"
	pagesMenu    = "/admin/pages/menu"
	maxPageForm  = 1 << 20 // a page's Markdown is far smaller; anything bigger is a mistake
	pageAuditObj = "page:"
)

// pageFlashes are the messages of the pages screens, by ?done= value;
// they take precedence over the newsroom's own (whose "deleted" speaks
// of articles).
var pageFlashes = map[string]string{
	"saved": "admin.flash.saved", "published": "admin.flash.published", "unpublished": "pages.admin.flash.unpublished",
	"deleted": "pages.admin.flash.deleted", "menu": "pages.admin.flash.menu",
}

// pageForm is the page form as posted, or as stored when first shown.
// Revision is the stored revision the editor started from; the store
// refuses a save from any other.
type pageForm struct {
	Title, Slug, MenuLabel, Body, Action string
	Revision                             int
}

// pageEditPage is the data of the page editor.
type pageEditPage struct {
	page
	Page        *warta.Page // nil for a new page
	Form        pageForm
	Errors      map[string]string // field → message key
	PreviewHTML template.HTML
	// Conflict is the page as someone else saved it after this editor
	// opened it (nil when there is no conflict); ConflictDiff goes from
	// its body to the one in Form.
	Conflict     *warta.Page
	ConflictDiff []textdiff.Line
}

// Error returns the message key of a field's error, or "".
func (p pageEditPage) Error(field string) string { return p.Errors[field] }

// pagesPage is the data of the list of pages.
type pagesPage struct {
	page
	Pages []*warta.Page
}

// menuRow is one page on the menu screen, with what was typed for it.
type menuRow struct {
	*warta.Page
	Position string
	Error    string // message key, or ""
}

// menuPage is the data of the menu screen.
type menuPage struct {
	page
	Rows   []menuRow
	Failed bool
}

// newPagesPage fills the common parts of a pages screen.
func (h *handler) newPagesPage(r *http.Request, title string) page {
	p := h.newPage(r, title, "pages")
	if k := pageFlashes[r.URL.Query().Get("done")]; k != "" {
		p.Flash = k
	}
	return p
}

// listPages lists every page, drafts too.
//
// GET /admin/pages
func (h *handler) listPages(w http.ResponseWriter, r *http.Request) {
	pages, err := h.Store.Pages(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin/pages", pagesPage{page: h.newPagesPage(r, h.cat.T("pages.admin.title")), Pages: pages})
}

// newPageForm shows an empty page editor.
//
// GET /admin/pages/new
func (h *handler) newPageForm(w http.ResponseWriter, r *http.Request) {
	h.renderPageEdit(w, r, http.StatusOK, nil, pageForm{}, nil, "")
}

// editPage shows the editor of one page.
//
// GET /admin/pages/{id}
func (h *handler) editPage(w http.ResponseWriter, r *http.Request) {
	p, err := h.Store.PageByID(r.Context(), idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	f := pageForm{Title: p.Title, Slug: p.Slug, MenuLabel: p.MenuLabel, Body: p.BodyMarkdown, Revision: p.Revision}
	h.renderPageEdit(w, r, http.StatusOK, p, f, nil, "")
}

// renderPageEdit renders the page editor for stored (nil when new)
// holding f, with errs by field and a preview of the body when asked.
func (h *handler) renderPageEdit(w http.ResponseWriter, r *http.Request, status int, stored *warta.Page, f pageForm, errs map[string]string, preview string) {
	h.render(w, r, status, "admin/page_edit", h.pageEditData(r, stored, f, errs, preview))
}

// pageEditData is the page editor's data for stored (nil when new).
func (h *handler) pageEditData(r *http.Request, stored *warta.Page, f pageForm, errs map[string]string, preview string) pageEditPage {
	title := h.cat.T("pages.admin.new")
	if stored != nil {
		title = stored.Title
	}
	return pageEditPage{page: h.newPagesPage(r, title), Page: stored, Form: f,
		Errors: errs, PreviewHTML: template.HTML(preview)} // sanitised by package markdown
}

// showPageConflict answers a save made from a revision that is no longer
// the stored one: someone saved the page in the meantime. Nothing is
// lost: their save stands and is shown, with how its body differs, and
// the editor comes back holding what this editor typed, now carrying the
// stored revision, so that saving again means "mine wins, knowingly".
func (h *handler) showPageConflict(w http.ResponseWriter, r *http.Request, id int64, f pageForm) {
	theirs, err := h.Store.PageByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err) // deleted in the meantime: nothing to save over
		return
	}
	f.Revision = theirs.Revision
	data := h.pageEditData(r, theirs, f, nil, "")
	data.Conflict, data.ConflictDiff = theirs, textdiff.Lines(theirs.BodyMarkdown, f.Body)
	h.render(w, r, http.StatusConflict, "admin/page_edit", data)
}

// savePage creates or saves a page: save keeps its status (a new page is
// a draft), publish and unpublish change it, preview saves nothing.
//
// An edit is saved only over the revision the form was opened at; when
// someone saved the page since, the editor answers 409 with both versions.
// Status and menu order are not in the form: they come from the page as
// stored now, so a save never undoes a menu arranged meanwhile.
//
// POST /admin/pages and POST /admin/pages/{id}
// (title, slug, menu_label, body, revision, action)
func (h *handler) savePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var stored *warta.Page
	if r.PathValue("id") != "" {
		var err error
		if stored, err = h.Store.PageByID(ctx, idParam(r.PathValue("id"))); err != nil {
			h.error(w, r, err)
			return
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxPageForm)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.fail(w, r, http.StatusRequestEntityTooLarge, "pages.admin.error.too_large")
			return
		}
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	f := pageForm{
		Title:     strings.TrimSpace(r.PostFormValue("title")),
		Slug:      strings.TrimSpace(r.PostFormValue("slug")),
		MenuLabel: strings.TrimSpace(r.PostFormValue("menu_label")),
		Body:      r.PostFormValue("body"),
		Action:    r.PostFormValue("action"),
	}
	// A form without a revision (opened before pages had one, or not our
	// form) is 0, which no stored page has: it is answered with the
	// conflict screen rather than saved blindly over the page.
	f.Revision, _ = strconv.Atoi(r.PostFormValue("revision"))
	errs := map[string]string{}
	html, err := h.Render(f.Body)
	if err != nil {
		errs["body"] = "error.invalid_utf8"
	}
	if f.Action == "preview" {
		h.renderPageEdit(w, r, http.StatusOK, stored, f, errs, html)
		return
	}

	p := &warta.Page{Status: warta.PageDraft}
	if stored != nil {
		edited := *stored
		p = &edited
		p.Revision = f.Revision // the revision the editor saw, not the one just read
	}
	switch f.Action {
	case "", "save":
	case "publish":
		p.Status = warta.PagePublished
	case "unpublish":
		p.Status = warta.PageDraft
	default:
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	p.Title, p.MenuLabel, p.BodyMarkdown, p.BodyHTML = f.Title, f.MenuLabel, f.Body, html
	wanted := cmp.Or(f.Slug, f.Title)
	if p.Slug = slug.Make(wanted); p.Slug == "" && wanted != "" {
		errs["slug"] = "admin.error.slug_empty"
	}
	if len(errs) == 0 {
		if stored == nil {
			err = h.Store.CreatePage(ctx, p)
		} else {
			err = h.Store.UpdatePage(ctx, p)
		}
		switch code := warta.ErrorCode(err); {
		case code == "":
		case code == warta.ECONFLICT && h.fieldErrors(err)["revision"] != "":
			h.showPageConflict(w, r, p.ID, f)
			return
		case code == warta.EINVALID || code == warta.ECONFLICT:
			for field, key := range h.fieldErrors(err) {
				errs[field] = key
			}
			if len(errs) == 0 {
				errs["title"] = "error.form"
			}
		default:
			h.error(w, r, err)
			return
		}
	}
	if f.Slug == "" && f.Title == "" {
		delete(errs, "slug") // the title's error says what is wrong
	}
	if len(errs) > 0 {
		if _, ok := errs["slug"]; ok && f.Slug == "" {
			f.Slug = p.Slug // show the slug made from the title, to be changed
		}
		h.renderPageEdit(w, r, http.StatusUnprocessableEntity, stored, f, errs, "")
		return
	}

	done, action := "saved", "page.update"
	switch {
	case stored == nil:
		action = "page.create"
	case f.Action == "publish" && stored.Status != warta.PagePublished:
		action = "page.publish"
	case f.Action == "unpublish" && stored.Status == warta.PagePublished:
		action = "page.unpublish"
	}
	switch f.Action {
	case "publish":
		done = "published"
	case "unpublish":
		done = "unpublished"
	}
	h.audit(r, action, pageSubject(p), p.Slug)
	http.Redirect(w, r, pagesPath+"/"+strconv.FormatInt(p.ID, 10)+"?done="+done, http.StatusSeeOther)
}

// confirmDeletePage asks before deleting a page for good.
//
// GET /admin/pages/{id}/delete
func (h *handler) confirmDeletePage(w http.ResponseWriter, r *http.Request) {
	p, err := h.Store.PageByID(r.Context(), idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin/page_delete", pageEditPage{page: h.newPagesPage(r, p.Title), Page: p})
}

// deletePage deletes a page for good.
//
// POST /admin/pages/{id}/delete
func (h *handler) deletePage(w http.ResponseWriter, r *http.Request) {
	p, err := h.Store.PageByID(r.Context(), idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	if err := h.Store.DeletePage(r.Context(), p.ID); err != nil {
		h.error(w, r, err)
		return
	}
	h.audit(r, "page.delete", pageSubject(p), p.Slug)
	http.Redirect(w, r, pagesPath+"?done=deleted", http.StatusSeeOther)
}

// showMenu shows the footer menu screen: every page with its position.
//
// GET /admin/pages/menu
func (h *handler) showMenu(w http.ResponseWriter, r *http.Request) {
	pages, err := h.Store.Pages(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	rows := make([]menuRow, 0, len(pages))
	for _, p := range pages {
		row := menuRow{Page: p}
		if p.MenuOrder > 0 {
			row.Position = strconv.Itoa(p.MenuOrder)
		}
		rows = append(rows, row)
	}
	h.renderMenu(w, r, http.StatusOK, rows, false)
}

// renderMenu renders the menu screen: the pages in the menu first, in
// order, then the others by title.
func (h *handler) renderMenu(w http.ResponseWriter, r *http.Request, status int, rows []menuRow, failed bool) {
	slices.SortStableFunc(rows, func(a, b menuRow) int {
		if (a.MenuOrder > 0) != (b.MenuOrder > 0) {
			if a.MenuOrder > 0 {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.MenuOrder, b.MenuOrder)
	})
	h.render(w, r, status, "admin/page_menu", menuPage{page: h.newPagesPage(r, h.cat.T("pages.admin.menu.title")), Rows: rows, Failed: failed})
}

// saveMenu arranges the footer menu from the positions typed (empty or 0
// leaves the menu), then moves one page up or down when such a button
// was pressed. Positions only order: 1, 5, 9 become 1, 2, 3.
//
// POST /admin/pages/menu  (position-ID…, move=up-ID|down-ID)
func (h *handler) saveMenu(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxPageForm)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	pages, err := h.Store.Pages(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	type placed struct {
		id       int64
		position int
		title    string
	}
	var menu []placed
	rows := make([]menuRow, 0, len(pages))
	failed := false
	for _, p := range pages {
		typed := strings.TrimSpace(r.PostFormValue("position-" + strconv.FormatInt(p.ID, 10)))
		row := menuRow{Page: p, Position: typed}
		n := 0
		if typed != "" {
			var err error
			if n, err = strconv.Atoi(typed); err != nil || n < 0 || n > 1000 {
				row.Error, failed = "pages.admin.menu.error.position", true
			}
		}
		if n > 0 {
			menu = append(menu, placed{id: p.ID, position: n, title: p.Title})
		}
		rows = append(rows, row)
	}
	if failed {
		h.renderMenu(w, r, http.StatusUnprocessableEntity, rows, true)
		return
	}
	// Equal positions go by title, so the result never depends on the
	// order the form was posted in.
	slices.SortStableFunc(menu, func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.position, b.position), strings.Compare(a.title, b.title))
	})
	ids := make([]int64, len(menu))
	for i, m := range menu {
		ids[i] = m.id
	}
	if dir, idText, ok := strings.Cut(r.PostFormValue("move"), "-"); ok {
		i := slices.Index(ids, idParam(idText))
		switch {
		case i < 0:
		case dir == "up" && i > 0:
			ids[i-1], ids[i] = ids[i], ids[i-1]
		case dir == "down" && i < len(ids)-1:
			ids[i+1], ids[i] = ids[i], ids[i+1]
		}
	}
	if err := h.Store.SetMenu(r.Context(), ids); err != nil {
		h.error(w, r, err)
		return
	}
	detail := make([]string, len(ids))
	for i, id := range ids {
		detail[i] = strconv.FormatInt(id, 10)
	}
	h.audit(r, "page.menu", "footer menu", strings.Join(detail, ","))
	http.Redirect(w, r, pagesMenu+"?done=menu", http.StatusSeeOther)
}

func pageSubject(p *warta.Page) string {
	return pageAuditObj + strconv.FormatInt(p.ID, 10) + ": " + p.Title
}
