package storetest

import (
	"strings"
	"testing"
	"time"

	"warta"
)

// apiTokenTests are the contract of warta.APITokenStore.
var apiTokenTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"APITokenRoundTrip", testAPITokenRoundTrip},
	{"APITokenInvalid", testAPITokenInvalid},
	{"APITokenRevoke", testAPITokenRevoke},
	{"APITokens", testAPITokenList},
}

func apiTokenUser(t *testing.T, st warta.Store, email string) *warta.User {
	return MustCreateUser(t, st, &warta.User{Email: email, Name: "Pemilik " + email, Role: warta.RoleAuthor})
}

func testAPITokenRoundTrip(t *testing.T, st warta.Store, clock *TestClock) {
	u := apiTokenUser(t, st, "dewi@warta.test")
	tok := &warta.APIToken{UserID: u.ID, Name: "  Aplikasi Android  ", Prefix: "wrt_AbCd", Hash: "aa11"}
	if err := st.CreateAPIToken(ctx(t), tok); err != nil {
		t.Fatalf("CreateAPIToken: %v", err)
	}
	if tok.ID == 0 || !tok.CreatedAt.Equal(clock.Now()) {
		t.Fatalf("after create: ID %d, CreatedAt %v, want an ID and %v", tok.ID, tok.CreatedAt, clock.Now())
	}
	if tok.Name != "Aplikasi Android" {
		t.Errorf("Name = %q, want it trimmed", tok.Name)
	}
	got, err := st.APITokenByHash(ctx(t), "aa11")
	if err != nil {
		t.Fatalf("APITokenByHash: %v", err)
	}
	if got.ID != tok.ID || got.UserID != u.ID || got.Name != tok.Name || got.Prefix != "wrt_AbCd" || got.Hash != "aa11" ||
		!got.CreatedAt.Equal(tok.CreatedAt) || got.CreatedAt.Location() != time.UTC || !got.LastUsedAt.IsZero() || !got.RevokedAt.IsZero() {
		t.Errorf("APITokenByHash = %+v, want %+v", got, tok)
	}
	_, err = st.APITokenByHash(ctx(t), "bb22")
	MustBeCode(t, err, warta.ENOTFOUND)

	clock.Advance(time.Hour)
	if err := st.TouchAPIToken(ctx(t), tok.ID, clock.Now()); err != nil {
		t.Fatalf("TouchAPIToken: %v", err)
	}
	got, _ = st.APITokenByHash(ctx(t), "aa11")
	if !got.LastUsedAt.Equal(clock.Now()) {
		t.Errorf("LastUsedAt = %v, want %v", got.LastUsedAt, clock.Now())
	}
	if err := st.TouchAPIToken(ctx(t), tok.ID+1000, clock.Now()); err != nil {
		t.Errorf("TouchAPIToken of a missing token: %v, want nil", err)
	}

	// The hash is unique: a second token with it is a conflict.
	err = st.CreateAPIToken(ctx(t), &warta.APIToken{UserID: u.ID, Name: "lagi", Prefix: "wrt_AbCd", Hash: "aa11"})
	MustBeCode(t, err, warta.ECONFLICT)
}

func testAPITokenInvalid(t *testing.T, st warta.Store, _ *TestClock) {
	u := apiTokenUser(t, st, "eko@warta.test")
	for _, tc := range []struct {
		name  string
		tok   warta.APIToken
		field string
	}{
		{"no name", warta.APIToken{UserID: u.ID, Name: "  ", Prefix: "p", Hash: "h1"}, "name"},
		{"long name", warta.APIToken{UserID: u.ID, Name: string(make([]rune, 101)), Prefix: "p", Hash: "h2"}, "name"},
		{"no hash", warta.APIToken{UserID: u.ID, Name: "x", Prefix: "p"}, "token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := st.CreateAPIToken(ctx(t), &tc.tok)
			MustBeCode(t, err, warta.EINVALID)
			MustHaveField(t, err, tc.field, "")
		})
	}
	err := st.CreateAPIToken(ctx(t), &warta.APIToken{UserID: u.ID + 999, Name: "x", Prefix: "p", Hash: "h3"})
	MustBeCode(t, err, warta.EINVALID)
	if list, err := st.APITokens(ctx(t), u.ID); err != nil || len(list) != 0 {
		t.Errorf("APITokens after refused creates = %d tokens, %v; want none", len(list), err)
	}
}

func testAPITokenRevoke(t *testing.T, st warta.Store, clock *TestClock) {
	a := apiTokenUser(t, st, "fajar@warta.test")
	b := apiTokenUser(t, st, "gita@warta.test")
	tok := &warta.APIToken{UserID: a.ID, Name: "skrip", Prefix: "wrt_1", Hash: "h-a"}
	if err := st.CreateAPIToken(ctx(t), tok); err != nil {
		t.Fatal(err)
	}
	// Another user cannot revoke it.
	MustBeCode(t, st.RevokeAPIToken(ctx(t), b.ID, tok.ID), warta.ENOTFOUND)
	MustBeCode(t, st.RevokeAPIToken(ctx(t), a.ID, tok.ID+1000), warta.ENOTFOUND)
	if got, _ := st.APITokenByHash(ctx(t), "h-a"); !got.RevokedAt.IsZero() {
		t.Fatalf("RevokedAt = %v after refused revokes, want zero", got.RevokedAt)
	}
	clock.Advance(time.Minute)
	first := clock.Now()
	if err := st.RevokeAPIToken(ctx(t), a.ID, tok.ID); err != nil {
		t.Fatalf("RevokeAPIToken: %v", err)
	}
	clock.Advance(time.Minute)
	if err := st.RevokeAPIToken(ctx(t), a.ID, tok.ID); err != nil {
		t.Fatalf("RevokeAPIToken again: %v", err)
	}
	got, err := st.APITokenByHash(ctx(t), "h-a")
	if err != nil {
		t.Fatal(err)
	}
	if !got.RevokedAt.Equal(first) {
		t.Errorf("RevokedAt = %v, want the first revocation %v", got.RevokedAt, first)
	}
}

func testAPITokenList(t *testing.T, st warta.Store, _ *TestClock) {
	a := apiTokenUser(t, st, "hana@warta.test")
	b := apiTokenUser(t, st, "indra@warta.test")
	var ids []int64
	for i, name := range []string{"satu", "dua", "tiga"} {
		tok := &warta.APIToken{UserID: a.ID, Name: name, Prefix: "wrt_" + name, Hash: "hash-" + name}
		if err := st.CreateAPIToken(ctx(t), tok); err != nil {
			t.Fatalf("token %d: %v", i, err)
		}
		ids = append(ids, tok.ID)
	}
	if err := st.CreateAPIToken(ctx(t), &warta.APIToken{UserID: b.ID, Name: "lain", Prefix: "wrt_x", Hash: "hash-b"}); err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeAPIToken(ctx(t), a.ID, ids[1]); err != nil {
		t.Fatal(err)
	}
	list, err := st.APITokens(ctx(t), a.ID)
	if err != nil {
		t.Fatalf("APITokens: %v", err)
	}
	var got []string
	for _, tok := range list {
		got = append(got, tok.Name)
	}
	if want := "tiga dua satu"; strings.Join(got, " ") != want {
		t.Errorf("APITokens names = %q, want %q (newest first, revoked kept)", strings.Join(got, " "), want)
	}
	if len(list) == 3 && list[1].RevokedAt.IsZero() {
		t.Error("the revoked token is listed without RevokedAt")
	}
	if list, _ := st.APITokens(ctx(t), 0); len(list) != 0 {
		t.Errorf("APITokens(0) = %d tokens, want none", len(list))
	}
}
