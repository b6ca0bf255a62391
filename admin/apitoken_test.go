package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"warta"
	"warta/auth"
)

func TestAPITokens(t *testing.T) {
	n := newNewsroom(t, "sqlite")
	ctx := context.Background()
	u := n.users[warta.RoleContributor]

	rec := n.do(t, warta.RoleContributor, "POST", "/admin/profile/tokens", url.Values{"token_name": {"Aplikasi Android"}})
	if rec.Code != http.StatusOK {
		t.Fatalf("create = %d\n%s", rec.Code, rec.Body)
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("the page showing a new token has Cache-Control %q, want no-store", cc)
	}
	m := regexp.MustCompile(`<code id="new-token">(wrt_[A-Za-z0-9_-]+)</code>`).FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatalf("the new token is not shown:\n%s", rec.Body)
	}
	token := m[1]
	stored, err := n.store.APITokenByHash(ctx, auth.APITokenHash(token))
	if err != nil || stored.UserID != u.ID || stored.Name != "Aplikasi Android" || !strings.HasPrefix(token, stored.Prefix) {
		t.Fatalf("stored token %+v, %v", stored, err)
	}
	// Shown once: the profile page afterwards lists it by prefix only.
	page := n.do(t, warta.RoleContributor, "GET", "/admin/profile", nil)
	if strings.Contains(page.Body.String(), token) || !strings.Contains(page.Body.String(), stored.Prefix) {
		t.Error("the profile page shows the whole token, or not its prefix")
	}

	// A nameless token is refused, and nothing is made.
	if rec := n.do(t, warta.RoleContributor, "POST", "/admin/profile/tokens", url.Values{"token_name": {"  "}}); rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("nameless token = %d, want 422", rec.Code)
	}
	if list, _ := n.store.APITokens(ctx, u.ID); len(list) != 1 {
		t.Errorf("%d tokens, want 1", len(list))
	}

	// Nobody revokes another's token; its owner does, at once.
	path := "/admin/profile/tokens/" + itoa64(stored.ID) + "/revoke"
	if rec := n.do(t, warta.RoleAdministrator, "POST", path, url.Values{}); rec.Code != http.StatusNotFound {
		t.Errorf("another user's revoke = %d, want 404", rec.Code)
	}
	if got, _ := n.store.APITokenByHash(ctx, stored.Hash); !got.RevokedAt.IsZero() {
		t.Fatal("another user revoked the token")
	}
	if rec := n.do(t, warta.RoleContributor, "POST", path, url.Values{}); rec.Code != http.StatusSeeOther {
		t.Fatalf("revoke = %d", rec.Code)
	}
	if got, _ := n.store.APITokenByHash(ctx, stored.Hash); got.RevokedAt.IsZero() {
		t.Error("the token is not revoked")
	}
	if rec := n.do(t, "", "POST", "/admin/profile/tokens", url.Values{"token_name": {"x"}}); rec.Code == http.StatusOK {
		t.Error("someone logged out made a token")
	}
}
