package sqlstore

import "testing"

// SetRankWindow makes Search rank n matches together for the rest of
// the test, so that a handful of articles exercises the window.
func SetRankWindow(t *testing.T, n int) {
	old := rankWindow
	rankWindow = n
	t.Cleanup(func() { rankWindow = old })
}
