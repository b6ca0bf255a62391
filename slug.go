package warta

import "strings"

// ValidSlug reports whether s can be used in a URL as it is: lower-case
// ASCII letters and digits in groups joined by single hyphens, at most
// MaxSlugLen bytes.
func ValidSlug(s string) bool {
	if s == "" || len(s) > MaxSlugLen || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
