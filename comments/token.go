package comments

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"time"
)

// How old a comment form must be, and may be, when it is sent. A person
// needs more than three seconds to read an article and write; a robot
// that fetches and posts at once does not wait. A day is long enough for a
// reader who leaves a tab open overnight.
const (
	MinFormAge = 3 * time.Second
	MaxFormAge = 24 * time.Hour
)

// Why VerifyFormToken refused a token. They are distinct so the handler
// can tell the reader what to do: reload the page, wait, or nothing.
var (
	// ErrTokenInvalid: the token is missing, malformed or forged.
	ErrTokenInvalid = errors.New("comments: form token is invalid")
	// ErrTokenOtherArticle: the token was issued for another article's form.
	ErrTokenOtherArticle = errors.New("comments: form token is for another article")
	// ErrTokenTooFast: the form came back less than MinFormAge after it
	// was issued.
	ErrTokenTooFast = errors.New("comments: form sent too soon after it was loaded")
	// ErrTokenExpired: the form is older than MaxFormAge.
	ErrTokenExpired = errors.New("comments: form token has expired")
)

// formPurpose is mixed into the form token's MAC, so no other signed value
// (a cookie, say) can pass for a form token.
const formPurpose = "comment-form"

// maxSigned bounds what Verify will decode: a cookie or a form field is
// small, and a huge one is an attack on the decoder.
const maxSigned = 4096

// FormToken is what the comment form carries to prove the server made it,
// for which article, and when. Its Nonce becomes the comment's Nonce, which
// the database keeps unique, so one form makes at most one comment.
type FormToken struct {
	ArticleID int64
	Issued    time.Time
	Nonce     string
}

// NewFormToken returns a token for a form on the article, issued at now
// (kept to the millisecond, as Sign keeps it) with 16 random bytes of
// nonce, base64url-encoded.
func NewFormToken(articleID int64, now time.Time) FormToken {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand panics rather than return short)
	return FormToken{
		ArticleID: articleID,
		Issued:    time.UnixMilli(now.UnixMilli()).UTC(),
		Nonce:     base64.RawURLEncoding.EncodeToString(b[:]),
	}
}

// Sign returns the token in the compact form the page carries: Sign(secret,
// "comment-form", payload), where the payload is a version byte, the
// article ID and the issue time in Unix milliseconds (8 bytes each, big
// endian), then the nonce.
func (t FormToken) Sign(secret []byte) string {
	p := make([]byte, 17, 17+len(t.Nonce))
	p[0] = 1
	binary.BigEndian.PutUint64(p[1:], uint64(t.ArticleID))
	binary.BigEndian.PutUint64(p[9:], uint64(t.Issued.UnixMilli()))
	p = append(p, t.Nonce...)
	return Sign(secret, formPurpose, p)
}

// VerifyFormToken checks a signed form token sent back for articleID at
// now. It returns the token, or ErrTokenInvalid, ErrTokenOtherArticle,
// ErrTokenTooFast or ErrTokenExpired, checked in that order. A token from
// the future (clocks differ between servers) counts as too fast. Replays
// are not its business: the nonce's uniqueness in the database stops them.
func VerifyFormToken(secret []byte, s string, articleID int64, now time.Time) (FormToken, error) {
	p, ok := Verify(secret, formPurpose, s)
	if !ok || len(p) < 18 || p[0] != 1 {
		return FormToken{}, ErrTokenInvalid
	}
	t := FormToken{
		ArticleID: int64(binary.BigEndian.Uint64(p[1:])),
		Issued:    time.UnixMilli(int64(binary.BigEndian.Uint64(p[9:]))).UTC(),
		Nonce:     string(p[17:]),
	}
	switch age := now.Sub(t.Issued); {
	case t.ArticleID != articleID:
		return t, ErrTokenOtherArticle
	case age < MinFormAge:
		return t, ErrTokenTooFast
	case age > MaxFormAge:
		return t, ErrTokenExpired
	}
	return t, nil
}

// Sign returns value with a MAC that binds it to secret and purpose, as
// base64url(value) + "." + base64url(HMAC-SHA256). The value is readable
// by anyone, so it must hold nothing secret. The purpose ("comment-form",
// "comment-author") is part of the MAC, so a value signed for one use is
// refused for another. Sign panics on an empty secret: anyone could then
// forge values, and that is a bug to find at once, not a setting.
func Sign(secret []byte, purpose string, value []byte) string {
	if len(secret) == 0 {
		panic("comments: Sign with an empty secret")
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString(value) + "." + enc.EncodeToString(mac(secret, purpose, value))
}

// Verify returns the value Sign signed for purpose, and whether signed is
// genuine. It refuses anything malformed, not in Sign's exact spelling or
// longer than 4 KiB, and every value when secret is empty, and compares
// MACs in constant time.
func Verify(secret []byte, purpose, signed string) ([]byte, bool) {
	if len(secret) == 0 || len(signed) > maxSigned {
		return nil, false
	}
	// The decoder skips newlines even in strict mode; refusing anything
	// outside the alphabet keeps one spelling per signed value.
	for i := 0; i < len(signed); i++ {
		if c := signed[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return nil, false
		}
	}
	v, m, ok := strings.Cut(signed, ".")
	if !ok {
		return nil, false
	}
	enc := base64.RawURLEncoding.Strict()
	value, err := enc.DecodeString(v)
	if err != nil {
		return nil, false
	}
	sum, err := enc.DecodeString(m)
	if err != nil || !hmac.Equal(sum, mac(secret, purpose, value)) {
		return nil, false
	}
	return value, true
}

// mac is HMAC-SHA256 over the purpose's length, the purpose and the value.
// The length prefix keeps ("ab", "c") and ("a", "bc") apart.
func mac(secret []byte, purpose string, value []byte) []byte {
	h := hmac.New(sha256.New, secret)
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(purpose)))
	h.Write(n[:])
	h.Write([]byte(purpose))
	h.Write(value)
	return h.Sum(nil)
}
