package admin

import (
	"net/http"
	"strconv"

	"warta"
	"warta/auth"
)

// createAPIToken makes an API token for the user and shows it on the
// profile page, once: only its hash is stored, so it cannot be shown
// again. The page is answered directly, not redirected to, for that
// reason; like every newsroom page it is never cached.
//
// POST /admin/profile/tokens  (name)
func (h *handler) createAPIToken(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, http.StatusBadRequest, "")
		return
	}
	u := userFrom(r.Context())
	p, err := h.storedProfile(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	token, prefix, hash := auth.NewAPIToken()
	t := &warta.APIToken{UserID: u.ID, Name: r.PostFormValue("token_name"), Prefix: prefix, Hash: hash}
	if err := h.Store.CreateAPIToken(r.Context(), t); err != nil {
		if fields := h.fieldErrors(err); fields != nil {
			p.TokenName, p.TokenError = r.PostFormValue("token_name"), fields["name"]
			p.Summary = "api.tokens.error.summary"
			h.showProfile(w, r, http.StatusUnprocessableEntity, p)
			return
		}
		h.error(w, r, err)
		return
	}
	h.audit(r, "user.api_token_create", userSubject(u), t.Prefix+" "+t.Name)
	p.NewToken = token
	h.showProfile(w, r, http.StatusOK, p)
}

// revokeAPIToken revokes one of the user's own tokens; it stops working
// at once.
//
// POST /admin/profile/tokens/{id}/revoke
func (h *handler) revokeAPIToken(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	id := idParam(r.PathValue("id"))
	if err := h.Store.RevokeAPIToken(r.Context(), u.ID, id); err != nil {
		h.error(w, r, err)
		return
	}
	h.audit(r, "user.api_token_revoke", userSubject(u), "token "+strconv.FormatInt(id, 10))
	http.Redirect(w, r, "/admin/profile?done=token_revoked#api-tokens", http.StatusSeeOther)
}
