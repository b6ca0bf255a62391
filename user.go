package warta

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is a member of staff's place in the newsroom, as WordPress
// newsrooms know it.
type Role string

// Roles, from the least to the most trusted.
const (
	RoleContributor   Role = "contributor"
	RoleAuthor        Role = "author"
	RoleEditor        Role = "editor"
	RoleAdministrator Role = "administrator"
)

// Roles lists every role, least trusted first.
var Roles = []Role{RoleContributor, RoleAuthor, RoleEditor, RoleAdministrator}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Capability is something a member of staff may be allowed to do. Every
// handler checks one on the server before it changes anything.
type Capability string

// Capabilities.
const (
	CapWriteDrafts      Capability = "write_drafts"      // create articles; edit one's own drafts; submit them for review
	CapPublishOwn       Capability = "publish_own"       // publish, schedule and unpublish one's own articles; edit them once published
	CapUploadMedia      Capability = "upload_media"      // add images to the media library
	CapEditOthers       Capability = "edit_others"       // edit anyone's articles, in any status
	CapPublishOthers    Capability = "publish_others"    // publish, schedule and unpublish anyone's articles
	CapDeleteArticles   Capability = "delete_articles"   // delete anyone's articles
	CapManageTaxonomy   Capability = "manage_taxonomy"   // sections and tags
	CapModerateComments Capability = "moderate_comments" // approve, spam, trash, edit, reply
	CapAddCorrections   Capability = "add_corrections"   // correction notes on published articles
	CapManageUsers      Capability = "manage_users"      // add, disable, change role, reset password
	CapManageSettings   Capability = "manage_settings"   // site settings
	CapViewAudit        Capability = "view_audit"        // the audit log
)

// Capabilities lists every capability, for tests and the users screen.
var Capabilities = []Capability{CapWriteDrafts, CapPublishOwn, CapUploadMedia, CapEditOthers, CapPublishOthers,
	CapDeleteArticles, CapManageTaxonomy, CapModerateComments, CapAddCorrections, CapManageUsers, CapManageSettings, CapViewAudit}

// capabilities is the matrix: each role has its own and all of the roles
// below it.
var capabilities = map[Role][]Capability{
	RoleContributor:   {CapWriteDrafts},
	RoleAuthor:        {CapPublishOwn, CapUploadMedia},
	RoleEditor:        {CapEditOthers, CapPublishOthers, CapDeleteArticles, CapManageTaxonomy, CapModerateComments, CapAddCorrections},
	RoleAdministrator: {CapManageUsers, CapManageSettings, CapViewAudit},
}

// Can reports whether role r has capability c.
func (r Role) Can(c Capability) bool {
	for _, role := range Roles {
		for _, x := range capabilities[role] {
			if x == c {
				return true
			}
		}
		if role == r {
			return false
		}
	}
	return false
}

// User is a member of staff who logs in to the newsroom.
type User struct {
	ID       int64
	Email    string
	Name     string
	Role     Role
	Disabled bool
	// AuthorID is the public author profile that bylines show for this
	// user; the store creates one with the user when it is zero.
	AuthorID int64
	// PasswordHash is the user's password as package auth hashed it;
	// empty means the user cannot log in (imported or not yet set).
	PasswordHash string

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Can reports whether the user may do c: an enabled user whose role has it.
func (u *User) Can(c Capability) bool { return u != nil && !u.Disabled && u.Role.Can(c) }

// Owns reports whether a is the user's own article: the user made it, or
// the user's author profile is in its byline.
func (u *User) Owns(a *Article) bool {
	if u == nil {
		return false
	}
	if a.OwnerID != 0 && a.OwnerID == u.ID {
		return true
	}
	for _, au := range a.Authors {
		if u.AuthorID != 0 && au.ID == u.AuthorID {
			return true
		}
	}
	return false
}

// CanEdit reports whether the user may change article a at all.
func (u *User) CanEdit(a *Article) bool {
	switch {
	case u.Can(CapEditOthers):
		return true
	case !u.Owns(a):
		return false
	case a.Status == StatusDraft || a.Status == StatusPending:
		return u.Can(CapWriteDrafts)
	default:
		return u.Can(CapPublishOwn)
	}
}

// CanPublish reports whether the user may publish, schedule or unpublish a.
func (u *User) CanPublish(a *Article) bool {
	return u.Can(CapPublishOthers) || (u.Owns(a) && u.Can(CapPublishOwn))
}

// Validate checks a user's fields and normalises the email.
func (u *User) Validate() error {
	fields := map[string]string{}
	u.Email = strings.TrimSpace(u.Email)
	if !ValidEmail(u.Email) {
		fields["email"] = "error.email_invalid"
	}
	u.Name = strings.TrimSpace(u.Name)
	switch {
	case u.Name == "":
		fields["name"] = "error.required"
	case !utf8.ValidString(u.Name) || utf8.RuneCountInString(u.Name) > 200:
		fields["name"] = "error.too_long"
	}
	if !u.Role.Valid() {
		fields["role"] = "error.invalid"
	}
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "the user is not valid", Key: "error.form", Fields: fields}
	}
	return nil
}

// UserStore keeps staff accounts.
type UserStore interface {
	// CreateUser inserts u (creating its author profile when AuthorID is
	// 0) and sets its ID. Emails are unique in any case: ECONFLICT.
	CreateUser(ctx context.Context, u *User) error
	// UserByID returns one user. Errors: ENOTFOUND.
	UserByID(ctx context.Context, id int64) (*User, error)
	// UserByEmail returns the user with email in any case. Errors: ENOTFOUND.
	UserByEmail(ctx context.Context, email string) (*User, error)
	// Users returns every user, by name.
	Users(ctx context.Context) ([]*User, error)
	// UpdateUser saves name, email, role, disabled and password hash.
	// Errors: ENOTFOUND, EINVALID, ECONFLICT.
	UpdateUser(ctx context.Context, u *User) error
	// CountUsers returns how many users exist.
	CountUsers(ctx context.Context) (int, error)
}

// Session is a logged-in browser. The cookie holds a random token; the
// store keeps only its hash, so a stolen database cannot log anyone in.
type Session struct {
	ID         string // hex SHA-256 of the cookie's token
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	IP         string
	UserAgent  string
}

// SessionStore keeps sessions in the database, so they survive restarts
// and work on every process.
type SessionStore interface {
	CreateSession(ctx context.Context, s *Session) error
	// SessionByID returns one session. Errors: ENOTFOUND.
	SessionByID(ctx context.Context, id string) (*Session, error)
	// TouchSession records activity on a session.
	TouchSession(ctx context.Context, id string, at time.Time) error
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions logs the user out everywhere.
	DeleteUserSessions(ctx context.Context, userID int64) error
	// RecordLoginFailure notes a failed login for email (any case) from ip.
	RecordLoginFailure(ctx context.Context, email, ip string) error
	// LoginFailures counts failures since a time, for the email (any
	// case) and for the ip separately.
	LoginFailures(ctx context.Context, email, ip string, since time.Time) (byEmail, byIP int, err error)
	// ClearLoginFailures forgets an account's failures after a good login.
	ClearLoginFailures(ctx context.Context, email string) error
}

// AuditEntry records one act that a newsroom must be able to account for:
// publishing, unpublishing, deleting, role and settings changes.
type AuditEntry struct {
	ID       int64
	At       time.Time // set by the store
	UserID   int64
	UserName string
	Action   string // "article.publish", "user.role", "settings.change", …
	Subject  string // what it was done to: "article 12: Banjir rob…", "user 3"
	Detail   string
}

// AuditStore keeps the audit log.
type AuditStore interface {
	AddAudit(ctx context.Context, e *AuditEntry) error
	// AuditLog returns entries newest first, and how many there are.
	AuditLog(ctx context.Context, offset, limit int) ([]*AuditEntry, int, error)
}

// StashStore keeps a form that was posted after its session expired, so
// the words can be saved once the writer logs in again.
type StashStore interface {
	// Stash stores data under id until expires.
	Stash(ctx context.Context, id string, data []byte, expires time.Time) error
	// TakeStash returns and deletes the data under id. Errors: ENOTFOUND
	// (also when expired).
	TakeStash(ctx context.Context, id string) ([]byte, error)
}
