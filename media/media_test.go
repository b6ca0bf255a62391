package media_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "golang.org/x/image/webp"

	"warta"
	"warta/media"
)

// gradient returns a w×h opaque test picture with some detail in it.
func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x ^ y) & 0xff), 0xff})
		}
	}
	return img
}

// MustJPEG returns a w×h JPEG.
func MustJPEG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, gradient(w, h), &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// MustPNG returns a w×h PNG.
func MustPNG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, gradient(w, h)); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// MustGIF returns a two-frame w×h GIF that loops.
func MustGIF(tb testing.TB, w, h int) []byte {
	tb.Helper()
	pal := color.Palette{color.Black, color.White, color.NRGBA{0xff, 0, 0, 0xff}}
	a := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	b := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	for i := range a.Pix {
		a.Pix[i] = uint8(i % 3)
		b.Pix[i] = uint8((i + 1) % 3)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{a, b}, Delay: []int{10, 10}}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// bitWriter packs bits least significant first, as VP8L reads them.
type bitWriter struct {
	buf []byte
	acc uint64
	n   uint
}

func (bw *bitWriter) write(v uint64, bits uint) {
	bw.acc |= v << bw.n
	bw.n += bits
	for bw.n >= 8 {
		bw.buf = append(bw.buf, byte(bw.acc))
		bw.acc >>= 8
		bw.n -= 8
	}
}

// vp8l returns a lossless WebP bitstream of a w×h image filled with c:
// no transforms, no colour cache, and five "simple" prefix codes of one
// symbol each, so every pixel takes zero bits.
func vp8l(w, h int, c color.NRGBA) []byte {
	bw := &bitWriter{buf: []byte{0x2f}}
	bw.write(uint64(w-1), 14)
	bw.write(uint64(h-1), 14)
	alpha := uint64(0)
	if c.A != 0xff {
		alpha = 1
	}
	bw.write(alpha, 1)
	bw.write(0, 3) // version
	bw.write(0, 1) // no transform
	bw.write(0, 1) // no colour cache
	bw.write(0, 1) // no meta prefix codes
	for _, sym := range []uint8{c.G, c.R, c.B, c.A} {
		bw.write(1, 1) // simple code
		bw.write(0, 1) // one symbol
		bw.write(1, 1) // of 8 bits
		bw.write(uint64(sym), 8)
	}
	bw.write(1, 1) // distance: simple code
	bw.write(0, 1) // one symbol
	bw.write(0, 1) // of 1 bit
	bw.write(0, 1) // symbol 0
	if bw.n > 0 {
		bw.buf = append(bw.buf, byte(bw.acc))
	}
	return bw.buf
}

// riffChunk returns one RIFF chunk, padded to an even size.
func riffChunk(id string, data []byte) []byte {
	b := append([]byte(id), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// webpFile wraps chunks in a RIFF WEBP container.
func webpFile(chunks ...[]byte) []byte {
	body := []byte("WEBP")
	for _, c := range chunks {
		body = append(body, c...)
	}
	b := append([]byte("RIFF"), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(body)))
	return append(b, body...)
}

// vp8x returns a VP8X chunk for a w×h canvas with the given flags.
func vp8x(w, h int, flags byte) []byte {
	d := make([]byte, 10)
	d[0] = flags
	d[4], d[5], d[6] = byte(w-1), byte((w-1)>>8), byte((w-1)>>16)
	d[7], d[8], d[9] = byte(h-1), byte((h-1)>>8), byte((h-1)>>16)
	return riffChunk("VP8X", d)
}

// MustWebP returns a simple lossless w×h WebP filled with c.
func MustWebP(tb testing.TB, w, h int, c color.NRGBA) []byte {
	tb.Helper()
	b := webpFile(riffChunk("VP8L", vp8l(w, h, c)))
	if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
		tb.Fatalf("hand-made WebP does not decode: %v", err)
	}
	return b
}

// exifGPS is an EXIF payload with a tell-tale "GPS" in it.
var exifGPS = []byte("II*\x00\x08\x00\x00\x00GPSLatitude=-6.2088;GPSLongitude=106.8456")

// withJPEGSegments inserts segments (marker, payload) after the SOI.
func withJPEGSegments(jpg []byte, segs ...any) []byte {
	out := []byte{0xff, 0xd8}
	for i := 0; i < len(segs); i += 2 {
		marker, payload := segs[i].(byte), segs[i+1].([]byte)
		out = append(out, 0xff, marker, 0, 0)
		binary.BigEndian.PutUint16(out[len(out)-2:], uint16(len(payload)+2))
		out = append(out, payload...)
	}
	return append(out, jpg[2:]...)
}

// pngChunk returns one PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}

// withPNGChunks inserts chunks right after IHDR.
func withPNGChunks(p []byte, chunks ...[]byte) []byte {
	const afterIHDR = 8 + 12 + 13
	out := append([]byte(nil), p[:afterIHDR]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, p[afterIHDR:]...)
}

// MustProcess runs Process with the default limits and fails on error.
func MustProcess(tb testing.TB, data []byte, name, dir string) *warta.Media {
	tb.Helper()
	m, err := media.Process(bytes.NewReader(data), name, media.DefaultLimits, dir)
	if err != nil {
		tb.Fatalf("Process(%q): %v", name, err)
	}
	return m
}

// MustRead returns a stored file's bytes.
func MustRead(tb testing.TB, dir, rel string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// MustDecode decodes a stored file and checks its format.
func MustDecode(tb testing.TB, dir, rel, wantFormat string) image.Image {
	tb.Helper()
	img, format, err := image.Decode(bytes.NewReader(MustRead(tb, dir, rel)))
	if err != nil {
		tb.Fatalf("decode %s: %v", rel, err)
	}
	if format != wantFormat {
		tb.Fatalf("%s: format %q, want %q", rel, format, wantFormat)
	}
	return img
}

func checkStored(t *testing.T, dir string, m *warta.Media, wantMIME, wantExt string) {
	t.Helper()
	if m.MIME != wantMIME {
		t.Errorf("MIME = %q, want %q", m.MIME, wantMIME)
	}
	stored := MustRead(t, dir, m.Path)
	sum := sha256.Sum256(stored)
	if got := hex.EncodeToString(sum[:]); got != m.Hash {
		t.Errorf("Hash = %s, want the SHA-256 of the stored file %s", m.Hash, got)
	}
	if want := "lib/" + m.Hash[:2] + "/" + m.Hash + wantExt; m.Path != want {
		t.Errorf("Path = %q, want %q", m.Path, want)
	}
	if got := int64(len(stored)); got != m.Size {
		t.Errorf("Size = %d, want %d", m.Size, got)
	}
	fi, err := os.Stat(filepath.Join(dir, m.Path))
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o644 {
		t.Errorf("mode = %v, want 0644", got)
	}
}

func TestProcess_Types(t *testing.T) {
	for _, tc := range []struct {
		name, file   string
		data         []byte
		mime, ext    string
		format       string
		w, h         int
		variantCount int
	}{
		{"jpeg", "foto.jpg", MustJPEG(t, 700, 400), media.MIMEJPEG, ".jpg", "jpeg", 700, 400, 2},
		{"png", "grafik.png", MustPNG(t, 500, 300), media.MIMEPNG, ".png", "png", 500, 300, 1},
		{"gif", "anim.gif", MustGIF(t, 400, 100), media.MIMEGIF, ".gif", "gif", 400, 100, 1},
		{"webp", "foto.webp", MustWebP(t, 700, 350, color.NRGBA{10, 200, 30, 0xff}), media.MIMEWebP, ".webp", "webp", 700, 350, 2},
		{"png named jpg", "foto.jpg", MustPNG(t, 100, 50), media.MIMEPNG, ".png", "png", 100, 50, 0},
		{"png named gif", "x.gif", MustPNG(t, 100, 50), media.MIMEPNG, ".png", "png", 100, 50, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			m := MustProcess(t, tc.data, tc.file, dir)
			checkStored(t, dir, m, tc.mime, tc.ext)
			if m.Width != tc.w || m.Height != tc.h {
				t.Errorf("size = %d×%d, want %d×%d", m.Width, m.Height, tc.w, tc.h)
			}
			img := MustDecode(t, dir, m.Path, tc.format)
			if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
				t.Errorf("stored original decodes as %v", got)
			}
			if got := len(m.Variants); got != tc.variantCount {
				t.Errorf("%d variants, want %d", got, tc.variantCount)
			}
		})
	}
}

func TestProcess_VariantFormats(t *testing.T) {
	for _, tc := range []struct {
		name   string
		data   []byte
		format string
	}{
		{"jpeg", MustJPEG(t, 400, 200), "jpeg"},
		{"png", MustPNG(t, 400, 200), "png"},
		{"gif first frame", MustGIF(t, 400, 200), "png"},
		{"opaque webp", MustWebP(t, 400, 200, color.NRGBA{1, 2, 3, 0xff}), "jpeg"},
		{"transparent webp", MustWebP(t, 400, 200, color.NRGBA{1, 2, 3, 0x80}), "png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			m := MustProcess(t, tc.data, "x", dir)
			if len(m.Variants) != 1 {
				t.Fatalf("variants = %+v, want one", m.Variants)
			}
			v := m.Variants[0]
			img := MustDecode(t, dir, v.Path, tc.format)
			if got, want := img.Bounds().Size(), image.Pt(320, 160); got != want {
				t.Errorf("variant size = %v, want %v", got, want)
			}
			if tc.name == "transparent webp" {
				if _, _, _, a := img.At(10, 10).RGBA(); a == 0xffff {
					t.Errorf("variant lost its transparency")
				}
			}
		})
	}
}

func TestProcess_StripsJPEGExif(t *testing.T) {
	plain := MustJPEG(t, 64, 48)
	data := withJPEGSegments(plain,
		byte(0xe1), append([]byte("Exif\x00\x00"), exifGPS...),
		byte(0xe1), []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>GPS</x:xmpmeta>"),
		byte(0xed), []byte("Photoshop 3.0\x00GPS"),
		byte(0xfe), []byte("shot at GPS -6.2,106.8"),
	)
	dir := t.TempDir()
	m := MustProcess(t, data, "foto.jpg", dir)
	checkStored(t, dir, m, media.MIMEJPEG, ".jpg")
	stored := MustRead(t, dir, m.Path)
	for _, bad := range []string{"Exif", "GPS", "xmpmeta", "Photoshop", "\xff\xe1", "\xff\xed", "\xff\xfe"} {
		if bytes.Contains(stored, []byte(bad)) {
			t.Errorf("stored original still contains %q", bad)
		}
	}
	// Only the metadata went: the result is the file before it was added.
	if !bytes.Equal(stored, plain) {
		t.Errorf("stored original (%d bytes) differs from the JPEG without metadata (%d bytes)", len(stored), len(plain))
	}
	if got := MustDecode(t, dir, m.Path, "jpeg").Bounds().Size(); got != image.Pt(64, 48) {
		t.Errorf("decoded size = %v, want 64×48", got)
	}
}

// exifOrientation returns an EXIF payload whose IFD0 holds Orientation o
// and a GPS string after it.
func exifOrientation(o uint16, bo binary.AppendByteOrder) []byte {
	b := []byte("Exif\x00\x00")
	if bo == binary.LittleEndian {
		b = append(b, "II"...)
	} else {
		b = append(b, "MM"...)
	}
	b = bo.AppendUint16(b, 42)
	b = bo.AppendUint32(b, 8)
	b = bo.AppendUint16(b, 1) // one entry
	b = bo.AppendUint16(b, 0x0112)
	b = bo.AppendUint16(b, 3) // SHORT
	b = bo.AppendUint32(b, 1)
	b = bo.AppendUint16(b, o)
	b = append(b, 0, 0)
	b = bo.AppendUint32(b, 0) // no next IFD
	return append(b, "GPSLatitude=-6.2088"...)
}

func TestProcess_TurnsOrientedJPEG(t *testing.T) {
	// A 60×40 picture, red in its top-left corner, blue elsewhere.
	src := image.NewNRGBA(image.Rect(0, 0, 60, 40))
	for y := range 40 {
		for x := range 60 {
			c := color.NRGBA{0, 0, 0xff, 0xff}
			if x < 16 && y < 16 {
				c = color.NRGBA{0xff, 0, 0, 0xff}
			}
			src.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		o    uint16
		bo   binary.AppendByteOrder
		w, h int
		redX int // where the red corner ends up, with redY
		redY int
	}{
		{1, binary.LittleEndian, 60, 40, 5, 5},
		{3, binary.BigEndian, 60, 40, 54, 34},
		{6, binary.LittleEndian, 40, 60, 34, 5},
		{8, binary.BigEndian, 40, 60, 5, 54},
	} {
		t.Run(strconv.Itoa(int(tc.o)), func(t *testing.T) {
			dir := t.TempDir()
			data := withJPEGSegments(buf.Bytes(), byte(0xe1), exifOrientation(tc.o, tc.bo))
			m := MustProcess(t, data, "hp.jpg", dir)
			checkStored(t, dir, m, media.MIMEJPEG, ".jpg")
			if m.Width != tc.w || m.Height != tc.h {
				t.Errorf("size = %d×%d, want %d×%d", m.Width, m.Height, tc.w, tc.h)
			}
			stored := MustRead(t, dir, m.Path)
			if bytes.Contains(stored, []byte("Exif")) || bytes.Contains(stored, []byte("GPS")) {
				t.Errorf("stored original still holds EXIF")
			}
			img := MustDecode(t, dir, m.Path, "jpeg")
			if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
				t.Errorf("decodes as %v", got)
			}
			if r, _, b, _ := img.At(tc.redX, tc.redY).RGBA(); r < 0xc000 || b > 0x4000 {
				t.Errorf("pixel (%d,%d) is not red: the photo was not turned right", tc.redX, tc.redY)
			}
		})
	}
}

func TestProcess_StripsPNGText(t *testing.T) {
	plain := MustPNG(t, 40, 30)
	data := withPNGChunks(plain,
		pngChunk("tEXt", []byte("Comment\x00GPS here")),
		pngChunk("eXIf", exifGPS),
		pngChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00GPS")),
		pngChunk("tIME", []byte{0x07, 0xe8, 6, 19, 14, 5, 0}),
		pngChunk("gAMA", []byte{0, 0, 0xb1, 0x8f}),
	)
	dir := t.TempDir()
	m := MustProcess(t, data, "grafik.png", dir)
	stored := MustRead(t, dir, m.Path)
	for _, bad := range []string{"tEXt", "eXIf", "iTXt", "tIME", "GPS"} {
		if bytes.Contains(stored, []byte(bad)) {
			t.Errorf("stored original still contains %q", bad)
		}
	}
	if !bytes.Contains(stored, []byte("gAMA")) {
		t.Errorf("gAMA chunk was dropped; only metadata should go")
	}
	want := withPNGChunks(plain, pngChunk("gAMA", []byte{0, 0, 0xb1, 0x8f}))
	if !bytes.Equal(stored, want) {
		t.Errorf("stored original differs from the input without its metadata chunks")
	}
	MustDecode(t, dir, m.Path, "png")
}

func TestProcess_StripsGIF(t *testing.T) {
	plain := MustGIF(t, 20, 10)
	// Insert a comment and an XMP application extension after the logical
	// screen descriptor and global colour table, if any.
	at := 13
	if plain[10]&0x80 != 0 {
		at += 3 << (plain[10]&7 + 1)
	}
	xmp := append([]byte{0x21, 0xff, 11}, "XMP DataXMP"...)
	xmp = append(xmp, 3, 'G', 'P', 'S', 0)
	comment := []byte{0x21, 0xfe, 3, 'G', 'P', 'S', 0}
	data := append(append(append(append([]byte(nil), plain[:at]...), comment...), xmp...), plain[at:]...)
	data = append(data, "trailing GPS"...)
	dir := t.TempDir()
	m := MustProcess(t, data, "a.gif", dir)
	stored := MustRead(t, dir, m.Path)
	if bytes.Contains(stored, []byte("GPS")) || bytes.Contains(stored, []byte("XMP")) {
		t.Errorf("stored GIF still holds metadata")
	}
	if !bytes.Contains(stored, []byte("NETSCAPE2.0")) {
		t.Errorf("looping extension was dropped")
	}
	g, err := gif.DecodeAll(bytes.NewReader(stored))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(g.Image); got != 2 {
		t.Errorf("%d frames, want 2", got)
	}
}

func TestProcess_StripsWebP(t *testing.T) {
	const w, h = 30, 20
	const alphaFlag, exifFlag, xmpFlag = 0x10, 0x08, 0x04
	data := webpFile(
		vp8x(w, h, alphaFlag|exifFlag|xmpFlag),
		riffChunk("VP8L", vp8l(w, h, color.NRGBA{200, 100, 50, 0x40})),
		riffChunk("EXIF", exifGPS),
		riffChunk("XMP ", []byte("<x:xmpmeta>GPS</x:xmpmeta>")),
	)
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		t.Fatalf("hand-made VP8X WebP does not decode: %v", err)
	}
	dir := t.TempDir()
	m := MustProcess(t, data, "a.webp", dir)
	checkStored(t, dir, m, media.MIMEWebP, ".webp")
	stored := MustRead(t, dir, m.Path)
	for _, bad := range []string{"EXIF", "XMP ", "GPS"} {
		if bytes.Contains(stored, []byte(bad)) {
			t.Errorf("stored original still contains %q", bad)
		}
	}
	if got, want := binary.LittleEndian.Uint32(stored[4:]), uint32(len(stored)-8); got != want {
		t.Errorf("RIFF size = %d, want %d", got, want)
	}
	if got, want := stored[20], byte(alphaFlag); got != want {
		t.Errorf("VP8X flags = %#x, want %#x", got, want)
	}
	img := MustDecode(t, dir, m.Path, "webp")
	if got := img.Bounds().Size(); got != image.Pt(w, h) {
		t.Errorf("decoded size = %v", got)
	}
}

// pngHeaderOnly returns a PNG whose IHDR claims w×h, with a tiny body.
func pngHeaderOnly(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	b := []byte("\x89PNG\r\n\x1a\n")
	b = append(b, pngChunk("IHDR", ihdr)...)
	b = append(b, pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(b, pngChunk("IEND", nil)...)
}

func TestProcess_Rejects(t *testing.T) {
	jpg, pngb := MustJPEG(t, 100, 100), MustPNG(t, 100, 100)
	for _, tc := range []struct {
		name string
		data []byte
		file string
		lim  media.Limits
		key  string
	}{
		{"text named jpg", []byte("Ini bukan foto, hanya teks biasa.\n"), "photo.jpg", media.DefaultLimits, media.KeyUnsupported},
		{"empty", nil, "photo.jpg", media.DefaultLimits, media.KeyUnsupported},
		{"html named png", []byte("<html><script>alert(1)</script>"), "x.png", media.DefaultLimits, media.KeyUnsupported},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "x.svg", media.DefaultLimits, media.KeyUnsupported},
		{"truncated jpeg", jpg[:len(jpg)/2], "a.jpg", media.DefaultLimits, media.KeyCorrupt},
		{"truncated png", pngb[:len(pngb)/2], "a.png", media.DefaultLimits, media.KeyCorrupt},
		{"jpeg header only", jpg[:3], "a.jpg", media.DefaultLimits, media.KeyCorrupt},
		{"too large", jpg, "a.jpg", media.Limits{MaxBytes: int64(len(jpg)) - 1, MaxPixels: 1 << 20}, media.KeyTooLarge},
		{"too many pixels", jpg, "a.jpg", media.Limits{MaxBytes: 1 << 20, MaxPixels: 9999}, media.KeyTooManyPixels},
		{"100000 square bomb", pngHeaderOnly(100000, 100000), "a.png", media.DefaultLimits, media.KeyTooManyPixels},
		{"20000 square bomb", pngHeaderOnly(20000, 20000), "a.png", media.DefaultLimits, media.KeyTooManyPixels},
		{"too wide", pngHeaderOnly(40000, 1), "a.png", media.DefaultLimits, media.KeyTooManyPixels},
		{"webp canvas bomb", webpFile(riffChunk("VP8X", make([]byte, 10)), riffChunk("VP8L", vp8l(16000, 16000, color.NRGBA{A: 0xff}))), "a.webp", media.DefaultLimits, media.KeyCorrupt},
		{"webp canvas too large", webpFile(vp8x(30001, 1, 0), riffChunk("VP8L", vp8l(2, 2, color.NRGBA{A: 0xff}))), "a.webp", media.DefaultLimits, media.KeyTooManyPixels},
		{"zero limits are the defaults", pngHeaderOnly(20000, 20000), "a.png", media.Limits{}, media.KeyTooManyPixels},
		{"tiny png over a small limit", pngb, "a.png", media.Limits{MaxBytes: 10}, media.KeyTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			m, err := media.Process(bytes.NewReader(tc.data), tc.file, tc.lim, dir)
			var e *warta.Error
			if !errors.As(err, &e) {
				t.Fatalf("Process = %+v, %v; want *warta.Error", m, err)
			}
			if e.Code != warta.EINVALID || e.Key != tc.key {
				t.Errorf("error = %s/%s, want %s/%s", e.Code, e.Key, warta.EINVALID, tc.key)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a refused upload left files in the media folder")
			}
		})
	}
}

func TestProcess_AtTheSizeLimit(t *testing.T) {
	data := MustPNG(t, 30, 20)
	lim := media.Limits{MaxBytes: int64(len(data)), MaxPixels: 600}
	if _, err := media.Process(bytes.NewReader(data), "pas.png", lim, t.TempDir()); err != nil {
		t.Errorf("a file of exactly MaxBytes and MaxPixels was refused: %v", err)
	}
}

func TestProcess_BombAllocatesNothing(t *testing.T) {
	data := pngHeaderOnly(20000, 20000) // 400 megapixels: 1.6 GB as RGBA
	dir := t.TempDir()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := media.Process(bytes.NewReader(data), "bomb.png", media.DefaultLimits, dir)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if got := warta.ErrorCode(err); got != warta.EINVALID {
		t.Fatalf("error = %v, want EINVALID", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("refusing a bomb allocated %d bytes; it must not decode", got)
	}
	t.Logf("refused in %v", elapsed)
}

func TestProcess_HostileNames(t *testing.T) {
	long := strings.Repeat("é", 5000)
	for _, tc := range []struct {
		name, want string
	}{
		{"../../etc/passwd", "passwd"},
		{"a\x00b.jpg", "ab.jpg"},
		{long, strings.Repeat("é", 200)},
		{`C:\x\y.png`, "y.png"},
		{"", "image"},
		{"../..", "image"},
		{"dir/", "image"},
		{"  \t\n", "image"},
		{"bad\xff\xfeutf8.png", "bad\uFFFDutf8.png"},
		{"foto\u202egpj.exe", "fotogpj.exe"},
		{"Banjir Demak, 19 Juni.jpg", "Banjir Demak, 19 Juni.jpg"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := media.CleanName(tc.name); got != tc.want {
				t.Errorf("CleanName(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}

	dir := t.TempDir()
	for _, name := range []string{"../../etc/passwd", "a\x00b.jpg", strings.Repeat("x", 5000), `C:\x\y.png`, "/abs/path.png"} {
		m := MustProcess(t, MustPNG(t, 10, 10), name, dir)
		full := filepath.Join(dir, filepath.FromSlash(m.Path))
		rel, err := filepath.Rel(filepath.Join(dir, "lib"), full)
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("%q stored outside dir/lib: %s", name, full)
		}
		if !strings.HasPrefix(m.Path, "lib/"+m.Hash[:2]+"/"+m.Hash) {
			t.Errorf("%q: Path %q is not named by hash", name, m.Path)
		}
		if n := len([]rune(m.OriginalName)); n > media.MaxNameLength || strings.ContainsAny(m.OriginalName, "/\\\x00") {
			t.Errorf("%q: OriginalName %q not cleaned", name, m.OriginalName)
		}
	}
}

func TestProcess_Variants(t *testing.T) {
	dir := t.TempDir()
	m := MustProcess(t, MustJPEG(t, 1000, 750), "lebar.jpg", dir)
	want := []warta.ImageVariant{
		{Path: "lib/" + m.Hash[:2] + "/" + m.Hash + "-320.jpg", Width: 320, Height: 240},
		{Path: "lib/" + m.Hash[:2] + "/" + m.Hash + "-640.jpg", Width: 640, Height: 480},
		{Path: "lib/" + m.Hash[:2] + "/" + m.Hash + "-960.jpg", Width: 960, Height: 720},
	}
	if len(m.Variants) != len(want) {
		t.Fatalf("Variants = %+v, want %+v", m.Variants, want)
	}
	for i, v := range m.Variants {
		if v != want[i] {
			t.Errorf("Variants[%d] = %+v, want %+v", i, v, want[i])
		}
		if got := MustDecode(t, dir, v.Path, "jpeg").Bounds().Size(); got != image.Pt(v.Width, v.Height) {
			t.Errorf("%s decodes as %v", v.Path, got)
		}
	}

	// An odd ratio: heights are rounded, never zero.
	m = MustProcess(t, MustPNG(t, 1001, 3), "strip.png", dir)
	for _, v := range m.Variants {
		if wantH := max((3*v.Width*2+1001)/(2*1001), 1); v.Height != wantH {
			t.Errorf("%d-wide copy of 1001×3: height %d, want %d", v.Width, v.Height, wantH)
		}
		if got := MustDecode(t, dir, v.Path, "png").Bounds().Size(); got != image.Pt(v.Width, v.Height) {
			t.Errorf("%s decodes as %v", v.Path, got)
		}
	}

	small := MustProcess(t, MustJPEG(t, 200, 100), "kecil.jpg", dir)
	if len(small.Variants) != 0 {
		t.Errorf("200-px image has variants %+v", small.Variants)
	}
	exact := MustProcess(t, MustJPEG(t, 320, 100), "pas.jpg", dir)
	if len(exact.Variants) != 0 {
		t.Errorf("320-px image has variants %+v; none is narrower", exact.Variants)
	}
}

func TestProcess_SameUploadTwice(t *testing.T) {
	dir := t.TempDir()
	data := MustJPEG(t, 700, 500)
	a := MustProcess(t, data, "satu.jpg", dir)
	name := filepath.Join(dir, a.Path)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(name, old, old); err != nil {
		t.Fatal(err)
	}
	// The same pixels with different metadata are the same entry too.
	b := MustProcess(t, withJPEGSegments(data, byte(0xfe), []byte("another comment")), "dua.jpg", dir)
	if a.Hash != b.Hash || a.Path != b.Path {
		t.Errorf("second upload: %s %s, want %s %s", b.Hash, b.Path, a.Hash, a.Path)
	}
	if b.OriginalName != "dua.jpg" {
		t.Errorf("OriginalName = %q", b.OriginalName)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("original was rewritten")
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if got, want := len(files), 1+len(a.Variants); got != want {
		t.Errorf("%d files in the media folder, want %d: %v", got, want, files)
	}
}

func TestVariantFor(t *testing.T) {
	m := &warta.Media{Path: "o.jpg", Width: 1000, Height: 500, Variants: []warta.ImageVariant{
		{Path: "a.jpg", Width: 320, Height: 160}, {Path: "b.jpg", Width: 640, Height: 320},
	}}
	for _, tc := range []struct {
		width int
		want  string
	}{{0, "o.jpg"}, {100, "a.jpg"}, {320, "a.jpg"}, {321, "b.jpg"}, {700, "o.jpg"}, {5000, "o.jpg"}} {
		if got := media.VariantFor(m, tc.width).Path; got != tc.want {
			t.Errorf("VariantFor(%d) = %s, want %s", tc.width, got, tc.want)
		}
	}
}

func TestSniffType(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"jpeg", MustJPEG(t, 2, 2), media.MIMEJPEG},
		{"png", MustPNG(t, 2, 2), media.MIMEPNG},
		{"gif", MustGIF(t, 2, 2), media.MIMEGIF},
		{"webp", MustWebP(t, 2, 2, color.NRGBA{A: 0xff}), media.MIMEWebP},
		{"pdf", []byte("%PDF-1.7\n"), media.MIMEPDF},
		{"pdf header later", []byte("\n%PDF-1.7\n"), ""},
		{"riff wave", []byte("RIFF\x00\x00\x00\x00WAVEfmt "), ""},
		{"text", []byte("hello"), ""},
		{"nil", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := media.SniffType(tc.b); got != tc.want {
				t.Errorf("SniffType = %q, want %q", got, tc.want)
			}
		})
	}
}

// MustPhoto returns a w×h JPEG with camera-like noise, so it is about as
// large and as slow to decode as a real photo.
func MustPhoto(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := gradient(w, h)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		if i%4 != 3 {
			img.Pix[i] = uint8(int(img.Pix[i])/2 + rng.IntN(128))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkProcess_Photo measures a 12-megapixel camera photo: strip,
// decode and five copies.
func BenchmarkProcess_Photo(b *testing.B) {
	data := MustPhoto(b, 4000, 3000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := media.Process(bytes.NewReader(data), "p.jpg", media.DefaultLimits, b.TempDir()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestProcess_Photo runs a 12-megapixel photo through the path that halves
// a decoded JPEG before resizing, and logs the time it took. It does not
// fail on time, which depends on the machine: BenchmarkProcess_Photo
// measures it.
func TestProcess_Photo(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: encodes and processes a 4000×3000 JPEG")
	}
	data := MustPhoto(t, 4000, 3000)
	dir := t.TempDir()
	start := time.Now()
	m := MustProcess(t, data, "p.jpg", dir)
	t.Logf("4000×3000 JPEG (%d bytes) processed in %v", len(data), time.Since(start))
	if got := len(m.Variants); got != len(media.Widths) {
		t.Fatalf("%d copies, want %d", got, len(media.Widths))
	}
	for _, v := range m.Variants {
		img := MustDecode(t, dir, v.Path, "jpeg")
		if got, want := img.Bounds().Size(), image.Pt(v.Width, v.Width*3/4); got != want {
			t.Errorf("%s decodes as %v, want %v", v.Path, got, want)
		}
	}
	// The copies show the same picture: compare the mean colour of the
	// narrowest with that of the original.
	orig := MustDecode(t, dir, m.Path, "jpeg")
	small := MustDecode(t, dir, m.Variants[0].Path, "jpeg")
	mo, ms := meanColour(orig), meanColour(small)
	for c := range 3 {
		if d := mo[c] - ms[c]; d > 4 || d < -4 {
			t.Errorf("channel %d: mean %.1f in the copy, %.1f in the original", c, ms[c], mo[c])
		}
	}
}

// meanColour returns the mean red, green and blue of img, 0 to 255.
func meanColour(img image.Image) [3]float64 {
	var sum [3]float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			sum[0] += float64(r >> 8)
			sum[1] += float64(g >> 8)
			sum[2] += float64(bl >> 8)
		}
	}
	n := float64(((b.Dx() + 2) / 3) * ((b.Dy() + 2) / 3))
	return [3]float64{sum[0] / n, sum[1] / n, sum[2] / n}
}
