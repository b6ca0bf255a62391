package wxr

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// index is what the first pass learns about the whole export, small
// enough to keep (no bodies, no comments): the site, authors, terms and
// attachments, which categories are primary somewhere, and where each
// item ID was first seen.
type index struct {
	source     string
	version    string
	authors    []author
	categories map[string]*category // by slug
	catOrder   []string
	termSlug   map[string]string // category term ID → slug, for Yoast's primary term
	tags       map[string]*category
	tagOrder   []string
	attach     map[int64]*attachment
	attOrder   []int64
	firstLine  map[int64]int // item ID → line of its first appearance
	pageSlugs  map[string]bool
	creators   map[string]bool // the logins posts name, listed as authors or not
	total      int             // posts and pages, for progress
}

// attachment is what the import needs of an attachment item.
type attachment struct {
	ID      int64
	Parent  int64 // the post it was uploaded to
	line    int
	URL     string
	Title   string
	Link    string
	Alt     string
	Caption string
	File    string   // _wp_attached_file: the path under uploads
	Sizes   []string // the resized copies WordPress made, by file name
	Credit  string
	// Name is a Warta media entry's original file name (its title).
	Name string
}

// scan reads the whole file once without writing anything, so that a
// file that is not XML, cut short or of the wrong kind is refused before
// the first item is imported.
func scan(path string, maxField int) (*index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open the export: %w", err)
	}
	defer f.Close()
	idx := &index{
		categories: map[string]*category{}, termSlug: map[string]string{}, tags: map[string]*category{},
		attach: map[int64]*attachment{}, firstLine: map[int64]int{}, pageSlugs: map[string]bool{},
		creators: map[string]bool{},
	}
	rd := newReader(f, maxField)
	seenAuthor := map[string]bool{}
	for {
		el, err := rd.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch el.node.name {
		case "wp:author":
			a := parseAuthor(el.node)
			if a.Login != "" && !seenAuthor[a.Login] {
				seenAuthor[a.Login] = true
				idx.authors = append(idx.authors, a)
			}
		case "wp:category", "wp:tag", "wp:term":
			taxonomy, c := parseTerm(el.node)
			idx.addTerm(taxonomy, c)
		case "item":
			p, err := parsePost(el.node, el.line)
			if err != nil {
				continue // reported by the second pass
			}
			if _, dup := idx.firstLine[p.ID]; dup {
				continue
			}
			idx.firstLine[p.ID] = p.line
			idx.addPost(p)
		}
	}
	idx.source = strings.TrimSpace(rd.channel["wp:base_blog_url"])
	if idx.source == "" {
		idx.source = strings.TrimSpace(rd.channel["wp:base_site_url"])
	}
	if idx.source == "" {
		idx.source = strings.TrimSpace(rd.channel["link"])
	}
	if idx.source == "" {
		return nil, &Error{Message: "the export names no site (no <wp:base_blog_url>, <wp:base_site_url> or <link>), so a second import could not recognise what the first one made; add <wp:base_site_url> to the channel"}
	}
	idx.source = strings.TrimRight(idx.source, "/")
	idx.version = rd.channel["wp:wxr_version"]
	return idx, nil
}

// addTerm records a category or tag defined at the top of the export.
func (idx *index) addTerm(taxonomy string, c category) {
	if c.Slug == "" {
		return
	}
	switch taxonomy {
	case "category":
		if _, ok := idx.categories[c.Slug]; !ok {
			idx.categories[c.Slug] = &c
			idx.catOrder = append(idx.catOrder, c.Slug)
		}
		if c.TermID != "" {
			idx.termSlug[c.TermID] = c.Slug
		}
	case "post_tag":
		if _, ok := idx.tags[c.Slug]; !ok {
			idx.tags[c.Slug] = &c
			idx.tagOrder = append(idx.tagOrder, c.Slug)
		}
	}
}

// addPost learns what the import needs of an item before the second pass.
func (idx *index) addPost(p *post) {
	switch p.Type {
	case "post":
		idx.total++
		if p.Creator == "" {
			idx.creators["admin"] = true // as authorFor takes it
		} else {
			idx.creators[p.Creator] = true
		}
		primary := idx.primary(p)
		for _, c := range p.Categories {
			idx.addTerm("category", category{Slug: c.Slug, Name: c.Name})
			if c.Slug == primary {
				idx.categories[c.Slug].primary = true
			} else {
				idx.categories[c.Slug].secondary = true
			}
		}
		for _, t := range p.Tags {
			idx.addTerm("post_tag", category{Slug: t.Slug, Name: t.Name})
		}
	case "page":
		idx.total++
		if p.Name != "" {
			idx.pageSlugs[p.Name] = true
		}
	case "attachment":
		a := &attachment{ID: p.ID, Parent: p.Parent, line: p.line, URL: p.AttachmentURL, Title: p.Title, Link: p.Link,
			Alt: p.Meta["_wp_attachment_image_alt"], Caption: p.Excerpt, File: p.Meta["_wp_attached_file"]}
		if v, err := unserialize(p.Meta["_wp_attachment_metadata"]); err == nil {
			if m, ok := v.(map[string]any); ok {
				if a.File == "" {
					a.File = phpString(m, "file")
				}
				for _, size := range phpMap(m, "sizes") {
					if sm, ok := size.(map[string]any); ok {
						if f := phpString(sm, "file"); f != "" {
							a.Sizes = append(a.Sizes, f)
						}
					}
				}
				if meta := phpMap(m, "image_meta"); meta != nil {
					a.Credit = phpString(meta, "credit")
					if a.Caption == "" {
						a.Caption = phpString(meta, "caption")
					}
				}
			}
		}
		if fromWarta(p) {
			a.Name = plain(p.Title)
		}
		idx.attach[p.ID] = a
		idx.attOrder = append(idx.attOrder, p.ID)
	}
}

// primary returns the slug of a post's primary category: Yoast's primary
// term when it is one of the post's categories, else the first.
func (idx *index) primary(p *post) string {
	if len(p.Categories) == 0 {
		return ""
	}
	if id := strings.TrimSpace(p.Meta["_yoast_wpseo_primary_category"]); id != "" {
		if s, ok := idx.termSlug[id]; ok {
			for _, c := range p.Categories {
				if c.Slug == s {
					return s
				}
			}
		}
	}
	return p.Categories[0].Slug
}
