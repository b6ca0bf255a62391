package warta

import "context"

type replicaKey struct{}

// WithReplicaReads marks ctx as a request that may read from a read
// replica, which can lag the primary by a moment: an anonymous public
// page. Anything that must see its own writes (the newsroom, a reader
// just after posting a comment, sessions) reads from the primary, which
// is what an unmarked context does.
func WithReplicaReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, replicaKey{}, true)
}

// ReplicaReads reports whether ctx may read from a read replica; see
// WithReplicaReads.
func ReplicaReads(ctx context.Context) bool {
	ok, _ := ctx.Value(replicaKey{}).(bool)
	return ok
}
