package main

import (
	"context"
	"image"
	"image/jpeg"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"warta/media/mediatest"
)

// TestImportWXR runs "warta import wxr" beside a running server, as an
// operator would: the report, the exit status, the imported site served
// at once (the page cache notices through the change log), the old
// addresses redirected, and a broken file refused with its line.
func TestImportWXR(t *testing.T) {
	dir := t.TempDir()
	s := MustServe(t, "--data", dir)
	if res, _ := get(t, s.URL+"/"); res.StatusCode != 200 {
		t.Fatalf("GET / = %d", res.StatusCode)
	}

	uploads := kabarUploads(t)

	fixture := filepath.Join("..", "..", "importer", "wxr", "testdata", "kabar.wxr")
	var stdout, stderr syncBuffer
	args := []string{"warta", "import", "wxr", "--data", dir, "--uploads", uploads, fixture}
	if code := run(context.Background(), args, noEnv, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("import exited %d\nstdout: %s\nstderr: %s", code, &stdout, &stderr)
	}
	for _, want := range []string{"Imported from https://kabar.example.id", "articles       10", "comments       6", "media          2",
		"Skipped", "post 15", "Unknown shortcodes", "[jajak_pendapat]", "Media not imported", "hilang.png"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, &stdout)
		}
	}
	if !strings.Contains(stderr.String(), "imported 15 of 15 posts and pages") {
		t.Errorf("no plain progress line on a non-terminal: %q", &stderr)
	}

	// The running server shows the import without a restart.
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := get(t, s.URL+"/")
		if strings.Contains(body, "Harga ikan naik menjelang musim angin barat") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the home page never showed the imported article")
		}
		time.Sleep(50 * time.Millisecond)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for from, to := range map[string]string{
		"/?p=10":                    "/2019/03/04/harga-ikan-naik/",
		"/ekonomi/harga-ikan-naik/": "/2019/03/04/harga-ikan-naik/",
		"/category/ekonomi/":        "/section/ekonomi/",
		"/tag/Nelayan_Kecil/":       "/tag/nelayan-kecil/",
		"/?page_id=40":              "/tentang-kami/",
	} {
		res, err := client.Get(s.URL + from)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != to {
			t.Errorf("GET %s = %d to %q, want 301 to %s", from, res.StatusCode, res.Header.Get("Location"), to)
		}
	}
	// The PDF report: its old address leads to the library, which serves
	// it as a sandboxed PDF under its name.
	res, err := client.Get(s.URL + "/wp-content/uploads/2019/03/laporan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	doc := res.Header.Get("Location")
	if res.StatusCode != http.StatusMovedPermanently || !strings.HasPrefix(doc, "/media/lib/") || !strings.HasSuffix(doc, ".pdf") {
		t.Fatalf("GET the old PDF address = %d to %q, want 301 to /media/lib/….pdf", res.StatusCode, doc)
	}
	if res, body := get(t, s.URL+doc); res.StatusCode != 200 || body != string(kabarPDF) ||
		res.Header.Get("Content-Type") != "application/pdf" || res.Header.Get("Content-Security-Policy") != "sandbox" ||
		res.Header.Get("Content-Disposition") != `inline; filename=laporan.pdf` {
		t.Errorf("GET %s = %d, %d bytes, %v", doc, res.StatusCode, len(body), res.Header)
	}
	if _, body := get(t, s.URL+"/2019/03/04/harga-ikan-naik/"); !strings.Contains(body, `href="`+doc+`"`) {
		t.Errorf("the imported article does not link the PDF at %s", doc)
	}
	if res, body := get(t, s.URL+"/2019/03/04/harga-ikan-naik/"); res.StatusCode != 200 || strings.Contains(body, "harun@contoh.example") {
		t.Errorf("article page: %d, email shown: %v", res.StatusCode, strings.Contains(body, "harun@contoh.example"))
	}

	// Again: nothing new.
	stdout, stderr = syncBuffer{}, syncBuffer{}
	if code := run(context.Background(), args, noEnv, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("second import exited %d: %s", code, &stderr)
	}

	// A broken file: exit 1, the line, nothing imported.
	src, _ := os.ReadFile(fixture)
	broken := filepath.Join(t.TempDir(), "broken.xml")
	os.WriteFile(broken, src[:len(src)/2], 0o644)
	stdout, stderr = syncBuffer{}, syncBuffer{}
	code := run(context.Background(), []string{"warta", "import", "wxr", "--data", dir, broken}, noEnv, strings.NewReader(""), &stdout, &stderr)
	if code != 1 || !regexpMatch(`line \d+: .*cut short`, stderr.String()) || !strings.Contains(stderr.String(), "nothing was imported") {
		t.Errorf("broken file: exit %d, stderr %q", code, &stderr)
	}
	// Wrong use: exit 2 with the usage.
	for _, args := range [][]string{{"warta", "import"}, {"warta", "import", "markdown-x"}, {"warta", "import", "wxr", "--data", dir}} {
		stderr = syncBuffer{}
		if code := run(context.Background(), args, noEnv, strings.NewReader(""), &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "Usage") {
			t.Errorf("%v: exit %d, stderr %q", args, code, &stderr)
		}
	}
}

// kabarPDF is the kabar.wxr fixture's PDF report (2019/03/laporan.pdf).
var kabarPDF = mediatest.PDF("Laporan dinas perikanan 2019")

// kabarUploads makes the copy of wp-content/uploads that the kabar.wxr
// fixture's present attachments (2019/03/pasar.jpg, 2019/03/laporan.pdf)
// are read from.
func kabarUploads(t *testing.T) string {
	t.Helper()
	uploads := t.TempDir()
	img := filepath.Join(uploads, "2019", "03", "pasar.jpg")
	if err := os.MkdirAll(filepath.Dir(img), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(img)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, image.NewGray(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(uploads, "2019", "03", "laporan.pdf"), kabarPDF, 0o644); err != nil {
		t.Fatal(err)
	}
	return uploads
}
