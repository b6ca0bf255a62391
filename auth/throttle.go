package auth

import "time"

// Login throttling. The store counts failed logins (warta.SessionStore
// RecordLoginFailure and LoginFailures over the last ThrottleWindow); the
// handler asks Throttled before it checks a password, and when throttled
// answers with the same message whether or not the email exists.
const (
	// ThrottleWindow is how far back failed logins count.
	ThrottleWindow = 15 * time.Minute
	// MaxAccountFailures is how many failures for one email within the
	// window make further attempts for it wait.
	MaxAccountFailures = 5
	// MaxIPFailures is how many failures from one IP address within the
	// window make further attempts from it wait; higher than the account
	// limit because a newsroom often shares one address.
	MaxIPFailures = 20
)

// Throttled reports whether a login attempt must wait, given the failures
// within ThrottleWindow for its email and for its IP address.
func Throttled(byEmail, byIP int) bool {
	return byEmail >= MaxAccountFailures || byIP >= MaxIPFailures
}
