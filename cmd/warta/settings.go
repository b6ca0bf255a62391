package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

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
	c := newSiteCommand("settings", "Shows and changes the site's settings.", settingsUsage, getenv)
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	cmd := c.Arg(0)
	if !(cmd == "list" && c.NArg() == 1) && !(cmd == "set" && c.NArg() == 3) {
		return c.usageError(stderr)
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
	key, value := c.Arg(1), c.Arg(2)
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
