package warta

import (
	"context"
	"strings"
)

// Tag is a topic that cuts across sections ("Pemilu 2024", "Banjir").
type Tag struct {
	ID   int64
	Slug string
	Name string
}

// Validate checks a tag's fields.
func (t *Tag) Validate() error {
	fields := map[string]string{}
	if !ValidSlug(t.Slug) {
		fields["slug"] = "error.slug_invalid"
	}
	if t.Name = strings.TrimSpace(t.Name); t.Name == "" {
		fields["name"] = "error.required"
	}
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "the tag is not valid", Key: "error.form", Fields: fields}
	}
	return nil
}

// TagStore keeps tags.
type TagStore interface {
	// CreateTag inserts t and sets its ID. Errors: EINVALID, ECONFLICT.
	CreateTag(ctx context.Context, t *Tag) error
	// TagBySlug returns one tag. Errors: ENOTFOUND.
	TagBySlug(ctx context.Context, slug string) (*Tag, error)
	// Tags returns every tag, by name.
	Tags(ctx context.Context) ([]*Tag, error)
	// UpdateTag saves a tag's slug and name. Errors: ENOTFOUND, EINVALID, ECONFLICT.
	UpdateTag(ctx context.Context, t *Tag) error
}
