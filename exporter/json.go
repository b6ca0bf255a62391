package exporter

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"time"

	"warta"
)

// JSONFormat and JSONVersion open every JSON export. The version changes
// only when a reader of an older version would misread the file; new
// fields may appear without it (readers ignore fields they do not know).
// docs/export-json.md describes the format.
const (
	JSONFormat  = "warta-export"
	JSONVersion = 1
)

// JSONSite describes the site the export came from.
type JSONSite struct {
	Title    string `json:"title"`
	Tagline  string `json:"tagline"`
	BaseURL  string `json:"base_url"`
	Language string `json:"language"`
	Timezone string `json:"timezone"`
}

// JSONSection is one section.
type JSONSection struct {
	ID          int64  `json:"id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Position    int    `json:"position"`
}

// JSONTag is one tag.
type JSONTag struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// JSONAuthor is one author profile. Email is the address of the staff
// account that writes under it, in a private export only.
type JSONAuthor struct {
	ID    int64  `json:"id"`
	Slug  string `json:"slug"`
	Name  string `json:"name"`
	Bio   string `json:"bio"`
	Email string `json:"email,omitempty"`
}

// JSONVariant is one resized copy of an image.
type JSONVariant struct {
	Path   string `json:"path"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// JSONMedia is one media library entry: its metadata, and where to fetch
// the file (URL) or find it under the media folder (Path).
type JSONMedia struct {
	ID           int64         `json:"id"`
	Path         string        `json:"path"`
	URL          string        `json:"url,omitempty"`
	MIME         string        `json:"mime"`
	Width        int           `json:"width"`
	Height       int           `json:"height"`
	Size         int64         `json:"size"`
	Hash         string        `json:"sha256"`
	OriginalName string        `json:"original_name"`
	Alt          string        `json:"alt"`
	Caption      string        `json:"caption"`
	Credit       string        `json:"credit"`
	Variants     []JSONVariant `json:"variants"`
	// UploadedBy is the author profile of the staff member who uploaded
	// it, 0 when unknown.
	UploadedBy int64     `json:"uploaded_by_author_id"`
	CreatedAt  time.Time `json:"created_at"`
}

// JSONPage is one standing page. MenuOrder is its place in the footer
// menu from 1, or 0 when it is not in the menu.
type JSONPage struct {
	ID           int64     `json:"id"`
	Slug         string    `json:"slug"`
	URL          string    `json:"url,omitempty"`
	Title        string    `json:"title"`
	BodyMarkdown string    `json:"body_markdown"`
	BodyHTML     string    `json:"body_html"`
	Status       string    `json:"status"`
	MenuOrder    int       `json:"menu_order"`
	MenuLabel    string    `json:"menu_label"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// JSONImage is an article's lead image as placed in the article.
type JSONImage struct {
	MediaID  int64         `json:"media_id"`
	Path     string        `json:"path"`
	URL      string        `json:"url,omitempty"`
	Alt      string        `json:"alt"`
	Caption  string        `json:"caption"`
	Credit   string        `json:"credit"`
	Width    int           `json:"width"`
	Height   int           `json:"height"`
	Variants []JSONVariant `json:"variants"`
}

// JSONCorrection is a correction note under an article.
type JSONCorrection struct {
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
}

// JSONArticle is one article, in any status. Times that were never set
// (a draft's publication time) are null.
type JSONArticle struct {
	ID           int64            `json:"id"`
	Slug         string           `json:"slug"`
	URL          string           `json:"url,omitempty"`
	Headline     string           `json:"headline"`
	Dek          string           `json:"dek"`
	BodyMarkdown string           `json:"body_markdown"`
	BodyHTML     string           `json:"body_html"`
	Status       string           `json:"status"`
	SectionID    int64            `json:"section_id"`
	TagIDs       []int64          `json:"tag_ids"`
	AuthorIDs    []int64          `json:"author_ids"`
	LeadImage    *JSONImage       `json:"lead_image"`
	CommentsOpen bool             `json:"comments_open"`
	PublishedAt  *time.Time       `json:"published_at"`
	CreatedAt    time.Time        `json:"created_at"`
	UpdatedAt    time.Time        `json:"updated_at"`
	RevisedAt    *time.Time       `json:"revised_at"`
	Corrections  []JSONCorrection `json:"corrections"`
}

// JSONComment is one reader comment, in any status. The private fields
// are present only in a private export.
type JSONComment struct {
	ID          int64     `json:"id"`
	ArticleID   int64     `json:"article_id"`
	ParentID    int64     `json:"parent_id"`
	AuthorName  string    `json:"author_name"`
	AuthorURL   string    `json:"author_url"`
	AuthorEmail string    `json:"author_email,omitempty"`
	AuthorIP    string    `json:"author_ip,omitempty"`
	UserAgent   string    `json:"user_agent,omitempty"`
	Reason      string    `json:"reason,omitempty"`
	Content     string    `json:"content"`
	ContentHTML string    `json:"content_html"`
	Status      string    `json:"status"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// WriteJSON writes the whole site to w as one JSON object (see
// docs/export-json.md): the head, then sections, tags, authors, media,
// pages, articles and comments, each array written an element at a time as the
// store is paged through.
func WriteJSON(ctx context.Context, src Source, w io.Writer, o Options) error {
	if err := o.check(false); err != nil {
		return err
	}
	j := &jsonWriter{w: bufio.NewWriter(w)}
	j.raw("{\n")
	j.field("format", JSONFormat)
	j.field("version", JSONVersion)
	j.field("generator", "Warta/"+warta.Version)
	j.field("exported_at", o.Now().UTC())
	j.field("includes_private", o.IncludePrivate)
	j.field("site", JSONSite{Title: o.Title, Tagline: o.Tagline, BaseURL: o.BaseURL,
		Language: o.Language, Timezone: o.Location.String()})

	sections, err := src.Sections(ctx)
	if err != nil {
		return err
	}
	j.startArray("sections")
	for _, s := range sections {
		j.element(JSONSection{ID: s.ID, Slug: s.Slug, Name: s.Name, Description: s.Description, Position: s.Position})
	}
	j.endArray(false)

	tags, err := src.Tags(ctx)
	if err != nil {
		return err
	}
	j.startArray("tags")
	for _, t := range tags {
		j.element(JSONTag{ID: t.ID, Slug: t.Slug, Name: t.Name})
	}
	j.endArray(false)

	emails, authorOfUser, err := staffEmails(ctx, src)
	if err != nil {
		return err
	}
	authors, err := src.Authors(ctx)
	if err != nil {
		return err
	}
	j.startArray("authors")
	for _, a := range authors {
		out := JSONAuthor{ID: a.ID, Slug: a.Slug, Name: a.Name, Bio: a.Bio}
		if o.IncludePrivate {
			out.Email = emails[a.ID]
		}
		j.element(out)
	}
	j.endArray(false)

	j.startArray("media")
	err = eachMedia(ctx, src, &o, func(m *warta.Media) error {
		j.element(JSONMedia{
			ID: m.ID, Path: m.Path, URL: o.mediaURL(m.Path), MIME: m.MIME, Width: m.Width, Height: m.Height,
			Size: m.Size, Hash: m.Hash, OriginalName: m.OriginalName, Alt: m.Alt, Caption: m.Caption,
			Credit: m.Credit, Variants: jsonVariants(m.Variants), UploadedBy: authorOfUser[m.UploadedBy],
			CreatedAt: m.CreatedAt.UTC(),
		})
		return j.err
	})
	if err != nil {
		return err
	}
	j.endArray(false)

	pages, err := src.Pages(ctx)
	if err != nil {
		return err
	}
	j.startArray("pages")
	for _, p := range pages {
		out := JSONPage{ID: p.ID, Slug: p.Slug, Title: p.Title, BodyMarkdown: p.BodyMarkdown, BodyHTML: p.BodyHTML,
			Status: string(p.Status), MenuOrder: p.MenuOrder, MenuLabel: p.MenuLabel,
			CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC()}
		if p.Published() && o.BaseURL != "" {
			out.URL = o.BaseURL + p.Permalink()
		}
		j.element(out)
	}
	j.endArray(false)

	// The comments follow the articles, read article by article: the
	// store lists one article's comments from its index, where a walk
	// through the whole site's comments would sort them all for every page.
	// Keeping the IDs (8 bytes an article) is all that needs.
	var articleIDs []int64
	j.startArray("articles")
	err = eachArticle(ctx, src, &o, func(a *warta.Article) error {
		articleIDs = append(articleIDs, a.ID)
		corrections, err := src.Corrections(ctx, a.ID)
		if err != nil {
			return err
		}
		j.element(jsonArticle(&o, a, corrections))
		j.flush() // an article is big enough to go out on its own
		return j.err
	})
	if err != nil {
		return err
	}
	j.endArray(false)

	j.startArray("comments")
	writeComment := func(c *warta.Comment) error {
		out := JSONComment{
			ID: c.ID, ArticleID: c.ArticleID, ParentID: c.ParentID, AuthorName: c.AuthorName,
			AuthorURL: c.AuthorURL, Content: c.Content, ContentHTML: c.ContentHTML,
			Status: string(c.Status), CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
		}
		if o.IncludePrivate {
			out.AuthorEmail, out.AuthorIP, out.UserAgent, out.Reason = c.AuthorEmail, c.AuthorIP, c.UserAgent, c.Reason
		}
		j.element(out)
		return j.err
	}
	for _, id := range articleIDs {
		if err := eachComment(ctx, src, &o, id, writeComment); err != nil {
			return err
		}
		j.flush()
	}
	j.endArray(true)
	j.raw("}\n")
	j.flush()
	return j.err
}

func jsonArticle(o *Options, a *warta.Article, corrections []*warta.Correction) JSONArticle {
	out := JSONArticle{
		ID: a.ID, Slug: a.Slug, Headline: a.Headline, Dek: a.Dek, BodyMarkdown: a.BodyMarkdown,
		BodyHTML: a.BodyHTML, Status: string(a.Status), SectionID: a.Section.ID,
		TagIDs: []int64{}, AuthorIDs: []int64{}, CommentsOpen: a.CommentsOpen,
		PublishedAt: optionalTime(a.PublishedAt), CreatedAt: a.CreatedAt.UTC(),
		UpdatedAt: a.UpdatedAt.UTC(), RevisedAt: optionalTime(a.RevisedAt),
		Corrections: []JSONCorrection{},
	}
	if a.Status == warta.StatusPublished && !a.PublishedAt.IsZero() && o.BaseURL != "" {
		out.URL = o.BaseURL + a.Permalink(o.Location)
	}
	for _, t := range a.Tags {
		out.TagIDs = append(out.TagIDs, t.ID)
	}
	for _, au := range a.Authors {
		out.AuthorIDs = append(out.AuthorIDs, au.ID)
	}
	if img := a.LeadImage; img.Path != "" {
		out.LeadImage = &JSONImage{
			MediaID: img.MediaID, Path: img.Path, URL: o.mediaURL(img.Path), Alt: img.Alt,
			Caption: img.Caption, Credit: img.Credit, Width: img.Width, Height: img.Height,
			Variants: jsonVariants(img.Variants),
		}
	}
	for _, c := range corrections {
		out.Corrections = append(out.Corrections, JSONCorrection{Note: c.Note, CreatedAt: c.CreatedAt.UTC()})
	}
	return out
}

func jsonVariants(vs []warta.ImageVariant) []JSONVariant {
	out := make([]JSONVariant, len(vs))
	for i, v := range vs {
		out[i] = JSONVariant{Path: v.Path, Width: v.Width, Height: v.Height}
	}
	return out
}

// optionalTime is nil for the zero time, so the JSON says null rather
// than a date in year 1.
func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// jsonWriter writes one JSON object whose big arrays are written an
// element per line, as they come. It keeps the first error.
type jsonWriter struct {
	w     *bufio.Writer
	err   error
	first bool // no element written yet in the open array
}

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

func (j *jsonWriter) flush() {
	if j.err == nil {
		j.err = j.w.Flush()
	}
}

func (j *jsonWriter) marshal(v any) {
	if j.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		j.err = err
		return
	}
	_, j.err = j.w.Write(b)
}

// field writes "key": value, followed by a comma: a field is never last.
func (j *jsonWriter) field(key string, v any) {
	j.raw("  ")
	j.marshal(key)
	j.raw(": ")
	j.marshal(v)
	j.raw(",\n")
}

func (j *jsonWriter) startArray(key string) {
	j.raw("  ")
	j.marshal(key)
	j.raw(": [")
	j.first = true
}

func (j *jsonWriter) element(v any) {
	if j.first {
		j.raw("\n    ")
	} else {
		j.raw(",\n    ")
	}
	j.first = false
	j.marshal(v)
}

func (j *jsonWriter) endArray(last bool) {
	if !j.first {
		j.raw("\n  ")
	}
	if last {
		j.raw("]\n")
	} else {
		j.raw("],\n")
	}
}
