package site_test

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"warta"
)

func TestCommentValidation(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	good := map[string]string{"content": "Isi komentar.", "author": "Budi", "email": "budi@contoh.id", "url": "https://budi.example/"}
	for _, tc := range []struct {
		name, field, value string
		errField, message  string // the input's id and the error text next to it
	}{
		{"empty content", "content", "", "comment", "Wajib diisi."},
		{"whitespace content", "content", " \n\t ", "comment", "Wajib diisi."},
		{"empty name", "author", "", "author", "Wajib diisi."},
		{"whitespace name", "author", "   ", "author", "Wajib diisi."},
		{"empty email", "email", "", "email", "Wajib diisi."},
		{"name 246", "author", long(246), "author", "Terlalu panjang."},
		{"email 101", "email", long(89) + "@contoh.id.co", "email", "Terlalu panjang."},
		{"email invalid", "email", "budi at contoh", "email", "Masukkan alamat email yang benar"},
		{"email with name", "email", "Budi <budi@contoh.id>", "email", "Masukkan alamat email yang benar"},
		{"website 201", "url", "https://x.example/" + long(183), "url", "Terlalu panjang."},
		{"website ftp", "url", "ftp://budi.example/", "url", "diawali http:// atau https://"},
		{"website javascript", "url", "javascript:alert(1)", "url", "diawali http:// atau https://"},
		{"content 65526", "content", long(65526), "comment", "Terlalu panjang."},
		{"content invalid UTF-8", "content", "rusak \xff\xfe", "comment", "karakter yang tidak valid"},
		{"content NUL", "content", "nol\x00byte", "comment", "karakter yang tidak valid"},
		{"name NUL", "author", "Bu\x00di", "author", "karakter yang tidak valid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forEachDB(t, "id", func(t *testing.T, f *fixture) {
				_, path := f.article(t, "validasi")
				in := map[string]string{}
				for k, v := range good {
					in[k] = v
				}
				in[tc.field] = tc.value
				rec := f.browser("192.0.2.1").comment(t, path, in)
				if rec.Code != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422: %s", rec.Code, summaryOf(rec.Body.String()))
				}
				if n := f.count(t); n != 0 {
					t.Errorf("%d comments stored, want 0", n)
				}
				body := rec.Body.String()
				doc := parse(t, body)
				// A summary at the top that links to the field.
				sum := byID(doc, "comment-errors")
				if sum == nil || !strings.Contains(textOf(sum), "Komentar Anda belum terkirim") {
					t.Fatalf("no error summary: %s", summaryOf(body))
				}
				if len(find(sum, func(n *html.Node) bool { v, _ := attr(n, "href"); return v == "#"+tc.errField })) != 1 {
					t.Errorf("the summary does not link to #%s", tc.errField)
				}
				// The error next to its field, tied by aria-describedby.
				input := byID(doc, tc.errField)
				if d, _ := attr(input, "aria-describedby"); d != tc.errField+"-error" {
					t.Errorf("#%s aria-describedby = %q, want %s-error", tc.errField, d, tc.errField)
				}
				if inv, _ := attr(input, "aria-invalid"); inv != "true" {
					t.Errorf("#%s aria-invalid = %q", tc.errField, inv)
				}
				if e := byID(doc, tc.errField+"-error"); e == nil || !strings.Contains(text(e), tc.message) {
					t.Errorf("error next to #%s = %q, want %q", tc.errField, textOf(e), tc.message)
				}
				// Only that field is in error.
				if got := len(find(doc, func(n *html.Node) bool { return hasClass(n, "field-error") })); got != 1 {
					t.Errorf("%d field errors, want 1", got)
				}
				// Everything typed is still there (as the browser would send it).
				kept := formValues(t, body)
				for k, v := range in {
					want := v
					if !strings.Contains(tc.name, "UTF-8") || k != tc.field {
						if got := kept.Get(k); got != want && !(strings.ContainsRune(want, 0) && got == strings.ReplaceAll(want, "\x00", "\uFFFD")) {
							t.Errorf("field %s kept as %.40q, want %.40q", k, got, want)
						}
					}
				}
			})
		})
	}
}

// TestCommentLimits posts the longest of everything, which must be taken.
func TestCommentLimits(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		_, path := f.article(t, "batas")
		in := map[string]string{
			"content": "  " + strings.Repeat("a", 65525) + "\n ",
			"author":  strings.Repeat("n", 245),
			"email":   strings.Repeat("e", 87) + "@contoh.id.co",
			"url":     "https://x.example/" + strings.Repeat("u", 182),
		}
		if len(in["email"]) != 100 || len(in["url"]) != 200 {
			t.Fatalf("test data: email %d, url %d", len(in["email"]), len(in["url"]))
		}
		c := f.browser("192.0.2.1").mustComment(t, path, in)
		if c.Content != strings.Repeat("a", 65525) {
			t.Errorf("content not trimmed or not kept whole: %d runes", len([]rune(c.Content)))
		}
		if c.AuthorName != in["author"] || c.AuthorEmail != in["email"] || c.AuthorURL != in["url"] {
			t.Error("fields not stored as sent")
		}
	})
}

func TestCommentPostedAndHeld(t *testing.T) {
	for _, tc := range []struct{ lang, awaiting string }{
		{"id", "Komentar Anda sedang menunggu moderasi."},
		{"en", "Your comment is awaiting moderation."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			forEachDB(t, tc.lang, func(t *testing.T, f *fixture) {
				_, path := f.article(t, "tunggu")
				author := f.browser("192.0.2.1")
				rec := author.comment(t, path, fields("Komentar pertama saya.", "Budi", "budi@contoh.id"))
				if rec.Code != http.StatusSeeOther {
					t.Fatalf("status %d, want 303", rec.Code)
				}
				c := f.commentAt(t, rec.Header().Get("Location"))
				if want := path + "#" + cid(c); rec.Header().Get("Location") != want {
					t.Errorf("Location = %q, want %q", rec.Header().Get("Location"), want)
				}
				if c.Status != warta.CommentPending || c.Reason != "first_time" {
					t.Errorf("first comment: %s %q, want pending first_time", c.Status, c.Reason)
				}
				// The writer sees it, marked as held.
				body := author.get(t, path).Body.String()
				li := byID(parse(t, body), cid(c))
				if li == nil || !strings.Contains(textOf(li), "Komentar pertama saya.") || !strings.Contains(textOf(li), tc.awaiting) {
					t.Errorf("the writer does not see their held comment with %q", tc.awaiting)
				}
				// Nobody else does.
				other := f.browser("192.0.2.1").get(t, path).Body.String()
				if strings.Contains(other, "Komentar pertama saya.") || strings.Contains(other, tc.awaiting) {
					t.Error("another browser sees the held comment")
				}
				// Approved by staff, everyone sees it, no longer marked.
				f.approve(t, c.ID)
				other = f.browser("192.0.2.7").get(t, path).Body.String()
				if !strings.Contains(other, "Komentar pertama saya.") || strings.Contains(other, tc.awaiting) {
					t.Error("the approved comment is not shown plainly")
				}
			})
		})
	}
}

func TestCommentDoubleSubmission(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		_, path := f.article(t, "ganda")
		b := f.browser("192.0.2.1")
		form := b.form(t, path)
		form.Set("content", "Sekali saja.")
		form.Set("author", "Budi")
		form.Set("email", "budi@contoh.id")
		f.clock.Advance(5 * time.Second)
		first := b.post(t, "/comments", form)
		second := b.post(t, "/comments", form) // a double click
		if first.Code != http.StatusSeeOther || second.Code != http.StatusSeeOther {
			t.Fatalf("statuses %d and %d, want 303 and 303", first.Code, second.Code)
		}
		if a, b := first.Header().Get("Location"), second.Header().Get("Location"); a != b {
			t.Errorf("the second post went to %q, the first to %q", b, a)
		}
		f.clock.Advance(time.Minute) // past the flood limit: still one comment
		third := b.post(t, "/comments", form)
		if third.Code != http.StatusSeeOther {
			t.Errorf("a resend a minute later = %d, want 303", third.Code)
		}
		if n := f.count(t); n != 1 {
			t.Errorf("%d comments stored, want 1", n)
		}
		// The same form with other text is refused.
		form.Set("content", "Lain lagi.")
		rec := b.post(t, "/comments", form)
		if rec.Code < 400 || rec.Code >= 500 {
			t.Errorf("the same form with other text = %d, want 4xx", rec.Code)
		}
		if n := f.count(t); n != 1 {
			t.Errorf("%d comments stored, want 1", n)
		}
	})
}

func TestCommentModeration(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		_, path := f.article(t, "moderasi")
		f.setting(t, "comment_disallowed_keys", "kasino\n203.0.113.")
		f.setting(t, "comment_moderation_keys", "pinjol")
		b := f.browser("192.0.2.1")
		check := func(name string, c *warta.Comment, status warta.CommentStatus, reason string) {
			t.Helper()
			if c.Status != status || c.Reason != reason {
				t.Errorf("%s: %s %q, want %s %q", name, c.Status, c.Reason, status, reason)
			}
		}
		post := func(content, email string) *warta.Comment {
			t.Helper()
			return b.mustComment(t, path, fields(content, "Budi", email))
		}

		// Disallowed keys win over everything, and send to the trash; the
		// redirect says nothing about it.
		rec := b.comment(t, path, fields("Main KASINO dan pinjol di https://a.example https://b.example https://c.example", "Budi", "a@contoh.id"))
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != path+"#comments" {
			t.Errorf("trashed comment: %d to %q, want 303 to %s#comments", rec.Code, rec.Header().Get("Location"), path)
		}
		list, _, err := f.store.Comments(t.Context(), warta.CommentFilter{Email: "a@contoh.id"})
		if err != nil || len(list) != 1 {
			t.Fatalf("trashed comment not stored: %v", err)
		}
		check("disallowed word", list[0], warta.CommentTrash, "disallowed:kasino")
		// A disallowed IP range.
		ip := f.browser("203.0.113.9").mustCommentOrTrash(t, path, fields("Biasa saja.", "Budi", "ip@contoh.id"))
		check("disallowed IP", ip, warta.CommentTrash, "disallowed:203.0.113.")

		// Moderation keys hold, before the link count.
		check("moderation key", post("Butuh pinjol? https://a.example https://b.example https://c.example", "b@contoh.id"),
			warta.CommentPending, "moderation:pinjol")
		// More than two links hold.
		check("three links", post("Lihat https://a.example, https://b.example dan https://c.example", "c@contoh.id"),
			warta.CommentPending, "links:3")
		// A first-time commenter is held, even with two links.
		firstTime := post("Dua tautan: https://a.example dan https://b.example", "d@contoh.id")
		check("first time", firstTime, warta.CommentPending, "first_time")
		// Still held until one of theirs is approved.
		check("first time again", post("Masih baru.", "d@contoh.id"), warta.CommentPending, "first_time")
		f.approve(t, firstTime.ID)
		// Then two links pass.
		check("known, two links", post("Dua lagi: https://a.example dan https://b.example", "D@Contoh.id"), warta.CommentApproved, "rules")
		check("known, three links", post("Tiga: https://a.example https://b.example https://c.example", "d@contoh.id"), warta.CommentPending, "links:3")
		// comment_max_links changes the limit.
		f.setting(t, "comment_max_links", "0")
		check("max links 0", post("Satu: https://a.example", "d@contoh.id"), warta.CommentPending, "links:1")
		f.setting(t, "comment_max_links", "2")
		// Manual approval holds everyone, even the known.
		f.setting(t, "comment_manual_approval", "true")
		check("manual", post("Tanpa tautan.", "d@contoh.id"), warta.CommentPending, "manual")
		// Without the first-time rule, a newcomer is approved.
		f.setting(t, "comment_manual_approval", "false")
		f.setting(t, "comment_first_time_hold", "false")
		check("newcomer, no first-time rule", post("Halo.", "e@contoh.id"), warta.CommentApproved, "rules")
	})
}

// mustCommentOrTrash posts a comment that must be stored, whatever its
// status, and finds it by its email (a trashed comment's redirect names
// no comment).
func (b *browser) mustCommentOrTrash(t *testing.T, path string, in map[string]string) *warta.Comment {
	t.Helper()
	rec := b.comment(t, path, in)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST /comments = %d, want 303: %s", rec.Code, summaryOf(rec.Body.String()))
	}
	list, _, err := b.f.store.Comments(t.Context(), warta.CommentFilter{Email: in["email"]})
	if err != nil || len(list) == 0 {
		t.Fatalf("no comment from %s: %v", in["email"], err)
	}
	return list[0]
}

func TestCommentReplyDepth(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		f.setting(t, "comment_first_time_hold", "false")
		f.setting(t, "comment_max_depth", "3")
		_, path := f.article(t, "dalam")
		b := f.browser("192.0.2.1")
		top := b.mustComment(t, path, fields("Tingkat 0.", "A", "a@contoh.id"))
		d1 := b.mustComment(t, path, map[string]string{"content": "Tingkat 1.", "author": "B", "email": "b@contoh.id", "parent_id": strconv.FormatInt(top.ID, 10)})
		d2 := b.mustComment(t, path, map[string]string{"content": "Tingkat 2.", "author": "C", "email": "c@contoh.id", "parent_id": strconv.FormatInt(d1.ID, 10)})
		if d2.Depth != 2 || d2.ParentID != d1.ID {
			t.Fatalf("depth-2 reply: depth %d parent %d", d2.Depth, d2.ParentID)
		}
		// No reply link at the deepest level...
		doc := parse(t, f.get(t, path).Body.String())
		li := byID(doc, cid(d2))
		if len(find(li, func(n *html.Node) bool { return hasClass(n, "comment-reply") })) != 0 {
			t.Error("the deepest comment has a reply link")
		}
		// ...and a reply to it anyway hangs at the deepest allowed level.
		deeper := b.mustComment(t, path, map[string]string{"content": "Terlalu dalam.", "author": "D", "email": "d@contoh.id", "parent_id": strconv.FormatInt(d2.ID, 10)})
		if deeper.ParentID != d1.ID || deeper.Depth != 2 {
			t.Errorf("too-deep reply: parent %d depth %d, want parent %d depth 2", deeper.ParentID, deeper.Depth, d1.ID)
		}
	})
}

func TestCommentBadParent(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		f.setting(t, "comment_first_time_hold", "false")
		_, path := f.article(t, "satu")
		_, otherPath := f.article(t, "dua")
		elsewhere := f.browser("192.0.2.50").mustComment(t, otherPath, fields("Di artikel lain.", "Z", "z@contoh.id"))
		f.setting(t, "comment_first_time_hold", "true")
		held := f.browser("192.0.2.51").mustComment(t, path, fields("Masih ditahan.", "Y", "y@contoh.id"))
		before := f.count(t)
		for name, parent := range map[string]string{
			"another article's comment":      strconv.FormatInt(elsewhere.ID, 10),
			"a comment that does not exist":  "999999",
			"someone else's pending comment": strconv.FormatInt(held.ID, 10),
		} {
			t.Run(name, func(t *testing.T) {
				rec := f.browser("192.0.2.1").comment(t, path, map[string]string{"content": "Balasan saya.", "author": "Budi", "email": "budi@contoh.id", "parent_id": parent})
				if rec.Code != http.StatusUnprocessableEntity {
					t.Errorf("status %d, want 422", rec.Code)
				}
				body := rec.Body.String()
				if !strings.Contains(body, "Komentar yang ingin Anda balas tidak ada di artikel ini.") {
					t.Errorf("no Indonesian explanation: %s", summaryOf(body))
				}
				if got := formValues(t, body).Get("content"); got != "Balasan saya." {
					t.Errorf("the typed text is not kept: %q", got)
				}
				if n := f.count(t); n != before {
					t.Errorf("%d comments stored, want %d", n, before)
				}
			})
		}
	})
}

func TestCommentBadRequests(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		_, path := f.article(t, "buruk")
		draft := f.MustCreateArticle(t, "draf", warta.StatusDraft, "Belum.")
		b := f.browser("192.0.2.1")
		valid := b.form(t, path)
		valid.Set("content", "Isi.")
		valid.Set("author", "Budi")
		valid.Set("email", "budi@contoh.id")
		f.clock.Advance(5 * time.Second)

		send := func(contentType, body string) *http.Response {
			t.Helper()
			r, _ := http.NewRequest("POST", "/comments", strings.NewReader(body))
			r.Header.Set("Content-Type", contentType)
			return b.do(t, r).Result()
		}
		for _, tc := range []struct {
			name        string
			contentType string
			body        string
			status      int
			text        string
		}{
			{"JSON", "application/json", `{"content":"Isi.","author":"Budi","email":"budi@contoh.id"}`, 415, "Format kiriman tidak didukung"},
			{"multipart", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nIsi.\r\n--x--\r\n", 415, "Format kiriman tidak didukung"},
			{"no type", "", valid.Encode(), 415, "Format kiriman tidak didukung"},
			{"over 128 KiB", "application/x-www-form-urlencoded", valid.Encode() + "&pad=" + strings.Repeat("x", 128<<10), 413, "Kiriman terlalu besar"},
			{"draft article", "application/x-www-form-urlencoded", with(valid, "article_id", strconv.FormatInt(draft.ID, 10)), 404, "Halaman tidak ditemukan"},
			{"no such article", "application/x-www-form-urlencoded", with(valid, "article_id", "987654"), 404, "Halaman tidak ditemukan"},
			{"article_id not a number", "application/x-www-form-urlencoded", with(valid, "article_id", "satu"), 400, "Permintaan tidak valid"},
			{"missing token", "application/x-www-form-urlencoded", with(valid, "token", ""), 400, "Formulir ini tidak sah atau sudah rusak."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := send(tc.contentType, tc.body)
				body := new(strings.Builder)
				_, _ = io.Copy(body, res.Body)
				if res.StatusCode != tc.status {
					t.Errorf("status %d, want %d", res.StatusCode, tc.status)
				}
				if !strings.Contains(body.String(), tc.text) {
					t.Errorf("the answer lacks %q: %s", tc.text, summaryOf(body.String()))
				}
				if n := f.count(t); n != 0 {
					t.Errorf("%d comments stored, want 0", n)
				}
			})
		}
		// And the form as it was is still good.
		if rec := b.post(t, "/comments", valid); rec.Code != http.StatusSeeOther {
			t.Errorf("the valid form = %d, want 303", rec.Code)
		}
	})
}

// with returns v encoded, with key set to value.
func with(v url.Values, key, value string) string {
	c := url.Values{}
	for k, x := range v {
		c[k] = append([]string(nil), x...)
	}
	c.Set(key, value)
	return c.Encode()
}

func TestCommentCrossSitePostRefused(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		f.setting(t, "comment_first_time_hold", "false")
		_, path := f.article(t, "csrf")
		b := f.browser("192.0.2.1")
		c := b.mustComment(t, path, fields("Asli.", "Budi", "budi@contoh.id"))
		form := b.form(t, path)
		form.Set("content", "Dari situs lain.")
		form.Set("author", "Budi")
		form.Set("email", "lain@contoh.id")
		f.clock.Advance(20 * time.Second)
		b.header.Set("Sec-Fetch-Site", "cross-site")
		if rec := b.post(t, "/comments", form); rec.Code != http.StatusForbidden {
			t.Errorf("cross-site post = %d, want 403", rec.Code)
		}
		id := strconv.FormatInt(c.ID, 10)
		if rec := b.post(t, "/comments/"+id+"/edit", url.Values{"content": {"Diubah."}}); rec.Code != http.StatusForbidden {
			t.Errorf("cross-site edit = %d, want 403", rec.Code)
		}
		if rec := b.post(t, "/comments/"+id+"/delete", nil); rec.Code != http.StatusForbidden {
			t.Errorf("cross-site delete = %d, want 403", rec.Code)
		}
		if n := f.count(t); n != 1 {
			t.Errorf("%d comments stored, want 1", n)
		}
		if got := f.comment(t, c.ID); got.Content != "Asli." || got.Status != warta.CommentApproved {
			t.Errorf("the comment changed: %q %s", got.Content, got.Status)
		}
		// Same-origin is fine.
		b.header.Set("Sec-Fetch-Site", "same-origin")
		if rec := b.post(t, "/comments", form); rec.Code != http.StatusSeeOther {
			t.Errorf("same-origin post = %d, want 303", rec.Code)
		}
	})
}
