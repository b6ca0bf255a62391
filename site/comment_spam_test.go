package site_test

import (
	"encoding/json"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"warta"
)

func TestCommentHoneypotAndToken(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		a, path := f.article(t, "token")
		_, otherPath := f.article(t, "lain")
		b := f.browser("192.0.2.1")
		fill := func(v url.Values) url.Values {
			v.Set("content", "Teks saya yang panjang.")
			v.Set("author", "Budi")
			v.Set("email", "budi@contoh.id")
			return v
		}
		for _, tc := range []struct {
			name   string
			form   func() url.Values // the form as sent
			wait   time.Duration
			status int
			text   string
		}{
			{"honeypot", func() url.Values { v := fill(b.form(t, path)); v.Set("hp_website", "http://spam.example"); return v },
				5 * time.Second, http.StatusUnprocessableEntity, "Ruas tersembunyi harus dibiarkan kosong."},
			{"too fast", func() url.Values { return fill(b.form(t, path)) },
				2 * time.Second, http.StatusUnprocessableEntity, "Komentar dikirim terlalu cepat"},
			{"older than a day", func() url.Values { return fill(b.form(t, path)) },
				24*time.Hour + time.Second, http.StatusBadRequest, "Formulir ini sudah terbuka lebih dari sehari."},
			{"another article's token", func() url.Values {
				v := fill(b.form(t, otherPath))
				v.Set("article_id", strconv.FormatInt(a.ID, 10))
				return v
			}, 5 * time.Second, http.StatusBadRequest, "Formulir ini tidak sah atau sudah rusak."},
			{"forged token", func() url.Values {
				v := fill(b.form(t, path))
				tok := v.Get("token")
				payload, _, _ := strings.Cut(tok, ".")
				v.Set("token", payload+".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
				return v
			}, 5 * time.Second, http.StatusBadRequest, "Formulir ini tidak sah atau sudah rusak."},
			{"missing token", func() url.Values { v := fill(b.form(t, path)); v.Del("token"); return v },
				5 * time.Second, http.StatusBadRequest, "Formulir ini tidak sah atau sudah rusak."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				v := tc.form()
				f.clock.Advance(tc.wait)
				rec := b.post(t, "/comments", v)
				if rec.Code != tc.status {
					t.Errorf("status %d, want %d", rec.Code, tc.status)
				}
				body := rec.Body.String()
				if !strings.Contains(body, tc.text) {
					t.Errorf("the answer lacks %q: %s", tc.text, summaryOf(body))
				}
				kept := formValues(t, body)
				if kept.Get("content") != "Teks saya yang panjang." || kept.Get("author") != "Budi" || kept.Get("email") != "budi@contoh.id" {
					t.Errorf("what was typed is not kept: %v", kept)
				}
				if n := f.count(t); n != 0 {
					t.Errorf("%d comments stored, want 0", n)
				}
			})
		}
		// After all that, a proper form still goes through: nothing counted.
		v := fill(b.form(t, path))
		f.clock.Advance(3 * time.Second)
		if rec := b.post(t, "/comments", v); rec.Code != http.StatusSeeOther {
			t.Errorf("a form sent after exactly 3 s = %d, want 303: %s", rec.Code, summaryOf(rec.Body.String()))
		}
	})
}

func TestCommentFlood(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		_, path := f.article(t, "banjir")
		b := f.browser("192.0.2.1")
		b.mustComment(t, path, fields("Pertama.", "Budi", "budi@contoh.id"))

		post := func(br *browser, content, email string) *http.Response {
			t.Helper()
			v := br.form(t, path)
			v.Set("content", content)
			v.Set("author", "Budi")
			v.Set("email", email)
			f.clock.Advance(4 * time.Second) // 4 s after the last comment
			rec := br.post(t, "/comments", v)
			if rec.Code == http.StatusTooManyRequests {
				if got := formValues(t, rec.Body.String()).Get("content"); got != content {
					t.Errorf("429 lost the typed text: %q", got)
				}
				if !strings.Contains(rec.Body.String(), "Anda mengirim komentar terlalu cepat.") {
					t.Errorf("429 lacks its explanation: %s", summaryOf(rec.Body.String()))
				}
				if rec.Header().Get("Retry-After") == "" {
					t.Error("429 without Retry-After")
				}
			}
			return rec.Result()
		}
		// Same IP, another email: refused.
		if res := post(b, "Kedua.", "lain@contoh.id"); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("same IP 4 s later = %d, want 429", res.StatusCode)
		}
		// Same email, another IP: refused.
		if res := post(f.browser("192.0.2.2"), "Ketiga.", "budi@contoh.id"); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("same email 8 s later = %d, want 429", res.StatusCode)
		}
		if n := f.count(t); n != 1 {
			t.Errorf("%d comments stored, want 1", n)
		}
		// Another IP and email: fine.
		if res := post(f.browser("192.0.2.3"), "Keempat.", "andi@contoh.id"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("another reader = %d, want 303", res.StatusCode)
		}
		// 15 s later, fine again.
		f.clock.Advance(15 * time.Second)
		if res := post(b, "Kelima.", "budi@contoh.id"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("after 15 s = %d, want 303", res.StatusCode)
		}

		// The limit lives in the database: a second process (a restart)
		// on the same database still refuses.
		g := f.restart(t)
		b2 := b.on(g)
		v := b2.form(t, path)
		v.Set("content", "Setelah restart.")
		v.Set("author", "Budi")
		v.Set("email", "baru@contoh.id")
		f.clock.Advance(4 * time.Second)
		if rec := b2.post(t, "/comments", v); rec.Code != http.StatusTooManyRequests {
			t.Errorf("after a restart, 4 s later = %d, want 429", rec.Code)
		}
		f.clock.Advance(15 * time.Second)
		if rec := b2.post(t, "/comments", v); rec.Code != http.StatusSeeOther {
			t.Errorf("after a restart, 19 s later = %d, want 303", rec.Code)
		}
		if n := f.count(t); n != 4 {
			t.Errorf("%d comments stored, want 4", n)
		}
	})
}

func TestCommentDuplicate(t *testing.T) {
	for _, tc := range []struct{ lang, text string }{
		{"id", "Komentar ganda terdeteksi; sepertinya Anda sudah mengatakannya!"},
		{"en", "Duplicate comment detected; it looks as though you’ve already said that!"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			forEachDB(t, tc.lang, func(t *testing.T, f *fixture) {
				_, path := f.article(t, "ulang")
				_, otherPath := f.article(t, "ulang-lain")
				b := f.browser("192.0.2.1")
				b.mustComment(t, path, fields("Saya setuju.", "Budi", "budi@contoh.id"))
				// A new form, long after, same email (any case) and text.
				rec := b.comment(t, path, fields("Saya setuju.", "Budi", "BUDI@contoh.id"))
				if rec.Code < 400 || rec.Code >= 500 {
					t.Errorf("duplicate = %d, want 4xx", rec.Code)
				}
				if !strings.Contains(rec.Body.String(), tc.text) {
					t.Errorf("duplicate answer lacks %q: %s", tc.text, summaryOf(rec.Body.String()))
				}
				if got := formValues(t, rec.Body.String()).Get("content"); got != "Saya setuju." {
					t.Errorf("typed text not kept: %q", got)
				}
				if n := f.count(t); n != 1 {
					t.Errorf("%d comments stored, want 1", n)
				}
				// The same words from someone else, or on another article, are fine.
				b.mustComment(t, path, fields("Saya setuju.", "Andi", "andi@contoh.id"))
				b.mustComment(t, otherPath, fields("Saya setuju.", "Budi", "budi@contoh.id"))
			})
		})
	}
}

func TestCommentClientIP(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		_, path := f.article(t, "alamat")
		// An untrusted peer's X-Forwarded-For is ignored.
		b := f.browser("203.0.113.5")
		b.header.Set("X-Forwarded-For", "198.51.100.7")
		c := b.mustComment(t, path, fields("Dari mana?", "Budi", "budi@contoh.id"))
		if c.AuthorIP != "203.0.113.5" {
			t.Errorf("AuthorIP = %q, want the peer 203.0.113.5", c.AuthorIP)
		}
		// A forged header does not dodge the flood limit either.
		b.header.Set("X-Forwarded-For", "198.51.100.8")
		v := b.form(t, path)
		v.Set("content", "Lagi.")
		v.Set("author", "Budi")
		v.Set("email", "lain@contoh.id")
		f.clock.Advance(4 * time.Second)
		if rec := b.post(t, "/comments", v); rec.Code != http.StatusTooManyRequests {
			t.Errorf("forged X-Forwarded-For 4 s later = %d, want 429", rec.Code)
		}

		// Behind a trusted proxy, the client is the rightmost untrusted hop.
		f.handler = f.newHandler(f.store, netip.MustParsePrefix("10.0.0.0/8"))
		p := f.browser("10.0.0.2")
		p.header.Set("X-Forwarded-For", "6.6.6.6, 198.51.100.9, 10.0.0.3")
		c = p.mustComment(t, path, fields("Lewat proksi.", "Sari", "sari@contoh.id"))
		if c.AuthorIP != "198.51.100.9" {
			t.Errorf("AuthorIP behind a proxy = %q, want 198.51.100.9", c.AuthorIP)
		}
		// An untrusted peer is still itself with the proxy configured.
		u := f.browser("203.0.113.77")
		u.header.Set("X-Forwarded-For", "198.51.100.10")
		c = u.mustComment(t, path, fields("Langsung.", "Andi", "andi@contoh.id"))
		if c.AuthorIP != "203.0.113.77" {
			t.Errorf("AuthorIP = %q, want 203.0.113.77", c.AuthorIP)
		}
	})
}

func TestCommentPrivacy(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		_, path := f.article(t, "rahasia")
		const email, held = "Rahasia.Budi@Contoh.id", "diam-diam@contoh.id"
		b := f.browser("192.0.2.1")
		first := b.comment(t, path, fields("Pertama.", "Budi", email))
		c := f.commentAt(t, first.Header().Get("Location"))
		f.approve(t, c.ID)
		second := b.comment(t, path, fields("Kedua.", "Budi", strings.ToLower(email)))
		c2 := f.commentAt(t, second.Header().Get("Location"))
		if c2.Status != warta.CommentApproved {
			t.Fatalf("second comment is %s", c2.Status)
		}
		pendingB := f.browser("192.0.2.2")
		pending := pendingB.mustComment(t, path, fields("Ditahan.", "Sari", held))
		if pending.Status != warta.CommentPending {
			t.Fatalf("pending comment is %s", pending.Status)
		}
		for _, rec := range []*http.Response{first.Result(), second.Result()} {
			if loc := rec.Header.Get("Location"); leaks(loc, email) || leaks(loc, held) {
				t.Errorf("the redirect %q carries the email", loc)
			}
		}

		var avatars []string
		pages := map[string]string{
			"article, anonymous":   f.browser("192.0.2.3").get(t, path).Body.String(),
			"article, writer":      b.get(t, path).Body.String(),
			"article, held writer": pendingB.get(t, path).Body.String(),
			"home":                 f.get(t, "/").Body.String(),
			"section":              f.get(t, "/section/nasional/").Body.String(),
			"author":               f.get(t, "/author/rina-pertiwi/").Body.String(),
		}
		for name, body := range pages {
			if leaks(body, email) || leaks(body, held) {
				t.Errorf("%s: the page carries an email", name)
			}
			if name == "article, held writer" && !strings.Contains(body, "Ditahan.") {
				t.Errorf("%s: the held comment is not on the page checked", name)
			}
		}
		doc := parse(t, pages["article, held writer"])
		for _, id := range []string{cid(c), cid(c2), cid(pending)} {
			li := byID(doc, id)
			imgs := find(li, func(n *html.Node) bool { return hasClass(n, "avatar") })
			if len(imgs) == 0 {
				t.Fatalf("%s has no avatar", id)
			}
			src, _ := attr(imgs[0], "src")
			avatars = append(avatars, src)
		}
		if avatars[0] != avatars[1] {
			t.Errorf("one email, two avatars: %s and %s", avatars[0], avatars[1])
		}
		if avatars[0] == avatars[2] {
			t.Error("two emails, one avatar")
		}
		for _, src := range avatars {
			if !strings.HasPrefix(src, "/avatar/") || !strings.HasSuffix(src, ".svg") || leaks(src, email) || leaks(src, held) {
				t.Errorf("avatar URL %q", src)
			}
			rec := f.get(t, src)
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/svg+xml" || !strings.Contains(rec.Body.String(), "<svg") {
				t.Errorf("GET %s = %d %s", src, rec.Code, rec.Header().Get("Content-Type"))
			}
		}
		if rec := f.get(t, "/avatar/nope.svg"); rec.Code != http.StatusNotFound {
			t.Errorf("GET /avatar/nope.svg = %d, want 404", rec.Code)
		}
	})
}

// leaks reports whether s carries email in any common spelling.
func leaks(s, email string) bool {
	low := strings.ToLower(s)
	for _, e := range []string{email, url.QueryEscape(email), strings.ReplaceAll(email, "@", "&#64;"), strings.ReplaceAll(email, "@", "%40")} {
		if strings.Contains(low, strings.ToLower(e)) {
			return true
		}
	}
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	return strings.Contains(low, local+"@")
}

func TestCommentRememberMe(t *testing.T) {
	forEachDB(t, "en", func(t *testing.T, f *fixture) {
		_, path := f.article(t, "remember")
		b := f.browser("192.0.2.1")
		rec := b.comment(t, path, map[string]string{"content": "Hi.", "author": "Budi", "email": "budi@example.com", "url": "https://budi.example/", "remember": "yes"})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("status %d", rec.Code)
		}
		if _, ok := b.cookies["warta_commenter"]; !ok {
			t.Fatal("ticked remember-me set no cookie")
		}
		v := b.form(t, path)
		if v.Get("author") != "Budi" || v.Get("email") != "budi@example.com" || v.Get("url") != "https://budi.example/" || v.Get("remember") != "yes" {
			t.Errorf("the next form is not pre-filled: %v", v)
		}
		// Unticked: the cookie is cleared.
		v.Set("content", "Again.")
		v.Del("remember")
		f.clock.Advance(20 * time.Second)
		rec = b.post(t, "/comments", v)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("status %d", rec.Code)
		}
		cleared := false
		for _, c := range rec.Result().Cookies() {
			if c.Name == "warta_commenter" && c.MaxAge < 0 {
				cleared = true
			}
		}
		if !cleared {
			t.Error("unticked remember-me did not clear the cookie")
		}
		v = b.form(t, path)
		if v.Get("author") != "" || v.Get("email") != "" || v.Get("remember") != "" {
			t.Errorf("the form is still pre-filled: %v", v)
		}
	})
}

func TestCommenterEditDelete(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		f.setting(t, "comment_first_time_hold", "false")
		_, path := f.article(t, "sunting")
		b := f.browser("192.0.2.1")
		c := b.mustComment(t, path, fields("Salah ketk.", "Budi", "budi@contoh.id"))
		id := strconv.FormatInt(c.ID, 10)
		other := f.browser("192.0.2.1") // same IP, another browser

		// The writer's page offers edit and delete.
		li := byID(parse(t, b.get(t, path).Body.String()), cid(c))
		if len(find(li, func(n *html.Node) bool { v, _ := attr(n, "action"); return v == "/comments/"+id+"/delete" })) != 1 {
			t.Error("the writer is not offered delete")
		}
		li = byID(parse(t, other.get(t, path).Body.String()), cid(c))
		if len(find(li, func(n *html.Node) bool { return hasClass(n, "comment-delete") || hasClass(n, "comment-edit-link") })) != 0 {
			t.Error("another browser is offered edit or delete")
		}

		// Another browser may not.
		if rec := other.post(t, "/comments/"+id+"/edit", url.Values{"content": {"Diretas."}}); rec.Code != http.StatusForbidden {
			t.Errorf("edit from another browser = %d, want 403", rec.Code)
		}
		if rec := other.post(t, "/comments/"+id+"/delete", url.Values{}); rec.Code != http.StatusForbidden {
			t.Errorf("delete from another browser = %d, want 403", rec.Code)
		}
		if got := f.comment(t, c.ID); got.Content != "Salah ketk." || got.Status != warta.CommentApproved {
			t.Errorf("another browser changed the comment: %q %s", got.Content, got.Status)
		}

		// The writer may, within 10 minutes; an empty edit is refused, text kept.
		rec := b.post(t, "/comments/"+id+"/edit", url.Values{"content": {"   "}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("empty edit = %d, want 422", rec.Code)
		}
		f.clock.Advance(9 * time.Minute)
		rec = b.post(t, "/comments/"+id+"/edit", url.Values{"content": {"Salah ketik."}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("edit = %d, want 303", rec.Code)
		}
		if got := f.comment(t, c.ID); got.Content != "Salah ketik." || !strings.Contains(got.ContentHTML, "Salah ketik.") {
			t.Errorf("after edit: %q / %q", got.Content, got.ContentHTML)
		}
		// After 10 minutes, no longer.
		f.clock.Advance(time.Minute + time.Second)
		if rec := b.post(t, "/comments/"+id+"/edit", url.Values{"content": {"Terlambat."}}); rec.Code != http.StatusForbidden {
			t.Errorf("edit after 10 min = %d, want 403", rec.Code)
		}
		if rec := b.post(t, "/comments/"+id+"/delete", url.Values{}); rec.Code != http.StatusForbidden {
			t.Errorf("delete after 10 min = %d, want 403", rec.Code)
		}
		if got := f.comment(t, c.ID); got.Content != "Salah ketik." || got.Status != warta.CommentApproved {
			t.Errorf("late edit/delete changed the comment: %q %s", got.Content, got.Status)
		}

		// Delete within the window: to the trash, gone from the page.
		d := b.mustComment(t, path, fields("Hapus saya.", "Budi", "budi@contoh.id"))
		if rec := b.post(t, "/comments/"+strconv.FormatInt(d.ID, 10)+"/delete", url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("delete = %d, want 303", rec.Code)
		}
		if got := f.comment(t, d.ID); got.Status != warta.CommentTrash {
			t.Errorf("deleted comment is %s, want trash", got.Status)
		}
		if strings.Contains(f.get(t, path).Body.String(), "Hapus saya.") {
			t.Error("the deleted comment is still shown")
		}
		// Editing a comment with a forged own-comments cookie fails too.
		forger := f.browser("192.0.2.9")
		forger.cookies["warta_own_comments"] = &http.Cookie{Name: "warta_own_comments", Value: "MTI.AAAA"}
		if rec := forger.post(t, "/comments/"+id+"/edit", url.Values{"content": {"x"}}); rec.Code != http.StatusForbidden {
			t.Errorf("forged cookie edit = %d, want 403", rec.Code)
		}
	})
}

func TestHostileCommentsPage(t *testing.T) {
	forEachDB(t, "id", func(t *testing.T, f *fixture) {
		f.setting(t, "comment_first_time_hold", "false")
		f.setting(t, "comment_max_links", "100")
		_, path := f.article(t, "berbahaya")
		b := f.browser("192.0.2.1")
		for i, body := range []string{
			`<script>alert(1)</script>`,
			`<img src=x onerror=alert(1)>`,
			`<a href="javascript:alert(1)">klik</a> <a href="JaVaScRiPt:alert(1)">lagi</a> <a href=" javascript:alert(1)">spasi</a>`,
			`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a> <img src="data:image/svg+xml,<svg onload=alert(1)>">`,
			"Teks \u202Egnp.exe\u202C dengan bidi \u2066override\u2069",
			`<a href="https://ok.example" onclick="alert(1)" style="x">baik</a> <svg onload=alert(1)> <iframe src="javascript:alert(1)"></iframe>`,
			`"><script>alert(1)</script><a href="&#106;avascript:alert(1)">ent</a>`,
		} {
			b.mustComment(t, path, fields(body, "Penyerang "+strconv.Itoa(i)+`<script>alert(1)</script>`, "p"+strconv.Itoa(i)+"@contoh.id"))
		}
		page := f.get(t, path).Body.String()
		doc := parse(t, page)
		if got := len(commentIDs(doc)); got != 7 {
			t.Fatalf("%d comments shown, want 7", got)
		}
		for _, n := range find(doc, func(*html.Node) bool { return true }) {
			// JSON-LD is structured data, which browsers never run (see meta_test.go).
			if typ, _ := attr(n, "type"); n.Data == "script" && !(typ == "application/ld+json" && json.Valid([]byte(text(n)))) {
				src, _ := attr(n, "src")
				if !strings.HasPrefix(src, "/static/comments.") || !strings.HasSuffix(src, ".js") || text(n) != "" {
					t.Errorf("a script that is not the site's: src=%q %q", src, text(n))
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
			}
		}
		for _, content := range find(doc, func(n *html.Node) bool { return hasClass(n, "comment-content") }) {
			for _, n := range find(content, func(*html.Node) bool { return true }) {
				switch n.Data {
				case "a", "strong", "i", "em", "code", "blockquote", "p", "br", "div":
				default:
					t.Errorf("a <%s> in a comment", n.Data)
				}
				for _, a := range n.Attr {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if (a.Key == "href" || a.Key == "src") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:")) {
						t.Errorf("<%s %s=%q> in a comment", n.Data, a.Key, a.Val)
					}
				}
			}
			for _, r := range "\u202E\u202C\u2066\u2069" {
				if strings.ContainsRune(text(content), r) {
					t.Errorf("bidi control %U left in a comment", r)
				}
			}
		}
		if !strings.Contains(page, `<script src="/static/comments.`) {
			t.Error("the site's own comments script is missing; the check above proves less than it seems")
		}
	})
}
