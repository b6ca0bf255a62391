package warta

import (
	"context"
	"strings"
)

// Author is the public profile of someone who writes for the site. Staff
// accounts (a later concern) point at an author; the byline shows this.
type Author struct {
	ID   int64
	Slug string
	Name string
	Bio  string
}

// Validate checks an author's fields.
func (a *Author) Validate() error {
	fields := map[string]string{}
	if !ValidSlug(a.Slug) {
		fields["slug"] = "error.slug_invalid"
	}
	if a.Name = strings.TrimSpace(a.Name); a.Name == "" {
		fields["name"] = "error.required"
	}
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "the author is not valid", Key: "error.form", Fields: fields}
	}
	return nil
}

// AuthorStore keeps author profiles.
type AuthorStore interface {
	// CreateAuthor inserts a and sets its ID. Errors: EINVALID, ECONFLICT.
	CreateAuthor(ctx context.Context, a *Author) error
	// AuthorBySlug returns one author. Errors: ENOTFOUND.
	AuthorBySlug(ctx context.Context, slug string) (*Author, error)
	// AuthorByID returns one author. Errors: ENOTFOUND.
	AuthorByID(ctx context.Context, id int64) (*Author, error)
	// Authors returns every author profile, by name.
	Authors(ctx context.Context) ([]*Author, error)
	// UpdateAuthor saves an author's slug, name and bio. Errors: ENOTFOUND, EINVALID, ECONFLICT.
	UpdateAuthor(ctx context.Context, a *Author) error
}
