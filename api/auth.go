package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"warta"
	"warta/auth"
)

// touchEvery is how stale a token's "last used" may get: recording every
// call would make each read a write.
const touchEvery = time.Minute

// withSettings loads the request's settings and language, once.
func (h *handler) withSettings(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, err := h.load(r.Context())
		if err != nil {
			h.error(w, r, err)
			return
		}
		// The same URL answers differently with a token and from another origin.
		w.Header().Add("Vary", "Authorization")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestKey{}, st)))
	})
}

// authenticate finds the member of staff whose token comes in the
// Authorization header. A header that is there but not a working token is
// refused (401) on every route, reads too: a client that means to be
// someone should learn at once that it is not.
func (h *handler) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if header := r.Header.Get("Authorization"); header != "" {
			u, err := h.tokenUser(r.Context(), header)
			if err != nil {
				if warta.ErrorCode(err) == warta.EUNAUTHORIZED {
					h.fail(w, r, http.StatusUnauthorized, codeUnauthorized, nil)
				} else {
					h.error(w, r, err)
				}
				return
			}
			from(r).user = u
		}
		next.ServeHTTP(w, r)
	})
}

// tokenUser returns the enabled user whose working token header carries.
// Errors: EUNAUTHORIZED for anything else.
func (h *handler) tokenUser(ctx context.Context, header string) (*warta.User, error) {
	unauthorized := warta.Errorf(warta.EUNAUTHORIZED, "no working API token")
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || !auth.LooksLikeAPIToken(strings.TrimSpace(token)) {
		return nil, unauthorized
	}
	t, err := h.Store.APITokenByHash(ctx, auth.APITokenHash(strings.TrimSpace(token)))
	if warta.IsNotFound(err) {
		return nil, unauthorized
	} else if err != nil {
		return nil, err
	}
	if !t.RevokedAt.IsZero() {
		return nil, unauthorized
	}
	u, err := h.Store.UserByID(ctx, t.UserID)
	if warta.IsNotFound(err) {
		return nil, unauthorized
	} else if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, unauthorized
	}
	if now := h.Now(); now.Sub(t.LastUsedAt) >= touchEvery {
		if err := h.Store.TouchAPIToken(ctx, t.ID, now); err != nil {
			h.Logger.WarnContext(ctx, "recording an API token's use", "err", err)
		}
	}
	return u, nil
}

// requireUser lets only requests with a working token through.
func (h *handler) requireUser(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if from(r).user == nil {
			h.fail(w, r, http.StatusUnauthorized, codeUnauthorized, nil)
			return
		}
		next(w, r)
	}
}

// requireCap lets only requests whose token's user has c through.
func (h *handler) requireCap(c warta.Capability, next http.HandlerFunc) http.HandlerFunc {
	return h.requireUser(func(w http.ResponseWriter, r *http.Request) {
		if !from(r).user.Can(c) {
			h.fail(w, r, http.StatusForbidden, codeForbidden, nil)
			return
		}
		next(w, r)
	})
}

// cors lets the pages of the configured origins call the API from a
// browser, and answers their preflight requests. A bearer token is a
// header the page sends on purpose, not a cookie the browser adds, so
// allowing an origin never lets a page act with someone else's rights.
func (h *handler) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		allowed := origin != "" && (slices.Contains(h.CORSOrigins, "*") || slices.Contains(h.CORSOrigins, origin))
		if allowed {
			hd.Set("Access-Control-Allow-Origin", origin)
			hd.Set("Access-Control-Expose-Headers", "ETag, Link, Retry-After")
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			if !allowed {
				h.fail(w, r, http.StatusForbidden, codeOriginRefused, nil)
				return
			}
			hd.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, PATCH, OPTIONS")
			hd.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match")
			hd.Set("Access-Control-Max-Age", "600")
			hd.Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}
