package fault

import (
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestSIGTERMUnderPageLoad stops warta with SIGTERM while readers load
// pages through a "balancer" that probes /readyz, as a load balancer
// does, and sends no new request once the probe fails. Every request
// sent must be answered: /readyz fails first, requests keep being served
// during --drain-delay, and only then does the listener close, after the
// requests in flight finish.
func TestSIGTERMUnderPageLoad(t *testing.T) {
	const drainDelay = 2 * time.Second
	p := start(t, t.TempDir(), "--demo", "--drain-delay", drainDelay.String())
	s := explore(t, p.URL)

	var (
		out        atomic.Bool // the balancer took warta out of rotation
		probeSaw   atomic.Value
		sigSent    atomic.Bool
		total      atomic.Int64
		afterSig   atomic.Int64
		failures   counter
		nFailed    atomic.Int64
		wg         sync.WaitGroup
		balancerWG sync.WaitGroup
	)
	probeSaw.Store("")
	balancerWG.Add(1)
	go func() { // the load balancer's health check
		defer balancerWG.Done()
		c := &http.Client{Timeout: 5 * time.Second}
		for !out.Load() {
			res, err := c.Get(p.URL + "/readyz")
			switch {
			case err != nil:
				probeSaw.Store("error: " + err.Error())
				out.Store(true)
			case res.StatusCode != 200:
				res.Body.Close()
				probeSaw.Store(res.Status)
				out.Store(true)
			default:
				res.Body.Close()
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client()
			for i := w; !out.Load(); i++ {
				sent := sigSent.Load()
				code, _, err := fetch(c, p.URL+s.pages[i%len(s.pages)])
				total.Add(1)
				if sent {
					afterSig.Add(1)
				}
				switch {
				case err != nil:
					nFailed.Add(1)
					failures.add(errKind(err))
				case code >= 500:
					nFailed.Add(1)
					failures.add(http.StatusText(code))
				}
			}
		}()
	}
	time.Sleep(3 * time.Second)
	sigSent.Store(true)
	p.signal(syscall.SIGTERM)
	wg.Wait()
	balancerWG.Wait()
	state := p.wait(t, time.Minute)

	t.Logf("SIGTERM under page load (8 readers, drain delay %s): %d requests, %d sent after the signal, %d failed %s; the probe saw %q; exit %v",
		drainDelay, total.Load(), afterSig.Load(), nFailed.Load(), &failures, probeSaw.Load(), state)
	if nFailed.Load() > 0 {
		t.Errorf("%d requests failed during the drain: %s", nFailed.Load(), &failures)
	}
	if saw := probeSaw.Load().(string); saw != "503 Service Unavailable" {
		t.Errorf("the balancer's probe saw %q first, want 503 while the listener is still open", saw)
	}
	if afterSig.Load() == 0 {
		t.Error("no request was served after the signal: the test proved nothing about the drain")
	}
	if !state.Success() {
		t.Errorf("warta exited with %v after SIGTERM, want 0\n%s", state, p.logTail())
	}
}
