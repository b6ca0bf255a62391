package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"warta"
	"warta/importer/wxr"
	"warta/media"
	"warta/sitecopy"
)

const importWXRUsage = `Usage: warta import wxr [--data DIR] [--database URL] [flags] FILE

Imports a WordPress export (WXR 1.0 to 1.2): posts become articles,
pages pages, the primary category (Yoast's, else the first) the section
and the other categories tags, authors author profiles with disabled
staff accounts, comments comments with their threads, and image
attachments media. Every old address (/?p=ID, /YYYY/MM/DD/slug/,
/category/x/, …) redirects to the new one.

Each item is saved whole or not at all; if the import stops, run it
again: it goes on where it stopped and duplicates nothing. A file that
is not a complete export is refused before anything is imported.

Flags:
  --uploads DIR     a copy of the old site's wp-content/uploads folder
  --fetch-media     download attachments that --uploads does not have
  --timezone ZONE   the site's time zone, as for "warta serve" (env WARTA_TIMEZONE)
  --author-map FILE
                    WordPress logins that are people already on the staff
                    (env WARTA_IMPORT_AUTHOR_MAP); one mapping a line, # for comments:
                      bsantoso = budi.santoso@redaksi.id   (a staff account's email)
                      rina     = rina-pertiwi              (an author profile's slug)
                      tamu     = -                         (no personal byline: signed "Redaksi")
                    Mapped logins make no new profile or account; their posts are
                    signed by the staff's profile. The whole map is checked first.
  --data, --database  as for "warta serve"
`

// runImportWXR is "warta import wxr FILE".
func runImportWXR(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c := newSiteCommand("import wxr", "Imports a WordPress export.", importWXRUsage, getenv)
	var uploads, timezone, authorMap string
	var fetch bool
	c.stringVar(&uploads, "uploads", "WARTA_IMPORT_UPLOADS", "", "a copy of the old site's wp-content/uploads folder")
	c.boolVar(&fetch, "fetch-media", "WARTA_IMPORT_FETCH_MEDIA", "download attachments that --uploads does not have")
	c.stringVar(&timezone, "timezone", "WARTA_TIMEZONE", "Asia/Jakarta", "the site's time zone, as for serve")
	c.stringVar(&authorMap, "author-map", "WARTA_IMPORT_AUTHOR_MAP", "", "a file of WP_LOGIN = EMAIL or SLUG lines for people already on the staff")
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	if c.NArg() != 1 {
		return c.usageError(stderr)
	}
	file := c.Arg(0)
	if fi, err := os.Stat(file); err != nil || fi.IsDir() {
		return fmt.Errorf("%s is not a file: give the path of the export WordPress made (Tools → Export)", file)
	}
	if uploads != "" {
		if fi, err := os.Stat(uploads); err != nil || !fi.IsDir() {
			return fmt.Errorf("--uploads %s is not a folder: give the copy of wp-content/uploads", uploads)
		}
	}
	if authorMap != "" {
		if fi, err := os.Stat(authorMap); err != nil || fi.IsDir() {
			return fmt.Errorf("--author-map %s is not a file: give a text file of WP_LOGIN = EMAIL or SLUG lines", authorMap)
		}
	}
	loc, err := time.LoadLocation(timezone)
	if err != nil {
		return fmt.Errorf("--timezone %q is not a known time zone: use a name like Asia/Jakarta", timezone)
	}
	mediaDir := filepath.Join(c.site.Data, "media")
	if err := os.MkdirAll(mediaDir, 0o755); err != nil {
		return fmt.Errorf("cannot create the media folder %s: check the permissions of --data", mediaDir)
	}
	// With --media in a bucket, files are made in the folder and then
	// copied up, as "import markdown" does; open the bucket first to fail
	// before anything is imported.
	files, err := c.mediaStorage(ctx)
	if err != nil {
		return err
	}
	st, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	// The site's own settings win over the flag, as they do for "serve":
	// article addresses and the redirects to them depend on the zone.
	values, err := st.SettingValues(ctx)
	if err != nil {
		return err
	}
	lim := media.SettingsLimits(values)
	if settings, err := warta.ParseSettings(values); err == nil && settings.Timezone != "" {
		if l, err := time.LoadLocation(settings.Timezone); err == nil {
			loc = l
		}
	}

	opt := wxr.Options{MediaDir: mediaDir, Uploads: uploads, FetchMedia: fetch, Location: loc, MediaLimits: lim, AuthorMap: authorMap}
	opt.Progress = progress(stderr)
	start := time.Now()
	report, err := wxr.Import(ctx, st, file, opt)
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintln(stderr)
	}
	var fe *wxr.Error
	if errors.As(err, &fe) {
		return fmt.Errorf("%s: %v\nnothing was imported", file, fe)
	}
	var me *wxr.AuthorMapError
	if errors.As(err, &me) {
		return fmt.Errorf("%v\nnothing was imported", me)
	}
	if report != nil {
		report.Write(stdout)
		fmt.Fprintf(stdout, "\nTook %s.\n", time.Since(start).Round(time.Millisecond))
	}
	if _, inFolder := files.(media.Dir); !inFolder {
		// Even after a stop: what was imported must be servable.
		if _, _, cerr := sitecopy.CopyMedia(ctx, media.Dir(mediaDir), files); cerr != nil {
			return errors.Join(err, fmt.Errorf("copying the imported media to --media: %w", cerr))
		}
	}
	if err != nil {
		return fmt.Errorf("the import stopped: %w; what was imported is whole, run the same command again to go on", err)
	}
	return nil
}

// progress shows a bar with counts and rate on a terminal, and a plain
// line every 1,000 items (and at the end) anywhere else.
func progress(w io.Writer) func(done, total int) {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		var bar *progressbar.ProgressBar
		return func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w),
					progressbar.OptionSetDescription("posts and pages"), progressbar.OptionShowCount(),
					progressbar.OptionShowIts(), progressbar.OptionSetItsString("items"), progressbar.OptionThrottle(100*time.Millisecond))
			}
			bar.Set(done)
		}
	}
	return func(done, total int) {
		if done%1000 == 0 || done == total {
			fmt.Fprintf(w, "imported %d of %d posts and pages\n", done, total)
		}
	}
}
