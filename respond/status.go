package respond

import (
	"net/http"

	"warta"
)

// statuses maps each application error code to its HTTP status, in the
// one place that knows both.
var statuses = map[string]int{
	warta.EINVALID:      http.StatusBadRequest,
	warta.EUNAUTHORIZED: http.StatusUnauthorized,
	warta.EFORBIDDEN:    http.StatusForbidden,
	warta.ENOTFOUND:     http.StatusNotFound,
	warta.ECONFLICT:     http.StatusConflict,
	warta.EGONE:         http.StatusGone,
	warta.EINTERNAL:     http.StatusInternalServerError,
	warta.EUNAVAILABLE:  http.StatusServiceUnavailable,
}

// Status returns the HTTP status for err's application error code.
func Status(err error) int {
	if s, ok := statuses[warta.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}
