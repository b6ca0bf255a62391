package admin

import (
	"errors"
	"strconv"

	"warta"
)

func itoa(n int) string { return strconv.Itoa(n) }

func asError(err error, target **warta.Error) bool { return errors.As(err, target) }

// idParam parses a positive ID from a path value; 0 when it is not one.
func idParam(s string) int64 {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}
