package media_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"warta"
	"warta/media"
	"warta/media/mediatest"
)

// TestProcess_PDF stores a real PDF byte for byte under the content-hash
// scheme, as a document: no pixels, no copies.
func TestProcess_PDF(t *testing.T) {
	dir := t.TempDir()
	data := mediatest.PDF("Siaran pers: banjir rob di Pekalongan")
	m := MustProcess(t, data, `C:\Dokumen\Putusan MK (final).pdf`, dir)
	checkStored(t, dir, m, media.MIMEPDF, ".pdf")
	if got := MustRead(t, dir, m.Path); !bytes.Equal(got, data) {
		t.Errorf("stored document differs from the upload (%d bytes, want %d)", len(got), len(data))
	}
	sum := sha256.Sum256(data)
	if m.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("Hash is not the SHA-256 of the uploaded bytes")
	}
	if m.Width != 0 || m.Height != 0 || len(m.Variants) != 0 {
		t.Errorf("document has %d×%d and %d copies, want 0×0 and none", m.Width, m.Height, len(m.Variants))
	}
	if m.OriginalName != "Putusan MK (final).pdf" {
		t.Errorf("OriginalName = %q", m.OriginalName)
	}
	if !media.IsDocument(m.MIME) || m.IsImage() {
		t.Errorf("IsDocument(%q) = %v, IsImage = %v", m.MIME, media.IsDocument(m.MIME), m.IsImage())
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if len(files) != 1 {
		t.Errorf("files in the media folder: %v, want the document alone", files)
	}
}

// TestProcess_PDFByContent: the bytes decide, never the name.
func TestProcess_PDFByContent(t *testing.T) {
	dir := t.TempDir()
	if m := MustProcess(t, mediatest.PDF("laporan"), "laporan.jpg", dir); m.MIME != media.MIMEPDF {
		t.Errorf("a PDF named .jpg: MIME %q, want %q", m.MIME, media.MIMEPDF)
	}
	if m := MustProcess(t, MustJPEG(t, 40, 30), "foto.pdf", dir); m.MIME != media.MIMEJPEG || m.Width != 40 {
		t.Errorf("a JPEG named .pdf: %q %d×%d, want an image", m.MIME, m.Width, m.Height)
	}
}

func TestProcess_PDFRejects(t *testing.T) {
	pdf := mediatest.PDF("Laporan tahunan")
	size := int64(len(pdf))
	for _, tc := range []struct {
		name string
		data []byte
		lim  media.Limits
		key  string
	}{
		{"text named pdf", []byte("Ini hanya teks biasa yang diberi nama .pdf\n"), media.DefaultLimits, media.KeyUnsupported},
		{"html named pdf", []byte("<html><body>%PDF-1.4</body></html>"), media.DefaultLimits, media.KeyUnsupported},
		{"cut short", pdf[:len(pdf)*2/3], media.DefaultLimits, media.KeyPDFIncomplete},
		{"header only", []byte("%PDF-1.4\n"), media.DefaultLimits, media.KeyPDFIncomplete},
		{"over the document limit", pdf, media.Limits{MaxDocumentBytes: size - 1}, media.KeyTooLarge},
		{"where only an image fits", pdf, media.Limits{ImagesOnly: true}, media.KeyNotImage},
		{"text where only an image fits", []byte("teks"), media.Limits{ImagesOnly: true}, media.KeyNotImage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			m, err := media.Process(bytes.NewReader(tc.data), "dokumen.pdf", tc.lim, dir)
			var e *warta.Error
			if !errors.As(err, &e) {
				t.Fatalf("Process = %+v, %v; want *warta.Error", m, err)
			}
			if e.Code != warta.EINVALID || e.Key != tc.key {
				t.Errorf("error = %s/%s, want %s/%s", e.Code, e.Key, warta.EINVALID, tc.key)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a refused document left files in the media folder")
			}
		})
	}
}

// TestProcess_PDFLimits: documents have their own size limit; the image
// limit does not bound them, nor theirs images.
func TestProcess_PDFLimits(t *testing.T) {
	pdf := mediatest.PDF("Putusan pengadilan negeri")
	size := int64(len(pdf))
	if _, err := media.Process(bytes.NewReader(pdf), "a.pdf", media.Limits{MaxBytes: 10, MaxDocumentBytes: size}, t.TempDir()); err != nil {
		t.Errorf("a document of exactly MaxDocumentBytes, over the image limit, was refused: %v", err)
	}
	jpg := MustJPEG(t, 50, 50)
	_, err := media.Process(bytes.NewReader(jpg), "a.jpg", media.Limits{MaxBytes: int64(len(jpg)) - 1, MaxDocumentBytes: 20 << 20}, t.TempDir())
	if warta.ErrorCode(err) != warta.EINVALID {
		t.Errorf("an image over MaxBytes under a larger document limit: %v, want refused", err)
	}
	if got := (media.Limits{MaxBytes: 5 << 20, MaxDocumentBytes: 8 << 20}).ReadLimit(); got != 8<<20 {
		t.Errorf("ReadLimit = %d, want the larger limit", got)
	}
	if got := (media.Limits{MaxBytes: 5 << 20, MaxDocumentBytes: 8 << 20, ImagesOnly: true}).ReadLimit(); got != 5<<20 {
		t.Errorf("ReadLimit for images only = %d, want the image limit", got)
	}
	lim := media.SettingsLimits(map[string]string{"media_max_mb": "3", "media_max_pdf_mb": "7"})
	if lim.MaxBytes != 3<<20 || lim.MaxDocumentBytes != 7<<20 {
		t.Errorf("SettingsLimits = %+v, want 3 and 7 MiB", lim)
	}
	if lim := media.SettingsLimits(map[string]string{"media_max_pdf_mb": "999"}); lim.MaxDocumentBytes != media.DefaultLimits.MaxDocumentBytes {
		t.Errorf("an out-of-range setting gave %d bytes, want the default", lim.MaxDocumentBytes)
	}
}

// TestProcess_SamePDFTwice: the same document again is the same entry,
// and the stored file is not written again.
func TestProcess_SamePDFTwice(t *testing.T) {
	dir := t.TempDir()
	data := mediatest.PDF("Rilis KPU")
	a := MustProcess(t, data, "rilis.pdf", dir)
	name := filepath.Join(dir, a.Path)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(name, old, old); err != nil {
		t.Fatal(err)
	}
	b := MustProcess(t, data, "rilis-kpu-final.pdf", dir)
	if a.Hash != b.Hash || a.Path != b.Path {
		t.Errorf("second upload: %s %s, want %s %s", b.Hash, b.Path, a.Hash, a.Path)
	}
	if b.OriginalName != "rilis-kpu-final.pdf" {
		t.Errorf("OriginalName = %q", b.OriginalName)
	}
	if fi, err := os.Stat(name); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("the stored document was rewritten (%v)", err)
	}
	if c := MustProcess(t, mediatest.PDF("Rilis KPU, ralat"), "rilis.pdf", dir); c.Hash == a.Hash {
		t.Errorf("a different document got the same hash")
	}
}
