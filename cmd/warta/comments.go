package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"warta"
)

const commentsUsage = `Usage: warta comments [--data DIR] [--database URL] COMMAND [ARGS]

Moderates reader comments; works while "warta serve" runs on the same site.

Commands:
  list [--status S] [--article ID] [--limit N]   newest first (S: pending, approved, spam, trash)
  show ID                                        one comment, with its email, IP and moderation reason
  approve ID...                                  publish
  spam ID...                                     reject as spam
  trash ID...                                    move to the trash
  restore ID...                                  take out of spam or trash, back to pending
`

// runComments is "warta comments": moderation from the command line.
func runComments(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c := newSiteCommand("comments", "Moderates reader comments.", commentsUsage, getenv)
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	if c.NArg() == 0 {
		return c.usageError(stderr)
	}
	st, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	cmd, rest := c.Arg(0), c.Args()[1:]
	switch cmd {
	case "list":
		return listComments(ctx, st, rest, getenv, stdout, stderr)
	case "show":
		if len(rest) != 1 {
			return c.usageError(stderr)
		}
		return showComment(ctx, st, rest[0], stdout)
	case "approve":
		return setCommentStatus(ctx, st, rest, warta.CommentApproved, stdout, stderr)
	case "spam":
		return setCommentStatus(ctx, st, rest, warta.CommentSpam, stdout, stderr)
	case "trash":
		return setCommentStatus(ctx, st, rest, warta.CommentTrash, stdout, stderr)
	case "restore":
		return setCommentStatus(ctx, st, rest, warta.CommentPending, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "warta comments: unknown command %q\n\n%s", cmd, commentsUsage)
		return errUsage
	}
}

func listComments(ctx context.Context, st store, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("comments list", "Lists comments, newest first.", getenv)
	var status string
	var article int64
	var limit int
	fs.StringVar(&status, "status", "", "only comments with this status: pending, approved, spam or trash")
	fs.Int64Var(&article, "article", 0, "only comments on the article with this ID")
	fs.IntVar(&limit, "limit", 50, "at most this many (up to 100)")
	if err := fs.parse(args, stdout, stderr); err != nil {
		return err
	}
	if status != "" && !warta.CommentStatus(status).Valid() {
		return fmt.Errorf("--status %q: use pending, approved, spam or trash", status)
	}
	list, total, err := st.Comments(ctx, warta.CommentFilter{ArticleID: article, Status: warta.CommentStatus(status), Limit: limit})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tARTICLE\tPOSTED\tAUTHOR\tTEXT")
	for _, c := range list {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s <%s>\t%s\n", c.ID, c.Status, c.ArticleID,
			c.CreatedAt.Local().Format("2006-01-02 15:04"), oneLine(c.AuthorName, 30), c.AuthorEmail, oneLine(c.Content, 50))
	}
	tw.Flush()
	fmt.Fprintf(stdout, "%d of %d comments\n", len(list), total)
	return nil
}

func showComment(ctx context.Context, st store, arg string, stdout io.Writer) error {
	id, err := commentID(arg)
	if err != nil {
		return err
	}
	c, err := st.CommentByID(ctx, id)
	if err != nil {
		return commentErr(id, err)
	}
	fmt.Fprintf(stdout, "Comment %d on article %d", c.ID, c.ArticleID)
	if c.ParentID != 0 {
		fmt.Fprintf(stdout, ", in reply to %d", c.ParentID)
	}
	fmt.Fprintf(stdout, "\nStatus:  %s (%s)\nPosted:  %s\nAuthor:  %s <%s>\nWebsite: %s\nIP:      %s\nBrowser: %s\n\n%s\n",
		c.Status, c.Reason, c.CreatedAt.Local().Format(time.RFC1123), c.AuthorName, c.AuthorEmail,
		c.AuthorURL, c.AuthorIP, c.UserAgent, c.Content)
	return nil
}

// setCommentStatus moves each comment to status, recording that staff
// decided it from the command line.
func setCommentStatus(ctx context.Context, st store, args []string, status warta.CommentStatus, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, commentsUsage)
		return errUsage
	}
	for _, arg := range args {
		id, err := commentID(arg)
		if err != nil {
			return err
		}
		c, err := st.CommentByID(ctx, id)
		if err != nil {
			return commentErr(id, err)
		}
		was := c.Status
		c.Status, c.Reason = status, "staff:cli"
		if err := st.UpdateComment(ctx, c); err != nil {
			return fmt.Errorf("comment %d: %w", id, err)
		}
		fmt.Fprintf(stdout, "comment %d: %s → %s\n", id, was, status)
	}
	return nil
}

func commentID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is not a comment ID; \"warta comments list\" shows them", s)
	}
	return id, nil
}

func commentErr(id int64, err error) error {
	if warta.IsNotFound(err) {
		return fmt.Errorf("there is no comment %d; \"warta comments list\" shows them", id)
	}
	return err
}

// oneLine shortens s to n characters on one line, for tables.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
