package wxr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"warta"
	"warta/media"
)

// libraryExtensions are the attachments the media library can take:
// images and PDF documents. Any other (audio, video, office files) is
// reported instead of fetched. The extension only decides what to fetch;
// what a file is comes from its bytes (package media).
var libraryExtensions = map[string]bool{".jpg": true, ".jpeg": true, ".jpe": true, ".png": true, ".gif": true, ".webp": true,
	".pdf": true}

// processed is one attachment after its file was found and processed.
type processed struct {
	a   *attachment
	m   *warta.Media
	err error
}

// importMedia finds, processes and records every image and PDF attachment.
// Files are read and processed by Concurrency workers; the records are
// written one at a time, each with its key and redirects.
func (im *importer) importMedia(ctx context.Context) error {
	var todo []*attachment
	for _, id := range im.idx.attOrder {
		a := im.idx.attach[id]
		what := "attachment " + strconv.FormatInt(id, 10)
		rel := im.rel(a)
		if !libraryExtensions[strings.ToLower(path.Ext(rel))] {
			im.report.skip(what, a.line, "%s is neither an image nor a PDF document; the media library keeps JPEG, PNG, GIF and WebP images and PDF documents only", path.Base(rel))
			continue
		}
		todo = append(todo, a)
	}
	if len(todo) == 0 {
		return nil
	}
	jobs := make(chan *attachment)
	results := make(chan processed)
	var wg sync.WaitGroup
	for range min(im.opt.Concurrency, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range jobs {
				m, err := im.process(ctx, a)
				select {
				case results <- processed{a: a, m: m, err: err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, a := range todo {
			select {
			case jobs <- a:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue // drain, so the workers can finish
		}
		if err := im.recordMedia(ctx, r); err != nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

// rel is where an attachment's file lives under uploads.
func (im *importer) rel(a *attachment) string {
	if a.File != "" {
		return strings.TrimPrefix(path.Clean("/"+a.File), "/")
	}
	return uploadsRel(a.URL)
}

// recordMedia saves one processed attachment with its redirects and
// learns its addresses for the bodies that show it.
func (im *importer) recordMedia(ctx context.Context, r processed) error {
	a := r.a
	what := "attachment " + strconv.FormatInt(a.ID, 10)
	if r.err != nil {
		im.report.mediaFailure(what, a.line, "%v", r.err)
		return nil
	}
	m := r.m
	m.Alt = cut(plain(a.Alt), 500)
	m.Caption = cut(plain(a.Caption), 1000)
	m.Credit = cut(plain(a.Credit), 200)
	if a.Name != "" {
		m.OriginalName = media.CleanName(a.Name)
	}
	target := "/media/" + m.Path
	var list []warta.Redirect
	list = addRedirect(list, "/?attachment_id="+strconv.FormatInt(a.ID, 10), target)
	list = addRedirect(list, oldPath(a.Link), target)
	rel := im.rel(a)
	list = addRedirect(list, "/wp-content/uploads/"+rel, target)
	if err := im.st.ImportMedia(ctx, im.key(warta.ImportAttachment, strconv.FormatInt(a.ID, 10)), m, list); err != nil {
		if fatal(err) {
			return fmt.Errorf("import attachment %d: %w", a.ID, err)
		}
		im.report.mediaFailure(what, a.line, "%s", describe(err))
		return nil
	}
	im.media[a.ID] = m
	im.urls[rel] = target
	im.urls[strings.Replace(rel, "-scaled.", ".", 1)] = target
	if u := uploadsRel(a.URL); u != "" {
		im.urls[u] = target
	}
	// A PDF's sizes are WordPress's preview pictures of its first page:
	// an <img> of one must not become a link to the document.
	for _, size := range a.Sizes {
		if m.IsImage() {
			im.urls[path.Join(path.Dir(rel), size)] = target
		}
	}
	im.report.count("media", 1)
	im.report.count("redirects", len(list))
	return nil
}

// process finds an attachment's file (in Uploads, else by download) and
// processes it as an upload (an image, or a PDF document).
func (im *importer) process(ctx context.Context, a *attachment) (*warta.Media, error) {
	rel := im.rel(a)
	var data []byte
	var tried []string
	if im.opt.Uploads != "" && filepath.IsLocal(filepath.FromSlash(rel)) {
		p := filepath.Join(im.opt.Uploads, filepath.FromSlash(rel))
		b, err := readLimited(p, im.maxBytes(rel))
		switch {
		case err == nil:
			data = b
		case errors.Is(err, os.ErrNotExist):
			tried = append(tried, "not in --uploads ("+p+")")
		default:
			return nil, err
		}
	}
	if data == nil && im.opt.FetchMedia && a.URL != "" {
		b, err := im.fetch(ctx, a.URL, im.maxBytes(rel))
		if err != nil {
			return nil, err
		}
		data = b
	}
	if data == nil {
		if !im.opt.FetchMedia {
			tried = append(tried, "give --uploads with a copy of wp-content/uploads, or --fetch-media to download it")
		}
		return nil, fmt.Errorf("%s: %s", path.Base(rel), strings.Join(tried, "; "))
	}
	m, err := media.Process(bytes.NewReader(data), path.Base(rel), im.limits(), im.opt.MediaDir)
	if err != nil {
		var we *warta.Error
		if errors.As(err, &we) && we.Message != "" {
			return nil, fmt.Errorf("%s: %s", path.Base(rel), we.Message)
		}
		return nil, fmt.Errorf("%s: %w", path.Base(rel), err)
	}
	return m, nil
}

func (im *importer) limits() media.Limits {
	lim := im.opt.MediaLimits
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = media.DefaultLimits.MaxBytes
	}
	if lim.MaxDocumentBytes <= 0 {
		lim.MaxDocumentBytes = media.DefaultLimits.MaxDocumentBytes
	}
	return lim
}

// maxBytes is the most bytes worth reading or downloading for the file
// at rel: the document limit for a .pdf, the image limit for the others,
// so a file over its limit is refused before it is all read. What the
// file is comes from its bytes afterwards (media.Process).
func (im *importer) maxBytes(rel string) int64 {
	lim := im.limits()
	if strings.EqualFold(path.Ext(rel), ".pdf") {
		return lim.MaxDocumentBytes
	}
	return lim.MaxBytes
}

// readLimited reads a file of at most max bytes.
func readLimited(p string, max int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s is larger than %d bytes", filepath.Base(p), max)
	}
	return b, nil
}

// fetch downloads u, trying again after a network error or a 5xx/429
// answer, and refusing anything larger than the media limit.
func (im *importer) fetch(ctx context.Context, u string, max int64) ([]byte, error) {
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return nil, fmt.Errorf("%s is not an http(s) address", u)
	}
	var last error
	for try := 0; try <= im.opt.Retries; try++ {
		if try > 0 {
			select {
			case <-time.After(time.Duration(try) * 500 * time.Millisecond):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		b, retry, err := im.get(ctx, u, max)
		if err == nil {
			return b, nil
		}
		last = err
		if !retry {
			break
		}
	}
	return nil, last
}

// get makes one download; retry says whether trying again may help.
func (im *importer) get(ctx context.Context, u string, max int64) (b []byte, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, false, fmt.Errorf("download %s: %w", u, err)
	}
	req.Header.Set("User-Agent", "Warta WXR import")
	resp, err := im.opt.Client.Do(req)
	if err != nil {
		return nil, ctx.Err() == nil, fmt.Errorf("download %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		retry := resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests
		return nil, retry, fmt.Errorf("download %s: the server answered %s", u, resp.Status)
	}
	if resp.ContentLength > max {
		return nil, false, fmt.Errorf("download %s: %d bytes, more than the %d allowed", u, resp.ContentLength, max)
	}
	b, err = io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, true, fmt.Errorf("download %s: %w", u, err)
	}
	if int64(len(b)) > max {
		return nil, false, fmt.Errorf("download %s: more than the %d bytes allowed", u, max)
	}
	return b, false, nil
}
