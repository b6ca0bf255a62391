package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/admin"
	"warta/auth"
	"warta/i18n"
	"warta/internal/teststore"
	"warta/markdown"
	"warta/static"
	"warta/storetest"
	"warta/view"
)

// msFixture is a newsroom over a real, fresh database, for the media
// library and settings tests.
type msFixture struct {
	store    warta.Store
	handler  http.Handler
	mediaDir string
	cat      *i18n.Catalog
}

// forEachMSDB runs test once on SQLite and once on PostgreSQL.
func forEachMSDB(t *testing.T, test func(t *testing.T, f *msFixture)) {
	t.Helper()
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) { test(t, newMSFixture(t, db)) })
	}
}

func newMSFixture(t *testing.T, db string) *msFixture {
	t.Helper()
	st := teststore.Open(t, db, nil)
	cat, _ := i18n.Get("en")
	views, err := view.New(cat, static.New(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	f := &msFixture{store: st, mediaDir: t.TempDir(), cat: cat}
	f.handler = admin.New(admin.Config{Store: st, Views: views, Location: time.UTC, BaseURL: "http://warta.test",
		SiteName: "Warta", Secret: []byte("0123456789abcdef0123456789abcdef"), MediaDir: f.mediaDir,
		Render: markdown.Render})
	return f
}

// login creates a member of staff with role and returns their session token.
func (f *msFixture) login(t *testing.T, role warta.Role) string {
	t.Helper()
	hash, err := auth.HashPassword("kata-sandi-yang-panjang-sekali")
	if err != nil {
		t.Fatal(err)
	}
	u := storetest.MustCreateUser(t, f.store, &warta.User{Email: string(role) + "@warta.example.id",
		Name: "Staf " + string(role), Role: role, PasswordHash: hash})
	token, id := auth.NewSessionToken()
	now := time.Now().UTC()
	if err := f.store.CreateSession(context.Background(), &warta.Session{ID: id, UserID: u.ID, CreatedAt: now, LastSeenAt: now}); err != nil {
		t.Fatal(err)
	}
	return token
}

// do sends r with the session token and returns the answer.
func (f *msFixture) do(t *testing.T, r *http.Request, token string) *httptest.ResponseRecorder {
	t.Helper()
	r.AddCookie(&http.Cookie{Name: "warta_session", Value: token})
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, r)
	return rec
}

func (f *msFixture) get(t *testing.T, path, token string) *httptest.ResponseRecorder {
	t.Helper()
	return f.do(t, httptest.NewRequest(http.MethodGet, path, nil), token)
}

func (f *msFixture) post(t *testing.T, path, token string, v url.Values) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return f.do(t, r, token)
}

// upload posts files (name → content) as the media form does.
func (f *msFixture) upload(t *testing.T, token string, files ...file) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, fl := range files {
		w, err := mw.CreateFormFile("files", fl.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(fl.data)
	}
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/admin/media", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return f.do(t, r, token)
}

type file struct {
	name string
	data []byte
}

// library returns every entry of the media library.
func (f *msFixture) library(t *testing.T) []*warta.Media {
	t.Helper()
	list, _, err := f.store.MediaList(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// files returns the paths of every file in the media folder.
func (f *msFixture) files(t *testing.T) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(f.mediaDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func (f *msFixture) setting(t *testing.T, key, value string) {
	t.Helper()
	if err := f.store.SetSetting(context.Background(), key, value); err != nil {
		t.Fatal(err)
	}
}

// mustPNG and mustJPEG make a w×h picture; seed makes pictures differ.
func mustPNG(t *testing.T, w, h int, seed uint8) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, picture(w, h, seed)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mustJPEG(t *testing.T, w, h int, seed uint8) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(w, h, seed), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func picture(w, h int, seed uint8) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x) + seed, uint8(y), seed, 255})
		}
	}
	return img
}

// noisyPNG is a PNG that does not compress: w×h random pixels.
func noisyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.Uint32())
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mustStatus(t *testing.T, what string, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("%s: status %d, want %d\n%s", what, rec.Code, want, rec.Body.String())
	}
}

func mustContain(t *testing.T, what, body, want string) {
	t.Helper()
	if !strings.Contains(body, want) {
		t.Errorf("%s: page lacks %q", what, want)
	}
}

func TestMediaUploadNeedsCapability(t *testing.T) {
	forEachMSDB(t, func(t *testing.T, f *msFixture) {
		contributor := f.login(t, warta.RoleContributor)
		rec := f.upload(t, contributor, file{"foto.png", mustPNG(t, 400, 300, 1)})
		mustStatus(t, "contributor uploads", rec, http.StatusForbidden)
		if got := len(f.library(t)); got != 0 {
			t.Errorf("library after refused upload: %d entries, want 0", got)
		}
		if got := f.files(t); len(got) != 0 {
			t.Errorf("files after refused upload: %v, want none", got)
		}
		// A contributor may still browse, to pick a lead image.
		rec = f.get(t, "/admin/media", contributor)
		mustStatus(t, "contributor browses", rec, http.StatusOK)
		if strings.Contains(rec.Body.String(), `name="files"`) {
			t.Error("contributor is shown the upload form")
		}
		// And may not edit texts.
		author := f.login(t, warta.RoleAuthor)
		mustStatus(t, "author uploads", f.upload(t, author, file{"foto.png", mustPNG(t, 400, 300, 1)}), http.StatusSeeOther)
		m := f.library(t)[0]
		rec = f.post(t, fmt.Sprintf("/admin/media/%d", m.ID), contributor, url.Values{"alt": {"diubah"}})
		mustStatus(t, "contributor edits", rec, http.StatusForbidden)
		if got, _ := f.store.MediaByID(context.Background(), m.ID); got.Alt != "" {
			t.Errorf("alt after refused edit = %q, want empty", got.Alt)
		}
	})
}

func TestMediaUpload(t *testing.T) {
	forEachMSDB(t, func(t *testing.T, f *msFixture) {
		author := f.login(t, warta.RoleAuthor)
		rec := f.upload(t, author, file{"banjir.png", mustPNG(t, 1000, 600, 1)}, file{"rob.jpg", mustJPEG(t, 700, 500, 2)})
		mustStatus(t, "upload", rec, http.StatusSeeOther)
		if got, want := rec.Header().Get("Location"), "/admin/media?done=uploaded"; got != want {
			t.Errorf("Location = %q, want %q", got, want)
		}
		lib := f.library(t)
		if len(lib) != 2 {
			t.Fatalf("library: %d entries, want 2", len(lib))
		}
		names := map[string]*warta.Media{}
		for _, m := range lib {
			names[m.OriginalName] = m
		}
		png, jpg := names["banjir.png"], names["rob.jpg"]
		if png == nil || jpg == nil {
			t.Fatalf("library names: %v", names)
		}
		if png.MIME != "image/png" || png.Width != 1000 || png.Height != 600 || len(png.Variants) == 0 {
			t.Errorf("PNG entry = %+v", png)
		}
		if jpg.MIME != "image/jpeg" || len(jpg.Variants) == 0 {
			t.Errorf("JPEG entry = %+v", jpg)
		}
		for _, m := range lib {
			paths := []string{m.Path}
			for _, v := range m.Variants {
				paths = append(paths, v.Path)
			}
			for _, p := range paths {
				if _, err := fs.Stat(os.DirFS(f.mediaDir), p); err != nil {
					t.Errorf("file %s of %s: %v", p, m.OriginalName, err)
				}
			}
		}

		rec = f.get(t, "/admin/media", author)
		mustStatus(t, "library", rec, http.StatusOK)
		body := rec.Body.String()
		mustContain(t, "library", body, "banjir.png")
		mustContain(t, "library", body, `loading="lazy"`)
		mustContain(t, "library", body, fmt.Sprintf(`src="/media/%s" width="%d" height="%d"`, png.Variants[0].Path, png.Variants[0].Width, png.Variants[0].Height))
		mustContain(t, "library", body, "1000 × 600")

		// The same picture again is the same entry.
		mustStatus(t, "upload again", f.upload(t, author, file{"lagi.png", mustPNG(t, 1000, 600, 1)}), http.StatusSeeOther)
		if got := len(f.library(t)); got != 2 {
			t.Errorf("library after the same picture again: %d entries, want 2", got)
		}
	})
}

func TestMediaUploadRefused(t *testing.T) {
	forEachMSDB(t, func(t *testing.T, f *msFixture) {
		author := f.login(t, warta.RoleAuthor)

		rec := f.upload(t, author, file{"photo.jpg", []byte("this is not a photo, only text\n")},
			file{"baik.png", mustPNG(t, 300, 200, 3)})
		mustStatus(t, "text named photo.jpg", rec, http.StatusUnprocessableEntity)
		body := rec.Body.String()
		mustContain(t, "refused upload", body, "photo.jpg")
		mustContain(t, "refused upload", body, html.EscapeString(f.cat.T("docs.error.unsupported")))
		mustContain(t, "refused upload", body, "baik.png") // listed among those added
		lib := f.library(t)
		if len(lib) != 1 || lib[0].OriginalName != "baik.png" {
			t.Errorf("library after a text file: %v, want only baik.png", lib)
		}

		// One MiB at most: a 1.5 MiB picture is refused by its size.
		// (Documents get 1 MiB too, so that the request's bound below,
		// set by the larger limit, is the one it was written for.)
		f.setting(t, "media_max_mb", "1")
		f.setting(t, "media_max_pdf_mb", "1")
		big := noisyPNG(t, 640, 640)
		if len(big) < 3<<19 {
			t.Fatalf("noisy PNG is only %d bytes", len(big))
		}
		rec = f.upload(t, author, file{"besar.png", big})
		mustStatus(t, "too large", rec, http.StatusUnprocessableEntity)
		mustContain(t, "too large", rec.Body.String(), html.EscapeString(f.cat.T("media.error.too_large")))
		if got := len(f.library(t)); got != 1 {
			t.Errorf("library after a too large picture: %d entries, want 1", got)
		}

		// The whole request is bounded too: four times the limit and a MiB.
		rec = f.upload(t, author, file{"a.png", big}, file{"b.png", big}, file{"c.png", big}, file{"d.png", big})
		mustStatus(t, "too large altogether", rec, http.StatusRequestEntityTooLarge)
		mustContain(t, "too large altogether", rec.Body.String(), html.EscapeString(f.cat.T("admin.media.error.request_too_large", 5, 1)))
		if got := len(f.library(t)); got != 1 {
			t.Errorf("library after a too large request: %d entries, want 1", got)
		}

		// No file at all.
		mustStatus(t, "no files", f.upload(t, author), http.StatusUnprocessableEntity)
	})
}

func TestMediaEdit(t *testing.T) {
	forEachMSDB(t, func(t *testing.T, f *msFixture) {
		author := f.login(t, warta.RoleAuthor)
		mustStatus(t, "upload", f.upload(t, author, file{"banjir.jpg", mustJPEG(t, 800, 600, 4)}), http.StatusSeeOther)
		m := f.library(t)[0]
		path := fmt.Sprintf("/admin/media/%d", m.ID)

		rec := f.get(t, path, author)
		mustStatus(t, "edit page", rec, http.StatusOK)
		body := rec.Body.String()
		mustContain(t, "edit page", body, html.EscapeString(f.cat.T("admin.media.alt_placeholder")))
		for _, v := range m.Variants {
			mustContain(t, "edit page", body, fmt.Sprintf("%d × %d", v.Width, v.Height))
		}
		mustContain(t, "edit page", body, "![](/media/"+m.Path+")")

		rec = f.post(t, path, author, url.Values{"alt": {`Perahu karet membawa warga ke tempat "aman"`},
			"caption": {"Warga dievakuasi dari Desa Sayung, Senin pagi."}, "credit": {"Foto: Rina Pertiwi/Warta"}})
		mustStatus(t, "save texts", rec, http.StatusSeeOther)
		if got, want := rec.Header().Get("Location"), path+"?done=saved"; got != want {
			t.Errorf("Location = %q, want %q", got, want)
		}
		got, err := f.store.MediaByID(context.Background(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Alt != `Perahu karet membawa warga ke tempat "aman"` || got.Caption != "Warga dievakuasi dari Desa Sayung, Senin pagi." ||
			got.Credit != "Foto: Rina Pertiwi/Warta" {
			t.Errorf("saved texts = %q, %q, %q", got.Alt, got.Caption, got.Credit)
		}

		// Writers who cannot upload still see the snippet to copy.
		rec = f.get(t, path, f.login(t, warta.RoleContributor))
		mustStatus(t, "edit page for a contributor", rec, http.StatusOK)
		want := `![Perahu karet membawa warga ke tempat "aman"](/media/` + m.Path + ` "Warga dievakuasi dari Desa Sayung, Senin pagi. | Foto: Rina Pertiwi/Warta")`
		mustContain(t, "snippet", rec.Body.String(), html.EscapeString(want))
		if strings.Contains(rec.Body.String(), `name="alt"`) {
			t.Error("contributor is shown the edit form")
		}
		// The snippet renders as the figure it promises.
		out, err := markdown.Render(want)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "<figcaption>Warga dievakuasi dari Desa Sayung, Senin pagi. <span class=\"credit\">Foto: Rina Pertiwi/Warta</span></figcaption>") {
			t.Errorf("snippet renders as %s", out)
		}

		// Too long a credit is refused, and the typed texts stay.
		rec = f.post(t, path, author, url.Values{"alt": {"Alt baru"}, "credit": {strings.Repeat("x", 201)}})
		mustStatus(t, "too long a credit", rec, http.StatusUnprocessableEntity)
		mustContain(t, "too long a credit", rec.Body.String(), "Alt baru")
		if got, _ := f.store.MediaByID(context.Background(), m.ID); got.Alt != `Perahu karet membawa warga ke tempat "aman"` {
			t.Errorf("alt after refused save = %q", got.Alt)
		}

		mustStatus(t, "no such image", f.get(t, "/admin/media/999999", author), http.StatusNotFound)
	})
}
