package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

var (
	// errHelpShown means --help was asked for and answered: exit 0.
	errHelpShown = errors.New("help shown")
	// errUsage means the flags were wrong and the problem was printed: exit 2.
	errUsage = errors.New("usage")
)

// flagSet is a flag.FlagSet whose flags each have an environment twin:
// the twin sets the default, the flag wins over it.
type flagSet struct {
	*flag.FlagSet
	getenv func(string) string
}

func newFlagSet(name, summary string, getenv func(string) string) *flagSet {
	fs := flag.NewFlagSet("warta "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints errors itself, to the right stream
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: warta %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(w, "  --%s", f.Name)
			if name != "" {
				fmt.Fprintf(w, " %s", name)
			}
			if f.DefValue != "" && f.DefValue != "false" {
				usage += fmt.Sprintf("\n(default %s)", f.DefValue)
			}
			fmt.Fprintf(w, "\n      %s\n", strings.ReplaceAll(usage, "\n", "\n      "))
		})
	}
	return &flagSet{FlagSet: fs, getenv: getenv}
}

// stringVar defines --name with the environment twin env.
func (fs *flagSet) stringVar(p *string, name, env, def, usage string) {
	if v := fs.getenv(env); v != "" {
		def = v
	}
	fs.StringVar(p, name, def, fmt.Sprintf("%s\n(env %s)", usage, env))
}

// boolVar defines a boolean --name with the environment twin env, which
// is true when set to 1, true or yes.
func (fs *flagSet) boolVar(p *bool, name, env string, usage string) {
	v := strings.ToLower(fs.getenv(env))
	fs.BoolVar(p, name, v == "1" || v == "true" || v == "yes", fmt.Sprintf("%s\n(env %s)", usage, env))
}

// parse parses args. --help prints the usage to stdout; a wrong flag
// prints the problem and a hint to stderr.
func (fs *flagSet) parse(args []string, stdout, stderr io.Writer) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return errHelpShown
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\nRun \"%s --help\" to see the flags.\n", fs.Name(), err, fs.Name())
		return errUsage
	}
	return nil
}

// siteFlags are the flags of every command that works on a site: where
// its data folder is and which database holds it.
type siteFlags struct {
	Data     string
	Database string
	Media    string // empty for DATA/media, or s3://… (see openMedia)
}

func (s *siteFlags) register(fs *flagSet) {
	fs.stringVar(&s.Data, "data", "WARTA_DATA", "./warta-data",
		"the site's data folder: the SQLite database and uploaded media live here")
	fs.stringVar(&s.Database, "database", "WARTA_DATABASE_URL", "",
		"empty for SQLite in the data folder, or a PostgreSQL URL:\npostgres://user:password@host:5432/dbname")
	fs.stringVar(&s.Media, "media", "WARTA_MEDIA", "",
		"where uploaded media live: empty for the data folder's media/, or an S3-compatible bucket:\ns3://bucket?endpoint=host:port&region=region (keys in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)")
}

// siteCommand is a subcommand that works on a site: its flags, which
// include --data and --database, and its usage text.
type siteCommand struct {
	*flagSet
	site  siteFlags
	usage string
}

func newSiteCommand(name, summary, usage string, getenv func(string) string) *siteCommand {
	c := &siteCommand{flagSet: newFlagSet(name, summary, getenv), usage: usage}
	c.site.register(c.flagSet)
	c.Usage = func() { fmt.Fprint(c.Output(), usage) }
	return c
}

// usageError prints the usage to stderr and returns errUsage.
func (c *siteCommand) usageError(stderr io.Writer) error {
	fmt.Fprint(stderr, c.usage)
	return errUsage
}

// openStore opens the site's database and brings its schema up to date,
// so that a command run before the first "serve" still works.
func (c *siteCommand) openStore(ctx context.Context) (store, error) {
	st, err := openStore(ctx, c.site, time.Now)
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
