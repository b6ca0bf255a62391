package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"warta"
	"warta/media"
)

// mediaPageSize is how many images one page of the library shows.
const mediaPageSize = 48

// maxUploadFiles is how many files of the largest allowed size one
// upload may carry; the request body is bounded by that many, plus room
// for the form itself. The size setting per file alone bounds nothing,
// since a form may hold any number of files.
const maxUploadFiles = 4

// mediaItem is one entry of the library as the pages show it.
type mediaItem struct {
	*warta.Media
	Thumb    warta.ImageVariant // the smallest copy, or the original; empty for a document
	SizeText string
	Document bool // a PDF: shown with a marker, linked rather than placed as a figure
}

// uploadFailure is one file of an upload that was refused.
type uploadFailure struct {
	Name    string // cleaned for display
	Message string // message key
}

// mediaListPage is the data of the media library.
type mediaListPage struct {
	page
	Items     []mediaItem
	Total     int
	Pages     int
	PageNum   int
	PrevURL   string
	NextURL   string
	CanUpload bool
	MaxMB     int // the largest image
	MaxPDFMB  int // the largest PDF document
	EachMB    int // the larger of the two: what one file may be

	// After an upload that did not wholly succeed:
	Uploaded []mediaItem
	Failed   []uploadFailure
	Summary  string // message key above the form
	TotalMB  int    // for admin.media.error.request_too_large
}

// mediaEditPage is the data of one image's page.
type mediaEditPage struct {
	page
	Item      mediaItem
	Variants  []mediaItem // the original's copies, narrowest first, then the original
	Form      mediaForm
	Errors    map[string]string // field → message key
	Snippet   string            // Markdown for an article's body: a figure, or a link to a document
	CanUpload bool
}

// Error returns the message key of a field's error, or "".
func (p mediaEditPage) Error(field string) string { return p.Errors[field] }

// mediaForm is the edit form as posted.
type mediaForm struct {
	Alt, Caption, Credit string
}

// The longest texts the edit form accepts, in characters.
const (
	maxAlt     = 500
	maxCaption = 1000
	maxCredit  = 200
)

// listMedia shows the library. Everyone in the newsroom may look at it,
// since writers pick lead images and figures from it; only those who may
// upload see the upload form.
//
// GET /admin/media?page=N
func (h *handler) listMedia(w http.ResponseWriter, r *http.Request) {
	p, err := h.mediaList(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin/media", p)
}

// mediaList fills the library page for the ?page= asked for.
func (h *handler) mediaList(r *http.Request) (*mediaListPage, error) {
	u := userFrom(r.Context())
	lim := h.mediaLimits(r)
	p := &mediaListPage{page: h.newPage(r, h.cat.T("admin.media.title"), "media"),
		CanUpload: u.Can(warta.CapUploadMedia),
		MaxMB:     int(lim.MaxBytes >> 20), MaxPDFMB: int(lim.MaxDocumentBytes >> 20), EachMB: int(lim.ReadLimit() >> 20)}
	p.PageNum, _ = strconv.Atoi(r.URL.Query().Get("page"))
	if p.PageNum < 1 {
		p.PageNum = 1
	}
	list, total, err := h.Store.MediaList(r.Context(), (p.PageNum-1)*mediaPageSize, mediaPageSize)
	if err != nil {
		return nil, err
	}
	for _, m := range list {
		p.Items = append(p.Items, h.mediaItem(m))
	}
	p.Total = total
	p.Pages = (total + mediaPageSize - 1) / mediaPageSize
	if p.PageNum > 1 {
		p.PrevURL = "/admin/media?page=" + itoa(p.PageNum-1)
	}
	if p.PageNum < p.Pages {
		p.NextURL = "/admin/media?page=" + itoa(p.PageNum+1)
	}
	return p, nil
}

// uploadMedia adds one or several images or PDF documents to the library. Each file goes
// through package media on its own; when any is refused, the page lists
// which were added and why the others were not.
//
// POST /admin/media  (multipart: files, repeated)
func (h *handler) uploadMedia(w http.ResponseWriter, r *http.Request) {
	lim := h.mediaLimits(r)
	total := maxUploadFiles*lim.ReadLimit() + 1<<20
	r.Body = http.MaxBytesReader(w, r.Body, total)
	if err := parseForm(r); err != nil {
		var tooBig *http.MaxBytesError
		if !errors.As(err, &tooBig) {
			h.fail(w, r, http.StatusBadRequest, "")
			return
		}
		p, err := h.mediaList(r)
		if err != nil {
			h.error(w, r, err)
			return
		}
		p.Summary, p.TotalMB = "admin.media.error.request_too_large", int(total>>20)
		h.render(w, r, http.StatusRequestEntityTooLarge, "admin/media", p)
		return
	}
	defer func() {
		if r.MultipartForm != nil {
			r.MultipartForm.RemoveAll()
		}
	}()
	var uploaded []mediaItem
	var failed []uploadFailure
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["files"] {
			if fh.Filename == "" && fh.Size == 0 {
				continue // the empty part a browser sends when no file was chosen
			}
			name := media.CleanName(fh.Filename)
			f, err := fh.Open()
			if err != nil {
				failed = append(failed, uploadFailure{name, "media.error.failed"})
				continue
			}
			m, key := h.storeUpload(r, f, fh.Filename, lim)
			f.Close()
			if key != "" {
				failed = append(failed, uploadFailure{name, key})
				continue
			}
			uploaded = append(uploaded, h.mediaItem(m))
		}
	}
	if len(failed) == 0 && len(uploaded) > 0 {
		http.Redirect(w, r, "/admin/media?done=uploaded", http.StatusSeeOther)
		return
	}
	p, err := h.mediaList(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	p.Uploaded, p.Failed = uploaded, failed
	p.Summary = "admin.media.error.some_failed"
	if len(failed) == 0 {
		p.Summary = "admin.media.error.no_files"
	}
	h.render(w, r, http.StatusUnprocessableEntity, "admin/media", p)
}

// showMedia shows one image, its copies and the Markdown that places it in
// an article; those who may upload can edit its texts there.
//
// GET /admin/media/{id}
func (h *handler) showMedia(w http.ResponseWriter, r *http.Request) {
	m, err := h.Store.MediaByID(r.Context(), idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.showMediaEdit(w, r, http.StatusOK, m, mediaForm{Alt: m.Alt, Caption: m.Caption, Credit: m.Credit}, nil)
}

func (h *handler) showMediaEdit(w http.ResponseWriter, r *http.Request, status int, m *warta.Media, f mediaForm, errs map[string]string) {
	p := mediaEditPage{page: h.newPage(r, m.OriginalName, "media"), Item: h.mediaItem(m), Form: f, Errors: errs,
		Snippet: figureSnippet(m), CanUpload: userFrom(r.Context()).Can(warta.CapUploadMedia)}
	if !m.IsImage() {
		p.Snippet = linkSnippet(m)
		h.render(w, r, status, "admin/media_edit", p)
		return
	}
	for _, v := range m.Variants {
		p.Variants = append(p.Variants, mediaItem{Thumb: v})
	}
	p.Variants = append(p.Variants, mediaItem{Thumb: warta.ImageVariant{Path: m.Path, Width: m.Width, Height: m.Height},
		SizeText: h.sizeText(m.Size)})
	h.render(w, r, status, "admin/media_edit", p)
}

// saveMedia saves an image's alt text, caption and credit: what is
// offered when the image is placed in an article.
//
// POST /admin/media/{id}  (alt, caption, credit)
func (h *handler) saveMedia(w http.ResponseWriter, r *http.Request) {
	m, err := h.Store.MediaByID(r.Context(), idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	f := mediaForm{Alt: strings.TrimSpace(r.PostFormValue("alt")),
		Caption: strings.TrimSpace(r.PostFormValue("caption")), Credit: strings.TrimSpace(r.PostFormValue("credit"))}
	errs := map[string]string{}
	for _, c := range []struct {
		field, value string
		max          int
	}{{"alt", f.Alt, maxAlt}, {"caption", f.Caption, maxCaption}, {"credit", f.Credit, maxCredit}} {
		if utf8.RuneCountInString(c.value) > c.max {
			errs[c.field] = "admin.media.error." + c.field + "_too_long"
		}
	}
	if len(errs) > 0 {
		h.showMediaEdit(w, r, http.StatusUnprocessableEntity, m, f, errs)
		return
	}
	m.Alt, m.Caption, m.Credit = f.Alt, f.Caption, f.Credit
	if err := h.Store.UpdateMedia(r.Context(), m); err != nil {
		h.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/media/"+strconv.FormatInt(m.ID, 10)+"?done=saved", http.StatusSeeOther)
}

// mediaItem prepares an entry for display.
func (h *handler) mediaItem(m *warta.Media) mediaItem {
	if !m.IsImage() {
		return mediaItem{Media: m, SizeText: h.sizeText(m.Size), Document: true}
	}
	it := mediaItem{Media: m, Thumb: warta.ImageVariant{Path: m.Path, Width: m.Width, Height: m.Height},
		SizeText: h.sizeText(m.Size)}
	if len(m.Variants) > 0 {
		it.Thumb = m.Variants[0]
	}
	return it
}

// sizeText writes a file size for people: "850 KB", "1,4 MB" in Indonesian.
func (h *handler) sizeText(n int64) string {
	var s string
	switch {
	case n < 1<<20:
		s = strconv.FormatInt((n+1023)>>10, 10) + " KB"
	default:
		s = strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
		if h.cat.Lang() == "id" {
			s = strings.Replace(s, ".", ",", 1)
		}
	}
	return s
}

// figureSnippet is the Markdown that places m in an article's body as a
// figure (see package markdown): ![alt](/media/path "caption | credit").
func figureSnippet(m *warta.Media) string {
	caption, credit := strings.TrimSpace(m.Caption), strings.TrimSpace(m.Credit)
	var title string
	switch {
	case caption != "" && credit != "":
		title = caption + " | " + credit
	case caption != "":
		title = caption
	case credit != "":
		title = "| " + credit // a credit without a caption
	}
	s := "![" + escapeMarkdown(m.Alt, `\[]`) + "](/media/" + strings.TrimPrefix(m.Path, "/")
	if title != "" {
		s += ` "` + escapeMarkdown(title, `\"`) + `"`
	}
	return s + ")"
}

// linkSnippet is the Markdown that links to a document from an article's
// body: [name](/media/path). The name is the one the file was uploaded
// (or imported) with, which is what the newsroom knows it by; the
// caption, when set, says better what the document is.
func linkSnippet(m *warta.Media) string {
	text := strings.TrimSpace(m.Caption)
	if text == "" {
		text = m.OriginalName
	}
	return "[" + escapeMarkdown(text, `\[]`) + "](/media/" + strings.TrimPrefix(m.Path, "/") + ")"
}

// escapeMarkdown puts a backslash before each of chars in s and turns line
// breaks into spaces, so a text cannot end the link it is part of.
func escapeMarkdown(s, chars string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if strings.ContainsRune(chars, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
