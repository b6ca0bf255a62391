package warta_test

import (
	"strings"
	"testing"
	"time"

	"warta"
)

func validComment() *warta.Comment {
	return &warta.Comment{ArticleID: 1, Content: "Terima kasih atas liputannya.", AuthorName: "Sari",
		AuthorEmail: "sari@example.id", Status: warta.CommentPending}
}

func TestCommentValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(c *warta.Comment)
		field string // "" means valid
		key   string
	}{
		{"valid", func(c *warta.Comment) {}, "", ""},
		{"trimmed", func(c *warta.Comment) { c.AuthorName = "  Sari \n" }, "", ""},
		{"empty content", func(c *warta.Comment) { c.Content = "" }, "content", "error.required"},
		{"whitespace content", func(c *warta.Comment) { c.Content = " \n\t " }, "content", "error.required"},
		{"content at the limit", func(c *warta.Comment) { c.Content = strings.Repeat("a", warta.MaxCommentContentLen) }, "", ""},
		{"content over the limit", func(c *warta.Comment) { c.Content = strings.Repeat("é", warta.MaxCommentContentLen+1) }, "content", "error.too_long"},
		{"NUL byte", func(c *warta.Comment) { c.Content = "a\x00b" }, "content", "error.invalid_utf8"},
		{"invalid UTF-8", func(c *warta.Comment) { c.AuthorName = "\xff\xfe" }, "author", "error.invalid_utf8"},
		{"no name", func(c *warta.Comment) { c.AuthorName = "" }, "author", "error.required"},
		{"long name", func(c *warta.Comment) { c.AuthorName = strings.Repeat("n", warta.MaxCommentAuthorLen+1) }, "author", "error.too_long"},
		{"no email", func(c *warta.Comment) { c.AuthorEmail = "" }, "email", "error.required"},
		{"bad email", func(c *warta.Comment) { c.AuthorEmail = "sari" }, "email", "error.email_invalid"},
		{"email without a dotted domain", func(c *warta.Comment) { c.AuthorEmail = "sari@localhost" }, "email", "error.email_invalid"},
		{"email with a display name", func(c *warta.Comment) { c.AuthorEmail = "Sari <sari@example.id>" }, "email", "error.email_invalid"},
		{"long email", func(c *warta.Comment) { c.AuthorEmail = strings.Repeat("a", 96) + "@x.id" }, "email", "error.too_long"},
		{"website", func(c *warta.Comment) { c.AuthorURL = "https://sari.example.id/blog" }, "", ""},
		{"javascript website", func(c *warta.Comment) { c.AuthorURL = "javascript:alert(1)" }, "url", "error.url_invalid"},
		{"ftp website", func(c *warta.Comment) { c.AuthorURL = "ftp://x.id" }, "url", "error.url_invalid"},
		{"website with a quote", func(c *warta.Comment) { c.AuthorURL = `https://x.id/"onmouseover=` }, "url", "error.url_invalid"},
		{"long website", func(c *warta.Comment) { c.AuthorURL = "https://x.id/" + strings.Repeat("a", 200) }, "url", "error.too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validComment()
			tt.edit(c)
			err := c.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("got %v, want valid", err)
				}
				return
			}
			e, ok := err.(*warta.Error)
			if !ok || e.Code != warta.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			if got := e.Fields[tt.field]; got != tt.key {
				t.Errorf("Fields[%q] = %q, want %q (all: %v)", tt.field, got, tt.key, e.Fields)
			}
		})
	}
	c := validComment()
	c.AuthorName = "  Sari \n"
	c.Validate()
	if c.AuthorName != "Sari" {
		t.Errorf("name not trimmed: %q", c.AuthorName)
	}
}

func TestCommentsAllowed(t *testing.T) {
	now := time.Date(2024, 6, 19, 0, 0, 0, 0, time.UTC)
	a := &warta.Article{Status: warta.StatusPublished, PublishedAt: now.Add(-10 * 24 * time.Hour), CommentsOpen: true}
	if !a.CommentsAllowed(now, 0) || !a.CommentsAllowed(now, 10) {
		t.Error("open article refused comments")
	}
	if a.CommentsAllowed(now, 9) {
		t.Error("article older than the limit still takes comments")
	}
	a.CommentsOpen = false
	if a.CommentsAllowed(now, 0) {
		t.Error("closed article takes comments")
	}
	a.CommentsOpen, a.Status = true, warta.StatusDraft
	if a.CommentsAllowed(now, 0) {
		t.Error("a draft takes comments")
	}
}

func TestSettings(t *testing.T) {
	s, err := warta.ParseSettings(map[string]string{"comment_max_links": "4", "comment_moderation_keys": "judi\n\n viagra \njudi", "unknown_future_key": "x"})
	if err != nil {
		t.Fatal(err)
	}
	if s.CommentMaxLinks != 4 || s.CommentMaxDepth != 5 || !s.CommentFirstTimeHold {
		t.Errorf("parsed %+v", s)
	}
	if got := strings.Join(s.CommentModerationKeys, ","); got != "judi,viagra" {
		t.Errorf("moderation keys %q", got)
	}
	back, err := warta.ParseSettings(s.Values())
	if err != nil || back.CommentMaxLinks != 4 || len(back.CommentModerationKeys) != 2 {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	for key, value := range map[string]string{"comment_max_links": "-1", "comment_first_time_hold": "maybe", "nope": "1", "comment_max_depth": "0"} {
		if err := s.Set(key, value); warta.ErrorCode(err) != warta.EINVALID {
			t.Errorf("Set(%q, %q) = %v, want EINVALID", key, value, err)
		}
	}
	if _, err := warta.ParseSettings(map[string]string{"comment_max_depth": "x"}); err == nil {
		t.Error("a corrupt stored setting was accepted")
	}
}
