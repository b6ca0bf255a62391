package api

import (
	_ "embed"
	"net/http"
)

// openAPI describes every route of the API, in OpenAPI 3.1. It is written
// by hand beside the code; the tests validate real answers against it.
//
//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the API's OpenAPI document.
func OpenAPI() []byte { return openAPI }

// showOpenAPI serves the OpenAPI document.
//
// GET /api/v1/openapi.json
func (h *handler) showOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=300")
	h.writeRaw(w, r, openAPI)
}
