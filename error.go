package warta

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in one place (server/errors.go).
const (
	ECONFLICT     = "conflict"     // a unique value is taken: a slug, an email
	EINTERNAL     = "internal"     // a bug or an unexpected failure; details are logged, never shown
	EINVALID      = "invalid"      // the input breaks a rule; Fields says which
	ENOTFOUND     = "not_found"    // no such thing
	EGONE         = "gone"         // it existed and was withdrawn (an unpublished article)
	EUNAVAILABLE  = "unavailable"  // a dependency such as the database cannot be reached right now
	EUNAUTHORIZED = "unauthorized" // who you are is unknown
	EFORBIDDEN    = "forbidden"    // who you are may not do this
)

// Error is Warta's application error. Message is written for the person
// who made the request (a translation key is carried in Key when the text
// must be shown in the site language); internal errors are wrapped in Err
// and only ever logged.
type Error struct {
	Code    string
	Message string
	// Key is a message-catalogue key (for example "error.slug_taken");
	// user interfaces show its translation instead of Message.
	Key string
	// Fields maps a form field to a message-catalogue key, for EINVALID.
	Fields map[string]string
	Err    error
}

// Error implements the error interface.
func (e *Error) Error() string {
	switch {
	case e.Err != nil && e.Message != "":
		return fmt.Sprintf("warta %s: %s: %v", e.Code, e.Message, e.Err)
	case e.Err != nil:
		return fmt.Sprintf("warta %s: %v", e.Code, e.Err)
	default:
		return fmt.Sprintf("warta %s: %s", e.Code, e.Message)
	}
}

// Unwrap returns the underlying error, so errors.Is sees through an Error.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain,
// EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or
// a generic text for internal errors, whose details must not leak.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL && e.Message != "" {
		return e.Message
	}
	return "internal error"
}

// IsNotFound reports whether err means "no such thing".
func IsNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }
