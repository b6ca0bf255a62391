package auth

import (
	"time"

	"warta"
)

// IdleTimeout ends a session nobody has used for this long: a newsroom
// laptop left open in a café should not stay logged in over the evening.
const IdleTimeout = 2 * time.Hour

// AbsoluteTimeout ends every session this long after login, however busy,
// so a stolen cookie stops working and passwords are typed now and then.
const AbsoluteTimeout = 14 * 24 * time.Hour

// SessionValid reports whether s may still be used at now: it was seen
// less than IdleTimeout ago and created less than AbsoluteTimeout ago.
// A nil session is not valid.
func SessionValid(s *warta.Session, now time.Time) bool {
	if s == nil {
		return false
	}
	return now.Sub(s.LastSeenAt) < IdleTimeout && now.Sub(s.CreatedAt) < AbsoluteTimeout
}
