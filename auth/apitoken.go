package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// apiTokenMark starts every API token, so that a token pasted into the
// wrong place (a chat, a repository) is recognisable for what it is.
const apiTokenMark = "wrt_"

// apiTokenPrefixLen is how much of a token lists show: the mark and eight
// characters, enough to tell tokens apart, far too little to guess the rest.
const apiTokenPrefixLen = len(apiTokenMark) + 8

// NewAPIToken returns a new API token (the mark and 32 random bytes in
// unpadded base64url), the prefix lists show, and the hash the store keeps.
func NewAPIToken() (token, prefix, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	token = apiTokenMark + base64.RawURLEncoding.EncodeToString(b)
	return token, token[:apiTokenPrefixLen], APITokenHash(token)
}

// APITokenHash returns what the store keeps of an API token: its hex
// SHA-256. A token is 256 random bits, so a fast hash is enough; there is
// nothing to guess that a slow one would protect.
func APITokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// LooksLikeAPIToken reports whether s has the form NewAPIToken makes, so
// that malformed headers are refused without a database lookup.
func LooksLikeAPIToken(s string) bool {
	rest, ok := strings.CutPrefix(s, apiTokenMark)
	if !ok || len(rest) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}
