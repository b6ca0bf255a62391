// Package media turns an uploaded image or PDF document into a safe entry
// of the media library (images also get resized copies).
//
// Uploads are hostile input like everything else the newsroom receives: a
// file may lie about its type in its name, be a decompression bomb, be
// truncated, or carry the photographer's GPS position in its EXIF block.
// Process therefore identifies the type from the bytes alone, reads the
// dimensions before decoding any pixels, strips metadata at the byte level
// (so the pixels of the original stay untouched), and stores the result by
// content hash, so a name from the client never becomes part of a path.
//
// Readers on slow phones should get the smallest image that fits, so
// Process also writes narrower copies (see Widths) for srcset, and
// VariantFor picks one for a given width.
//
// PDF documents (press releases, court rulings, reports) are kept too,
// recognised by their bytes like images, and stored as uploaded: see
// ProcessTo for why.
package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"path"
	"strconv"

	// Register the decoders image.DecodeConfig and image.Decode use.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/webp"

	"warta"
)

// Limits bounds what Process accepts. A zero field takes its value from
// DefaultLimits.
type Limits struct {
	MaxBytes  int64 // the largest image upload, in bytes
	MaxPixels int   // the largest width*height, checked before decoding
	// MaxDocumentBytes is the largest PDF document, in bytes.
	MaxDocumentBytes int64
	// ImagesOnly refuses PDF documents (with KeyNotImage), for the
	// places where only a picture fits, such as an article's lead image.
	ImagesOnly bool
}

// DefaultLimits are the limits for newsroom uploads: 20 MiB and 50
// megapixels, which covers any camera a reporter carries, and 20 MiB
// documents, which covers a scanned court ruling of some hundred pages.
var DefaultLimits = Limits{MaxBytes: 20 << 20, MaxPixels: 50_000_000, MaxDocumentBytes: 20 << 20}

// ReadLimit is the most bytes an upload under lim may have, whatever its
// type: a reader that does not know the type yet reads this many (and one
// more, to tell a file at the limit from one over it).
func (lim Limits) ReadLimit() int64 {
	lim = lim.withDefaults()
	if lim.ImagesOnly {
		return lim.MaxBytes
	}
	return max(lim.MaxBytes, lim.MaxDocumentBytes)
}

// SettingsLimits returns DefaultLimits with the upload sizes the site's
// settings give (media_max_mb for images, media_max_pdf_mb for PDF
// documents, in MiB); a missing or unusable value keeps the default.
func SettingsLimits(values map[string]string) Limits {
	lim := DefaultLimits
	if mb, err := strconv.Atoi(values["media_max_mb"]); err == nil && mb > 0 && mb <= 20 {
		lim.MaxBytes = int64(mb) << 20
	}
	if mb, err := strconv.Atoi(values["media_max_pdf_mb"]); err == nil && mb > 0 && mb <= 20 {
		lim.MaxDocumentBytes = int64(mb) << 20
	}
	return lim
}

// withDefaults fills the zero fields from DefaultLimits.
func (lim Limits) withDefaults() Limits {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultLimits.MaxBytes
	}
	if lim.MaxPixels <= 0 {
		lim.MaxPixels = DefaultLimits.MaxPixels
	}
	if lim.MaxDocumentBytes <= 0 {
		lim.MaxDocumentBytes = DefaultLimits.MaxDocumentBytes
	}
	return lim
}

// MaxDimension is the largest width or height Process accepts, whatever
// the pixel limit.
const MaxDimension = 30000

// Widths are the widths of the resized copies, narrowest first. A copy is
// made only for widths less than the original's, so nothing is upscaled.
var Widths = []int{320, 640, 960, 1280, 1920}

// The MIME types Process accepts.
const (
	MIMEJPEG = "image/jpeg"
	MIMEPNG  = "image/png"
	MIMEGIF  = "image/gif"
	MIMEWebP = "image/webp"
	MIMEPDF  = "application/pdf"
)

// IsDocument reports whether mime is a type the library keeps as a
// document to link to (a PDF), not a picture to show: such an entry has
// no size in pixels and no resized copies, and is never a lead image,
// a figure or an og:image.
func IsDocument(mime string) bool { return mime == MIMEPDF }

// Message-catalogue keys of the errors Process returns (all EINVALID).
const (
	KeyTooLarge      = "media.error.too_large"
	KeyNotImage      = "media.error.not_image"
	KeyTooManyPixels = "media.error.too_many_pixels"
	KeyCorrupt       = "media.error.corrupt"
	// KeyUnsupported is for bytes that are neither an image nor a PDF.
	KeyUnsupported = "docs.error.unsupported"
	// KeyPDFIncomplete is for a PDF without its end marker: most often
	// an upload or a copy cut short.
	KeyPDFIncomplete = "docs.error.pdf_incomplete"
)

// Process reads an upload from r, checks it against lim, strips its
// metadata, and stores the original and its resized copies under
// dir/lib/, named by the SHA-256 of the stripped bytes. originalName is
// only cleaned for display (see CleanName); it never becomes part of a path.
// Uploading the same image twice gives the same entry and rewrites nothing.
// A PDF document is stored as it came, under the same scheme with ".pdf".
//
// The returned Media has Hash, Path, MIME, Width, Height, Size, Variants
// and OriginalName set; the caller saves it with a warta.MediaStore. A
// document has Width and Height 0 and no Variants.
//
// Errors: EINVALID with Key KeyTooLarge, KeyUnsupported, KeyNotImage (a
// PDF under lim.ImagesOnly), KeyTooManyPixels, KeyCorrupt or
// KeyPDFIncomplete; EINTERNAL when reading r or writing files fails.
func Process(r io.Reader, originalName string, lim Limits, dir string) (*warta.Media, error) {
	return ProcessTo(context.Background(), r, originalName, lim, Dir(dir))
}

// ProcessTo is Process storing the files in store (a folder or a bucket).
func ProcessTo(ctx context.Context, r io.Reader, originalName string, lim Limits, store Storage) (*warta.Media, error) {
	lim = lim.withDefaults()
	// One byte more than allowed tells a file at the limit from one over it.
	data, err := io.ReadAll(io.LimitReader(r, min(lim.ReadLimit(), math.MaxInt64-1)+1))
	if err != nil {
		return nil, &warta.Error{Code: warta.EINTERNAL, Err: fmt.Errorf("media: read upload: %w", err)}
	}

	// The type comes from the bytes only: names and Content-Type headers
	// are chosen by the client.
	mime := SniffType(data)
	switch {
	case mime == "" && lim.ImagesOnly:
		return nil, invalid(KeyNotImage, "the file is not a JPEG, PNG, GIF or WebP image")
	case mime == "":
		return nil, invalid(KeyUnsupported, "the file is not a JPEG, PNG, GIF or WebP image nor a PDF document")
	case IsDocument(mime) && lim.ImagesOnly:
		return nil, invalid(KeyNotImage, "a PDF document cannot be used where an image is needed")
	case IsDocument(mime):
		return storeDocument(ctx, data, mime, originalName, lim, store)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, invalid(KeyTooLarge, "the file is larger than %d bytes", lim.MaxBytes)
	}

	// Read only the header first, so a small file that claims to be huge
	// (a decompression bomb) is refused before any pixels are allocated.
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || "image/"+format != mime {
		return nil, invalid(KeyCorrupt, "the image header cannot be read")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxDimension || cfg.Height > MaxDimension ||
		int64(cfg.Width)*int64(cfg.Height) > int64(lim.MaxPixels) {
		return nil, invalid(KeyTooManyPixels, "the image is %d×%d pixels, more than allowed", cfg.Width, cfg.Height)
	}

	clean, err := strip(mime, data)
	if err != nil {
		return nil, invalid(KeyCorrupt, "the image is damaged: %v", err)
	}
	// The stripped bytes are what we store, so they are what must decode.
	img, err := decodeFull(mime, clean, cfg)
	if err != nil {
		return nil, invalid(KeyCorrupt, "the image is damaged: %v", err)
	}

	if mime == MIMEJPEG {
		if o := jpegOrientation(data); o != 1 {
			turned := orient(img, o)
			if clean, err = reencodeOriented(turned, clean); err != nil {
				return nil, internal("encode turned photo", err)
			}
			img = turned
			cfg.Width, cfg.Height = turned.Rect.Dx(), turned.Rect.Dy()
		}
	}

	sum := sha256.Sum256(clean)
	hash := hex.EncodeToString(sum[:])
	m := &warta.Media{
		Hash:         hash,
		Path:         path.Join("lib", hash[:2], hash+extension(mime)),
		MIME:         mime,
		Width:        cfg.Width,
		Height:       cfg.Height,
		Size:         int64(len(clean)),
		OriginalName: CleanName(originalName),
	}
	if err := writeOnce(ctx, store, m.Path, clean); err != nil {
		return nil, err
	}
	if err := makeVariants(ctx, m, img, store); err != nil {
		return nil, err
	}
	return m, nil
}

// storeDocument stores a PDF document. It is kept byte for byte as
// uploaded, unlike an image: rewriting a PDF (to drop its metadata or
// scripts) needs a full PDF parser and writer, and may break a signed
// document or change how a court ruling reads; a newsroom publishes
// documents to show them as they were received. Readers are protected
// where the file is served instead (/media/ answers a PDF in a sandbox,
// see package server).
func storeDocument(ctx context.Context, data []byte, mime, originalName string, lim Limits, store Storage) (*warta.Media, error) {
	if int64(len(data)) > lim.MaxDocumentBytes {
		return nil, invalid(KeyTooLarge, "the document is larger than %d bytes", lim.MaxDocumentBytes)
	}
	// Readers (Acrobat, and most others) look for the end marker in the
	// last kilobyte; a file without one was cut short, most often in
	// transit, and would show as damaged to every reader.
	if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		return nil, invalid(KeyPDFIncomplete, "the PDF document has no %%%%EOF marker at its end; it looks cut short")
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	m := &warta.Media{
		Hash:         hash,
		Path:         path.Join("lib", hash[:2], hash+extension(mime)),
		MIME:         mime,
		Size:         int64(len(data)),
		OriginalName: CleanName(originalName),
	}
	if err := writeOnce(ctx, store, m.Path, data); err != nil {
		return nil, err
	}
	return m, nil
}

// SniffType returns the MIME type of an upload from its first bytes, or
// "" when they are not a JPEG, PNG, GIF, WebP or PDF. A PDF must start
// with its "%PDF-" header, as the browsers' own sniffing wants it.
func SniffType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return MIMEPDF
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return MIMEJPEG
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return MIMEPNG
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return MIMEGIF
	case len(b) >= 16 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WEBP" &&
		(string(b[12:16]) == "VP8 " || string(b[12:16]) == "VP8L" || string(b[12:16]) == "VP8X"):
		return MIMEWebP
	}
	return ""
}

// VariantFor returns the narrowest stored copy of m that is at least width
// pixels wide, or the original when no copy is wide enough. A width of 0
// or less asks for the original.
func VariantFor(m *warta.Media, width int) warta.ImageVariant {
	if width > 0 {
		for _, v := range m.Variants {
			if v.Width >= width {
				return v
			}
		}
	}
	return warta.ImageVariant{Path: m.Path, Width: m.Width, Height: m.Height}
}

// extension returns the file extension for a stored original.
func extension(mime string) string {
	switch mime {
	case MIMEJPEG:
		return ".jpg"
	case MIMEPNG:
		return ".png"
	case MIMEGIF:
		return ".gif"
	case MIMEWebP:
		return ".webp"
	case MIMEPDF:
		return ".pdf"
	}
	return ".bin"
}

// invalid returns an EINVALID error carrying a message-catalogue key; the
// English message is for logs.
func invalid(key, format string, args ...any) *warta.Error {
	return &warta.Error{Code: warta.EINVALID, Key: key, Message: fmt.Sprintf(format, args...)}
}

// writeOnce stores b under rel unless it is already there (see
// Storage.Put). Content-addressed names make an existing file the same
// bytes.
func writeOnce(ctx context.Context, store Storage, rel string, b []byte) error {
	if err := store.Put(ctx, rel, bytes.NewReader(b), int64(len(b))); err != nil {
		var we *warta.Error
		if errors.As(err, &we) {
			return err
		}
		return internal("store "+rel, err)
	}
	return nil
}

// internal wraps a file-system failure as EINTERNAL.
func internal(op string, err error) *warta.Error {
	return &warta.Error{Code: warta.EINTERNAL, Err: fmt.Errorf("media: %s: %w", op, err)}
}

// exists reports whether rel is already stored.
func exists(ctx context.Context, store Storage, rel string) bool {
	ok, err := store.Exists(ctx, rel)
	return err == nil && ok
}
