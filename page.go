package warta

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// PageStatus says whether readers can see a page.
type PageStatus string

// Page statuses. A page has no workflow of its own: it is written as a
// draft and published when ready; unpublishing makes it a draft again.
const (
	PageDraft     PageStatus = "draft"
	PagePublished PageStatus = "published"
)

// Valid reports whether s is a known page status.
func (s PageStatus) Valid() bool { return s == PageDraft || s == PagePublished }

// Page is a standing page of the site, outside the news flow: Tentang
// Kami, Redaksi, Pedoman Media Siber, Kontak. It is served at /SLUG/ and
// may be linked from the footer menu.
type Page struct {
	ID    int64
	Slug  string
	Title string
	// BodyMarkdown is what the editor typed; BodyHTML is its sanitised
	// rendering, made when the page is saved (see package markdown).
	BodyMarkdown string
	BodyHTML     string
	Status       PageStatus
	// MenuOrder is the page's position in the footer menu, from 1; 0
	// means it is not in the menu. Only published pages are shown there.
	// SetMenu arranges the menu; CreatePage and UpdatePage store the
	// value as given.
	MenuOrder int
	// MenuLabel is a short name for the footer menu ("Kontak" for
	// "Hubungi Redaksi"); empty means the title.
	MenuLabel string
	// CreatedAt is set by CreatePage unless given (an import keeps the
	// original date); UpdatedAt is set by the store on every save, and by
	// CreatePage to the given value when there is one.
	CreatedAt time.Time
	UpdatedAt time.Time
	// Revision is the number of the page's latest save: 1 when created,
	// one more on every UpdatePage and every import that changes it.
	// UpdatePage refuses (ECONFLICT, Fields["revision"]) a save whose
	// Revision is not the stored one: someone saved the page after this
	// copy was read, and saving would silently undo their work. SetMenu
	// leaves it as it is, since no editor types the menu order.
	Revision int
}

// Limits on page fields, checked by Validate.
const (
	MaxPageTitleLen = 300
	MaxMenuLabelLen = 60
)

// reservedSlugs are first path segments that the site, the newsroom, the
// API or WordPress-style redirects use, or may come to use: a page there
// would be shadowed or would shadow them.
var reservedSlugs = map[string]bool{
	"admin": true, "api": true, "author": true, "avatar": true, "category": true,
	"comments": true, "feed": true, "healthz": true, "media": true, "page": true,
	"preview": true, "readyz": true, "search": true, "section": true, "static": true,
	"tag": true, "wp-admin": true, "wp-content": true, "wp-includes": true, "wp-json": true,
	"xmlrpc": true,
}

// ReservedPageSlug reports whether slug cannot be a page's slug because
// the site's own addresses start with it: a reserved word, anything
// starting with "sitemap", or a number (years in article addresses,
// WordPress's numeric links).
func ReservedPageSlug(slug string) bool {
	if reservedSlugs[slug] || strings.HasPrefix(slug, "sitemap") {
		return true
	}
	return slug != "" && strings.Trim(slug, "0123456789") == ""
}

// Validate checks the rules that hold for every page, whatever writes it.
// It trims Title and MenuLabel, and returns an EINVALID *Error whose
// Fields name each broken rule.
func (p *Page) Validate() error {
	fields := map[string]string{}
	switch {
	case !ValidSlug(p.Slug):
		fields["slug"] = "error.slug_invalid"
	case ReservedPageSlug(p.Slug):
		fields["slug"] = "pages.error.slug_reserved"
	}
	p.Title = strings.TrimSpace(p.Title)
	switch {
	case p.Title == "":
		fields["title"] = "error.required"
	case !utf8.ValidString(p.Title) || utf8.RuneCountInString(p.Title) > MaxPageTitleLen:
		fields["title"] = "error.too_long"
	}
	p.MenuLabel = strings.TrimSpace(p.MenuLabel)
	if !utf8.ValidString(p.MenuLabel) || utf8.RuneCountInString(p.MenuLabel) > MaxMenuLabelLen {
		fields["menu_label"] = "error.too_long"
	}
	if !utf8.ValidString(p.BodyMarkdown) {
		fields["body"] = "error.invalid_utf8"
	}
	if !p.Status.Valid() {
		fields["status"] = "error.invalid"
	}
	if p.MenuOrder < 0 {
		fields["menu_order"] = "error.invalid"
	}
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "the page is not valid", Key: "error.form", Fields: fields}
	}
	return nil
}

// Permalink returns the page's path, /slug/.
func (p *Page) Permalink() string { return "/" + p.Slug + "/" }

// Published reports whether readers may see the page.
func (p *Page) Published() bool { return p.Status == PagePublished }

// InMenu reports whether readers see the page in the footer menu.
func (p *Page) InMenu() bool { return p.Published() && p.MenuOrder > 0 }

// MenuName is the page's name in the footer menu: its label, or its title.
func (p *Page) MenuName() string {
	if p.MenuLabel != "" {
		return p.MenuLabel
	}
	return p.Title
}

// PageTag is on a page's own address.
func PageTag(id int64) string { return "page:" + strconv.FormatInt(id, 10) }

// PageStore keeps pages. The footer menu is on every public page, so a
// write that changes what the menu shows records TagGlobal.
type PageStore interface {
	// CreatePage inserts p and sets its ID, CreatedAt, UpdatedAt and
	// Revision (1). Errors: EINVALID, ECONFLICT (slug taken).
	CreatePage(ctx context.Context, p *Page) error
	// UpdatePage saves every field of the page with ID p.ID, provided
	// p.Revision is the stored revision, and sets UpdatedAt and Revision
	// (the next number). Errors: ENOTFOUND, EINVALID, ECONFLICT (slug
	// taken, or Fields["revision"] when p.Revision is not the stored one).
	UpdatePage(ctx context.Context, p *Page) error
	// PageByID returns one page whatever its status. Errors: ENOTFOUND.
	PageByID(ctx context.Context, id int64) (*Page, error)
	// PageBySlug returns one page whatever its status; readers' handlers
	// check Published. Errors: ENOTFOUND.
	PageBySlug(ctx context.Context, slug string) (*Page, error)
	// Pages returns every page whatever its status, by title (for the
	// newsroom, the sitemap and exports).
	Pages(ctx context.Context) ([]*Page, error)
	// DeletePage deletes a page. Errors: ENOTFOUND.
	DeletePage(ctx context.Context, id int64) error
	// MenuPages returns the published pages in the footer menu, in menu
	// order.
	MenuPages(ctx context.Context) ([]*Page, error)
	// SetMenu arranges the footer menu: the pages ids name get MenuOrder
	// 1, 2, 3… in that order, and every other page leaves the menu.
	// It leaves Revision alone: the page editor does not carry the menu
	// order, so arranging the menu cannot clash with an open editor.
	// Errors: EINVALID (an ID named twice), ENOTFOUND (no such page);
	// nothing changes on error.
	SetMenu(ctx context.Context, ids []int64) error
}
