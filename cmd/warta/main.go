// Command warta runs a Warta news site and looks after it.
//
//	warta serve     serve the site (SQLite in --data by default)
//	warta migrate   bring the database schema up to date
//	warta comments  moderate reader comments
//	warta user      manage staff accounts
//	warta settings  show and change the site's settings
//	warta import    bring in content from elsewhere (Markdown, WordPress)
//	warta personal-data  export or erase what the site keeps on a reader
//	warta export    write the whole site as WXR (WordPress) or JSON
//	warta version   print the version
//
// Run "warta COMMAND --help" for a command's flags. Every flag has an
// environment variable twin, named in the help text.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // so --timezone works on machines without a zoneinfo database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program, with its surroundings passed in so that tests
// can run it in-process. It returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[1], args[2:]; cmd {
	case "serve":
		err = runServe(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		err = runMigrate(ctx, rest, getenv, stdout, stderr)
	case "comments":
		err = runComments(ctx, rest, getenv, stdout, stderr)
	case "personal-data":
		err = runPersonalData(ctx, rest, getenv, stdout, stderr)
	case "user":
		err = runUser(ctx, rest, getenv, stdin, stdout, stderr)
	case "settings":
		err = runSettings(ctx, rest, getenv, stdin, stdout, stderr)
	case "import":
		err = runImport(ctx, rest, getenv, stdout, stderr)
	case "export":
		err = runExport(ctx, rest, getenv, stdout, stderr)
	case "version", "--version", "-version":
		err = runVersion(stdout)
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "warta: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil, err == errHelpShown:
		return 0
	case err == errUsage:
		return 2
	default:
		fmt.Fprintf(stderr, "warta: %v\n", err)
		return 1
	}
}

const usage = `Warta, a news publishing platform.

Usage:
  warta serve [flags]     serve the site (try: warta serve --demo)
  warta migrate [flags]   bring the database schema up to date
  warta comments ...      moderate reader comments (list, show, approve, spam, trash, restore)
  warta user ...          staff accounts (add, passwd, list, disable)
  warta settings ...      show and change the site's settings
  warta import KIND ...   bring in content from elsewhere (markdown, wxr)
  warta personal-data ... export or erase what the site keeps on a reader
  warta export wxr|json   write the whole site as WordPress WXR or Warta JSON
  warta version           print the version

Run "warta COMMAND --help" for the flags of a command.
`
