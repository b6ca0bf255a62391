package warta

import "context"

// ImportKey names one item of another site that an import brought in.
// Recording it with what the item became here is what makes an import
// safe to run again: the second run finds the key and updates instead of
// creating a copy.
type ImportKey struct {
	Source string // the site the item came from, e.g. a WXR's base_site_url
	Kind   string // ImportPost, ImportPage, …
	Key    string // the item's ID on that site
}

// Kinds of imported items.
const (
	ImportPost        = "post"
	ImportPage        = "page"
	ImportAttachment  = "attachment"
	ImportCategory    = "category"     // a category that became a section
	ImportCategoryTag = "category_tag" // a category that became a tag
	ImportTag         = "tag"
	ImportAuthor      = "author"
	ImportComment     = "comment"
)

// Redirect sends readers of an old address (a path, or "/?p=12") to the
// one that replaced it, with a 301.
type Redirect struct {
	Path   string
	Target string
}

// ImportedComment is a comment arriving with its article, keyed so that
// its replies can find it and a second import can update it.
type ImportedComment struct {
	Key       string // the comment's ID on the source site
	ParentKey string // the parent's Key, "" for a comment that starts a thread
	Comment
}

// ArticleImport is one article for ImportArticles.
type ArticleImport struct {
	Key       ImportKey
	Article   *Article
	Comments  []*ImportedComment
	Redirects []Redirect
}

// ImportStore writes what an import brings in. Each method stores one
// item together with its key and its redirects in one transaction, so an
// import that stops half-way leaves every item whole or absent. When the
// key was recorded before, the item it points at is updated; when it
// was not but something with the same slug (or email, or hash) exists,
// that is adopted, so an earlier import or a hand-made section is reused
// instead of duplicated.
type ImportStore interface {
	// ImportedIDs returns what every key of kind from source became.
	ImportedIDs(ctx context.Context, source, kind string) (map[string]int64, error)
	// ImportSection creates or updates s and sets its ID.
	ImportSection(ctx context.Context, k ImportKey, s *Section, redirects []Redirect) error
	// ImportTag creates or updates t and sets its ID.
	ImportTag(ctx context.Context, k ImportKey, t *Tag, redirects []Redirect) error
	// ImportAuthor creates or updates a and sets its ID. When u is not
	// nil and no user has u.Email, u is created for a (keep it Disabled
	// with no password: the person sets one through a reset); when a
	// user has that email, a becomes that user's author profile.
	ImportAuthor(ctx context.Context, k ImportKey, a *Author, u *User, redirects []Redirect) error
	// ImportAuthorMapped records that k is the author authorID, who is
	// here already, with the redirects, and makes or changes no author
	// and no user: the import was told this person is one of the staff.
	// A key recorded before points at authorID afterwards. Errors:
	// ENOTFOUND (no such author), EINVALID (the key or a redirect).
	ImportAuthorMapped(ctx context.Context, k ImportKey, authorID int64, redirects []Redirect) error
	// ImportMedia records m (already processed by package media) and sets
	// its ID; the same image under another key is the same entry.
	ImportMedia(ctx context.Context, k ImportKey, m *Media, redirects []Redirect) error
	// ImportArticle creates or updates a with its comments and sets a's
	// ID, Slug, Revision, CreatedAt and UpdatedAt and each comment's ID;
	// the other fields keep what was given (read the article back for
	// its section's name or its comment count). The comments keep their
	// CreatedAt; replies come after their parents in the list or were
	// imported before. A taken slug gets -2, -3…. Errors: EINVALID (the
	// article, a comment, a reference to something that does not exist,
	// or a ParentKey that names no comment of this article).
	ImportArticle(ctx context.Context, k ImportKey, a *Article, comments []*ImportedComment, redirects []Redirect) error
	// ImportPage creates or updates p and fills p from what was stored
	// (ID, Revision…). A slug taken by another page gets -2, -3…. An
	// import that changes an existing page moves its Revision on, so an
	// editor who had the page open gets a conflict instead of silently
	// saving over the import. Errors: EINVALID.
	ImportPage(ctx context.Context, k ImportKey, p *Page, redirects []Redirect) error
	// ImportArticles is ImportArticle for several articles at once, in
	// one transaction in which each article is whole or absent: it
	// returns one error per item, nil for those imported, and fails as a
	// whole (err) only when the database does.
	ImportArticles(ctx context.Context, items []ArticleImport) (errs []error, err error)
	// RedirectFor returns where an old address now lives. Errors: ENOTFOUND.
	RedirectFor(ctx context.Context, path string) (string, error)
}
