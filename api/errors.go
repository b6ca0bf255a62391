package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"warta"
	"warta/comments"
)

// Error codes the API answers with, each with its HTTP status. A client
// switches on the code; the message is for people, in the site's language.
const (
	codeBadJSON       = "bad_json"               // 400: the body is not JSON, or not one JSON object
	codeBadParameter  = "bad_parameter"          // 400: a query parameter or path ID is malformed
	codeWrongType     = "wrong_type"             // 422: a field has the wrong JSON type
	codeUnknownField  = "unknown_field"          // 422: a field the route does not take
	codeInvalid       = "invalid"                // 422: the values break a rule; fields says which
	codeTooLarge      = "too_large"              // 413
	codeUnsupported   = "unsupported_media_type" // 415: not application/json
	codeUnauthorized  = "unauthorized"           // 401: a token is needed, or the one sent is not valid
	codeForbidden     = "forbidden"              // 403: the token's user may not do this
	codeOriginRefused = "origin_refused"         // 403: a browser preflight from an origin not allowed
	codeMethod        = "method_not_allowed"     // 405: the address takes other methods; Allow lists them
	codeNotFound      = "not_found"              // 404
	codeGone          = "gone"                   // 410: the article was withdrawn
	codeConflict      = "conflict"               // 409: a slug is taken
	codeRevision      = "revision_conflict"      // 409: someone saved the article since your revision
	codeInternal      = "internal"               // 500: logged; nothing is said of it
	commentCodePrefix = "comment_"               // comment refusals: comment_closed, comment_flood…
)

// apiError is the one shape of every error answer.
type apiError struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Fields maps a request field to what is wrong with it, in words.
	Fields map[string]string `json:"fields,omitempty"`
}

// fail answers with status and code; the message is the catalogue's text
// for "api.error."+code. fields map request fields to message keys.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, status int, code string, fields map[string]string) {
	h.failKey(w, r, status, code, "api.error."+code, fields)
}

// failKey is fail with an explicit message key.
func (h *handler) failKey(w http.ResponseWriter, r *http.Request, status int, code, key string, fields map[string]string, args ...any) {
	cat := from(r).cat
	body := apiError{Error: errorBody{Code: code, Message: cat.T(key, args...)}}
	if len(fields) > 0 {
		body.Error.Fields = map[string]string{}
		for f, k := range fields {
			body.Error.Fields[f] = cat.T(k)
		}
	}
	b, _ := json.Marshal(body)
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Del("ETag")
	if status == http.StatusUnauthorized {
		hd.Set("WWW-Authenticate", `Bearer realm="warta"`)
	}
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// error answers for an error from the store or newsroom: its code decides
// the status; anything unexpected is logged and answered as internal.
func (h *handler) error(w http.ResponseWriter, r *http.Request, err error) {
	var e *warta.Error
	errors.As(err, &e)
	switch warta.ErrorCode(err) {
	case warta.ENOTFOUND:
		h.fail(w, r, http.StatusNotFound, codeNotFound, nil)
	case warta.EGONE:
		h.fail(w, r, http.StatusGone, codeGone, nil)
	case warta.EFORBIDDEN:
		h.fail(w, r, http.StatusForbidden, codeForbidden, nil)
	case warta.EUNAUTHORIZED:
		h.fail(w, r, http.StatusUnauthorized, codeUnauthorized, nil)
	case warta.EINVALID:
		h.fail(w, r, http.StatusUnprocessableEntity, codeInvalid, apiFields(e.Fields))
	case warta.ECONFLICT:
		if e.Fields["revision"] != "" {
			h.fail(w, r, http.StatusConflict, codeRevision, nil)
			return
		}
		h.fail(w, r, http.StatusConflict, codeConflict, apiFields(e.Fields))
	default:
		h.Logger.ErrorContext(r.Context(), "api", "method", r.Method, "path", r.URL.Path, "err", err)
		h.fail(w, r, http.StatusInternalServerError, codeInternal, nil)
	}
}

// apiFields renames the newsroom's form fields to the API's.
func apiFields(fields map[string]string) map[string]string {
	out := map[string]string{}
	for f, k := range fields {
		if f == "body" {
			f = "body_markdown"
		}
		if f == "section" {
			f = "section_id"
		}
		if f == "authors" {
			f = "author_ids"
		}
		out[f] = k
	}
	return out
}

// refuse answers a comment refusal with its own status, code and message.
func (h *handler) refuse(w http.ResponseWriter, r *http.Request, no *comments.Refusal) {
	if no.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(no.RetryAfter.Seconds())))
	}
	code := commentCodePrefix + strings.TrimPrefix(no.Key, "comment.error.")
	fields := map[string]string{}
	for f, k := range no.Fields {
		switch f { // the form's field names, as the API spells them
		case "author":
			f = "author_name"
		case "email", "url":
			f = "author_" + f
		}
		if k == "error.parent_invalid" {
			f = "parent_id"
		}
		fields[f] = k
	}
	// The token messages speak of a form; the API has its own words.
	key := no.Key
	if from(r).cat.Has("api." + key) {
		key = "api." + key
	}
	h.failKey(w, r, no.Status, code, key, fields)
}
