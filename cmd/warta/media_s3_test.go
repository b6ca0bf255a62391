package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"warta/media/mediatest"
)

// TestServeAndBackupWithMediaInBucket serves the demo with its media in
// a bucket on a real MinIO: the images come from the bucket (the data
// folder's copies are removed), a backup holds them, and a restore into
// a plain data folder puts them there.
func TestServeAndBackupWithMediaInBucket(t *testing.T) {
	bucket, getenv := mediatest.S3(t)
	data := t.TempDir()
	s := MustServeEnv(t, getenv, "--data", data, "--media", bucket, "--demo")
	_, home := get(t, s.URL+"/")
	var img string
	for _, n := range find(parseHTML(t, home), byTag("img")) {
		if src := attr(n, "src"); strings.HasPrefix(src, "/media/") {
			img = src
			break
		}
	}
	if img == "" {
		t.Fatal("the demo home page shows no image from /media/")
	}
	if err := os.RemoveAll(filepath.Join(data, "media")); err != nil {
		t.Fatal(err)
	}
	res, body := get(t, s.URL+img)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/") || len(body) < 100 ||
		res.Header.Get("Cache-Control") != "public, max-age=86400" || res.Header.Get("Last-Modified") == "" {
		t.Fatalf("GET %s from the bucket = %d %v (%d bytes)", img, res.StatusCode, res.Header, len(body))
	}
	s.Stop(t)

	file := filepath.Join(t.TempDir(), "situs.tar.gz")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"warta", "backup", "--data", data, "--media", bucket, file}, getenv, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("backup exited %d: %s%s", code, out.String(), errOut.String())
	}
	restored := filepath.Join(t.TempDir(), "pulih")
	if code, out, errOut := cli(t, "restore", "--data", restored, file); code != 0 {
		t.Fatalf("restore exited %d: %s%s", code, out, errOut)
	}
	got, err := os.ReadFile(filepath.Join(restored, "media", filepath.FromSlash(strings.TrimPrefix(img, "/media/"))))
	if err != nil || string(got) != body {
		t.Errorf("restored %s: %d bytes, %v; want the %d bytes served", img, len(got), err, len(body))
	}
}

// TestImportWXRWithMediaInBucket: an attachment imported from a WordPress
// export while --media is a bucket is served from the bucket, not only
// from the data folder where the import made it.
func TestImportWXRWithMediaInBucket(t *testing.T) {
	bucket, getenv := mediatest.S3(t)
	data := t.TempDir()
	uploads := kabarUploads(t)

	fixture := filepath.Join("..", "..", "importer", "wxr", "testdata", "kabar.wxr")
	var out, errOut bytes.Buffer
	args := []string{"warta", "import", "wxr", "--data", data, "--media", bucket, "--uploads", uploads, fixture}
	if code := run(context.Background(), args, getenv, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("import exited %d: %s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "media          2") {
		t.Fatalf("the import made no media entry:\n%s", out.String())
	}
	// Only the bucket may serve it now.
	if err := os.RemoveAll(filepath.Join(data, "media")); err != nil {
		t.Fatal(err)
	}
	s := MustServeEnv(t, getenv, "--data", data, "--media", bucket)
	_, page := get(t, s.URL+"/2019/03/04/harga-ikan-naik/")
	var src string
	for _, n := range find(parseHTML(t, page), byTag("img")) {
		if v := attr(n, "src"); strings.HasPrefix(v, "/media/") {
			src = v
			break
		}
	}
	if src == "" {
		t.Fatal("the imported article shows no image from /media/")
	}
	res, body := get(t, s.URL+src)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/") || len(body) < 100 {
		t.Fatalf("GET %s from the bucket = %d %v (%d bytes)", src, res.StatusCode, res.Header, len(body))
	}
}
