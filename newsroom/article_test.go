package newsroom_test

import (
	"testing"

	"warta"
	"warta/newsroom"
)

// TestCheck is the workflow's capability matrix: who may take which step
// on an article of their own or someone else's, by its stored status.
func TestCheck(t *testing.T) {
	user := func(role warta.Role) *warta.User {
		return &warta.User{ID: 10, AuthorID: 20, Role: role}
	}
	own := func(s warta.ArticleStatus) *warta.Article { return &warta.Article{OwnerID: 10, Status: s} }
	others := func(s warta.ArticleStatus) *warta.Article { return &warta.Article{OwnerID: 99, Status: s} }
	byline := &warta.Article{OwnerID: 99, Status: warta.StatusDraft, Authors: []warta.Author{{ID: 20}}}
	tests := []struct {
		name   string
		role   warta.Role
		stored *warta.Article
		action newsroom.Action
		want   string
	}{
		{"contributor creates", warta.RoleContributor, nil, newsroom.Save, ""},
		{"contributor submits own", warta.RoleContributor, own(warta.StatusDraft), newsroom.Submit, ""},
		{"contributor via byline", warta.RoleContributor, byline, newsroom.Save, ""},
		{"contributor publishes own", warta.RoleContributor, own(warta.StatusDraft), newsroom.Publish, warta.EFORBIDDEN},
		{"contributor creates published", warta.RoleContributor, nil, newsroom.Publish, warta.EFORBIDDEN},
		{"contributor edits own published", warta.RoleContributor, own(warta.StatusPublished), newsroom.Save, warta.EFORBIDDEN},
		{"contributor edits others' draft", warta.RoleContributor, others(warta.StatusDraft), newsroom.Save, warta.EFORBIDDEN},
		{"author publishes own", warta.RoleAuthor, own(warta.StatusDraft), newsroom.Publish, ""},
		{"author schedules own", warta.RoleAuthor, own(warta.StatusDraft), newsroom.Schedule, ""},
		{"author unpublishes own", warta.RoleAuthor, own(warta.StatusPublished), newsroom.Unpublish, ""},
		{"author unpublishes others'", warta.RoleAuthor, others(warta.StatusPublished), newsroom.Unpublish, warta.EFORBIDDEN},
		{"editor publishes others'", warta.RoleEditor, others(warta.StatusPending), newsroom.Publish, ""},
		{"editor submits others'", warta.RoleEditor, others(warta.StatusDraft), newsroom.Submit, ""},
		{"disabled editor", "", others(warta.StatusDraft), newsroom.Save, warta.EFORBIDDEN},
		{"unknown action", warta.RoleEditor, others(warta.StatusDraft), "delete", warta.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := user(tt.role)
			if tt.role == "" {
				u = user(warta.RoleEditor)
				u.Disabled = true
			}
			if got := warta.ErrorCode(newsroom.Check(u, tt.stored, tt.action)); got != tt.want {
				t.Errorf("Check = %q, want %q", got, tt.want)
			}
		})
	}
}
