package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"warta"
	"warta/auth"
)

const userUsage = `Usage: warta user [--data DIR] [--database URL] COMMAND [ARGS]

Manages the newsroom's staff accounts; works while "warta serve" runs.

Commands:
  add --email E --name N --role R [--password-stdin]
                      add an account (roles: contributor, author, editor,
                      administrator); prints a generated password once,
                      unless --password-stdin reads one from standard input
  passwd [--password-stdin] EMAIL
                      set a new password (generated unless --password-stdin)
                      and log the account out everywhere
  list                every account with its role
  disable EMAIL       stop an account from logging in, and end its sessions
`

func runUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	c := newSiteCommand("user", "Manages staff accounts.", userUsage, getenv)
	if err := c.parse(args, stdout, stderr); err != nil {
		return err
	}
	if c.NArg() == 0 {
		return c.usageError(stderr)
	}
	st, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	cmd, rest := c.Arg(0), c.Args()[1:]
	switch cmd {
	case "add":
		return addUser(ctx, st, rest, getenv, stdin, stdout, stderr)
	case "passwd":
		return setPassword(ctx, st, rest, getenv, stdin, stdout, stderr)
	case "list":
		users, err := st.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tSTATE")
		for _, u := range users {
			state := "active"
			if u.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role, state)
		}
		return tw.Flush()
	case "disable":
		if len(rest) != 1 {
			fmt.Fprint(stderr, userUsage)
			return errUsage
		}
		u, err := userByEmail(ctx, st, rest[0])
		if err != nil {
			return err
		}
		u.Disabled = true
		if err := st.UpdateUser(ctx, u); err != nil {
			return err
		}
		if err := st.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		st.AddAudit(ctx, &warta.AuditEntry{Action: "user.disable", Subject: "user " + strconv.FormatInt(u.ID, 10) + ": " + u.Email, Detail: "from the command line"})
		fmt.Fprintf(stdout, "%s can no longer log in\n", u.Email)
		return nil
	default:
		fmt.Fprintf(stderr, "warta user: unknown command %q\n\n%s", cmd, userUsage)
		return errUsage
	}
}

func addUser(ctx context.Context, st store, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("user add", "Adds a staff account.", getenv)
	var email, name, role string
	var fromStdin bool
	fs.StringVar(&email, "email", "", "the email to log in with")
	fs.StringVar(&name, "name", "", "the name shown in bylines")
	fs.StringVar(&role, "role", "", "contributor, author, editor or administrator")
	fs.BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input instead of generating one")
	if err := fs.parse(args, stdout, stderr); err != nil {
		return err
	}
	if !warta.Role(role).Valid() {
		return fmt.Errorf("--role %q: use contributor, author, editor or administrator", role)
	}
	password, generated, err := newPassword(stdin, fromStdin)
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return fmt.Errorf("%s", passwordProblem(err))
	}
	u := &warta.User{Email: email, Name: name, Role: warta.Role(role), PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		return userProblem(err)
	}
	st.AddAudit(ctx, &warta.AuditEntry{Action: "user.add", Subject: "user " + strconv.FormatInt(u.ID, 10) + ": " + u.Email, Detail: string(u.Role)})
	fmt.Fprintf(stdout, "added %s (%s)\n", u.Email, u.Role)
	if generated {
		fmt.Fprintf(stdout, "password: %s\n(shown once: give it to %s, who can change it under Profile)\n", password, u.Name)
	}
	return nil
}

func setPassword(ctx context.Context, st store, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("user passwd", "Sets a new password.", getenv)
	var fromStdin bool
	fs.BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input instead of generating one")
	if err := fs.parse(args, stdout, stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, userUsage)
		return errUsage
	}
	u, err := userByEmail(ctx, st, fs.Arg(0))
	if err != nil {
		return err
	}
	password, generated, err := newPassword(stdin, fromStdin)
	if err != nil {
		return err
	}
	if u.PasswordHash, err = auth.HashPassword(password); err != nil {
		return fmt.Errorf("%s", passwordProblem(err))
	}
	if err := st.UpdateUser(ctx, u); err != nil {
		return err
	}
	// A new password means every old session was possibly someone else's.
	if err := st.DeleteUserSessions(ctx, u.ID); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "new password set for %s; logged out everywhere\n", u.Email)
	if generated {
		fmt.Fprintf(stdout, "password: %s\n", password)
	}
	return nil
}

// newPassword reads one line from stdin, or generates a password.
func newPassword(stdin io.Reader, fromStdin bool) (password string, generated bool, err error) {
	if !fromStdin {
		return auth.GeneratePassword(), true, nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", false, err
	}
	return strings.TrimRight(line, "\r\n"), false, nil
}

func userByEmail(ctx context.Context, st store, email string) (*warta.User, error) {
	u, err := st.UserByEmail(ctx, email)
	if warta.IsNotFound(err) {
		return nil, fmt.Errorf("there is no account %q; \"warta user list\" shows them", email)
	}
	return u, err
}

func passwordProblem(err error) string {
	var e *warta.Error
	if ok := asWartaError(err, &e); ok && e.Fields["password"] == "error.password_too_short" {
		return fmt.Sprintf("the password is too short: use at least %d characters", auth.MinPasswordLen)
	} else if ok && e.Fields["password"] == "error.password_too_long" {
		return fmt.Sprintf("the password is too long: use at most %d bytes", auth.MaxPasswordLen)
	}
	return err.Error()
}

func userProblem(err error) error {
	var e *warta.Error
	if asWartaError(err, &e) {
		switch {
		case e.Fields["email"] == "error.email_taken":
			return fmt.Errorf("an account with that email exists already")
		case e.Fields["email"] != "":
			return fmt.Errorf("--email is not a valid email address")
		case e.Fields["name"] != "":
			return fmt.Errorf("--name is required (at most 200 characters)")
		}
	}
	return err
}

// firstUsers makes the first administrator when the site has no users,
// and prints its password once; with --demo, a few demo staff too.
func firstUsers(ctx context.Context, st store, demoStaff bool, stdout io.Writer) error {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	staff := []struct {
		email, name string
		role        warta.Role
	}{{"admin@warta.example", "Administrator", warta.RoleAdministrator}}
	if demoStaff {
		staff = append(staff,
			struct {
				email, name string
				role        warta.Role
			}{"editor@warta.example", "Ratna Editor", warta.RoleEditor},
			struct {
				email, name string
				role        warta.Role
			}{"penulis@warta.example", "Bima Penulis", warta.RoleAuthor},
			struct {
				email, name string
				role        warta.Role
			}{"kontributor@warta.example", "Laras Kontributor", warta.RoleContributor},
		)
	}
	fmt.Fprintln(stdout, "This site had no staff accounts, so Warta made these (passwords are shown only now):")
	for _, s := range staff {
		password := auth.GeneratePassword()
		hash, err := auth.HashPassword(password)
		if err != nil {
			return err
		}
		u := &warta.User{Email: s.email, Name: s.name, Role: s.role, PasswordHash: hash}
		if err := st.CreateUser(ctx, u); err != nil {
			return fmt.Errorf("creating the first accounts: %w", err)
		}
		fmt.Fprintf(stdout, "  %-14s %-28s password: %s\n", s.role, s.email, password)
	}
	fmt.Fprintln(stdout, "Log in at /admin/ and change the password under Profile; \"warta user passwd EMAIL\" sets a new one.")
	return nil
}
