package main

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium to drive. Outside CI a missing browser
// skips the test with the reason; with WARTA_REQUIRE_BROWSER=1 (set by
// .ci/run) it fails.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const reason = "Chromium not found: install it (apt-get install -y chromium) to run the browser test"
	if os.Getenv("WARTA_REQUIRE_BROWSER") == "1" {
		t.Fatal(reason + "; WARTA_REQUIRE_BROWSER=1 makes this a failure")
	}
	t.Skip(reason)
	return ""
}

// MustStartBrowser starts a headless Chromium for the test and returns
// its tab's context, open and ready.
func MustStartBrowser(t *testing.T) context.Context {
	t.Helper()
	chrome := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(cancelTimeout)
	// Open the tab now, so that a listener sees every request after this.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// TestBrowserReadsAnArticle opens the home page in a real headless
// Chromium, follows the first headline, checks the article's h1, and
// checks that the browser asked no host but the test server for anything.
func TestBrowserReadsAnArticle(t *testing.T) {
	ctx := MustStartBrowser(t)
	s := MustServe(t, "--data", t.TempDir(), "--demo")
	server, _ := url.Parse(s.URL)
	var mu sync.Mutex
	var requested []string
	err := chromedp.Listen(ctx, func(ev any) {
		// This runs in the tab's event loop: record and return.
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.URL)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}

	lead := chromedp.CSS(".lead-headline a")
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(lead)); err != nil {
		t.Fatalf("opening the home page: %v\nserver log: %s", err, s.Stderr)
	}
	headline, err := chromedp.Run(ctx, chromedp.Text(lead))
	if err != nil {
		t.Fatal(err)
	}
	h1Sel := chromedp.CSS("article.article h1")
	if err := chromedp.Do(ctx, chromedp.Click(lead), chromedp.WaitVisible(h1Sel)); err != nil {
		t.Fatalf("following the headline: %v\nserver log: %s", err, s.Stderr)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(h1Sel))
	if err != nil {
		t.Fatal(err)
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(headline) == "" || strings.TrimSpace(h1) != strings.TrimSpace(headline) {
		t.Errorf("article h1 %q, want the headline clicked %q", h1, headline)
	}
	if !strings.HasPrefix(location, s.URL+"/") || location == s.URL+"/" {
		t.Errorf("browser is at %q, want an article under %s", location, s.URL)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(requested) < 3 { // two pages and at least the stylesheet
		t.Errorf("saw only %d requests; the network listener is not working: %v", len(requested), requested)
	}
	for _, raw := range requested {
		u, err := url.Parse(raw)
		if err != nil {
			t.Errorf("unparseable request URL %q", raw)
			continue
		}
		if u.Scheme == "data" {
			continue
		}
		if u.Host != server.Host {
			t.Errorf("the browser requested %s, a host other than the test server %s", raw, server.Host)
		}
	}
}
