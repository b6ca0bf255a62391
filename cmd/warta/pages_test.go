package main

import (
	"context"
	"strings"
	"testing"
)

// A page edited by another process (the CLI, another node) reaches the
// cached page itself and, when it is in the footer menu, every cached
// page: the follower reads both from the change log.
func TestCachePageEditFromAnotherProcess(t *testing.T) {
	s := newCacheSite(t)
	ctx := context.Background()
	p, err := s.Other.PageBySlug(ctx, "redaksi")
	if err != nil {
		t.Fatal(err)
	}
	if home := s.warm(t, "/"); !strings.Contains(home, `href="/redaksi/"`) {
		t.Fatal("the demo home page does not link /redaksi/ in its footer")
	}
	s.warm(t, "/redaksi/")

	p.MenuLabel, p.BodyHTML = "Dapur Redaksi", "<p>Susunan baru.</p>"
	if err := s.Other.UpdatePage(ctx, p); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, "/redaksi/", "the new text", func(body string) bool { return strings.Contains(body, "Susunan baru.") })
	s.waitFor(t, "/", "the new menu label", func(body string) bool { return strings.Contains(body, ">Dapur Redaksi</a>") })

	if err := s.Other.SetMenu(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, "/", "the footer menu gone", func(body string) bool { return !strings.Contains(body, `href="/redaksi/"`) })
}
