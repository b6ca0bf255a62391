package wxr

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"warta"
)

// NoByline is the target of an author map line whose login should sign
// nothing: the login's posts get the newsroom's byline (houseAuthor)
// instead of a person's.
const NoByline = "-"

// AuthorMapError is an author map that cannot be used; nothing was
// imported.
type AuthorMapError struct {
	File    string
	Line    int // 0 when the whole file is the problem
	Message string
}

func (e *AuthorMapError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("author map %s, line %d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("author map %s: %s", e.File, e.Message)
}

// mapping is one line of an author map.
type mapping struct {
	login  string
	target string // an email, an author slug, or NoByline
	line   int
}

// readAuthorMap reads an author map: one "WP_LOGIN = TARGET" a line,
// where TARGET is the email of a staff account, the slug of an author
// profile (or its address, /author/SLUG/), or "-" for no byline. "#"
// starts a comment; blank lines are skipped. A login given twice is an
// error, since only one of the two could win.
func readAuthorMap(path string) ([]mapping, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &AuthorMapError{File: path, Message: fmt.Sprintf("cannot be read (%v): give the path of a text file of WP_LOGIN = EMAIL or SLUG lines", err)}
	}
	defer f.Close()
	var list []mapping
	seen := map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		// Logins, emails and slugs hold no "#", so it always starts a comment.
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
		if text == "" {
			continue
		}
		login, target, ok := strings.Cut(text, "=")
		login, target = strings.TrimSpace(login), strings.TrimSpace(target)
		if !ok || login == "" || target == "" || strings.ContainsAny(target, " \t=") {
			return nil, &AuthorMapError{File: path, Line: n,
				Message: fmt.Sprintf("%q is not WP_LOGIN = TARGET: write the WordPress login, \"=\", then the email or author slug of someone on the staff (or \"-\" for no byline)", strings.TrimSpace(sc.Text()))}
		}
		if first, dup := seen[login]; dup {
			return nil, &AuthorMapError{File: path, Line: n,
				Message: fmt.Sprintf("the login %q is mapped twice, on lines %d and %d: keep one", login, first, n)}
		}
		seen[login] = n
		list = append(list, mapping{login: login, target: target, line: n})
	}
	if err := sc.Err(); err != nil {
		return nil, &AuthorMapError{File: path, Message: fmt.Sprintf("cannot be read (%v): is it a text file?", err)}
	}
	return list, nil
}

// resolveAuthorMap reads the author map at path and finds each target
// in st, writing nothing: it returns the author profile ID of every
// mapped login (0 for NoByline), or an *AuthorMapError naming the first
// line whose target is not here. Logins the export does not know are
// noted in the report.
func (im *importer) resolveAuthorMap(ctx context.Context, path string) (map[string]int64, error) {
	list, err := readAuthorMap(path)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, a := range im.idx.authors {
		known[a.Login] = true
	}
	ids := map[string]int64{}
	for _, m := range list {
		if !known[m.login] && !im.idx.creators[m.login] {
			im.report.note("author map line "+fmt.Sprint(m.line), 0, "no author in the export has the login %q; the line is not used", m.login)
		}
		if m.target == NoByline {
			ids[m.login] = 0
			continue
		}
		id, problem, err := im.findStaff(ctx, m.target)
		if err != nil {
			return nil, fmt.Errorf("author map %s, line %d: %w", path, m.line, err)
		}
		if problem != "" {
			return nil, &AuthorMapError{File: path, Line: m.line, Message: fmt.Sprintf("%s = %s: %s", m.login, m.target, problem)}
		}
		ids[m.login] = id
	}
	return ids, nil
}

// findStaff returns the author profile a map target names: a staff
// account's by its email, else the profile with that slug. problem says
// why the target cannot be used, for the person who wrote the map.
func (im *importer) findStaff(ctx context.Context, target string) (id int64, problem string, err error) {
	if strings.Contains(target, "@") {
		u, err := im.st.UserByEmail(ctx, target)
		if warta.ErrorCode(err) == warta.ENOTFOUND {
			return 0, "no staff account has this email; check it under Users in the newsroom", nil
		}
		if err != nil {
			return 0, "", err
		}
		if u.AuthorID == 0 {
			return 0, "this account has no author profile to sign posts with; give it one, or map the login to a profile's slug", nil
		}
		return u.AuthorID, "", nil
	}
	s := strings.TrimSuffix(strings.TrimPrefix(target, "/author/"), "/")
	a, err := im.st.AuthorBySlug(ctx, s)
	if warta.ErrorCode(err) == warta.ENOTFOUND {
		return 0, fmt.Sprintf("no author profile has the slug %q (its address would be /author/%s/), and it is not an email", s, s), nil
	}
	if err != nil {
		return 0, "", err
	}
	return a.ID, "", nil
}
