package wxr

import (
	"strconv"
	"strings"
)

// post is an <item> of the export: a post, page, attachment or anything
// else WordPress keeps in its posts table.
type post struct {
	line          int
	ID            int64
	Type          string
	Status        string
	Title         string
	Link          string
	Creator       string
	Content       string
	Excerpt       string
	Name          string // the slug, as WordPress stores it (may be %-encoded)
	Password      string
	CommentStatus string
	AttachmentURL string
	Date          string // local to the old site
	DateGMT       string
	PubDate       string
	Parent        int64
	MenuOrder     int
	Categories    []term
	Tags          []term
	Meta          map[string]string
	Comments      []*comment
	Truncated     bool

	conv *conversion // the body converted, by readItems
}

// term is a category or tag as an item names it.
type term struct {
	Slug string
	Name string
}

// comment is a <wp:comment> of an item.
type comment struct {
	ID       int64
	Parent   int64
	Author   string
	Email    string
	URL      string
	IP       string
	Date     string
	DateGMT  string
	Content  string
	Approved string
	Type     string
	Agent    string

	html string // Content formatted, by readItems
}

// parsePost picks an item's fields out of its tree. The ID is required;
// everything else may be empty, as WordPress writes empty elements.
func parsePost(n *node, line int) (*post, error) {
	p := &post{
		line:          line,
		Type:          n.child("wp:post_type"),
		Status:        n.child("wp:status"),
		Title:         n.child("title"),
		Link:          n.child("link"),
		Creator:       n.child("dc:creator"),
		Content:       n.raw("content:encoded"),
		Excerpt:       n.raw("excerpt:encoded"),
		Name:          n.child("wp:post_name"),
		Password:      n.child("wp:post_password"),
		CommentStatus: n.child("wp:comment_status"),
		AttachmentURL: n.child("wp:attachment_url"),
		Date:          n.child("wp:post_date"),
		DateGMT:       n.child("wp:post_date_gmt"),
		PubDate:       n.child("pubDate"),
		Meta:          map[string]string{},
		Truncated:     n.attrs["_truncated"] != "",
	}
	id, err := strconv.ParseInt(n.child("wp:post_id"), 10, 64)
	if err != nil || id <= 0 {
		return p, &Error{Line: line, Message: "an item has no usable <wp:post_id> (" + strconv.Quote(n.child("wp:post_id")) + ")"}
	}
	p.ID = id
	p.Parent, _ = strconv.ParseInt(n.child("wp:post_parent"), 10, 64)
	p.MenuOrder, _ = strconv.Atoi(n.child("wp:menu_order"))
	for _, c := range n.all("category") {
		t := term{Slug: strings.TrimSpace(c.attrs["nicename"]), Name: strings.TrimSpace(c.text.String())}
		switch c.attrs["domain"] {
		case "category":
			p.Categories = append(p.Categories, t)
		case "post_tag":
			p.Tags = append(p.Tags, t)
		}
	}
	for _, m := range n.all("wp:postmeta") {
		k := m.child("wp:meta_key")
		if _, seen := p.Meta[k]; k != "" && !seen {
			p.Meta[k] = m.raw("wp:meta_value")
		}
	}
	for _, c := range n.all("wp:comment") {
		cid, err := strconv.ParseInt(c.child("wp:comment_id"), 10, 64)
		if err != nil || cid <= 0 {
			continue // reported by the caller through the count
		}
		parent, _ := strconv.ParseInt(c.child("wp:comment_parent"), 10, 64)
		p.Comments = append(p.Comments, &comment{
			ID: cid, Parent: parent,
			Author:   c.child("wp:comment_author"),
			Email:    c.child("wp:comment_author_email"),
			URL:      c.child("wp:comment_author_url"),
			IP:       c.child("wp:comment_author_IP"),
			Date:     c.child("wp:comment_date"),
			DateGMT:  c.child("wp:comment_date_gmt"),
			Content:  c.raw("wp:comment_content"),
			Approved: c.child("wp:comment_approved"),
			Type:     c.child("wp:comment_type"),
			Agent:    c.child("wp:comment_agent"),
		})
	}
	return p, nil
}

// author is a <wp:author>.
type author struct {
	ID          string
	Login       string
	Email       string
	DisplayName string
	FirstName   string
	LastName    string
	Bio         string // a Warta export's <warta:author_bio>
}

func parseAuthor(n *node) author {
	return author{
		ID:          n.child("wp:author_id"),
		Login:       n.child("wp:author_login"),
		Email:       n.child("wp:author_email"),
		DisplayName: n.child("wp:author_display_name"),
		FirstName:   n.child("wp:author_first_name"),
		LastName:    n.child("wp:author_last_name"),
		Bio:         n.child("warta:author_bio"),
	}
}

// category is a category or tag defined at the top of the export.
type category struct {
	TermID      string
	Slug        string
	Name        string
	Parent      string // the parent's slug
	Description string
	// Filled while scanning the items: whether some post has it as its
	// primary category (it becomes a section) or as another (a tag).
	primary   bool
	secondary bool
	// Set from a Warta export's term meta (see wartaTerm).
	wartaSection bool
	position     int
}

// parseTerm reads a <wp:category>, <wp:tag> or <wp:term>; taxonomy is
// "category", "post_tag" or another that is not imported.
func parseTerm(n *node) (taxonomy string, c category) {
	switch n.name {
	case "wp:category":
		c := category{
			TermID: n.child("wp:term_id"), Slug: n.child("wp:category_nicename"), Name: n.child("wp:cat_name"),
			Parent: n.child("wp:category_parent"), Description: n.child("wp:category_description"),
		}
		wartaTerm(n, &c)
		return "category", c
	case "wp:tag":
		return "post_tag", category{
			TermID: n.child("wp:term_id"), Slug: n.child("wp:tag_slug"), Name: n.child("wp:tag_name"),
			Description: n.child("wp:tag_description"),
		}
	}
	return n.child("wp:term_taxonomy"), category{
		TermID: n.child("wp:term_id"), Slug: n.child("wp:term_slug"), Name: n.child("wp:term_name"),
		Parent: n.child("wp:term_parent"), Description: n.child("wp:term_description"),
	}
}
