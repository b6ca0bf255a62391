package respond_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"warta/respond"
)

func TestWriteGzipAndConditional(t *testing.T) {
	page := []byte("<!doctype html><p>" + strings.Repeat("Berita hari ini. ", 100))
	mod := time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC)
	body := respond.NewBody("text/html; charset=utf-8", page, mod)

	// A plain request gets the bytes as they are.
	rec := httptest.NewRecorder()
	respond.Write(rec, httptest.NewRequest("GET", "/", nil), 200, body)
	if got := rec.Body.Bytes(); !bytes.Equal(got, page) {
		t.Fatalf("identity body differs: got %d bytes, want %d", len(got), len(page))
	}
	etag := rec.Header().Get("ETag")
	if !strings.HasPrefix(etag, `"`) || rec.Header().Get("Last-Modified") != "Wed, 19 Jun 2024 07:05:00 GMT" {
		t.Fatalf("validators: ETag %q, Last-Modified %q", etag, rec.Header().Get("Last-Modified"))
	}

	// gzip when accepted, and it decodes to the same bytes.
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	rec = httptest.NewRecorder()
	respond.Write(rec, req, 200, body)
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatal("gzip was accepted but not used")
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, page) {
		t.Fatal("gzip body does not decode to the page")
	}

	// gzip;q=0 means no.
	req = httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Encoding", "gzip;q=0")
	rec = httptest.NewRecorder()
	respond.Write(rec, req, 200, body)
	if rec.Header().Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 was answered with gzip")
	}

	tests := []struct {
		name   string
		header string
		value  string
		want   int
	}{
		{"matching etag", "If-None-Match", etag, http.StatusNotModified},
		{"one of several etags", "If-None-Match", `"x", ` + etag, http.StatusNotModified},
		{"other etag", "If-None-Match", `"other"`, http.StatusOK},
		{"not modified since", "If-Modified-Since", "Wed, 19 Jun 2024 07:05:00 GMT", http.StatusNotModified},
		{"modified since", "If-Modified-Since", "Tue, 18 Jun 2024 07:05:00 GMT", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.Header.Set(tt.header, tt.value)
			rec := httptest.NewRecorder()
			respond.Write(rec, req, 200, body)
			if rec.Code != tt.want {
				t.Errorf("status = %d, want %d", rec.Code, tt.want)
			}
			if rec.Code == http.StatusNotModified && rec.Body.Len() != 0 {
				t.Error("304 carried a body")
			}
		})
	}

	// Error statuses are never turned into 304s.
	req = httptest.NewRequest("GET", "/", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	respond.Write(rec, req, 404, body)
	if rec.Code != 404 || rec.Body.Len() == 0 {
		t.Errorf("404 with a matching ETag: status %d, %d bytes", rec.Code, rec.Body.Len())
	}
}

func TestSmallBodiesAreNotCompressed(t *testing.T) {
	body := respond.NewBody("text/plain", []byte("ok"), time.Time{})
	if body.Gzip != nil {
		t.Error("a two-byte body was gzipped")
	}
}
