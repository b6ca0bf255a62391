// Package wxr imports a WordPress export (WXR, versions 1.0 to 1.2) into
// a Warta site: posts become articles, pages pages, categories sections
// and tags, authors author profiles with disabled staff accounts,
// comments comments with their threads, attachments media, and every old
// WordPress address a redirect.
//
// The file is read twice, token by token, so memory holds one item at a
// time: the first pass writes nothing and refuses a file that is not
// XML, is cut short or is not an export, with the line where reading
// stopped; the second imports. Each item goes into the database in one
// transaction with its import key (see warta.ImportStore), so an import
// that stops half-way can be run again: it updates what it made and
// makes the rest.
package wxr

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"warta"
	"warta/comments"
	"warta/importer/wphtml"
	"warta/markdown"
	"warta/media"
	"warta/slug"
)

// Options says where things are and how careful to be.
type Options struct {
	// MediaDir is the site's media folder; imported images are stored in
	// it as uploads are.
	MediaDir string
	// Uploads is a local copy of the old site's wp-content/uploads, where
	// attachment files are looked for first. Empty for none.
	Uploads string
	// FetchMedia downloads an attachment from its URL when Uploads does
	// not have it.
	FetchMedia bool
	// Client makes the downloads; nil means one with a one-minute timeout.
	Client *http.Client
	// Concurrency is how many attachments are fetched and processed at
	// once; 0 means 4.
	Concurrency int
	// Retries is how many times a failed download is tried again; 0
	// means 2.
	Retries int
	// MediaLimits bounds each image, as for uploads.
	MediaLimits media.Limits
	// Location is the site's time zone, for article addresses and for
	// dates that name no zone; nil means UTC.
	Location *time.Location
	// MaxBodyBytes is the largest post body imported; a larger one is
	// skipped and reported. 0 means 4 MiB.
	MaxBodyBytes int
	// BatchPosts is how many posts are written in one transaction (each
	// whole or absent in it); 0 means 500.
	BatchPosts int
	// AuthorMap is the path of a file that maps WordPress logins to
	// people already on the staff, one "WP_LOGIN = TARGET" a line (see
	// readAuthorMap): a mapped login's posts are signed by that profile
	// and no profile or account is made for it. Empty for none.
	AuthorMap string
	// Progress, when set, is told how many posts and pages are done out
	// of how many.
	Progress func(done, total int)
}

// DefaultMaxBodyBytes is the largest post body imported by default: far
// more than any article, far less than a body stuffed with inline images.
const DefaultMaxBodyBytes = 4 << 20

// Untitled is the headline of a post that has none (WordPress allows
// that; Warta does not).
const Untitled = "Tanpa judul"

// defaultSection takes the posts that have no category.
var defaultSection = warta.Section{Slug: "arsip", Name: "Arsip"}

// importer is one run of Import.
type importer struct {
	st     warta.Store
	path   string
	opt    Options
	idx    *index
	report *Report
	loc    *time.Location

	authors  map[string]int64            // by login
	mapped   map[string]int64            // the author map: login → profile, 0 for "-"
	unsigned map[string]int              // posts without a personal byline, by login mapped to "-"
	house    int64                       // the newsroom's byline, once found (see houseAuthor)
	sections map[string]int64            // by category slug
	catTags  map[string]int64            // by category slug
	tags     map[string]int64            // by tag slug
	media    map[int64]*warta.Media      // by attachment ID
	imported map[string]map[string]int64 // what earlier runs made, by kind and key

	batch         []pendingPost     // posts waiting to be written
	batchComments int               // their comments
	batchBytes    int               // their text, bodies and comments
	planned       map[string]bool   // the slugs the batch will take
	urls          map[string]string // uploads-relative path → /media/…
	done          int
}

// Import imports the export at path into st and reports what it did.
// It returns an error, and imports nothing, when the file cannot be read
// as an export (an *Error with the line), and stops with an error when
// the database fails; items that are merely wrong are skipped and
// reported. Running it again on the same file changes nothing that did
// not change; on a fixed file it imports what was skipped.
func Import(ctx context.Context, st warta.Store, path string, opt Options) (*Report, error) {
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opt.Concurrency <= 0 {
		opt.Concurrency = 4
	}
	if opt.BatchPosts <= 0 {
		opt.BatchPosts = 500
	}
	if opt.Retries <= 0 {
		opt.Retries = 2
	}
	if opt.Client == nil {
		opt.Client = &http.Client{Timeout: time.Minute}
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	// Every element holds at most a little more than the largest body,
	// so one hostile element cannot take the memory.
	idx, err := scan(path, opt.MaxBodyBytes+1)
	if err != nil {
		return nil, err
	}
	im := &importer{
		st: st, path: path, opt: opt, idx: idx, report: newReport(), loc: loc,
		authors: map[string]int64{}, sections: map[string]int64{}, catTags: map[string]int64{},
		tags: map[string]int64{}, media: map[int64]*warta.Media{}, urls: map[string]string{},
	}
	im.report.Source = idx.source
	// The map is checked against the site before anything is written,
	// as the export was: a typo must not leave half the staff doubled.
	if opt.AuthorMap != "" {
		if im.mapped, err = im.resolveAuthorMap(ctx, opt.AuthorMap); err != nil {
			return nil, err
		}
		im.report.count("authors mapped", 0)
	}
	im.unsigned = map[string]int{}
	im.imported = map[string]map[string]int64{}
	im.planned = map[string]bool{}
	for _, kind := range []string{warta.ImportPost, warta.ImportPage} {
		if im.imported[kind], err = st.ImportedIDs(ctx, idx.source, kind); err != nil {
			return nil, err
		}
	}
	if v := idx.version; v != "" && v != "1.0" && v != "1.1" && v != "1.2" {
		im.report.note("the export", 0, "it says it is WXR version %q; read as 1.2", v)
	}
	steps := []func(context.Context) error{im.importAuthors, im.importTerms, im.importMedia, im.importItems}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			im.noteUnsigned()
			return im.report, err
		}
	}
	im.noteUnsigned()
	return im.report, nil
}

// key makes the import key of an item of kind.
func (im *importer) key(kind, k string) warta.ImportKey {
	return warta.ImportKey{Source: im.idx.source, Kind: kind, Key: k}
}

// fatal reports whether err must stop the import: anything but a
// problem with the item itself (EINVALID, ECONFLICT) means the database
// is in trouble, and going on would only skip everything else.
func fatal(err error) bool {
	code := warta.ErrorCode(err)
	return code != warta.EINVALID && code != warta.ECONFLICT
}

// makeSlug turns a WordPress slug (which may be %-encoded UTF-8) into a
// Warta slug, falling back to the name, then to fallback.
func makeSlug(wp, name, fallback string) string {
	if s, err := url.PathUnescape(wp); err == nil {
		wp = s
	}
	if s := slug.Make(wp); s != "" {
		return s
	}
	if s := slug.Make(name); s != "" {
		return s
	}
	return fallback
}

// plain turns a bit of WordPress HTML (a title, an excerpt, a name)
// into plain text: tags dropped, entities decoded, spaces collapsed.
func plain(s string) string {
	s = blockTagPattern.ReplaceAllString(s, " ")
	s = tagPattern.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = strings.ToValidUTF8(s, "")
	return strings.Join(strings.Fields(s), " ")
}

var (
	tagPattern      = regexp.MustCompile(`<[^>]*>`)
	blockTagPattern = regexp.MustCompile(`(?i)<(?:/?(?:p|div|li|ul|ol|h[1-6]|blockquote|tr|td|th|table)|br)\b[^>]*>`)
)

// sizeSuffix matches the "-300x200" WordPress puts before the extension
// of a resized copy.
var sizeSuffix = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)

// cut shortens s to at most n runes, at a word when it can.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > len(string(r))/2 {
		return strings.TrimSpace(string(r)[:i])
	}
	return string(r)
}

// oldPath returns the path of one of the old site's addresses, with a
// query only for the ?p=ID forms, or "" when it is not one.
func oldPath(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Path == "" && u.RawQuery == "" {
		return ""
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	if q := u.Query(); p == "/" {
		for _, k := range []string{"p", "page_id", "attachment_id"} {
			if v := q.Get(k); v != "" {
				return "/?" + k + "=" + v
			}
		}
		return ""
	}
	return p
}

// addRedirect appends from → to unless from is empty, the same, or "/".
func addRedirect(list []warta.Redirect, from, to string) []warta.Redirect {
	if from == "" || from == "/" || from == to || !strings.HasPrefix(from, "/") {
		return list
	}
	for _, r := range list {
		if r.Path == from {
			return list
		}
	}
	return append(list, warta.Redirect{Path: from, Target: to})
}

// importAuthors makes an author profile, and a disabled staff account
// with no password, for every wp:author.
func (im *importer) importAuthors(ctx context.Context) error {
	for i, a := range im.idx.authors {
		if _, err := im.author(ctx, a, i+1); err != nil {
			return err
		}
	}
	return nil
}

// author imports one author and returns its ID.
func (im *importer) author(ctx context.Context, a author, n int) (int64, error) {
	if id, ok := im.mapped[a.Login]; ok {
		return im.mapAuthor(ctx, a.Login, id)
	}
	name := plain(a.DisplayName)
	if name == "" {
		name = strings.TrimSpace(plain(a.FirstName) + " " + plain(a.LastName))
	}
	if name == "" {
		name = a.Login
	}
	au := &warta.Author{Slug: makeSlug(a.Login, name, "penulis-"+strconv.Itoa(n)), Name: name, Bio: a.Bio}
	var u *warta.User
	if email := strings.TrimSpace(a.Email); warta.ValidEmail(email) {
		// Disabled and without a password: the person is known to the
		// newsroom but cannot log in until an administrator lets them.
		u = &warta.User{Email: email, Role: warta.RoleAuthor, Disabled: true}
	}
	var redirects []warta.Redirect
	redirects = addRedirect(redirects, "/author/"+a.Login+"/", "/author/"+au.Slug+"/")
	redirects = addRedirect(redirects, "/author/"+a.Login+"/feed/", "/author/"+au.Slug+"/feed/")
	err := im.st.ImportAuthor(ctx, im.key(warta.ImportAuthor, a.Login), au, u, redirects)
	if err != nil {
		if fatal(err) {
			return 0, fmt.Errorf("import author %q: %w", a.Login, err)
		}
		if u == nil {
			im.report.skip("author "+a.Login, 0, "%v", err)
			return 0, nil
		}
		// The account is what failed (most likely its email): keep the
		// byline without it.
		if err := im.st.ImportAuthor(ctx, im.key(warta.ImportAuthor, a.Login), au, nil, redirects); err != nil {
			if fatal(err) {
				return 0, fmt.Errorf("import author %q: %w", a.Login, err)
			}
			im.report.skip("author "+a.Login, 0, "%v", err)
			return 0, nil
		}
		im.report.note("author "+a.Login, 0, "no staff account made: %v", err)
		u = nil
	}
	im.authors[a.Login] = au.ID
	im.report.count("authors", 1)
	if u != nil && u.AuthorID == au.ID && u.ID != 0 {
		im.report.count("users", 1)
	}
	im.report.count("redirects", len(redirects))
	return au.ID, nil
}

// mapAuthor points a login the author map names at the staff's profile
// id, with the login's /author/ addresses, and makes no one; for id 0
// (the map's "-") it does nothing: authorFor signs those posts.
func (im *importer) mapAuthor(ctx context.Context, login string, id int64) (int64, error) {
	if id == 0 {
		return 0, nil
	}
	a, err := im.st.AuthorByID(ctx, id)
	if err != nil {
		return 0, fmt.Errorf("map author %q: %w", login, err)
	}
	var redirects []warta.Redirect
	redirects = addRedirect(redirects, "/author/"+login+"/", "/author/"+a.Slug+"/")
	redirects = addRedirect(redirects, "/author/"+login+"/feed/", "/author/"+a.Slug+"/feed/")
	if err := im.st.ImportAuthorMapped(ctx, im.key(warta.ImportAuthor, login), id, redirects); err != nil {
		if fatal(err) {
			return 0, fmt.Errorf("map author %q: %w", login, err)
		}
		im.report.skip("author "+login, 0, "%v", err)
		return 0, nil
	}
	im.authors[login] = id
	im.report.count("authors mapped", 1)
	im.report.count("redirects", len(redirects))
	return id, nil
}

// houseAuthor signs the posts of logins the author map sends to "-":
// every Warta article needs an author, so instead of a person they get
// the newsroom's own byline, the profile with this slug when the site
// has one, made once otherwise (as posts without a category get
// defaultSection).
var houseAuthor = warta.Author{Slug: "redaksi", Name: "Redaksi"}

// houseByline returns the ID of houseAuthor: the site's own when it has
// one, left as the newsroom wrote it, else one made now (and found by
// its slug on a re-run).
func (im *importer) houseByline(ctx context.Context) (int64, error) {
	if im.house != 0 {
		return im.house, nil
	}
	a, err := im.st.AuthorBySlug(ctx, houseAuthor.Slug)
	if warta.ErrorCode(err) == warta.ENOTFOUND {
		a = &warta.Author{Slug: houseAuthor.Slug, Name: houseAuthor.Name}
		if err = im.st.CreateAuthor(ctx, a); err == nil {
			im.report.count("authors", 1)
		}
	}
	if err != nil {
		return 0, fmt.Errorf("the byline for posts the author map leaves unsigned (/author/%s/): %w", houseAuthor.Slug, err)
	}
	im.house = a.ID
	return a.ID, nil
}

// noteUnsigned tells, for each login the map sends to "-", how many of
// its posts are signed by the newsroom instead of a person.
func (im *importer) noteUnsigned() {
	for _, login := range slices.Sorted(maps.Keys(im.unsigned)) {
		im.report.note("author "+login, 0, "the author map says %q: %d posts have no personal byline and are signed %q (/author/%s/), since every Warta article needs an author",
			NoByline, im.unsigned[login], houseAuthor.Name, houseAuthor.Slug)
	}
}

// importTerms makes a section of every category that is some post's
// primary category, a tag of every other category (and of those that
// are also someone's second category), and a tag of every tag.
func (im *importer) importTerms(ctx context.Context) error {
	for _, s := range im.idx.catOrder {
		c := im.idx.categories[s]
		full := im.categoryPath(s)
		wslug := makeSlug(c.Slug, c.Name, "kategori-"+c.TermID)
		name := plain(c.Name)
		if name == "" {
			name = wslug
		}
		var target string
		if c.primary || c.wartaSection {
			sec := &warta.Section{Slug: wslug, Name: name, Description: plain(c.Description), Position: c.position}
			target = "/section/" + sec.Slug + "/"
			redirects := categoryRedirects(full, target)
			if err := im.st.ImportSection(ctx, im.key(warta.ImportCategory, c.Slug), sec, redirects); err != nil {
				if fatal(err) {
					return fmt.Errorf("import category %q: %w", c.Slug, err)
				}
				im.report.skip("category "+c.Slug, 0, "%v", err)
				continue
			}
			im.sections[c.Slug] = sec.ID
			im.report.count("sections", 1)
			im.report.count("redirects", len(redirects))
		}
		if c.secondary || (!c.primary && !c.wartaSection) {
			t := &warta.Tag{Slug: wslug, Name: name}
			var redirects []warta.Redirect
			if !c.primary {
				redirects = categoryRedirects(full, "/tag/"+t.Slug+"/")
			}
			if err := im.st.ImportTag(ctx, im.key(warta.ImportCategoryTag, c.Slug), t, redirects); err != nil {
				if fatal(err) {
					return fmt.Errorf("import category %q: %w", c.Slug, err)
				}
				im.report.skip("category "+c.Slug, 0, "%v", err)
				continue
			}
			im.catTags[c.Slug] = t.ID
			im.report.count("tags", 1)
			im.report.count("redirects", len(redirects))
		}
	}
	for _, s := range im.idx.tagOrder {
		c := im.idx.tags[s]
		t := &warta.Tag{Slug: makeSlug(c.Slug, c.Name, "tag-"+c.TermID), Name: plain(c.Name)}
		if t.Name == "" {
			t.Name = t.Slug
		}
		var redirects []warta.Redirect
		redirects = addRedirect(redirects, "/tag/"+c.Slug+"/", "/tag/"+t.Slug+"/")
		redirects = addRedirect(redirects, "/tag/"+c.Slug+"/feed/", "/tag/"+t.Slug+"/feed/")
		if err := im.st.ImportTag(ctx, im.key(warta.ImportTag, c.Slug), t, redirects); err != nil {
			if fatal(err) {
				return fmt.Errorf("import tag %q: %w", c.Slug, err)
			}
			im.report.skip("tag "+c.Slug, 0, "%v", err)
			continue
		}
		im.tags[c.Slug] = t.ID
		im.report.count("tags", 1)
		im.report.count("redirects", len(redirects))
	}
	return nil
}

// categoryPath returns a category's path in WordPress addresses: its
// parents' slugs, then its own ("news/local").
func (im *importer) categoryPath(s string) string {
	parts := []string{s}
	seen := map[string]bool{s: true}
	for c := im.idx.categories[s]; c != nil && c.Parent != "" && !seen[c.Parent]; c = im.idx.categories[c.Parent] {
		seen[c.Parent] = true
		parts = append([]string{c.Parent}, parts...)
	}
	return strings.Join(parts, "/")
}

// categoryRedirects sends a category's old addresses (nested and flat,
// and their feeds) to target.
func categoryRedirects(full, target string) []warta.Redirect {
	var list []warta.Redirect
	flat := full[strings.LastIndexByte(full, '/')+1:]
	for _, p := range []string{full, flat} {
		list = addRedirect(list, "/category/"+p+"/", target)
		list = addRedirect(list, "/category/"+p+"/feed/", target+"feed/")
	}
	return list
}

// sectionFor returns the section of a post: its primary category's, or
// the default section, made the first time it is needed.
func (im *importer) sectionFor(ctx context.Context, p *post) (int64, error) {
	if id, ok := im.sections[im.idx.primary(p)]; ok {
		return id, nil
	}
	if id, ok := im.sections[""]; ok {
		return id, nil
	}
	sec := defaultSection
	if err := im.st.ImportSection(ctx, im.key(warta.ImportCategory, "(none)"), &sec, nil); err != nil {
		return 0, fmt.Errorf("import the section for posts without a category: %w", err)
	}
	im.sections[""] = sec.ID
	im.report.count("sections", 1)
	return sec.ID, nil
}

// authorFor returns the author of a post, making one for a login the
// export does not list.
func (im *importer) authorFor(ctx context.Context, login string) (int64, error) {
	if login == "" {
		login = "admin"
	}
	if id, ok := im.mapped[login]; ok && id == 0 {
		im.unsigned[login]++
		return im.houseByline(ctx)
	}
	if id, ok := im.authors[login]; ok && id != 0 {
		return id, nil
	}
	return im.author(ctx, author{Login: login}, len(im.authors)+1)
}

// importItems is the second pass: posts and pages, with comments. A
// second goroutine reads the file and converts each item's body and
// comments (readItems) while this one writes: on a large export the two
// halves cost about the same, so the import takes half the time on a
// machine with two cores. Everything that touches the database or the
// importer's maps stays on this goroutine.
func (im *importer) importItems(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	items := make(chan readItem, readAhead)
	var reading sync.WaitGroup
	reading.Go(func() { im.readItems(ctx, items) })
	defer reading.Wait()
	defer cancel() // before Wait: a reader blocked on a full channel stops
	seen := map[int64]bool{}
	others := map[string]int{} // item type → its line in Skipped, plus one
	for it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if errors.Is(it.err, io.EOF) {
			return im.flush(ctx)
		}
		if it.err != nil {
			return it.err // the file changed since the first pass
		}
		if it.parseErr != nil {
			im.report.skip("an item", it.line, "%v", it.parseErr.Message)
			continue
		}
		p := it.p
		what := p.Type + " " + strconv.FormatInt(p.ID, 10)
		if seen[p.ID] {
			im.report.skip(what, p.line, "its ID was already used by the item at line %d; only that one is imported", im.idx.firstLine[p.ID])
			continue
		}
		seen[p.ID] = true
		var err error
		switch p.Type {
		case "post":
			// A post that goes into the batch is counted for progress
			// when the batch is written; a skipped one now.
			before := im.done + len(im.batch)
			if err := im.importPost(ctx, p); err != nil {
				return err
			}
			if im.done+len(im.batch) == before {
				im.progress()
			}
			continue
		case "page":
			err = im.importPage(ctx, p)
		case "attachment":
			continue // done before, from the index
		default:
			// Menus, reusable blocks, theme styles…: one line per type,
			// not one per item.
			if others[p.Type] == 0 {
				im.report.skip("WordPress \""+p.Type+"\" items", 0, "they have no place in Warta")
				others[p.Type] = len(im.report.Skipped)
			} else {
				im.report.mu.Lock()
				im.report.Skipped[others[p.Type]-1].count++
				im.report.mu.Unlock()
			}
			continue
		}
		if err != nil {
			return err
		}
		im.progress()
	}
	return ctx.Err() // the reader stopped early only when told to
}

// readAhead is how many items the reading goroutine may be ahead of the
// writer: enough to keep both busy, few enough to keep memory bounded.
const readAhead = 16

// readItem is what readItems hands the writer: an item with its body
// converted, an item that cannot be read (parseErr, with its line), or
// the end of the file (err is io.EOF) or a failure to read it.
type readItem struct {
	p        *post
	line     int
	parseErr *Error
	err      error
}

// readItems reads the export's items in order and sends them to items,
// with their bodies and comments converted, then closes it. It stops
// when ctx is cancelled. It only reads what the earlier steps wrote
// (im.media, im.urls, im.idx), which no one changes while it runs.
func (im *importer) readItems(ctx context.Context, items chan<- readItem) {
	defer close(items)
	send := func(it readItem) bool {
		select {
		case items <- it:
			return true
		case <-ctx.Done():
			return false
		}
	}
	f, err := os.Open(im.path)
	if err != nil {
		send(readItem{err: fmt.Errorf("open the export again: %w", err)})
		return
	}
	defer f.Close()
	rd := newReader(f, im.opt.MaxBodyBytes+1)
	for {
		el, err := rd.next()
		if err != nil {
			send(readItem{err: err})
			return
		}
		if el.node.name != "item" {
			continue
		}
		p, err := parsePost(el.node, el.line)
		if err != nil {
			if !send(readItem{line: el.line, parseErr: err.(*Error)}) {
				return
			}
			continue
		}
		if (p.Type == "post" || p.Type == "page") && !p.Truncated && len(p.Content) <= im.opt.MaxBodyBytes {
			p.conv = im.convert(p)
			for _, c := range p.Comments {
				c.html = comments.Format(commentText(c))
			}
		}
		if !send(readItem{p: p, line: el.line}) {
			return
		}
	}
}

// articleStatus maps a WordPress post status; ok is false for a post
// that is not imported, with the reason.
func articleStatus(s string) (warta.ArticleStatus, string) {
	switch s {
	case "publish":
		return warta.StatusPublished, ""
	case "draft", "auto-draft":
		if s == "auto-draft" {
			return "", "an automatic draft WordPress made, never written"
		}
		return warta.StatusDraft, ""
	case "pending":
		return warta.StatusPending, ""
	case "future":
		return warta.StatusScheduled, ""
	case "private":
		return warta.StatusUnpublished, ""
	case "trash":
		return "", "it is in WordPress's trash"
	case "inherit":
		return "", "a revision, not a post"
	}
	return "", fmt.Sprintf("its status %q is not one WordPress gives posts", s)
}

// dates returns when a post was published (its GMT date, else its
// <pubDate>, else its local date) and whether it has one at all.
func (im *importer) dates(gmt, pub, local string) (time.Time, bool) {
	if t, ok := parseDate(gmt, time.UTC); ok {
		return t, true
	}
	if t, ok := parseDate(pub, time.UTC); ok {
		return t, true
	}
	return parseDate(local, im.loc)
}

// conversion is a post's body converted, as readItems leaves it for body.
type conversion struct {
	md, html   string
	err        error
	shortcodes []string // unknown shortcodes, for the report
	dropped    []string // what the converter left out, for the report
}

// convert converts a post's HTML to Markdown and its rendering.
func (im *importer) convert(p *post) *conversion {
	if md, h, ok, err := wartaBody(p); ok {
		return &conversion{md: md, html: h, err: err}
	}
	res := wphtml.Convert(p.Content, wphtml.Options{MapURL: im.mapURL, Gallery: func(ids []string) []wphtml.Image {
		return im.gallery(p.ID, ids)
	}})
	h, err := markdown.Render(res.Markdown)
	return &conversion{md: res.Markdown, html: h, err: err, shortcodes: res.Shortcodes, dropped: res.Dropped}
}

// body returns a post's body converted (by readItems, or now) and notes
// the shortcodes the converter did not know and what it dropped.
func (im *importer) body(p *post) (string, string, error) {
	c := p.conv
	if c == nil {
		c = im.convert(p)
	}
	im.report.mu.Lock()
	for _, sc := range c.shortcodes {
		im.report.Shortcodes[sc]++
	}
	for _, d := range c.dropped {
		im.report.Dropped[d]++
	}
	im.report.mu.Unlock()
	return c.md, c.html, c.err
}

// gallery returns the images of a [gallery]: the attachments ids names,
// or, for a bare [gallery], those attached to the post. Attachments
// whose file was not imported, and documents, are left out.
func (im *importer) gallery(postID int64, ids []string) []wphtml.Image {
	var list []*attachment
	if len(ids) == 0 {
		for _, id := range im.idx.attOrder {
			if a := im.idx.attach[id]; a.Parent == postID {
				list = append(list, a)
			}
		}
	}
	for _, s := range ids {
		if id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			if a, ok := im.idx.attach[id]; ok {
				list = append(list, a)
			}
		}
	}
	var out []wphtml.Image
	for _, a := range list {
		if m, ok := im.media[a.ID]; ok && m.IsImage() {
			out = append(out, wphtml.Image{Src: a.URL, Alt: plain(a.Alt), Caption: plain(a.Caption)})
		}
	}
	return out
}

// importPost imports a post as an article with its comments. Problems
// with the post are reported and skipped; only a failing database stops
// the import.
func (im *importer) importPost(ctx context.Context, p *post) error {
	what := "post " + strconv.FormatInt(p.ID, 10)
	status, why := articleStatus(p.Status)
	if why != "" {
		im.report.skip(what, p.line, "%s", why)
		return nil
	}
	if p.Truncated || len(p.Content) > im.opt.MaxBodyBytes {
		im.report.skip(what, p.line, "its body is larger than %d bytes; shorten it in WordPress (inline images are the usual cause) or raise the limit", im.opt.MaxBodyBytes)
		return nil
	}
	published, dated := im.dates(p.DateGMT, p.PubDate, p.Date)
	if !dated && (status == warta.StatusPublished || status == warta.StatusScheduled) {
		im.report.skip(what, p.line, "no date could be read (%q); fix <wp:post_date_gmt>", p.DateGMT)
		return nil
	}
	if p.Password != "" && status == warta.StatusPublished {
		status = warta.StatusUnpublished
		im.report.note(what, p.line, "it was protected by a password, which Warta does not have: imported unpublished")
	}
	headline := cut(plain(p.Title), warta.MaxHeadlineLen)
	if headline == "" {
		headline = Untitled
		im.report.note(what, p.line, "it had no title: headline set to %q", Untitled)
	}
	md, bodyHTML, err := im.body(p)
	if err != nil {
		im.report.skip(what, p.line, "its body cannot be converted: %v", err)
		return nil
	}
	sectionID, err := im.sectionFor(ctx, p)
	if err != nil {
		return err
	}
	authorID, err := im.authorFor(ctx, p.Creator)
	if err != nil {
		return err
	}
	a := &warta.Article{
		Slug:         makeSlug(p.Name, plain(p.Title), "post-"+strconv.FormatInt(p.ID, 10)),
		Headline:     headline,
		Dek:          cut(plain(p.Excerpt), warta.MaxDekLen),
		BodyMarkdown: md,
		BodyHTML:     bodyHTML,
		Status:       status,
		Section:      warta.Section{ID: sectionID},
		CommentsOpen: p.CommentStatus == "open",
		RevisionNote: "imported from " + im.idx.source,
	}
	if authorID != 0 {
		a.Authors = []warta.Author{{ID: authorID}}
	}
	if err := im.wartaArticle(ctx, p, a); err != nil {
		return err
	}
	if dated {
		a.PublishedAt, a.CreatedAt = published, published
	}
	primary := im.idx.primary(p)
	var tagIDs []int64
	for _, c := range p.Categories {
		if id, ok := im.catTags[c.Slug]; ok && c.Slug != primary && !slices.Contains(tagIDs, id) {
			tagIDs = append(tagIDs, id)
		}
	}
	for _, t := range p.Tags {
		if id, ok := im.tags[t.Slug]; ok && !slices.Contains(tagIDs, id) {
			tagIDs = append(tagIDs, id)
		}
	}
	for _, id := range tagIDs {
		a.Tags = append(a.Tags, warta.Tag{ID: id})
	}
	if id, err := strconv.ParseInt(strings.TrimSpace(p.Meta["_thumbnail_id"]), 10, 64); err == nil {
		if m, ok := im.media[id]; ok && !m.IsImage() {
			im.report.note(what, p.line, "its featured image (attachment %d) is a PDF document, so it has no lead image", id)
		} else if ok {
			a.LeadImage = warta.Image{MediaID: m.ID, Path: m.Path, Alt: m.Alt, Caption: m.Caption, Credit: m.Credit,
				Width: m.Width, Height: m.Height, Variants: m.Variants}
		} else {
			im.report.note(what, p.line, "its featured image (attachment %d) was not imported, so it has no lead image", id)
		}
	}
	im.wartaLeadImage(p, a, what)
	cs := im.comments(p, what)
	k := im.key(warta.ImportPost, strconv.FormatInt(p.ID, 10))
	wantSlug := a.Slug
	if a.Slug, err = im.freeArticleSlug(ctx, k, a.Slug); err != nil {
		return err
	}
	im.planned[a.Slug] = true
	var redirects []warta.Redirect
	if a.Status == warta.StatusPublished {
		redirects = im.postRedirects(p, a)
	}
	im.batch = append(im.batch, pendingPost{p: p, what: what, wantSlug: wantSlug,
		item: warta.ArticleImport{Key: k, Article: a, Comments: cs, Redirects: redirects}})
	im.batchComments += len(cs)
	im.batchBytes += len(a.BodyMarkdown) + len(a.BodyHTML)
	for _, c := range cs {
		im.batchBytes += len(c.Content) + len(c.ContentHTML)
	}
	if len(im.batch) >= im.opt.BatchPosts || im.batchComments >= batchComments || im.batchBytes >= batchBytes {
		return im.flush(ctx)
	}
	return nil
}

// Posts are written in batches of at most Options.BatchPosts posts,
// batchComments comments or batchBytes of text, one transaction each,
// every post whole or absent in it (see warta.ImportStore.ImportArticles):
// one commit per post would make a 10,000-post import take minutes, and
// each commit also writes a segment of the search index that must later
// be merged. The byte bound keeps memory small when posts are large; a
// batch takes about a second to write, well within the time a comment
// posted on the live site meanwhile waits for the lock (busy_timeout).
const (
	batchComments = 10000
	batchBytes    = 32 << 20
)

// pendingPost is a post waiting in the batch.
type pendingPost struct {
	p        *post
	what     string
	wantSlug string
	item     warta.ArticleImport
}

// flush writes the batch and reports on each post in it.
func (im *importer) flush(ctx context.Context) error {
	if len(im.batch) == 0 {
		return nil
	}
	batch := im.batch
	im.batch, im.batchComments, im.batchBytes, im.planned = nil, 0, 0, map[string]bool{}
	items := make([]warta.ArticleImport, len(batch))
	planned := make([]string, len(batch))
	for i, b := range batch {
		items[i], planned[i] = b.item, b.item.Article.Slug
	}
	errs, err := im.st.ImportArticles(ctx, items)
	if err != nil {
		return fmt.Errorf("import posts %d to %d (lines %d to %d): %w", batch[0].p.ID, batch[len(batch)-1].p.ID,
			batch[0].p.line, batch[len(batch)-1].p.line, err)
	}
	for i, b := range batch {
		a, p := b.item.Article, b.p
		err := errs[i]
		if err == nil && a.Slug != planned[i] && a.Status == warta.StatusPublished {
			// Someone took the slug in the meantime and the store chose
			// another: point the redirects at the address it has now.
			b.item.Redirects = im.postRedirects(p, a)
			err = im.st.ImportArticle(ctx, b.item.Key, a, nil, b.item.Redirects)
		}
		if err != nil {
			if fatal(err) {
				return fmt.Errorf("import post %d (line %d): %w", p.ID, p.line, err)
			}
			im.report.skip(b.what, p.line, "%s", describe(err))
		} else {
			if a.Slug != b.wantSlug {
				im.report.note(b.what, p.line, "its slug %q was taken: it is now %q", b.wantSlug, a.Slug)
			}
			im.report.count("articles", 1)
			im.report.count("redirects", len(b.item.Redirects))
			for _, c := range b.item.Comments {
				im.report.count("comments", 1)
				im.report.count("comments "+string(c.Status), 1)
			}
		}
		im.progress()
	}
	return nil
}

// progress counts one post or page done and tells Options.Progress.
func (im *importer) progress() {
	im.done++
	if im.opt.Progress != nil {
		im.opt.Progress(im.done, im.idx.total)
	}
}

// describe says what is wrong with an item the store refused.
func describe(err error) string {
	var we *warta.Error
	if errors.As(err, &we) && len(we.Fields) > 0 {
		var parts []string
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range we.Fields {
				if !yield(k) {
					return
				}
			}
		}) {
			parts = append(parts, k+": "+we.Fields[k])
		}
		return we.Message + " (" + strings.Join(parts, ", ") + ")"
	}
	return err.Error()
}

// postRedirects lists the old addresses of a published post: /?p=ID, its
// old permalink, the /YYYY/MM/DD/slug/ form, and /slug/ when no page
// takes that address.
func (im *importer) postRedirects(p *post, a *warta.Article) []warta.Redirect {
	target := a.Permalink(im.loc)
	var list []warta.Redirect
	list = addRedirect(list, "/?p="+strconv.FormatInt(p.ID, 10), target)
	list = addRedirect(list, oldPath(p.Link), target)
	name := p.Name
	if s, err := url.PathUnescape(name); err == nil {
		name = s
	}
	if name != "" && !strings.Contains(name, "/") {
		if local, ok := parseDate(p.Date, time.UTC); ok {
			list = addRedirect(list, local.Format("/2006/01/02/")+name+"/", target)
		}
		if !im.idx.pageSlugs[p.Name] && !warta.ReservedPageSlug(name) {
			list = addRedirect(list, "/"+name+"/", target)
		}
	}
	return list
}

// commentStatus maps wp:comment_approved.
func commentStatus(s string) (warta.CommentStatus, bool) {
	switch s {
	case "1", "approve", "approved":
		return warta.CommentApproved, true
	case "0", "hold", "":
		return warta.CommentPending, true
	case "spam":
		return warta.CommentSpam, true
	case "trash", "post-trashed":
		return warta.CommentTrash, true
	}
	return warta.CommentPending, false
}

// comments turns a post's comments into what the store takes, parents
// before replies. A reply whose parent is not in the export (or that
// is part of a loop) starts its own thread, and the report says so.
func (im *importer) comments(p *post, what string) []*warta.ImportedComment {
	byID := map[int64]*comment{}
	for _, c := range p.Comments {
		if _, dup := byID[c.ID]; dup {
			im.report.skip(fmt.Sprintf("comment %d on %s", c.ID, what), p.line, "its ID appears twice; only the first is imported")
			continue
		}
		byID[c.ID] = c
	}
	parent := map[int64]int64{}
	for id, c := range byID {
		if c.Parent == 0 {
			continue
		}
		if _, ok := byID[c.Parent]; !ok {
			im.report.note(fmt.Sprintf("comment %d on %s", id, what), p.line, "it replies to comment %d, which is not in the export: it starts its own thread", c.Parent)
			continue
		}
		parent[id] = c.Parent
	}
	// Break loops: follow each chain; a chain that comes back to itself
	// loses its last link.
	for id := range parent {
		seen := map[int64]bool{id: true}
		for at := parent[id]; at != 0; at = parent[at] {
			if seen[at] {
				im.report.note(fmt.Sprintf("comment %d on %s", at, what), p.line, "its replies go round in a circle: it starts its own thread")
				delete(parent, at)
				break
			}
			seen[at] = true
		}
	}
	var out []*warta.ImportedComment
	placed := map[int64]bool{}
	var place func(c *comment)
	place = func(c *comment) {
		if placed[c.ID] {
			return
		}
		placed[c.ID] = true
		pid := parent[c.ID]
		if pid != 0 {
			place(byID[pid])
		}
		ic := im.comment(c, what, p.line)
		if ic == nil {
			return
		}
		if pid != 0 {
			ic.ParentKey = strconv.FormatInt(pid, 10)
		}
		out = append(out, ic)
	}
	for _, c := range p.Comments {
		if byID[c.ID] == c {
			place(c)
		}
	}
	// A reply to a comment that was skipped starts its own thread too.
	kept := map[string]bool{}
	for _, c := range out {
		kept[c.Key] = true
	}
	for _, c := range out {
		if c.ParentKey != "" && !kept[c.ParentKey] {
			im.report.note("comment "+c.Key+" on "+what, p.line, "the comment it replies to was not imported: it starts its own thread")
			c.ParentKey = ""
		}
	}
	return out
}

// comment converts one comment; nil when it cannot be imported.
func (im *importer) comment(c *comment, what string, line int) *warta.ImportedComment {
	cwhat := fmt.Sprintf("comment %d on %s", c.ID, what)
	status, ok := commentStatus(c.Approved)
	if !ok {
		im.report.note(cwhat, line, "its status %q is unknown: held for moderation", c.Approved)
	}
	content := commentText(c)
	if content == "" {
		im.report.skip(cwhat, line, "it is empty")
		return nil
	}
	if len(content) > warta.MaxCommentContentLen*4 {
		im.report.skip(cwhat, line, "it is longer than %d characters", warta.MaxCommentContentLen)
		return nil
	}
	created, _ := im.dates(c.DateGMT, "", c.Date)
	name := cut(plain(c.Author), warta.MaxCommentAuthorLen)
	if name == "" {
		name = "Anonim"
	}
	site := strings.TrimSpace(c.URL)
	if u, err := url.Parse(site); err != nil || (u.Scheme != "http" && u.Scheme != "https") || len(site) > warta.MaxCommentURLLen {
		site = ""
	}
	reason := "imported"
	if c.Type == "pingback" || c.Type == "trackback" {
		reason = "imported " + c.Type
	}
	return &warta.ImportedComment{
		Key: strconv.FormatInt(c.ID, 10),
		Comment: warta.Comment{
			AuthorName:  name,
			AuthorEmail: cut(strings.ToValidUTF8(c.Email, ""), warta.MaxCommentEmailLen),
			AuthorURL:   site,
			AuthorIP:    cut(strings.ToValidUTF8(c.IP, ""), 64),
			UserAgent:   cut(strings.ToValidUTF8(c.Agent, ""), 255),
			Content:     content,
			ContentHTML: c.formatted(content),
			Status:      status,
			Reason:      reason,
			CreatedAt:   created,
		},
	}
}

// commentText is a comment's text as it is imported.
func commentText(c *comment) string {
	return strings.TrimSpace(strings.ToValidUTF8(c.Content, "\uFFFD"))
}

// formatted returns the comment's HTML, made by readItems or now.
func (c *comment) formatted(text string) string {
	if c.html != "" {
		return c.html
	}
	return comments.Format(text)
}

// importPage imports a page; its comments are reported, since Warta's
// pages take none.
func (im *importer) importPage(ctx context.Context, p *post) error {
	what := "page " + strconv.FormatInt(p.ID, 10)
	var status warta.PageStatus
	switch p.Status {
	case "publish":
		status = warta.PagePublished
	case "draft", "pending", "future", "private":
		status = warta.PageDraft
	default:
		_, why := articleStatus(p.Status)
		im.report.skip(what, p.line, "%s", why)
		return nil
	}
	if p.Password != "" && status == warta.PagePublished {
		status = warta.PageDraft
		im.report.note(what, p.line, "it was protected by a password, which Warta does not have: imported as a draft")
	}
	if p.Truncated || len(p.Content) > im.opt.MaxBodyBytes {
		im.report.skip(what, p.line, "its body is larger than %d bytes", im.opt.MaxBodyBytes)
		return nil
	}
	md, bodyHTML, err := im.body(p)
	if err != nil {
		im.report.skip(what, p.line, "its body cannot be converted: %v", err)
		return nil
	}
	title := cut(plain(p.Title), warta.MaxPageTitleLen)
	if title == "" {
		title = Untitled
	}
	pg := &warta.Page{
		Slug:         makeSlug(p.Name, plain(p.Title), "halaman-"+strconv.FormatInt(p.ID, 10)),
		Title:        title,
		BodyMarkdown: md,
		BodyHTML:     bodyHTML,
		Status:       status,
	}
	wartaPage(p, pg)
	if warta.ReservedPageSlug(pg.Slug) {
		pg.Slug = "halaman-" + pg.Slug
	}
	if t, ok := im.dates(p.DateGMT, p.PubDate, p.Date); ok {
		pg.CreatedAt = t
	}
	wantSlug := pg.Slug
	k := im.key(warta.ImportPage, strconv.FormatInt(p.ID, 10))
	if pg.Slug, err = im.freePageSlug(ctx, k, pg.Slug); err != nil {
		return err
	}
	redirects := func() []warta.Redirect {
		var list []warta.Redirect
		list = addRedirect(list, "/?page_id="+strconv.FormatInt(p.ID, 10), pg.Permalink())
		list = addRedirect(list, "/?p="+strconv.FormatInt(p.ID, 10), pg.Permalink())
		return addRedirect(list, oldPath(p.Link), pg.Permalink())
	}
	planned, list := pg.Slug, redirects()
	err = im.st.ImportPage(ctx, k, pg, list)
	if err == nil && pg.Slug != planned {
		list = redirects()
		err = im.st.ImportPage(ctx, k, pg, list)
	}
	im.report.count("redirects", len(list))
	if err != nil {
		if fatal(err) {
			return fmt.Errorf("import page %d (line %d): %w", p.ID, p.line, err)
		}
		im.report.skip(what, p.line, "%s", describe(err))
		return nil
	}
	if pg.Slug != wantSlug {
		im.report.note(what, p.line, "its slug %q was taken: it is now %q", wantSlug, pg.Slug)
	}
	if len(p.Comments) > 0 {
		im.report.skip(fmt.Sprintf("%d comments on %s", len(p.Comments), what), p.line, "Warta's pages take no comments")
	}
	im.report.count("pages", 1)
	return nil
}

// mapURL maps an address of the old site's uploads to the imported
// image, for the body converter; anything else stays as it is.
func (im *importer) mapURL(u string) string {
	if rel := uploadsRel(u); rel != "" {
		if m, ok := im.urls[rel]; ok {
			return m
		}
		// A size WordPress made on the fly for this page: the original.
		if m, ok := im.urls[sizeSuffix.ReplaceAllString(rel, "$1")]; ok {
			return m
		}
	}
	return u
}

// uploadsRel returns the path of an uploaded file relative to the
// uploads folder ("2019/03/pasar.jpg"): what follows /uploads/ when the
// address has it, else the whole path (WordPress.com serves uploads from
// their own host at the root).
func uploadsRel(u string) string {
	parsed, err := url.Parse(strings.TrimSpace(u))
	if err != nil || parsed.Path == "" {
		return ""
	}
	p := parsed.Path
	if i := strings.LastIndex(p, "/uploads/"); i >= 0 {
		p = p[i+len("/uploads/"):]
	}
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if p == "" || p == "." {
		return ""
	}
	return p
}

// freeArticleSlug returns the slug an imported post will have: its own
// when it was imported before, else want or the first free want-2,
// want-3…, the way the store chooses. Knowing it beforehand lets the
// redirects go into the same transaction as the article.
func (im *importer) freeArticleSlug(ctx context.Context, k warta.ImportKey, want string) (string, error) {
	mine := im.imported[k.Kind][k.Key]
	for n := 1; ; n++ {
		candidate := slug.Nth(want, n)
		if im.planned[candidate] {
			continue // taken by a post earlier in the batch
		}
		a, err := im.st.ArticleBySlug(ctx, candidate)
		switch {
		case warta.ErrorCode(err) == warta.ENOTFOUND:
			return candidate, nil
		case err != nil:
			return "", err
		case a.ID == mine:
			return a.Slug, nil
		case mine != 0:
			// Imported before under another slug, which it keeps.
			if a, err := im.st.ArticleByID(ctx, mine); err == nil {
				return a.Slug, nil
			}
		}
	}
}

// freePageSlug is freeArticleSlug for pages.
func (im *importer) freePageSlug(ctx context.Context, k warta.ImportKey, want string) (string, error) {
	mine := im.imported[k.Kind][k.Key]
	if mine != 0 {
		if p, err := im.st.PageByID(ctx, mine); err == nil {
			return p.Slug, nil
		}
	}
	for n := 1; ; n++ {
		candidate := slug.Nth(want, n)
		_, err := im.st.PageBySlug(ctx, candidate)
		switch {
		case warta.ErrorCode(err) == warta.ENOTFOUND:
			return candidate, nil
		case err != nil:
			return "", err
		}
	}
}
