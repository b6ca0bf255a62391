package admin

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/media"
	"warta/newsroom"
)

// maxArticleForm bounds an editor post: a 20 MiB lead image upload and
// the longest article anyone writes.
const maxArticleForm = 22 << 20

// articleForm is the editor's form as posted, kept whole so that a refused
// save shows every word again.
type articleForm struct {
	Revision     int
	Headline     string
	Dek          string
	Body         string
	Slug         string
	SectionID    int64
	Tags         string // comma-separated names
	AuthorIDs    []int64
	PublishedAt  string // datetime-local, in the site's time zone
	CommentsOpen bool
	LeadMediaID  int64
	LeadAlt      string
	LeadCaption  string
	LeadCredit   string
	Substantive  bool
	Action       string
}

// HasAuthor reports whether id is among the form's authors, for the template.
func (f articleForm) HasAuthor(id int64) bool {
	for _, x := range f.AuthorIDs {
		if x == id {
			return true
		}
	}
	return false
}

func readArticleForm(v url.Values) articleForm {
	f := articleForm{
		Headline:     v.Get("headline"),
		Dek:          v.Get("dek"),
		Body:         strings.ReplaceAll(v.Get("body"), "\r\n", "\n"),
		Slug:         strings.TrimSpace(v.Get("slug")),
		Tags:         v.Get("tags"),
		PublishedAt:  strings.TrimSpace(v.Get("published_at")),
		CommentsOpen: v.Get("comments_open") != "",
		LeadAlt:      v.Get("lead_alt"),
		LeadCaption:  v.Get("lead_caption"),
		LeadCredit:   v.Get("lead_credit"),
		Substantive:  v.Get("substantive") != "",
		Action:       v.Get("action"),
	}
	f.Revision, _ = strconv.Atoi(v.Get("revision"))
	f.SectionID, _ = strconv.ParseInt(v.Get("section_id"), 10, 64)
	f.LeadMediaID, _ = strconv.ParseInt(v.Get("lead_media_id"), 10, 64)
	for _, s := range v["author_id"] {
		if id := idParam(s); id != 0 {
			f.AuthorIDs = append(f.AuthorIDs, id)
		}
	}
	return f
}

// formFromArticle fills the editor from a stored article.
func (h *handler) formFromArticle(a *warta.Article) articleForm {
	f := articleForm{
		Revision: a.Revision, Headline: a.Headline, Dek: a.Dek, Body: a.BodyMarkdown, Slug: a.Slug,
		SectionID: a.Section.ID, CommentsOpen: a.CommentsOpen, LeadMediaID: a.LeadImage.MediaID,
		LeadAlt: a.LeadImage.Alt, LeadCaption: a.LeadImage.Caption, LeadCredit: a.LeadImage.Credit,
	}
	var tags []string
	for _, t := range a.Tags {
		tags = append(tags, t.Name)
	}
	f.Tags = strings.Join(tags, ", ")
	for _, au := range a.Authors {
		f.AuthorIDs = append(f.AuthorIDs, au.ID)
	}
	if !a.PublishedAt.IsZero() {
		f.PublishedAt = a.PublishedAt.In(h.Location).Format("2006-01-02T15:04")
	}
	return f
}

// editorPage is the data of the edit screen.
type editorPage struct {
	page
	Article     *warta.Article // as stored; nil for a new article
	Form        articleForm
	Errors      map[string]string // field → message key
	Summary     string            // message key above the form
	Sections    []*warta.Section
	Authors     []*warta.Author
	Media       []*warta.Media
	PreviewHTML template.HTML
	PreviewURL  string
	Permalink   string
	Corrections []*warta.Correction

	CanPublish, CanSubmit, CanUpload, CanCorrect, CanDelete bool
}

// Error returns the message key of a field's error, or "".
func (p editorPage) Error(field string) string { return p.Errors[field] }

// articleListPage is the data of the article list.
type articleListPage struct {
	page
	Articles []*warta.Article
	Total    int
	Pages    int
	PageNum  int
	Filter   struct {
		Status   string
		Section  int64
		Author   int64
		Q        string
		Statuses []warta.ArticleStatus
	}
	Sections []*warta.Section
	Authors  []*warta.Author
	PrevURL  string
	NextURL  string
}

const listPageSize = 30

// listArticles lists articles with filters.
//
// GET /admin/articles?status=S&section=ID&author=ID&q=TEXT&page=N
func (h *handler) listArticles(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	p := articleListPage{page: h.newPage(r, h.cat.T("admin.articles.title"), "articles")}
	p.Filter.Status, p.Filter.Q = q.Get("status"), strings.TrimSpace(q.Get("q"))
	p.Filter.Section, p.Filter.Author = idParam(q.Get("section")), idParam(q.Get("author"))
	p.Filter.Statuses = warta.ArticleStatuses
	if p.Filter.Status != "" && !warta.ArticleStatus(p.Filter.Status).Valid() {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	p.PageNum, _ = strconv.Atoi(q.Get("page"))
	p.PageNum = max(1, min(p.PageNum, 100000))
	list, total, err := h.Store.Articles(ctx, warta.ArticleFilter{
		Status: warta.ArticleStatus(p.Filter.Status), SectionID: p.Filter.Section, AuthorID: p.Filter.Author,
		Text: p.Filter.Q, Offset: (p.PageNum - 1) * listPageSize, Limit: listPageSize,
	})
	if err != nil {
		h.error(w, r, err)
		return
	}
	p.Articles, p.Total = list, total
	p.Pages = max(1, (total+listPageSize-1)/listPageSize)
	if p.PageNum > 1 {
		q.Set("page", itoa(p.PageNum-1))
		p.PrevURL = "/admin/articles?" + q.Encode()
	}
	if p.PageNum < p.Pages {
		q.Set("page", itoa(p.PageNum+1))
		p.NextURL = "/admin/articles?" + q.Encode()
	}
	if p.Sections, err = h.Store.Sections(ctx); err != nil {
		h.error(w, r, err)
		return
	}
	if p.Authors, err = h.Store.Authors(ctx); err != nil {
		h.error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin/articles", p)
}

// newArticle shows an empty editor.
//
// GET /admin/articles/new
func (h *handler) newArticle(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	if !u.Can(warta.CapWriteDrafts) {
		h.forbidden(w, r)
		return
	}
	f := articleForm{CommentsOpen: true, AuthorIDs: []int64{u.AuthorID}}
	h.showEditor(w, r, http.StatusOK, nil, f, nil, "")
}

// editArticle shows the editor for an article.
//
// GET /admin/articles/{id}
func (h *handler) editArticle(w http.ResponseWriter, r *http.Request) {
	a, ok := h.loadEditable(w, r)
	if !ok {
		return
	}
	h.showEditor(w, r, http.StatusOK, a, h.formFromArticle(a), nil, "")
}

// loadEditable loads the article in the path and checks that the user may
// edit it; otherwise it answers.
func (h *handler) loadEditable(w http.ResponseWriter, r *http.Request) (*warta.Article, bool) {
	id := idParam(r.PathValue("id"))
	if id == 0 {
		h.fail(w, r, http.StatusNotFound, "")
		return nil, false
	}
	a, err := h.Store.ArticleByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return nil, false
	}
	if !userFrom(r.Context()).CanEdit(a) {
		h.forbidden(w, r)
		return nil, false
	}
	return a, true
}

// showEditor renders the edit screen for a (nil when new) holding f.
func (h *handler) showEditor(w http.ResponseWriter, r *http.Request, status int, a *warta.Article, f articleForm, errs map[string]string, preview string) {
	ctx := r.Context()
	u := userFrom(ctx)
	title := h.cat.T("admin.editor.new")
	if a != nil {
		title = a.Headline
	}
	p := editorPage{page: h.newPage(r, title, "articles"), Article: a, Form: f, Errors: errs, PreviewHTML: template.HTML(preview)}
	if len(errs) > 0 {
		p.Summary = "admin.editor.errors"
	}
	var err error
	if p.Sections, err = h.Store.Sections(ctx); err != nil {
		h.error(w, r, err)
		return
	}
	if p.Authors, err = h.Store.Authors(ctx); err != nil {
		h.error(w, r, err)
		return
	}
	// Only pictures: a PDF in the library is never a lead image.
	if p.Media, _, err = h.Store.ImageList(ctx, 0, 24); err != nil {
		h.error(w, r, err)
		return
	}
	probe := a
	if probe == nil {
		probe = &warta.Article{OwnerID: u.ID, Status: warta.StatusDraft}
	}
	p.CanPublish = u.CanPublish(probe)
	p.CanSubmit = u.Owns(probe) && (probe.Status == warta.StatusDraft) && !p.CanPublish
	p.CanUpload = u.Can(warta.CapUploadMedia)
	if a != nil {
		p.CanCorrect = u.Can(warta.CapAddCorrections) && a.Status == warta.StatusPublished
		p.CanDelete = u.Can(warta.CapDeleteArticles)
		p.PreviewURL = h.BaseURL + "/preview/" + h.previewToken(a.ID)
		if a.Status == warta.StatusPublished {
			p.Permalink = a.Permalink(h.Location)
		}
		if p.Corrections, err = h.Store.Corrections(ctx, a.ID); err != nil {
			h.error(w, r, err)
			return
		}
	}
	h.render(w, r, status, "admin/editor", p)
}

// saveArticle saves the editor: a new article or a change to one, with
// the workflow step the button asked for (save, submit for review,
// publish, schedule, unpublish) or a preview that saves nothing.
//
// POST /admin/articles and POST /admin/articles/{id}
func (h *handler) saveArticle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userFrom(ctx)
	var stored *warta.Article
	if r.PathValue("id") != "" {
		var ok bool
		if stored, ok = h.loadEditable(w, r); !ok {
			return
		}
	} else if !u.Can(warta.CapWriteDrafts) {
		h.forbidden(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxArticleForm)
	if err := parseForm(r); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.fail(w, r, http.StatusRequestEntityTooLarge, "media.error.too_large")
			return
		}
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	h.applyArticleForm(w, r, stored, formValues(r))
}

// applyArticleForm does the work of a save for posted values; the login
// handler calls it too, to save a form kept while a session had expired.
func (h *handler) applyArticleForm(w http.ResponseWriter, r *http.Request, stored *warta.Article, values url.Values) {
	ctx := r.Context()
	u := userFrom(ctx)
	f := readArticleForm(values)
	errs := map[string]string{}

	if f.Action == "preview" {
		html, err := h.Render(f.Body)
		if err != nil {
			errs["body"] = "error.invalid_utf8"
		}
		h.showEditor(w, r, http.StatusOK, stored, f, errs, html)
		return
	}

	// Every workflow step is checked against the article as stored, never
	// against what the form claims; before an upload, so that a refused
	// step stores nothing.
	if err := newsroom.Check(u, stored, newsroom.Action(f.Action)); err != nil {
		if warta.ErrorCode(err) == warta.EFORBIDDEN {
			h.forbidden(w, r)
		} else {
			h.fail(w, r, http.StatusBadRequest, "")
		}
		return
	}
	in := newsroom.Input{
		Revision: f.Revision, Headline: f.Headline, Dek: f.Dek, Body: f.Body, Slug: f.Slug,
		SectionID: f.SectionID, AuthorIDs: f.AuthorIDs, CommentsOpen: f.CommentsOpen,
		LeadMediaID: f.LeadMediaID, LeadAlt: f.LeadAlt, LeadCaption: f.LeadCaption, LeadCredit: f.LeadCredit,
		Substantive: f.Substantive, Action: newsroom.Action(f.Action), Problems: errs,
	}
	in.Tags = strings.Split(f.Tags, ",")
	if f.PublishedAt != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", f.PublishedAt, h.Location)
		if err != nil {
			errs["published_at"] = "admin.error.time_invalid"
		}
		in.PublishedAt = t
	}

	// The lead image: a new upload, or one chosen from the library.
	if file, hdr, err := r.FormFile("lead_upload"); err == nil {
		defer file.Close()
		if !u.Can(warta.CapUploadMedia) {
			h.forbidden(w, r)
			return
		}
		lim := h.mediaLimits(r)
		lim.ImagesOnly = true
		m, key := h.storeUpload(r, file, hdr.Filename, lim)
		if key != "" {
			errs["lead_upload"] = key
		} else {
			f.LeadMediaID, in.LeadMediaID = m.ID, m.ID
		}
	}

	a, err := h.saver().Save(ctx, u, stored, in)
	if err != nil {
		var e *warta.Error
		switch {
		case errors.As(err, &e) && e.Code == warta.ECONFLICT && e.Fields["revision"] != "":
			h.showConflict(w, r, stored, f)
		case errors.As(err, &e) && (e.Code == warta.EINVALID || e.Code == warta.ECONFLICT) && len(e.Fields) > 0:
			h.showEditor(w, r, http.StatusUnprocessableEntity, stored, f, e.Fields, "")
		default:
			h.error(w, r, err)
		}
		return
	}

	done := "saved"
	switch f.Action {
	case "submit":
		done = "submitted"
	case "publish":
		done = "published"
	case "schedule":
		done = "scheduled"
	case "unpublish":
		done = "unpublished"
	}
	http.Redirect(w, r, "/admin/articles/"+strconv.FormatInt(a.ID, 10)+"?done="+done, http.StatusSeeOther)
}

// saver saves articles the way every way in does (package newsroom).
func (h *handler) saver() *newsroom.Saver {
	return &newsroom.Saver{Store: h.Store, Render: h.Render, Now: h.Now, Location: h.Location, Logger: h.Logger}
}

// storeUpload runs an upload through package media and records it in the
// library. It returns the entry, or the message key of why not.
func (h *handler) storeUpload(r *http.Request, file interface{ Read([]byte) (int, error) }, name string, lim media.Limits) (*warta.Media, string) {
	var store media.Storage = media.Dir(h.MediaDir)
	if h.Media != nil {
		store = h.Media
	}
	m, err := media.ProcessTo(r.Context(), file, name, lim, store)
	if err != nil {
		var e *warta.Error
		if errors.As(err, &e) && e.Key != "" {
			return nil, e.Key
		}
		h.Logger.ErrorContext(r.Context(), "processing an upload", "err", err)
		return nil, "media.error.failed"
	}
	m.UploadedBy = userFrom(r.Context()).ID
	if err := h.Store.CreateMedia(r.Context(), m); err != nil {
		if warta.ErrorCode(err) == warta.ECONFLICT {
			if existing, err := h.Store.MediaByHash(r.Context(), m.Hash); err == nil {
				return existing, "" // the same picture again: one library entry
			}
		}
		h.Logger.ErrorContext(r.Context(), "saving an upload", "err", err)
		return nil, "media.error.failed"
	}
	return m, ""
}

// mediaLimits returns the upload limits, with the size from the settings.
func (h *handler) mediaLimits(r *http.Request) media.Limits {
	values, err := h.Store.SettingValues(r.Context())
	if err != nil {
		return media.DefaultLimits
	}
	return media.SettingsLimits(values)
}

// deleteArticle deletes an article for good.
//
// POST /admin/articles/{id}/delete
func (h *handler) deleteArticle(w http.ResponseWriter, r *http.Request) {
	id := idParam(r.PathValue("id"))
	a, err := h.Store.ArticleByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if err := h.Store.DeleteArticle(r.Context(), id); err != nil {
		h.error(w, r, err)
		return
	}
	h.audit(r, "article.delete", articleSubject(a), "")
	http.Redirect(w, r, "/admin/articles?done=deleted", http.StatusSeeOther)
}

func articleSubject(a *warta.Article) string { return newsroom.Subject(a) }

// parseForm parses a urlencoded or multipart form.
func parseForm(r *http.Request) error {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return r.ParseMultipartForm(1 << 20) // larger parts go to temporary files
	}
	return r.ParseForm()
}

// formValues returns the posted values of either kind of form.
func formValues(r *http.Request) url.Values {
	if r.MultipartForm != nil {
		return url.Values(r.MultipartForm.Value)
	}
	return r.PostForm
}
