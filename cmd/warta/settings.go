package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"warta"
)

const settingsUsage = `Usage: warta settings [--data DIR] [--database URL] COMMAND

Shows and changes the site's settings; a running server sees a change at once.

Commands:
  list               every setting, its value and what it does
  set KEY VALUE      change one; for a list, put one entry per line in VALUE,
                     or give - as VALUE to read the lines from standard input
`

func runSettings(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("settings", "Shows and changes the site's settings.", getenv)
	var site siteFlags
	site.register(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), settingsUsage) }
	if err := fs.parse(args, stdout, stderr); err != nil {
		return err
	}
	cmd := fs.Arg(0)
	if !(cmd == "list" && fs.NArg() == 1) && !(cmd == "set" && fs.NArg() == 3) {
		fmt.Fprint(stderr, settingsUsage)
		return errUsage
	}
	st, err := openStore(ctx, site, time.Now)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	values, err := st.SettingValues(ctx)
	if err != nil {
		return err
	}
	s, err := warta.ParseSettings(values)
	if err != nil {
		return err
	}
	if cmd == "list" {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		current := s.Values()
		for _, kv := range warta.SettingKeys() {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", kv[0], strings.ReplaceAll(current[kv[0]], "\n", ", "), kv[1])
		}
		return tw.Flush()
	}
	key, value := fs.Arg(1), fs.Arg(2)
	if value == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, 1<<20))
		if err != nil {
			return err
		}
		value = string(b)
	}
	if err := s.Set(key, value); err != nil {
		return fmt.Errorf("%s", warta.ErrorMessage(err))
	}
	if err := st.SetSetting(ctx, key, s.Values()[key]); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s = %s\n", key, strings.ReplaceAll(s.Values()[key], "\n", ", "))
	return nil
}
