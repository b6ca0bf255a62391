package warta

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Settings are the site's settings that staff change while it runs. They
// live in the database (as key/value text) so every process shares them.
type Settings struct {
	// CommentsCloseAfterDays closes comments on articles published more
	// than this many days ago; 0 never closes them.
	CommentsCloseAfterDays int
	// CommentMaxDepth is how deep replies nest; a deeper reply is attached
	// at the deepest level allowed.
	CommentMaxDepth int
	// CommentsPerPage is how many threads an article page shows at once.
	CommentsPerPage int
	// CommentDisallowedKeys: a comment whose text, name, email, website,
	// IP or browser contains one of these goes to the trash.
	CommentDisallowedKeys []string
	// CommentModerationKeys: a comment that contains one of these is held.
	CommentModerationKeys []string
	// CommentMaxLinks holds a comment with more links than this.
	CommentMaxLinks int
	// CommentFirstTimeHold holds comments from an email with no approved
	// comment yet.
	CommentFirstTimeHold bool
	// CommentManualApproval holds every comment.
	CommentManualApproval bool
	// SiteTitle replaces the site's name in page titles and the masthead
	// when set; empty keeps the name given at start-up.
	SiteTitle string
	// SiteTagline is the line under the masthead; empty shows none.
	SiteTagline string
	// MediaMaxMB is the largest image upload, in MiB.
	MediaMaxMB int
	// MediaMaxPDFMB is the largest PDF document upload, in MiB.
	MediaMaxPDFMB int
	// Language and Timezone, when set, replace --lang and --timezone at
	// once on every process: staff change them without a restart.
	Language string
	Timezone string
	// FeedSummaryOnly makes feeds carry each article's dek only, not its
	// full text, so that readers come to the site to read on.
	FeedSummaryOnly bool // PageCacheMB bounds the memory of the page cache, in MiB; read
	// when serve starts.
	PageCacheMB int
	// CacheMaxAge and CacheSWR are the max-age and stale-while-revalidate
	// seconds of public pages' Cache-Control.
	CacheMaxAge int
	CacheSWR    int
	// WPRestComments accepts anonymous comments through the
	// WordPress-compatible API (package wpjson), every one held for a
	// moderator; off, that API refuses them as WordPress does by default.
	WPRestComments bool
}

// DefaultSettings returns the settings of a new site.
func DefaultSettings() *Settings {
	return &Settings{
		CommentMaxDepth:      5,
		CommentsPerPage:      50,
		CommentMaxLinks:      2,
		CommentFirstTimeHold: true,
		MediaMaxMB:           20,
		MediaMaxPDFMB:        20,
		PageCacheMB:          256,
		CacheMaxAge:          60,
		CacheSWR:             600,
	}
}

// setting describes one key of the settings table.
type setting struct {
	key  string
	help string
	get  func(*Settings) string
	set  func(*Settings, string) error
}

func intSetting(key, help string, p func(*Settings) *int, min int) setting {
	return setting{key, help,
		func(s *Settings) string { return strconv.Itoa(*p(s)) },
		func(s *Settings, v string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < min {
				return Errorf(EINVALID, "%s must be a whole number of at least %d", key, min)
			}
			*p(s) = n
			return nil
		}}
}

func boolSetting(key, help string, p func(*Settings) *bool) setting {
	return setting{key, help,
		func(s *Settings) string { return strconv.FormatBool(*p(s)) },
		func(s *Settings, v string) error {
			b, err := strconv.ParseBool(strings.TrimSpace(v))
			if err != nil {
				return Errorf(EINVALID, "%s must be true or false", key)
			}
			*p(s) = b
			return nil
		}}
}

// listSetting holds one entry per line, as WordPress's comment lists do.
func listSetting(key, help string, p func(*Settings) *[]string) setting {
	return setting{key, help,
		func(s *Settings) string { return strings.Join(*p(s), "\n") },
		func(s *Settings, v string) error {
			var out []string
			for _, line := range strings.Split(v, "\n") {
				if line = strings.TrimSpace(line); line != "" && !slices.Contains(out, line) {
					out = append(out, line)
				}
			}
			*p(s) = out
			return nil
		}}
}

var settingsTable = []setting{
	intSetting("comments_close_after_days", "close comments on articles older than this many days (0: never)",
		func(s *Settings) *int { return &s.CommentsCloseAfterDays }, 0),
	intSetting("comment_max_depth", "how deep replies nest", func(s *Settings) *int { return &s.CommentMaxDepth }, 1),
	intSetting("comments_per_page", "threads per page under an article", func(s *Settings) *int { return &s.CommentsPerPage }, 1),
	listSetting("comment_disallowed_keys", "words, IPs or emails that send a comment to the trash, one per line",
		func(s *Settings) *[]string { return &s.CommentDisallowedKeys }),
	listSetting("comment_moderation_keys", "words, IPs or emails that hold a comment for moderation, one per line",
		func(s *Settings) *[]string { return &s.CommentModerationKeys }),
	intSetting("comment_max_links", "hold a comment with more links than this", func(s *Settings) *int { return &s.CommentMaxLinks }, 0),
	boolSetting("comment_first_time_hold", "hold comments until the email has one approved comment",
		func(s *Settings) *bool { return &s.CommentFirstTimeHold }),
	boolSetting("comment_manual_approval", "hold every comment for a moderator",
		func(s *Settings) *bool { return &s.CommentManualApproval }),
	lineSetting("site_title", "the site's title (empty: the name given at start-up)", 200,
		func(s *Settings) *string { return &s.SiteTitle }),
	lineSetting("site_tagline", "the line under the masthead (empty: none)", 300,
		func(s *Settings) *string { return &s.SiteTagline }),
	{"site_language", "the language of the site: id or en (empty: the one given at start-up)",
		func(s *Settings) string { return s.Language },
		func(s *Settings, v string) error {
			v = strings.TrimSpace(v)
			if v != "" && (len(v) != 2 || strings.Trim(v, "abcdefghijklmnopqrstuvwxyz") != "") {
				return Errorf(EINVALID, "site_language must be a language code such as id or en")
			}
			s.Language = v
			return nil
		}},
	{"site_timezone", "the newsroom's time zone, such as Asia/Jakarta (empty: the one given at start-up)",
		func(s *Settings) string { return s.Timezone },
		func(s *Settings, v string) error {
			v = strings.TrimSpace(v)
			if v != "" {
				if _, err := time.LoadLocation(v); err != nil || v == "Local" {
					return Errorf(EINVALID, "site_timezone %q is not a time zone; use a name such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura", v)
				}
			}
			s.Timezone = v
			return nil
		}},
	// The newsroom's forms are bounded for 20 MiB images (media.DefaultLimits),
	// so a larger value could never take effect; it is refused instead.
	{"media_max_mb", "the largest image upload, in MiB (1 to 20)",
		func(s *Settings) string { return strconv.Itoa(s.MediaMaxMB) },
		func(s *Settings, v string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > 20 {
				return Errorf(EINVALID, "media_max_mb must be a whole number from 1 to 20")
			}
			s.MediaMaxMB = n
			return nil
		}},
	// Bounded like media_max_mb, for the same reason.
	{"media_max_pdf_mb", "the largest PDF document upload, in MiB (1 to 20)",
		func(s *Settings) string { return strconv.Itoa(s.MediaMaxPDFMB) },
		func(s *Settings, v string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > 20 {
				return Errorf(EINVALID, "media_max_pdf_mb must be a whole number from 1 to 20")
			}
			s.MediaMaxPDFMB = n
			return nil
		}},
	boolSetting("feed_summary_only", "feeds carry each article's dek only, not its full text",
		func(s *Settings) *bool { return &s.FeedSummaryOnly }),
	intSetting("page_cache_mb", "memory for the page cache, in MiB (0: no cache; read at start)",
		func(s *Settings) *int { return &s.PageCacheMB }, 0),
	intSetting("cache_max_age", "seconds browsers and proxies may reuse a public page", func(s *Settings) *int { return &s.CacheMaxAge }, 0),
	intSetting("cache_swr", "seconds after that they may show it while fetching a new one", func(s *Settings) *int { return &s.CacheSWR }, 0),
	boolSetting("wp_rest_comments", "accept comments through the WordPress-compatible API, each held for a moderator",
		func(s *Settings) *bool { return &s.WPRestComments }),
}

// lineSetting holds one line of text of at most max characters; line
// breaks become spaces.
func lineSetting(key, help string, max int, p func(*Settings) *string) setting {
	return setting{key, help,
		func(s *Settings) string { return *p(s) },
		func(s *Settings, v string) error {
			v = strings.TrimSpace(strings.Join(strings.Fields(v), " "))
			if utf8.RuneCountInString(v) > max {
				return Errorf(EINVALID, "%s must be at most %d characters", key, max)
			}
			*p(s) = v
			return nil
		}}
}

// SettingKeys returns every settings key, in a stable order, with its help.
func SettingKeys() [][2]string {
	var out [][2]string
	for _, s := range settingsTable {
		out = append(out, [2]string{s.key, s.help})
	}
	return out
}

// Values returns the settings as the key/value text the store keeps.
func (s *Settings) Values() map[string]string {
	out := map[string]string{}
	for _, st := range settingsTable {
		out[st.key] = st.get(s)
	}
	return out
}

// Set changes one setting from its text form. Errors: EINVALID for an
// unknown key or a value of the wrong kind.
func (s *Settings) Set(key, value string) error {
	for _, st := range settingsTable {
		if st.key == key {
			return st.set(s, value)
		}
	}
	return Errorf(EINVALID, "there is no setting %q; \"warta settings list\" shows them", key)
}

// ParseSettings builds settings from stored key/value text: defaults
// where a key is missing, and unknown keys ignored (a newer version may
// have written them).
func ParseSettings(values map[string]string) (*Settings, error) {
	s := DefaultSettings()
	for _, st := range settingsTable {
		if v, ok := values[st.key]; ok {
			if err := st.set(s, v); err != nil {
				return nil, fmt.Errorf("stored setting: %w", err)
			}
		}
	}
	return s, nil
}

// SettingsStore keeps the site's settings and its secret.
type SettingsStore interface {
	// SettingValues returns every stored setting as text.
	SettingValues(ctx context.Context) (map[string]string, error)
	// SetSetting stores one setting's text.
	SetSetting(ctx context.Context, key, value string) error
	// InitSetting stores value under key unless the key has a value
	// already, and returns the value that is stored in the end. Processes
	// that start at once on one database therefore agree, for instance on
	// the site secret.
	InitSetting(ctx context.Context, key, value string) (string, error)
}
