package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowserCommenting plays two readers in a real browser: the first
// sends the form empty and sees every error, then fixes it and posts; the
// comment waits for moderation, a moderator approves it from the CLI, and
// the second reader answers it. The page never shows either email.
//
// Both readers come through a trusted proxy with their own address, as
// readers of a real site do, so that the per-address flood limit does not
// stop the second one.
func TestBrowserCommenting(t *testing.T) {
	ctx := MustStartBrowser(t)
	dir := t.TempDir()
	s := MustServe(t, "--data", dir, "--demo", "--trusted-proxies", "127.0.0.1")

	// The demo's lead story takes comments.
	lead := chromedp.CSS(".lead-headline a")
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(lead), chromedp.Click(lead),
		chromedp.WaitVisible(chromedp.CSS("#respond form"))))
	article := mustRun(t, ctx, chromedp.Location())
	heading := mustRun(t, ctx, chromedp.Text(chromedp.CSS("#reply-title")))
	if !strings.HasPrefix(heading, "Tinggalkan Balasan") {
		t.Errorf("reply form heading %q", heading)
	}
	if notes := mustRun(t, ctx, chromedp.Text(chromedp.CSS(".comment-notes"))); notes != "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *" {
		t.Errorf("form notes %q", notes)
	}

	setReader(t, ctx, "203.0.113.10")
	submit := chromedp.CSS("#respond button[type=submit]")
	// The form refuses a post sooner than 3 s after the page was made;
	// a person takes longer than that to write.
	waitAsAPersonWould(ctx)
	must(t, chromedp.Do(ctx, chromedp.Click(submit), chromedp.WaitVisible(chromedp.CSS("#comment-errors"))))
	for _, id := range []string{"comment", "author", "email"} {
		described := mustRun(t, ctx, chromedp.AttributeValue(chromedp.CSS("#"+id), "aria-describedby"))
		if described.Value != id+"-error" {
			t.Errorf("#%s aria-describedby = %q, want %s-error", id, described.Value, id)
		}
	}

	// Half right: the name stays, the bad email stays for fixing.
	const words = "Terima kasih untuk liputannya. Semoga tanggulnya cepat diperbaiki."
	must(t, chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#comment"), words),
		chromedp.SendKeys(chromedp.CSS("#author"), "Sari Wulandari"),
		chromedp.SendKeys(chromedp.CSS("#email"), "sari@"),
	))
	waitAsAPersonWould(ctx)
	must(t, chromedp.Do(ctx, chromedp.Click(submit), chromedp.WaitVisible(chromedp.CSS("#email-error"))))
	for sel, want := range map[string]string{"#comment": words, "#author": "Sari Wulandari", "#email": "sari@"} {
		if got := mustRun(t, ctx, chromedp.Value(chromedp.CSS(sel))); got != want {
			t.Errorf("after the error, %s holds %q, want %q: the reader's text was lost", sel, got, want)
		}
	}
	if n := mustRun(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".field-error").length`)); n != 1 {
		t.Errorf("%d field errors, want only the email's", n)
	}

	must(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#email"), "sari.wulandari@example.id")))
	waitAsAPersonWould(ctx)
	must(t, chromedp.Do(ctx, chromedp.Click(submit), chromedp.WaitVisible(chromedp.CSS(".comment-awaiting"))))
	if got := mustRun(t, ctx, chromedp.Text(chromedp.CSS(".comment-awaiting"))); got != "Komentar Anda sedang menunggu moderasi." {
		t.Errorf("moderation notice %q", got)
	}
	loc := mustRun(t, ctx, chromedp.Location())
	m := regexp.MustCompile(`#comment-(\d+)$`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("after posting the browser is at %q, want the comment's anchor", loc)
	}
	first := m[1]

	// A moderator approves it from the command line while the site runs.
	var out bytes.Buffer
	if code := run(context.Background(), []string{"warta", "comments", "--data", dir, "approve", first}, noEnv, nil, &out, io.Discard); code != 0 {
		t.Fatalf("warta comments approve exited %d: %s", code, out.String())
	}

	// The second reader reloads, answers the first and sees the thread.
	setReader(t, ctx, "198.51.100.20")
	must(t, chromedp.Do(ctx, chromedp.Navigate(article), chromedp.WaitVisible(chromedp.CSS("#comment-"+first))))
	if n := mustRun(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#comment-`+first+` .comment-awaiting").length`)); n != 0 {
		t.Error("the approved comment still says it awaits moderation")
	}
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#comment-"+first+" .comment-reply")),
		chromedp.WaitVisible(chromedp.CSS("#comment-"+first+" #respond"))))
	if got := mustRun(t, ctx, chromedp.Value(chromedp.CSS("#parent_id"))); got != first {
		t.Errorf("after Reply, parent_id = %q, want %s", got, first)
	}
	must(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#comment"), "Setuju. Warga di Sriwulan juga butuh pompa air."),
		chromedp.SetValue(chromedp.CSS("#author"), "Dimas"),
		chromedp.SetValue(chromedp.CSS("#email"), "dimas@example.id"),
	))
	waitAsAPersonWould(ctx)
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#respond button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#comment-"+first+" > ol.children > li.comment"))))
	reply := mustRun(t, ctx, chromedp.Text(chromedp.CSS("#comment-"+first+" > ol.children > li.comment .comment-content")))
	if !strings.Contains(reply, "pompa air") {
		t.Errorf("the reply nested under comment %s says %q", first, reply)
	}

	source := mustRun(t, ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	for _, email := range []string{"sari.wulandari@example.id", "dimas@example.id", "sari.wulandari", "dimas@"} {
		if strings.Contains(source, email) {
			t.Errorf("the page source contains %q", email)
		}
	}
}

// setReader makes the browser's requests come from addr, as a trusted
// proxy in front of the site would report it.
func setReader(t *testing.T, ctx context.Context, addr string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
		Headers: network.Headers{"X-Forwarded-For": addr},
	}); err != nil {
		t.Fatal(err)
	}
}

// waitAsAPersonWould lets the form's minimum age pass before a post.
func waitAsAPersonWould(ctx context.Context) {
	select {
	case <-time.After(3100 * time.Millisecond):
	case <-ctx.Done():
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustRun[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
