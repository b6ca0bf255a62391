package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"warta"
	"warta/i18n"
)

const personalDataUsage = `Usage: warta personal-data [--data DIR] [--database URL] [--lang id|en] COMMAND EMAIL

Answers a reader's request about the data the site keeps on them.

Commands:
  export EMAIL   print, as JSON, everything stored for that email address
  erase EMAIL    anonymise that person's comments: the name becomes "Anonim"
                 ("Anonymous" with --lang en); email, website, IP and browser
                 are removed; the text and the threads stay
`

// personalData is what "warta personal-data export" prints.
type personalData struct {
	Email    string            `json:"email"`
	Exported time.Time         `json:"exported"`
	Comments []personalComment `json:"comments"`
}

type personalComment struct {
	ID        int64     `json:"id"`
	ArticleID int64     `json:"article_id"`
	ParentID  int64     `json:"parent_id,omitempty"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Website   string    `json:"website,omitempty"`
	IP        string    `json:"ip,omitempty"`
	UserAgent string    `json:"user_agent,omitempty"`
	Content   string    `json:"content"`
	Status    string    `json:"status"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

func runPersonalData(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c := newSiteCommand("personal-data", "Exports or erases a reader's personal data.", personalDataUsage, getenv)
	var lang string
	c.stringVar(&lang, "lang", "WARTA_LANG", i18n.DefaultLang, "the site's language, for the anonymous name")
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	if c.NArg() != 2 || (c.Arg(0) != "export" && c.Arg(0) != "erase") {
		return c.usageError(stderr)
	}
	cat, ok := i18n.Get(lang)
	if !ok {
		return fmt.Errorf("--lang %q is not a language Warta speaks: use %s", lang, strings.Join(i18n.Langs(), " or "))
	}
	email := strings.TrimSpace(c.Arg(1))
	if !warta.ValidEmail(email) {
		return fmt.Errorf("%q is not an email address", email)
	}
	st, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if c.Arg(0) == "erase" {
		n, err := st.AnonymizeComments(ctx, email, cat.T("comment.anonymous"))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "anonymised %d comments of %s\n", n, email)
		return nil
	}
	out := personalData{Email: email, Exported: time.Now().UTC(), Comments: []personalComment{}}
	for offset := 0; ; offset += warta.MaxPageSize {
		list, total, err := st.Comments(ctx, warta.CommentFilter{Email: email, Offset: offset, Limit: warta.MaxPageSize})
		if err != nil {
			return err
		}
		for _, c := range list {
			out.Comments = append(out.Comments, personalComment{
				ID: c.ID, ArticleID: c.ArticleID, ParentID: c.ParentID, Name: c.AuthorName, Email: c.AuthorEmail,
				Website: c.AuthorURL, IP: c.AuthorIP, UserAgent: c.UserAgent, Content: c.Content,
				Status: string(c.Status), Created: c.CreatedAt, Updated: c.UpdatedAt,
			})
		}
		if offset+len(list) >= total || len(list) == 0 {
			break
		}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // a person reads this; it is not embedded in HTML
	return enc.Encode(out)
}
