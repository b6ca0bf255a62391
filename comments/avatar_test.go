package comments

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"
)

func TestAvatarKey(t *testing.T) {
	key := AvatarKey(testSecret, "budi@example.id")
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(key) {
		t.Errorf("key %q is not 32 hex digits", key)
	}
	for _, email := range []string{"Budi@Example.ID", "  budi@example.id\n", "BUDI@EXAMPLE.ID"} {
		if got := AvatarKey(testSecret, email); got != key {
			t.Errorf("AvatarKey(%q) = %q, want %q", email, got, key)
		}
	}
	if got := AvatarKey([]byte("rahasia lain"), "budi@example.id"); got == key {
		t.Error("two secrets give the same key")
	}
	if got := AvatarKey(testSecret, "siti@example.id"); got == key {
		t.Error("two emails give the same key")
	}
	if strings.Contains(key, "budi") || strings.Contains(key, "example") {
		t.Errorf("key %q shows the email", key)
	}
}

func TestIdenticon(t *testing.T) {
	a := Identicon(AvatarKey(testSecret, "budi@example.id"))
	if !bytes.Equal(a, Identicon(AvatarKey(testSecret, "BUDI@example.id"))) {
		t.Error("Identicon is not deterministic")
	}
	seen := map[string]bool{}
	for i := range 200 {
		key := AvatarKey(testSecret, "pembaca"+string(rune('a'+i%26))+string(rune('a'+i/26))+"@example.id")
		svg := Identicon(key)
		seen[string(svg)] = true
		checkSVG(t, svg)
	}
	// 2^15 patterns times many colours: 200 keys all differ unless
	// something is broken.
	if len(seen) < 199 {
		t.Errorf("200 keys gave only %d different pictures", len(seen))
	}
	checkSVG(t, Identicon(""))
	checkSVG(t, Identicon(`"><script>alert(1)</script>`))
}

// checkSVG asserts that svg is well-formed XML whose root is a 48×48 SVG
// with a viewBox, and that it holds nothing a CSP or a reader's privacy
// forbids.
func checkSVG(tb testing.TB, svg []byte) {
	tb.Helper()
	for _, bad := range []string{"style", "script", "href", "url(", "<image", "<foreignObject"} {
		if bytes.Contains(bytes.ToLower(svg), []byte(strings.ToLower(bad))) {
			tb.Errorf("SVG contains %q: %s", bad, svg)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var root *xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("SVG does not parse: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if root == nil {
				se := se.Copy()
				root = &se
			}
			if se.Name.Space != "http://www.w3.org/2000/svg" {
				tb.Errorf("element %s in namespace %q", se.Name.Local, se.Name.Space)
			}
			for _, a := range se.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					tb.Errorf("event attribute %s", a.Name.Local)
				}
			}
		}
	}
	if root == nil || root.Name.Local != "svg" {
		tb.Fatalf("root is not svg: %s", svg)
	}
	attrs := map[string]string{}
	for _, a := range root.Attr {
		attrs[a.Name.Local] = a.Value
	}
	if attrs["width"] != "48" || attrs["height"] != "48" || attrs["viewBox"] == "" || attrs["xmlns"] != "http://www.w3.org/2000/svg" {
		tb.Errorf("root attributes %v", attrs)
	}
}
