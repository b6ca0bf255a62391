package demo

import (
	"bytes"
	"testing"
)

func TestIllustration_Deterministic(t *testing.T) {
	a := illustration(seedOf("demo/a.jpg"), hues["budaya"])
	b := illustration(seedOf("demo/a.jpg"), hues["budaya"])
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Errorf("the same seed painted two different pictures")
	}
	c := illustration(seedOf("demo/b.jpg"), hues["budaya"])
	if bytes.Equal(a.Pix, c.Pix) {
		t.Errorf("two seeds painted the same picture")
	}
	if got := a.Bounds().Size(); got.X != ImageWidth || got.Y != ImageHeight {
		t.Errorf("size: got %v, want %dx%d", got, ImageWidth, ImageHeight)
	}
}

func TestSamples_Consistent(t *testing.T) {
	sectionSlugs := map[string]bool{}
	for _, s := range sections {
		sectionSlugs[s.Slug] = true
		if _, ok := hues[s.Slug]; !ok {
			t.Errorf("section %s has no hue", s.Slug)
		}
	}
	authorSlugs := map[string]bool{}
	for _, a := range authors {
		authorSlugs[a.Slug] = true
	}
	slugs, images := map[string]bool{}, map[string]bool{}
	for _, s := range samples {
		if slugs[s.Slug] {
			t.Errorf("slug %s used twice", s.Slug)
		}
		slugs[s.Slug] = true
		if images[s.Image] {
			t.Errorf("image %s used twice", s.Image)
		}
		images[s.Image] = true
		if !sectionSlugs[s.Section] {
			t.Errorf("%s: unknown section %q", s.Slug, s.Section)
		}
		for _, a := range s.Authors {
			if !authorSlugs[a] {
				t.Errorf("%s: unknown author %q", s.Slug, a)
			}
		}
		for _, tag := range s.Tags {
			if _, ok := tagNames[tag]; !ok {
				t.Errorf("%s: tag %q has no name", s.Slug, tag)
			}
		}
	}
}
