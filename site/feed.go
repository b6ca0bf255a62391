package site

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"encoding/xml"
	"mime"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"warta"
	"warta/respond"
)

// Feeds come in three formats at three addresses under every list that
// has one: RSS 2.0 at …/feed/, Atom 1.0 at …/feed/atom/ and JSON Feed 1.1
// at …/feed/json/. Each feed is built once as a feed value and then
// written in the format asked for.
//
// The encoders are written here with encoding/xml and encoding/json
// rather than with github.com/gorilla/feeds: gorilla's items carry one
// category and one author, its Atom category is element text where RFC
// 4287 wants a term attribute, and its JSON Feed drops an empty "items",
// which JSON Feed requires.
//
// Item IDs are tag URIs (RFC 4151) minted from the site's host, the day
// the article or comment was created and its database ID:
// tag:warta.example,2024-06-19:article/42. They stay the same when an
// article's slug, headline or publication date changes, so feed readers
// do not show a renamed story twice. They change only if the site moves
// to another host.

// feedSize is how many items a feed carries.
const feedSize = 20

// Content types of the three feed formats.
const (
	rssType  = "application/rss+xml; charset=utf-8"
	atomType = "application/atom+xml; charset=utf-8"
	jsonType = "application/feed+json; charset=utf-8"
)

// feedFormat is one of the three ways a feed is written.
type feedFormat string

const (
	formatRSS  feedFormat = ""      // …/feed/
	formatAtom feedFormat = "atom/" // …/feed/atom/
	formatJSON feedFormat = "json/" // …/feed/json/
)

// feed is a feed before it is written in a format.
type feed struct {
	Title       string
	Description string
	Link        string // the absolute address of the page the feed follows
	Path        string // the feed's own path up to and including "feed/"
	Items       []feedItem
	// CacheTags say which writes change the feed, for the page cache.
	CacheTags []string
}

// feedItem is one article or comment in a feed.
type feedItem struct {
	ID          string // a tag URI; see the package comment above
	Link        string // absolute
	Title       string
	Summary     string // plain text: the dek, or the comment as typed
	ContentHTML string // empty when the site gives summaries only
	Authors     []string
	Categories  []feedCategory
	Published   time.Time
	Updated     time.Time
	Image       *feedImage
}

type feedCategory struct{ Slug, Name string }

type feedImage struct{ URL, Type string }

// distributionStore is what feeds and sitemaps read beyond Store. Every
// warta.Store has it; distribution checks at run time that the configured
// store does, so that Store stays the reading pages' contract.
type distributionStore interface {
	warta.DistributionStore
	Tags(ctx context.Context) ([]*warta.Tag, error)
	Authors(ctx context.Context) ([]*warta.Author, error)
}

// distribution returns the store as a distributionStore, or an internal
// error when it is not one.
func (h *handler) distribution() (distributionStore, error) {
	ds, ok := h.Store.(distributionStore)
	if !ok {
		return nil, warta.Errorf(warta.EINTERNAL, "site: the store cannot list feeds and sitemaps")
	}
	return ds, nil
}

// handleFeeds registers the three formats of the feed that build makes,
// under prefix ("/", "/section/{slug}/"), and a redirect for the RSS
// address typed without its slash.
func handleFeeds(mux *http.ServeMux, h *handler, prefix string, build func(*http.Request) (*feed, error)) {
	for _, f := range []feedFormat{formatRSS, formatAtom, formatJSON} {
		mux.HandleFunc("GET "+prefix+"feed/"+string(f)+"{$}", h.serveFeed(f, build))
	}
	mux.HandleFunc("GET "+prefix+"feed", addSlash)
}

// serveFeed answers with the feed that build makes, in format f.
func (h *handler) serveFeed(f feedFormat, build func(*http.Request) (*feed, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fd, err := build(r)
		if err != nil {
			h.error(w, r, err)
			return
		}
		var (
			b  []byte
			ct string
		)
		switch f {
		case formatAtom:
			name, _ := h.siteName(r.Context())
			b, ct = h.atomFeed(fd, name), atomType
		case formatJSON:
			b, err = h.jsonFeed(fd)
			ct = jsonType
		default:
			b, ct = h.rssFeed(fd), rssType
		}
		if err != nil {
			h.error(w, r, err)
			return
		}
		h.share(w, r, fd.CacheTags...)
		respond.Write(w, r, http.StatusOK, respond.NewBody(ct, b, fd.updated()))
	}
}

// updated is the newest item's Updated, for Last-Modified; zero for an
// empty feed.
func (fd *feed) updated() time.Time {
	var t time.Time
	for _, it := range fd.Items {
		if it.Updated.After(t) {
			t = it.Updated
		}
	}
	return t
}

// siteFeed is the site's latest articles.
//
// GET /feed/ (and atom/, json/)
func (h *handler) siteFeed(r *http.Request) (*feed, error) {
	name, tagline := h.siteName(r.Context())
	if tagline == "" {
		tagline = name
	}
	return h.articleFeed(r, warta.ArticleFilter{}, name, tagline, "/")
}

// sectionFeed is a section's latest articles.
//
// GET /section/{slug}/feed/ (and atom/, json/)
func (h *handler) sectionFeed(r *http.Request) (*feed, error) {
	s, err := h.Store.SectionBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	name, _ := h.siteName(r.Context())
	page := "/section/" + s.Slug + "/"
	return h.articleFeed(r, warta.ArticleFilter{SectionID: s.ID},
		h.Views.Catalog().T("feed.section", name, s.Name), s.Description, page)
}

// tagFeed is the latest articles on a topic.
//
// GET /tag/{slug}/feed/ (and atom/, json/)
func (h *handler) tagFeed(r *http.Request) (*feed, error) {
	t, err := h.Store.TagBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	name, _ := h.siteName(r.Context())
	page := "/tag/" + t.Slug + "/"
	return h.articleFeed(r, warta.ArticleFilter{TagID: t.ID}, h.Views.Catalog().T("feed.tag", name, t.Name), "", page)
}

// authorFeed is the latest articles by one author.
//
// GET /author/{slug}/feed/ (and atom/, json/)
func (h *handler) authorFeed(r *http.Request) (*feed, error) {
	a, err := h.Store.AuthorBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	name, _ := h.siteName(r.Context())
	page := "/author/" + a.Slug + "/"
	return h.articleFeed(r, warta.ArticleFilter{AuthorID: a.ID}, h.Views.Catalog().T("feed.author", name, a.Name), a.Bio, page)
}

// articleFeed builds a feed of the latest published articles f selects.
func (h *handler) articleFeed(r *http.Request, f warta.ArticleFilter, title, description, page string) (*feed, error) {
	ctx := r.Context()
	f.Status, f.PublishedBefore, f.Limit = warta.StatusPublished, h.Now(), feedSize
	articles, _, err := h.Store.Articles(ctx, f)
	if err != nil {
		return nil, err
	}
	summaryOnly := false
	if s, _, err := h.commentConfig(ctx); err == nil {
		summaryOnly = s.FeedSummaryOnly
	}
	fd := &feed{Title: title, Description: description, Link: h.BaseURL + page, Path: page + "feed/"}
	// The list the feed follows changes when an article joins it; the
	// articles already in it change when they are edited.
	switch {
	case f.SectionID != 0:
		fd.CacheTags = append(fd.CacheTags, warta.SectionTag(f.SectionID))
	case f.TagID != 0:
		fd.CacheTags = append(fd.CacheTags, warta.TopicTag(f.TagID))
	case f.AuthorID != 0:
		fd.CacheTags = append(fd.CacheTags, warta.AuthorTag(f.AuthorID))
	default:
		fd.CacheTags = append(fd.CacheTags, warta.TagHome)
	}
	fd.CacheTags = append(fd.CacheTags, articleTags(articles)...)
	for _, a := range articles {
		it := feedItem{
			ID:        h.tagURI(a.CreatedAt, "article", a.ID),
			Link:      h.BaseURL + a.Permalink(h.Location),
			Title:     a.Headline,
			Summary:   a.Dek,
			Published: a.PublishedAt,
			Updated:   a.UpdatedAt,
		}
		if !summaryOnly {
			it.ContentHTML = absoluteURLs(a.BodyHTML, h.BaseURL)
		}
		for _, au := range a.Authors {
			it.Authors = append(it.Authors, au.Name)
		}
		it.Categories = append(it.Categories, feedCategory{a.Section.Slug, a.Section.Name})
		for _, t := range a.Tags {
			it.Categories = append(it.Categories, feedCategory{t.Slug, t.Name})
		}
		if p := a.LeadImage.Path; p != "" {
			it.Image = &feedImage{URL: h.BaseURL + "/media/" + strings.TrimPrefix(p, "/"), Type: imageType(p)}
		}
		fd.Items = append(fd.Items, it)
	}
	return fd, nil
}

// commentsFeed is the latest approved comments on the whole site.
//
// GET /comments/feed/ (and atom/, json/)
func (h *handler) commentsFeed(r *http.Request) (*feed, error) {
	name, _ := h.siteName(r.Context())
	return h.commentFeed(r, nil, h.Views.Catalog().T("feed.comments", name), "/", "/comments/")
}

// articleCommentsFeed is the latest approved comments on one article.
// An article readers cannot see has no feed: 404, whatever its status.
//
// GET /{yyyy}/{mm}/{dd}/{slug}/feed/ (and atom/, json/)
func (h *handler) articleCommentsFeed(r *http.Request) (*feed, error) {
	slug := r.PathValue("slug")
	date := r.PathValue("yyyy") + "/" + r.PathValue("mm") + "/" + r.PathValue("dd")
	if _, err := time.Parse("2006/01/02", date); err != nil || !warta.ValidSlug(slug) {
		return nil, warta.Errorf(warta.ENOTFOUND, "no article %q", slug)
	}
	a, err := h.Store.ArticleBySlug(r.Context(), slug)
	if err != nil {
		return nil, err
	}
	if !a.Visible(h.Now()) {
		return nil, warta.Errorf(warta.ENOTFOUND, "article %d is not visible", a.ID)
	}
	// A former slug or a wrong date still finds the article (no redirect,
	// unlike the page); the feed's links all name its current address.
	permalink := a.Permalink(h.Location)
	return h.commentFeed(r, a, h.Views.Catalog().T("feed.article_comments", a.Headline), permalink, permalink)
}

// commentFeed builds a feed of the latest approved comments on a, or on
// every visible article when a is nil. Only the commenter's name is
// shown: never their email, website or address.
func (h *handler) commentFeed(r *http.Request, a *warta.Article, title, page, prefix string) (*feed, error) {
	ctx := r.Context()
	ds, err := h.distribution()
	if err != nil {
		return nil, err
	}
	var id int64
	if a != nil {
		id = a.ID
	}
	comments, err := ds.PublicComments(ctx, id, h.Now(), feedSize)
	if err != nil {
		return nil, err
	}
	articles, err := h.commentedArticles(ctx, a, comments)
	if err != nil {
		return nil, err
	}
	fd := &feed{Title: title, Link: h.BaseURL + page, Path: prefix + "feed/"}
	// Every comment approval, edit or removal names the comments tag and
	// its article; a withdrawn article's comments leave with its own tag.
	fd.CacheTags = append(articleTags(articlesIn(articles)), warta.TagComments)
	if a != nil {
		fd.CacheTags = append(fd.CacheTags, warta.ArticleTag(a.ID))
	}
	for _, c := range comments {
		on, ok := articles[c.ArticleID]
		if !ok {
			continue // deleted since PublicComments read it
		}
		fd.Items = append(fd.Items, feedItem{
			ID:          h.tagURI(c.CreatedAt, "comment", c.ID),
			Link:        h.BaseURL + on.Permalink(h.Location) + "#comment-" + strconv.FormatInt(c.ID, 10),
			Title:       h.Views.Catalog().T("feed.comment_title", c.AuthorName, on.Headline),
			Summary:     c.Content,
			ContentHTML: c.ContentHTML,
			Authors:     []string{c.AuthorName},
			Published:   c.CreatedAt,
			Updated:     c.UpdatedAt,
		})
	}
	return fd, nil
}

// commentedArticles returns the articles the comments are on, by ID: a
// when it is given, the others in one query whatever their number.
func (h *handler) commentedArticles(ctx context.Context, a *warta.Article, comments []*warta.Comment) (map[int64]*warta.Article, error) {
	articles := map[int64]*warta.Article{}
	if a != nil {
		articles[a.ID] = a
	}
	var ids []int64
	for _, c := range comments {
		if _, ok := articles[c.ArticleID]; !ok && !slices.Contains(ids, c.ArticleID) {
			ids = append(ids, c.ArticleID)
		}
	}
	if len(ids) == 0 {
		return articles, nil
	}
	list, _, err := h.Store.Articles(ctx, warta.ArticleFilter{IDs: ids, Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	for _, on := range list {
		articles[on.ID] = on
	}
	return articles, nil
}

// siteName returns the site's name and tagline as staff set them, or the
// name the site was started with.
func (h *handler) siteName(ctx context.Context) (name, tagline string) {
	name = h.SiteName
	if s, _, err := h.commentConfig(ctx); err == nil {
		if s.SiteTitle != "" {
			name = s.SiteTitle
		}
		tagline = s.SiteTagline
	}
	return name, tagline
}

// tagURI mints the stable ID of an item: see the package comment above.
func (h *handler) tagURI(created time.Time, kind string, id int64) string {
	host := "localhost"
	if u, err := url.Parse(h.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + created.UTC().Format("2006-01-02") + ":" + kind + "/" + strconv.FormatInt(id, 10)
}

// imageType is the media type of an image file, from its extension.
func imageType(p string) string {
	if t := mime.TypeByExtension(strings.ToLower(path.Ext(p))); t != "" {
		t, _, _ = strings.Cut(t, ";")
		return t
	}
	return "application/octet-stream"
}

// absoluteURLs makes the site-relative links and images in sanitised HTML
// absolute, since a feed reader shows it away from the site. The sanitiser
// writes every attribute as name="value", so a plain rewrite is enough.
func absoluteURLs(html, base string) string {
	for _, attr := range []string{` href="/`, ` src="/`, ` srcset="/`} {
		var b strings.Builder
		rest := html
		for {
			i := strings.Index(rest, attr)
			if i < 0 {
				break
			}
			end := i + len(attr)
			b.WriteString(rest[:end-1])
			if !strings.HasPrefix(rest[end:], "/") { // not //host/…
				b.WriteString(base)
			}
			b.WriteString("/")
			rest = rest[end:]
		}
		b.WriteString(rest)
		html = b.String()
	}
	return html
}

// RSS 2.0, with content:encoded for the full text, dc:creator for the
// authors' names (RSS's own author element holds an email address, which
// Warta does not publish) and atom:link for the feed's own address.

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Content string     `xml:"xmlns:content,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	Description string        `xml:"description"`
	Content     string        `xml:"content:encoded,omitempty"`
	Creators    []string      `xml:"dc:creator"`
	Categories  []string      `xml:"category"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// rssEnclosure is the lead image. RSS requires a length in bytes; the
// site does not know where the media folder is, so it says 0, which
// readers take as "unknown".
type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length string `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

// rssFeed writes fd as RSS 2.0.
func (h *handler) rssFeed(fd *feed) []byte {
	ch := rssChannel{
		Title: fd.Title, Link: fd.Link, Description: fd.Description,
		Language: h.Views.Catalog().Lang(),
		Self:     atomLink{Href: h.BaseURL + fd.Path + string(formatRSS), Rel: "self", Type: strings.Split(rssType, ";")[0]},
	}
	if ch.Description == "" {
		ch.Description = fd.Title
	}
	if t := fd.updated(); !t.IsZero() {
		ch.LastBuildDate = t.UTC().Format(time.RFC1123Z)
	}
	for _, it := range fd.Items {
		x := rssItem{
			Title: it.Title, Link: it.Link, Description: it.Summary, Content: it.ContentHTML,
			Creators: it.Authors,
			GUID:     rssGUID{IsPermaLink: "false", Value: it.ID},
			PubDate:  it.Published.UTC().Format(time.RFC1123Z),
		}
		for _, c := range it.Categories {
			x.Categories = append(x.Categories, c.Name)
		}
		if it.Image != nil {
			x.Enclosure = &rssEnclosure{URL: it.Image.URL, Length: "0", Type: it.Image.Type}
		}
		ch.Items = append(ch.Items, x)
	}
	return marshalXML(rssDoc{Version: "2.0",
		Content: "http://purl.org/rss/1.0/modules/content/",
		DC:      "http://purl.org/dc/elements/1.1/",
		Atom:    "http://www.w3.org/2005/Atom",
		Channel: ch})
}

// Atom 1.0 (RFC 4287). The lead image is a link rel="enclosure".

type atomDoc struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
	Content    *atomText      `xml:"content"`
}

// atomFeed writes fd as Atom; siteName is the feed's author, which
// Atom requires.
func (h *handler) atomFeed(fd *feed, siteName string) []byte {
	self := h.BaseURL + fd.Path + string(formatAtom)
	updated := fd.updated()
	if updated.IsZero() {
		updated = time.Unix(0, 0) // an empty feed has to say something
	}
	doc := atomDoc{
		Lang: h.Views.Catalog().Lang(), Title: fd.Title, Subtitle: fd.Description,
		ID: self, Updated: updated.UTC().Format(time.RFC3339),
		Links: []atomLink{
			{Href: fd.Link, Rel: "alternate", Type: "text/html"},
			{Href: self, Rel: "self", Type: strings.Split(atomType, ";")[0]},
		},
		Author: atomPerson{Name: siteName},
	}
	for _, it := range fd.Items {
		e := atomEntry{
			Title: it.Title, ID: it.ID,
			Published: it.Published.UTC().Format(time.RFC3339),
			Updated:   it.Updated.UTC().Format(time.RFC3339),
			Links:     []atomLink{{Href: it.Link, Rel: "alternate", Type: "text/html"}},
		}
		for _, a := range it.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: a})
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: c.Slug, Label: c.Name})
		}
		if it.Summary != "" {
			e.Summary = &atomText{Type: "text", Body: it.Summary}
		}
		if it.ContentHTML != "" {
			e.Content = &atomText{Type: "html", Body: it.ContentHTML}
		}
		if it.Image != nil {
			e.Links = append(e.Links, atomLink{Href: it.Image.URL, Rel: "enclosure", Type: it.Image.Type})
		}
		doc.Entries = append(doc.Entries, e)
	}
	return marshalXML(doc)
}

// marshalXML writes v as an XML document. The feed and sitemap types
// hold only strings and slices of them, which always marshal.
func marshalXML(v any) []byte {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		panic("site: marshal XML: " + err.Error())
	}
	return append([]byte(xml.Header), append(b, '\n')...)
}

// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).

const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeedDoc struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentHTML   string           `json:"content_html,omitempty"`
	ContentText   string           `json:"content_text,omitempty"`
	Summary       string           `json:"summary,omitempty"`
	Image         string           `json:"image,omitempty"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

// jsonFeed writes fd as JSON Feed 1.1.
func (h *handler) jsonFeed(fd *feed) ([]byte, error) {
	doc := jsonFeedDoc{
		Version: jsonFeedVersion, Title: fd.Title, Description: fd.Description,
		HomePageURL: fd.Link, FeedURL: h.BaseURL + fd.Path + string(formatJSON),
		Language: h.Views.Catalog().Lang(),
		Items:    []jsonFeedItem{}, // required, even when empty
	}
	for _, it := range fd.Items {
		x := jsonFeedItem{
			ID: it.ID, URL: it.Link, Title: it.Title, Summary: it.Summary,
			ContentHTML:   it.ContentHTML,
			DatePublished: it.Published.UTC().Format(time.RFC3339),
			DateModified:  it.Updated.UTC().Format(time.RFC3339),
		}
		if x.ContentHTML == "" {
			// An item must have content of one kind or the other.
			x.ContentText = cmp.Or(it.Summary, it.Title)
		}
		for _, a := range it.Authors {
			x.Authors = append(x.Authors, jsonFeedAuthor{Name: a})
		}
		for _, c := range it.Categories {
			x.Tags = append(x.Tags, c.Name)
		}
		if it.Image != nil {
			x.Image = it.Image.URL
		}
		doc.Items = append(doc.Items, x)
	}
	// HTML stays as it is: the JSON is never embedded in a page, and
	// content_html reads better without \u003c escapes.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// articlesIn lists a map's articles, for their cache tags.
func articlesIn(m map[int64]*warta.Article) []*warta.Article {
	out := make([]*warta.Article, 0, len(m))
	for _, a := range m {
		out = append(out, a)
	}
	return out
}
