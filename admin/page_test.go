package admin_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"warta"
	"warta/storetest"
)

// pagesSnapshot is every page as stored, for checking that a refused
// request changed nothing.
func pagesSnapshot(t *testing.T, n *newsroom) string {
	t.Helper()
	pages, err := n.store.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(itoa64(p.ID) + ":" + p.Slug + ":" + p.Title + ":" + string(p.Status) + ":" + itoa(p.MenuOrder) + ":" +
			p.MenuLabel + ":" + p.BodyMarkdown + ":" + p.UpdatedAt.String() + "\n")
	}
	return b.String()
}

// pageAudits returns the actions of the audit log's page entries, oldest first.
func pageAudits(t *testing.T, n *newsroom) []string {
	t.Helper()
	entries, _, err := n.store.AuditLog(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(entries) - 1; i >= 0; i-- {
		if strings.HasPrefix(entries[i].Action, "page.") {
			out = append(out, entries[i].Action)
		}
	}
	return out
}

func storedPage(t *testing.T, n *newsroom, slug string) *warta.Page {
	t.Helper()
	p, err := n.store.PageBySlug(context.Background(), slug)
	if err != nil {
		t.Fatalf("PageBySlug(%q): %v", slug, err)
	}
	return p
}

// openPage opens the editor of page id as an editor and returns the
// revision its form carries, as a browser would post it back.
func openPage(t *testing.T, n *newsroom, id string) string {
	t.Helper()
	rec := n.do(t, warta.RoleEditor, "GET", "/admin/pages/"+id, nil)
	m := regexp.MustCompile(`name="revision" value="(\d+)"`).FindStringSubmatch(rec.Body.String())
	if rec.Code != http.StatusOK || m == nil {
		t.Fatalf("the editor of page %s (status %d) carries no revision", id, rec.Code)
	}
	return m[1]
}

func menuOf(t *testing.T, n *newsroom) []string {
	t.Helper()
	pages, err := n.store.MenuPages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, p := range pages {
		out = append(out, p.Slug)
	}
	return out
}

func TestPagesNeedCapability(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		p := storetest.MustCreatePage(t, n.store, &warta.Page{Slug: "kontak", Title: "Kontak", Status: warta.PagePublished, MenuOrder: 1})
		id := itoa64(p.ID)
		before := pagesSnapshot(t, n)
		requests := []struct {
			method, path string
			form         url.Values
		}{
			{"GET", "/admin/pages", nil},
			{"GET", "/admin/pages/new", nil},
			{"GET", "/admin/pages/" + id, nil},
			{"GET", "/admin/pages/menu", nil},
			{"GET", "/admin/pages/" + id + "/delete", nil},
			{"POST", "/admin/pages", url.Values{"title": {"Redaksi"}, "body": {"Susunan redaksi."}, "action": {"publish"}}},
			{"POST", "/admin/pages/" + id, url.Values{"title": {"Hubungi Kami"}, "slug": {"kontak"}, "action": {"save"}}},
			{"POST", "/admin/pages/" + id + "/delete", url.Values{}},
			{"POST", "/admin/pages/menu", url.Values{"position-" + id: {""}}},
		}
		for _, role := range []warta.Role{warta.RoleContributor, warta.RoleAuthor} {
			for _, req := range requests {
				if rec := n.do(t, role, req.method, req.path, req.form); rec.Code != http.StatusForbidden {
					t.Errorf("%s %s %s: status %d, want 403", role, req.method, req.path, rec.Code)
				}
			}
			if body := n.do(t, role, "GET", "/admin/", nil).Body.String(); strings.Contains(body, `href="/admin/pages"`) {
				t.Errorf("%s: the newsroom menu links to the pages screen", role)
			}
		}
		if after := pagesSnapshot(t, n); after != before {
			t.Errorf("refused requests changed the pages:\nbefore %s\nafter  %s", before, after)
		}
		if got := pageAudits(t, n); len(got) != 0 {
			t.Errorf("audit entries after refused requests: %v", got)
		}
		if body := n.do(t, warta.RoleEditor, "GET", "/admin/", nil).Body.String(); !strings.Contains(body, `href="/admin/pages"`) {
			t.Error("an editor's newsroom menu does not link to the pages screen")
		}
	})
}

func TestPageCreateEditPublishDelete(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		ed := warta.RoleEditor

		// A preview renders the Markdown and saves nothing.
		rec := n.do(t, ed, "POST", "/admin/pages", url.Values{"title": {"Tentang Kami"}, "body": {"Kami **media** daring."}, "action": {"preview"}})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<strong>media</strong>") {
			t.Fatalf("preview: status %d, body rendered %v", rec.Code, strings.Contains(rec.Body.String(), "<strong>media</strong>"))
		}
		if snap := pagesSnapshot(t, n); snap != "" {
			t.Fatalf("a preview saved a page: %s", snap)
		}

		// Saved: a draft, the slug made from the title, the body rendered.
		rec = n.do(t, ed, "POST", "/admin/pages", url.Values{"title": {"Tentang Kami"}, "body": {"Kami **media** daring."},
			"menu_label": {"Tentang"}, "action": {"save"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create: status %d\n%s", rec.Code, rec.Body)
		}
		p := storedPage(t, n, "tentang-kami")
		if want := "/admin/pages/" + itoa64(p.ID) + "?done=saved"; rec.Header().Get("Location") != want {
			t.Errorf("create redirects to %q, want %q", rec.Header().Get("Location"), want)
		}
		if p.Status != warta.PageDraft || p.MenuLabel != "Tentang" || !strings.Contains(p.BodyHTML, "<strong>media</strong>") {
			t.Errorf("stored page = %+v", p)
		}
		id := itoa64(p.ID)

		// The form shows what is stored; the list shows the page.
		if body := n.do(t, ed, "GET", "/admin/pages/"+id+"?done=saved", nil).Body.String(); !strings.Contains(body, `value="tentang-kami"`) ||
			!strings.Contains(body, "Kami **media** daring.") || !strings.Contains(body, "Tersimpan.") {
			t.Errorf("edit form lacks the stored values or the notice")
		}
		if body := n.do(t, ed, "GET", "/admin/pages", nil).Body.String(); !strings.Contains(body, `<a href="/admin/pages/`+id+`">Tentang Kami</a>`) {
			t.Errorf("the list does not link the page")
		}

		// Publish, edit with a new slug, unpublish.
		form := url.Values{"title": {"Tentang Kami"}, "slug": {"tentang-kami"}, "body": {"Kami media daring."}, "action": {"publish"},
			"revision": {openPage(t, n, id)}}
		if rec := n.do(t, ed, "POST", "/admin/pages/"+id, form); rec.Code != http.StatusSeeOther || !strings.HasSuffix(rec.Header().Get("Location"), "?done=published") {
			t.Fatalf("publish: status %d to %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
		}
		if p := storedPage(t, n, "tentang-kami"); p.Status != warta.PagePublished || p.MenuLabel != "" {
			t.Errorf("after publishing: %+v, want published with the label cleared as posted", p)
		}
		form.Set("slug", "profil")
		form.Set("action", "save")
		form.Set("revision", openPage(t, n, id))
		if rec := n.do(t, ed, "POST", "/admin/pages/"+id, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("edit: status %d\n%s", rec.Code, rec.Body)
		}
		if p := storedPage(t, n, "profil"); p.Status != warta.PagePublished {
			t.Errorf("a plain save changed the status to %s", p.Status)
		}
		form.Set("action", "unpublish")
		form.Set("revision", openPage(t, n, id))
		if rec := n.do(t, ed, "POST", "/admin/pages/"+id, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("unpublish: status %d", rec.Code)
		}
		if p := storedPage(t, n, "profil"); p.Status != warta.PageDraft {
			t.Errorf("after unpublishing: %s, want draft", p.Status)
		}
		form.Set("action", "delete-everything")
		if rec := n.do(t, ed, "POST", "/admin/pages/"+id, form); rec.Code != http.StatusBadRequest {
			t.Errorf("unknown action: status %d, want 400", rec.Code)
		}

		// Delete asks first, in a form that works without JavaScript.
		rec = n.do(t, ed, "GET", "/admin/pages/"+id+"/delete", nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<form method="post" action="/admin/pages/`+id+`/delete"`) {
			t.Errorf("delete confirmation: status %d\n%s", rec.Code, rec.Body)
		}
		if snap := pagesSnapshot(t, n); !strings.Contains(snap, "profil") {
			t.Fatal("asking to delete deleted")
		}
		if rec := n.do(t, ed, "POST", "/admin/pages/"+id+"/delete", url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("delete: status %d", rec.Code)
		}
		if _, err := n.store.PageByID(context.Background(), p.ID); !warta.IsNotFound(err) {
			t.Errorf("after delete: %v, want not found", err)
		}
		if rec := n.do(t, ed, "GET", "/admin/pages/"+id, nil); rec.Code != http.StatusNotFound {
			t.Errorf("deleted page's form: status %d, want 404", rec.Code)
		}
		want := []string{"page.create", "page.publish", "page.update", "page.unpublish", "page.delete"}
		if got := pageAudits(t, n); !reflect.DeepEqual(got, want) {
			t.Errorf("audit = %v, want %v", got, want)
		}
	})
}

func TestPageFormRefusesBadInput(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		storetest.MustCreatePage(t, n.store, &warta.Page{Slug: "kontak", Title: "Kontak", Status: warta.PageDraft})
		before := pagesSnapshot(t, n)
		for _, tc := range []struct {
			name    string
			form    url.Values
			field   string
			message string
		}{
			{"no title", url.Values{"title": {"  "}, "body": {"Isi yang sudah diketik <panjang>."}}, "title", "Wajib diisi."},
			{"reserved slug", url.Values{"title": {"Admin"}, "slug": {"admin"}, "body": {"Isi yang sudah diketik <panjang>."}}, "slug", "Alamat ini dipakai situs sendiri"},
			{"a year", url.Values{"title": {"2024"}, "body": {"Isi yang sudah diketik <panjang>."}}, "slug", "Alamat ini dipakai situs sendiri"},
			{"slug taken", url.Values{"title": {"Kontak"}, "body": {"Isi yang sudah diketik <panjang>."}, "action": {"publish"}}, "slug", "Alamat ini sudah dipakai."},
			{"no usable slug", url.Values{"title": {"Judul"}, "slug": {"!!!"}, "body": {"Isi yang sudah diketik <panjang>."}}, "slug", "Alamat tidak bisa dibuat"},
			{"long menu label", url.Values{"title": {"Redaksi"}, "menu_label": {strings.Repeat("x", 61)}, "body": {"Isi yang sudah diketik <panjang>."}}, "menu_label", "Terlalu panjang."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rec := n.do(t, warta.RoleEditor, "POST", "/admin/pages", tc.form)
				body := html.UnescapeString(rec.Body.String())
				if rec.Code != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422\n%s", rec.Code, body)
				}
				if !strings.Contains(body, "Halaman belum tersimpan") || !strings.Contains(body, tc.message) {
					t.Errorf("the form does not say what is wrong (%q)", tc.message)
				}
				if !strings.Contains(rec.Body.String(), `id="f-`+tc.field+`"`) || !strings.Contains(body, `href="#f-`+tc.field+`"`) {
					t.Errorf("the summary does not point at field %s", tc.field)
				}
				if !strings.Contains(body, "Isi yang sudah diketik <panjang>.") {
					t.Error("the body typed is lost")
				}
			})
		}
		if after := pagesSnapshot(t, n); after != before {
			t.Errorf("refused forms changed the pages:\nbefore %s\nafter  %s", before, after)
		}
		// A taken slug is kept in the form, to be changed.
		rec := n.do(t, warta.RoleEditor, "POST", "/admin/pages", url.Values{"title": {"Kontak"}})
		if !strings.Contains(rec.Body.String(), `value="kontak"`) {
			t.Error("the slug made from the title is not shown after it was refused")
		}
		// An edit that breaks a rule keeps the page as it was.
		p := storedPage(t, n, "kontak")
		rec = n.do(t, warta.RoleEditor, "POST", "/admin/pages/"+itoa64(p.ID), url.Values{"title": {"Kontak"}, "slug": {"feed"}, "action": {"publish"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("edit to a reserved slug: status %d, want 422", rec.Code)
		}
		if after := pagesSnapshot(t, n); after != before {
			t.Errorf("a refused edit changed the page")
		}
	})
}

func TestPageMenuScreen(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		mk := func(slug, title string, status warta.PageStatus) string {
			return itoa64(storetest.MustCreatePage(t, n.store, &warta.Page{Slug: slug, Title: title, Status: status}).ID)
		}
		about := mk("tentang-kami", "Tentang Kami", warta.PagePublished)
		staff := mk("redaksi", "Redaksi", warta.PagePublished)
		rules := mk("pedoman-media-siber", "Pedoman Media Siber", warta.PagePublished)
		contact := mk("kontak", "Kontak", warta.PageDraft)
		ed := warta.RoleEditor

		rec := n.do(t, ed, "GET", "/admin/pages/menu", nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `name="position-`+about+`"`) {
			t.Fatalf("menu screen: status %d\n%s", rec.Code, rec.Body)
		}

		// Positions order the menu; gaps do not matter; empty and 0 leave it.
		rec = n.do(t, ed, "POST", "/admin/pages/menu", url.Values{
			"position-" + about: {"5"}, "position-" + staff: {"1"}, "position-" + rules: {"0"}, "position-" + contact: {"9"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/pages/menu?done=menu" {
			t.Fatalf("save menu: status %d to %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
		}
		if got, want := menuOf(t, n), []string{"redaksi", "tentang-kami"}; !reflect.DeepEqual(got, want) {
			t.Errorf("menu = %v, want %v (the draft is kept but not shown)", got, want)
		}
		if p := storedPage(t, n, "kontak"); p.MenuOrder != 3 {
			t.Errorf("the draft's place = %d, want 3", p.MenuOrder)
		}
		body := n.do(t, ed, "GET", "/admin/pages/menu?done=menu", nil).Body.String()
		if !strings.Contains(body, "Menu kaki situs tersimpan.") || !strings.Contains(body, `value="up-`+about+`"`) || strings.Contains(body, `value="up-`+rules+`"`) {
			t.Errorf("menu screen after saving: no notice, or the arrows are on the wrong rows")
		}

		// An arrow moves one step, keeping the other positions posted.
		rec = n.do(t, ed, "POST", "/admin/pages/menu", url.Values{
			"position-" + about: {"2"}, "position-" + staff: {"1"}, "position-" + rules: {""}, "position-" + contact: {"3"},
			"move": {"up-" + about}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("move up: status %d", rec.Code)
		}
		if got, want := menuOf(t, n), []string{"tentang-kami", "redaksi"}; !reflect.DeepEqual(got, want) {
			t.Errorf("menu after moving Tentang Kami up = %v, want %v", got, want)
		}

		// A bad number: 422, what was typed kept, nothing changed.
		before := pagesSnapshot(t, n)
		rec = n.do(t, ed, "POST", "/admin/pages/menu", url.Values{
			"position-" + about: {"dua"}, "position-" + staff: {"1"}, "position-" + rules: {"-3"}, "position-" + contact: {""}})
		body = rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `value="dua"`) || !strings.Contains(body, "Isi angka bulat 0 sampai 1000.") ||
			!strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("bad position: status %d\n%s", rec.Code, body)
		}
		if after := pagesSnapshot(t, n); after != before {
			t.Error("a refused menu changed the pages")
		}
		want := []string{"page.menu", "page.menu"}
		if got := pageAudits(t, n); !reflect.DeepEqual(got, want) {
			t.Errorf("audit = %v, want %v", got, want)
		}
	})
}

// TestPageEditConflict: two editors open the same page and both save.
// The second is not saved over the first: it gets both versions, with
// what was typed kept, and saving again from there knowingly wins.
func TestPageEditConflict(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		p := storetest.MustCreatePage(t, n.store, &warta.Page{Slug: "redaksi", Title: "Redaksi", BodyMarkdown: "Pemimpin redaksi: Ratna.\n\nAlamat: Jakarta.",
			Status: warta.PagePublished, MenuOrder: 1})
		id := itoa64(p.ID)
		path := "/admin/pages/" + id
		rev := openPage(t, n, id)
		if rev != "1" {
			t.Errorf("a new page's editor carries revision %s, want 1", rev)
		}
		first := url.Values{"title": {"Redaksi"}, "slug": {"redaksi"}, "body": {"Pemimpin redaksi: Bima.\n\nAlamat: Jakarta."},
			"action": {"save"}, "revision": {rev}}
		second := url.Values{"title": {"Susunan Redaksi"}, "slug": {"redaksi"}, "body": {"Pemimpin redaksi: Sari <dan> Tono.\n\nAlamat: Jakarta."},
			"action": {"save"}, "revision": {rev}}

		if rec := n.do(t, warta.RoleEditor, "POST", path, first); rec.Code != http.StatusSeeOther {
			t.Fatalf("first save: status %d\n%s", rec.Code, rec.Body)
		}
		afterFirst := pagesSnapshot(t, n)

		rec := n.do(t, warta.RoleAdministrator, "POST", path, second)
		if rec.Code != http.StatusConflict {
			t.Fatalf("second save from the same revision: status %d, want 409", rec.Code)
		}
		raw := rec.Body.String()
		body := html.UnescapeString(raw)
		if !strings.Contains(body, "Seseorang menyimpan halaman ini") || !strings.Contains(raw, `role="alert" id="page-conflict"`) {
			t.Error("the conflict is not announced")
		}
		if !strings.Contains(body, "Pemimpin redaksi: Bima.") {
			t.Error("the saved version is not shown")
		}
		if !strings.Contains(body, "Pemimpin redaksi: Sari <dan> Tono.") || !strings.Contains(raw, `value="Susunan Redaksi"`) {
			t.Error("what the editor typed is not kept in the form")
		}
		if !strings.Contains(body, "<del>- Pemimpin redaksi: Bima.</del>") || !strings.Contains(raw, "<ins>+ Pemimpin redaksi: Sari &lt;dan&gt; Tono.</ins>") {
			t.Error("the body diff is not shown (or is not escaped)")
		}
		if !strings.Contains(raw, `<a class="button secondary" href="`+path+`">`) {
			t.Error("there is no link to keep the saved version")
		}
		if after := pagesSnapshot(t, n); after != afterFirst {
			t.Errorf("the refused save changed the page:\nbefore %s\nafter  %s", afterFirst, after)
		}
		m := regexp.MustCompile(`name="revision" value="(\d+)"`).FindStringSubmatch(raw)
		if m == nil || m[1] != "2" {
			t.Fatalf("the conflict form carries revision %v, want the stored 2", m)
		}

		// Saving again from the conflict form is a knowing choice, and wins.
		second.Set("revision", m[1])
		if rec := n.do(t, warta.RoleAdministrator, "POST", path, second); rec.Code != http.StatusSeeOther {
			t.Fatalf("saving from the conflict form: status %d\n%s", rec.Code, rec.Body)
		}
		got := storedPage(t, n, "redaksi")
		if got.Title != "Susunan Redaksi" || got.BodyMarkdown != "Pemimpin redaksi: Sari <dan> Tono.\n\nAlamat: Jakarta." || got.Revision != 3 ||
			got.Status != warta.PagePublished || got.MenuOrder != 1 {
			t.Errorf("after saving over: %+v", got)
		}
		if want, got := []string{"page.update", "page.update"}, pageAudits(t, n); !reflect.DeepEqual(got, want) {
			t.Errorf("audit = %v, want %v (the refused save is not a change)", got, want)
		}

		// A form with no revision (opened before pages had one) is never
		// saved blindly over the page.
		stale := url.Values{"title": {"Redaksi Lama"}, "slug": {"redaksi"}, "body": {"Teks lama."}, "action": {"save"}}
		if rec := n.do(t, warta.RoleEditor, "POST", path, stale); rec.Code != http.StatusConflict {
			t.Errorf("a save without a revision: status %d, want 409", rec.Code)
		}
		if got := storedPage(t, n, "redaksi"); got.BodyMarkdown == "Teks lama." {
			t.Error("a save without a revision went through")
		}
	})
}

// TestPageMenuDoesNotConflict: arranging the footer menu while a page is
// open in the editor neither refuses the editor's save nor is undone by
// it, since the form does not carry the menu order.
func TestPageMenuDoesNotConflict(t *testing.T) {
	eachDatabase(t, func(t *testing.T, n *newsroom) {
		about := storetest.MustCreatePage(t, n.store, &warta.Page{Slug: "tentang-kami", Title: "Tentang Kami", Status: warta.PagePublished, MenuOrder: 1})
		staff := storetest.MustCreatePage(t, n.store, &warta.Page{Slug: "redaksi", Title: "Redaksi", Status: warta.PagePublished, MenuOrder: 2})
		rev := openPage(t, n, itoa64(about.ID))
		rec := n.do(t, warta.RoleEditor, "POST", "/admin/pages/menu", url.Values{
			"position-" + itoa64(staff.ID): {"1"}, "position-" + itoa64(about.ID): {"2"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("menu: status %d", rec.Code)
		}
		form := url.Values{"title": {"Tentang Kami"}, "slug": {"tentang-kami"}, "body": {"Isi baru."}, "action": {"save"}, "revision": {rev}}
		if rec := n.do(t, warta.RoleEditor, "POST", "/admin/pages/"+itoa64(about.ID), form); rec.Code != http.StatusSeeOther {
			t.Fatalf("save after the menu changed: status %d, want 303", rec.Code)
		}
		if got, want := menuOf(t, n), []string{"redaksi", "tentang-kami"}; !reflect.DeepEqual(got, want) {
			t.Errorf("menu after the save = %v, want %v as arranged", got, want)
		}
	})
}
