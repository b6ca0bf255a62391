package warta

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// APIToken lets a program act for a member of staff through the REST API.
// The token itself is shown once, when it is made; the store keeps only
// its hash, so a copy of the database cannot be used to call the API.
type APIToken struct {
	ID     int64
	UserID int64
	// Name says what the token is for ("aplikasi Android"), chosen by its
	// owner so that they know which one to revoke.
	Name string
	// Prefix is the token's first characters, shown in lists so that a
	// person can match a token in a config file to its row.
	Prefix string
	// Hash is the hex SHA-256 of the token (see auth.APITokenHash).
	Hash string

	CreatedAt  time.Time // set by the store
	LastUsedAt time.Time // zero until first used
	RevokedAt  time.Time // zero while the token works
}

// MaxAPITokenNameLen bounds a token's name, in characters.
const MaxAPITokenNameLen = 100

// Validate trims the name and checks the fields the store needs.
func (t *APIToken) Validate() error {
	fields := map[string]string{}
	t.Name = strings.TrimSpace(t.Name)
	switch {
	case t.Name == "":
		fields["name"] = "error.required"
	case !utf8.ValidString(t.Name) || utf8.RuneCountInString(t.Name) > MaxAPITokenNameLen:
		fields["name"] = "error.too_long"
	}
	if t.UserID == 0 || t.Hash == "" || t.Prefix == "" {
		fields["token"] = "error.invalid"
	}
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "the API token is not valid", Key: "error.form", Fields: fields}
	}
	return nil
}

// APITokenStore keeps staff's API tokens.
type APITokenStore interface {
	// CreateAPIToken inserts t and sets its ID and CreatedAt. Errors:
	// EINVALID (no name, no such user), ECONFLICT (the hash exists).
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// APITokenByHash returns the token with hash, revoked or not; callers
	// check RevokedAt. Errors: ENOTFOUND.
	APITokenByHash(ctx context.Context, hash string) (*APIToken, error)
	// APITokens returns a user's tokens, revoked ones too, newest first.
	APITokens(ctx context.Context, userID int64) ([]*APIToken, error)
	// RevokeAPIToken revokes the token id of user userID at the store's
	// time; revoking twice keeps the first time. Errors: ENOTFOUND (no
	// such token, or another user's).
	RevokeAPIToken(ctx context.Context, userID, id int64) error
	// TouchAPIToken records that the token was used at at.
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
}
