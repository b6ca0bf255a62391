package storetest

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"warta"
)

// accountTests are the cases for staff accounts and taxonomy editing;
// Run appends them to its own.
var accountTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"User", testUser},
	{"UserAuthorSlug", testUserAuthorSlug},
	{"UserAuthorSlugConcurrent", testUserAuthorSlugConcurrent},
	{"UserExistingAuthor", testUserExistingAuthor},
	{"UserEmailConflict", testUserEmailConflict},
	{"UserInvalid", testUserInvalid},
	{"UpdateUser", testUpdateUser},
	{"Users", testUsers},
	{"Session", testSession},
	{"DeleteUserSessions", testDeleteUserSessions},
	{"LoginFailures", testLoginFailures},
	{"LoginFailuresPruned", testLoginFailuresPruned},
	{"Audit", testAudit},
	{"AuditLimitClamped", testAuditLimitClamped},
	{"Stash", testStash},
	{"Authors", testAuthors},
	{"Tags", testTags},
	{"UpdateSection", testUpdateSection},
}

// MustCreateUser creates u in st and returns it, failing tb on error.
func MustCreateUser(tb testing.TB, st warta.Store, u *warta.User) *warta.User {
	tb.Helper()
	if err := st.CreateUser(ctx(tb), u); err != nil {
		tb.Fatalf("CreateUser(%q): %v", u.Email, err)
	}
	return u
}

// MustEqualUser fails tb unless got and want hold the same user. Times
// must be equal instants and in UTC.
func MustEqualUser(tb testing.TB, what string, got, want *warta.User) {
	tb.Helper()
	g, w := *got, *want
	for _, c := range []struct {
		name      string
		got, want time.Time
	}{
		{"CreatedAt", g.CreatedAt, w.CreatedAt},
		{"UpdatedAt", g.UpdatedAt, w.UpdatedAt},
	} {
		if !c.got.Equal(c.want) {
			tb.Errorf("%s: %s = %v, want %v", what, c.name, c.got, c.want)
		}
		if !c.got.IsZero() && c.got.Location() != time.UTC {
			tb.Errorf("%s: %s is in %v, want UTC", what, c.name, c.got.Location())
		}
	}
	g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		tb.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

// staff returns a valid editor called name with an email made from label.
func staff(label, name string) *warta.User {
	return &warta.User{Email: label + "@warta.example.id", Name: name, Role: warta.RoleEditor}
}

func testUser(t *testing.T, st warta.Store, clock *TestClock) {
	in := &warta.User{
		Email:        "  Dewi.Lestari@Warta.Example.ID ",
		Name:         " Dewi Lestari ",
		Role:         warta.RoleAuthor,
		PasswordHash: "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA",
	}
	MustCreateUser(t, st, in)
	if in.ID == 0 {
		t.Fatal("CreateUser did not set ID")
	}
	if in.AuthorID == 0 {
		t.Fatal("CreateUser did not set AuthorID")
	}
	want := &warta.User{
		ID: in.ID, Email: "Dewi.Lestari@Warta.Example.ID", Name: "Dewi Lestari", Role: warta.RoleAuthor,
		AuthorID: in.AuthorID, PasswordHash: in.PasswordHash, CreatedAt: clock.Now(), UpdatedAt: clock.Now(),
	}
	MustEqualUser(t, "CreateUser filled", in, want)

	au, err := st.AuthorByID(ctx(t), in.AuthorID)
	if err != nil {
		t.Fatalf("AuthorByID(the user's profile): %v", err)
	}
	if got, want := *au, (warta.Author{ID: in.AuthorID, Slug: "dewi-lestari", Name: "Dewi Lestari"}); got != want {
		t.Errorf("author profile = %+v, want %+v", got, want)
	}

	got, err := st.UserByID(ctx(t), in.ID)
	if err != nil {
		t.Fatalf("UserByID: %v", err)
	}
	MustEqualUser(t, "UserByID", got, want)

	for _, email := range []string{"Dewi.Lestari@Warta.Example.ID", "dewi.lestari@warta.example.id", " DEWI.LESTARI@WARTA.EXAMPLE.ID\t"} {
		got, err := st.UserByEmail(ctx(t), email)
		if err != nil {
			t.Fatalf("UserByEmail(%q): %v", email, err)
		}
		MustEqualUser(t, fmt.Sprintf("UserByEmail(%q)", email), got, want)
	}

	_, err = st.UserByID(ctx(t), in.ID+1000)
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.UserByEmail(ctx(t), "budi@warta.example.id")
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.UserByEmail(ctx(t), "")
	MustBeCode(t, err, warta.ENOTFOUND)
}

func testUserAuthorSlug(t *testing.T, st warta.Store, _ *TestClock) {
	// An author profile made by hand already holds the plain slug.
	MustCreateAuthor(t, st, &warta.Author{Slug: "budi-santoso", Name: "Budi Santoso (lepas)"})
	tests := []struct {
		label, name, slug string
	}{
		{"budi1", "Budi Santoso", "budi-santoso-2"},
		{"budi2", "Budi Santoso", "budi-santoso-3"},
		{"nyoman", "I Nyoman Suárez", "i-nyoman-suarez"},
		{"kanji", "山田太郎", "author"}, // nothing of the name makes a slug
		{"kanji2", "鈴木一郎", "author-2"},
	}
	for _, tt := range tests {
		u := MustCreateUser(t, st, staff(tt.label, tt.name))
		au, err := st.AuthorByID(ctx(t), u.AuthorID)
		if err != nil {
			t.Fatalf("AuthorByID(%s's profile): %v", tt.label, err)
		}
		if au.Slug != tt.slug || au.Name != tt.name {
			t.Errorf("%s's profile = %q %q, want %q %q", tt.label, au.Slug, au.Name, tt.slug, tt.name)
		}
	}

	// A long name still leaves room for the suffix.
	long := "Raden Ajeng Kartini Djojoadhiningrat dari Jepara yang Menulis Surat-surat kepada Sahabatnya di Negeri Belanda Tentang Emansipasi"
	a := MustCreateUser(t, st, staff("panjang1", long))
	b := MustCreateUser(t, st, staff("panjang2", long))
	pa, err := st.AuthorByID(ctx(t), a.AuthorID)
	if err != nil {
		t.Fatalf("AuthorByID: %v", err)
	}
	pb, err := st.AuthorByID(ctx(t), b.AuthorID)
	if err != nil {
		t.Fatalf("AuthorByID: %v", err)
	}
	for _, p := range []*warta.Author{pa, pb} {
		if !warta.ValidSlug(p.Slug) {
			t.Errorf("profile slug %q is not valid", p.Slug)
		}
	}
	if pa.Slug == pb.Slug {
		t.Errorf("two profiles share slug %q", pa.Slug)
	}
}

func testUserAuthorSlugConcurrent(t *testing.T, st warta.Store, _ *TestClock) {
	// Namesakes created at once must each get their own profile: a
	// writer that loses the race for a slug moves on to the next one
	// instead of failing.
	const n = 8
	users := make([]*warta.User, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		users[i] = staff(fmt.Sprintf("budi%d", i), "Budi Santoso")
		wg.Go(func() {
			<-start
			errs[i] = st.CreateUser(ctx(t), users[i])
		})
	}
	close(start)
	wg.Wait()
	slugs := map[string]bool{}
	for i, err := range errs {
		if err != nil {
			t.Errorf("CreateUser %d: %v", i, err)
			continue
		}
		au, err := st.AuthorByID(ctx(t), users[i].AuthorID)
		if err != nil {
			t.Fatalf("AuthorByID: %v", err)
		}
		slugs[au.Slug] = true
	}
	for i := 1; i <= n; i++ {
		slug := "budi-santoso"
		if i > 1 {
			slug += fmt.Sprintf("-%d", i)
		}
		if !slugs[slug] {
			t.Errorf("profile slugs = %v, want budi-santoso to budi-santoso-%d", slugs, n)
			break
		}
	}
}

func testUserExistingAuthor(t *testing.T, st warta.Store, _ *TestClock) {
	rina := MustCreateAuthor(t, st, &warta.Author{Slug: "rina-pertiwi", Name: "Rina Pertiwi", Bio: "Ekonomi"})
	u := staff("rina", "Rina P.")
	u.AuthorID = rina.ID
	MustCreateUser(t, st, u)
	if got, want := u.AuthorID, rina.ID; got != want {
		t.Errorf("AuthorID = %d, want %d (the one given)", got, want)
	}
	list, err := st.Authors(ctx(t))
	if err != nil {
		t.Fatalf("Authors: %v", err)
	}
	if got := len(list); got != 1 {
		t.Errorf("%d authors after CreateUser with an AuthorID, want 1 (no new profile)", got)
	}

	bad := staff("budi", "Budi")
	bad.AuthorID = rina.ID + 1000
	err = st.CreateUser(ctx(t), bad)
	MustBeCode(t, err, warta.EINVALID)
	if n, err := st.CountUsers(ctx(t)); err != nil || n != 1 {
		t.Errorf("CountUsers = %d, %v; want 1", n, err)
	}
}

func testUserEmailConflict(t *testing.T, st warta.Store, _ *TestClock) {
	MustCreateUser(t, st, &warta.User{Email: "sari@warta.example.id", Name: "Sari Dewi", Role: warta.RoleEditor})
	for _, email := range []string{"sari@warta.example.id", "SARI@Warta.Example.ID", " Sari@warta.example.id "} {
		err := st.CreateUser(ctx(t), &warta.User{Email: email, Name: "Sari Lain", Role: warta.RoleContributor})
		MustBeCode(t, err, warta.ECONFLICT)
		MustHaveField(t, err, "email", "error.email_taken")
	}
	// The failed creates made no author profiles: each rolled back whole.
	list, err := st.Authors(ctx(t))
	if err != nil {
		t.Fatalf("Authors: %v", err)
	}
	if got := len(list); got != 1 {
		t.Errorf("%d author profiles after refused creates, want 1", got)
	}
	if _, err := st.AuthorBySlug(ctx(t), "sari-lain"); !warta.IsNotFound(err) {
		t.Errorf("AuthorBySlug(sari-lain) error = %v, want ENOTFOUND", err)
	}
}

func testUserInvalid(t *testing.T, st warta.Store, _ *TestClock) {
	tests := []struct {
		name  string
		user  warta.User
		field string
	}{
		{"no email", warta.User{Name: "Budi", Role: warta.RoleEditor}, "email"},
		{"bad email", warta.User{Email: "budi at warta", Name: "Budi", Role: warta.RoleEditor}, "email"},
		{"display name in email", warta.User{Email: "Budi <budi@warta.example.id>", Name: "Budi", Role: warta.RoleEditor}, "email"},
		{"blank name", warta.User{Email: "budi@warta.example.id", Name: "  ", Role: warta.RoleEditor}, "name"},
		{"unknown role", warta.User{Email: "budi@warta.example.id", Name: "Budi", Role: "owner"}, "role"},
		{"no role", warta.User{Email: "budi@warta.example.id", Name: "Budi"}, "role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := st.CreateUser(ctx(t), &tt.user)
			MustBeCode(t, err, warta.EINVALID)
			MustHaveField(t, err, tt.field, "")
		})
	}
	if n, err := st.CountUsers(ctx(t)); err != nil || n != 0 {
		t.Errorf("CountUsers after invalid creates = %d, %v; want 0", n, err)
	}
	if list, err := st.Authors(ctx(t)); err != nil || len(list) != 0 {
		t.Errorf("Authors after invalid creates = %d, %v; want none", len(list), err)
	}
}

func testUpdateUser(t *testing.T, st warta.Store, clock *TestClock) {
	u := MustCreateUser(t, st, staff("budi", "Budi Santoso"))
	other := MustCreateUser(t, st, staff("sari", "Sari Dewi"))
	created := clock.Now()
	clock.Advance(time.Hour)

	change := &warta.User{
		ID:           u.ID,
		Email:        " Budi.S@Warta.Example.ID ",
		Name:         "Budi S. ",
		Role:         warta.RoleAdministrator,
		Disabled:     true,
		PasswordHash: "new-hash",
		AuthorID:     other.AuthorID, // not saved: profiles stay put
	}
	if err := st.UpdateUser(ctx(t), change); err != nil {
		t.Fatalf("UpdateUser: %v", err)
	}
	want := &warta.User{
		ID: u.ID, Email: "Budi.S@Warta.Example.ID", Name: "Budi S.", Role: warta.RoleAdministrator,
		Disabled: true, AuthorID: u.AuthorID, PasswordHash: "new-hash",
		CreatedAt: created, UpdatedAt: clock.Now(),
	}
	MustEqualUser(t, "UpdateUser filled", change, want)
	got, err := st.UserByID(ctx(t), u.ID)
	if err != nil {
		t.Fatalf("UserByID: %v", err)
	}
	MustEqualUser(t, "UserByID after update", got, want)
	if _, err := st.UserByEmail(ctx(t), "budi@warta.example.id"); !warta.IsNotFound(err) {
		t.Errorf("UserByEmail(old email) error = %v, want ENOTFOUND", err)
	}

	// Back again, with the flags off: false and "" must be saved too.
	got.Disabled, got.PasswordHash, got.Role = false, "", warta.RoleContributor
	if err := st.UpdateUser(ctx(t), got); err != nil {
		t.Fatalf("UpdateUser: %v", err)
	}
	again, err := st.UserByID(ctx(t), u.ID)
	if err != nil {
		t.Fatalf("UserByID: %v", err)
	}
	if again.Disabled || again.PasswordHash != "" || again.Role != warta.RoleContributor {
		t.Errorf("after second update Disabled, PasswordHash, Role = %v, %q, %q; want false, \"\", contributor",
			again.Disabled, again.PasswordHash, again.Role)
	}

	// One's own email in another case is not a conflict.
	again.Email = "BUDI.S@warta.example.id"
	if err := st.UpdateUser(ctx(t), again); err != nil {
		t.Errorf("UpdateUser(own email, other case): %v", err)
	}

	again.Email = "SARI@warta.example.id"
	err = st.UpdateUser(ctx(t), again)
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "email", "error.email_taken")

	again.Email, again.Name = "budi@warta.example.id", ""
	err = st.UpdateUser(ctx(t), again)
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "name", "error.required")

	err = st.UpdateUser(ctx(t), staff("hantu", "Hantu"))
	MustBeCode(t, err, warta.ENOTFOUND)
}

func testUsers(t *testing.T, st warta.Store, _ *TestClock) {
	if n, err := st.CountUsers(ctx(t)); err != nil || n != 0 {
		t.Errorf("CountUsers on an empty store = %d, %v; want 0", n, err)
	}
	if list, err := st.Users(ctx(t)); err != nil || len(list) != 0 {
		t.Errorf("Users on an empty store = %v, %v; want none", list, err)
	}
	for _, u := range []*warta.User{staff("sari", "Sari Dewi"), staff("budi", "Budi Santoso"), staff("rina", "Rina Pertiwi"), staff("budi2", "Budi Santoso")} {
		MustCreateUser(t, st, u)
	}
	list, err := st.Users(ctx(t))
	if err != nil {
		t.Fatalf("Users: %v", err)
	}
	var got []string
	for _, u := range list {
		got = append(got, u.Email)
	}
	want := []string{"budi@warta.example.id", "budi2@warta.example.id", "rina@warta.example.id", "sari@warta.example.id"}
	if !slices.Equal(got, want) {
		t.Errorf("Users order = %v, want %v (by name, then as created)", got, want)
	}
	if n, err := st.CountUsers(ctx(t)); err != nil || n != 4 {
		t.Errorf("CountUsers = %d, %v; want 4", n, err)
	}
}

func testSession(t *testing.T, st warta.Store, clock *TestClock) {
	u := MustCreateUser(t, st, staff("budi", "Budi Santoso"))
	in := &warta.Session{
		ID:        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		UserID:    u.ID,
		IP:        "2001:db8::7",
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0",
	}
	if err := st.CreateSession(ctx(t), in); err != nil {
		t.Fatalf("CreateSession: %v", err)
	}
	want := warta.Session{ID: in.ID, UserID: u.ID, CreatedAt: clock.Now(), LastSeenAt: clock.Now(), IP: in.IP, UserAgent: in.UserAgent}
	if *in != want {
		t.Errorf("CreateSession filled %+v, want %+v", *in, want)
	}
	got, err := st.SessionByID(ctx(t), in.ID)
	if err != nil {
		t.Fatalf("SessionByID: %v", err)
	}
	if *got != want {
		t.Errorf("SessionByID = %+v, want %+v", *got, want)
	}

	wib := time.FixedZone("WIB", 7*3600)
	seen := clock.Now().Add(20 * time.Minute).In(wib)
	if err := st.TouchSession(ctx(t), in.ID, seen); err != nil {
		t.Fatalf("TouchSession: %v", err)
	}
	got, err = st.SessionByID(ctx(t), in.ID)
	if err != nil {
		t.Fatalf("SessionByID: %v", err)
	}
	if !got.LastSeenAt.Equal(seen) || got.LastSeenAt.Location() != time.UTC {
		t.Errorf("LastSeenAt after touch = %v, want %v in UTC", got.LastSeenAt, seen.UTC())
	}
	if !got.CreatedAt.Equal(want.CreatedAt) {
		t.Errorf("CreatedAt after touch = %v, want %v (unchanged)", got.CreatedAt, want.CreatedAt)
	}

	err = st.CreateSession(ctx(t), &warta.Session{ID: in.ID, UserID: u.ID})
	MustBeCode(t, err, warta.ECONFLICT)
	err = st.CreateSession(ctx(t), &warta.Session{ID: "abc", UserID: u.ID + 1000})
	MustBeCode(t, err, warta.EINVALID)
	err = st.CreateSession(ctx(t), &warta.Session{UserID: u.ID})
	MustBeCode(t, err, warta.EINVALID)

	if err := st.DeleteSession(ctx(t), in.ID); err != nil {
		t.Fatalf("DeleteSession: %v", err)
	}
	_, err = st.SessionByID(ctx(t), in.ID)
	MustBeCode(t, err, warta.ENOTFOUND)
	// Both are no-ops on a session that is gone, not errors.
	if err := st.DeleteSession(ctx(t), in.ID); err != nil {
		t.Errorf("DeleteSession(gone): %v", err)
	}
	if err := st.TouchSession(ctx(t), in.ID, clock.Now()); err != nil {
		t.Errorf("TouchSession(gone): %v", err)
	}
	_, err = st.SessionByID(ctx(t), in.ID)
	MustBeCode(t, err, warta.ENOTFOUND)
}

func testDeleteUserSessions(t *testing.T, st warta.Store, _ *TestClock) {
	budi := MustCreateUser(t, st, staff("budi", "Budi Santoso"))
	sari := MustCreateUser(t, st, staff("sari", "Sari Dewi"))
	for _, s := range []*warta.Session{
		{ID: "budi-laptop", UserID: budi.ID},
		{ID: "budi-phone", UserID: budi.ID},
		{ID: "sari-laptop", UserID: sari.ID},
	} {
		if err := st.CreateSession(ctx(t), s); err != nil {
			t.Fatalf("CreateSession(%s): %v", s.ID, err)
		}
	}
	if err := st.DeleteUserSessions(ctx(t), budi.ID); err != nil {
		t.Fatalf("DeleteUserSessions: %v", err)
	}
	for id, want := range map[string]string{"budi-laptop": warta.ENOTFOUND, "budi-phone": warta.ENOTFOUND, "sari-laptop": ""} {
		_, err := st.SessionByID(ctx(t), id)
		if got := warta.ErrorCode(err); got != want {
			t.Errorf("SessionByID(%s) error code = %q (%v), want %q", id, got, err, want)
		}
	}
}

func testLoginFailures(t *testing.T, st warta.Store, clock *TestClock) {
	count := func(email, ip string, since time.Time) (int, int) {
		t.Helper()
		e, i, err := st.LoginFailures(ctx(t), email, ip, since)
		if err != nil {
			t.Fatalf("LoginFailures: %v", err)
		}
		return e, i
	}
	record := func(email, ip string) {
		t.Helper()
		if err := st.RecordLoginFailure(ctx(t), email, ip); err != nil {
			t.Fatalf("RecordLoginFailure(%q, %q): %v", email, ip, err)
		}
	}
	start := clock.Now()
	record("Budi@Warta.Example.ID", "192.0.2.1")
	record(" budi@warta.example.id ", "192.0.2.1")
	clock.Advance(time.Minute)
	record("BUDI@warta.example.id", "198.51.100.9")
	record("sari@warta.example.id", "192.0.2.1")

	tests := []struct {
		name          string
		email, ip     string
		since         time.Time
		byEmail, byIP int
	}{
		{"all", "budi@warta.example.id", "192.0.2.1", start, 3, 3},
		{"email in any case", " BUDI@Warta.Example.Id", "198.51.100.9", start, 3, 1},
		{"other account", "sari@warta.example.id", "203.0.113.5", start, 1, 0},
		{"since is inclusive", "budi@warta.example.id", "192.0.2.1", start.Add(time.Minute), 1, 1},
		{"window after all", "budi@warta.example.id", "192.0.2.1", start.Add(time.Minute + time.Microsecond), 0, 0},
		{"zero since counts all", "budi@warta.example.id", "192.0.2.1", time.Time{}, 3, 3},
	}
	for _, tt := range tests {
		e, i := count(tt.email, tt.ip, tt.since)
		if e != tt.byEmail || i != tt.byIP {
			t.Errorf("%s: LoginFailures(%q, %q) = %d, %d; want %d, %d", tt.name, tt.email, tt.ip, e, i, tt.byEmail, tt.byIP)
		}
	}

	// A window of 15 minutes ending at the clock's now: once the clock
	// has moved more than 15 minutes past the last failure, nothing counts.
	clock.Advance(15*time.Minute + time.Second)
	if e, i := count("budi@warta.example.id", "192.0.2.1", clock.Now().Add(-15*time.Minute)); e != 0 || i != 0 {
		t.Errorf("after the window: LoginFailures = %d, %d; want 0, 0", e, i)
	}

	if err := st.ClearLoginFailures(ctx(t), " BUDI@warta.example.id"); err != nil {
		t.Fatalf("ClearLoginFailures: %v", err)
	}
	if e, i := count("budi@warta.example.id", "192.0.2.1", start); e != 0 || i != 1 {
		t.Errorf("after clear: LoginFailures(budi) = %d, %d; want 0, 1 (sari's failure from that IP stays)", e, i)
	}
	if e, _ := count("sari@warta.example.id", "", start); e != 1 {
		t.Errorf("after clearing budi: sari's failures = %d, want 1", e)
	}
}

func testLoginFailuresPruned(t *testing.T, st warta.Store, clock *TestClock) {
	start := clock.Now()
	for range 3 {
		if err := st.RecordLoginFailure(ctx(t), "budi@warta.example.id", "192.0.2.1"); err != nil {
			t.Fatalf("RecordLoginFailure: %v", err)
		}
	}
	clock.Advance(25 * time.Hour)
	if err := st.RecordLoginFailure(ctx(t), "sari@warta.example.id", "192.0.2.1"); err != nil {
		t.Fatalf("RecordLoginFailure: %v", err)
	}
	// Counting from before the old failures: they are gone, not just
	// outside a window.
	e, i, err := st.LoginFailures(ctx(t), "budi@warta.example.id", "192.0.2.1", start.Add(-time.Hour))
	if err != nil {
		t.Fatalf("LoginFailures: %v", err)
	}
	if e != 0 || i != 1 {
		t.Errorf("a day later LoginFailures = %d, %d; want 0, 1 (the old ones pruned)", e, i)
	}
}

func testAudit(t *testing.T, st warta.Store, clock *TestClock) {
	budi := MustCreateUser(t, st, staff("budi", "Budi Santoso"))
	list, total, err := st.AuditLog(ctx(t), 0, 10)
	if err != nil || len(list) != 0 || total != 0 {
		t.Fatalf("AuditLog on an empty store = %d entries, total %d, %v; want none", len(list), total, err)
	}

	var want []*warta.AuditEntry // oldest first
	add := func(e *warta.AuditEntry) {
		t.Helper()
		e.At = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC) // the store sets it
		if err := st.AddAudit(ctx(t), e); err != nil {
			t.Fatalf("AddAudit(%s): %v", e.Action, err)
		}
		if e.ID == 0 {
			t.Fatalf("AddAudit(%s) did not set ID", e.Action)
		}
		if !e.At.Equal(clock.Now()) {
			t.Errorf("AddAudit(%s) At = %v, want the store's now %v", e.Action, e.At, clock.Now())
		}
		want = append(want, e)
	}
	add(&warta.AuditEntry{UserID: budi.ID, UserName: budi.Name, Action: "article.publish", Subject: "article 12: Banjir rob", Detail: "status draft → published"})
	clock.Advance(time.Minute)
	add(&warta.AuditEntry{Action: "article.publish", Subject: "article 13: Harga beras", Detail: "scheduled"}) // the system
	add(&warta.AuditEntry{UserID: budi.ID, UserName: budi.Name, Action: "user.role", Subject: "user 3"})       // same instant: by ID
	clock.Advance(time.Minute)
	add(&warta.AuditEntry{UserID: budi.ID, UserName: budi.Name, Action: "settings.change", Subject: "settings", Detail: "title: “Warta” 📰"})
	clock.Advance(time.Minute)
	add(&warta.AuditEntry{UserID: budi.ID, UserName: budi.Name, Action: "article.delete", Subject: "article 12"})
	slices.Reverse(want) // newest first

	list, total, err = st.AuditLog(ctx(t), 0, 10)
	if err != nil {
		t.Fatalf("AuditLog: %v", err)
	}
	if total != len(want) {
		t.Errorf("AuditLog total = %d, want %d", total, len(want))
	}
	if len(list) != len(want) {
		t.Fatalf("AuditLog returned %d entries, want %d", len(list), len(want))
	}
	for i := range want {
		if !list[i].At.Equal(want[i].At) || list[i].At.Location() != time.UTC {
			t.Errorf("entry %d At = %v, want %v in UTC", i, list[i].At, want[i].At)
		}
		g, w := *list[i], *want[i]
		g.At, w.At = time.Time{}, time.Time{}
		if g != w {
			t.Errorf("entry %d = %+v, want %+v", i, g, w)
		}
	}

	for _, tt := range []struct {
		offset, limit int
		actions       []string
	}{
		{0, 2, []string{"article.delete", "settings.change"}},
		{2, 2, []string{"user.role", "article.publish"}},
		{4, 2, []string{"article.publish"}},
		{5, 2, nil},
		{-3, 1, []string{"article.delete"}},
	} {
		list, total, err := st.AuditLog(ctx(t), tt.offset, tt.limit)
		if err != nil {
			t.Fatalf("AuditLog(%d, %d): %v", tt.offset, tt.limit, err)
		}
		var got []string
		for _, e := range list {
			got = append(got, e.Action)
		}
		if !slices.Equal(got, tt.actions) || total != 5 {
			t.Errorf("AuditLog(%d, %d) = %v, total %d; want %v, total 5", tt.offset, tt.limit, got, total, tt.actions)
		}
	}

	err = st.AddAudit(ctx(t), &warta.AuditEntry{UserID: budi.ID + 1000, UserName: "Hantu", Action: "user.role"})
	MustBeCode(t, err, warta.EINVALID)
	err = st.AddAudit(ctx(t), &warta.AuditEntry{UserID: budi.ID, Action: ""})
	MustBeCode(t, err, warta.EINVALID)
}

func testAuditLimitClamped(t *testing.T, st warta.Store, _ *TestClock) {
	n := warta.MaxPageSize + 1
	for i := range n {
		if err := st.AddAudit(ctx(t), &warta.AuditEntry{Action: "test", Subject: fmt.Sprint(i)}); err != nil {
			t.Fatalf("AddAudit: %v", err)
		}
	}
	for _, limit := range []int{0, -1, warta.MaxPageSize + 1, 100000} {
		list, total, err := st.AuditLog(ctx(t), 0, limit)
		if err != nil {
			t.Fatalf("AuditLog(0, %d): %v", limit, err)
		}
		if got, want := len(list), warta.MaxPageSize; got != want {
			t.Errorf("AuditLog(0, %d) returned %d, want %d", limit, got, want)
		}
		if total != n {
			t.Errorf("AuditLog(0, %d) total = %d, want %d", limit, total, n)
		}
	}
}

func testStash(t *testing.T, st warta.Store, clock *TestClock) {
	data := []byte(`{"headline":"Banjir rob “Demak” 🌊","body":"…"}` + "\x00\xff")
	if err := st.Stash(ctx(t), "stash-1", data, clock.Now().Add(time.Hour)); err != nil {
		t.Fatalf("Stash: %v", err)
	}
	got, err := st.TakeStash(ctx(t), "stash-1")
	if err != nil {
		t.Fatalf("TakeStash: %v", err)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("TakeStash = %q, want %q", got, data)
	}
	_, err = st.TakeStash(ctx(t), "stash-1")
	MustBeCode(t, err, warta.ENOTFOUND)
	_, err = st.TakeStash(ctx(t), "never-stashed")
	MustBeCode(t, err, warta.ENOTFOUND)

	// Stashing again under an ID replaces what it held.
	if err := st.Stash(ctx(t), "stash-2", []byte("lama"), clock.Now().Add(time.Minute)); err != nil {
		t.Fatalf("Stash: %v", err)
	}
	if err := st.Stash(ctx(t), "stash-2", []byte("baru"), clock.Now().Add(time.Hour)); err != nil {
		t.Fatalf("Stash again: %v", err)
	}
	// Empty data is a stash too.
	if err := st.Stash(ctx(t), "stash-empty", nil, clock.Now().Add(time.Hour)); err != nil {
		t.Fatalf("Stash(nil): %v", err)
	}
	if err := st.Stash(ctx(t), "stash-3", []byte("kedaluwarsa"), clock.Now().Add(2*time.Minute)); err != nil {
		t.Fatalf("Stash: %v", err)
	}
	clock.Advance(2 * time.Minute) // stash-3 expires exactly now; stash-2's first expiry has passed
	_, err = st.TakeStash(ctx(t), "stash-3")
	MustBeCode(t, err, warta.ENOTFOUND)
	if got, err := st.TakeStash(ctx(t), "stash-2"); err != nil || string(got) != "baru" {
		t.Errorf("TakeStash(stash-2) = %q, %v; want \"baru\" (the second stash's expiry)", got, err)
	}
	if got, err := st.TakeStash(ctx(t), "stash-empty"); err != nil || len(got) != 0 {
		t.Errorf("TakeStash(stash-empty) = %q, %v; want empty", got, err)
	}

	err = st.Stash(ctx(t), "", data, clock.Now().Add(time.Hour))
	MustBeCode(t, err, warta.EINVALID)
	err = st.Stash(ctx(t), "no-expiry", data, time.Time{})
	MustBeCode(t, err, warta.EINVALID)
}

func testAuthors(t *testing.T, st warta.Store, _ *TestClock) {
	if list, err := st.Authors(ctx(t)); err != nil || len(list) != 0 {
		t.Errorf("Authors on an empty store = %v, %v; want none", list, err)
	}
	sari := MustCreateAuthor(t, st, &warta.Author{Slug: "sari-dewi", Name: "Sari Dewi"})
	budi := MustCreateAuthor(t, st, &warta.Author{Slug: "budi-santoso", Name: "Budi Santoso", Bio: "Olahraga"})
	rina := MustCreateAuthor(t, st, &warta.Author{Slug: "rina-pertiwi", Name: "Rina Pertiwi"})
	list, err := st.Authors(ctx(t))
	if err != nil {
		t.Fatalf("Authors: %v", err)
	}
	if got, want := list, []*warta.Author{budi, rina, sari}; !reflect.DeepEqual(got, want) {
		t.Errorf("Authors = %v, want %v (by name)", got, want)
	}
	got, err := st.AuthorByID(ctx(t), budi.ID)
	if err != nil {
		t.Fatalf("AuthorByID: %v", err)
	}
	if !reflect.DeepEqual(got, budi) {
		t.Errorf("AuthorByID = %+v, want %+v", got, budi)
	}
	_, err = st.AuthorByID(ctx(t), budi.ID+1000)
	MustBeCode(t, err, warta.ENOTFOUND)

	change := &warta.Author{ID: budi.ID, Slug: "budi-s", Name: " Budi S. ", Bio: "Olahraga dan ekonomi 🏸"}
	if err := st.UpdateAuthor(ctx(t), change); err != nil {
		t.Fatalf("UpdateAuthor: %v", err)
	}
	want := &warta.Author{ID: budi.ID, Slug: "budi-s", Name: "Budi S.", Bio: "Olahraga dan ekonomi 🏸"}
	if got, err := st.AuthorBySlug(ctx(t), "budi-s"); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("AuthorBySlug after update = %+v, %v; want %+v", got, err, want)
	}
	_, err = st.AuthorBySlug(ctx(t), "budi-santoso")
	MustBeCode(t, err, warta.ENOTFOUND)

	err = st.UpdateAuthor(ctx(t), &warta.Author{ID: budi.ID, Slug: "rina-pertiwi", Name: "Budi"})
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "slug", "error.slug_taken")
	err = st.UpdateAuthor(ctx(t), &warta.Author{ID: budi.ID, Slug: "Budi S", Name: "Budi"})
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "slug", "error.slug_invalid")
	err = st.UpdateAuthor(ctx(t), &warta.Author{ID: budi.ID + 1000, Slug: "hantu", Name: "Hantu"})
	MustBeCode(t, err, warta.ENOTFOUND)
	if got, err := st.AuthorByID(ctx(t), budi.ID); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("AuthorByID after refused updates = %+v, %v; want %+v", got, err, want)
	}
}

func testTags(t *testing.T, st warta.Store, _ *TestClock) {
	if list, err := st.Tags(ctx(t)); err != nil || len(list) != 0 {
		t.Errorf("Tags on an empty store = %v, %v; want none", list, err)
	}
	pemilu := MustCreateTag(t, st, &warta.Tag{Slug: "pemilu-2024", Name: "Pemilu 2024"})
	banjir := MustCreateTag(t, st, &warta.Tag{Slug: "banjir", Name: "Banjir"})
	beras := MustCreateTag(t, st, &warta.Tag{Slug: "harga-beras", Name: "Harga Beras"})
	list, err := st.Tags(ctx(t))
	if err != nil {
		t.Fatalf("Tags: %v", err)
	}
	if got, want := list, []*warta.Tag{banjir, beras, pemilu}; !reflect.DeepEqual(got, want) {
		t.Errorf("Tags = %v, want %v (by name)", got, want)
	}

	change := &warta.Tag{ID: banjir.ID, Slug: "banjir-rob", Name: " Banjir Rob "}
	if err := st.UpdateTag(ctx(t), change); err != nil {
		t.Fatalf("UpdateTag: %v", err)
	}
	want := &warta.Tag{ID: banjir.ID, Slug: "banjir-rob", Name: "Banjir Rob"}
	if got, err := st.TagBySlug(ctx(t), "banjir-rob"); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("TagBySlug after update = %+v, %v; want %+v", got, err, want)
	}
	err = st.UpdateTag(ctx(t), &warta.Tag{ID: banjir.ID, Slug: "pemilu-2024", Name: "Banjir"})
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "slug", "error.slug_taken")
	err = st.UpdateTag(ctx(t), &warta.Tag{ID: banjir.ID, Slug: "banjir", Name: ""})
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "name", "error.required")
	err = st.UpdateTag(ctx(t), &warta.Tag{ID: pemilu.ID + 1000, Slug: "hantu", Name: "Hantu"})
	MustBeCode(t, err, warta.ENOTFOUND)
	if got, err := st.TagBySlug(ctx(t), "banjir-rob"); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("TagBySlug after refused updates = %+v, %v; want %+v", got, err, want)
	}
}

func testUpdateSection(t *testing.T, st warta.Store, _ *TestClock) {
	nasional := MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional", Position: 1})
	ekonomi := MustCreateSection(t, st, &warta.Section{Slug: "ekonomi", Name: "Ekonomi", Position: 2})

	change := &warta.Section{ID: nasional.ID, Slug: "dalam-negeri", Name: " Dalam Negeri ", Description: "Berita dari seluruh Nusantara", Position: 3}
	if err := st.UpdateSection(ctx(t), change); err != nil {
		t.Fatalf("UpdateSection: %v", err)
	}
	want := &warta.Section{ID: nasional.ID, Slug: "dalam-negeri", Name: "Dalam Negeri", Description: "Berita dari seluruh Nusantara", Position: 3}
	if got, err := st.SectionBySlug(ctx(t), "dalam-negeri"); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("SectionBySlug after update = %+v, %v; want %+v", got, err, want)
	}
	list, err := st.Sections(ctx(t))
	if err != nil {
		t.Fatalf("Sections: %v", err)
	}
	if got, want := list, []*warta.Section{ekonomi, want}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sections after moving one = %v, want %v", got, want)
	}

	err = st.UpdateSection(ctx(t), &warta.Section{ID: nasional.ID, Slug: "ekonomi", Name: "Nasional"})
	MustBeCode(t, err, warta.ECONFLICT)
	MustHaveField(t, err, "slug", "error.slug_taken")
	err = st.UpdateSection(ctx(t), &warta.Section{ID: nasional.ID, Slug: "-nasional", Name: "Nasional"})
	MustBeCode(t, err, warta.EINVALID)
	MustHaveField(t, err, "slug", "error.slug_invalid")
	err = st.UpdateSection(ctx(t), &warta.Section{ID: ekonomi.ID + 1000, Slug: "hantu", Name: "Hantu"})
	MustBeCode(t, err, warta.ENOTFOUND)
	if got, err := st.SectionBySlug(ctx(t), "dalam-negeri"); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("SectionBySlug after refused updates = %+v, %v; want %+v", got, err, want)
	}
}
