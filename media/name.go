package media

import (
	"strings"
	"unicode"
)

// MaxNameLength is the most characters CleanName keeps.
const MaxNameLength = 200

// CleanName makes an uploaded file's name fit for display in the media
// library: it keeps the base name only (a client may send "../../x" or
// "C:\x\y.png"), fixes invalid UTF-8, removes NUL and other control
// characters as well as bidirectional overrides (which can make
// "gpj.exe" look like "exe.jpg"), trims spaces and keeps at most
// MaxNameLength characters. An empty result becomes "image".
// The name is for people only and is never used to build a path.
func CleanName(name string) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) {
			return -1
		}
		return r
	}, name)
	// Both separators, whatever the server's OS: the client's may differ.
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(name)
	if name == "." || name == ".." {
		name = ""
	}
	if r := []rune(name); len(r) > MaxNameLength {
		name = strings.TrimSpace(string(r[:MaxNameLength]))
	}
	if name == "" {
		return "image"
	}
	return name
}

// isBidiControl reports whether r changes the direction of the text after it.
func isBidiControl(r rune) bool {
	switch {
	case r == '\u200e', r == '\u200f', r == '\u061c':
		return true
	case r >= '\u202a' && r <= '\u202e':
		return true
	case r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}
