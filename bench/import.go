package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// importStats is the WordPress import's measurement: `warta import wxr`
// of an export that bench/wxrgen generates, into a new SQLite site.
type importStats struct {
	Posts    int     `json:"posts"`
	Comments int     `json:"comments"`
	FileMiB  float64 `json:"file_mib"`
	WallS    float64 `json:"wall_seconds"`
	UserS    float64 `json:"user_cpu_seconds"`
	SysS     float64 `json:"system_cpu_seconds"`
	PeakMiB  float64 `json:"peak_rss_mib"`
	Load1    float64 `json:"load_average_1m"`
}

// importTarget is the wall time the import of fullImportPosts posts
// must stay under: "well under a minute", taken as half of one. It
// scales with the number of posts.
const (
	fullImportPosts = 10000
	importTarget    = 30 * time.Second
)

// importSize is how many posts and comments the import step generates:
// 10,000 and 100,000 at -scale 1, as the interop issue sets.
func importSize(scale float64) (posts, comments int) {
	posts = max(20, int(fullImportPosts*scale+0.5))
	return posts, 10 * posts
}

// measureImport generates an export with bench/wxrgen and times
// bin's `import wxr` of it, in tmp. The numbers come from the child's
// own resource usage, so nothing else on the machine counts in them
// but the wall time.
func measureImport(ctx context.Context, stdout io.Writer, root, tmp, bin string, posts, comments int, seed uint64) (importStats, error) {
	s := importStats{Posts: posts, Comments: comments}
	gen := filepath.Join(tmp, "wxrgen")
	build := exec.CommandContext(ctx, "go", "build", "-o", gen, "./bench/wxrgen")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return s, fmt.Errorf("go build ./bench/wxrgen: %v\n%s", err, out)
	}
	export := filepath.Join(tmp, "export.xml")
	f, err := os.Create(export)
	if err != nil {
		return s, err
	}
	fmt.Fprintf(stdout, "generating a WordPress export of %d posts and %d comments…\n", posts, comments)
	cmd := exec.CommandContext(ctx, gen, "-posts", fmt.Sprint(posts), "-comments", fmt.Sprint(comments), "-seed", fmt.Sprint(seed))
	cmd.Stdout, cmd.Stderr = f, os.Stderr
	err = cmd.Run()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return s, fmt.Errorf("bench/wxrgen: %w", err)
	}
	defer os.Remove(export)
	if fi, err := os.Stat(export); err == nil {
		s.FileMiB = float64(fi.Size()) / (1 << 20)
	}

	site := filepath.Join(tmp, "import-site")
	defer os.RemoveAll(site)
	logPath := filepath.Join(tmp, "import.log")
	log, err := os.Create(logPath)
	if err != nil {
		return s, err
	}
	defer log.Close()
	fmt.Fprintln(stdout, "running warta import wxr…")
	imp := exec.CommandContext(ctx, bin, "import", "wxr", "--data", site, export)
	imp.Stdout, imp.Stderr = log, log
	start := time.Now()
	err = imp.Run()
	s.WallS = time.Since(start).Seconds()
	s.Load1 = loadAverage()
	if err != nil {
		return s, fmt.Errorf("warta import wxr: %v; its output is in %s:\n%s", err, logPath, tail(logPath, 15))
	}
	if ru, ok := imp.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.UserS = time.Duration(ru.Utime.Nano()).Seconds()
		s.SysS = time.Duration(ru.Stime.Nano()).Seconds()
		s.PeakMiB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	fmt.Fprintf(stdout, "imported in %.1f s\n", s.WallS)
	return s, nil
}

// want is the import's target for its number of posts.
func (s importStats) want() time.Duration {
	return time.Duration(float64(importTarget) * float64(s.Posts) / fullImportPosts)
}
