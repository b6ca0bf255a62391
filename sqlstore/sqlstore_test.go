package sqlstore

import (
	"testing"
	"time"
)

func TestRebind(t *testing.T) {
	tests := []struct {
		name     string
		numbered bool
		in, want string
	}{
		{"sqlite keeps ?", false, "SELECT 1 WHERE a = ? AND b = ?", "SELECT 1 WHERE a = ? AND b = ?"},
		{"postgres numbers", true, "SELECT 1 WHERE a = ? AND b IN (?, ?)", "SELECT 1 WHERE a = $1 AND b IN ($2, $3)"},
		{"no placeholders", true, "SELECT 1", "SELECT 1"},
		{"ten and more", true, placeholders(11), "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (Dialect{Numbered: tt.numbered}).Rebind(tt.in); got != tt.want {
				t.Errorf("Rebind(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTimeDest(t *testing.T) {
	want := time.Date(2024, 6, 19, 7, 5, 30, 123456000, time.UTC)
	wib := time.FixedZone("WIB", 7*3600)
	tests := []struct {
		name string
		in   any
		want time.Time
	}{
		{"NULL", nil, time.Time{}},
		{"time in another zone", want.In(wib), want},
		{"nanoseconds are cut to microseconds", want.Add(789 * time.Nanosecond), want},
		{"sqlite text", "2024-06-19T07:05:30.123456Z", want},
		{"bytes", []byte("2024-06-19T07:05:30.123456Z"), want},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got time.Time
			if err := (timeDest{&got}).Scan(tt.in); err != nil {
				t.Fatalf("Scan: %v", err)
			}
			if !got.Equal(tt.want) || (!got.IsZero() && got.Location() != time.UTC) {
				t.Errorf("Scan(%v) = %v, want %v in UTC", tt.in, got, tt.want)
			}
		})
	}
	var got time.Time
	if err := (timeDest{&got}).Scan("19 Juni 2024"); err == nil {
		t.Error("Scan of a malformed time succeeded, want an error")
	}
	if err := (timeDest{&got}).Scan(42); err == nil {
		t.Error("Scan of an integer succeeded, want an error")
	}
}
