package wxr

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Report tells what an import did. Counts are per kind of thing made or
// updated here ("articles", "pages", "comments", "media", "sections",
// "tags", "authors", "authors mapped", "users", "redirects"); comments
// are also counted by status ("comments approved", …).
type Report struct {
	Source string // the site the export came from
	Counts map[string]int
	// Skipped lists what was not imported, and why.
	Skipped []Problem
	// Notes lists what was imported with a change the editor should know of
	// (a renamed slug, a reply whose parent is missing).
	Notes []Problem
	// Shortcodes counts the shortcodes the body converter did not know;
	// they are kept in the text, visibly, for an editor to replace.
	Shortcodes map[string]int
	// Dropped counts what the body converter removed because it has no
	// Markdown form (server-rendered blocks, galleries without images).
	Dropped map[string]int
	// MediaFailures lists attachments whose file could not be had.
	MediaFailures []Problem

	mu sync.Mutex
}

// Problem is one item the report mentions.
type Problem struct {
	What   string // "post 12", "comment 7 on post 12", "attachment 30"
	Line   int    // where the item starts in the file; 0 when unknown
	Reason string
	count  int // more of the same, beyond the first
}

func (p Problem) String() string {
	if p.count > 0 {
		return fmt.Sprintf("%d %s: %s", p.count+1, p.What, p.Reason)
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s (line %d): %s", p.What, p.Line, p.Reason)
	}
	return p.What + ": " + p.Reason
}

func newReport() *Report {
	return &Report{Counts: map[string]int{}, Shortcodes: map[string]int{}, Dropped: map[string]int{}}
}

func (r *Report) count(kind string, n int) {
	r.mu.Lock()
	r.Counts[kind] += n
	r.mu.Unlock()
}

func (r *Report) skip(what string, line int, format string, args ...any) {
	r.mu.Lock()
	r.Skipped = append(r.Skipped, Problem{What: what, Line: line, Reason: fmt.Sprintf(format, args...)})
	r.mu.Unlock()
}

func (r *Report) note(what string, line int, format string, args ...any) {
	r.mu.Lock()
	r.Notes = append(r.Notes, Problem{What: what, Line: line, Reason: fmt.Sprintf(format, args...)})
	r.mu.Unlock()
}

func (r *Report) mediaFailure(what string, line int, format string, args ...any) {
	r.mu.Lock()
	r.MediaFailures = append(r.MediaFailures, Problem{What: what, Line: line, Reason: fmt.Sprintf(format, args...)})
	r.mu.Unlock()
}

// reportKinds is the order the counts are printed in.
// "authors mapped" (logins an author map sent to people already here)
// is printed only when a map was given.
var reportKinds = []string{"articles", "pages", "comments", "media", "sections", "tags", "authors", "authors mapped", "users", "redirects"}

// Write prints the report for a person: counts, then every skipped item,
// note, unknown shortcode and media failure.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "Imported from %s:\n", r.Source)
	for _, k := range reportKinds {
		if _, ok := r.Counts[k]; !ok && k == "authors mapped" {
			continue
		}
		fmt.Fprintf(w, "  %-14s %d\n", k, r.Counts[k])
	}
	var statuses []string
	for k := range r.Counts {
		if strings.HasPrefix(k, "comments ") {
			statuses = append(statuses, k)
		}
	}
	slices.Sort(statuses)
	for _, k := range statuses {
		fmt.Fprintf(w, "    %-20s %d\n", strings.TrimPrefix(k, "comments "), r.Counts[k])
	}
	section := func(title string, list []Problem) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d):\n", title, len(list))
		for _, p := range list {
			fmt.Fprintf(w, "  - %s\n", p)
		}
	}
	section("Skipped", r.Skipped)
	section("Imported with changes", r.Notes)
	if len(r.Shortcodes) > 0 {
		fmt.Fprintf(w, "\nUnknown shortcodes, kept in the text for an editor to replace:\n")
		for _, name := range slices.Sorted(maps.Keys(r.Shortcodes)) {
			fmt.Fprintf(w, "  [%s] in %d items\n", name, r.Shortcodes[name])
		}
	}
	if len(r.Dropped) > 0 {
		fmt.Fprintf(w, "\nRemoved from bodies, to redo by hand where it mattered:\n")
		for _, name := range slices.Sorted(maps.Keys(r.Dropped)) {
			fmt.Fprintf(w, "  %s in %d items\n", name, r.Dropped[name])
		}
	}
	section("Media not imported", r.MediaFailures)
}
