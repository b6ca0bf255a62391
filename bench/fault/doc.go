// Package fault holds Warta's fault suite: tests that build the real
// binary, run it as a separate process on loopback, and break it while
// it works — kill -9 in the middle of a comment load, SIGTERM under page
// load, a long soak under mixed load — then check that nothing
// acknowledged was lost and nothing failed that should not have.
//
// They run only when WARTA_FAULTS=1, because they take minutes, not
// seconds:
//
//	WARTA_FAULTS=1 go test -v -timeout 30m ./bench/fault/
//	WARTA_FAULTS=1 WARTA_SOAK=10m go test -v -timeout 30m -run Soak ./bench/fault/
package fault
