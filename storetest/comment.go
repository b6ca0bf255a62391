package storetest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"warta"
)

// comment returns a valid comment on articleID (a reply to parentID when
// it is not 0) whose Content is label, so lists can be compared by label.
func comment(articleID, parentID int64, label string, status warta.CommentStatus) *warta.Comment {
	return &warta.Comment{
		ArticleID:   articleID,
		ParentID:    parentID,
		AuthorName:  "Pembaca " + label,
		AuthorEmail: strings.ToLower(label) + "@example.id",
		Content:     label,
		ContentHTML: "<p>" + label + "</p>",
		Status:      status,
	}
}

// labels returns the Content of each comment, in order.
func labels(list []*warta.Comment) []string {
	out := make([]string, 0, len(list))
	for _, c := range list {
		out = append(out, c.Content)
	}
	return out
}

func testCommentRoundTrip(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("banjir-demak", time.Hour))
	in := &warta.Comment{
		ArticleID:   a.ID,
		AuthorName:  "  Dewi Lestari ",
		AuthorEmail: "Dewi.Lestari@Example.ID",
		AuthorURL:   "https://dewi.example.id/blog",
		AuthorIP:    "2001:db8::1",
		UserAgent:   "Mozilla/5.0 (X11; Linux x86_64)",
		Content:     "Semoga warga Demak segera pulih. 🙏\n\nTerima kasih, Warta.",
		ContentHTML: "<p>Semoga warga Demak segera pulih. 🙏</p>\n<p>Terima kasih, Warta.</p>",
		Status:      warta.CommentPending,
		Reason:      "first-time commenter",
		Nonce:       "f0rm-n0nce-1",
	}
	MustCreateComment(t, st, in)
	if in.ID == 0 {
		t.Fatal("CreateComment did not set ID")
	}
	want := &warta.Comment{
		ID: in.ID, ArticleID: a.ID, ParentID: 0, Depth: 0,
		AuthorName:  "Dewi Lestari", // trimmed by Validate
		AuthorEmail: "Dewi.Lestari@Example.ID",
		AuthorURL:   "https://dewi.example.id/blog",
		AuthorIP:    "2001:db8::1",
		UserAgent:   "Mozilla/5.0 (X11; Linux x86_64)",
		Content:     "Semoga warga Demak segera pulih. 🙏\n\nTerima kasih, Warta.",
		ContentHTML: "<p>Semoga warga Demak segera pulih. 🙏</p>\n<p>Terima kasih, Warta.</p>",
		Status:      warta.CommentPending,
		Reason:      "first-time commenter",
		Nonce:       "f0rm-n0nce-1",
		CreatedAt:   clock.Now(),
		UpdatedAt:   clock.Now(),
	}
	MustEqualComment(t, "CreateComment filled", in, want)

	got, err := st.CommentByID(ctx(t), in.ID)
	if err != nil {
		t.Fatalf("CommentByID: %v", err)
	}
	MustEqualComment(t, "CommentByID", got, want)
	got, err = st.CommentByNonce(ctx(t), "f0rm-n0nce-1")
	if err != nil {
		t.Fatalf("CommentByNonce: %v", err)
	}
	MustEqualComment(t, "CommentByNonce", got, want)

	_, err = st.CommentByID(ctx(t), in.ID+1000)
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.CommentByNonce(ctx(t), "another-nonce")
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.CommentByNonce(ctx(t), "")
	MustBeCode(t, err, warta.ENOTFOUND)

	// Replies take their depth from the parent, whatever the caller set.
	clock.Advance(time.Minute)
	reply := comment(a.ID, in.ID, "balasan", warta.CommentApproved)
	reply.Depth = 7
	MustCreateComment(t, st, reply)
	deeper := MustCreateComment(t, st, comment(a.ID, reply.ID, "balasan-lagi", warta.CommentApproved))
	for _, c := range []struct {
		c      *warta.Comment
		parent int64
		depth  int
	}{{reply, in.ID, 1}, {deeper, reply.ID, 2}} {
		got, err := st.CommentByID(ctx(t), c.c.ID)
		if err != nil {
			t.Fatalf("CommentByID(%q): %v", c.c.Content, err)
		}
		if got.ParentID != c.parent || got.Depth != c.depth || c.c.Depth != c.depth {
			t.Errorf("%q: stored ParentID %d, Depth %d (set on create: %d); want %d, %d",
				c.c.Content, got.ParentID, got.Depth, c.c.Depth, c.parent, c.depth)
		}
		if got.Nonce != "" {
			t.Errorf("%q: Nonce = %q, want empty", c.c.Content, got.Nonce)
		}
		if !got.CreatedAt.Equal(clock.Now()) {
			t.Errorf("%q: CreatedAt = %v, want %v", c.c.Content, got.CreatedAt, clock.Now())
		}
	}
}

func testCommentInvalid(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("pemilu", time.Hour))
	other := MustCreateArticle(t, st, f.article("beras", time.Hour))
	top := MustCreateComment(t, st, comment(a.ID, 0, "induk", warta.CommentApproved))

	tests := []struct {
		name  string
		c     *warta.Comment
		field string
		key   string
	}{
		{"no content", comment(a.ID, 0, "", warta.CommentApproved), "content", "error.required"},
		{"bad email", func() *warta.Comment {
			c := comment(a.ID, 0, "x", warta.CommentApproved)
			c.AuthorEmail = "bukan email"
			return c
		}(), "email", ""},
		{"no status", comment(a.ID, 0, "tanpa-status", ""), "status", ""},
		{"parent on another article", comment(other.ID, top.ID, "salah-artikel", warta.CommentApproved), "parent_id", "error.parent_invalid"},
		{"missing parent", comment(a.ID, top.ID+1000, "yatim", warta.CommentApproved), "parent_id", "error.parent_invalid"},
		{"missing article", comment(other.ID+1000, 0, "tanpa-artikel", warta.CommentApproved), "article_id", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := st.CreateComment(ctx(t), tt.c)
			MustBeCode(t, err, warta.EINVALID)
			MustHaveField(t, err, tt.field, tt.key)
		})
	}
	_, total, err := st.Comments(ctx(t), warta.CommentFilter{})
	if err != nil {
		t.Fatalf("Comments: %v", err)
	}
	if got, want := total, 1; got != want {
		t.Errorf("after invalid creates, %d comments stored, want %d", got, want)
	}
}

func testCommentNonce(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("pemilu", time.Hour))
	first := comment(a.ID, 0, "pertama", warta.CommentPending)
	first.Nonce = "n-1"
	MustCreateComment(t, st, first)

	again := comment(a.ID, 0, "klik-dua-kali", warta.CommentPending)
	again.Nonce = "n-1"
	err := st.CreateComment(ctx(t), again)
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "nonce", "error.duplicate_submission")

	// Comments without a nonce (imports, staff) never collide.
	MustCreateComment(t, st, comment(a.ID, 0, "tanpa-nonce-1", warta.CommentApproved))
	MustCreateComment(t, st, comment(a.ID, 0, "tanpa-nonce-2", warta.CommentApproved))

	list, total, err := st.Comments(ctx(t), warta.CommentFilter{})
	if err != nil {
		t.Fatalf("Comments: %v", err)
	}
	if got, want := total, 3; got != want {
		t.Errorf("total = %d (%v), want %d", got, labels(list), want)
	}
	got, err := st.CommentByNonce(ctx(t), "n-1")
	if err != nil {
		t.Fatalf("CommentByNonce: %v", err)
	}
	if got.ID != first.ID {
		t.Errorf("CommentByNonce = comment %d (%q), want %d", got.ID, got.Content, first.ID)
	}
}

func testUpdateComment(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("pemilu", time.Hour))
	c := comment(a.ID, 0, "asli", warta.CommentPending)
	c.AuthorIP, c.UserAgent, c.Nonce, c.Reason = "192.0.2.7", "curl/8.0", "n-upd", "first-time commenter"
	MustCreateComment(t, st, c)
	created := clock.Now()

	clock.Advance(time.Hour)
	c.Status = warta.CommentApproved
	c.Content, c.ContentHTML = "diperbaiki", "<p>diperbaiki</p>"
	c.Reason = "approved by Rina"
	c.AuthorName, c.AuthorEmail, c.AuthorURL = "Pembaca Baru", "baru@example.id", "https://baru.example.id"
	if err := st.UpdateComment(ctx(t), c); err != nil {
		t.Fatalf("UpdateComment: %v", err)
	}
	want := &warta.Comment{
		ID: c.ID, ArticleID: a.ID,
		AuthorName: "Pembaca Baru", AuthorEmail: "baru@example.id", AuthorURL: "https://baru.example.id",
		AuthorIP: "192.0.2.7", UserAgent: "curl/8.0",
		Content: "diperbaiki", ContentHTML: "<p>diperbaiki</p>",
		Status: warta.CommentApproved, Reason: "approved by Rina", Nonce: "n-upd",
		CreatedAt: created, UpdatedAt: clock.Now(),
	}
	MustEqualComment(t, "UpdateComment filled", c, want)
	got, err := st.CommentByID(ctx(t), c.ID)
	if err != nil {
		t.Fatalf("CommentByID: %v", err)
	}
	MustEqualComment(t, "CommentByID after UpdateComment", got, want)

	missing := *c
	missing.ID += 1000
	MustBeCode(t, st.UpdateComment(ctx(t), &missing), warta.ENOTFOUND)

	bad := *c
	bad.Status = "deleted"
	err = st.UpdateComment(ctx(t), &bad)
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "status", "")
}

func testCommentsFilter(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("pemilu", time.Hour))
	b := MustCreateArticle(t, st, f.article("beras", time.Hour))
	add := func(articleID int64, label, email string, status warta.CommentStatus) {
		t.Helper()
		clock.Advance(time.Minute) // newest first is then the reverse of this order
		c := comment(articleID, 0, label, status)
		c.AuthorEmail = email
		MustCreateComment(t, st, c)
	}
	add(a.ID, "a1", "rina@example.id", warta.CommentApproved)
	add(a.ID, "a2", "budi@example.id", warta.CommentPending)
	add(a.ID, "a3", "RINA@Example.ID", warta.CommentSpam)
	add(b.ID, "b1", "Rina@example.id", warta.CommentPending)
	add(b.ID, "b2", "sari@example.id", warta.CommentTrash)

	tests := []struct {
		name   string
		filter warta.CommentFilter
		want   []string
		total  int
	}{
		{"all", warta.CommentFilter{}, []string{"b2", "b1", "a3", "a2", "a1"}, 5},
		{"article", warta.CommentFilter{ArticleID: a.ID}, []string{"a3", "a2", "a1"}, 3},
		{"status", warta.CommentFilter{Status: warta.CommentPending}, []string{"b1", "a2"}, 2},
		{"email any case", warta.CommentFilter{Email: "rInA@eXaMpLe.iD"}, []string{"b1", "a3", "a1"}, 3},
		{"article and email", warta.CommentFilter{ArticleID: a.ID, Email: "rina@example.id"}, []string{"a3", "a1"}, 2},
		{"all three", warta.CommentFilter{ArticleID: b.ID, Status: warta.CommentPending, Email: "RINA@EXAMPLE.ID"}, []string{"b1"}, 1},
		{"nothing matches", warta.CommentFilter{Email: "nobody@example.id"}, nil, 0},
		{"first page", warta.CommentFilter{Limit: 2}, []string{"b2", "b1"}, 5},
		{"second page", warta.CommentFilter{Limit: 2, Offset: 2}, []string{"a3", "a2"}, 5},
		{"last page", warta.CommentFilter{Limit: 2, Offset: 4}, []string{"a1"}, 5},
		{"past the end", warta.CommentFilter{Limit: 2, Offset: 6}, nil, 5},
		{"filtered page", warta.CommentFilter{Email: "rina@example.id", Limit: 1, Offset: 1}, []string{"a3"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := st.Comments(ctx(t), tt.filter)
			if err != nil {
				t.Fatalf("Comments: %v", err)
			}
			if got := labels(list); !slices.Equal(got, tt.want) && (len(got) > 0 || len(tt.want) > 0) {
				t.Errorf("Comments = %v, want %v", got, tt.want)
			}
			if total != tt.total {
				t.Errorf("total = %d, want %d", total, tt.total)
			}
		})
	}
}

func testThread(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("pemilu", time.Hour))
	other := MustCreateArticle(t, st, f.article("beras", time.Hour))

	// The tree, with the status of each comment; created in an order
	// that is neither display order nor grouped by thread, so that the
	// store has to sort by time and parent:
	//
	//	t1 approved
	//	  r1 approved
	//	    r1a approved
	//	    r1b pending   (hidden)
	//	  r2 pending      (hidden)
	//	    r2a approved  (hidden: its parent is not approved)
	//	  r3 approved
	//	t2 pending        (hidden, not counted)
	//	  t2a approved    (hidden)
	//	t3 approved
	//	  s1 approved
	//	    s1a approved
	//	t4 approved
	//	t5 approved       (same time as t4: the ID breaks the tie)
	ids := map[string]int64{}
	add := func(label, parent string, status warta.CommentStatus) {
		t.Helper()
		clock.Advance(time.Minute)
		ids[label] = MustCreateComment(t, st, comment(a.ID, ids[parent], label, status)).ID
	}
	add("t1", "", warta.CommentApproved)
	add("t2", "", warta.CommentPending)
	add("t3", "", warta.CommentApproved)
	add("r1", "t1", warta.CommentApproved)
	add("s1", "t3", warta.CommentApproved)
	add("r2", "t1", warta.CommentPending)
	add("t4", "", warta.CommentApproved)
	ids["t5"] = MustCreateComment(t, st, comment(a.ID, 0, "t5", warta.CommentApproved)).ID
	add("r1a", "r1", warta.CommentApproved)
	add("s1a", "s1", warta.CommentApproved)
	add("r3", "t1", warta.CommentApproved)
	add("r1b", "r1", warta.CommentPending)
	add("r2a", "r2", warta.CommentApproved)
	add("t2a", "t2", warta.CommentApproved)
	// Another article's discussion never leaks in.
	o1 := MustCreateComment(t, st, comment(other.ID, 0, "o1", warta.CommentApproved))
	MustCreateComment(t, st, comment(other.ID, o1.ID, "o1a", warta.CommentApproved))

	depth := map[string]int{"t1": 0, "r1": 1, "r1a": 2, "r3": 1, "t3": 0, "s1": 1, "s1a": 2, "t4": 0, "t5": 0}
	tests := []struct {
		name          string
		offset, limit int
		want          []string
	}{
		{"everything", 0, 10, []string{"t1", "r1", "r1a", "r3", "t3", "s1", "s1a", "t4", "t5"}},
		{"limit 0 means the maximum", 0, 0, []string{"t1", "r1", "r1a", "r3", "t3", "s1", "s1a", "t4", "t5"}},
		{"first page", 0, 2, []string{"t1", "r1", "r1a", "r3", "t3", "s1", "s1a"}},
		{"second page", 2, 2, []string{"t4", "t5"}},
		{"middle", 1, 2, []string{"t3", "s1", "s1a", "t4"}},
		{"past the end", 4, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := st.Thread(ctx(t), a.ID, tt.offset, tt.limit)
			if err != nil {
				t.Fatalf("Thread: %v", err)
			}
			if got := labels(list); !slices.Equal(got, tt.want) && (len(got) > 0 || len(tt.want) > 0) {
				t.Errorf("Thread = %v, want %v", got, tt.want)
			}
			if got, want := total, 4; got != want {
				t.Errorf("total = %d, want %d approved top-level comments", got, want)
			}
			for _, c := range list {
				if c.Depth != depth[c.Content] || c.ArticleID != a.ID || c.Status != warta.CommentApproved {
					t.Errorf("%s: Depth %d, ArticleID %d, Status %q; want %d, %d, approved",
						c.Content, c.Depth, c.ArticleID, c.Status, depth[c.Content], a.ID)
				}
				if c.ID != ids[c.Content] {
					t.Errorf("%s: ID = %d, want %d", c.Content, c.ID, ids[c.Content])
				}
			}
		})
	}

	list, total, err := st.Thread(ctx(t), other.ID+1000, 0, 10)
	if err != nil || len(list) != 0 || total != 0 {
		t.Errorf("Thread of a missing article = %v, %d, %v; want nothing", labels(list), total, err)
	}
}

func testCommentCount(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("ramai", time.Hour))
	b := MustCreateArticle(t, st, f.article("sepi", 2*time.Hour))
	top := MustCreateComment(t, st, comment(a.ID, 0, "satu", warta.CommentApproved))
	MustCreateComment(t, st, comment(a.ID, top.ID, "dua", warta.CommentApproved))
	MustCreateComment(t, st, comment(a.ID, 0, "ditahan", warta.CommentPending))
	MustCreateComment(t, st, comment(a.ID, 0, "spam", warta.CommentSpam))
	MustCreateComment(t, st, comment(a.ID, 0, "sampah", warta.CommentTrash))
	MustCreateComment(t, st, comment(b.ID, 0, "ditahan-b", warta.CommentPending))

	got, err := st.ArticleBySlug(ctx(t), "ramai")
	if err != nil {
		t.Fatalf("ArticleBySlug: %v", err)
	}
	if got.CommentCount != 2 {
		t.Errorf("ArticleBySlug CommentCount = %d, want 2 (approved only)", got.CommentCount)
	}
	got, err = st.ArticleByID(ctx(t), b.ID)
	if err != nil {
		t.Fatalf("ArticleByID: %v", err)
	}
	if got.CommentCount != 0 {
		t.Errorf("ArticleByID CommentCount = %d, want 0", got.CommentCount)
	}
	list, _, err := st.Articles(ctx(t), warta.ArticleFilter{})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	counts := map[string]int{}
	for _, x := range list {
		counts[x.Slug] = x.CommentCount
	}
	if want := map[string]int{"ramai": 2, "sepi": 0}; !maps.Equal(counts, want) {
		t.Errorf("Articles CommentCount = %v, want %v", counts, want)
	}
}

func testHasApprovedComment(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("pemilu", time.Hour))
	c := comment(a.ID, 0, "pertama", warta.CommentPending)
	c.AuthorEmail = "Sari@Example.id"
	MustCreateComment(t, st, c)
	spam := comment(a.ID, 0, "spam", warta.CommentSpam)
	spam.AuthorEmail = "sari@example.id"
	MustCreateComment(t, st, spam)

	check := func(when, email string, want bool) {
		t.Helper()
		got, err := st.HasApprovedComment(ctx(t), email)
		if err != nil {
			t.Fatalf("HasApprovedComment(%q): %v", email, err)
		}
		if got != want {
			t.Errorf("%s: HasApprovedComment(%q) = %v, want %v", when, email, got, want)
		}
	}
	check("pending and spam only", "sari@example.id", false)
	c.Status = warta.CommentApproved
	if err := st.UpdateComment(ctx(t), c); err != nil {
		t.Fatalf("UpdateComment: %v", err)
	}
	check("approved", "SARI@EXAMPLE.ID", true)
	check("approved", "Sari@Example.id", true)
	check("another email", "budi@example.id", false)
	check("empty email", "", false)
}

func testIsDuplicateComment(t *testing.T, st warta.Store, _ *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("pemilu", time.Hour))
	b := MustCreateArticle(t, st, f.article("beras", time.Hour))
	c := comment(a.ID, 0, "Setuju sekali.", warta.CommentPending)
	c.AuthorEmail = "budi@example.id"
	MustCreateComment(t, st, c)

	check := func(when string, articleID int64, email, content string, want bool) {
		t.Helper()
		got, err := st.IsDuplicateComment(ctx(t), articleID, email, content)
		if err != nil {
			t.Fatalf("IsDuplicateComment: %v", err)
		}
		if got != want {
			t.Errorf("%s: IsDuplicateComment(%d, %q, %q) = %v, want %v", when, articleID, email, content, got, want)
		}
	}
	check("same article, email and content", a.ID, "budi@example.id", "Setuju sekali.", true)
	check("email in another case", a.ID, "BUDI@Example.ID", "Setuju sekali.", true)
	check("another article", b.ID, "budi@example.id", "Setuju sekali.", false)
	check("other content", a.ID, "budi@example.id", "Setuju sekali!", false)
	check("another email", a.ID, "rina@example.id", "Setuju sekali.", false)
	for _, status := range []warta.CommentStatus{warta.CommentApproved, warta.CommentSpam} {
		c.Status = status
		if err := st.UpdateComment(ctx(t), c); err != nil {
			t.Fatalf("UpdateComment: %v", err)
		}
		check(string(status)+" original", a.ID, "budi@example.id", "Setuju sekali.", true)
	}
	c.Status = warta.CommentTrash
	if err := st.UpdateComment(ctx(t), c); err != nil {
		t.Fatalf("UpdateComment: %v", err)
	}
	check("trashed original", a.ID, "budi@example.id", "Setuju sekali.", false)
}

func testAnonymizeComments(t *testing.T, st warta.Store, clock *TestClock) {
	f := mustFixture(t, st)
	a := MustCreateArticle(t, st, f.article("pemilu", time.Hour))
	b := MustCreateArticle(t, st, f.article("beras", time.Hour))
	mk := func(articleID, parentID int64, label, email string) *warta.Comment {
		t.Helper()
		c := comment(articleID, parentID, label, warta.CommentApproved)
		c.AuthorEmail, c.AuthorURL, c.AuthorIP, c.UserAgent, c.Nonce = email, "https://"+label+".example.id", "192.0.2.1", "Firefox", "n-"+label
		return MustCreateComment(t, st, c)
	}
	b1 := mk(a.ID, 0, "budi1", "Budi@Example.id")
	r1 := mk(a.ID, b1.ID, "rina1", "rina@example.id")
	b2 := mk(a.ID, r1.ID, "budi2", "budi@example.id")
	b3 := mk(b.ID, 0, "budi3", "BUDI@EXAMPLE.ID")
	r2 := mk(b.ID, b3.ID, "rina2", "rina@example.id")
	created := clock.Now()

	clock.Advance(time.Hour)
	n, err := st.AnonymizeComments(ctx(t), "budi@EXAMPLE.id", "Anonim")
	if err != nil {
		t.Fatalf("AnonymizeComments: %v", err)
	}
	if n != 3 {
		t.Errorf("AnonymizeComments changed %d comments, want 3", n)
	}
	for _, before := range []*warta.Comment{b1, b2, b3} {
		got, err := st.CommentByID(ctx(t), before.ID)
		if err != nil {
			t.Fatalf("CommentByID: %v", err)
		}
		want := *before
		want.AuthorName, want.AuthorEmail, want.AuthorURL, want.AuthorIP, want.UserAgent = "Anonim", "", "", "", ""
		want.CreatedAt, want.UpdatedAt = created, clock.Now()
		MustEqualComment(t, "anonymised "+before.Content, got, &want)
	}
	for _, before := range []*warta.Comment{r1, r2} {
		got, err := st.CommentByID(ctx(t), before.ID)
		if err != nil {
			t.Fatalf("CommentByID: %v", err)
		}
		MustEqualComment(t, "someone else's "+before.Content, got, before)
	}
	list, _, err := st.Thread(ctx(t), a.ID, 0, 10)
	if err != nil {
		t.Fatalf("Thread: %v", err)
	}
	if got, want := labels(list), []string{"budi1", "rina1", "budi2"}; !slices.Equal(got, want) {
		t.Errorf("Thread after anonymising = %v, want %v (whole)", got, want)
	}
	if ok, err := st.HasApprovedComment(ctx(t), "budi@example.id"); err != nil || ok {
		t.Errorf("HasApprovedComment after anonymising = %v, %v; want false", ok, err)
	}

	n, err = st.AnonymizeComments(ctx(t), "budi@example.id", "Anonim")
	if err != nil || n != 0 {
		t.Errorf("second AnonymizeComments = %d, %v; want 0", n, err)
	}
	_, err = st.AnonymizeComments(ctx(t), " ", "Anonim")
	MustBeCode(t, err, warta.EINVALID)
}

func testSettings(t *testing.T, st warta.Store, _ *TestClock) {
	values := func() map[string]string {
		t.Helper()
		v, err := st.SettingValues(ctx(t))
		if err != nil {
			t.Fatalf("SettingValues: %v", err)
		}
		return v
	}
	if got := values(); len(got) != 0 {
		t.Errorf("SettingValues on a new store = %v, want none", got)
	}
	for _, kv := range [][2]string{{"comment_max_depth", "3"}, {"comment_disallowed_keys", "judi\nslot"}, {"comment_max_depth", "4"}} {
		if err := st.SetSetting(ctx(t), kv[0], kv[1]); err != nil {
			t.Fatalf("SetSetting(%q, %q): %v", kv[0], kv[1], err)
		}
	}
	want := map[string]string{"comment_max_depth": "4", "comment_disallowed_keys": "judi\nslot"}
	if got := values(); !maps.Equal(got, want) {
		t.Errorf("SettingValues = %v, want %v", got, want)
	}

	for i, v := range []string{"rahasia-pertama", "rahasia-kedua"} {
		got, err := st.InitSetting(ctx(t), "secret", v)
		if err != nil {
			t.Fatalf("InitSetting #%d: %v", i+1, err)
		}
		if want := "rahasia-pertama"; got != want {
			t.Errorf("InitSetting #%d(%q) = %q, want %q", i+1, v, got, want)
		}
	}
	// A key set before keeps its value too.
	if got, err := st.InitSetting(ctx(t), "comment_max_depth", "9"); err != nil || got != "4" {
		t.Errorf("InitSetting on a set key = %q, %v; want \"4\"", got, err)
	}
	want["secret"] = "rahasia-pertama"
	if got := values(); !maps.Equal(got, want) {
		t.Errorf("SettingValues = %v, want %v", got, want)
	}
}

func testRateLimiter(t *testing.T, st warta.Store, clock *TestClock) {
	const every = time.Minute
	steps := []struct {
		advance time.Duration
		key     string
		want    bool
	}{
		{0, "comment-ip:192.0.2.1", true},
		{0, "comment-ip:192.0.2.1", false},
		{0, "comment-ip:192.0.2.2", true}, // keys are independent
		{every - time.Second, "comment-ip:192.0.2.1", false},
		// Exactly every after the last allowed call; the denied calls
		// in between did not reset the clock.
		{time.Second, "comment-ip:192.0.2.1", true},
		{0, "comment-ip:192.0.2.1", false},
		{0, "comment-ip:192.0.2.2", true},
		{time.Microsecond, "comment-ip:192.0.2.2", false},
		{every, "comment-ip:192.0.2.2", true},
	}
	for i, s := range steps {
		clock.Advance(s.advance)
		got, err := st.Allow(ctx(t), s.key, every)
		if err != nil {
			t.Fatalf("step %d: Allow(%q): %v", i, s.key, err)
		}
		if got != s.want {
			t.Errorf("step %d (clock %v): Allow(%q) = %v, want %v", i, clock.Now().Sub(Start), s.key, got, s.want)
		}
	}
}

func testRateLimiterConcurrent(t *testing.T, st warta.Store, _ *TestClock) {
	for i := range 5 {
		key := fmt.Sprintf("comment-ip:198.51.100.%d", i)
		if got := RaceAllow(t, []warta.RateLimiter{st}, key, time.Hour, 8); got != 1 {
			t.Errorf("8 goroutines racing on %q: %d allowed, want exactly 1", key, got)
		}
	}
}
