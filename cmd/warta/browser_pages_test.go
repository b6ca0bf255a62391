package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPageInFooterMenu: an editor writes a standing page, publishes
// it, puts it in the footer menu with the menu screen's buttons (no
// script needed), and a reader finds it in the footer of the home page.
func TestBrowserPageInFooterMenu(t *testing.T) {
	ctx := MustStartBrowser(t)
	s := MustServe(t, "--data", t.TempDir(), "--demo")

	// The demo's menu first, as a reader sees it. Not on the home page:
	// the browser may keep that for the cache_max_age setting, and the
	// reader's visit to it below must be its first.
	footer := func() []string {
		t.Helper()
		return mustRun(t, ctx, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("footer nav.footer-nav a")).map(a => a.textContent + " " + a.getAttribute("href"))`))
	}
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL+"/section/nasional/"), chromedp.WaitVisible(chromedp.CSS("footer nav.footer-nav"))))
	if got := strings.Join(footer(), ", "); got != "Tentang Kami /tentang-kami/, Redaksi /redaksi/, Pedoman Media Siber /pedoman-media-siber/, Kontak /kontak/" {
		t.Fatalf("the demo's footer menu is %q", got)
	}

	logIn(t, ctx, s.URL, "editor@warta.example", staffPassword(t, s, "editor@warta.example"))
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/admin/pages"),
		chromedp.Click(chromedp.CSS(`a[href="/admin/pages/new"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-title")),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Karier di Warta"),
		chromedp.SendKeys(chromedp.CSS("#f-menu_label"), "Karier"),
		chromedp.SetValue(chromedp.CSS("#f-body"), "Kami mencari **reporter** untuk desk Ekonomi."),
		chromedp.Click(chromedp.CSS(`button[name=action][value=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	))
	if loc := mustRun(t, ctx, chromedp.Location()); !strings.Contains(loc, "done=published") {
		t.Fatalf("after publishing the browser is at %s", loc)
	}
	id := mustRun(t, ctx, chromedp.Evaluate[string](`location.pathname.split("/").pop()`))

	// Into the menu at the end, then one step up, before Kontak.
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/admin/pages/menu"),
		chromedp.WaitVisible(chromedp.CSS("#pos-"+id)),
		chromedp.SetValue(chromedp.CSS("#pos-"+id), "9"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/pages/menu"] button:not([name])`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
		// The move lands on the same address with the same notice: take
		// this one away so that waiting for it waits for the new page.
		chromedp.Evaluate[chromedp.Void](`document.querySelector(".notice").remove()`),
		chromedp.Click(chromedp.CSS(`button[name=move][value="up-`+id+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	))
	if got := mustRun(t, ctx, chromedp.Value(chromedp.CSS("#pos-"+id))); got != "4" {
		t.Errorf("after moving it up the page is at %q, want 4", got)
	}

	// The reader sees it in the footer, in its place, and follows it.
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(chromedp.CSS("footer nav.footer-nav"))))
	want := "Tentang Kami /tentang-kami/, Redaksi /redaksi/, Pedoman Media Siber /pedoman-media-siber/, Karier /karier-di-warta/, Kontak /kontak/"
	if got := strings.Join(footer(), ", "); got != want {
		t.Errorf("the footer menu is %q, want %q", got, want)
	}
	must(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`footer nav.footer-nav a[href="/karier-di-warta/"]`)),
		chromedp.WaitVisible(chromedp.CSS("article h1")),
	))
	if got := mustRun(t, ctx, chromedp.Text(chromedp.CSS("article h1"))); got != "Karier di Warta" {
		t.Errorf("the page's heading is %q", got)
	}
	if got := mustRun(t, ctx, chromedp.Text(chromedp.CSS("article .article-body strong"))); got != "reporter" {
		t.Errorf("the page's body shows %q in bold, want reporter", got)
	}
	if cur := mustRun(t, ctx, chromedp.Evaluate[string](`document.querySelector('footer nav.footer-nav a[aria-current="page"]')?.textContent || ""`)); cur != "Karier" {
		t.Errorf("the footer marks %q as the current page, want Karier", cur)
	}
}
