package comments

import (
	"context"
	"testing"

	"warta"
)

func TestModerate(t *testing.T) {
	base := func() *warta.Comment {
		return &warta.Comment{
			AuthorName:  "Budi Santoso",
			AuthorEmail: "budi@example.id",
			AuthorURL:   "https://budi.example.id/",
			AuthorIP:    "203.0.113.7",
			UserAgent:   "Mozilla/5.0 (X11; Linux x86_64)",
			Content:     "Semoga banjir di Demak cepat surut.",
		}
	}
	settings := func(change func(*warta.Settings)) *warta.Settings {
		s := warta.DefaultSettings() // max links 2, first-time hold on
		s.CommentFirstTimeHold = false
		if change != nil {
			change(s)
		}
		return s
	}
	tests := []struct {
		name        string
		comment     func(*warta.Comment)
		settings    *warta.Settings
		hasApproved bool
		status      warta.CommentStatus
		reason      string
	}{
		{"clean comment approved", nil, settings(nil), false, warta.CommentApproved, "rules"},
		{"disallowed in content", func(c *warta.Comment) { c.Content = "Main judi online di sini" },
			settings(func(s *warta.Settings) { s.CommentDisallowedKeys = []string{"judi online"} }), true, warta.CommentTrash, "disallowed:judi online"},
		{"disallowed any case", func(c *warta.Comment) { c.Content = "Main JUDI Online" },
			settings(func(s *warta.Settings) { s.CommentDisallowedKeys = []string{"Judi online"} }), true, warta.CommentTrash, "disallowed:Judi online"},
		{"disallowed substring", func(c *warta.Comment) { c.AuthorName = "SlotGacor88" },
			settings(func(s *warta.Settings) { s.CommentDisallowedKeys = []string{"gacor"} }), true, warta.CommentTrash, "disallowed:gacor"},
		{"disallowed split by zero width", func(c *warta.Comment) { c.Content = "ga\u200bcor" },
			settings(func(s *warta.Settings) { s.CommentDisallowedKeys = []string{"gacor"} }), true, warta.CommentTrash, "disallowed:gacor"},
		{"disallowed ip range", nil,
			settings(func(s *warta.Settings) { s.CommentDisallowedKeys = []string{"203.0.113."} }), true, warta.CommentTrash, "disallowed:203.0.113."},
		{"disallowed email", nil,
			settings(func(s *warta.Settings) { s.CommentDisallowedKeys = []string{"@EXAMPLE.id"} }), true, warta.CommentTrash, "disallowed:@EXAMPLE.id"},
		{"disallowed website", nil,
			settings(func(s *warta.Settings) { s.CommentDisallowedKeys = []string{"budi.example"} }), true, warta.CommentTrash, "disallowed:budi.example"},
		{"disallowed user agent", func(c *warta.Comment) { c.UserAgent = "python-requests/2.31" },
			settings(func(s *warta.Settings) { s.CommentDisallowedKeys = []string{"python-requests"} }), true, warta.CommentTrash, "disallowed:python-requests"},
		{"disallowed beats moderation", func(c *warta.Comment) { c.Content = "judi dan pinjol" },
			settings(func(s *warta.Settings) {
				s.CommentModerationKeys = []string{"pinjol"}
				s.CommentDisallowedKeys = []string{"judi"}
			}), true, warta.CommentTrash, "disallowed:judi"},
		{"moderation key", func(c *warta.Comment) { c.Content = "Info pinjol cepat" },
			settings(func(s *warta.Settings) { s.CommentModerationKeys = []string{"PINJOL"} }), true, warta.CommentPending, "moderation:PINJOL"},
		{"moderation ip", nil,
			settings(func(s *warta.Settings) { s.CommentModerationKeys = []string{"203.0.113.7"} }), true, warta.CommentPending, "moderation:203.0.113.7"},
		{"moderation beats links", func(c *warta.Comment) { c.Content = "pinjol https://a.id https://b.id https://c.id" },
			settings(func(s *warta.Settings) { s.CommentModerationKeys = []string{"pinjol"} }), true, warta.CommentPending, "moderation:pinjol"},
		{"empty keys never match", nil,
			settings(func(s *warta.Settings) {
				s.CommentDisallowedKeys = []string{"", "  ", "\u200b"}
				s.CommentModerationKeys = []string{""}
			}), true, warta.CommentApproved, "rules"},
		{"links at the limit pass", func(c *warta.Comment) { c.Content = "https://a.id dan www.b.id" },
			settings(nil), true, warta.CommentApproved, "rules"},
		{"links over the limit held", func(c *warta.Comment) { c.Content = `https://a.id, www.b.id dan <a href="https://c.id">c</a>` },
			settings(nil), true, warta.CommentPending, "links:3"},
		{"zero links allowed", func(c *warta.Comment) { c.Content = "https://a.id" },
			settings(func(s *warta.Settings) { s.CommentMaxLinks = 0 }), true, warta.CommentPending, "links:1"},
		{"links beat first time", func(c *warta.Comment) { c.Content = "https://a.id https://b.id https://c.id" },
			settings(func(s *warta.Settings) { s.CommentFirstTimeHold = true }), false, warta.CommentPending, "links:3"},
		{"first time held", nil,
			settings(func(s *warta.Settings) { s.CommentFirstTimeHold = true }), false, warta.CommentPending, "first_time"},
		{"returning commenter passes", nil,
			settings(func(s *warta.Settings) { s.CommentFirstTimeHold = true }), true, warta.CommentApproved, "rules"},
		{"first time beats manual", nil,
			settings(func(s *warta.Settings) {
				s.CommentFirstTimeHold = true
				s.CommentManualApproval = true
			}), false, warta.CommentPending, "first_time"},
		{"manual approval", nil,
			settings(func(s *warta.Settings) { s.CommentManualApproval = true }), true, warta.CommentPending, "manual"},
		{"nil settings are the defaults", nil, nil, false, warta.CommentPending, "first_time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base()
			if tt.comment != nil {
				tt.comment(c)
			}
			status, reason := Moderate(c, tt.settings, tt.hasApproved)
			if status != tt.status || reason != tt.reason {
				t.Errorf("Moderate = %s, %q; want %s, %q", status, reason, tt.status, tt.reason)
			}
		})
	}
}

func TestAttachDepth(t *testing.T) {
	tests := []struct {
		parentDepth, maxDepth, want int
	}{
		{0, 5, 0}, // reply to a thread's start lands at depth 1
		{3, 5, 0}, // lands at 4, the deepest of five levels
		{4, 5, 1}, // would be 5: becomes the parent's sibling at 4
		{9, 5, 6},
		{0, 1, 1}, // no nesting: every reply starts a thread
		{2, 1, 3},
		{0, 2, 0},
		{1, 2, 1},
		{3, 0, 4}, // below 1 counts as 1
		{-1, 5, 0},
	}
	for _, tt := range tests {
		got := AttachDepth(tt.parentDepth, tt.maxDepth)
		if got != tt.want {
			t.Errorf("AttachDepth(%d, %d) = %d, want %d", tt.parentDepth, tt.maxDepth, got, tt.want)
		}
		if depth := tt.parentDepth - got + 1; tt.parentDepth >= 0 && depth > max(tt.maxDepth, 1)-1 {
			t.Errorf("AttachDepth(%d, %d): reply lands at depth %d", tt.parentDepth, tt.maxDepth, depth)
		}
	}
}

func TestReplyParent(t *testing.T) {
	// A thread 0 → 1 → 2 → 3 → 4 (IDs equal depths + 1).
	thread := map[int64]*warta.Comment{}
	for d := range 5 {
		thread[int64(d+1)] = &warta.Comment{ID: int64(d + 1), ParentID: int64(d), Depth: d}
	}
	byID := func(_ context.Context, id int64) (*warta.Comment, error) { return thread[id], nil }
	tests := []struct {
		parent   int64
		maxDepth int
		want     int64
	}{
		{4, 5, 4}, // depth 3: the reply lands at 4, the deepest allowed
		{5, 5, 4}, // depth 4: climbs one, becomes its sibling
		{5, 3, 2}, // depth 4 with max 3: attaches at depth 1's comment
		{3, 1, 0}, // no nesting at all: a thread of its own
		{1, 2, 1},
	}
	for _, tt := range tests {
		got, err := ReplyParent(context.Background(), thread[tt.parent], tt.maxDepth, byID)
		if err != nil || got != tt.want {
			t.Errorf("ReplyParent(comment %d, max %d) = %d, %v; want %d", tt.parent, tt.maxDepth, got, err, tt.want)
		}
	}
}
