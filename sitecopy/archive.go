package sitecopy

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"warta"
	"warta/media"
	"warta/sqlite"
)

// FormatVersion is the version of the backup archive's layout. A reader
// refuses archives of a newer format.
//
// The archive is a gzip-compressed tar holding, in this order:
//
//	warta-backup.json   the header: format, Warta and schema versions
//	warta.db            the whole site as an SQLite database, whichever
//	                    database it came from (one restore path for both)
//	media/…             every file of the media storage
//	manifest.json       the header again, plus every table's row count and
//	                    checksum and every file's size and SHA-256
//
// The header comes first so that an archive from a newer Warta is
// refused at once; the manifest comes last because media are streamed
// into the archive and their checksums are known only then. A truncated
// archive lacks the manifest (and gzip's trailer), so it is refused.
const FormatVersion = 1

const (
	headerName   = "warta-backup.json"
	databaseName = "warta.db"
	mediaPrefix  = "media/"
	manifestName = "manifest.json"
)

var (
	// ErrDamaged means the archive is truncated, corrupt, or not one of
	// Warta's backups.
	ErrDamaged = errors.New("the backup file is damaged or incomplete")
	// ErrNewer means the archive comes from a newer Warta.
	ErrNewer = errors.New("the backup was made by a newer Warta")
)

// Manifest describes a backup.
type Manifest struct {
	Format  int       `json:"format"`
	Warta   string    `json:"warta_version"`
	Schema  int       `json:"schema_version"`
	Created time.Time `json:"created"`
	// Source is the database the site was on: "sqlite" or "postgres".
	Source string `json:"source"`

	Tables     []TableSum `json:"tables,omitempty"`
	Files      []FileSum  `json:"files,omitempty"` // warta.db, then media/… in name order
	MediaFiles int        `json:"media_files,omitempty"`
	MediaBytes int64      `json:"media_bytes,omitempty"`
	// MissingMedia are files the site names (library entries, articles'
	// lead images, and their resized copies) that the storage did not
	// have: the backup is whole, but those images were already lost on
	// the site.
	MissingMedia []string `json:"missing_media,omitempty"`
}

// FileSum is one file of the archive.
type FileSum struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Rows returns the row count of table in the backup.
func (m *Manifest) Rows(table string) int64 {
	for _, t := range m.Tables {
		if t.Name == table {
			return t.Rows
		}
	}
	return 0
}

// Backup writes the site in st, with the media in files, to w as one
// archive, while the site keeps serving. The database is taken at one
// instant: SQLite by VACUUM INTO, PostgreSQL by the copier's snapshot
// into an SQLite file. Media are listed after that instant, so every file
// the database refers to is there (files are never rewritten). tmp is
// where the database copy is made ("" for the system's temporary folder);
// it needs room for the whole database.
func Backup(ctx context.Context, st Store, files media.Storage, w io.Writer, tmp string) (*Manifest, error) {
	pg, err := IsPostgres(st)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(tmp, "warta-backup-")
	if err != nil {
		return nil, fmt.Errorf("make a temporary folder for the database copy: %w", err)
	}
	defer os.RemoveAll(dir)

	m := &Manifest{Format: FormatVersion, Warta: warta.Version, Created: time.Now().UTC().Truncate(time.Second), Source: "sqlite"}
	if pg {
		m.Source = "postgres"
		snap, err := sqlite.Open(ctx, dir, nil)
		if err != nil {
			return nil, err
		}
		_, err = Copy(ctx, st, snap, Options{SkipReindex: true})
		if cerr := snap.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("copy the database: %w", err)
		}
	} else if err := st.(*sqlite.DB).SnapshotTo(ctx, filepath.Join(dir, sqlite.FileName)); err != nil {
		return nil, err
	}
	// Count and sum the copy as it will be restored, without sessions
	// (as a copy into PostgreSQL has none): a backup is not a way back
	// into anyone's account. secure_delete overwrites their bytes.
	snap, err := sqlite.Open(ctx, dir, nil)
	if err != nil {
		return nil, err
	}
	for _, q := range []string{`PRAGMA secure_delete = ON`, `DELETE FROM sessions`} {
		if err == nil {
			_, err = snap.WriteDB().ExecContext(ctx, q)
		}
	}
	if err == nil {
		m.Tables, err = Checksums(ctx, snap)
	}
	if err == nil {
		m.Schema, err = SchemaVersion(ctx, snap.ReadDB())
	}
	var named []string // the media files the copy names
	if err == nil {
		named, err = snap.MediaPaths(ctx)
	}
	if cerr := snap.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("read the database copy: %w", err)
	}

	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	head := *m
	head.Tables = nil
	if err := writeJSON(tw, headerName, &head); err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(dir, sqlite.FileName))
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	sum, err := writeFile(tw, databaseName, f, fi.Size(), m.Created)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("write the database: %w", err)
	}
	m.Files = append(m.Files, sum)

	err = files.Walk(ctx, func(name string, size int64) error {
		f, err := files.Open(ctx, name)
		if err != nil {
			return err
		}
		defer f.Close()
		sum, err := writeFile(tw, mediaPrefix+name, f, f.Size(), f.ModTime())
		if err != nil {
			return err
		}
		m.Files = append(m.Files, sum)
		m.MediaFiles++
		m.MediaBytes += sum.Size
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("write the media from %s: %w", files, err)
	}
	written := map[string]bool{}
	for _, f := range m.Files {
		written[strings.TrimPrefix(f.Name, mediaPrefix)] = true
	}
	for _, name := range named {
		if !written[name] {
			m.MissingMedia = append(m.MissingMedia, name)
		}
	}
	if err := writeJSON(tw, manifestName, m); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return m, nil
}

func writeJSON(tw *tar.Writer, name string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(b)), ModTime: time.Now(), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err = tw.Write(b)
	return err
}

// writeFile adds size bytes of r as name and returns their checksum.
func writeFile(tw *tar.Writer, name string, r io.Reader, size int64, mod time.Time) (FileSum, error) {
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: size, ModTime: mod, Typeflag: tar.TypeReg}); err != nil {
		return FileSum{}, err
	}
	h := sha256.New()
	n, err := io.Copy(tw, io.TeeReader(io.LimitReader(r, size), h))
	if err == nil && n != size {
		err = fmt.Errorf("%s changed while it was copied (%d bytes, not %d)", name, n, size)
	}
	if err != nil {
		return FileSum{}, err
	}
	return FileSum{Name: name, Size: size, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// Verify reads the whole archive from r and checks it: its format and
// schema are ones this Warta reads (schema at most maxSchema), nothing
// is missing or truncated, and every file has the size and checksum the
// manifest gives. It returns the manifest. Errors wrap ErrNewer or
// ErrDamaged.
func Verify(r io.Reader, maxSchema int) (*Manifest, error) {
	return readArchive(r, maxSchema, nil)
}

// readArchive reads the archive, checking it as Verify says, and hands
// every file to each (when not nil) as it goes.
func readArchive(r io.Reader, maxSchema int, each func(name string, size int64, r io.Reader) error) (*Manifest, error) {
	damaged := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrDamaged, fmt.Sprintf(format, args...))
	}
	readErr := func(err error) error {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return damaged("it ends too early (truncated?)")
		}
		return damaged("%v", err)
	}
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, damaged("it is not a gzip-compressed Warta backup (%v)", err)
	}
	tr := tar.NewReader(gz)
	hd, err := tr.Next()
	if err != nil {
		return nil, readErr(err)
	}
	if hd.Name != headerName {
		return nil, damaged("it does not start with %s: not a Warta backup", headerName)
	}
	var head Manifest
	if err := json.NewDecoder(io.LimitReader(tr, 1<<20)).Decode(&head); err != nil {
		return nil, damaged("its header cannot be read: %v", err)
	}
	if head.Format > FormatVersion {
		return nil, fmt.Errorf("%w (Warta %s, backup format %d; this Warta reads format %d): restore it with that version or a newer one", ErrNewer, head.Warta, head.Format, FormatVersion)
	}
	if head.Schema > maxSchema {
		return nil, fmt.Errorf("%w (Warta %s, schema version %d; this Warta knows up to %d): restore it with that version or a newer one", ErrNewer, head.Warta, head.Schema, maxSchema)
	}

	seen := map[string]FileSum{}
	var m *Manifest
	for {
		hd, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readErr(err)
		}
		if m != nil {
			return nil, damaged("%s follows the manifest", hd.Name)
		}
		if hd.Name == manifestName {
			m = new(Manifest)
			if err := json.NewDecoder(io.LimitReader(tr, 256<<20)).Decode(m); err != nil {
				return nil, damaged("its manifest cannot be read: %v", err)
			}
			continue
		}
		if hd.Typeflag != tar.TypeReg {
			return nil, damaged("unexpected entry %s", hd.Name)
		}
		if hd.Name != databaseName && !(strings.HasPrefix(hd.Name, mediaPrefix) && media.ValidName(strings.TrimPrefix(hd.Name, mediaPrefix))) {
			return nil, damaged("unexpected entry %q", hd.Name)
		}
		if _, dup := seen[hd.Name]; dup {
			return nil, damaged("%s appears twice", hd.Name)
		}
		h := sha256.New()
		var body io.Reader = io.TeeReader(tr, h)
		if each != nil {
			// The archive was verified before each is given its files, so
			// a failure here is the destination's, not the archive's.
			if err := each(hd.Name, hd.Size, body); err != nil {
				return nil, fmt.Errorf("write %s: %w", hd.Name, err)
			}
		}
		if _, err := io.Copy(io.Discard, body); err != nil { // what each left unread
			return nil, readErr(err)
		}
		seen[hd.Name] = FileSum{Name: hd.Name, Size: hd.Size, SHA256: hexSum(h)}
	}
	// Read gzip's trailer too: its CRC and length catch damage that tar's
	// blocks do not.
	if _, err := io.Copy(io.Discard, gz); err != nil {
		return nil, readErr(err)
	}
	if m == nil {
		return nil, damaged("its manifest is missing (truncated?)")
	}
	if m.Format != head.Format || m.Schema != head.Schema {
		return nil, damaged("its manifest and header disagree")
	}
	if len(m.Files) != len(seen) {
		return nil, damaged("the manifest lists %d files, the archive holds %d", len(m.Files), len(seen))
	}
	for _, f := range m.Files {
		got, ok := seen[f.Name]
		switch {
		case !ok:
			return nil, damaged("%s is missing", f.Name)
		case got != f:
			return nil, damaged("%s differs from its checksum in the manifest", f.Name)
		}
	}
	if _, ok := seen[databaseName]; !ok {
		return nil, damaged("it holds no database")
	}
	return m, nil
}

func hexSum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// Target is where Restore puts a backup: a data folder for SQLite, or
// an empty PostgreSQL database; and the media storage.
type Target struct {
	// DataDir receives warta.db when DB is nil. It must not hold one.
	DataDir string
	// DB, when set, is the empty PostgreSQL database to restore into.
	DB Store
	// Media receives the media files; a file already there is kept
	// (names are content hashes).
	Media media.Storage
	// TempDir is where the database is unpacked for PostgreSQL ("" for
	// the system's temporary folder).
	TempDir string
}

// Restore puts the backup in the file at path into to. It first reads
// the whole archive and checks it (see Verify) and checks that the
// target is empty; only then does it write anything. The database is
// unpacked beside its destination, its tables' counts and checksums
// compared with the manifest, migrated to this Warta's schema when the
// backup is older, and moved into place last.
func Restore(ctx context.Context, path string, to Target) (*Manifest, error) {
	maxSchema, err := sqlite.LatestVersion()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := Verify(f, maxSchema)
	if err != nil {
		return nil, err
	}

	// The target must be empty before anything is written.
	var unpack string
	if to.DB != nil {
		if err := CheckEmpty(ctx, to.DB); err != nil {
			return nil, err
		}
		unpack = to.TempDir
	} else {
		if _, err := os.Stat(filepath.Join(to.DataDir, sqlite.FileName)); err == nil {
			return nil, fmt.Errorf("%w: the data folder %s already holds a database (%s)", ErrNotEmpty, to.DataDir, sqlite.FileName)
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		if err := os.MkdirAll(to.DataDir, 0o750); err != nil {
			return nil, err
		}
		unpack = to.DataDir // the final rename stays on one file system
	}
	dir, err := os.MkdirTemp(unpack, ".warta-restore-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	_, err = readArchive(f, maxSchema, func(name string, size int64, r io.Reader) error {
		if name == databaseName {
			out, err := os.OpenFile(filepath.Join(dir, sqlite.FileName), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
			if err != nil {
				return err
			}
			if _, err := io.Copy(out, r); err != nil {
				out.Close()
				return err
			}
			return out.Close()
		}
		return to.Media.Put(ctx, strings.TrimPrefix(name, mediaPrefix), r, size)
	})
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}

	db, err := sqlite.Open(ctx, dir, nil)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	got, err := Checksums(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := Compare(m.Tables, got); err != nil {
		return nil, fmt.Errorf("%w: the database differs from the manifest: %v", ErrDamaged, err)
	}
	// An older backup is brought up to this Warta's schema; this also
	// fills the search index, which a backup from PostgreSQL lacks.
	if _, err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	if to.DB != nil {
		if _, err := Copy(ctx, db, to.DB, Options{}); err != nil {
			return nil, err
		}
		return m, nil
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	final := filepath.Join(to.DataDir, sqlite.FileName)
	if _, err := os.Stat(final); err == nil {
		return nil, fmt.Errorf("%w: %s appeared while restoring", ErrNotEmpty, final)
	}
	if err := os.Rename(filepath.Join(dir, sqlite.FileName), final); err != nil {
		return nil, err
	}
	return m, nil
}

// CheckEmpty returns ErrForeign when st holds tables Warta did not make,
// and ErrNotEmpty when any of Warta's tables has rows. It writes nothing.
func CheckEmpty(ctx context.Context, st Store) error {
	pg, err := IsPostgres(st)
	if err != nil {
		return err
	}
	s, err := readSchema(ctx, st.ReadDB(), pg)
	if err != nil {
		return err
	}
	if u := s.unknown(); len(u) > 0 {
		return fmt.Errorf("%w (%s)", ErrForeign, strings.Join(u, ", "))
	}
	return mustBeEmpty(ctx, st.ReadDB(), s)
}
