// Package respond writes HTTP responses the one way Warta writes them:
// with a strong ETag, Last-Modified, 304 answers to conditional requests,
// and gzip for text when the client accepts it.
//
// Handlers render into memory and hand the bytes here, so that every page,
// feed and asset gets the same caching and compression without each
// handler thinking about it.
package respond

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// minGzip is the size below which gzip costs more than it saves.
const minGzip = 512

// Body is a response body prepared once and served many times: its bytes,
// their gzip form (nil when not worth it) and their strong ETag.
type Body struct {
	ContentType string
	Raw         []byte
	Gzip        []byte
	ETag        string // quoted, strong
	ModTime     time.Time
}

// NewBody prepares b for serving: it computes the ETag and, for text, the
// gzip bytes. modTime may be zero when nothing better is known.
func NewBody(contentType string, b []byte, modTime time.Time) *Body {
	sum := sha256.Sum256(b)
	body := &Body{
		ContentType: contentType,
		Raw:         b,
		ETag:        `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`,
		ModTime:     modTime,
	}
	if compressible(contentType) && len(b) >= minGzip {
		body.Gzip = gzipBytes(b)
	}
	return body
}

var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzipPool.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(b) // writes to a bytes.Buffer cannot fail
	zw.Close()
	gzipPool.Put(zw)
	return buf.Bytes()
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") ||
		strings.Contains(ct, "xml") || strings.Contains(ct, "javascript") || strings.HasPrefix(ct, "image/svg")
}

// Write serves body with status. For 200 responses it answers conditional
// GET and HEAD requests with 304 when the client's copy is current; error
// statuses are always sent in full. Headers the caller set beforehand
// (Cache-Control, for one) are kept.
func Write(w http.ResponseWriter, r *http.Request, status int, body *Body) {
	h := w.Header()
	h.Set("Content-Type", body.ContentType)
	h.Add("Vary", "Accept-Encoding")
	if status == http.StatusOK {
		h.Set("ETag", body.ETag)
		if !body.ModTime.IsZero() {
			h.Set("Last-Modified", body.ModTime.UTC().Format(http.TimeFormat))
		}
		if notModified(r, body) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	b := body.Raw
	if body.Gzip != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		b = body.Gzip
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// HTML serves rendered HTML; see Write.
func HTML(w http.ResponseWriter, r *http.Request, status int, b []byte, modTime time.Time) {
	Write(w, r, status, NewBody("text/html; charset=utf-8", b, modTime))
}

// notModified applies RFC 9110's rules: If-None-Match wins over
// If-Modified-Since when both are present.
func notModified(r *http.Request, body *Body) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == body.ETag || tag == "*" {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !body.ModTime.IsZero() {
		t, err := http.ParseTime(ims)
		return err == nil && !body.ModTime.Truncate(time.Second).After(t)
	}
	return false
}

// acceptsGzip reports whether the request accepts gzip with a non-zero
// quality value.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
