// Package static serves Warta's own stylesheet, icon and scripts from
// files embedded in the binary, under names that carry a hash of their
// content (/static/warta.3f2a9c1b.css). A changed file gets a new name,
// so browsers and CDNs may keep every version for a year.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"warta/respond"
)

// Prefix is the URL path under which assets are served.
const Prefix = "/static/"

//go:embed files
var embedded embed.FS

// Assets is the set of embedded files, prepared for serving.
type Assets struct {
	byURL  map[string]*respond.Body // "/static/warta.3f2a9c1b.css" → body
	byName map[string]string        // "warta.css" → "/static/warta.3f2a9c1b.css"
}

// New reads and hashes every embedded file once, at start.
func New() *Assets {
	a := &Assets{byURL: map[string]*respond.Body{}, byName: map[string]string{}}
	err := fs.WalkDir(embedded, "files", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "files/")
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		url := Prefix + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.byName[name] = url
		a.byURL[url] = respond.NewBody(ct, b, time.Time{})
		return nil
	})
	if err != nil {
		// The files are compiled in; failing to read them is a build bug.
		panic("static: " + err.Error())
	}
	return a
}

// Path returns the hashed URL of the named file ("warta.css"). An unknown
// name panics: templates call it at parse-time checks and in tests, so a
// typo fails before any reader sees a page without its stylesheet.
func (a *Assets) Path(name string) string {
	url, ok := a.byName[name]
	if !ok {
		panic("static: no embedded file named " + name)
	}
	return url
}

// ServeHTTP serves one asset by its hashed URL, cached for a year.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, ok := a.byURL[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	respond.Write(w, r, http.StatusOK, body)
}
