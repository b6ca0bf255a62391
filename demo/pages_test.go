package demo_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"warta/demo"
)

func TestSeedPages(t *testing.T) {
	ctx := context.Background()
	st := MustOpenStore(t)
	media := t.TempDir()
	if _, err := demo.Seed(ctx, st, media, now); err != nil {
		t.Fatalf("Seed: %v", err)
	}
	menu, err := st.MenuPages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range menu {
		got = append(got, p.MenuName()+" "+p.Permalink())
		if !strings.HasPrefix(p.BodyHTML, "<") || len(p.BodyMarkdown) < 200 {
			t.Errorf("%s: body too short or not rendered: %q", p.Slug, p.BodyHTML)
		}
	}
	want := []string{"Tentang Kami /tentang-kami/", "Redaksi /redaksi/", "Pedoman Media Siber /pedoman-media-siber/", "Kontak /kontak/"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("footer menu = %q, want %q", got, want)
	}

	// What editors changed survives another Seed: text, and the menu.
	rules := menu[2]
	rules.Title = "Pedoman Pemberitaan"
	if err := st.UpdatePage(ctx, rules); err != nil {
		t.Fatal(err)
	}
	if err := st.SetMenu(ctx, []int64{menu[3].ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(ctx, st, media, now); err != nil {
		t.Fatalf("second Seed: %v", err)
	}
	all, err := st.Pages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 {
		t.Errorf("%d pages after a second Seed, want 4", len(all))
	}
	if p, err := st.PageBySlug(ctx, "pedoman-media-siber"); err != nil || p.Title != "Pedoman Pemberitaan" {
		t.Errorf("edited page after a second Seed: %+v, %v", p, err)
	}
	if menu, _ := st.MenuPages(ctx); len(menu) != 1 || menu[0].Slug != "kontak" {
		t.Errorf("menu after a second Seed = %d pages, want the editor's one", len(menu))
	}
}
