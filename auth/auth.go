// Package auth holds the newsroom's login rules: password hashing, session
// tokens and their timeouts, and the login-throttling policy. It speaks
// neither HTTP nor SQL; admin and api call it, and the stores count.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"

	"golang.org/x/crypto/bcrypt"

	"warta"
)

// Cost is the bcrypt work factor. 12 takes about a quarter of a second on
// a small server: slow for a thief's guesses, bearable at each login.
const Cost = 12

// Password length limits, in bytes. bcrypt ignores everything past 72
// bytes, so a longer password would silently be a different, shorter one.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 72
)

// dummyHash is a bcrypt hash (of a random password nobody knows, at Cost)
// that CheckPassword compares against when a user has no hash, so that an
// unknown email costs as much time as a wrong password.
const dummyHash = "$2a$12$LoDd1dF.upzleZSyQ9W19OxGQ8kj6lBqUXCyh6iwcEJZYTqQHfVti"

// HashPassword returns the bcrypt hash of pw. A password shorter than
// MinPasswordLen characters or longer than MaxPasswordLen bytes gives an
// EINVALID *warta.Error with Fields["password"] set to
// "error.password_too_short" or "error.password_too_long".
func HashPassword(pw string) (string, error) {
	if len(pw) > MaxPasswordLen {
		return "", passwordError("error.password_too_long", "the password is longer than 72 bytes")
	}
	if len([]rune(pw)) < MinPasswordLen {
		return "", passwordError("error.password_too_short", "the password is shorter than 10 characters")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), Cost)
	if err != nil {
		return "", &warta.Error{Code: warta.EINTERNAL, Message: "cannot hash the password", Err: err}
	}
	return string(h), nil
}

func passwordError(key, msg string) error {
	return &warta.Error{Code: warta.EINVALID, Message: msg, Key: "error.form",
		Fields: map[string]string{"password": key}}
}

// CheckPassword reports whether pw matches hash, in constant time. An
// empty or malformed hash never matches, but the check still spends the
// time of a real comparison, so callers may call it for unknown emails
// too and not reveal which emails exist.
func CheckPassword(hash, pw string) bool {
	if _, err := bcrypt.Cost([]byte(hash)); err != nil {
		_ = bcrypt.CompareHashAndPassword([]byte(dummyHash), []byte(pw))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

// passwordAlphabet leaves out characters that are easy to misread when a
// password is read aloud or copied from paper: 0 O 1 l I.
const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratedPasswordLen is the length of a GeneratePassword password.
const GeneratedPasswordLen = 20

// GeneratePassword returns a random password of GeneratedPasswordLen
// characters from an alphabet without look-alike characters, for new
// accounts and resets (about 116 bits).
func GeneratePassword() string {
	b := make([]byte, GeneratedPasswordLen)
	for i := range b {
		b[i] = passwordAlphabet[randIntn(len(passwordAlphabet))]
	}
	return string(b)
}

// randIntn returns a uniform random int in [0, n) from crypto/rand, by
// rejection so that no character is likelier than another.
func randIntn(n int) int {
	limit := 256 - 256%n
	var b [1]byte
	for {
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}

// NewSessionToken returns a new session's token, 32 random bytes in
// unpadded base64url for the cookie, and its id, SessionID(token), for the
// store. The store never sees the token, so a copy of the database cannot
// log anyone in.
func NewSessionToken() (token, id string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, SessionID(token)
}

// SessionID returns the id a session with this cookie token is stored
// under: the hex SHA-256 of the token.
func SessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
