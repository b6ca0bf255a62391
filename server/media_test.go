package server_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"warta/media"
	"warta/media/mediatest"
	"warta/server"
	"warta/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	mediatest.Stop()
	storetest.StopPostgres()
	os.Exit(code)
}

// TestMediaFromBucketAnswersLikeFolder serves one file from a folder and
// from a bucket on a real MinIO, and compares the answers to the same
// requests: plain, ranged, conditional, missing.
func TestMediaFromBucketAnswersLikeFolder(t *testing.T) {
	ctx := t.Context()
	body := strings.Repeat("\xff\xd8\xff foto ", 2000)
	dir := media.Dir(filepath.Join(t.TempDir(), "media"))
	u, getenv := mediatest.S3(t)
	bucket, err := media.OpenS3(ctx, u, getenv)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []media.Storage{dir, bucket} {
		if err := s.Put(ctx, "lib/ab/foto.jpg", strings.NewReader(body), int64(len(body))); err != nil {
			t.Fatal(err)
		}
	}
	handler := func(s media.Storage) http.Handler {
		return server.New(server.Config{Site: http.NotFoundHandler(), Static: http.NotFoundHandler(), Media: s, DB: &pinger{}})
	}
	fromDir, fromBucket := handler(dir), handler(bucket)

	later := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	for _, tc := range []struct {
		name, path string
		header     []string
		status     int
	}{
		{"whole", "/media/lib/ab/foto.jpg", nil, 200},
		{"range", "/media/lib/ab/foto.jpg", []string{"Range", "bytes=100-199"}, 206},
		{"not modified", "/media/lib/ab/foto.jpg", []string{"If-Modified-Since", later}, 304},
		{"missing", "/media/lib/ab/nope.jpg", nil, 404},
		{"hidden", "/media/lib/ab/.upload-1", nil, 404},
		{"folder", "/media/lib/ab/", nil, 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			do := func(h http.Handler) *httptest.ResponseRecorder {
				req := httptest.NewRequest("GET", tc.path, nil)
				for i := 0; i < len(tc.header); i += 2 {
					req.Header.Set(tc.header[i], tc.header[i+1])
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec
			}
			a, b := do(fromDir), do(fromBucket)
			if a.Code != tc.status || b.Code != tc.status {
				t.Fatalf("status: folder %d, bucket %d; want %d", a.Code, b.Code, tc.status)
			}
			if a.Body.String() != b.Body.String() {
				t.Errorf("bodies differ: folder %d bytes, bucket %d", a.Body.Len(), b.Body.Len())
			}
			for _, h := range []string{"Content-Type", "Content-Length", "Content-Range", "Cache-Control", "Accept-Ranges", "ETag"} {
				if a.Header().Get(h) != b.Header().Get(h) {
					t.Errorf("%s: folder %q, bucket %q", h, a.Header().Get(h), b.Header().Get(h))
				}
			}
			if tc.status == 200 && (b.Header().Get("Last-Modified") == "" || b.Header().Get("Cache-Control") == "") {
				t.Errorf("bucket answer lacks Last-Modified or Cache-Control: %v", b.Header())
			}
		})
	}
}
