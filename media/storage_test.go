package media_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"warta/media"
	"warta/media/mediatest"
)

func TestMain(m *testing.M) { mediatest.Main(m) }

// storages returns the storages under test: a folder, and a bucket on a
// real MinIO (skipped without one, see package mediatest).
func storages(t *testing.T) map[string]func(t *testing.T) media.Storage {
	return map[string]func(t *testing.T) media.Storage{
		"dir": func(t *testing.T) media.Storage { return media.Dir(filepath.Join(t.TempDir(), "media")) },
		"s3": func(t *testing.T) media.Storage {
			u, getenv := mediatest.S3(t)
			s, err := media.OpenS3(t.Context(), u, getenv)
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
}

// TestStorage is the contract both storages keep.
func TestStorage(t *testing.T) {
	for name, open := range storages(t) {
		t.Run(name, func(t *testing.T) {
			ctx := t.Context()
			s := open(t)
			if ok, err := s.Exists(ctx, "lib/ab/x.jpg"); ok || err != nil {
				t.Errorf("Exists in an empty storage = %v, %v", ok, err)
			}
			if _, err := s.Open(ctx, "lib/ab/x.jpg"); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Open of a missing file = %v, want fs.ErrNotExist", err)
			}
			body := strings.Repeat("gambar ", 1000)
			put := func(name, body string) {
				t.Helper()
				if err := s.Put(ctx, name, strings.NewReader(body), int64(len(body))); err != nil {
					t.Fatalf("Put(%s): %v", name, err)
				}
			}
			put("lib/ab/x.jpg", body)
			put("lib/ab/x.jpg", "other bytes: names are content hashes, so a second Put keeps the first")
			put("demo/a.png", "png")
			f, err := s.Open(ctx, "lib/ab/x.jpg")
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(f)
			if string(got) != body || f.Size() != int64(len(body)) || f.ModTime().IsZero() {
				t.Errorf("Open read %d bytes (size %d, modified %v), want the first Put's %d", len(got), f.Size(), f.ModTime(), len(body))
			}
			// Seeking serves range requests.
			if _, err := f.Seek(7, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			part := make([]byte, 6)
			if _, err := io.ReadFull(f, part); err != nil || string(part) != "gambar" {
				t.Errorf("read after Seek = %q, %v", part, err)
			}
			f.Close()
			var names []string
			if err := s.Walk(ctx, func(name string, size int64) error { names = append(names, name); return nil }); err != nil {
				t.Fatal(err)
			}
			if strings.Join(names, " ") != "demo/a.png lib/ab/x.jpg" {
				t.Errorf("Walk = %v", names)
			}
			for _, bad := range []string{"../x.jpg", "/etc/passwd", "lib/.upload-1", "", "lib//x"} {
				if err := s.Put(ctx, bad, strings.NewReader("x"), 1); err == nil {
					t.Errorf("Put(%q) accepted", bad)
				}
				if _, err := s.Open(ctx, bad); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("Open(%q) = %v, want not found", bad, err)
				}
			}
		})
	}
}

// TestProcessToStorage stores an upload and its resized copies in each
// storage.
func TestProcessToStorage(t *testing.T) {
	for name, open := range storages(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			m, err := media.ProcessTo(context.Background(), bytes.NewReader(MustJPEG(t, 1000, 500)), "pantai.jpg", media.Limits{}, s)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Variants) == 0 {
				t.Fatal("no resized copies")
			}
			for _, p := range append([]string{m.Path}, m.Variants[0].Path) {
				if ok, err := s.Exists(t.Context(), p); !ok || err != nil {
					t.Errorf("%s not stored: %v", p, err)
				}
			}
			doc, err := media.ProcessTo(context.Background(), bytes.NewReader(mediatest.PDF("Laporan keuangan")), "laporan.pdf", media.Limits{}, s)
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := s.Exists(t.Context(), doc.Path); !ok || err != nil || doc.MIME != media.MIMEPDF {
				t.Errorf("document %s (%s) not stored: %v", doc.Path, doc.MIME, err)
			}
		})
	}
}

// TestOpenS3BadInput: a wrong URL, missing keys, or a bucket that does
// not exist is one clear line.
func TestOpenS3BadInput(t *testing.T) {
	ctx := t.Context()
	noKeys := func(string) string { return "" }
	for raw, want := range map[string]string{
		"http://bucket":                    "s3://BUCKET",
		"s3://key:secret@bucket":           "AWS_ACCESS_KEY_ID",
		"s3://bucket?endpoint=127.0.0.1:1": "AWS_ACCESS_KEY_ID",
	} {
		if _, err := media.OpenS3(ctx, raw, noKeys); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("OpenS3(%q) = %v, want a message naming %s", raw, err, want)
		}
	}
	u, getenv := mediatest.S3(t)
	missing := strings.Replace(u, "s3://warta-test-", "s3://no-such-", 1)
	if _, err := media.OpenS3(ctx, missing, getenv); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("OpenS3 of a missing bucket = %v", err)
	}
	wrongKey := func(k string) string {
		if k == "AWS_SECRET_ACCESS_KEY" {
			return "wrong-secret"
		}
		return getenv(k)
	}
	if _, err := media.OpenS3(ctx, u, wrongKey); err == nil || strings.Contains(err.Error(), "wrong-secret") {
		t.Errorf("OpenS3 with a wrong key = %v; want an error that does not quote the key", err)
	}
}
