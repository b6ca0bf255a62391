package search_test

import (
	"context"
	"database/sql"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"warta/search"
)

func TestParseQuery(t *testing.T) {
	type T = search.Term
	for _, tt := range []struct {
		name, q string
		want    []search.Term
	}{
		{"words are stemmed", "Pemerintah membantu", []T{{Words: []string{"perintah"}}, {Words: []string{"bantu"}}}},
		{"phrase", `"dana desa" korupsi`, []T{{Words: []string{"dana", "desa"}}, {Words: []string{"korupsi"}}}},
		{"exclusion", "banjir -jakarta", []T{{Words: []string{"banjir"}}, {Words: []string{"jakarta"}, Exclude: true}}},
		{"excluded phrase", `banjir -"dki jakarta"`, []T{{Words: []string{"banjir"}}, {Words: []string{"dki", "jakarta"}, Exclude: true}}},
		{"prefix is not stemmed", "pemerin*", []T{{Words: []string{"pemerin"}, Prefix: true}}},
		{"one-letter prefix is a word", "a*", []T{{Words: []string{"a"}}}},
		{"prefix after a phrase", `"dana de"*`, []T{{Words: []string{"dana", "de"}, Prefix: true}}},
		{"split word is a phrase", "covid-19", []T{{Words: []string{"covid", "19"}}}},
		{"compound is a phrase of its tokens", "kerjasama", []T{{Words: []string{"kerja", "sama", "rjasama"}}}},
		{"reduplication", "anak-anak", []T{{Words: []string{"anak"}}}},
		{"repeats dropped", "banjir Banjir banjir", []T{{Words: []string{"banjir"}}}},
		{"capital operators dropped", "banjir OR longsor AND NOT gempa NEAR", []T{{Words: []string{"banjir"}}, {Words: []string{"longsor"}}, {Words: []string{"gempa"}}}},
		{"lower-case operators are words", "or", []T{{Words: []string{"or"}}}},
		{"operator characters are separators", `+banjir ^2 (longsor) title:gempa`, []T{{Words: []string{"banjir"}}, {Words: []string{"2"}}, {Words: []string{"longsor"}}, {Words: []string{"title", "gempa"}}}},
		{"unbalanced quote", `"banjir jakarta`, []T{{Words: []string{"banjir"}}, {Words: []string{"jakarta"}}}},
		{"lone dashes", "- -- banjir -", []T{{Words: []string{"banjir"}}}},
		{"sql", `'; DROP TABLE articles;--`, []T{{Words: []string{"drop"}}, {Words: []string{"table"}}, {Words: []string{"articles"}}}},
		{"invalid UTF-8", "banjir\xff\xfejakarta", []T{{Words: []string{"banjir", "jakarta"}}}},
		{"only punctuation", `" * NEAR : ( ^`, nil},
		{"empty", "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := search.ParseQuery("id", tt.q)
			if !reflect.DeepEqual(got.Terms, tt.want) {
				t.Errorf("ParseQuery(%q) = %+v, want %+v", tt.q, got.Terms, tt.want)
			}
		})
	}
}

func TestParseQueryLimits(t *testing.T) {
	long := strings.Repeat("kata ", 2000) // 10,000 characters
	for i := range 100 {
		long += " w" + strings.Repeat("x", i)
	}
	q := search.ParseQuery("id", long)
	if got := len(q.Terms); got != 1 {
		// Only "kata" is read within the first 500 characters.
		t.Errorf("terms of a repeated 10,000-character query = %d, want 1", got)
	}
	var many []string
	for i := range 100 { // 100 different words in 400 characters
		many = append(many, "k"+string(rune('a'+i/26))+string(rune('a'+i%26)))
	}
	q = search.ParseQuery("id", strings.Join(many, " "))
	if got := len(q.Terms); got != search.MaxQueryTerms {
		t.Errorf("terms of a 100-word query = %d, want %d", got, search.MaxQueryTerms)
	}
	chars := 0
	for _, term := range q.Terms {
		for _, w := range term.Words {
			chars += utf8.RuneCountInString(w) + 1
		}
	}
	if chars > search.MaxQueryChars {
		t.Errorf("terms hold %d characters, more than the %d read", chars, search.MaxQueryChars)
	}
}

func TestQueryEmpty(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"", true},
		{"  ", true},
		{"-banjir", true},
		{`-"dana desa"`, true},
		{`" * NEAR : ( ^`, true},
		{"banjir", false},
		{"banjir -jakarta", false},
	} {
		q := search.ParseQuery("id", tt.q)
		if got := q.Empty(); got != tt.want {
			t.Errorf("ParseQuery(%q).Empty() = %v, want %v", tt.q, got, tt.want)
		}
		if tt.want && (q.FTS5() != "" || q.TSQuery() != "") {
			t.Errorf("ParseQuery(%q): FTS5 %q, TSQuery %q: want both empty", tt.q, q.FTS5(), q.TSQuery())
		}
	}
}

func TestQueryFTS5AndTSQuery(t *testing.T) {
	q := search.ParseQuery("id", `membantu "dana desa" pemerin* -korupsi -"dki jakarta"`)
	if got, want := q.FTS5(), `("bantu" "dana desa" "pemerin"*) NOT "korupsi" NOT "dki jakarta"`; got != want {
		t.Errorf("FTS5() = %s, want %s", got, want)
	}
	if got, want := q.TSQuery(), `'bantu' & ('dana' <-> 'desa') & 'pemerin':* & !'korupsi' & !('dki' <-> 'jakarta')`; got != want {
		t.Errorf("TSQuery() = %s, want %s", got, want)
	}
	// Terms built by hand may hold anything; quoting must still hold.
	q = search.Query{Terms: []search.Term{{Words: []string{`a"b`, `c'd\`}}}}
	if got, want := q.FTS5(), `"a""b c'd\"`; got != want {
		t.Errorf("FTS5() = %s, want %s", got, want)
	}
	if got, want := q.TSQuery(), `('a"b' <-> 'c''d\\')`; got != want {
		t.Errorf("TSQuery() = %s, want %s", got, want)
	}
}

// nastyQueries are queries a search box gets from confused or hostile
// readers; none may make an invalid FTS5 or tsquery expression.
var nastyQueries = []string{
	"", " ", `"`, `""`, `"""`, "*", "**", "-", "--", "-*", `-"`, `-""`, "^", ":", "(", ")", "()", "+", "NEAR", "NEAR(a b, 3)",
	`" * NEAR : ( ^`, "a OR b", "a AND NOT b", "NOT a", "-a", "-a -b", `-"a b" c`, "a*", "ab*", `"ab cd"*`, "*ab", "a:b", "title:banjir",
	"'; DROP TABLE articles;--", `" OR 1=1 --`, "a'b", `a\b`, `\`, `'`, "''", "a & b | !c <-> d:*", "!a", "(a | b) & !c", "a <2> b",
	"banjir\xff\xfejakarta", "\xc3", "\x00", "\u202e\u200b", "😀 emoji", "東京 Москва", "Café-naïve", "anak-anak", "kerjasama*",
	"1e10 0x1F -1 +1", strings.Repeat("a", 600), strings.Repeat(`"a" `, 300), strings.Repeat("-", 10000), strings.Repeat("kata* -x ", 1200),
	"membantu -bantuan", `"membantu warga" -"bantuan tunai"*`,
}

// docs is a small corpus indexed in both databases; the positions are
// the ids.
var docs = []string{
	"Pemerintah membantu warga korban banjir di Jakarta.",
	"Bantuan tunai disalurkan kepada warga desa.",
	"Dana desa dikorupsi kepala desa, kata polisi.",
	"Kerjasama ekonomi Indonesia dan Jepang diperkuat.",
	"Kedua negara sepakat untuk kerja sama di bidang energi.",
	"Anak-anak bermain sepak bola di lapangan.",
	"Pemerintahan baru mengumumkan kebijakan pangan.",
}

// searchCases pairs queries with the ids of docs they must find, in
// both databases.
var searchCases = []struct {
	q    string
	want []int
}{
	{"bantu", []int{0, 1}},
	{"membantu -tunai", []int{0}},
	{`"dana desa"`, []int{2}},
	{"kerjasama", []int{3, 4}},
	{`"kerja sama"`, []int{3, 4}},
	{"kerja sama -jepang", []int{4}},
	{"anak", []int{5}},
	{"sepakbola", []int{5}},
	{"pemerin*", nil}, // a prefix matches stems, and "pemerintah" is indexed as "perintah"
	{"perin*", []int{0, 6}},
	{"kebijakan", []int{6}},
	{"desa -korupsi", []int{1}},
	{"'; DROP TABLE docs;--", nil},
}

func TestFTS5(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: each would be its own in-memory database
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')`); err != nil {
		t.Fatal(err)
	}
	for id, d := range docs {
		if _, err := db.ExecContext(ctx, `INSERT INTO docs (rowid, body) VALUES (?, ?)`, id, strings.Join(search.Terms("id", d), " ")); err != nil {
			t.Fatal(err)
		}
	}
	find := func(expr string) ([]int, error) {
		rows, err := db.QueryContext(ctx, `SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid`, expr)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var ids []int
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	for _, q := range nastyQueries {
		expr := search.ParseQuery("id", q).FTS5()
		if expr == "" {
			continue
		}
		if _, err := find(expr); err != nil {
			t.Errorf("query %q: MATCH %s: %v", q, expr, err)
		}
	}
	for _, tt := range searchCases {
		expr := search.ParseQuery("id", tt.q).FTS5()
		got, err := find(expr)
		if err != nil {
			t.Errorf("query %q: MATCH %s: %v", tt.q, expr, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("query %q (MATCH %s) found %v, want %v", tt.q, expr, got, tt.want)
		}
	}
}

func TestTSQuery(t *testing.T) {
	db := MustOpenPostgres(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE docs (id int PRIMARY KEY, body tsvector NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for id, d := range docs {
		if _, err := db.ExecContext(ctx, `INSERT INTO docs (id, body) VALUES ($1, to_tsvector('simple', $2))`, id, strings.Join(search.Terms("id", d), " ")); err != nil {
			t.Fatal(err)
		}
	}
	find := func(expr string) ([]int, error) {
		rows, err := db.QueryContext(ctx, `SELECT id FROM docs WHERE body @@ to_tsquery('simple', $1) ORDER BY id`, expr)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var ids []int
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	for _, q := range nastyQueries {
		expr := search.ParseQuery("id", q).TSQuery()
		if expr == "" {
			continue
		}
		if _, err := find(expr); err != nil {
			t.Errorf("query %q: to_tsquery(%s): %v", q, expr, err)
		}
	}
	for _, tt := range searchCases {
		expr := search.ParseQuery("id", tt.q).TSQuery()
		got, err := find(expr)
		if err != nil {
			t.Errorf("query %q: to_tsquery(%s): %v", tt.q, expr, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("query %q (to_tsquery %s) found %v, want %v", tt.q, expr, got, tt.want)
		}
	}
}

// FuzzParseQuery checks that no query makes ParseQuery, its renderings
// or Highlight panic, or breaks the limits.
func FuzzParseQuery(f *testing.F) {
	for _, q := range nastyQueries {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := search.ParseQuery("id", s)
		if len(q.Terms) > search.MaxQueryTerms {
			t.Fatalf("%d terms", len(q.Terms))
		}
		for _, term := range q.Terms {
			if len(term.Words) == 0 {
				t.Fatalf("term without words in %+v", q)
			}
			for _, w := range term.Words {
				if w == "" {
					t.Fatalf("empty word in %+v", q)
				}
			}
		}
		if q.Empty() != (q.FTS5() == "") || q.Empty() != (q.TSQuery() == "") {
			t.Fatalf("Empty %v, FTS5 %q, TSQuery %q", q.Empty(), q.FTS5(), q.TSQuery())
		}
		search.Highlight(s, q, "id", 50)
	})
}
