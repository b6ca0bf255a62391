package storetest

import (
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"warta"
)

// MustCreateSection creates s in st and returns it, failing tb on error.
func MustCreateSection(tb testing.TB, st warta.Store, s *warta.Section) *warta.Section {
	tb.Helper()
	if err := st.CreateSection(ctx(tb), s); err != nil {
		tb.Fatalf("CreateSection(%q): %v", s.Slug, err)
	}
	return s
}

// MustCreateTag creates tag in st and returns it, failing tb on error.
func MustCreateTag(tb testing.TB, st warta.Store, tag *warta.Tag) *warta.Tag {
	tb.Helper()
	if err := st.CreateTag(ctx(tb), tag); err != nil {
		tb.Fatalf("CreateTag(%q): %v", tag.Slug, err)
	}
	return tag
}

// MustCreateAuthor creates a in st and returns it, failing tb on error.
func MustCreateAuthor(tb testing.TB, st warta.Store, a *warta.Author) *warta.Author {
	tb.Helper()
	if err := st.CreateAuthor(ctx(tb), a); err != nil {
		tb.Fatalf("CreateAuthor(%q): %v", a.Slug, err)
	}
	return a
}

// MustCreateArticle creates a in st and returns it, failing tb on error.
func MustCreateArticle(tb testing.TB, st warta.Store, a *warta.Article) *warta.Article {
	tb.Helper()
	if err := st.CreateArticle(ctx(tb), a); err != nil {
		tb.Fatalf("CreateArticle(%q): %v", a.Slug, err)
	}
	return a
}

// MustBeCode fails tb unless err carries the warta error code want.
func MustBeCode(tb testing.TB, err error, want string) {
	tb.Helper()
	if got := warta.ErrorCode(err); got != want {
		tb.Fatalf("error code = %q (err: %v), want %q", got, err, want)
	}
}

// MustHaveField fails tb unless err is a *warta.Error whose Fields names
// field, with message key key (any key when key is "").
func MustHaveField(tb testing.TB, err error, field, key string) {
	tb.Helper()
	var e *warta.Error
	if !errors.As(err, &e) {
		tb.Fatalf("error %v is not a *warta.Error", err)
	}
	got, ok := e.Fields[field]
	if !ok {
		tb.Fatalf("error Fields = %v, want an entry for %q", e.Fields, field)
	}
	if key != "" && got != key {
		tb.Fatalf("error Fields[%q] = %q, want %q", field, got, key)
	}
}

// MustEqualArticle fails tb unless got and want hold the same article.
// Times must be equal instants and in UTC, the one zone the store returns.
func MustEqualArticle(tb testing.TB, what string, got, want *warta.Article) {
	tb.Helper()
	g, w := *got, *want
	for _, c := range []struct {
		name      string
		got, want time.Time
	}{
		{"PublishedAt", g.PublishedAt, w.PublishedAt},
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
	g.PublishedAt, g.CreatedAt, g.UpdatedAt = time.Time{}, time.Time{}, time.Time{}
	w.PublishedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}
	if len(g.Tags) == 0 && len(w.Tags) == 0 {
		g.Tags, w.Tags = nil, nil
	}
	if len(g.Authors) == 0 && len(w.Authors) == 0 {
		g.Authors, w.Authors = nil, nil
	}
	if !reflect.DeepEqual(g, w) {
		tb.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

// MustCreateComment creates c in st and returns it, failing tb on error.
func MustCreateComment(tb testing.TB, st warta.Store, c *warta.Comment) *warta.Comment {
	tb.Helper()
	if err := st.CreateComment(ctx(tb), c); err != nil {
		tb.Fatalf("CreateComment(%q): %v", c.Content, err)
	}
	return c
}

// MustEqualComment fails tb unless got and want hold the same comment.
// Times must be equal instants and in UTC.
func MustEqualComment(tb testing.TB, what string, got, want *warta.Comment) {
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

// RaceAllow calls Allow(key, every) perLimiter times on each of limiters,
// all goroutines released at once, and returns how many calls were
// allowed. Errors fail tb. A correct limiter allows exactly one when
// every is longer than the race.
func RaceAllow(tb testing.TB, limiters []warta.RateLimiter, key string, every time.Duration, perLimiter int) int {
	tb.Helper()
	var (
		wg      sync.WaitGroup
		start   = make(chan struct{})
		mu      sync.Mutex
		allowed int
		errs    []error
	)
	for _, l := range limiters {
		for range perLimiter {
			wg.Go(func() {
				<-start
				ok, err := l.Allow(ctx(tb), key, every)
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					errs = append(errs, err)
				} else if ok {
					allowed++
				}
			})
		}
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		tb.Errorf("Allow(%q): %v", key, err)
	}
	return allowed
}
