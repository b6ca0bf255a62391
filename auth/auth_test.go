package auth_test

import (
	"strings"
	"testing"
	"time"

	"warta"
	"warta/auth"
)

func TestHashPassword_RoundTrip(t *testing.T) {
	const pw = "kopi-tubruk-pagi"
	hash, err := auth.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if hash == pw || !strings.HasPrefix(hash, "$2") {
		t.Fatalf("hash = %q, want a bcrypt hash", hash)
	}
	if !auth.CheckPassword(hash, pw) {
		t.Error("CheckPassword(hash, pw) = false, want true")
	}
	if auth.CheckPassword(hash, pw+"x") {
		t.Error("CheckPassword accepted a wrong password")
	}
	if auth.CheckPassword(hash, "") {
		t.Error("CheckPassword accepted an empty password")
	}
}

func TestCheckPassword_NoHash(t *testing.T) {
	for _, hash := range []string{"", "not-a-bcrypt-hash"} {
		if auth.CheckPassword(hash, "whatever-password") {
			t.Errorf("CheckPassword(%q, …) = true, want false", hash)
		}
	}
}

// TestCheckPassword_Timing checks that an account without a hash costs as
// much as a real comparison (the dummy hash has the same cost), so the
// time taken does not tell an attacker which emails exist.
func TestCheckPassword_Timing(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	hash, err := auth.HashPassword("sebuah-kata-sandi")
	if err != nil {
		t.Fatal(err)
	}
	measure := func(h string) time.Duration {
		start := time.Now()
		auth.CheckPassword(h, "tebakan-yang-salah")
		return time.Since(start)
	}
	full, empty := measure(hash), measure("")
	if empty < full/4 {
		t.Errorf("empty hash took %v, a real check %v: want comparable", empty, full)
	}
}

func TestHashPassword_Length(t *testing.T) {
	for _, tt := range []struct {
		name, pw, key string
	}{
		{"empty", "", "error.password_too_short"},
		{"nine", "123456789", "error.password_too_short"},
		{"nine runes, more bytes", "ééééééééé", "error.password_too_short"},
		{"73 bytes", strings.Repeat("a", 73), "error.password_too_long"},
		{"73 bytes of runes", strings.Repeat("é", 36) + "a", "error.password_too_long"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := auth.HashPassword(tt.pw)
			e, ok := err.(*warta.Error)
			if !ok || e.Code != warta.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			if got := e.Fields["password"]; got != tt.key {
				t.Errorf(`Fields["password"] = %q, want %q`, got, tt.key)
			}
		})
	}
	for _, pw := range []string{"1234567890", strings.Repeat("a", 72)} {
		if _, err := auth.HashPassword(pw); err != nil {
			t.Errorf("HashPassword(%d bytes) = %v, want nil", len(pw), err)
		}
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		pw := auth.GeneratePassword()
		if got, want := len(pw), 20; got != want {
			t.Fatalf("len(%q) = %d, want %d", pw, got, want)
		}
		if strings.ContainsAny(pw, "0O1lI") {
			t.Fatalf("%q holds an ambiguous character", pw)
		}
		for _, r := range pw {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '2' && r <= '9') {
				t.Fatalf("%q holds %q, want letters and digits only", pw, r)
			}
		}
		if seen[pw] {
			t.Fatalf("%q generated twice", pw)
		}
		seen[pw] = true
	}
}

func TestNewSessionToken(t *testing.T) {
	token, id := auth.NewSessionToken()
	if got, want := len(token), 43; got != want { // 32 bytes, unpadded base64
		t.Errorf("len(token) = %d, want %d", got, want)
	}
	if strings.ContainsAny(token, "+/=") {
		t.Errorf("token %q is not unpadded base64url", token)
	}
	if got, want := len(id), 64; got != want {
		t.Errorf("len(id) = %d, want %d", got, want)
	}
	if got := auth.SessionID(token); got != id {
		t.Errorf("SessionID(token) = %q, want %q", got, id)
	}
	if id == token {
		t.Error("id is the token itself")
	}
	if token2, id2 := auth.NewSessionToken(); token2 == token || id2 == id {
		t.Error("two tokens are equal")
	}
	// A known vector: SHA-256 of "abc".
	if got, want := auth.SessionID("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Errorf("SessionID(abc) = %q, want %q", got, want)
	}
}

func TestSessionValid(t *testing.T) {
	login := time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC)
	for _, tt := range []struct {
		name     string
		lastSeen time.Time
		now      time.Time
		want     bool
	}{
		{"just logged in", login, login, true},
		{"idle just under", login, login.Add(auth.IdleTimeout - time.Second), true},
		{"idle at the limit", login, login.Add(auth.IdleTimeout), false},
		{"busy, just under absolute", login.Add(auth.AbsoluteTimeout - time.Minute), login.Add(auth.AbsoluteTimeout - time.Second), true},
		{"busy, at absolute", login.Add(auth.AbsoluteTimeout - time.Minute), login.Add(auth.AbsoluteTimeout), false},
		{"busy, past absolute", login.Add(auth.AbsoluteTimeout), login.Add(auth.AbsoluteTimeout + time.Minute), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := &warta.Session{ID: "x", UserID: 1, CreatedAt: login, LastSeenAt: tt.lastSeen}
			if got := auth.SessionValid(s, tt.now); got != tt.want {
				t.Errorf("SessionValid = %v, want %v", got, tt.want)
			}
		})
	}
	if auth.SessionValid(nil, login) {
		t.Error("SessionValid(nil) = true")
	}
}

func TestThrottled(t *testing.T) {
	for _, tt := range []struct {
		byEmail, byIP int
		want          bool
	}{
		{0, 0, false},
		{4, 19, false},
		{5, 0, true},
		{0, 20, true},
		{4, 20, true},
		{5, 19, true},
		{30, 30, true},
	} {
		if got := auth.Throttled(tt.byEmail, tt.byIP); got != tt.want {
			t.Errorf("Throttled(%d, %d) = %v, want %v", tt.byEmail, tt.byIP, got, tt.want)
		}
	}
}

func TestAPIToken(t *testing.T) {
	tok, prefix, hash := auth.NewAPIToken()
	if !auth.LooksLikeAPIToken(tok) {
		t.Fatalf("NewAPIToken made %q, which LooksLikeAPIToken refuses", tok)
	}
	if !strings.HasPrefix(tok, prefix) || len(prefix) != 12 {
		t.Errorf("prefix %q is not the first 12 characters of %q", prefix, tok)
	}
	if hash != auth.APITokenHash(tok) || strings.Contains(hash, tok) {
		t.Errorf("hash %q does not match APITokenHash", hash)
	}
	other, _, _ := auth.NewAPIToken()
	if other == tok {
		t.Error("two tokens are equal")
	}
	for _, bad := range []string{"", "wrt_", "xyz_" + tok[4:], tok + "a", tok[:len(tok)-1] + "!"} {
		if auth.LooksLikeAPIToken(bad) {
			t.Errorf("auth.LooksLikeAPIToken(%q) = true", bad)
		}
	}
}
