package fault

import (
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"warta/comments"
)

// TestKill9DuringCommentLoad kills warta with SIGKILL while readers post
// comments, restarts it on the same data folder, and checks that every
// comment whose post was answered 303 is stored, none twice, and that
// SQLite finds the database whole.
func TestKill9DuringCommentLoad(t *testing.T) {
	dir := t.TempDir()
	p := start(t, dir, "--demo", "--trusted-proxies", "127.0.0.1/32", "--drain-delay", "0")
	s := explore(t, p.URL)
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	// The forms were fetched just now; the server refuses them until a
	// person could have typed a comment.
	time.Sleep(comments.MinFormAge + 500*time.Millisecond)

	const workers = 16
	var (
		next    atomic.Int64
		acked   sync.Map // k → true, for each 303
		outcome counter
		wg      sync.WaitGroup
		stop    atomic.Bool
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client()
			for !stop.Load() {
				k := int(next.Add(1))
				code, err := postComment(c, p.URL, ipFor(k), s.comment(run, k))
				switch {
				case err != nil:
					outcome.add("error")
					if stop.Load() {
						return
					}
				case code == 303:
					acked.Store(k, true)
					outcome.add("303")
				default:
					outcome.add(strconv.Itoa(code))
				}
			}
		}()
	}
	// Kill once a good number of comments are in, mid-stream.
	deadline := time.Now().Add(2 * time.Minute)
	for countMap(&acked) < 200 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	p.signal(syscall.SIGKILL)
	stop.Store(true)
	state := p.wait(t, 30*time.Second)
	wg.Wait()
	if ws, ok := state.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("warta was not killed by SIGKILL: %v", state)
	}
	nAcked := countMap(&acked)
	if nAcked == 0 {
		t.Fatalf("no comment was acknowledged before the kill: %s\n%s", &outcome, p.logTail())
	}

	// The same data folder serves again: no lock left behind, the
	// database opens and recovers its write-ahead log.
	p2 := start(t, dir, "--trusted-proxies", "127.0.0.1/32", "--drain-delay", "0")
	db := openDB(t, dir)
	rows, err := db.Query(`SELECT content FROM comments WHERE content LIKE ?`, "Komentar uji "+run+" nomor %")
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int]int{}
	num := regexp.MustCompile(`nomor (\d+):`)
	for rows.Next() {
		var content string
		if err := rows.Scan(&content); err != nil {
			t.Fatal(err)
		}
		m := num.FindStringSubmatch(content)
		if m == nil {
			t.Fatalf("unexpected comment %q", content)
		}
		k, _ := strconv.Atoi(m[1])
		stored[k]++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var lost, twice []int
	acked.Range(func(k, _ any) bool {
		if stored[k.(int)] == 0 {
			lost = append(lost, k.(int))
		}
		return true
	})
	for k, n := range stored {
		if n > 1 {
			twice = append(twice, k)
		}
	}
	// Posted after restart, a comment still goes through.
	time.Sleep(comments.MinFormAge)
	code, err := postComment(client(), p2.URL, "10.255.255.254", s.comment(run, 1<<20))
	if err != nil || code != 303 {
		t.Errorf("a comment after the restart: %d %v, want 303", code, err)
	}
	p2.signal(syscall.SIGTERM)
	if st := p2.wait(t, time.Minute); !st.Success() {
		t.Errorf("restarted warta exited with %v", st)
	}

	var integrity string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil {
		t.Fatal(err)
	}
	t.Logf("kill -9 after %d posts: outcomes %s; acknowledged %d, stored %d (the rest were in flight or refused), lost %d, stored twice %d; integrity_check: %s",
		next.Load(), &outcome, nAcked, len(stored), len(lost), len(twice), integrity)
	if len(lost) > 0 {
		t.Errorf("%d acknowledged comments are missing after the restart, such as %v", len(lost), lost[:min(5, len(lost))])
	}
	if len(twice) > 0 {
		t.Errorf("%d comments are stored twice, such as %v", len(twice), twice[:min(5, len(twice))])
	}
	if integrity != "ok" {
		t.Errorf("PRAGMA integrity_check: %s", integrity)
	}
	if len(stored) > int(next.Load()) {
		t.Errorf("%d comments stored from %d posts", len(stored), next.Load())
	}
}

func countMap(m *sync.Map) int {
	n := 0
	m.Range(func(any, any) bool { n++; return true })
	return n
}
