package warta

import (
	"context"
	"io"
)

// Store is everything Warta keeps in its database. package sqlite and
// package postgres implement it; storetest checks both against one suite.
type Store interface {
	ArticleStore
	SectionStore
	PageStore
	TagStore
	AuthorStore
	CommentStore
	SettingsStore
	RateLimiter
	UserStore
	SessionStore
	AuditStore
	StashStore
	RevisionStore
	CorrectionStore
	MediaStore
	DistributionStore
	SearchStore
	ChangeStore
	ImportStore
	APITokenStore

	// Ping reports whether the database answers; /readyz uses it.
	Ping(ctx context.Context) error
	io.Closer
}
