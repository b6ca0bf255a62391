package comments

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

var (
	testSecret = []byte("rahasia-situs-uji-yang-cukup-panjang")
	// issued is a fixed clock: Rabu, 19 Juni 2024 14.05 WIB.
	issued = time.Date(2024, 6, 19, 14, 5, 0, 123456789, time.FixedZone("WIB", 7*3600))
)

func TestFormTokenRoundTrip(t *testing.T) {
	tok := NewFormToken(42, issued)
	if got, want := len(tok.Nonce), 22; got != want {
		t.Errorf("nonce %q has %d characters, want %d", tok.Nonce, got, want)
	}
	if b, err := base64.RawURLEncoding.DecodeString(tok.Nonce); err != nil || len(b) != 16 {
		t.Errorf("nonce %q is not 16 bytes of base64url: %v", tok.Nonce, err)
	}
	if other := NewFormToken(42, issued); other.Nonce == tok.Nonce {
		t.Errorf("two tokens share the nonce %q", tok.Nonce)
	}
	s := tok.Sign(testSecret)
	if strings.ContainsAny(s, "+/= ") {
		t.Errorf("signed token %q is not URL-safe", s)
	}
	got, err := VerifyFormToken(testSecret, s, 42, issued.Add(time.Minute))
	if err != nil {
		t.Fatalf("VerifyFormToken: %v", err)
	}
	if got.ArticleID != tok.ArticleID || got.Nonce != tok.Nonce || !got.Issued.Equal(tok.Issued) {
		t.Errorf("got %+v, want %+v", got, tok)
	}
	if !got.Issued.Equal(issued.Truncate(time.Millisecond)) {
		t.Errorf("Issued = %v, want %v to the millisecond", got.Issued, issued)
	}
}

func TestVerifyFormTokenErrors(t *testing.T) {
	tok := NewFormToken(42, issued)
	s := tok.Sign(testSecret)
	payload, sig, _ := strings.Cut(s, ".")
	flip := func(s string) string { // change one character, keeping base64url
		b := []byte(s)
		if b[0] == 'A' {
			b[0] = 'B'
		} else {
			b[0] = 'A'
		}
		return string(b)
	}
	otherPurpose := Sign(testSecret, "comment-author", mustDecode(t, payload))

	tests := []struct {
		name    string
		secret  []byte
		token   string
		article int64
		now     time.Time
		want    error
	}{
		{"fine after a minute", testSecret, s, 42, issued.Add(time.Minute), nil},
		{"2.9 s is too fast", testSecret, s, 42, tok.Issued.Add(2900 * time.Millisecond), ErrTokenTooFast},
		{"3 s is fine", testSecret, s, 42, tok.Issued.Add(3 * time.Second), nil},
		{"24 h is fine", testSecret, s, 42, tok.Issued.Add(24 * time.Hour), nil},
		{"24 h and 1 s expired", testSecret, s, 42, tok.Issued.Add(24*time.Hour + time.Second), ErrTokenExpired},
		{"from the future", testSecret, s, 42, tok.Issued.Add(-time.Hour), ErrTokenTooFast},
		{"other article", testSecret, s, 43, issued.Add(time.Minute), ErrTokenOtherArticle},
		{"other article beats too fast", testSecret, s, 43, tok.Issued, ErrTokenOtherArticle},
		{"empty", testSecret, "", 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"tampered payload", testSecret, flip(payload) + "." + sig, 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"tampered signature", testSecret, payload + "." + flip(sig), 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"no signature", testSecret, payload, 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"empty signature", testSecret, payload + ".", 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"two dots", testSecret, s + ".x", 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"padded base64", testSecret, payload + "==." + sig, 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"wrong secret", []byte("rahasia lain"), s, 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"empty secret", nil, s, 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"wrong purpose", testSecret, otherPurpose, 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"short payload", testSecret, Sign(testSecret, formPurpose, []byte{1, 2, 3}), 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"no nonce", testSecret, Sign(testSecret, formPurpose, mustDecode(t, payload)[:17]), 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"unknown version", testSecret, Sign(testSecret, formPurpose, append([]byte{2}, mustDecode(t, payload)[1:]...)), 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"newline inside", testSecret, payload[:5] + "\n" + payload[5:] + "." + sig, 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"not base64", testSecret, "bukan token!.??", 42, issued.Add(time.Minute), ErrTokenInvalid},
		{"huge", testSecret, strings.Repeat("A", 1<<20) + "." + sig, 42, issued.Add(time.Minute), ErrTokenInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := VerifyFormToken(tt.secret, tt.token, tt.article, tt.now)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func mustDecode(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestSignVerify(t *testing.T) {
	value := []byte("budi@example.id")
	s := Sign(testSecret, "comment-author", value)
	if got, ok := Verify(testSecret, "comment-author", s); !ok || string(got) != string(value) {
		t.Errorf("Verify = %q, %v; want %q, true", got, ok, value)
	}
	if _, ok := Verify(testSecret, "comment-form", s); ok {
		t.Error("a value signed for one purpose passed for another")
	}
	if _, ok := Verify([]byte("lain"), "comment-author", s); ok {
		t.Error("a value passed with the wrong secret")
	}
	// The purpose's length is in the MAC, so moving a byte between
	// purpose and value makes a different MAC.
	a := Sign(testSecret, "ab", []byte("c"))
	if _, ok := Verify(testSecret, "a", strings.Replace(a, base64.RawURLEncoding.EncodeToString([]byte("c")), base64.RawURLEncoding.EncodeToString([]byte("bc")), 1)); ok {
		t.Error("purpose and value are ambiguous")
	}
	if got, ok := Verify(testSecret, "kosong", Sign(testSecret, "kosong", nil)); !ok || len(got) != 0 {
		t.Errorf("empty value: %q, %v", got, ok)
	}
}

func TestSignEmptySecretPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Sign with an empty secret did not panic")
		}
	}()
	Sign(nil, "x", []byte("y"))
}

// FuzzVerifyFormToken checks that no input makes VerifyFormToken panic or
// accept a token the secret did not sign. Under go test it runs the seeds.
func FuzzVerifyFormToken(f *testing.F) {
	// A fixed nonce: the fuzzing workers must all compute the same token.
	good := FormToken{ArticleID: 7, Issued: issued, Nonce: "bm9uY2UtdGV0YXA"}.Sign(testSecret)
	for _, s := range []string{
		"", ".", "..", "a.b", "====.====", good, good + "x", "x" + good,
		strings.Repeat("A", 10000), "\x00\xff.\xfe", "AQ.AQ", strings.ToUpper(good),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tok, err := VerifyFormToken(testSecret, s, 7, issued.Add(time.Hour))
		if err == nil && s != good {
			t.Errorf("accepted %q as %+v", s, tok)
		}
		Verify(testSecret, formPurpose, s)
	})
}
