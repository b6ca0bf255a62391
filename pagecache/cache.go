// Package pagecache keeps the public pages that anonymous readers get in
// memory, rendered, with their gzip bytes and strong ETag prepared once,
// so that a popular article costs one render, not one per reader.
//
// It is always correct, not "fresh enough": every entry carries tags
// naming what it shows (article:12, section:3, home, global…), and every
// write in the store names the tags it touches (see warta.Change). The
// cache drops exactly those entries as soon as it hears of the write:
// at once for this process's own writes, and within PollInterval for
// writes by another process (the CLI on the same SQLite file, other nodes
// on PostgreSQL), which Follow reads from the store's change log.
//
// Requests that may carry something personal never touch the cache; see
// Middleware.
package pagecache

import (
	"container/list"
	"net/http"
	"sync"
	"time"

	"warta/respond"
)

// DefaultMaxAge is the hard ceiling on an entry's age. Content is never
// stale because of age (writes invalidate), but an article page carries a
// comment form token that is valid for 24 hours after the render, so no
// page may be served from memory for anything near that long.
const DefaultMaxAge = 12 * time.Hour

// entryOverhead is what an entry costs besides its bytes: the map slot,
// the list element, tags and headers. An estimate, so that a flood of
// tiny entries is bounded too.
const entryOverhead = 512

// Entry is one cached response.
type Entry struct {
	Body    *respond.Body
	Header  http.Header // replayed on every hit (Cache-Control, for one)
	Tags    []string
	Stored  time.Time
	Expires time.Time // never served after this

	key  string
	size int64
}

// Cache is a byte-bounded LRU of rendered responses, indexed by tag. It
// is safe for concurrent use.
type Cache struct {
	mu       sync.Mutex
	maxBytes int64
	bytes    int64
	lru      *list.List               // of *Entry, most recently used first
	items    map[string]*list.Element // key → element
	byTag    map[string]map[string]struct{}
	// seq counts invalidations. A render records seq when it starts; Put
	// refuses its result when an invalidation that concerns it happened
	// since, so a write racing with a render never leaves the render's
	// older view in the cache.
	seq    uint64
	allSeq uint64            // seq of the last InvalidateAll
	tagSeq map[string]uint64 // seq of each tag's last invalidation
	flight map[string]*call

	now    func() time.Time
	maxAge time.Duration
	stats  Stats
}

// Stats counts what the cache did, for tests and metrics.
type Stats struct {
	Hits, Misses, Bypasses, Stores, Evictions, Invalidations int64
	Entries                                                  int
	Bytes                                                    int64
}

// New returns a cache holding at most maxBytes of entries.
func New(maxBytes int64) *Cache {
	return &Cache{
		maxBytes: maxBytes,
		lru:      list.New(),
		items:    map[string]*list.Element{},
		byTag:    map[string]map[string]struct{}{},
		tagSeq:   map[string]uint64{},
		flight:   map[string]*call{},
		now:      time.Now,
		maxAge:   DefaultMaxAge,
	}
}

// SetMaxBytes changes the bound, evicting at once when it shrank.
func (c *Cache) SetMaxBytes(n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.maxBytes = n
	c.evict()
}

// SetClock replaces the clock (for tests).
func (c *Cache) SetClock(now func() time.Time) {
	c.mu.Lock()
	c.now = now
	c.mu.Unlock()
}

// Stats returns the counters.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Entries, s.Bytes = len(c.items), c.bytes
	return s
}

// Get returns the entry for key, if present and not expired.
func (c *Cache) Get(key string) (*Entry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*Entry)
	if !c.now().Before(e.Expires) {
		c.remove(el)
		return nil, false
	}
	c.lru.MoveToFront(el)
	return e, true
}

// Seq returns the invalidation counter, to hand to Put when the render
// that produces the entry is done.
func (c *Cache) Seq() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.seq
}

// Put stores e under key unless something it is tagged with was
// invalidated after seq (taken with Seq before rendering). It reports
// whether it stored e. An entry bigger than an eighth of the cache is
// not kept: one huge page must not push out everything else.
func (c *Cache) Put(key string, e *Entry, seq uint64) bool {
	// The bytes come from growing buffers, whose capacity can be up to
	// twice their length: the cache would hold more memory than it
	// counts. Exact-size copies make its bound the real one.
	if body := e.Body; body != nil && (wasteful(body.Raw) || wasteful(body.Gzip)) {
		clipped := *body
		clipped.Raw, clipped.Gzip = clip(body.Raw), clip(body.Gzip)
		e.Body = &clipped
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.allSeq > seq {
		return false
	}
	for _, t := range e.Tags {
		if c.tagSeq[t] > seq {
			return false
		}
	}
	e.key = key
	e.size = int64(len(key)+cap(e.Body.Raw)+cap(e.Body.Gzip)) + entryOverhead
	if e.size > c.maxBytes/8 {
		return false
	}
	now := c.now()
	e.Stored = now
	if ceiling := now.Add(c.maxAge); e.Expires.IsZero() || e.Expires.After(ceiling) {
		e.Expires = ceiling
	}
	if old, ok := c.items[key]; ok {
		c.remove(old)
	}
	c.items[key] = c.lru.PushFront(e)
	c.bytes += e.size
	for _, t := range e.Tags {
		keys := c.byTag[t]
		if keys == nil {
			keys = map[string]struct{}{}
			c.byTag[t] = keys
		}
		keys[key] = struct{}{}
	}
	c.stats.Stores++
	c.evict()
	return true
}

// maxTagSeq bounds the memory of invalidated tags; past it the record is
// replaced by one InvalidateAll-like mark, which only makes renders in
// flight at that moment go uncached.
const maxTagSeq = 100000

// InvalidateTags drops every entry carrying one of tags.
func (c *Cache) InvalidateTags(tags ...string) {
	if len(tags) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	c.stats.Invalidations++
	if len(c.tagSeq)+len(tags) > maxTagSeq {
		c.tagSeq = map[string]uint64{}
		c.allSeq = c.seq
	}
	for _, t := range tags {
		c.tagSeq[t] = c.seq
		for key := range c.byTag[t] {
			if el, ok := c.items[key]; ok {
				c.remove(el)
			}
		}
	}
}

// InvalidateAll empties the cache. Used when what changed is unknown: a
// gap in the change log, or a database that did not answer.
func (c *Cache) InvalidateAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	c.allSeq = c.seq
	c.stats.Invalidations++
	c.tagSeq = map[string]uint64{}
	c.items = map[string]*list.Element{}
	c.byTag = map[string]map[string]struct{}{}
	c.lru.Init()
	c.bytes = 0
}

// evict drops least recently used entries until the cache fits.
func (c *Cache) evict() {
	for c.bytes > c.maxBytes {
		el := c.lru.Back()
		if el == nil {
			return
		}
		c.remove(el)
		c.stats.Evictions++
	}
}

// remove drops one entry and its tag index.
func (c *Cache) remove(el *list.Element) {
	e := el.Value.(*Entry)
	c.lru.Remove(el)
	delete(c.items, e.key)
	c.bytes -= e.size
	for _, t := range e.Tags {
		if keys := c.byTag[t]; keys != nil {
			delete(keys, e.key)
			if len(keys) == 0 {
				delete(c.byTag, t)
			}
		}
	}
}

// call is one render in flight that other requests for the same key wait for.
type call struct {
	done   chan struct{}
	result *recorded
	stored bool // the result is current (it was kept in the cache)
}

// join returns the call in flight for key and false, or registers a new
// one and returns it with true: the caller then renders and must finish it.
func (c *Cache) join(key string) (*call, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl, ok := c.flight[key]; ok {
		return cl, false
	}
	cl := &call{done: make(chan struct{})}
	c.flight[key] = cl
	return cl, true
}

// finish ends the call for key and wakes its waiters.
func (c *Cache) finish(key string, cl *call) {
	c.mu.Lock()
	delete(c.flight, key)
	c.mu.Unlock()
	close(cl.done)
}

// count adds to one of the hit/miss/bypass counters.
func (c *Cache) count(p *int64) {
	c.mu.Lock()
	*p++
	c.mu.Unlock()
}

// replay writes a recorded response as it was recorded.
func (rec *recorded) replay(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range rec.header {
		h[k] = v
	}
	w.WriteHeader(rec.status)
	w.Write(rec.body.Bytes())
}

// wasteful reports whether b holds capacity beyond its length. A copy
// costs far less than the render that made b.
func wasteful(b []byte) bool { return cap(b) > len(b) }

// clip returns b in a slice of exactly its length.
func clip(b []byte) []byte {
	if !wasteful(b) {
		return b
	}
	return append(make([]byte, 0, len(b)), b...)
}

// MemoryLimit is the soft memory limit (for runtime/debug.SetMemoryLimit)
// that suits a process holding a cache of maxBytes: the cache plus
// headroom for everything else the server keeps live. Without one, Go's
// collector lets the heap grow to twice the live data (GOGC=100), so a
// full 256 MiB cache meant over 500 MiB of heap before a collection;
// with it the collector works harder as the heap nears the limit
// instead. It is soft: Go exceeds it rather than fail.
func MemoryLimit(maxBytes int64) int64 {
	const headroom = 48 << 20
	return maxBytes + headroom
}
