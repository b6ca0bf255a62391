package wxr_test

import (
	"context"
	"encoding/xml"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"warta"
	"warta/importer/wxr"
	"warta/internal/testfixture"
)

// wpExport is the export read with encoding/xml's plain Unmarshal, a
// second reader independent of the importer's, to count what must come
// out.
type wpExport struct {
	Items []struct {
		ID       int64  `xml:"post_id"`
		Type     string `xml:"post_type"`
		Status   string `xml:"status"`
		Name     string `xml:"post_name"`
		Password string `xml:"post_password"`
		URL      string `xml:"attachment_url"`
		Comments []struct {
			ID       int64  `xml:"comment_id"`
			Parent   int64  `xml:"comment_parent"`
			Approved string `xml:"comment_approved"`
			Content  string `xml:"comment_content"`
		} `xml:"comment"`
		Terms []struct {
			Domain   string `xml:"domain,attr"`
			Nicename string `xml:"nicename,attr"`
		} `xml:"category"`
	} `xml:"channel>item"`
	Categories []struct {
		Slug string `xml:"category_nicename"`
	} `xml:"channel>category"`
	Tags []struct {
		Slug string `xml:"tag_slug"`
	} `xml:"channel>tag"`
}

// TestThemeUnitTestData imports WordPress's theme unit test export
// whole and checks it against a second reading of the file: every post
// and page, every comment with its status and thread, every image
// attachment as a media entry, every category and tag.
func TestThemeUnitTestData(t *testing.T) {
	file := testfixture.ThemeUnitTestWXR(t)
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var exp wpExport
	if err := xml.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}

	// A local uploads folder with a different small image for every
	// image attachment.
	uploads := t.TempDir()
	images := map[string]bool{}
	for i, it := range exp.Items {
		ext := strings.ToLower(path.Ext(it.URL))
		if it.Type != "attachment" || (ext != ".jpg" && ext != ".jpeg" && ext != ".png" && ext != ".gif") {
			continue
		}
		rel := strings.TrimPrefix(mustURLPath(t, it.URL), "/")
		if i := strings.Index(rel, "/uploads/"); i >= 0 {
			rel = rel[i+len("/uploads/"):]
		}
		if !images[rel] {
			images[rel] = true
			writeImage(t, filepath.Join(uploads, filepath.FromSlash(rel)), 32, 24, i+1)
		}
	}

	importable := map[string]bool{"publish": true, "draft": true, "pending": true, "future": true, "private": true}
	seen := map[int64]bool{}
	var posts, pages, published, comments int
	categories, tags := map[string]bool{}, map[string]bool{}
	for _, c := range exp.Categories {
		categories[c.Slug] = true
	}
	for _, tg := range exp.Tags {
		tags[tg.Slug] = true
	}
	type wantComment struct {
		status warta.CommentStatus
		parent string
	}
	wantComments := map[string]wantComment{}
	for _, it := range exp.Items {
		if seen[it.ID] {
			continue
		}
		seen[it.ID] = true
		switch {
		case it.Type == "post" && importable[it.Status]:
			posts++
			if it.Status == "publish" && it.Password == "" {
				published++
			}
			for _, tm := range it.Terms {
				switch tm.Domain {
				case "category":
					categories[tm.Nicename] = true
				case "post_tag":
					tags[tm.Nicename] = true
				}
			}
			ids := map[int64]bool{}
			for _, c := range it.Comments {
				ids[c.ID] = true
			}
			for _, c := range it.Comments {
				if strings.TrimSpace(c.Content) == "" {
					continue
				}
				comments++
				w := wantComment{status: map[string]warta.CommentStatus{"1": warta.CommentApproved, "0": warta.CommentPending,
					"": warta.CommentPending, "spam": warta.CommentSpam, "trash": warta.CommentTrash}[c.Approved]}
				if c.Parent != 0 && ids[c.Parent] {
					w.parent = strconv.FormatInt(c.Parent, 10)
				}
				wantComments[strconv.FormatInt(c.ID, 10)] = w
			}
		case it.Type == "page" && importable[it.Status]:
			pages++
		}
	}

	st := openStore(t, "sqlite")
	rep := mustImport(t, st, file, wxr.Options{Uploads: uploads})
	got := countAll(t, st)
	if got.articles != posts || got.pages != pages || got.comments != comments || got.media != len(images) {
		t.Errorf("imported %d articles, %d pages, %d comments, %d media; the export has %d, %d, %d, %d",
			got.articles, got.pages, got.comments, got.media, posts, pages, comments, len(images))
	}
	if len(rep.MediaFailures) > 0 {
		t.Errorf("media failures: %v", rep.MediaFailures)
	}
	ctx := context.Background()
	_, n, _ := st.Articles(ctx, warta.ArticleFilter{Status: warta.StatusPublished})
	if n != published { // password-protected posts are unpublished here
		t.Errorf("%d published articles, want %d", n, published)
	}

	// Every category is a section or a tag (or both), every tag a tag.
	source := rep.Source
	secs, _ := st.ImportedIDs(ctx, source, warta.ImportCategory)
	catTags, _ := st.ImportedIDs(ctx, source, warta.ImportCategoryTag)
	for c := range categories {
		if _, ok := secs[c]; !ok {
			if _, ok := catTags[c]; !ok {
				t.Errorf("category %q was not imported", c)
			}
		}
	}
	tagIDs, _ := st.ImportedIDs(ctx, source, warta.ImportTag)
	for tg := range tags {
		if _, ok := tagIDs[tg]; !ok {
			t.Errorf("tag %q was not imported", tg)
		}
	}

	// Every comment with its status and its place in the thread.
	keys, _ := st.ImportedIDs(ctx, source, warta.ImportComment)
	if len(keys) != len(wantComments) {
		t.Errorf("%d comment keys, want %d", len(keys), len(wantComments))
	}
	for k, w := range wantComments {
		c, err := st.CommentByID(ctx, keys[k])
		if err != nil {
			t.Errorf("comment %s: %v", k, err)
			continue
		}
		if c.Status != w.status {
			t.Errorf("comment %s: status %s, want %s", k, c.Status, w.status)
		}
		if want := keys[w.parent]; c.ParentID != want {
			t.Errorf("comment %s: parent %d, want %d (comment %s)", k, c.ParentID, want, w.parent)
		}
	}

	// A second run changes nothing.
	mustImport(t, st, file, wxr.Options{Uploads: uploads})
	if again := countAll(t, st); again != got {
		t.Errorf("second import: %+v, first %+v", again, got)
	}
}

func mustURLPath(t *testing.T, u string) string {
	t.Helper()
	i := strings.Index(u, "://")
	if i < 0 {
		return u
	}
	rest := u[i+3:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return rest[j:]
	}
	return "/"
}
