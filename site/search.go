package site

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"

	"warta"
	"warta/search"
	"warta/view"
)

// snippetLen is how many characters of text a search result shows.
const snippetLen = 240

// relatedCount is how many related articles an article shows.
const relatedCount = 4

// searchPage is the data of the search results page.
type searchPage struct {
	view.Page
	// Query is what the reader typed, as shown back in the search box.
	Query string
	// Hint, when set, replaces the results: the query had nothing to
	// search for.
	Hint    string
	Total   int
	Results []searchResult
	Pager   pager
}

// searchResult is one article found, with the passage that matched.
type searchResult struct {
	Article *warta.Article
	// Snippet is HTML-escaped text with <mark> around the matches.
	Snippet template.HTML
}

// showSearch shows one page of the published articles that match the
// reader's query, best first. The query is parsed by package search,
// which never fails: an empty or meaningless query gets a hint, never an
// error, and nothing a reader types reaches the database as syntax.
//
// GET /search?q=…&page=N
func (h *handler) showSearch(w http.ResponseWriter, r *http.Request) {
	n, err := pageNumber(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	cat := h.Views.Catalog()
	lang := cat.Lang()
	raw := r.URL.Query().Get("q")
	shown := echoQuery(raw)
	q := search.ParseQuery(lang, raw)

	data := searchPage{Query: shown}
	if q.Empty() {
		data.Hint = cat.T("search.hint")
		if strings.TrimSpace(raw) != "" {
			data.Hint = cat.T("search.nothing")
		}
		if n > 1 {
			h.errorStatus(w, r, http.StatusNotFound)
			return
		}
	} else {
		articles, total, err := h.Store.Search(r.Context(), storeQuery(lang, q), h.Now(), (n-1)*PageSize, PageSize)
		if err != nil {
			h.error(w, r, err)
			return
		}
		if len(articles) == 0 && n > 1 {
			h.errorStatus(w, r, http.StatusNotFound)
			return
		}
		data.Total = total
		for _, a := range articles {
			text := a.Dek + " — " + htmlText(a.BodyHTML)
			if a.Dek == "" {
				text = htmlText(a.BodyHTML)
			}
			data.Results = append(data.Results, searchResult{
				Article: a,
				// Highlight escapes everything but its own <mark>s.
				Snippet: template.HTML(search.Highlight(strings.TrimSpace(text), q, lang, snippetLen)),
			})
		}
		data.Pager = searchPager(shown, n, total)
	}

	title := cat.T("search.title")
	if shown != "" {
		title = cat.T("search.title.query", shown)
	}
	if n > 1 {
		title = cat.T("pagination.title", title, n)
	}
	p, err := h.page(r.Context(), title, "", searchPath(shown, n), "")
	if err != nil {
		h.error(w, r, err)
		return
	}
	data.Page = p
	h.render(w, r, "site/search", data, newest(articlesOf(data.Results)...))
}

// storeQuery converts a parsed query to the store's form.
func storeQuery(lang string, q search.Query) warta.SearchQuery {
	out := warta.SearchQuery{Lang: lang, Terms: make([]warta.SearchTerm, 0, len(q.Terms))}
	for _, t := range q.Terms {
		out.Terms = append(out.Terms, warta.SearchTerm{Words: t.Words, Prefix: t.Prefix, Exclude: t.Exclude})
	}
	return out
}

// echoQuery is the query as the search box shows it back: valid UTF-8,
// on one line, and no longer than package search reads.
func echoQuery(q string) string {
	q = strings.ToValidUTF8(q, "\uFFFD")
	q = strings.Join(strings.Fields(q), " ")
	if utf8.RuneCountInString(q) > search.MaxQueryChars {
		q = string([]rune(q)[:search.MaxQueryChars])
	}
	return q
}

// searchPath is the address of page n of the results for q.
func searchPath(q string, n int) string {
	if q == "" {
		return "/search"
	}
	p := "/search?q=" + url.QueryEscape(q)
	if n > 1 {
		p += "&page=" + strconv.Itoa(n)
	}
	return p
}

// searchPager is the pagination of the results for q.
func searchPager(q string, page, total int) pager {
	p := pager{Page: page, Pages: (total + PageSize - 1) / PageSize}
	if page > 1 {
		p.Newer = searchPath(q, page-1)
	}
	if page < p.Pages {
		p.Older = searchPath(q, page+1)
	}
	return p
}

func articlesOf(results []searchResult) []*warta.Article {
	out := make([]*warta.Article, len(results))
	for i, r := range results {
		out[i] = r.Article
	}
	return out
}

// htmlText returns the text of an HTML fragment (an article body, which
// was sanitised on save), with a space where each tag was.
func htmlText(s string) string {
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case nethtml.TextToken:
			b.Write(z.Text())
		default:
			b.WriteByte(' ')
		}
	}
}
