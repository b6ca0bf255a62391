package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestWPJSONServe checks that serve mounts the WordPress-compatible API,
// and that ?rest_route= on the home address reaches it, not the home page.
func TestWPJSONServe(t *testing.T) {
	s := MustServe(t, "--data", t.TempDir(), "--demo")
	for _, path := range []string{"/wp-json/wp/v2/posts?per_page=3", "/?rest_route=/wp/v2/posts&per_page=3"} {
		res, body := get(t, s.URL+path)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("GET %s = %d %s, want 200 JSON", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		var posts []map[string]any
		if err := json.Unmarshal([]byte(body), &posts); err != nil {
			t.Fatalf("GET %s: %v\n%s", path, err, body)
		}
		if len(posts) != 3 || res.Header.Get("X-WP-Total") == "" {
			t.Errorf("GET %s: %d posts, X-WP-Total %q; want 3 and a total", path, len(posts), res.Header.Get("X-WP-Total"))
		}
		if link, _ := posts[0]["link"].(string); !strings.HasPrefix(link, s.URL+"/") {
			t.Errorf("GET %s: link %q is not on the site", path, link)
		}
	}
	// The home page is still the home page afterwards.
	res, body := get(t, s.URL+"/")
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "<html") {
		t.Errorf("GET / = %d %s after rest_route requests, want the HTML home page", res.StatusCode, res.Header.Get("Content-Type"))
	}
}
