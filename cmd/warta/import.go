package main

import (
	"context"
	"fmt"
	"io"
)

const importUsage = `Usage: warta import KIND [flags] ...

Moves a site's content into this one. Running the same import again
updates what it made and adds what is new; it never makes copies.

Kinds:
  wxr FILE     a WordPress export (Tools → Export → All content)

Run "warta import KIND --help" for the flags of a kind.
`

// runImport is "warta import": it hands each kind of source to its own
// command.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, importUsage)
		return errUsage
	}
	switch kind, rest := args[0], args[1:]; kind {
	case "wxr":
		return runImportWXR(ctx, rest, getenv, stdout, stderr)
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, importUsage)
		return nil
	default:
		fmt.Fprintf(stderr, "warta import: unknown import kind %q\n\n%s", kind, importUsage)
		return errUsage
	}
}
