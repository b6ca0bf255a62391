// Package warta holds Warta's domain: the content model (articles,
// sections, tags, authors), the store contract that each database
// implements, and the application error type.
//
// It imports only the standard library. Every other package in the
// module may import it; it imports none of them.
package warta

import "time"

// Version is the program's version, set at build time with
// -ldflags "-X warta.Version=…".
var Version = "dev"

// MaxPageSize bounds every list query, so a crafted ?limit can never ask
// the database for the whole archive at once.
const MaxPageSize = 100

// Clock returns the current time. Stores and handlers take one so that
// tests can fix "now" (dates in the site language, scheduled publishing,
// the news sitemap's two-day window).
type Clock func() time.Time
