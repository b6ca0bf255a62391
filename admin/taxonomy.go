package admin

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"warta"
	"warta/slug"
)

// The longest texts the section and tag forms accept, in characters.
const (
	maxTaxonomyName       = 200
	maxSectionDescription = 1000
	maxTaxonomyFormBytes  = 64 << 10
	taxonomyKindSection   = "section"
	taxonomyKindTag       = "tag"
	taxonomyAuditAction   = "taxonomy.change"
	taxonomyListPath      = "/admin/taxonomy"
)

// sectionRow is one section of the list, with how many articles it holds.
type sectionRow struct {
	*warta.Section
	Articles int
}

// tagRow is one tag of the list, with how many articles carry it.
type tagRow struct {
	*warta.Tag
	Articles int
}

// taxonomyForm is a section or tag form as posted (or as stored, when
// first shown). Position stays text so that what was typed is kept.
type taxonomyForm struct {
	Name, Slug, Description, Position string
}

// taxonomyPage is the data of the sections and tags page.
type taxonomyPage struct {
	page
	Sections    []sectionRow
	Tags        []tagRow
	SectionForm taxonomyForm
	TagForm     taxonomyForm
	// Errors of the add form that was refused; Kind tells which one.
	Kind   string
	Errors map[string]string // field → message key
}

// SectionError returns the message key of a field's error in the add-section form, or "".
func (p taxonomyPage) SectionError(field string) string {
	if p.Kind != taxonomyKindSection {
		return ""
	}
	return p.Errors[field]
}

// TagError returns the message key of a field's error in the add-tag form, or "".
func (p taxonomyPage) TagError(field string) string {
	if p.Kind != taxonomyKindTag {
		return ""
	}
	return p.Errors[field]
}

// taxonomyEditPage is the data of the form that edits one section or tag.
type taxonomyEditPage struct {
	page
	Kind     string // "section" or "tag"
	ID       int64
	Heading  string // the stored name, while the form may hold another
	Articles int
	Form     taxonomyForm
	Errors   map[string]string // field → message key
}

// Error returns the message key of a field's error, or "".
func (p taxonomyEditPage) Error(field string) string { return p.Errors[field] }

// showTaxonomy lists sections and tags, with forms to add either.
//
// GET /admin/taxonomy
func (h *handler) showTaxonomy(w http.ResponseWriter, r *http.Request) {
	h.renderTaxonomy(w, r, http.StatusOK, "", taxonomyForm{Position: "0"}, taxonomyForm{}, nil)
}

// renderTaxonomy renders the list page; kind names the add form that
// failed with errs and keeps what was typed in it.
func (h *handler) renderTaxonomy(w http.ResponseWriter, r *http.Request, status int, kind string, sf, tf taxonomyForm, errs map[string]string) {
	ctx := r.Context()
	p := taxonomyPage{page: h.newPage(r, h.cat.T("admin.taxonomy.title"), "taxonomy"),
		SectionForm: sf, TagForm: tf, Kind: kind, Errors: errs}
	sections, err := h.Store.Sections(ctx)
	if err != nil {
		h.error(w, r, err)
		return
	}
	for _, s := range sections {
		_, n, err := h.Store.Articles(ctx, warta.ArticleFilter{SectionID: s.ID, Limit: 1})
		if err != nil {
			h.error(w, r, err)
			return
		}
		p.Sections = append(p.Sections, sectionRow{Section: s, Articles: n})
	}
	tags, err := h.Store.Tags(ctx)
	if err != nil {
		h.error(w, r, err)
		return
	}
	for _, t := range tags {
		_, n, err := h.Store.Articles(ctx, warta.ArticleFilter{TagID: t.ID, Limit: 1})
		if err != nil {
			h.error(w, r, err)
			return
		}
		p.Tags = append(p.Tags, tagRow{Tag: t, Articles: n})
	}
	h.render(w, r, status, "admin/taxonomy", p)
}

// addSection creates a section; a slug left empty is made from the name.
//
// POST /admin/sections  (name, slug, description, position)
func (h *handler) addSection(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parseTaxonomyForm(w, r)
	if !ok {
		return
	}
	s := &warta.Section{}
	if errs := f.toSection(s); errs != nil {
		h.renderTaxonomy(w, r, http.StatusUnprocessableEntity, taxonomyKindSection, f, taxonomyForm{}, errs)
		return
	}
	if err := h.Store.CreateSection(r.Context(), s); err != nil {
		if errs := h.taxonomyErrors(err, &f, s.Slug); errs != nil {
			h.renderTaxonomy(w, r, http.StatusUnprocessableEntity, taxonomyKindSection, f, taxonomyForm{}, errs)
			return
		}
		h.error(w, r, err)
		return
	}
	h.audit(r, taxonomyAuditAction, "section:"+strconv.FormatInt(s.ID, 10), "created "+s.Slug)
	http.Redirect(w, r, taxonomyListPath+"?done=saved", http.StatusSeeOther)
}

// editSection shows the form that edits one section.
//
// GET /admin/sections/{id}
func (h *handler) editSection(w http.ResponseWriter, r *http.Request) {
	s, err := h.sectionByID(r, idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	f := taxonomyForm{Name: s.Name, Slug: s.Slug, Description: s.Description, Position: strconv.Itoa(s.Position)}
	h.renderTaxonomyEdit(w, r, http.StatusOK, taxonomyKindSection, s.ID, s.Name, f, nil)
}

// saveSection saves a section's name, slug, description and position.
// A new slug changes the section's public address.
//
// POST /admin/sections/{id}  (name, slug, description, position)
func (h *handler) saveSection(w http.ResponseWriter, r *http.Request) {
	old, err := h.sectionByID(r, idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	f, ok := h.parseTaxonomyForm(w, r)
	if !ok {
		return
	}
	s := &warta.Section{ID: old.ID}
	errs := f.toSection(s)
	if errs == nil {
		if err := h.Store.UpdateSection(r.Context(), s); err != nil {
			if errs = h.taxonomyErrors(err, &f, s.Slug); errs == nil {
				h.error(w, r, err)
				return
			}
		}
	}
	if errs != nil {
		h.renderTaxonomyEdit(w, r, http.StatusUnprocessableEntity, taxonomyKindSection, old.ID, old.Name, f, errs)
		return
	}
	h.audit(r, taxonomyAuditAction, "section:"+strconv.FormatInt(s.ID, 10), taxonomyChangeDetail(old.Slug, s.Slug))
	http.Redirect(w, r, taxonomyListPath+"?done=saved", http.StatusSeeOther)
}

// addTag creates a tag; a slug left empty is made from the name.
//
// POST /admin/tags  (name, slug)
func (h *handler) addTag(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parseTaxonomyForm(w, r)
	if !ok {
		return
	}
	t := &warta.Tag{}
	if errs := f.toTag(t); errs != nil {
		h.renderTaxonomy(w, r, http.StatusUnprocessableEntity, taxonomyKindTag, taxonomyForm{Position: "0"}, f, errs)
		return
	}
	if err := h.Store.CreateTag(r.Context(), t); err != nil {
		if errs := h.taxonomyErrors(err, &f, t.Slug); errs != nil {
			h.renderTaxonomy(w, r, http.StatusUnprocessableEntity, taxonomyKindTag, taxonomyForm{Position: "0"}, f, errs)
			return
		}
		h.error(w, r, err)
		return
	}
	h.audit(r, taxonomyAuditAction, "tag:"+strconv.FormatInt(t.ID, 10), "created "+t.Slug)
	http.Redirect(w, r, taxonomyListPath+"?done=saved", http.StatusSeeOther)
}

// editTag shows the form that edits one tag.
//
// GET /admin/tags/{id}
func (h *handler) editTag(w http.ResponseWriter, r *http.Request) {
	t, err := h.tagByID(r, idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.renderTaxonomyEdit(w, r, http.StatusOK, taxonomyKindTag, t.ID, t.Name, taxonomyForm{Name: t.Name, Slug: t.Slug}, nil)
}

// saveTag saves a tag's name and slug.
//
// POST /admin/tags/{id}  (name, slug)
func (h *handler) saveTag(w http.ResponseWriter, r *http.Request) {
	old, err := h.tagByID(r, idParam(r.PathValue("id")))
	if err != nil {
		h.error(w, r, err)
		return
	}
	f, ok := h.parseTaxonomyForm(w, r)
	if !ok {
		return
	}
	t := &warta.Tag{ID: old.ID}
	errs := f.toTag(t)
	if errs == nil {
		if err := h.Store.UpdateTag(r.Context(), t); err != nil {
			if errs = h.taxonomyErrors(err, &f, t.Slug); errs == nil {
				h.error(w, r, err)
				return
			}
		}
	}
	if errs != nil {
		h.renderTaxonomyEdit(w, r, http.StatusUnprocessableEntity, taxonomyKindTag, old.ID, old.Name, f, errs)
		return
	}
	h.audit(r, taxonomyAuditAction, "tag:"+strconv.FormatInt(t.ID, 10), taxonomyChangeDetail(old.Slug, t.Slug))
	http.Redirect(w, r, taxonomyListPath+"?done=saved", http.StatusSeeOther)
}

// renderTaxonomyEdit renders the edit form of a section or tag.
func (h *handler) renderTaxonomyEdit(w http.ResponseWriter, r *http.Request, status int, kind string, id int64, name string, f taxonomyForm, errs map[string]string) {
	p := taxonomyEditPage{page: h.newPage(r, name, "taxonomy"), Kind: kind, ID: id, Heading: name, Form: f, Errors: errs}
	filter := warta.ArticleFilter{SectionID: id, Limit: 1}
	if kind == taxonomyKindTag {
		filter = warta.ArticleFilter{TagID: id, Limit: 1}
	}
	_, n, err := h.Store.Articles(r.Context(), filter)
	if err != nil {
		h.error(w, r, err)
		return
	}
	p.Articles = n
	h.render(w, r, status, "admin/taxonomy_edit", p)
}

// sectionByID finds a section among all of them: the store looks
// sections up by slug only, and a site has few.
func (h *handler) sectionByID(r *http.Request, id int64) (*warta.Section, error) {
	sections, err := h.Store.Sections(r.Context())
	if err != nil {
		return nil, err
	}
	for _, s := range sections {
		if s.ID == id {
			return s, nil
		}
	}
	return nil, &warta.Error{Code: warta.ENOTFOUND, Message: "no such section"}
}

// tagByID finds a tag among all of them, as sectionByID does.
func (h *handler) tagByID(r *http.Request, id int64) (*warta.Tag, error) {
	tags, err := h.Store.Tags(r.Context())
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		if t.ID == id {
			return t, nil
		}
	}
	return nil, &warta.Error{Code: warta.ENOTFOUND, Message: "no such tag"}
}

// parseTaxonomyForm reads a posted section or tag form; on a bad request
// it has answered already and reports false.
func (h *handler) parseTaxonomyForm(w http.ResponseWriter, r *http.Request) (taxonomyForm, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxTaxonomyFormBytes)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return taxonomyForm{}, false
	}
	return taxonomyForm{
		Name:        strings.TrimSpace(r.PostFormValue("name")),
		Slug:        strings.TrimSpace(r.PostFormValue("slug")),
		Description: strings.TrimSpace(r.PostFormValue("description")),
		Position:    strings.TrimSpace(r.PostFormValue("position")),
	}, true
}

// toSection checks the form and fills s from it, or returns the errors by field.
func (f taxonomyForm) toSection(s *warta.Section) map[string]string {
	errs := map[string]string{}
	pos := 0
	if f.Position != "" {
		n, err := strconv.Atoi(f.Position)
		if err != nil {
			errs["position"] = "admin.taxonomy.error.position"
		}
		pos = n
	}
	if utf8.RuneCountInString(f.Description) > maxSectionDescription {
		errs["description"] = "admin.taxonomy.error.description_too_long"
	}
	s.Name, s.Slug, s.Description, s.Position = f.Name, f.wantedSlug(), f.Description, pos
	f.check(s.Validate(), errs)
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// toTag checks the form and fills t from it, or returns the errors by field.
func (f taxonomyForm) toTag(t *warta.Tag) map[string]string {
	errs := map[string]string{}
	t.Name, t.Slug = f.Name, f.wantedSlug()
	f.check(t.Validate(), errs)
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// wantedSlug is the slug typed, or one made from the name when none was.
func (f taxonomyForm) wantedSlug() string {
	if f.Slug != "" {
		return f.Slug
	}
	return slug.Make(f.Name)
}

// check adds the domain's validation errors, and the form's own length
// limit on the name, to errs. A slug left empty with an empty name is
// not reported: the name's error says what is wrong.
func (f taxonomyForm) check(err error, errs map[string]string) {
	var e *warta.Error
	if asError(err, &e) {
		for field, key := range e.Fields {
			errs[field] = key
		}
	}
	if f.Slug == "" && f.Name == "" {
		delete(errs, "slug")
	}
	if utf8.RuneCountInString(f.Name) > maxTaxonomyName {
		errs["name"] = "admin.taxonomy.error.name_too_long"
	}
}

// taxonomyErrors turns a store's refusal (a taken slug, an invalid field)
// into errors by field, or nil for any other failure. When the slug was
// made from the name, the form shows it so that it can be changed.
func (h *handler) taxonomyErrors(err error, f *taxonomyForm, used string) map[string]string {
	switch warta.ErrorCode(err) {
	case warta.EINVALID, warta.ECONFLICT:
	default:
		return nil
	}
	errs := h.fieldErrors(err)
	if len(errs) == 0 {
		errs = map[string]string{"slug": "error.slug_taken"}
		if warta.ErrorCode(err) == warta.EINVALID {
			errs = map[string]string{"name": "error.form"}
		}
	}
	if _, ok := errs["slug"]; ok && f.Slug == "" {
		f.Slug = used
	}
	return errs
}

// taxonomyChangeDetail describes an edit for the audit log.
func taxonomyChangeDetail(oldSlug, newSlug string) string {
	if oldSlug == newSlug {
		return "edited " + newSlug
	}
	return "edited " + oldSlug + " → " + newSlug
}
