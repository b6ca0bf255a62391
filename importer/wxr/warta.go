package wxr

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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

// wartaLeadImage applies a Warta article's lead image as the article
// placed it (_warta_lead_image). One from the library came in as the
// featured image; the article's own alt text, caption and credit win over
// the library's defaults. One that is only a file in the media folder (as
// the demo's are) is copied from Uploads, the old site's media folder, to
// the same place in this one.
func (im *importer) wartaLeadImage(p *post, a *warta.Article, what string) {
	raw, ok := p.Meta["_warta_lead_image"]
	if !ok {
		return
	}
	var meta struct {
		MediaID                    int64
		Path, Alt, Caption, Credit string
		Width, Height              int
		Variants                   []warta.ImageVariant
	}
	if err := json.Unmarshal([]byte(raw), &meta); err != nil || meta.Path == "" {
		im.report.note(what, p.line, "its _warta_lead_image cannot be read: no lead image taken from it")
		return
	}
	alt, caption, credit := cut(meta.Alt, 500), cut(meta.Caption, 1000), cut(meta.Credit, 200)
	if a.LeadImage.MediaID != 0 {
		a.LeadImage.Alt, a.LeadImage.Caption, a.LeadImage.Credit = alt, caption, credit
		return
	}
	if meta.MediaID != 0 || im.opt.Uploads == "" || im.opt.MediaDir == "" {
		return // a library image whose attachment did not come in (reported), or nowhere to copy from
	}
	files := []string{meta.Path}
	for _, v := range meta.Variants {
		files = append(files, v.Path)
	}
	for _, f := range files {
		if err := im.copyMediaFile(f); err != nil {
			im.report.note(what, p.line, "its lead image %s was not copied (%v): it has none", meta.Path, err)
			return
		}
	}
	a.LeadImage = warta.Image{Path: meta.Path, Alt: alt, Caption: caption, Credit: credit,
		Width: meta.Width, Height: meta.Height, Variants: meta.Variants}
}

// copyMediaFile copies rel from Uploads to the same place in MediaDir,
// unless the very same bytes are there already. A different file in its
// place is left alone and reported.
func (im *importer) copyMediaFile(rel string) error {
	local := filepath.FromSlash(rel)
	if !filepath.IsLocal(local) {
		return fmt.Errorf("%q is not a path inside the media folder", rel)
	}
	b, err := readLimited(filepath.Join(im.opt.Uploads, local), im.limits().MaxBytes)
	if err != nil {
		return err
	}
	dst := filepath.Join(im.opt.MediaDir, local)
	if old, err := os.ReadFile(dst); err == nil {
		if !bytes.Equal(old, b) {
			return fmt.Errorf("another file is already at %s", rel)
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
