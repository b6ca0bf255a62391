package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/sqlite"
	"warta/storetest"
)

// siteWithComments makes a data folder holding one article and a small
// thread: a held comment from Sari with a reply from Budi.
func siteWithComments(t *testing.T) (dir string, sari, budi *warta.Comment) {
	t.Helper()
	dir = t.TempDir()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, dir, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	sec := storetest.MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional"})
	au := storetest.MustCreateAuthor(t, st, &warta.Author{Slug: "rina", Name: "Rina"})
	a := storetest.MustCreateArticle(t, st, &warta.Article{Slug: "banjir", Headline: "Banjir", Status: warta.StatusPublished,
		PublishedAt: time.Now().Add(-time.Hour), Section: *sec, Authors: []warta.Author{*au}, CommentsOpen: true})
	sari = storetest.MustCreateComment(t, st, &warta.Comment{ArticleID: a.ID, Content: "Semoga cepat surut.", AuthorName: "Sari",
		AuthorEmail: "Sari@Example.id", AuthorIP: "203.0.113.9", Status: warta.CommentPending, Reason: "first_time"})
	budi = storetest.MustCreateComment(t, st, &warta.Comment{ArticleID: a.ID, ParentID: sari.ID, Content: "Amin.", AuthorName: "Budi",
		AuthorEmail: "budi@example.id", Status: warta.CommentApproved, Reason: "rules"})
	return dir, sari, budi
}

// cli runs one warta command and returns its exit status and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"warta"}, args...), noEnv, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func commentStatus(t *testing.T, dir string, id int64) *warta.Comment {
	t.Helper()
	st, err := sqlite.Open(context.Background(), dir, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.CommentByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCommentsCLI(t *testing.T) {
	dir, sari, budi := siteWithComments(t)
	id := func(c *warta.Comment) string { return strconv.FormatInt(c.ID, 10) }

	code, out, _ := cli(t, "comments", "--data", dir, "list", "--status", "pending")
	if code != 0 || !strings.Contains(out, "Semoga cepat surut.") || strings.Contains(out, "Amin.") {
		t.Errorf("list --status pending: exit %d\n%s", code, out)
	}
	code, out, _ = cli(t, "comments", "--data", dir, "show", id(sari))
	if code != 0 || !strings.Contains(out, "Sari@Example.id") || !strings.Contains(out, "first_time") || !strings.Contains(out, "203.0.113.9") {
		t.Errorf("show: staff see the email, IP and reason; exit %d\n%s", code, out)
	}

	steps := []struct {
		cmd  string
		want warta.CommentStatus
	}{
		{"approve", warta.CommentApproved},
		{"spam", warta.CommentSpam},
		{"restore", warta.CommentPending},
		{"trash", warta.CommentTrash},
		{"restore", warta.CommentPending},
	}
	for _, s := range steps {
		if code, out, errOut := cli(t, "comments", "--data", dir, s.cmd, id(sari), id(budi)); code != 0 {
			t.Fatalf("%s: exit %d %s %s", s.cmd, code, out, errOut)
		}
		for _, c := range []*warta.Comment{sari, budi} {
			got := commentStatus(t, dir, c.ID)
			if got.Status != s.want || got.Reason != "staff:cli" {
				t.Errorf("after %s, comment %d is %s (%s), want %s by staff", s.cmd, c.ID, got.Status, got.Reason, s.want)
			}
		}
	}

	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"comments", "--data", dir, "approve", "999"}, 1, "no comment 999"},
		{[]string{"comments", "--data", dir, "approve", "x"}, 1, "not a comment ID"},
		{[]string{"comments", "--data", dir, "frob"}, 2, "unknown command"},
		{[]string{"comments", "--data", dir}, 2, "Usage"},
		{[]string{"comments", "--data", dir, "list", "--status", "maybe"}, 1, "--status"},
	} {
		code, _, errOut := cli(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}

func TestSettingsCLI(t *testing.T) {
	dir, _, _ := siteWithComments(t)
	if code, out, errOut := cli(t, "settings", "--data", dir, "set", "comment_max_links", "4"); code != 0 || !strings.Contains(out, "comment_max_links = 4") {
		t.Fatalf("set: exit %d %q %q", code, out, errOut)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"warta", "settings", "--data", dir, "set", "comment_moderation_keys", "-"}, noEnv,
		strings.NewReader("judi\nslot online\n\n"), &out, &errOut)
	if code != 0 {
		t.Fatalf("set from stdin: exit %d %s", code, errOut.String())
	}
	_, list, _ := cli(t, "settings", "--data", dir, "list")
	for _, want := range []string{"comment_max_links          4", "judi, slot online", "comment_first_time_hold    true"} {
		if !strings.Contains(list, want) {
			t.Errorf("settings list lacks %q:\n%s", want, list)
		}
	}
	if strings.Contains(list, "site_secret") {
		t.Error("settings list shows the site secret")
	}
	for _, args := range [][]string{{"set", "comment_max_links", "many"}, {"set", "no_such_setting", "1"}} {
		code, _, errOut := cli(t, append([]string{"settings", "--data", dir}, args...)...)
		if code != 1 || errOut == "" {
			t.Errorf("settings %v: exit %d, stderr %q; want 1 and a reason", args, code, errOut)
		}
	}
}

func TestPersonalDataCLI(t *testing.T) {
	dir, sari, budi := siteWithComments(t)

	code, out, errOut := cli(t, "personal-data", "--data", dir, "export", "sari@example.id")
	if code != 0 {
		t.Fatalf("export: exit %d %s", code, errOut)
	}
	var got personalData
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, out)
	}
	if len(got.Comments) != 1 || got.Comments[0].ID != sari.ID || got.Comments[0].IP != "203.0.113.9" || got.Comments[0].Content != sari.Content {
		t.Errorf("export (any case of the email) = %+v, want Sari's one comment with its IP", got.Comments)
	}

	code, out, _ = cli(t, "personal-data", "--data", dir, "--lang", "en", "erase", "SARI@example.id")
	if code != 0 || !strings.Contains(out, "anonymised 1") {
		t.Fatalf("erase: exit %d %q", code, out)
	}
	erased := commentStatus(t, dir, sari.ID)
	if erased.AuthorName != "Anonymous" || erased.AuthorEmail != "" || erased.AuthorIP != "" || erased.Content != sari.Content {
		t.Errorf("after erase: %+v", erased)
	}
	if reply := commentStatus(t, dir, budi.ID); reply.ParentID != sari.ID || reply.AuthorEmail != "budi@example.id" {
		t.Errorf("erase broke the thread or touched another person: %+v", reply)
	}
	if code, _, errOut := cli(t, "personal-data", "--data", dir, "export", "not-an-email"); code != 1 || !strings.Contains(errOut, "not an email") {
		t.Errorf("export of a non-email: exit %d %q", code, errOut)
	}
}
