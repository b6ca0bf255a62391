package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"time"

	"warta/media"
	"warta/postgres"
	"warta/sitecopy"
	"warta/sqlite"
)

const migrateDBUsage = `Usage: warta migrate-db [--data DIR] [--database URL] --to TARGET [--force]

Copies the whole site into an empty database of the other kind, checks
the copy table by table (row counts and checksums), and tells you the one
flag to change. The site may keep running meanwhile: the copy is of one
instant, and later writes are not carried over, so stop writing (or run
it again with --force) before you switch.

  From SQLite (the default):  --to postgres://user:password@host:5432/dbname
  From PostgreSQL:            --to DIR (a data folder for the SQLite file;
                              the media are copied there too when it is
                              not the site's --data)

Sessions are not copied: staff sign in again. The search index is rebuilt.

Flags:
  --data DIR        the site's data folder (env WARTA_DATA)
  --database URL    the site's PostgreSQL, empty for SQLite (env WARTA_DATABASE_URL)
  --to TARGET       where to copy it (env WARTA_MIGRATE_TO)
  --force           empty Warta's tables in the target first, instead of
                    refusing a target that holds a site (env WARTA_MIGRATE_FORCE)
`

func runMigrateDB(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c := newSiteCommand("migrate-db", "Copies the site into a database of the other kind.", migrateDBUsage, getenv)
	var to string
	var force bool
	c.stringVar(&to, "to", "WARTA_MIGRATE_TO", "", "the target: a postgres:// URL, or a data folder")
	c.boolVar(&force, "force", "WARTA_MIGRATE_FORCE", "empty the target's Warta tables first")
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	if to == "" || c.NArg() != 0 {
		return c.usageError(stderr)
	}
	fromPG := isPostgres(c.site.Database)
	switch {
	case !fromPG && !isPostgres(to):
		return fmt.Errorf("the site is on SQLite, so --to must be a postgres:// URL (an empty PostgreSQL database), not %q", to)
	case fromPG && isPostgres(to):
		return errors.New("the site is on PostgreSQL, so --to must be a data folder for SQLite; to copy between PostgreSQL servers use pg_dump")
	}

	src, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer src.Close()
	from, ok := src.(sitecopy.Store)
	if !ok {
		return fmt.Errorf("migrate-db cannot copy from a %T", src)
	}
	var dst sitecopy.Store
	if fromPG {
		db, err := sqlite.Open(ctx, to, time.Now)
		if err != nil {
			return err
		}
		defer db.Close()
		dst = db
	} else {
		db, err := postgres.Open(ctx, to, time.Now)
		if err != nil {
			return err
		}
		defer db.Close()
		dst = db
	}

	started := time.Now()
	rep, err := sitecopy.Copy(ctx, from, dst, sitecopy.Options{Force: force, Log: stdout})
	switch {
	case errors.Is(err, sitecopy.ErrNotEmpty):
		return fmt.Errorf("%v: nothing was copied. Choose an empty database, or add --force to replace everything Warta keeps there", err)
	case errors.Is(err, sitecopy.ErrForeign):
		return fmt.Errorf("%v: nothing was written. Choose an empty database made for Warta", err)
	case err != nil:
		return err
	}
	var rows int64
	for _, t := range rep.Tables {
		rows += t.Rows
	}
	fmt.Fprintf(stdout, "Copied %d rows in %d tables (schema version %d) in %s; every table's count and checksum match.\n",
		rows, len(rep.Tables), rep.Schema, time.Since(started).Round(time.Millisecond))

	if !fromPG {
		shown, note := redactURL(to), ""
		if shown != to {
			note = "   (with your password in place of xxxxx)"
		}
		fmt.Fprintf(stdout, "\nTo serve the site from PostgreSQL, change one flag (keep --data and --media: the media stay where they are):\n  --database %s%s\n", shown, note)
		return nil
	}
	if c.site.Media != "" {
		fmt.Fprintf(stdout, "The media stay in %s: keep --media.\n", c.site.Media)
	} else if same, err := sameFolder(c.site.Data, to); err != nil {
		return err
	} else if !same {
		n, size, err := sitecopy.CopyMedia(ctx, media.Dir(filepath.Join(c.site.Data, "media")), media.Dir(filepath.Join(to, "media")))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Copied %d media files (%d bytes) to %s.\n", n, size, filepath.Join(to, "media"))
	}
	fmt.Fprintf(stdout, "\nTo serve the site from SQLite, change one flag: drop --database (WARTA_DATABASE_URL) and serve with\n  --data %s\n", to)
	return nil
}

// redactURL hides the password of a database URL.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(the URL you gave)"
	}
	return u.Redacted()
}

// sameFolder reports whether a and b name one folder.
func sameFolder(a, b string) (bool, error) {
	x, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	y, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	return filepath.Clean(x) == filepath.Clean(y), nil
}
