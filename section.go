package warta

import (
	"context"
	"strings"
)

// Section is a desk of the newsroom (Nasional, Ekonomi, Olahraga). Every
// article belongs to exactly one.
type Section struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Position    int // order in navigation, lowest first
}

// Validate checks a section's fields.
func (s *Section) Validate() error {
	fields := map[string]string{}
	if !ValidSlug(s.Slug) {
		fields["slug"] = "error.slug_invalid"
	}
	if s.Name = strings.TrimSpace(s.Name); s.Name == "" {
		fields["name"] = "error.required"
	}
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "the section is not valid", Key: "error.form", Fields: fields}
	}
	return nil
}

// SectionStore keeps sections.
type SectionStore interface {
	// CreateSection inserts s and sets its ID. Errors: EINVALID, ECONFLICT.
	CreateSection(ctx context.Context, s *Section) error
	// SectionBySlug returns one section. Errors: ENOTFOUND.
	SectionBySlug(ctx context.Context, slug string) (*Section, error)
	// Sections returns every section in navigation order.
	Sections(ctx context.Context) ([]*Section, error)
	// UpdateSection saves a section's slug, name, description and
	// position. Errors: ENOTFOUND, EINVALID, ECONFLICT.
	UpdateSection(ctx context.Context, s *Section) error
}
