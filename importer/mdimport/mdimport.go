// Package mdimport brings a Hugo or Jekyll site's Markdown posts into
// Warta: each file becomes an article, its front matter the article's
// fields, and the images it references by path entries of the media
// library.
//
// The article's slug is the natural key: running the import again over
// the same files creates nothing twice, updates (with a revision, as a
// newsroom edit does) only the articles whose file changed, and leaves the
// others untouched. Images are stored by content hash, so the same
// picture is one library entry however often it is used or imported.
//
// Each file is imported on its own. Everything that can be wrong with a
// file (its front matter, a missing image, a field too long) is checked
// before anything is written, and the article itself is saved in one
// transaction. A failure after the checks (the database going away) can
// leave behind only sections, tags, authors and media entries, which the
// next run finds and reuses.
package mdimport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"warta"
	"warta/markdown"
	"warta/media"
	"warta/slug"
)

// Options says where and how to import.
type Options struct {
	Store    warta.Store
	MediaDir string       // the site's media folder, as "warta serve" uses it
	Limits   media.Limits // for images, as for newsroom uploads
	// Location is the zone of dates written without one.
	Location *time.Location
	// Now decides which posts are scheduled rather than published.
	Now func() time.Time
	// DefaultSection and DefaultAuthor are names used for files whose
	// front matter has no category or section, or no author.
	DefaultSection string
	DefaultAuthor  string
	// DryRun reads and checks everything, and reports what would
	// change, but writes nothing to the store or the media folder.
	DryRun bool
}

// Outcome is what happened to one file.
type Outcome string

// The outcomes of a file.
const (
	Created   Outcome = "created"
	Updated   Outcome = "updated"
	Unchanged Outcome = "unchanged"
	Failed    Outcome = "failed"
)

// FileResult is one file's line of the report.
type FileResult struct {
	Path      string
	Slug      string
	ArticleID int64 // 0 when failed, or in a dry run for a new article
	Outcome   Outcome
	Err       error    // why it failed; a *FileError for problems in the file
	Warnings  []string // what was imported differently from the file
}

// Report is the outcome of an import.
type Report struct {
	Files                               []FileResult
	Created, Updated, Unchanged, Failed int
	MediaAdded                          int // new library entries (in a dry run: that would be added)
}

// Import imports every Markdown file in paths (files, or folders walked
// recursively). Problems with single files are in the report; the error
// is for what stops the whole import (ctx cancelled, bad options).
func Import(ctx context.Context, opts Options, paths []string) (*Report, error) {
	if opts.Store == nil || (opts.MediaDir == "" && !opts.DryRun) {
		return nil, errors.New("mdimport: Options.Store and Options.MediaDir are required")
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.DryRun {
		// Images still go through package media, so that a file a real
		// run would refuse is reported now; their copies go to a folder
		// that is thrown away.
		tmp, err := os.MkdirTemp("", "warta-mdimport-")
		if err != nil {
			return nil, fmt.Errorf("mdimport: %w", err)
		}
		defer os.RemoveAll(tmp)
		opts.MediaDir = tmp
	}
	im := &importer{opts: opts, rep: &Report{},
		slugs: map[string]string{}, processed: map[string]*warta.Media{}, recorded: map[string]*warta.Media{},
		sections: map[string]int64{}, tags: map[string]int64{}, authors: map[string]int64{}}

	srcs, bad := collect(paths)
	for _, r := range bad {
		im.add(r)
	}
	for _, s := range srcs {
		if err := ctx.Err(); err != nil {
			return im.rep, err
		}
		im.add(im.importFile(ctx, s))
	}
	return im.rep, nil
}

// source is one Markdown file to import.
type source struct {
	path  string
	root  string // the folder given (or the file's folder), for "/images/…" paths
	draft bool   // in Jekyll's _drafts
}

// collect lists the Markdown files under paths, in a stable order. Inside
// folders it skips hidden and "_" folders other than Jekyll's _posts and
// _drafts, and Hugo's _index.md (a section's list page, not a story).
func collect(paths []string) ([]source, []FileResult) {
	var srcs []source
	var bad []FileResult
	fail := func(path, msg string) {
		bad = append(bad, FileResult{Path: path, Outcome: Failed, Err: &FileError{Path: path, Msg: msg}})
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			fail(root, "cannot be read: "+errMsg(err))
			continue
		}
		if !info.IsDir() {
			if !isMarkdown(root) {
				fail(root, "is not a Markdown file (.md or .markdown)")
				continue
			}
			srcs = append(srcs, source{path: root, root: filepath.Dir(root), draft: inDrafts(root)})
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				fail(p, "cannot be read: "+errMsg(err))
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && (strings.HasPrefix(name, ".") ||
					(strings.HasPrefix(name, "_") && name != "_posts" && name != "_drafts")) {
					return filepath.SkipDir
				}
				return nil
			}
			if isMarkdown(name) && !strings.HasPrefix(strings.ToLower(name), "_index.") {
				srcs = append(srcs, source{path: p, root: root, draft: inDrafts(p)})
			}
			return nil
		})
		if err != nil {
			fail(root, "cannot be read: "+errMsg(err))
		}
	}
	return srcs, bad
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

func inDrafts(p string) bool {
	return slices.Contains(strings.Split(filepath.ToSlash(filepath.Dir(p)), "/"), "_drafts")
}

// errMsg is an OS error without the path, which the report already shows.
func errMsg(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// importer holds what one import has looked up or made, so each name is
// asked of the store once.
type importer struct {
	opts      Options
	rep       *Report
	slugs     map[string]string       // slug → the file that claimed it in this run
	processed map[string]*warta.Media // image file → what package media made of it
	recorded  map[string]*warta.Media // hash → library entry
	sections  map[string]int64        // slug → ID
	tags      map[string]int64
	authors   map[string]int64
	nextFake  int64 // IDs handed out in a dry run, negative
}

func (im *importer) add(r FileResult) {
	im.rep.Files = append(im.rep.Files, r)
	switch r.Outcome {
	case Created:
		im.rep.Created++
	case Updated:
		im.rep.Updated++
	case Unchanged:
		im.rep.Unchanged++
	default:
		im.rep.Failed++
	}
}

var jekyllName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.+)$`)

// plan is a file read and checked, ready to be written.
type plan struct {
	page     *page
	slug     string
	status   warta.ArticleStatus
	date     time.Time
	body     string // with image paths rewritten to /media/…
	images   []*warta.Media
	lead     *warta.Media
	leadRef  imageRef
	section  string
	tags     []string
	authors  []string
	warnings []string
}

// importFile imports one file and says what became of it.
func (im *importer) importFile(ctx context.Context, src source) FileResult {
	res := FileResult{Path: src.path, Outcome: Failed}
	pl, err := im.read(src)
	if pl != nil {
		res.Slug, res.Warnings = pl.slug, pl.warnings
	}
	if err != nil {
		res.Err = err
		return res
	}
	id, outcome, err := im.save(ctx, src, pl)
	if err != nil {
		res.Err = &FileError{Path: src.path, Msg: err.Error()}
		return res
	}
	res.ArticleID, res.Outcome = id, outcome
	return res
}

// read parses a file and checks everything about it that does not need
// the store: fields, dates, images.
func (im *importer) read(src source) (*plan, error) {
	data, err := os.ReadFile(src.path)
	if err != nil {
		return nil, &FileError{Path: src.path, Msg: "cannot be read: " + errMsg(err)}
	}
	p, err := parsePage(src.path, data, im.opts.Location)
	if err != nil {
		return nil, err
	}
	fail := func(line int, format string, args ...any) error {
		return &FileError{Path: src.path, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	pl := &plan{page: p, body: p.Body}

	// The slug: the front matter's, else the page bundle's folder (Hugo's
	// posts/banjir/index.md), else the file name without Jekyll's date.
	base := strings.TrimSuffix(filepath.Base(src.path), filepath.Ext(src.path))
	var nameDate string
	if m := jekyllName.FindStringSubmatch(base); m != nil {
		nameDate, base = m[1], m[2]
	}
	if strings.EqualFold(base, "index") {
		base = filepath.Base(filepath.Dir(src.path))
	}
	wanted := p.Slug
	if wanted == "" {
		wanted = base
	}
	if pl.slug = slug.Make(wanted); pl.slug == "" {
		return pl, fail(p.line("slug"), "no slug can be made from %q: add a line slug: … to the front matter", wanted)
	}
	if other, ok := im.slugs[pl.slug]; ok {
		return pl, fail(p.line("slug"), "the slug %q is also %s's: give one of them another slug in its front matter", pl.slug, other)
	}
	im.slugs[pl.slug] = src.path

	pl.date = p.Date
	if pl.date.IsZero() && nameDate != "" {
		pl.date, _ = time.ParseInLocation("2006-01-02", nameDate, im.opts.Location)
	}
	switch {
	case p.Draft || src.draft:
		pl.status, pl.date = warta.StatusDraft, time.Time{}
	case pl.date.IsZero():
		return pl, fail(1, "no date: add a line date: 2024-03-05T09:30:00+07:00 to the front matter, or draft: true")
	case pl.date.After(im.opts.Now()):
		pl.status = warta.StatusScheduled
	default:
		pl.status = warta.StatusPublished
	}

	if pl.section = p.Section; pl.section == "" {
		pl.section = im.opts.DefaultSection
	}
	if slug.Make(pl.section) == "" {
		return pl, fail(1, "no section: add categories: [Nasional] or section: Nasional to the front matter, or give --section")
	}
	for _, c := range p.Categories {
		if slug.Make(c) != slug.Make(pl.section) {
			pl.tags = append(pl.tags, c) // the other categories
		}
	}
	pl.tags = append(pl.tags, p.Tags...)
	if pl.authors = p.Authors; len(pl.authors) == 0 && im.opts.DefaultAuthor != "" {
		pl.authors = []string{im.opts.DefaultAuthor}
	}
	if len(pl.authors) == 0 {
		return pl, fail(1, "no author: add author: … to the front matter, or give --author")
	}

	// Images and PDF documents in the body: each must be there and be
	// what it claims; its references become /media/ paths.
	var b strings.Builder
	last := 0
	for _, u := range localImages(p.Body) {
		line := p.BodyLine + strings.Count(p.Body[:u.Start], "\n")
		what := "image"
		if u.Document {
			what = "document"
		}
		m, found, err := im.file(src, u.Dest, u.Document)
		switch {
		case err != nil:
			return pl, fail(line, "%s %s: %v", what, u.Dest, err)
		case !found && strings.HasPrefix(u.Dest, "/"):
			pl.warnings = append(pl.warnings, fmt.Sprintf("line %d: %s %s is not in the folder imported; its path is kept", line, what, u.Dest))
			continue
		case !found:
			return pl, fail(line, "%s %s is not there: put it beside the file or correct the path", what, u.Dest)
		}
		b.WriteString(p.Body[last:u.Start])
		b.WriteString("/media/" + m.Path)
		last = u.Start + len(u.Dest)
		pl.images = append(pl.images, m)
	}
	b.WriteString(p.Body[last:])
	pl.body = b.String()
	if strings.Contains(pl.body, "{{<") || strings.Contains(pl.body, "{{%") || strings.Contains(pl.body, "{%") {
		pl.warnings = append(pl.warnings, "the body has Hugo shortcodes or Liquid tags; they are kept as text")
	}

	if ref := p.Image; ref.Src != "" {
		pl.leadRef = ref
		m, found, err := im.file(src, ref.Src, false)
		switch {
		case err != nil:
			return pl, fail(ref.Line, "lead image %s: %v", ref.Src, err)
		case !found && !isLocalPath(ref.Src):
			pl.warnings = append(pl.warnings, fmt.Sprintf("lead image %s is on another site and was not imported", ref.Src))
		case !found && strings.HasPrefix(ref.Src, "/"):
			pl.warnings = append(pl.warnings, fmt.Sprintf("lead image %s is not in the folder imported and was left out", ref.Src))
		case !found:
			return pl, fail(ref.Line, "lead image %s is not there: put it beside the file or correct the path", ref.Src)
		default:
			pl.lead = m
			if ref.Alt == "" {
				pl.warnings = append(pl.warnings, "the lead image has no alt text, so the headline stands in: add alt to the front matter")
			}
		}
	}

	// The rules every article keeps, checked before anything is written;
	// the IDs are stand-ins, looked up or made later.
	probe := warta.Article{Slug: pl.slug, Headline: p.Title, Dek: p.Dek, BodyMarkdown: pl.body, Status: pl.status,
		PublishedAt: pl.date, Section: warta.Section{ID: 1}, Authors: []warta.Author{{ID: 1}}}
	if err := probe.Validate(); err != nil {
		return pl, fail(1, "%s", fieldProblems(err))
	}
	return pl, nil
}

// file finds the file a reference names and runs it through package
// media: an image, or a PDF document when document is set. found is
// false when there is no such file; err says why a file that is there
// cannot be used.
func (im *importer) file(src source, ref string, document bool) (m *warta.Media, found bool, err error) {
	if !isLocalPath(ref) {
		return nil, false, nil
	}
	name := filepath.FromSlash(filePart(ref))
	var candidates []string
	if filepath.IsAbs(name) || strings.HasPrefix(ref, "/") {
		// A site-absolute path: Hugo serves it from static/, Jekyll from
		// the site's root; look in the folder given and the one above.
		for _, dir := range []string{src.root, filepath.Dir(src.root)} {
			candidates = append(candidates, filepath.Join(dir, "static", name), filepath.Join(dir, name))
		}
	} else {
		candidates = []string{filepath.Join(filepath.Dir(src.path), name)}
	}
	for _, c := range candidates {
		info, err := os.Stat(c)
		if err != nil || info.IsDir() {
			continue
		}
		abs, err := filepath.Abs(c)
		if err != nil {
			return nil, true, err
		}
		if m := im.processed[abs]; m != nil {
			if media.IsDocument(m.MIME) != document {
				// Met before as the other kind (a PDF as a lead image).
				return nil, true, errors.New(kindMismatch(document))
			}
			return m, true, nil
		}
		f, err := os.Open(abs)
		if err != nil {
			return nil, true, errors.New(errMsg(err))
		}
		defer f.Close()
		// Checked before anything is stored: a picture named .pdf would
		// otherwise go into the library as a picture, and the other way.
		head := make([]byte, 512)
		n, _ := io.ReadFull(f, head)
		if media.IsDocument(media.SniffType(head[:n])) != document {
			return nil, true, errors.New(kindMismatch(document))
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, true, err
		}
		lim := im.opts.Limits
		lim.ImagesOnly = !document // what Markdown places as an image is shown as a picture
		m, err := media.Process(f, filepath.Base(abs), lim, im.opts.MediaDir)
		if err != nil {
			var e *warta.Error
			if errors.As(err, &e) && e.Message != "" {
				return nil, true, errors.New(e.Message)
			}
			return nil, true, err
		}
		im.processed[abs] = m
		return m, true, nil
	}
	return nil, false, nil
}

// kindMismatch says why a file cannot be used where it is placed.
func kindMismatch(document bool) string {
	if document {
		return "the file is not a PDF document, whatever its name says"
	}
	return "the file is a PDF document, not an image: link to it instead"
}

// fieldProblems says which rules an article broke, in words.
func fieldProblems(err error) string {
	var e *warta.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err.Error()
	}
	names := map[string]string{"headline": "title", "dek": "description", "body": "body", "slug": "slug",
		"status": "status", "published_at": "date", "section": "section", "authors": "author"}
	problems := map[string]string{"error.required": "is missing", "error.too_long": "is too long",
		"error.slug_invalid": "is not a valid slug", "error.invalid_utf8": "is not valid UTF-8", "error.invalid": "is not valid"}
	var out []string
	for field, key := range e.Fields {
		name, problem := names[field], problems[key]
		if name == "" {
			name = field
		}
		if problem == "" {
			problem = key
		}
		out = append(out, name+" "+problem)
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// save writes what read checked: the library entries, the section, tags
// and authors it needs, then the article, created or updated only when
// it differs from the stored one.
func (im *importer) save(ctx context.Context, src source, pl *plan) (int64, Outcome, error) {
	st := im.opts.Store
	stored, err := st.ArticleBySlug(ctx, pl.slug)
	switch {
	case warta.IsNotFound(err):
		stored = nil
	case err != nil:
		return 0, Failed, err
	case stored.OwnerID != 0:
		// Written in the newsroom, not imported: not ours to overwrite.
		return 0, Failed, fmt.Errorf("the slug %q belongs to article %d, written in the newsroom: give this file another slug", pl.slug, stored.ID)
	}

	replace := map[string]string{}
	for _, m := range pl.images {
		e, err := im.record(ctx, m)
		if err != nil {
			return 0, Failed, err
		}
		// A picture already in the library keeps its stored path.
		if e.Path != m.Path {
			replace["/media/"+m.Path] = "/media/" + e.Path
		}
	}
	body := pl.body
	for from, to := range replace {
		body = strings.ReplaceAll(body, from, to)
	}

	p := pl.page
	a := &warta.Article{CommentsOpen: true}
	if stored != nil {
		copied := *stored
		a = &copied
	}
	a.Slug, a.Headline, a.Dek, a.BodyMarkdown = pl.slug, p.Title, p.Dek, body
	a.Status, a.PublishedAt = pl.status, pl.date
	if a.BodyHTML, err = markdown.Render(body); err != nil {
		return 0, Failed, err
	}
	sectionID, err := im.section(ctx, pl.section)
	if err != nil {
		return 0, Failed, err
	}
	a.Section = warta.Section{ID: sectionID}
	a.Tags = nil
	seen := map[int64]bool{}
	for _, name := range pl.tags {
		id, err := im.tag(ctx, name)
		if err != nil {
			return 0, Failed, err
		}
		if id != 0 && !seen[id] {
			seen[id] = true
			a.Tags = append(a.Tags, warta.Tag{ID: id})
		}
	}
	a.Authors = nil
	clear(seen)
	for _, name := range pl.authors {
		id, err := im.author(ctx, name)
		if err != nil {
			return 0, Failed, err
		}
		if id != 0 && !seen[id] {
			seen[id] = true
			a.Authors = append(a.Authors, warta.Author{ID: id})
		}
	}
	a.LeadImage = warta.Image{}
	if pl.lead != nil {
		m, err := im.record(ctx, pl.lead)
		if err != nil {
			return 0, Failed, err
		}
		ref := pl.leadRef
		alt := ref.Alt
		if alt == "" {
			alt = p.Title
		}
		a.LeadImage = warta.Image{MediaID: m.ID, Path: m.Path, Width: m.Width, Height: m.Height, Variants: m.Variants,
			Alt: alt, Caption: ref.Caption, Credit: ref.Credit}
	}
	a.EditedBy, a.RevisionNote = 0, "imported from "+filepath.ToSlash(src.path)

	if stored == nil {
		if im.opts.DryRun {
			return 0, Created, nil
		}
		if err := st.CreateArticle(ctx, a); err != nil {
			return 0, Failed, err
		}
		return a.ID, Created, nil
	}
	if sameArticle(stored, a) {
		return stored.ID, Unchanged, nil
	}
	// The file saying it was modified after publication is the writer
	// telling readers of an update, as the newsroom's "substantive" box.
	a.Substantive = stored.Status == warta.StatusPublished && a.Status == warta.StatusPublished &&
		p.Lastmod.After(p.Date) && (stored.Headline != a.Headline || stored.Dek != a.Dek || stored.BodyMarkdown != a.BodyMarkdown)
	a.RevisionNote = "imported again from " + filepath.ToSlash(src.path)
	if im.opts.DryRun {
		return stored.ID, Updated, nil
	}
	if err := st.UpdateArticle(ctx, a); err != nil {
		return 0, Failed, err
	}
	return a.ID, Updated, nil
}

// sameArticle reports whether saving a over stored would change nothing
// the import writes.
func sameArticle(stored, a *warta.Article) bool {
	ids := func(tags []warta.Tag) []int64 {
		var out []int64
		for _, t := range tags {
			out = append(out, t.ID)
		}
		slices.Sort(out) // the store returns tags in its own order
		return out
	}
	var sa, aa []int64
	for _, x := range stored.Authors {
		sa = append(sa, x.ID)
	}
	for _, x := range a.Authors {
		aa = append(aa, x.ID)
	}
	l1, l2 := stored.LeadImage, a.LeadImage
	return stored.Slug == a.Slug && stored.Headline == a.Headline && stored.Dek == a.Dek &&
		stored.BodyMarkdown == a.BodyMarkdown && stored.BodyHTML == a.BodyHTML &&
		stored.Status == a.Status && stored.PublishedAt.Equal(a.PublishedAt) &&
		stored.Section.ID == a.Section.ID && slices.Equal(ids(stored.Tags), ids(a.Tags)) && slices.Equal(sa, aa) &&
		l1.MediaID == l2.MediaID && l1.Path == l2.Path && l1.Alt == l2.Alt && l1.Caption == l2.Caption && l1.Credit == l2.Credit
}

// record puts a processed image in the library, as a newsroom upload
// does: the same picture twice is one entry.
func (im *importer) record(ctx context.Context, m *warta.Media) (*warta.Media, error) {
	if e := im.recorded[m.Hash]; e != nil {
		return e, nil
	}
	st := im.opts.Store
	e, err := st.MediaByHash(ctx, m.Hash)
	switch {
	case err == nil:
	case !warta.IsNotFound(err):
		return nil, err
	case im.opts.DryRun:
		im.rep.MediaAdded++
		e = m
	default:
		copied := *m
		e = &copied
		err := st.CreateMedia(ctx, e)
		if warta.ErrorCode(err) == warta.ECONFLICT {
			e, err = st.MediaByHash(ctx, m.Hash) // added meanwhile, by the newsroom
		} else if err == nil {
			im.rep.MediaAdded++
		}
		if err != nil {
			return nil, err
		}
	}
	im.recorded[m.Hash] = e
	return e, nil
}

// section returns the ID of the section called name, made if missing at
// the end of the navigation.
func (im *importer) section(ctx context.Context, name string) (int64, error) {
	s := slug.Make(name)
	if id, ok := im.sections[s]; ok {
		return id, nil
	}
	st := im.opts.Store
	sec, err := st.SectionBySlug(ctx, s)
	switch {
	case err == nil:
	case !warta.IsNotFound(err):
		return 0, err
	case im.opts.DryRun:
		sec = &warta.Section{ID: im.fakeID()}
	default:
		all, err := st.Sections(ctx)
		if err != nil {
			return 0, err
		}
		sec = &warta.Section{Slug: s, Name: name, Position: len(all) + 1}
		if err := st.CreateSection(ctx, sec); err != nil {
			return 0, fmt.Errorf("section %q: %w", name, err)
		}
	}
	im.sections[s] = sec.ID
	return sec.ID, nil
}

// tag returns the ID of the tag called name, made if missing; 0 for a
// name no slug can be made of.
func (im *importer) tag(ctx context.Context, name string) (int64, error) {
	s := slug.Make(name)
	if s == "" {
		return 0, nil
	}
	if id, ok := im.tags[s]; ok {
		return id, nil
	}
	st := im.opts.Store
	t, err := st.TagBySlug(ctx, s)
	switch {
	case err == nil:
	case !warta.IsNotFound(err):
		return 0, err
	case im.opts.DryRun:
		t = &warta.Tag{ID: im.fakeID()}
	default:
		t = &warta.Tag{Slug: s, Name: name}
		if err := st.CreateTag(ctx, t); err != nil {
			return 0, fmt.Errorf("tag %q: %w", name, err)
		}
	}
	im.tags[s] = t.ID
	return t.ID, nil
}

// author returns the ID of the author profile called name, made if
// missing; 0 for a name no slug can be made of.
func (im *importer) author(ctx context.Context, name string) (int64, error) {
	s := slug.Make(name)
	if s == "" {
		return 0, nil
	}
	if id, ok := im.authors[s]; ok {
		return id, nil
	}
	st := im.opts.Store
	a, err := st.AuthorBySlug(ctx, s)
	switch {
	case err == nil:
	case !warta.IsNotFound(err):
		return 0, err
	case im.opts.DryRun:
		a = &warta.Author{ID: im.fakeID()}
	default:
		a = &warta.Author{Slug: s, Name: name}
		if err := st.CreateAuthor(ctx, a); err != nil {
			return 0, fmt.Errorf("author %q: %w", name, err)
		}
	}
	im.authors[s] = a.ID
	return a.ID, nil
}

// fakeID stands in, in a dry run, for what a real run would create.
func (im *importer) fakeID() int64 {
	im.nextFake--
	return im.nextFake
}
