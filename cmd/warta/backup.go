package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"warta/postgres"
	"warta/sitecopy"
)

const backupUsage = `Usage: warta backup [--data DIR] [--database URL] FILE

Writes the whole site to FILE, one gzip-compressed tar archive: the
database (as an SQLite file, whichever database the site is on), every
media file, and a manifest with each table's row count and checksum and
each file's SHA-256. The site keeps serving meanwhile; the database is
copied as of one instant. FILE must not exist yet.

Flags:
  --data DIR        the site's data folder (env WARTA_DATA)
  --database URL    the site's PostgreSQL, empty for SQLite (env WARTA_DATABASE_URL)
`

const restoreUsage = `Usage: warta restore [--data DIR] [--database URL] FILE

Puts a backup made by "warta backup" into an empty site: a data folder
without a database (SQLite), or an empty PostgreSQL database given by
--database. The whole archive is checked first (a truncated or damaged
file, or one from a newer Warta, is refused before anything is written).
Sessions are not in backups: staff sign in again.

Flags:
  --data DIR        the data folder to restore into; media go to DIR/media (env WARTA_DATA)
  --database URL    an empty PostgreSQL database to restore into (env WARTA_DATABASE_URL)
`

func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c := newSiteCommand("backup", "Writes the whole site to one archive.", backupUsage, getenv)
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	if c.NArg() != 1 || c.Arg(0) == "" {
		return c.usageError(stderr)
	}
	file := c.Arg(0)
	if _, err := os.Lstat(file); err == nil {
		return fmt.Errorf("%s already exists: choose another name, or move it away first", file)
	}
	st, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	src, ok := st.(sitecopy.Store)
	if !ok {
		return fmt.Errorf("backup cannot read a %T", st)
	}
	files, err := c.mediaStorage(ctx)
	if err != nil {
		return err
	}

	// Written beside FILE and renamed when whole, so FILE is never half
	// a backup.
	out, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*")
	if err != nil {
		return fmt.Errorf("cannot write the backup next to %s: %v", file, err)
	}
	defer os.Remove(out.Name())
	started := time.Now()
	m, err := sitecopy.Backup(ctx, src, files, out, "")
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup failed, %s was not written: %w", file, err)
	}
	if err := os.Rename(out.Name(), file); err != nil {
		return err
	}
	fi, _ := os.Stat(file)
	fmt.Fprintf(stdout, "Backed up %d articles, %d comments, %d users and %d media files (%d bytes) to %s (%d bytes) in %s.\n",
		m.Rows("articles"), m.Rows("comments"), m.Rows("users"), m.MediaFiles, m.MediaBytes, file, fi.Size(), time.Since(started).Round(time.Millisecond))
	if n := len(m.MissingMedia); n > 0 {
		// The backup is as whole as the site; say what the site lacks
		// while it can still be found (an old server, another backup).
		fmt.Fprintf(stderr, "warning: %d media files the site names were not in the storage, so they are not in the backup either:\n", n)
		for _, name := range m.MissingMedia[:min(n, 20)] {
			fmt.Fprintf(stderr, "  %s\n", name)
		}
		if n > 20 {
			fmt.Fprintf(stderr, "  … and %d more (the list is in the archive's manifest.json)\n", n-20)
		}
	}
	return nil
}

func runRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c := newSiteCommand("restore", "Puts a backup into an empty site.", restoreUsage, getenv)
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	if c.NArg() != 1 || c.Arg(0) == "" {
		return c.usageError(stderr)
	}
	file := c.Arg(0)
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("cannot read the backup: %v", err)
	}
	files, err := c.mediaStorage(ctx)
	if err != nil {
		return err
	}
	to := sitecopy.Target{DataDir: c.site.Data, Media: files}
	where := "--data " + c.site.Data
	switch {
	case isPostgres(c.site.Database):
		db, err := postgres.Open(ctx, c.site.Database, time.Now)
		if err != nil {
			return err
		}
		defer db.Close()
		to.DB = db
		where = "--database " + redactURL(c.site.Database)
	case c.site.Database != "":
		_, err := openStore(ctx, c.site, time.Now) // explains the bad value
		return err
	}
	m, err := sitecopy.Restore(ctx, file, to)
	switch {
	case errors.Is(err, sitecopy.ErrNotEmpty), errors.Is(err, sitecopy.ErrForeign):
		return fmt.Errorf("%v: nothing was restored. Restore into an empty data folder or an empty database", err)
	case errors.Is(err, sitecopy.ErrDamaged), errors.Is(err, sitecopy.ErrNewer):
		return fmt.Errorf("%s: %v; nothing was changed", file, err)
	case err != nil:
		return err
	}
	fmt.Fprintf(stdout, "Restored the backup of %s (Warta %s, from %s): %d articles, %d comments, %d users, %d media files; every table's count and checksum match.\nServe it with: warta serve %s\n",
		m.Created.Format(time.RFC3339), m.Warta, m.Source, m.Rows("articles"), m.Rows("comments"), m.Rows("users"), m.MediaFiles, where)
	return nil
}
