package storetest

import (
	"sync"
	"testing"
	"time"

	"warta"
)

// Start is the time every test clock starts at: 19 June 2024, 14.05 WIB.
var Start = time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC)

// TestClock is a clock that only moves when told to.
type TestClock struct {
	mu        sync.Mutex
	now       time.Time
	requested bool // Clock was called: the store under test uses this clock
}

// Now returns the clock's time.
func (c *TestClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *TestClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var clocks sync.Map // testing.TB → *TestClock

// Clock returns the clock for test tb, starting at Start. The open
// function given to Run must pass it to the store it opens, so that the
// suite can move "now" (for example to see UpdatedAt change).
func Clock(tb testing.TB) warta.Clock {
	c := clockFor(tb)
	c.mu.Lock()
	c.requested = true
	c.mu.Unlock()
	return c.Now
}

func clockFor(tb testing.TB) *TestClock {
	c, loaded := clocks.LoadOrStore(tb, &TestClock{now: Start})
	if !loaded {
		tb.Cleanup(func() { clocks.Delete(tb) })
	}
	return c.(*TestClock)
}
