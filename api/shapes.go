package api

import (
	"net/http"
	"time"

	"warta"
	"warta/comments"
)

// The JSON shapes of the API's answers. openapi.json describes each one
// under components/schemas with the same name; the tests check that the
// two agree.

type sectionJSON struct {
	ID          int64  `json:"id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	URL         string `json:"url"`
}

type tagJSON struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type authorJSON struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	Bio  string `json:"bio"`
	URL  string `json:"url"`
}

type imageJSON struct {
	MediaID  int64         `json:"media_id"`
	URL      string        `json:"url"`
	Alt      string        `json:"alt"`
	Caption  string        `json:"caption"`
	Credit   string        `json:"credit"`
	Width    int           `json:"width"`
	Height   int           `json:"height"`
	Variants []variantJSON `json:"variants"`
}

type variantJSON struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

type articleJSON struct {
	ID           int64        `json:"id"`
	Slug         string       `json:"slug"`
	URL          *string      `json:"url"` // null until published
	Status       string       `json:"status"`
	Headline     string       `json:"headline"`
	Dek          string       `json:"dek"`
	BodyHTML     string       `json:"body_html"`
	Section      sectionJSON  `json:"section"`
	Tags         []tagJSON    `json:"tags"`
	Authors      []authorJSON `json:"authors"`
	LeadImage    *imageJSON   `json:"lead_image"`
	CommentsOpen bool         `json:"comments_open"`
	CommentCount int          `json:"comment_count"`
	PublishedAt  *time.Time   `json:"published_at"`
	UpdatedAt    time.Time    `json:"updated_at"`
	RevisedAt    *time.Time   `json:"revised_at"`
	// For staff who may edit the article: what the writer typed, and the
	// revision an update must name.
	BodyMarkdown *string `json:"body_markdown,omitempty"`
	Revision     *int    `json:"revision,omitempty"`
}

type commentJSON struct {
	ID          int64     `json:"id"`
	ArticleID   int64     `json:"article_id"`
	ParentID    *int64    `json:"parent_id"` // null at the top of a thread
	Depth       int       `json:"depth"`
	Status      string    `json:"status"`
	AuthorName  string    `json:"author_name"`
	AuthorURL   string    `json:"author_url"`
	AvatarURL   string    `json:"avatar_url"`
	ContentHTML string    `json:"content_html"`
	CreatedAt   time.Time `json:"created_at"`
}

// listJSON is one page of a list; Next is the next page's address, null
// on the last page.
type listJSON[T any] struct {
	Items []T     `json:"items"`
	Total int     `json:"total"`
	Next  *string `json:"next"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

func (h *handler) sectionJSON(s warta.Section) sectionJSON {
	return sectionJSON{ID: s.ID, Slug: s.Slug, Name: s.Name, Description: s.Description, URL: h.BaseURL + "/section/" + s.Slug + "/"}
}

func (h *handler) tagJSON(t warta.Tag) tagJSON {
	return tagJSON{ID: t.ID, Slug: t.Slug, Name: t.Name, URL: h.BaseURL + "/tag/" + t.Slug + "/"}
}

func (h *handler) authorJSON(a warta.Author) authorJSON {
	return authorJSON{ID: a.ID, Slug: a.Slug, Name: a.Name, Bio: a.Bio, URL: h.BaseURL + "/author/" + a.Slug + "/"}
}

// articleJSON shapes a for r's asker: staff who may edit it also get its
// Markdown and revision.
func (h *handler) articleJSON(r *http.Request, a *warta.Article) articleJSON {
	out := articleJSON{
		ID: a.ID, Slug: a.Slug, Status: string(a.Status), Headline: a.Headline, Dek: a.Dek, BodyHTML: a.BodyHTML,
		Section: h.sectionJSON(a.Section), Tags: []tagJSON{}, Authors: []authorJSON{},
		CommentsOpen: a.CommentsOpen, CommentCount: a.CommentCount,
		PublishedAt: timePtr(a.PublishedAt), UpdatedAt: a.UpdatedAt.UTC(), RevisedAt: timePtr(a.RevisedAt),
	}
	if a.Visible(h.Now()) {
		u := h.BaseURL + a.Permalink(h.Location)
		out.URL = &u
	}
	for _, t := range a.Tags {
		out.Tags = append(out.Tags, h.tagJSON(t))
	}
	for _, au := range a.Authors {
		out.Authors = append(out.Authors, h.authorJSON(au))
	}
	if img := a.LeadImage; img.Path != "" {
		j := &imageJSON{MediaID: img.MediaID, URL: h.BaseURL + "/media/" + img.Path, Alt: img.Alt, Caption: img.Caption,
			Credit: img.Credit, Width: img.Width, Height: img.Height, Variants: []variantJSON{}}
		for _, v := range img.Variants {
			j.Variants = append(j.Variants, variantJSON{URL: h.BaseURL + "/media/" + v.Path, Width: v.Width, Height: v.Height})
		}
		out.LeadImage = j
	}
	if u := from(r).user; u != nil && u.CanEdit(a) {
		md, rev := a.BodyMarkdown, a.Revision
		out.BodyMarkdown, out.Revision = &md, &rev
	}
	return out
}

// commentJSON shapes a comment for anyone: never the commenter's email,
// address or browser; the avatar is keyed by a hash only the site can make.
func (h *handler) commentJSON(c *warta.Comment) commentJSON {
	out := commentJSON{
		ID: c.ID, ArticleID: c.ArticleID, Depth: c.Depth, Status: string(c.Status),
		AuthorName: c.AuthorName, AuthorURL: c.AuthorURL,
		AvatarURL:   h.BaseURL + "/avatar/" + comments.AvatarKey(h.Secret, c.AuthorEmail) + ".svg",
		ContentHTML: c.ContentHTML, CreatedAt: c.CreatedAt.UTC(),
	}
	if c.ParentID != 0 {
		p := c.ParentID
		out.ParentID = &p
	}
	return out
}
