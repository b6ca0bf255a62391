package wxr

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"warta"
	"warta/markdown"
)

// Warta's own exports ("warta export wxr") carry what WordPress has no
// field for in post meta, term meta and one element of Warta's namespace
// (docs/export-json.md lists them). When a file has them, they win over
// what WordPress's fields would give, so that moving a site from one
// Warta to another loses nothing. A WordPress file has none of them and
// imports as before.

// wartaNamespace is the namespace of Warta's own elements.
const wartaNamespace = "urn:x-warta:export:1"

// fromWarta reports whether an item came from a Warta export.
func fromWarta(p *post) bool {
	_, ok := p.Meta["_warta_id"]
	return ok
}

// wartaBody returns the body as the Warta writer typed it, when the item
// has it, and its rendering.
func wartaBody(p *post) (md, html string, ok bool, err error) {
	md, ok = p.Meta["_warta_markdown"]
	if !ok {
		return "", "", false, nil
	}
	html, err = markdown.Render(md)
	return md, html, true, err
}

// wartaArticle applies a Warta article's byline (_warta_authors: author
// logins in order) over the single dc:creator WordPress knows.
func (im *importer) wartaArticle(ctx context.Context, p *post, a *warta.Article) error {
	logins := strings.TrimSpace(p.Meta["_warta_authors"])
	if logins == "" {
		return nil
	}
	var byline []warta.Author
	for _, login := range strings.Split(logins, ",") {
		id, err := im.authorFor(ctx, strings.TrimSpace(login))
		if err != nil {
			return err
		}
		if id != 0 && !slices.ContainsFunc(byline, func(x warta.Author) bool { return x.ID == id }) {
			byline = append(byline, warta.Author{ID: id})
		}
	}
	if len(byline) > 0 {
		a.Authors = byline
	}
	return nil
}

// wartaPage applies a Warta page's place and name in the footer menu. A
// WordPress page's menu_order only sorts pages, so it is not used there.
func wartaPage(p *post, pg *warta.Page) {
	if !fromWarta(p) {
		return
	}
	pg.MenuOrder = max(p.MenuOrder, 0)
	pg.MenuLabel = cut(strings.TrimSpace(p.Meta["_warta_menu_label"]), warta.MaxMenuLabelLen)
}

// wartaTerm reads a Warta section's place in the navigation from the
// category's term meta; a category that has it is a section even when no
// article is in it yet.
func wartaTerm(n *node, c *category) {
	for _, m := range n.all("wp:termmeta") {
		if m.child("wp:meta_key") == "_warta_position" {
			c.wartaSection = true
			c.position, _ = strconv.Atoi(m.child("wp:meta_value"))
		}
	}
}
