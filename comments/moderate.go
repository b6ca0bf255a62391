package comments

import (
	"context"
	"strconv"
	"strings"

	"warta"
)

// Moderate decides the status of a new comment from the site's rules, the
// local ones WordPress uses, and returns it with a short machine-readable
// reason for warta.Comment.Reason. hasApproved tells whether the email
// already has an approved comment. The first rule that applies decides:
//
//  1. a disallowed key in the content, author name, email, website, IP or
//     user agent: trash, "disallowed:" + key;
//  2. a moderation key in the same fields: pending, "moderation:" + key;
//  3. more than CommentMaxLinks links (CountLinks): pending, "links:" + n;
//  4. CommentFirstTimeHold and no approved comment yet: pending, "first_time";
//  5. CommentManualApproval: pending, "manual";
//  6. otherwise approved, "rules".
//
// Keys match as case-insensitive substrings, as in WordPress, so "1.2.3."
// catches a whole IP range and "casino" catches "CasinoBonus". Empty keys
// are ignored. The fields are compared without invisible characters, so a
// zero-width space or soft hyphen cannot split a key. A nil s means
// warta.DefaultSettings.
func Moderate(c *warta.Comment, s *warta.Settings, hasApproved bool) (warta.CommentStatus, string) {
	if s == nil {
		s = warta.DefaultSettings()
	}
	fields := []string{c.Content, c.AuthorName, c.AuthorEmail, c.AuthorURL, c.AuthorIP, c.UserAgent}
	for i, f := range fields {
		fields[i] = strings.ToLower(clean(f))
	}
	if key, ok := findKey(fields, s.CommentDisallowedKeys); ok {
		return warta.CommentTrash, "disallowed:" + key
	}
	if key, ok := findKey(fields, s.CommentModerationKeys); ok {
		return warta.CommentPending, "moderation:" + key
	}
	if n := CountLinks(c.Content); n > s.CommentMaxLinks {
		return warta.CommentPending, "links:" + strconv.Itoa(n)
	}
	if s.CommentFirstTimeHold && !hasApproved {
		return warta.CommentPending, "first_time"
	}
	if s.CommentManualApproval {
		return warta.CommentPending, "manual"
	}
	return warta.CommentApproved, "rules"
}

// findKey returns the first key (trimmed, as configured) found in any of
// the lower-cased fields.
func findKey(fields, keys []string) (string, bool) {
	for _, key := range keys {
		key = strings.TrimSpace(key)
		k := strings.ToLower(clean(key))
		if k == "" {
			// An empty key is in every string; it would send every
			// comment to the trash.
			continue
		}
		for _, f := range fields {
			if strings.Contains(f, k) {
				return key, true
			}
		}
	}
	return "", false
}

// AttachDepth returns how many levels to climb from a reply's parent (at
// parentDepth, 0 for a comment that starts a thread) to find the comment
// the reply is attached to, so that the reply sits at depth maxDepth-1 or
// less: threads nest at most maxDepth levels (warta.Settings.CommentMaxDepth).
// The handler walks up that many ParentIDs; climbing parentDepth+1 levels
// means the reply starts a thread of its own, which is what maxDepth 1
// (no nesting) asks. A maxDepth below 1 counts as 1.
//
// With maxDepth 5, a reply to a comment at depth 3 climbs 0 (it lands at
// depth 4); a reply to one at depth 4 climbs 1 and becomes its sibling.
func AttachDepth(parentDepth, maxDepth int) int {
	maxDepth = max(maxDepth, 1)
	parentDepth = max(parentDepth, 0)
	return max(0, parentDepth+1-(maxDepth-1))
}

// ReplyParent returns the ID of the comment a reply to p hangs under: p
// itself, or, when the thread is already as deep as maxDepth allows, the
// ancestor at the deepest level that may still take replies (as WordPress
// does); 0 when the reply must start a thread of its own. byID loads a
// comment, for walking up the thread.
func ReplyParent(ctx context.Context, p *warta.Comment, maxDepth int, byID func(context.Context, int64) (*warta.Comment, error)) (int64, error) {
	var err error
	for climb := AttachDepth(p.Depth, maxDepth); climb > 0; climb-- {
		if p.ParentID == 0 {
			return 0, nil
		}
		if p, err = byID(ctx, p.ParentID); err != nil {
			return 0, err
		}
	}
	return p.ID, nil
}
