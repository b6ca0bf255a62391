package exporter

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/slug"
)

// The namespaces of a WXR 1.2 file, spelt as WordPress itself writes
// them (WordPress.com writes https:// for the wp ones; importers accept
// both).
const (
	NamespaceExcerpt = "http://wordpress.org/export/1.2/excerpt/"
	NamespaceContent = "http://purl.org/rss/1.0/modules/content/"
	NamespaceWfw     = "http://wellformedweb.org/CommentAPI/"
	NamespaceDC      = "http://purl.org/dc/elements/1.1/"
	NamespaceWP      = "http://wordpress.org/export/1.2/"
	// NamespaceWarta holds the little WordPress has no place for (an
	// author's bio). WordPress's importer skips elements it does not know.
	NamespaceWarta = "urn:x-warta:export:1"
)

// Post meta keys that carry what WordPress has no field for, so that a
// Warta import of the file loses nothing. WordPress keeps them as plain
// post meta; keys starting with "_" are hidden in its editor.
const (
	MetaID          = "_warta_id"          // the article's, page's or media entry's ID in Warta
	MetaMarkdown    = "_warta_markdown"    // the body as the writer typed it
	MetaAuthors     = "_warta_authors"     // author slugs in byline order, separated by commas
	MetaLeadImage   = "_warta_lead_image"  // JSON: the lead image as the article places it
	MetaRevisedAt   = "_warta_revised_at"  // RFC 3339, UTC
	MetaCorrections = "_warta_corrections" // JSON [{"note","created_at"}], oldest first
	MetaMenuLabel   = "_warta_menu_label"  // a page's short name in the footer menu
	MetaPosition    = "_warta_position"    // term meta: a section's place in the navigation
	MetaReason      = "_warta_reason"      // comment meta, private: why it has its status
	MetaThumbnailID = "_thumbnail_id"      // WordPress's featured image: an attachment's post ID
	MetaAttached    = "_wp_attached_file"  // WordPress: the file's path under the uploads folder
	MetaAlt         = "_wp_attachment_image_alt"
	// MetaAttachment is WordPress's record of an image, PHP-serialised:
	// its size, its file and its image_meta, where WordPress keeps the
	// caption and the credit line. (WordPress's importer makes its own from
	// the file; other importers read the credit from here.)
	MetaAttachment = "_wp_attachment_metadata"
)

// wpDate is how WordPress writes dates in WXR ("2024-06-19 14:05:00").
const wpDate = "2006-01-02 15:04:05"

// wpNoDate is what WordPress writes as post_date_gmt of a draft that was
// never given a publication time.
const wpNoDate = "0000-00-00 00:00:00"

// WPStatus is the WordPress post status for a Warta article status. An
// unpublished article becomes private: kept, but not shown to readers.
func WPStatus(s warta.ArticleStatus) string {
	switch s {
	case warta.StatusPublished:
		return "publish"
	case warta.StatusScheduled:
		return "future"
	case warta.StatusPending:
		return "pending"
	case warta.StatusUnpublished:
		return "private"
	default:
		return "draft"
	}
}

// WPCommentApproved is wp:comment_approved for a Warta comment status.
func WPCommentApproved(s warta.CommentStatus) string {
	switch s {
	case warta.CommentApproved:
		return "1"
	case warta.CommentSpam:
		return "spam"
	case warta.CommentTrash:
		return "trash"
	default:
		return "0"
	}
}

// LeadImageMeta is the JSON value of the _warta_lead_image post meta.
type LeadImageMeta struct {
	MediaID int64  `json:"media_id,omitempty"`
	Path    string `json:"path"`
	Alt     string `json:"alt,omitempty"`
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
	// Variants are the smaller copies, narrowest first.
	Variants []JSONVariant `json:"variants,omitempty"`
}

// CorrectionMeta is one correction in the _warta_corrections post meta.
type CorrectionMeta struct {
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
}

// WriteWXR writes the whole site to w as a WXR 1.2 file: authors, sections
// (as categories), tags, then media entries (as attachments), pages, and
// articles (as posts) with their comments. It pages through src and
// flushes after every item, so memory stays bounded however big the site
// is.
//
// WordPress numbers posts, pages and attachments in one sequence, so the
// file's post IDs are: a media entry's own ID; a page's ID plus the
// highest media ID; an article's ID plus the highest media and page IDs.
// _warta_id keeps each one's Warta ID.
func WriteWXR(ctx context.Context, src Source, w io.Writer, o Options) error {
	if err := o.check(true); err != nil {
		return err
	}
	x := &wxrWriter{enc: xml.NewEncoder(w)}
	x.enc.Indent("", "\t")
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	x.start("rss",
		attr("version", "2.0"),
		attr("xmlns:excerpt", NamespaceExcerpt),
		attr("xmlns:content", NamespaceContent),
		attr("xmlns:wfw", NamespaceWfw),
		attr("xmlns:dc", NamespaceDC),
		attr("xmlns:wp", NamespaceWP),
		attr("xmlns:warta", NamespaceWarta),
	)
	x.start("channel")
	x.text("title", o.Title)
	x.text("link", o.BaseURL)
	x.text("description", o.Tagline)
	x.text("pubDate", o.Now().UTC().Format(time.RFC1123Z))
	x.text("language", o.Language)
	x.text("wp:wxr_version", "1.2")
	x.text("wp:base_site_url", o.BaseURL)
	x.text("wp:base_blog_url", o.BaseURL)

	emails, authorOfUser, err := staffEmails(ctx, src)
	if err != nil {
		return err
	}
	authors, err := src.Authors(ctx)
	if err != nil {
		return err
	}
	authorSlugs := map[int64]string{}
	for _, a := range authors {
		authorSlugs[a.ID] = a.Slug
		email := ""
		if o.IncludePrivate {
			email = emails[a.ID]
		}
		x.start("wp:author")
		x.text("wp:author_id", strconv.FormatInt(a.ID, 10))
		x.cdata("wp:author_login", a.Slug)
		x.cdata("wp:author_email", email)
		x.cdata("wp:author_display_name", a.Name)
		x.cdata("wp:author_first_name", "")
		x.cdata("wp:author_last_name", "")
		x.cdata("warta:author_bio", a.Bio)
		x.end("wp:author")
	}

	sections, err := src.Sections(ctx)
	if err != nil {
		return err
	}
	var maxSection int64
	for _, s := range sections {
		maxSection = max(maxSection, s.ID)
		x.start("wp:category")
		x.text("wp:term_id", strconv.FormatInt(s.ID, 10))
		x.cdata("wp:category_nicename", s.Slug)
		x.cdata("wp:category_parent", "")
		x.cdata("wp:cat_name", wpText(s.Name))
		x.cdata("wp:category_description", wpText(s.Description))
		x.meta("wp:termmeta", MetaPosition, strconv.Itoa(s.Position))
		x.end("wp:category")
	}
	tags, err := src.Tags(ctx)
	if err != nil {
		return err
	}
	for _, t := range tags {
		// Categories and tags share WordPress's term IDs.
		x.start("wp:tag")
		x.text("wp:term_id", strconv.FormatInt(maxSection+t.ID, 10))
		x.cdata("wp:tag_slug", t.Slug)
		x.cdata("wp:tag_name", wpText(t.Name))
		x.end("wp:tag")
	}
	x.text("generator", "Warta/"+warta.Version)
	if err := x.flush(); err != nil {
		return err
	}

	var maxMedia int64
	err = eachMedia(ctx, src, &o, func(m *warta.Media) error {
		maxMedia = max(maxMedia, m.ID)
		x.mediaItem(&o, m, authorSlugs[authorOfUser[m.UploadedBy]])
		return x.flush()
	})
	if err != nil {
		return err
	}

	// Pages are few (a site's standing pages), so they are read at once.
	pages, err := src.Pages(ctx)
	if err != nil {
		return err
	}
	var maxPage int64
	for _, p := range pages {
		maxPage = max(maxPage, p.ID)
		x.pageItem(&o, p, maxMedia+p.ID)
		if err := x.flush(); err != nil {
			return err
		}
	}

	err = eachArticle(ctx, src, &o, func(a *warta.Article) error {
		return x.articleItem(ctx, src, &o, a, maxMedia+maxPage+a.ID)
	})
	if err != nil {
		return err
	}
	x.end("channel")
	x.end("rss")
	if err := x.flush(); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// mediaItem writes one media library entry as an attachment.
func (x *wxrWriter) mediaItem(o *Options, m *warta.Media, creator string) {
	name := m.OriginalName
	if name == "" {
		name = path.Base(m.Path)
	}
	postName := slug.Make(strings.TrimSuffix(name, path.Ext(name)))
	if postName == "" {
		postName = "media-" + strconv.FormatInt(m.ID, 10)
	}
	url := o.mediaURL(m.Path)
	x.start("item")
	x.cdata("title", wpText(name))
	x.text("link", url)
	x.pubDate(m.CreatedAt)
	x.cdata("dc:creator", creator)
	x.guid(o, m.ID)
	x.text("description", "")
	x.cdata("content:encoded", "")
	x.cdata("excerpt:encoded", wpText(m.Caption))
	x.text("wp:post_id", strconv.FormatInt(m.ID, 10))
	x.dates(o, m.CreatedAt, m.CreatedAt)
	x.cdata("wp:comment_status", "closed")
	x.cdata("wp:ping_status", "closed")
	x.cdata("wp:post_name", postName)
	x.cdata("wp:status", "inherit")
	x.text("wp:post_parent", "0")
	x.text("wp:menu_order", "0")
	x.cdata("wp:post_type", "attachment")
	x.cdata("wp:post_password", "")
	x.text("wp:is_sticky", "0")
	x.cdata("wp:attachment_url", url)
	x.meta("wp:postmeta", MetaAttached, m.Path)
	if m.Alt != "" {
		x.meta("wp:postmeta", MetaAlt, m.Alt)
	}
	x.meta("wp:postmeta", MetaAttachment, attachmentMetadata(m))
	x.meta("wp:postmeta", MetaID, strconv.FormatInt(m.ID, 10))
	x.end("item")
}

// pageItem writes one standing page as a WordPress page.
func (x *wxrWriter) pageItem(o *Options, p *warta.Page, postID int64) {
	status, link := "draft", o.BaseURL+"/?page_id="+strconv.FormatInt(postID, 10)
	published := time.Time{}
	if p.Published() {
		// A page has no publication time of its own; WordPress needs one.
		status, link, published = "publish", o.BaseURL+p.Permalink(), p.CreatedAt
	}
	x.start("item")
	x.cdata("title", wpText(p.Title))
	x.text("link", link)
	x.pubDate(published)
	x.cdata("dc:creator", "")
	x.guid(o, postID)
	x.text("description", "")
	x.cdata("content:encoded", p.BodyHTML)
	x.cdata("excerpt:encoded", "")
	x.text("wp:post_id", strconv.FormatInt(postID, 10))
	x.dates(o, published, p.UpdatedAt)
	x.cdata("wp:comment_status", "closed")
	x.cdata("wp:ping_status", "closed")
	x.cdata("wp:post_name", p.Slug)
	x.cdata("wp:status", status)
	x.text("wp:post_parent", "0")
	x.text("wp:menu_order", strconv.Itoa(p.MenuOrder))
	x.cdata("wp:post_type", "page")
	x.cdata("wp:post_password", "")
	x.text("wp:is_sticky", "0")
	x.meta("wp:postmeta", MetaID, strconv.FormatInt(p.ID, 10))
	x.meta("wp:postmeta", MetaMarkdown, p.BodyMarkdown)
	if p.MenuLabel != "" {
		x.meta("wp:postmeta", MetaMenuLabel, p.MenuLabel)
	}
	x.end("item")
}

// articleItem writes one article as a post, with its comments.
func (x *wxrWriter) articleItem(ctx context.Context, src Source, o *Options, a *warta.Article, postID int64) error {
	corrections, err := src.Corrections(ctx, a.ID)
	if err != nil {
		return err
	}
	link := o.BaseURL + "/?p=" + strconv.FormatInt(postID, 10)
	if a.Status == warta.StatusPublished && !a.PublishedAt.IsZero() {
		link = o.BaseURL + a.Permalink(o.Location)
	}
	creator := ""
	slugs := make([]string, len(a.Authors))
	for i, au := range a.Authors {
		slugs[i] = au.Slug
	}
	if len(slugs) > 0 {
		creator = slugs[0]
	}
	commentStatus := "closed"
	if a.CommentsOpen {
		commentStatus = "open"
	}

	x.start("item")
	x.cdata("title", wpText(a.Headline))
	x.text("link", link)
	x.pubDate(a.PublishedAt)
	x.cdata("dc:creator", creator)
	x.guid(o, postID)
	x.text("description", "")
	x.cdata("content:encoded", a.BodyHTML)
	x.cdata("excerpt:encoded", wpText(a.Dek))
	x.text("wp:post_id", strconv.FormatInt(postID, 10))
	x.dates(o, a.PublishedAt, a.UpdatedAt)
	x.cdata("wp:comment_status", commentStatus)
	x.cdata("wp:ping_status", "closed")
	x.cdata("wp:post_name", a.Slug)
	x.cdata("wp:status", WPStatus(a.Status))
	x.text("wp:post_parent", "0")
	x.text("wp:menu_order", "0")
	x.cdata("wp:post_type", "post")
	x.cdata("wp:post_password", "")
	x.text("wp:is_sticky", "0")
	x.term("category", a.Section.Slug, wpText(a.Section.Name))
	for _, t := range a.Tags {
		x.term("post_tag", t.Slug, wpText(t.Name))
	}
	x.meta("wp:postmeta", MetaID, strconv.FormatInt(a.ID, 10))
	x.meta("wp:postmeta", MetaMarkdown, a.BodyMarkdown)
	x.meta("wp:postmeta", MetaAuthors, strings.Join(slugs, ","))
	if img := a.LeadImage; img.Path != "" {
		x.meta("wp:postmeta", MetaLeadImage, mustJSON(LeadImageMeta{
			MediaID: img.MediaID, Path: img.Path, Alt: img.Alt, Caption: img.Caption,
			Credit: img.Credit, Width: img.Width, Height: img.Height, Variants: jsonVariants(img.Variants),
		}))
		if img.MediaID != 0 {
			// Media entries keep their own IDs as post IDs.
			x.meta("wp:postmeta", MetaThumbnailID, strconv.FormatInt(img.MediaID, 10))
		}
	}
	if !a.RevisedAt.IsZero() {
		x.meta("wp:postmeta", MetaRevisedAt, a.RevisedAt.UTC().Format(time.RFC3339))
	}
	if len(corrections) > 0 {
		// One value for all: importers often keep only the first value of
		// a key.
		list := make([]CorrectionMeta, len(corrections))
		for i, c := range corrections {
			list[i] = CorrectionMeta{Note: c.Note, CreatedAt: c.CreatedAt.UTC()}
		}
		x.meta("wp:postmeta", MetaCorrections, mustJSON(list))
	}
	if err := x.flush(); err != nil {
		return err
	}
	err = eachComment(ctx, src, o, a.ID, func(c *warta.Comment) error {
		x.comment(o, c)
		return x.flush()
	})
	if err != nil {
		return err
	}
	x.end("item")
	return x.flush()
}

// comment writes one comment; its private fields only when asked.
func (x *wxrWriter) comment(o *Options, c *warta.Comment) {
	email, ip := "", ""
	if o.IncludePrivate {
		email, ip = c.AuthorEmail, c.AuthorIP
	}
	x.start("wp:comment")
	x.text("wp:comment_id", strconv.FormatInt(c.ID, 10))
	x.cdata("wp:comment_author", c.AuthorName)
	x.cdata("wp:comment_author_email", email)
	x.text("wp:comment_author_url", c.AuthorURL)
	x.text("wp:comment_author_IP", ip)
	x.cdata("wp:comment_date", c.CreatedAt.In(o.Location).Format(wpDate))
	x.cdata("wp:comment_date_gmt", c.CreatedAt.UTC().Format(wpDate))
	x.cdata("wp:comment_content", c.Content)
	x.cdata("wp:comment_approved", WPCommentApproved(c.Status))
	x.cdata("wp:comment_type", "comment")
	x.text("wp:comment_parent", strconv.FormatInt(c.ParentID, 10))
	x.text("wp:comment_user_id", "0")
	if o.IncludePrivate {
		// WordPress keeps the browser as comment_agent but does not export
		// it; importers that know the element read it.
		x.text("wp:comment_agent", c.UserAgent)
		if c.Reason != "" {
			x.meta("wp:commentmeta", MetaReason, c.Reason)
		}
	}
	x.end("wp:comment")
}

// wpText escapes Warta's plain text (headlines, deks, names,
// descriptions, captions) for the fields WordPress keeps as HTML, so that
// a "<" in a headline stays a character instead of becoming a tag. Quotes
// are left alone: they are safe in HTML text, and WordPress's own exports
// do not escape them either.
var wpText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// attachmentMetadata is a media entry as WordPress's
// _wp_attachment_metadata: a PHP-serialised array. A document (a PDF)
// has what WordPress keeps for a file it made no pictures of (its size in
// bytes, and the file) instead of a size in pixels; image_meta still
// carries its caption and credit, which WordPress ignores for a file and
// "warta import wxr" reads back.
func attachmentMetadata(m *warta.Media) string {
	str := func(s string) string { return "s:" + strconv.Itoa(len(s)) + ":\"" + s + "\";" }
	num := func(n int) string { return "i:" + strconv.Itoa(n) + ";" }
	texts := str("image_meta") + "a:2:{" + str("caption") + str(m.Caption) + str("credit") + str(m.Credit) + "}"
	if !m.IsImage() {
		return "a:3:{" + str("filesize") + "i:" + strconv.FormatInt(m.Size, 10) + ";" + str("file") + str(m.Path) + texts + "}"
	}
	return "a:4:{" +
		str("width") + num(m.Width) +
		str("height") + num(m.Height) +
		str("file") + str(m.Path) +
		texts +
		"}"
}

// wxrWriter writes XML elements one at a time and keeps the first error,
// so that the code above reads as the file it writes.
type wxrWriter struct {
	enc *xml.Encoder
	err error
}

func attr(name, value string) xml.Attr { return xml.Attr{Name: xml.Name{Local: name}, Value: value} }

// Element names are written with their prefix in the local name
// ("wp:post_id"): encoding/xml would otherwise declare a namespace on
// every element, which is valid but not what WordPress's parsers expect.
func (x *wxrWriter) start(name string, attrs ...xml.Attr) {
	if x.err == nil {
		x.err = x.enc.EncodeToken(xml.StartElement{Name: xml.Name{Local: name}, Attr: attrs})
	}
}

func (x *wxrWriter) end(name string) {
	if x.err == nil {
		x.err = x.enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: name}})
	}
}

// text writes <name>s</name> with s escaped.
func (x *wxrWriter) text(name, s string) {
	if x.err == nil {
		x.err = x.enc.EncodeElement(xmlChars(s), xml.StartElement{Name: xml.Name{Local: name}})
	}
}

// cdataText is marshalled as a CDATA section; encoding/xml splits any
// "]]>" inside it, as WordPress does.
type cdataText struct {
	S string `xml:",cdata"`
}

// cdata writes <name><![CDATA[s]]></name>, as WordPress writes text.
func (x *wxrWriter) cdata(name, s string) {
	if x.err == nil {
		x.err = x.enc.EncodeElement(cdataText{xmlChars(s)}, xml.StartElement{Name: xml.Name{Local: name}})
	}
}

// meta writes a wp:postmeta, wp:termmeta or wp:commentmeta pair.
func (x *wxrWriter) meta(element, key, value string) {
	x.start(element)
	x.cdata("wp:meta_key", key)
	x.cdata("wp:meta_value", value)
	x.end(element)
}

// term writes an item's category or tag.
func (x *wxrWriter) term(domain, nicename, name string) {
	if x.err == nil {
		x.err = x.enc.EncodeElement(cdataText{xmlChars(name)}, xml.StartElement{
			Name: xml.Name{Local: "category"},
			Attr: []xml.Attr{attr("domain", domain), attr("nicename", nicename)},
		})
	}
}

func (x *wxrWriter) guid(o *Options, postID int64) {
	if x.err == nil {
		x.err = x.enc.EncodeElement(o.BaseURL+"/?p="+strconv.FormatInt(postID, 10), xml.StartElement{
			Name: xml.Name{Local: "guid"}, Attr: []xml.Attr{attr("isPermaLink", "false")},
		})
	}
}

// pubDate writes the RSS date of an item, which has none when it was
// never given a publication time.
func (x *wxrWriter) pubDate(t time.Time) {
	if !t.IsZero() {
		x.text("pubDate", t.UTC().Format(time.RFC1123Z))
	}
}

// dates writes post_date (in the site's zone) and post_date_gmt, and the
// same for the last change. A draft never given a publication time gets
// WordPress's zero date in both, which WordPress reads as "not dated
// yet" (it dates the draft when it is imported), so that no importer
// mistakes the draft's creation for its publication.
func (x *wxrWriter) dates(o *Options, published, modified time.Time) {
	if published.IsZero() {
		x.cdata("wp:post_date", wpNoDate)
		x.cdata("wp:post_date_gmt", wpNoDate)
	} else {
		x.cdata("wp:post_date", published.In(o.Location).Format(wpDate))
		x.cdata("wp:post_date_gmt", published.UTC().Format(wpDate))
	}
	x.cdata("wp:post_modified", modified.In(o.Location).Format(wpDate))
	x.cdata("wp:post_modified_gmt", modified.UTC().Format(wpDate))
}

// flush hands what is written so far to the underlying writer.
func (x *wxrWriter) flush() error {
	if x.err == nil {
		x.err = x.enc.Flush()
	}
	return x.err
}

// xmlChars drops the characters XML 1.0 cannot carry at all (most
// control characters), which would otherwise make the whole file
// unreadable to every parser.
func xmlChars(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	ok := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
			r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	}
	for _, r := range s {
		if !ok(r) {
			return strings.Map(func(r rune) rune {
				if ok(r) {
					return r
				}
				return -1
			}, s)
		}
	}
	return s
}

// mustJSON encodes values whose types cannot fail to encode.
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
