package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"warta"
	"warta/importer/mdimport"
	"warta/media"
	"warta/sitecopy"
)

const importMarkdownUsage = `Usage: warta import markdown [--section NAME] [--author NAME] [--dry-run] [--data DIR] [--database URL] PATH...

Imports Markdown posts with YAML (---) or TOML (+++) front matter, as Hugo
and Jekyll write them, from files or folders (walked recursively; Hugo's
_index.md and folders starting with "." or "_" are skipped, except
Jekyll's _posts and _drafts). Each file becomes an article, keyed by its
slug: running the import again updates the articles whose file changed,
with a revision, and leaves the others alone. Images the posts reference
by path go into the media library.

A file that cannot be imported is reported with its line and skipped;
the others are imported, and the exit status is 1.

Flags:
  --section NAME   section for posts whose front matter names none (made if missing)
                   (env WARTA_IMPORT_SECTION)
  --author NAME    author for posts whose front matter names none (made if missing)
                   (env WARTA_IMPORT_AUTHOR)
  --dry-run        check everything and report what would change, but save nothing
                   (env WARTA_IMPORT_DRY_RUN)
  --timezone ZONE  zone of dates written without one, unless the site's
                   site_timezone setting names one (default Asia/Jakarta)
                   (env WARTA_TIMEZONE)
  --data DIR       the site's data folder (env WARTA_DATA)
  --database URL   empty for SQLite in the data folder, or a postgres:// URL
                   (env WARTA_DATABASE_URL)
`

// runImportMarkdown is "warta import markdown".
func runImportMarkdown(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c := newSiteCommand("import markdown", "Imports Markdown posts.", importMarkdownUsage, getenv)
	var section, author, zone string
	var dryRun bool
	c.stringVar(&section, "section", "WARTA_IMPORT_SECTION", "", "section for posts whose front matter names none")
	c.stringVar(&author, "author", "WARTA_IMPORT_AUTHOR", "", "author for posts whose front matter names none")
	c.boolVar(&dryRun, "dry-run", "WARTA_IMPORT_DRY_RUN", "check and report, save nothing")
	c.stringVar(&zone, "timezone", "WARTA_TIMEZONE", "Asia/Jakarta", "zone of dates written without one")
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	if c.NArg() == 0 {
		return c.usageError(stderr)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return fmt.Errorf("--timezone %q is not a known time zone: use a name like Asia/Jakarta, Asia/Makassar or Asia/Jayapura", zone)
	}

	st, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	// The site's own settings win over the flag, as they do for "serve".
	values, err := st.SettingValues(ctx)
	if err != nil {
		return err
	}
	lim := media.DefaultLimits
	if mb, err := strconv.Atoi(values["media_max_mb"]); err == nil && mb > 0 && mb <= 20 {
		lim.MaxBytes = int64(mb) << 20
	}
	if settings, err := warta.ParseSettings(values); err == nil && settings.Timezone != "" {
		if l, err := time.LoadLocation(settings.Timezone); err == nil {
			loc = l
		}
	}
	mediaDir := filepath.Join(c.site.Data, "media")
	// With --media in a bucket, images are made in the folder and then
	// copied up (see below); open the bucket first to fail early.
	files, err := c.mediaStorage(ctx)
	if err != nil {
		return err
	}
	if !dryRun {
		if err := os.MkdirAll(mediaDir, 0o755); err != nil {
			return fmt.Errorf("cannot create the media folder %s: check the permissions of --data", mediaDir)
		}
	}

	rep, err := mdimport.Import(ctx, mdimport.Options{Store: st, MediaDir: mediaDir, Limits: lim, Location: loc,
		Now: time.Now, DefaultSection: section, DefaultAuthor: author, DryRun: dryRun}, c.Args())
	if rep != nil {
		printImportReport(rep, dryRun, stdout, stderr)
	}
	if _, inFolder := files.(media.Dir); !inFolder && !dryRun {
		if _, _, cerr := sitecopy.CopyMedia(ctx, media.Dir(mediaDir), files); cerr != nil {
			return errors.Join(err, cerr)
		}
	}
	if err != nil {
		return err
	}
	if rep.Failed > 0 {
		return fmt.Errorf("%d of %d files were not imported: correct them and run the import again (the rest is in, and nothing is added twice)",
			rep.Failed, len(rep.Files))
	}
	return nil
}

// printImportReport writes one line per file to stdout (failures to
// stderr, as "path:line: problem"), then the counts.
func printImportReport(rep *mdimport.Report, dryRun bool, stdout, stderr io.Writer) {
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, f := range rep.Files {
		if f.Outcome == mdimport.Failed {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Outcome, f.Slug, f.Path)
	}
	tw.Flush()
	for _, f := range rep.Files {
		for _, w := range f.Warnings {
			fmt.Fprintf(stdout, "note: %s: %s\n", f.Path, w)
		}
		if f.Outcome == mdimport.Failed {
			fmt.Fprintf(stderr, "not imported: %v\n", f.Err)
		}
	}
	what := "Imported"
	if dryRun {
		what = "Dry run, nothing saved; would have"
	}
	fmt.Fprintf(stdout, "%s: %d created, %d updated, %d unchanged, %d failed; %d files added to the media library.\n",
		what, rep.Created, rep.Updated, rep.Unchanged, rep.Failed, rep.MediaAdded)
}
