package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"warta/respond"
)

// maxBody bounds a request body: the longest article anyone writes, with
// room for JSON escaping.
const maxBody = 2 << 20

// writeJSON answers v with status. Answers to anonymous GETs may be kept
// by browsers and proxies for the site's page-cache time; anything asked
// with a token is personal and never stored. A 200 carries a strong ETag,
// and a matching If-None-Match gets 304 (package respond does both).
func (h *handler) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		h.error(w, r, err)
		return
	}
	b = append(b, '\n')
	hd := w.Header()
	st := from(r)
	switch {
	case hd.Get("Cache-Control") != "":
		// The handler decided.
	case st.user == nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) && status == http.StatusOK:
		hd.Set("Cache-Control", fmt.Sprintf("public, max-age=%d, stale-while-revalidate=%d", st.settings.CacheMaxAge, st.settings.CacheSWR))
	default:
		hd.Set("Cache-Control", "no-store")
	}
	respond.Write(w, r, status, respond.NewBody("application/json; charset=utf-8", b, time.Time{}))
}

// writeJSONNoStore is writeJSON for answers no cache may keep.
func (h *handler) writeJSONNoStore(w http.ResponseWriter, r *http.Request, status int, v any) {
	w.Header().Set("Cache-Control", "no-store")
	h.writeJSON(w, r, status, v)
}

// writeRaw answers JSON bytes as they are, with an ETag.
func (h *handler) writeRaw(w http.ResponseWriter, r *http.Request, b []byte) {
	respond.Write(w, r, http.StatusOK, respond.NewBody("application/json; charset=utf-8", b, time.Time{}))
}

// decode reads the request's JSON body into v, strictly: one object, no
// field v does not have, every value of the right type, at most maxBody
// bytes. On failure it answers and returns false.
func (h *handler) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		h.fail(w, r, http.StatusUnsupportedMediaType, codeUnsupported, nil)
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value")
	}
	if err == nil {
		// Only whitespace may follow the object.
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("data after the JSON object")
		}
	}
	if err == nil {
		return true
	}
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		h.fail(w, r, http.StatusRequestEntityTooLarge, codeTooLarge, nil)
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "(body)"
		}
		h.fail(w, r, http.StatusUnprocessableEntity, codeWrongType, map[string]string{field: "api.error.wrong_type.field"})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json has no type for this error; its text is stable.
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		h.fail(w, r, http.StatusUnprocessableEntity, codeUnknownField, map[string]string{name: "api.error.unknown_field.field"})
	default:
		h.fail(w, r, http.StatusBadRequest, codeBadJSON, nil)
	}
	return false
}
