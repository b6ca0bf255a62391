// Package textdiff computes readable differences between two revisions of
// a text: line by line for the revisions screen, and word by word inside
// a changed paragraph.
//
// It uses Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its
// Variations", 1986) after trimming the common head and tail. Its memory
// grows with the square of the number of differences D, so D is capped:
// texts that differ more than that are shown as the old text deleted and
// the new one inserted, which is also the most readable view of a rewrite.
package textdiff

import "strings"

// Op says what happened to a line or a segment.
type Op int

// Ops.
const (
	Equal  Op = iota // in both texts
	Insert           // only in the new text
	Delete           // only in the old text
)

// String returns "equal", "insert" or "delete", for templates and tests.
func (op Op) String() string {
	switch op {
	case Equal:
		return "equal"
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "unknown"
}

// Line is one line of a line diff. A and B are its 1-based line numbers
// in the old and the new text, 0 where it is absent (A for an insert, B
// for a delete). Text has no line ending.
type Line struct {
	Op   Op
	Text string
	A, B int
}

// MaxEdits caps D, the number of inserted plus deleted lines (or words)
// that Myers' search looks for, which bounds memory at about 4·MaxEdits²
// bytes (4 MB). Past it the differing middle is shown as a delete of the
// old lines followed by an insert of the new ones.
const MaxEdits = 1000

// Lines returns the line diff that turns a into b. "\r\n" counts as "\n",
// and a final newline does not start another line, so joining the Text of
// the Equal and Insert lines with "\n" gives b (without its final
// newline), and the Equal and Delete lines give a. Within each changed
// block the deleted lines come before the inserted ones.
func Lines(a, b string) []Line {
	al, bl := splitLines(a), splitLines(b)
	ids := map[string]int{}
	intern := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	ops := diff(intern(al), intern(bl))
	out := make([]Line, 0, len(ops))
	i, j := 0, 0
	for _, op := range ops {
		switch op {
		case Equal:
			out = append(out, Line{Op: Equal, Text: al[i], A: i + 1, B: j + 1})
			i, j = i+1, j+1
		case Delete:
			out = append(out, Line{Op: Delete, Text: al[i], A: i + 1})
			i++
		case Insert:
			out = append(out, Line{Op: Insert, Text: bl[j], B: j + 1})
			j++
		}
	}
	return out
}

// splitLines splits s into lines without their endings.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// diff returns the edit script that turns a into b, one Op per element:
// Equal consumes one of each, Delete one of a, Insert one of b. In each
// run of changes the deletes come first.
func diff(a, b []int) []Op {
	// The common head and tail cost nothing and are most of a revision.
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	ops := make([]Op, 0, len(a)+len(b)-head-tail)
	for range head {
		ops = append(ops, Equal)
	}
	ops = append(ops, myers(a[head:len(a)-tail], b[head:len(b)-tail])...)
	for range tail {
		ops = append(ops, Equal)
	}
	return deletesFirst(ops)
}

// myers finds a shortest edit script with Myers' greedy algorithm,
// keeping the frontier of every round for the walk back. If the script
// needs more than MaxEdits edits it gives up and deletes all of a, then
// inserts all of b.
func myers(a, b []int) []Op {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return replaceAll(n, m)
	}
	maxD := min(n+m, MaxEdits)
	off := maxD + 1
	v := make([]int32, 2*maxD+3) // v[off+k]: furthest x on diagonal k
	var trace [][]int32          // trace[d]: v[off-d : off+d+1] as round d began
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int32(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = int(v[off+k+1]) // down: insert b[y-1]
			} else {
				x = int(v[off+k-1]) + 1 // right: delete a[x-1]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = int32(x)
			if x >= n && y >= m {
				return backtrack(trace, n, m)
			}
		}
	}
	return replaceAll(n, m)
}

// backtrack walks the saved frontiers from (n, m) back to (0, 0) and
// returns the edit script in order.
func backtrack(trace [][]int32, n, m int) []Op {
	var rev []Op
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		vd := trace[d]
		at := func(k int) int { return int(vd[k+d]) } // vd covers k in [-d, d]
		k := x - y
		var prevK int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX, prevY := 0, 0
		if d > 0 {
			prevX = at(prevK)
			prevY = prevX - prevK
		}
		for x > prevX && y > prevY {
			rev = append(rev, Equal)
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == prevX {
				rev = append(rev, Insert)
			} else {
				rev = append(rev, Delete)
			}
			x, y = prevX, prevY
		}
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// replaceAll is the script that deletes n elements and inserts m.
func replaceAll(n, m int) []Op {
	ops := make([]Op, 0, n+m)
	for range n {
		ops = append(ops, Delete)
	}
	for range m {
		ops = append(ops, Insert)
	}
	return ops
}

// deletesFirst reorders each run of changes so that its deletes come
// before its inserts, which reads as "this became that".
func deletesFirst(ops []Op) []Op {
	for i := 0; i < len(ops); {
		if ops[i] == Equal {
			i++
			continue
		}
		j := i
		dels := 0
		for j < len(ops) && ops[j] != Equal {
			if ops[j] == Delete {
				dels++
			}
			j++
		}
		for p := i; p < j; p++ {
			if p < i+dels {
				ops[p] = Delete
			} else {
				ops[p] = Insert
			}
		}
		i = j
	}
	return ops
}
