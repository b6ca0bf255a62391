package site_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"warta"
)

func TestCommentFormTexts(t *testing.T) {
	for _, tc := range []struct {
		lang                                  string
		heading, notes, remember, closed      string
		content, author, email, website, send string
	}{
		{"id", "Tinggalkan Balasan", "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
			"Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.", "Komentar ditutup.",
			"Komentar", "Nama", "Email", "Situs Web", "Kirim Komentar"},
		{"en", "Leave a Reply", "Your email address will not be published. Required fields are marked *",
			"Save my name, email, and website in this browser for the next time I comment.", "Comments are closed.",
			"Comment", "Name", "Email", "Website", "Post Comment"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			forEachDB(t, tc.lang, func(t *testing.T, f *fixture) {
				a, path := f.article(t, "formulir")
				rec := f.get(t, path)
				if rec.Code != http.StatusOK {
					t.Fatalf("GET %s = %d", path, rec.Code)
				}
				doc := parse(t, rec.Body.String())
				if h := byID(doc, "reply-title"); h == nil || strings.TrimSpace(text(h)) != tc.heading {
					t.Errorf("reply heading = %q, want %q", textOf(h), tc.heading)
				}
				form := replyForm(doc)
				if form == nil {
					t.Fatal("no reply form")
				}
				if got, _ := attr(form, "action"); got != "/comments" {
					t.Errorf("form action = %q, want /comments", got)
				}
				if got, _ := attr(form, "method"); got != "post" {
					t.Errorf("form method = %q, want post", got)
				}
				notes := find(form, func(n *html.Node) bool { return hasClass(n, "comment-notes") })
				if len(notes) != 1 || strings.Join(strings.Fields(text(notes[0])), " ") != tc.notes {
					t.Errorf("form notes = %q, want %q", textOf(first(notes)), tc.notes)
				}
				for id, label := range map[string]string{"comment": tc.content, "author": tc.author, "email": tc.email, "url": tc.website, "remember": tc.remember} {
					labels := find(form, func(n *html.Node) bool { v, _ := attr(n, "for"); return n.Data == "label" && v == id })
					if len(labels) != 1 || !strings.HasPrefix(strings.TrimSpace(text(labels[0])), label) {
						t.Errorf("label for %s = %q, want %q", id, textOf(first(labels)), label)
					}
				}
				v := formValues(t, rec.Body.String())
				for _, name := range []string{"content", "author", "email", "url", "article_id", "parent_id", "token", "hp_website"} {
					if _, ok := v[name]; !ok {
						t.Errorf("the form has no field %q", name)
					}
				}
				if got := v.Get("article_id"); got != strconv.FormatInt(a.ID, 10) {
					t.Errorf("article_id = %q, want %d", got, a.ID)
				}
				if got := v.Get("parent_id"); got != "0" {
					t.Errorf("parent_id = %q, want 0", got)
				}
				if box := byID(form, "remember"); box == nil {
					t.Error("no remember checkbox")
				} else if typ, _ := attr(box, "type"); typ != "checkbox" {
					t.Errorf("remember is a %q, want a checkbox", typ)
				}
				if strings.Contains(rec.Body.String(), tc.closed) {
					t.Errorf("an open article says %q", tc.closed)
				}
			})
		})
	}
}

func textOf(n *html.Node) string {
	if n == nil {
		return "<none>"
	}
	return strings.Join(strings.Fields(text(n)), " ")
}

func first(ns []*html.Node) *html.Node {
	if len(ns) == 0 {
		return nil
	}
	return ns[0]
}

func TestCommentsThreadedAndPaginated(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		f.setting(t, "comment_first_time_hold", "false")
		_, path := f.article(t, "diskusi")
		b := f.browser("192.0.2.1")
		c1 := b.mustComment(t, path, map[string]string{"content": "Pertama.", "author": "Budi", "email": "budi@contoh.id", "url": "https://budi.example/"})
		reply := b.mustComment(t, path, map[string]string{"content": "Balasan untuk Budi.", "author": "Sari", "email": "sari@contoh.id", "parent_id": strconv.FormatInt(c1.ID, 10)})
		c2 := b.mustComment(t, path, fields("Kedua.", "Andi", "andi@contoh.id"))
		for _, c := range []*warta.Comment{c1, reply, c2} {
			if c.Status != warta.CommentApproved {
				t.Fatalf("comment %d is %s (%s), want approved", c.ID, c.Status, c.Reason)
			}
		}
		if reply.ParentID != c1.ID || reply.Depth != 1 {
			t.Errorf("reply: parent %d depth %d, want parent %d depth 1", reply.ParentID, reply.Depth, c1.ID)
		}

		// A new visitor sees the threads oldest first, the reply nested.
		anon := f.browser("192.0.2.99")
		rec := anon.get(t, path)
		doc := parse(t, rec.Body.String())
		if got, want := strings.Join(commentIDs(doc), " "), cid(c1)+" "+cid(reply)+" "+cid(c2); got != want {
			t.Errorf("comments in order %q, want %q", got, want)
		}
		li1 := byID(doc, cid(c1))
		children := find(li1, func(n *html.Node) bool { return n.Data == "ol" && hasClass(n, "children") })
		if len(children) != 1 || byID(children[0], cid(reply)) == nil {
			t.Error("the reply is not in an ol.children under its parent")
		}
		if byID(byID(doc, cid(c2)), cid(reply)) != nil {
			t.Error("the reply is under the wrong thread")
		}
		// The permalink anchor.
		if len(find(li1, func(n *html.Node) bool { v, _ := attr(n, "href"); return v == "#"+cid(c1) })) == 0 {
			t.Errorf("no link to #%s", cid(c1))
		}
		// The author's website, marked as user content.
		links := find(li1, func(n *html.Node) bool { v, _ := attr(n, "href"); return n.Data == "a" && v == "https://budi.example/" })
		if len(links) != 1 || textOf(links[0]) != "Budi" {
			t.Fatalf("author link: %d links to the website", len(links))
		}
		rel, _ := attr(links[0], "rel")
		if !strings.Contains(" "+rel+" ", " nofollow ") || !strings.Contains(" "+rel+" ", " ugc ") {
			t.Errorf("author link rel = %q, want nofollow ugc", rel)
		}
		// The reply link.
		wantReply := "?replyto=" + strconv.FormatInt(c1.ID, 10) + "#respond"
		if len(find(li1, func(n *html.Node) bool {
			v, _ := attr(n, "href")
			return hasClass(n, "comment-reply") && v == wantReply
		})) == 0 {
			t.Errorf("no reply link %q", wantReply)
		}
		// The comment count, on the article and on the lists.
		if !strings.Contains(rec.Body.String(), "3 komentar") {
			t.Error("the article does not say 3 komentar")
		}
		for _, list := range []string{"/", "/section/nasional/"} {
			body := anon.get(t, list).Body.String()
			if !strings.Contains(body, `href="`+path+`#comments">3 komentar</a>`) {
				t.Errorf("%s does not show the comment count linked to the discussion", list)
			}
		}

		// ?replyto: the form answers that comment and can be cancelled.
		rec = anon.get(t, path+"?replyto="+strconv.FormatInt(c1.ID, 10))
		doc = parse(t, rec.Body.String())
		if h := byID(doc, "reply-title"); !strings.Contains(textOf(h), "Membalas Budi") {
			t.Errorf("reply heading = %q, want Membalas Budi", textOf(h))
		}
		if c := byID(doc, "cancel-reply"); c == nil {
			t.Error("no cancel link")
		} else if href, _ := attr(c, "href"); !strings.HasPrefix(href, path) || !strings.HasSuffix(href, "#respond") {
			t.Errorf("cancel link = %q", href)
		}
		if got := formValues(t, rec.Body.String()).Get("parent_id"); got != strconv.FormatInt(c1.ID, 10) {
			t.Errorf("parent_id = %q, want %d", got, c1.ID)
		}

		// Pages of two threads: the third thread is on page 2, replies
		// stay with their thread.
		f.setting(t, "comments_per_page", "2")
		c3 := b.mustComment(t, path, fields("Ketiga.", "Citra", "citra@contoh.id"))
		doc = parse(t, anon.get(t, path).Body.String())
		if got, want := strings.Join(commentIDs(doc), " "), cid(c1)+" "+cid(reply)+" "+cid(c2); got != want {
			t.Errorf("page 1 = %q, want %q", got, want)
		}
		if len(find(doc, func(n *html.Node) bool { v, _ := attr(n, "href"); return v == path+"?cpage=2#comments" })) == 0 {
			t.Error("page 1 has no link to comment page 2")
		}
		doc = parse(t, anon.get(t, path+"?cpage=2").Body.String())
		if got, want := strings.Join(commentIDs(doc), " "), cid(c3); got != want {
			t.Errorf("page 2 = %q, want %q", got, want)
		}
		if rec := anon.get(t, path+"?cpage=3"); rec.Code != http.StatusNotFound {
			t.Errorf("?cpage=3 = %d, want 404", rec.Code)
		}
		if rec := anon.get(t, path+"?cpage=x"); rec.Code != http.StatusBadRequest {
			t.Errorf("?cpage=x = %d, want 400", rec.Code)
		}
	})
}

func TestCommentsPerPageDefault50(t *testing.T) {
	forEachDB(t, "en", func(t *testing.T, f *fixture) {
		a, path := f.article(t, "many")
		ctx := context.Background()
		for i := range 51 {
			c := &warta.Comment{ArticleID: a.ID, AuthorName: "R" + strconv.Itoa(i), AuthorEmail: "r@example.com",
				Content: "c" + strconv.Itoa(i), ContentHTML: "<p>c" + strconv.Itoa(i) + "</p>", Status: warta.CommentApproved}
			if err := f.store.CreateComment(ctx, c); err != nil {
				t.Fatal(err)
			}
			f.clock.Advance(time.Second)
		}
		if got := len(commentIDs(parse(t, f.get(t, path).Body.String()))); got != 50 {
			t.Errorf("page 1 shows %d comments, want 50", got)
		}
		if got := len(commentIDs(parse(t, f.get(t, path+"?cpage=2").Body.String()))); got != 1 {
			t.Errorf("page 2 shows %d comments, want 1", got)
		}
	})
}

func TestCommentsClosed(t *testing.T) {
	for _, tc := range []struct{ lang, closed string }{{"id", "Komentar ditutup."}, {"en", "Comments are closed."}} {
		t.Run(tc.lang, func(t *testing.T) {
			forEachDB(t, tc.lang, func(t *testing.T, f *fixture) {
				ctx := context.Background()
				open, openPath := f.article(t, "terbuka")
				shut, shutPath := f.article(t, "tertutup")
				shut.CommentsOpen = false
				if err := f.store.UpdateArticle(ctx, shut); err != nil {
					t.Fatal(err)
				}
				b := f.browser("192.0.2.1")
				form := b.form(t, openPath) // a form from before it closed
				body := b.get(t, shutPath).Body.String()
				if !strings.Contains(body, tc.closed) {
					t.Errorf("closed article lacks %q", tc.closed)
				}
				if replyForm(parse(t, body)) != nil {
					t.Error("closed article still has the reply form")
				}

				// Posting anyway: 403, nothing stored, the text shown back.
				form.Set("article_id", strconv.FormatInt(shut.ID, 10))
				form.Set("content", "Teks yang saya ketik <b>panjang</b>.")
				form.Set("author", "Budi")
				form.Set("email", "budi@contoh.id")
				f.clock.Advance(5 * time.Second)
				rec := b.post(t, "/comments", form)
				if rec.Code != http.StatusForbidden {
					t.Errorf("post to a closed article = %d, want 403", rec.Code)
				}
				typed := byID(parse(t, rec.Body.String()), "comment-typed")
				if typed == nil || text(typed) != "Teks yang saya ketik <b>panjang</b>." {
					t.Errorf("the typed text is not shown back: %q", textOf(typed))
				}
				if n := f.count(t); n != 0 {
					t.Errorf("%d comments stored, want 0", n)
				}

				// comments_close_after_days closes articles older than that.
				f.setting(t, "comments_close_after_days", "1")
				if body := f.get(t, openPath).Body.String(); strings.Contains(body, tc.closed) || replyForm(parse(t, body)) == nil {
					t.Error("an article an hour old is closed with comments_close_after_days=1")
				}
				f.clock.Advance(24 * time.Hour)
				if body := f.get(t, openPath).Body.String(); !strings.Contains(body, tc.closed) || replyForm(parse(t, body)) != nil {
					t.Error("an article a day and an hour old is still open with comments_close_after_days=1")
				}
				form.Set("article_id", strconv.FormatInt(open.ID, 10))
				if rec := b.post(t, "/comments", form); rec.Code != http.StatusForbidden {
					t.Errorf("post to an article closed by age = %d, want 403", rec.Code)
				}
				if n := f.count(t); n != 0 {
					t.Errorf("%d comments stored, want 0", n)
				}
			})
		})
	}
}
