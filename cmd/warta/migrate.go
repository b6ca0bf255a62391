package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// runMigrate applies the schema migrations the database lacks. It is safe
// to run while "warta serve" runs on the same site.
func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", "Brings the database schema up to date. \"warta serve\" does this too, at start.", getenv)
	var site siteFlags
	site.register(fs)
	if err := fs.parse(args, stdout, stderr); err != nil {
		return err
	}
	st, err := openStore(ctx, site, time.Now)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "The database schema is up to date.")
		return nil
	}
	for _, m := range applied {
		fmt.Fprintf(stdout, "applied %s\n", m)
	}
	return nil
}
