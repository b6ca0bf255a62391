package server_test

import (
	"bytes"
	"mime"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"warta"
	"warta/internal/teststore"
	"warta/media"
	"warta/media/mediatest"
	"warta/server"
)

// TestMediaServesPDFSandboxed: a PDF from the library is answered as a
// PDF, never sniffed, in a sandbox, inline under the name it was
// uploaded with (from the store), from a folder and from a bucket alike;
// an image keeps the headers it always had.
func TestMediaServesPDFSandboxed(t *testing.T) {
	ctx := t.Context()
	dir := media.Dir(filepath.Join(t.TempDir(), "media"))
	u, getenv := mediatest.S3(t)
	bucket, err := media.OpenS3(ctx, u, getenv)
	if err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			st := teststore.Open(t, db, nil)
			var named, unnamed, photo *warta.Media
			for _, s := range []media.Storage{dir, bucket} {
				named, err = media.ProcessTo(ctx, bytes.NewReader(mediatest.PDF("Putusan "+db)), "Putusan MK — salinan resmi.pdf", media.Limits{}, s)
				if err != nil {
					t.Fatal(err)
				}
				unnamed, err = media.ProcessTo(ctx, bytes.NewReader(mediatest.PDF("Tanpa catatan "+db)), "x.pdf", media.Limits{}, s)
				if err != nil {
					t.Fatal(err)
				}
				const jpg = "\xff\xd8\xff foto"
				if err := s.Put(ctx, "lib/ab/foto.jpg", strings.NewReader(jpg), int64(len(jpg))); err != nil {
					t.Fatal(err)
				}
			}
			photo = &warta.Media{Path: "lib/ab/foto.jpg"}
			if err := st.CreateMedia(ctx, named); err != nil {
				t.Fatal(err)
			}
			for name, s := range map[string]media.Storage{"dir": dir, "bucket": bucket} {
				t.Run(name, func(t *testing.T) {
					h := server.New(server.Config{Site: http.NotFoundHandler(), Static: http.NotFoundHandler(), Media: s,
						MediaNames: st, DB: &pinger{}})
					get := func(p string) *httptest.ResponseRecorder {
						rec := httptest.NewRecorder()
						h.ServeHTTP(rec, httptest.NewRequest("GET", "/media/"+p, nil))
						return rec
					}

					rec := get(named.Path)
					if rec.Code != 200 || rec.Body.Len() != int(named.Size) {
						t.Fatalf("GET %s = %d, %d bytes", named.Path, rec.Code, rec.Body.Len())
					}
					hd := rec.Header()
					for k, want := range map[string]string{"Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff",
						"Content-Security-Policy": "sandbox", "Cache-Control": "public, max-age=86400", "X-Frame-Options": "DENY"} {
						if got := hd.Get(k); got != want {
							t.Errorf("%s: %q, want %q", k, got, want)
						}
					}
					disp, params, err := mime.ParseMediaType(hd.Get("Content-Disposition"))
					if err != nil || disp != "inline" || params["filename"] != "Putusan MK — salinan resmi.pdf" {
						t.Errorf("Content-Disposition %q: %s %v %v; want inline with the uploaded name", hd.Get("Content-Disposition"), disp, params, err)
					}

					// Not in the library (no record): the stored name.
					rec = get(unnamed.Path)
					_, params, _ = mime.ParseMediaType(rec.Header().Get("Content-Disposition"))
					if rec.Code != 200 || params["filename"] != filepath.Base(unnamed.Path) || rec.Header().Get("Content-Security-Policy") != "sandbox" {
						t.Errorf("unrecorded PDF: %d %v", rec.Code, rec.Header())
					}

					// A range of a PDF (viewers read them so) is sandboxed too.
					req := httptest.NewRequest("GET", "/media/"+named.Path, nil)
					req.Header.Set("Range", "bytes=0-99")
					rr := httptest.NewRecorder()
					h.ServeHTTP(rr, req)
					if rr.Code != 206 || rr.Header().Get("Content-Security-Policy") != "sandbox" || rr.Body.Len() != 100 {
						t.Errorf("range: %d, %d bytes, %v", rr.Code, rr.Body.Len(), rr.Header())
					}

					// An image: as before, no disposition, the site's policy.
					rec = get(photo.Path)
					if rec.Code != 200 || rec.Header().Get("Content-Disposition") != "" ||
						!strings.Contains(rec.Header().Get("Content-Security-Policy"), "default-src 'none'") ||
						rec.Header().Get("Content-Type") != "image/jpeg" {
						t.Errorf("image: %d %v", rec.Code, rec.Header())
					}
				})
			}
		})
	}
}
