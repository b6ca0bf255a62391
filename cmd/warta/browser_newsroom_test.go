package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"warta"
	"warta/demo"
	"warta/sqlite"
)

// staffPassword reads the password serve printed for a demo account.
func staffPassword(t *testing.T, s *testServer, email string) string {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(email) + `\s+password: (\S+)`).FindStringSubmatch(s.Stdout.String())
	if m == nil {
		t.Fatalf("serve printed no password for %s:\n%s", email, s.Stdout)
	}
	return m[1]
}

// logIn logs the browser in through the login form.
func logIn(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS(".login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".tiles")),
	))
}

// writePNG makes a photo-sized PNG for uploading.
func writePNG(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 140, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pelabuhan.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBrowserEditor plays an editor's morning: log in, upload a lead
// image, write a draft with a figure, preview it, publish it, find it on
// the home page, then approve a reader's comment that waits in the queue.
func TestBrowserEditor(t *testing.T) {
	ctx := MustStartBrowser(t)
	dir := t.TempDir()
	s := MustServe(t, "--data", dir, "--demo")

	// A reader's comment waits for moderation (written beside the running
	// server, as the CLI would).
	pending := addPendingComment(t, dir, "Mohon ditambah info posko pengungsian.")

	logIn(t, ctx, s.URL, "editor@warta.example", staffPassword(t, s, "editor@warta.example"))

	const headline = "Kapal Ikan Baru Diluncurkan di Pelabuhan Tegal"
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/admin/articles/new"),
		chromedp.WaitVisible(chromedp.CSS("#f-headline")),
		chromedp.SendKeys(chromedp.CSS("#f-headline"), headline),
		chromedp.SendKeys(chromedp.CSS("#f-dek"), "Koperasi nelayan menambah armada."),
		chromedp.SetValue(chromedp.CSS("#f-body"), "Draf awal."),
		chromedp.SetUploadFiles(chromedp.CSS("#f-lead_upload"), []string{writePNG(t, 1400, 800)}),
		chromedp.SendKeys(chromedp.CSS("#f-lead_alt"), "Kapal kayu bercat biru bersandar di dermaga"),
		chromedp.SendKeys(chromedp.CSS("#f-lead_caption"), "Kapal baru di Pelabuhan Tegal."),
		chromedp.SendKeys(chromedp.CSS("#f-lead_credit"), "Foto: Redaksi"),
	))
	selectFirstSection(t, ctx)
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[name=action][value=save]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice"))))
	if loc := mustRun(t, ctx, chromedp.Location()); !strings.Contains(loc, "done=saved") {
		t.Fatalf("after saving the draft the browser is at %s", loc)
	}

	// The upload is in the library; write a figure with it into the body.
	src := mustRun(t, ctx, chromedp.Evaluate[string](`document.querySelector('.media-pick input:checked + img').getAttribute('src')`))
	if !strings.HasPrefix(src, "/media/lib/") {
		t.Fatalf("the chosen lead image is %q, want an uploaded library image", src)
	}
	body := "Tegal menyambut armada baru.\n\n## Armada\n\n![Lambung kapal dari dekat](" + src + ` "Lambung kapal yang baru dicat. | Foto: Redaksi")` + "\n\n> Kami siap melaut lebih jauh, kata ketua koperasi."
	must(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-body"), body),
		chromedp.Click(chromedp.CSS(`button[name=action][value=preview]`)),
		chromedp.WaitVisible(chromedp.CSS(".preview figure figcaption"))))
	if got := mustRun(t, ctx, chromedp.Text(chromedp.CSS(".preview figcaption"))); !strings.Contains(got, "Lambung kapal yang baru dicat.") {
		t.Errorf("preview figcaption %q", got)
	}
	if got := mustRun(t, ctx, chromedp.Value(chromedp.CSS("#f-body"))); got != body {
		t.Error("the preview lost the body's text")
	}

	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[name=action][value=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice"))))
	if loc := mustRun(t, ctx, chromedp.Location()); !strings.Contains(loc, "done=published") {
		t.Fatalf("after publishing the browser is at %s", loc)
	}

	// Readers find it first on the home page, with its figure.
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".lead-headline a"))))
	if got := mustRun(t, ctx, chromedp.Text(chromedp.CSS(".lead-headline a"))); got != headline {
		t.Errorf("home page lead %q, want the new article", got)
	}
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".lead-headline a")), chromedp.WaitVisible(chromedp.CSS("article.article h1"))))
	if n := mustRun(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("article.article figure figcaption").length`)); n != 2 {
		t.Errorf("the published article has %d captioned figures, want 2 (lead and inline)", n)
	}
	if srcset := mustRun(t, ctx, chromedp.Evaluate[string](`document.querySelector(".lead-figure img").getAttribute("srcset") || ""`)); !strings.Contains(srcset, "640w") {
		t.Errorf("lead image srcset %q, want resized copies", srcset)
	}

	// Then the comment queue.
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL+"/admin/comments?status=pending"),
		chromedp.WaitVisible(chromedp.CSS("#select-"+pending)),
		chromedp.Click(chromedp.CSS("#select-"+pending)),
		chromedp.SetValue(chromedp.CSS("#bulk-action"), "approve"),
		chromedp.Click(chromedp.CSS(".comment-bulk button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice"))))
	if got := commentStatusIn(t, dir, pending); got != warta.CommentApproved {
		t.Errorf("after approving in the queue the comment is %s", got)
	}
}

// TestBrowserContributorCannotPublish: a contributor writes and submits,
// sees no Publish button, and a forged publish is refused.
func TestBrowserContributorCannotPublish(t *testing.T) {
	ctx := MustStartBrowser(t)
	s := MustServe(t, "--data", t.TempDir(), "--demo")
	logIn(t, ctx, s.URL, "kontributor@warta.example", staffPassword(t, s, "kontributor@warta.example"))

	const headline = "Festival Layang-Layang Pantai Parangtritis"
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/admin/articles/new"),
		chromedp.WaitVisible(chromedp.CSS("#f-headline")),
		chromedp.SendKeys(chromedp.CSS("#f-headline"), headline),
		chromedp.SetValue(chromedp.CSS("#f-body"), "Ratusan layang-layang menghiasi langit sore."),
	))
	selectFirstSection(t, ctx)
	if n := mustRun(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("button[value=publish], button[value=schedule], #f-lead_upload").length`)); n != 0 {
		t.Errorf("a contributor sees %d publish, schedule or upload controls", n)
	}
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[name=action][value=submit]`)), chromedp.WaitVisible(chromedp.CSS(".notice"))))
	if got := mustRun(t, ctx, chromedp.Text(chromedp.CSS(".admin-title .status"))); got != "Menunggu tinjauan" {
		t.Errorf("after submitting, the status reads %q", got)
	}

	// Forge it: turn the Save button into Publish and press it.
	mustRun(t, ctx, chromedp.Evaluate[string](`document.querySelector("button[value=save]").value = "publish"`))
	must(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[name=action][value=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(".error-page h1"))))
	if got := mustRun(t, ctx, chromedp.Text(chromedp.CSS(".error-page .error-code"))); got != "403" {
		t.Errorf("a forged publish got %q, want 403", got)
	}
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".lead-headline a"))))
	if page := mustRun(t, ctx, chromedp.Evaluate[string](`document.body.innerText`)); strings.Contains(page, headline) {
		t.Error("the contributor's article is on the home page")
	}
}

func selectFirstSection(t *testing.T, ctx context.Context) {
	t.Helper()
	mustRun(t, ctx, chromedp.Evaluate[int](`document.querySelector("#f-section").selectedIndex = 1`))
}

// addPendingComment stores a held reader comment on the demo's featured
// article, through the same SQLite file the server uses.
func addPendingComment(t *testing.T, dir, text string) string {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, dir, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.ArticleBySlug(ctx, demo.FeaturedSlug)
	if err != nil {
		t.Fatal(err)
	}
	c := &warta.Comment{ArticleID: a.ID, Content: text, AuthorName: "Wulan", AuthorEmail: "wulan@example.id",
		Status: warta.CommentPending, Reason: "first_time"}
	if err := st.CreateComment(ctx, c); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(c.ID, 10)
}

func commentStatusIn(t *testing.T, dir, id string) warta.CommentStatus {
	t.Helper()
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return commentStatus(t, dir, n).Status
}
