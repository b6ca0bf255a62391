package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"warta"
	"warta/exporter"
	"warta/i18n"
)

const exportUsage = `Usage: warta export FORMAT [flags]

Writes the whole site (articles in every status, sections, tags, authors,
comments with their threads and status, media entries) to standard output
or to a file. Works while "warta serve" runs on the same site.

Formats:
  wxr    a WordPress export (WXR 1.2) that WordPress's importer reads
  json   Warta's own JSON, described in docs/export-json.md

Flags:
  --include-private   also export commenters' email, IP address and browser,
                      and staff email addresses; keep such a file safe
                      (no environment twin: ask for it each time)
  -o, --output FILE   write to FILE instead of standard output; FILE appears
                      only once the export is complete
  --base-url URL      the site's public address, for links and media URLs:
                      https://warta.example (env WARTA_BASE_URL; needed for wxr)
  --timezone ZONE     the newsroom's time zone, when the settings name none
                      (env WARTA_TIMEZONE, default Asia/Jakarta)
  --site-name NAME    the site's name, when the settings give no title
                      (env WARTA_SITE_NAME, default Warta)
  --lang id|en        the site's language, when the settings name none
                      (env WARTA_LANG)
  --data DIR          the site's data folder (env WARTA_DATA)
  --database URL      a PostgreSQL URL instead of SQLite (env WARTA_DATABASE_URL)
`

// runExport is "warta export wxr|json".
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c := newSiteCommand("export", "Exports the whole site.", exportUsage, getenv)
	var (
		private                          bool
		output, baseURL, zone, name, lng string
	)
	// No environment twin: readers' private data leaves only when someone
	// asks for it on the command line, never because of a forgotten
	// variable.
	c.BoolVar(&private, "include-private", false, "include private data")
	c.StringVar(&output, "o", "", "the file to write")
	c.StringVar(&output, "output", "", "the file to write")
	c.stringVar(&baseURL, "base-url", "WARTA_BASE_URL", "", "the site's public address")
	c.stringVar(&zone, "timezone", "WARTA_TIMEZONE", "Asia/Jakarta", "the newsroom's time zone")
	c.stringVar(&name, "site-name", "WARTA_SITE_NAME", "Warta", "the site's name")
	c.stringVar(&lng, "lang", "WARTA_LANG", i18n.DefaultLang, "the site's language")

	// The format comes first ("warta export wxr -o site.xml"), but flags
	// before it work too.
	format := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		format, args = args[0], args[1:]
	}
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	if format == "" && c.NArg() == 1 {
		format = c.Arg(0)
	} else if c.NArg() > 0 {
		return c.usageError(stderr)
	}
	var write func(context.Context, exporter.Source, io.Writer, exporter.Options) error
	switch format {
	case "wxr":
		write = exporter.WriteWXR
		if baseURL == "" {
			return fmt.Errorf("a WordPress export needs the site's public address: give it with --base-url https://your.site (or WARTA_BASE_URL); WordPress fetches the media from there")
		}
	case "json":
		write = exporter.WriteJSON
	case "":
		return c.usageError(stderr)
	default:
		fmt.Fprintf(stderr, "warta export: unknown format %q: use wxr or json\n\n%s", format, exportUsage)
		return errUsage
	}
	if baseURL != "" {
		if u, err := url.Parse(baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--base-url %q must be an absolute http or https address, like https://warta.example", baseURL)
		}
	}

	st, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	values, err := st.SettingValues(ctx)
	if err != nil {
		return err
	}
	settings, err := warta.ParseSettings(values)
	if err != nil {
		return err
	}
	// The settings staff change while the site runs win over the flags,
	// as they do for "warta serve".
	if settings.Timezone != "" {
		zone = settings.Timezone
	}
	if settings.SiteTitle != "" {
		name = settings.SiteTitle
	}
	if settings.Language != "" {
		lng = settings.Language
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return fmt.Errorf("--timezone %q is not a known time zone: use a name like Asia/Jakarta, Asia/Makassar or Asia/Jayapura", zone)
	}
	opts := exporter.Options{
		BaseURL: baseURL, Location: loc, Title: name, Tagline: settings.SiteTagline,
		Language: lng, IncludePrivate: private,
	}
	if output == "" {
		return write(ctx, st, stdout, opts)
	}
	return writeFileAtomically(output, private, func(w io.Writer) error {
		return write(ctx, st, w, opts)
	})
}

// writeFileAtomically writes to a temporary file beside name and renames
// it into place only when fill succeeds, so a failed or interrupted
// export never leaves a file that looks whole. A private export is
// readable by its owner only.
func writeFileAtomically(name string, private bool, fill func(io.Writer) error) error {
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %v: check that the folder exists and is writable", dir, unwrapAll(err))
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	mode := os.FileMode(0o644)
	if private {
		mode = 0o600
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
