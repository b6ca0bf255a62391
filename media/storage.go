package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Storage is where the media library's files live: a folder (Dir, the
// default, which a shared volume makes common to several processes) or
// an S3-compatible bucket (S3). Names are slash-separated paths relative
// to the media root, like warta.Media.Path ("lib/ab/abcd….jpg").
//
// Files are named by their content's hash, so a name once written never
// changes: Put skips a name that exists, and nothing is ever rewritten.
type Storage interface {
	// Put stores size bytes from r under name, unless name exists.
	// Readers never see half a file.
	Put(ctx context.Context, name string, r io.Reader, size int64) error
	// Open opens name for reading. A missing name is an error that
	// errors.Is(err, fs.ErrNotExist) recognises.
	Open(ctx context.Context, name string) (File, error)
	// Exists reports whether name is stored.
	Exists(ctx context.Context, name string) (bool, error)
	// Walk calls fn for every stored file, in name order.
	Walk(ctx context.Context, fn func(name string, size int64) error) error
	// String names the storage for messages: a folder or s3://bucket.
	String() string
}

// File is an open stored file: it can seek, so /media/ answers range
// requests and If-Modified-Since the same way whatever the storage.
type File interface {
	io.ReadSeekCloser
	Size() int64
	ModTime() time.Time
}

// ValidName reports whether name may name a stored file: relative,
// slash-separated, clean, without hidden parts (temporary uploads start
// with a dot).
func ValidName(name string) bool {
	if name == "" || !fs.ValidPath(name) || name == "." {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}

// Dir is media storage in a folder.
type Dir string

var _ Storage = Dir("")

func (d Dir) String() string { return string(d) }

func (d Dir) path(name string) (string, error) {
	if !ValidName(name) {
		return "", fmt.Errorf("media: bad file name %q: %w", name, fs.ErrNotExist)
	}
	return filepath.Join(string(d), filepath.FromSlash(name)), nil
}

// Put writes r to a temporary file beside name and renames it, so a
// reader never sees half a file and a crash leaves no partial entry.
func (d Dir) Put(ctx context.Context, name string, r io.Reader, size int64) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	if _, err := os.Stat(p); err == nil {
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return internal("stat", err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return internal("mkdir", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return internal("create temp", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // fails harmlessly after the rename
	n, err := io.Copy(f, r)
	if err == nil && n != size {
		err = fmt.Errorf("got %d bytes, want %d", n, size)
	}
	if err != nil {
		f.Close()
		return internal("write", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return internal("sync", err)
	}
	if err := f.Close(); err != nil {
		return internal("close", err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return internal("chmod", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return internal("rename", err)
	}
	return nil
}

type dirFile struct {
	*os.File
	fi fs.FileInfo
}

func (f dirFile) Size() int64        { return f.fi.Size() }
func (f dirFile) ModTime() time.Time { return f.fi.ModTime() }

// Open opens a regular file; a folder counts as missing.
func (d Dir) Open(ctx context.Context, name string) (File, error) {
	p, err := d.path(name)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return dirFile{f, fi}, nil
}

func (d Dir) Exists(ctx context.Context, name string) (bool, error) {
	p, err := d.path(name)
	if err != nil {
		return false, nil
	}
	fi, err := os.Stat(p)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return err == nil && fi.Mode().IsRegular(), err
}

// Walk lists the regular files under the folder, skipping hidden ones
// (uploads in progress). A missing folder holds nothing.
func (d Dir) Walk(ctx context.Context, fn func(name string, size int64) error) error {
	root := string(d)
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if p != root && strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !e.Type().IsRegular() {
			return nil
		}
		fi, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed while walking
		} else if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		return fn(path.Clean(filepath.ToSlash(rel)), fi.Size())
	})
	return err
}
