// Package testfixture finds test data that is not ours to commit, such as
// WordPress's own theme unit test export, which lives in the shared folder
// beside the repository (<repo>/../shared/fixtures/).
package testfixture

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// ThemeUnitTestWXR returns the path of WordPress's theme unit test export.
// WARTA_WXR_FIXTURE names it directly; otherwise it is looked for in a
// "shared" folder beside the repository or up to two levels above (a git
// worktree sits one level deeper). When it is missing the test skips and
// says where it looked, unless WARTA_REQUIRE_FIXTURES=1 (CI), which makes
// that a failure.
func ThemeUnitTestWXR(t testing.TB) string {
	t.Helper()
	tried := []string{}
	if p := os.Getenv("WARTA_WXR_FIXTURE"); p != "" {
		tried = append(tried, p)
	} else {
		_, file, _, _ := runtime.Caller(0)
		repo := filepath.Dir(filepath.Dir(filepath.Dir(file))) // internal/testfixture/… → repo
		for dir, i := repo, 0; i < 3; dir, i = filepath.Dir(dir), i+1 {
			tried = append(tried, filepath.Join(filepath.Dir(dir), "shared", "fixtures", "wxr", "themeunittestdata.wordpress.xml"))
		}
	}
	for _, p := range tried {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("WARTA_REQUIRE_FIXTURES") == "1" {
		t.Fatalf("WordPress's theme unit test export is missing (looked at %v); put it there or set WARTA_WXR_FIXTURE", tried)
	}
	t.Skipf("WordPress's theme unit test export not found (looked at %v); set WARTA_WXR_FIXTURE, or WARTA_REQUIRE_FIXTURES=1 to fail instead", tried)
	return ""
}
