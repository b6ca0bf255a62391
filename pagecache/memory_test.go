package pagecache_test

import (
	"testing"

	"warta/pagecache"
	"warta/respond"
)

// A body in a buffer with spare capacity holds that capacity in memory:
// the cache must keep (and count) only the bytes, or its bound is not
// the memory it takes.
func TestCacheCountsRealMemory(t *testing.T) {
	c := pagecache.New(1 << 20)
	raw := make([]byte, 1000, 64<<10) // a grown buffer's Bytes()
	copy(raw, "halaman")
	body := &respond.Body{ContentType: "text/html; charset=utf-8", Raw: raw}
	if !c.Put("/a/", &pagecache.Entry{Body: body}, c.Seq()) {
		t.Fatal("Put refused a small page")
	}
	if got := c.Stats().Bytes; got >= 64<<10 {
		t.Errorf("cache counts %d bytes for a 1,000-byte page: it keeps the spare capacity", got)
	}
	e, ok := c.Get("/a/")
	if !ok {
		t.Fatal("page not kept")
	}
	if string(e.Body.Raw[:7]) != "halaman" || len(e.Body.Raw) != 1000 || cap(e.Body.Raw) != 1000 {
		t.Errorf("kept body len %d cap %d, want the same 1,000 bytes in a slice of exactly that size", len(e.Body.Raw), cap(e.Body.Raw))
	}
}

func TestMemoryLimitLeavesRoomAboveTheCache(t *testing.T) {
	if got := pagecache.MemoryLimit(256 << 20); got <= 256<<20 || got > 320<<20 {
		t.Errorf("MemoryLimit(256 MiB) = %d MiB, want a little above the cache", got>>20)
	}
}
