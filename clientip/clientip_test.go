package clientip_test

import (
	"net/http/httptest"
	"testing"

	"warta/clientip"
)

func TestFrom(t *testing.T) {
	trusted, err := clientip.ParseTrusted("10.0.0.0/8, 127.0.0.1, ::1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		peer   string
		header []string
		want   string
	}{
		{"untrusted peer, no header", "203.0.113.5:4000", nil, "203.0.113.5"},
		{"untrusted peer forging the header", "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5"},
		{"trusted proxy", "127.0.0.1:9000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"chain of trusted proxies", "10.1.2.3:9000", []string{"198.51.100.1, 10.9.9.9"}, "198.51.100.1"},
		{"client-forged left part is ignored", "127.0.0.1:9000", []string{"6.6.6.6, 198.51.100.1"}, "198.51.100.1"},
		{"several header lines", "127.0.0.1:9000", []string{"6.6.6.6", "198.51.100.1"}, "198.51.100.1"},
		{"garbage in the header stops the walk", "127.0.0.1:9000", []string{"198.51.100.1, nonsense"}, "127.0.0.1"},
		{"IPv4-mapped IPv6 peer", "[::ffff:203.0.113.7]:80", nil, "203.0.113.7"},
		{"IPv6 trusted proxy", "[::1]:80", []string{"2001:db8::1"}, "2001:db8::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.peer
			for _, h := range tt.header {
				r.Header.Add("X-Forwarded-For", h)
			}
			if got := clientip.From(r, trusted); got != tt.want {
				t.Errorf("From = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseTrusted(t *testing.T) {
	if p, err := clientip.ParseTrusted(""); err != nil || len(p) != 0 {
		t.Errorf("empty: %v, %v", p, err)
	}
	for _, bad := range []string{"10.0.0.0/33", "localhost", "1.2.3"} {
		if _, err := clientip.ParseTrusted(bad); err == nil {
			t.Errorf("ParseTrusted(%q) accepted it", bad)
		}
	}
}
