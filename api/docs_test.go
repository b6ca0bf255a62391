package api_test

import (
	"strings"
	"testing"

	"warta"
	"warta/internal/teststore"
)

// TestLeadImageIsNeverADocument: the API refuses a PDF of the library as
// a lead image, as the editor does, so no article's image shapes (and
// no og:image or feed enclosure made from them) ever point at one.
func TestLeadImageIsNeverADocument(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) { leadImageIsNeverADocument(t, newSiteOn(t, db)) })
}

func leadImageIsNeverADocument(t *testing.T, s *site) {
	hash := strings.Repeat("d", 64)
	doc := &warta.Media{Hash: hash, Path: "lib/dd/" + hash + ".pdf", MIME: "application/pdf", Size: 900, OriginalName: "rilis.pdf"}
	if err := s.store.CreateMedia(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	body := map[string]any{"headline": "Rilis resmi", "body_markdown": "Isi.", "section_id": s.section.ID,
		"lead_image": map[string]any{"media_id": doc.ID, "alt": "Rilis"}}
	r := s.do("POST", "/api/v1/articles", s.tokens[warta.RoleAuthor], body).want(t, 422, "invalid")
	if f, _ := r.json["error"].(map[string]any)["fields"].(map[string]any); f["lead_media_id"] == nil {
		t.Errorf("fields = %v, want lead_media_id", f)
	}
	if list, _, _ := s.store.Articles(t.Context(), warta.ArticleFilter{}); len(list) != 0 {
		t.Errorf("%d articles saved with a PDF as lead image", len(list))
	}
}
