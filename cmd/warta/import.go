package main

import (
	"context"
	"fmt"
	"io"
)

const importUsage = `Usage: warta import KIND [flags] ARGS

Brings content from another publishing system into the site. Running an
import again updates what changed and adds nothing twice.

Kinds:
  markdown PATH...   Markdown files or folders with front matter (Hugo, Jekyll)
  wxr FILE           a WordPress export (Tools → Export → All content)

Run "warta import KIND --help" for the flags of a kind.
`

// runImport is "warta import": it hands over to the kind of import asked for.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, importUsage)
		return errUsage
	}
	switch kind, rest := args[0], args[1:]; kind {
	case "markdown":
		return runImportMarkdown(ctx, rest, getenv, stdout, stderr)
	case "wxr":
		return runImportWXR(ctx, rest, getenv, stdout, stderr)
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, importUsage)
		return nil
	default:
		fmt.Fprintf(stderr, "warta import: unknown kind %q\n\n%s", kind, importUsage)
		return errUsage
	}
}
