package comments

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// allowedElements is what Format's output may contain.
var allowedElements = map[string]bool{
	"p": true, "br": true, "a": true, "b": true, "strong": true,
	"i": true, "em": true, "code": true, "blockquote": true,
}

// MustParseFragment parses Format's output as a browser would parse it in
// the body of a page.
func MustParseFragment(tb testing.TB, s string) []*html.Node {
	tb.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		tb.Fatalf("parse %q: %v", s, err)
	}
	return nodes
}

// checkInert asserts the structural rules every Format output obeys, and
// returns the visible text and the links' hrefs.
func checkInert(tb testing.TB, out string) (text string, hrefs []string) {
	tb.Helper()
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.Namespace != "" || !allowedElements[n.Data] {
				tb.Errorf("element <%s> (namespace %q) in %q", n.Data, n.Namespace, out)
			}
			var href, rel string
			for _, a := range n.Attr {
				switch {
				case n.Data == "a" && a.Namespace == "" && a.Key == "href":
					href = a.Val
				case n.Data == "a" && a.Namespace == "" && a.Key == "rel":
					rel = a.Val
				default:
					tb.Errorf("attribute %s:%s=%q on <%s> in %q", a.Namespace, a.Key, a.Val, n.Data, out)
				}
			}
			if n.Data == "a" {
				u, err := url.Parse(href)
				switch {
				case err != nil:
					tb.Errorf("href %q does not parse: %v", href, err)
				case u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto":
					tb.Errorf("href %q has scheme %q", href, u.Scheme)
				case u.Scheme != "mailto" && u.Host == "":
					tb.Errorf("href %q has no host", href)
				}
				if rel != "nofollow ugc" {
					tb.Errorf("rel = %q, want \"nofollow ugc\" in %q", rel, out)
				}
				hrefs = append(hrefs, href)
			}
		default:
			tb.Errorf("node of type %v (%q) in %q", n.Type, n.Data, out)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range MustParseFragment(tb, out) {
		walk(n)
	}
	for _, r := range out {
		if invisible(r) && r != '\n' {
			tb.Errorf("invisible character %U in %q", r, out)
		}
	}
	return b.String(), hrefs
}

func TestFormatHostile(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		text  string // the visible text must contain this
		links int    // how many links the output must have
	}{
		{"script", `<script>alert(1)</script> halo`, "<script>alert(1)</script> halo", 0},
		{"script uppercase with src", `<SCRIPT SRC=//evil.example/x.js></SCRIPT>aman`, "<SCRIPT SRC=//evil.example/x.js></SCRIPT>aman", 0},
		{"escaped script stays text", `&lt;script&gt;alert(1)&lt;/script&gt;`, "&lt;script&gt;alert(1)&lt;/script&gt;", 0},
		{"double escaped", `&amp;lt;b&amp;gt;`, "&amp;lt;b&amp;gt;", 0},
		{"javascript href", `<a href="javascript:alert(1)">klik</a>`, "klik", 0},
		{"javascript mixed case", `<a href="JaVaScRiPt:alert(1)">klik</a>`, "klik", 0},
		{"javascript decimal entity", `<a href="&#106;avascript:alert(1)">klik</a>`, "klik", 0},
		{"javascript hex entity", `<a href="&#x6A;avascript:alert(1)">klik</a>`, "klik", 0},
		{"javascript entity without semicolon", `<a href="&#106avascript:alert(1)">klik</a>`, "klik", 0},
		{"javascript padded entities", `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">klik</a>`, "klik", 0},
		{"javascript colon entity", `<a href="javascript&colon;alert(1)">klik</a>`, "klik", 0},
		{"newline in scheme", "<a href=\"java\nscript:alert(1)\">klik</a>", "klik", 0},
		{"tab in scheme", "<a href=\"java\tscript:alert(1)\">klik</a>", "klik", 0},
		{"tab entity in scheme", `<a href="jav&#x09;ascript:alert(1)">klik</a>`, "klik", 0},
		{"newline entity in scheme", `<a href="java&NewLine;script:alert(1)">klik</a>`, "klik", 0},
		{"leading spaces", `<a href="   javascript:alert(1)">klik</a>`, "klik", 0},
		{"leading control", "<a href=\"\x01javascript:alert(1)\">klik</a>", "klik", 0},
		{"data url", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>`, "klik", 0},
		{"vbscript", `<a href="vbscript:msgbox(1)">klik</a>`, "klik", 0},
		{"protocol relative", `<a href="//evil.example/">klik</a>`, "klik", 0},
		{"relative path", `<a href="/admin/">klik</a>`, "klik", 0},
		{"backslashes", `<a href="https:\\evil.example">klik</a>`, "klik", 0},
		{"slash backslash", `<a href="/\evil.example">klik</a>`, "klik", 0},
		{"scheme without slashes", `<a href="https:evil.example">klik</a>`, "klik", 0},
		{"empty host", `<a href="http://">klik</a>`, "klik", 0},
		{"user info", `<a href="https://bank.example@evil.example/">bank</a>`, "bank", 0},
		{"unquoted javascript", `<a href=javascript:alert(1)>klik</a>`, "klik", 0},
		{"single quoted javascript", `<a href='javascript:alert(1)'>klik</a>`, "klik", 0},
		{"backtick quoted", "<a href=`javascript:alert(1)`>klik</a>", "klik", 0},
		{"quote entity breaks out", `<a href="https://ok.example/&quot; onmouseover=&quot;alert(1)">klik</a>`, "klik", 0},
		{"bidi entity in href", `<a href="https://ok.example/&#x202E;gnp.exe">klik</a>`, "klik", 0},
		{"first href wins bad", `<a href="javascript:alert(1)" href="https://ok.example/">dua</a>`, "dua", 0},
		{"first href wins good", `<a href="https://ok.example/" href="javascript:alert(1)">dua</a>`, "dua", 1},
		{"slash before href", `<a/href="javascript:alert(1)">klik</a>`, "klik", 0},
		{"newline before href", "<a\nhref=\"javascript:alert(1)\">klik</a>", "klik", 0},
		{"spaces around equals", `<a href = "javascript:alert(1)" >klik</a>`, "klik", 0},
		{"onclick on good link", `<a href="https://ok.example/" onclick="alert(1)">klik</a>`, "klik", 1},
		{"rel target style class", `<a href="https://ok.example/" rel="noopener" target="_blank" style="color:red" class="x">klik</a>`, "klik", 1},
		{"event on bold", `<b onmouseover="alert(1)">tebal</b>`, "tebal", 0},
		{"style on blockquote", `<blockquote style="position:fixed" onclick=alert(1)>kutip</blockquote>`, "kutip", 0},
		{"img onerror", `<img src=x onerror=alert(1)>gambar`, "onerror", 0},
		{"img javascript src", `<IMG SRC="javascript:alert('XSS');">`, "IMG SRC", 0},
		{"svg onload", `<svg onload=alert(1)>svg`, "<svg onload=alert(1)>", 0},
		{"svg script", `<svg><script>alert(1)</script></svg>`, "alert(1)", 0},
		{"svg xlink", `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, "xlink:href", 0},
		{"iframe", `<iframe src="https://evil.example/"></iframe>bingkai`, "bingkai", 0},
		{"style element", `<style>body{display:none}</style>gaya`, "display:none", 0},
		{"math mxss", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, "<math>", 0},
		{"noscript mxss", `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`, "noscript", 0},
		{"template", `<template><script>alert(1)</script></template>`, "template", 0},
		{"textarea", `<textarea><script>alert(1)</script></textarea>`, "textarea", 0},
		{"object and embed", `<object data="x.swf"></object><embed src="x.swf">flash`, "flash", 0},
		{"form", `<form action="https://evil.example/"><input name=p><button>kirim</button></form>`, "kirim", 0},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, "refresh", 0},
		{"base", `<base href="https://evil.example/">dasar`, "dasar", 0},
		{"link stylesheet", `<link rel=stylesheet href="https://evil.example/x.css">`, "stylesheet", 0},
		{"div style url", `<div style="background-image:url(javascript:alert(1))">latar</div>`, "latar", 0},
		{"unknown element style", `<xss style="behavior: url(x.htc);">aneh`, "aneh", 0},
		{"html comment", `<!--<script>alert(1)</script>-->sisa`, "sisa", 0},
		{"conditional comment", `<!--[if IE]><script>alert(1)</script><![endif]-->`, "[if IE]", 0},
		{"cdata", `<![CDATA[<script>alert(1)</script>]]>`, "CDATA", 0},
		{"split script", `<scr<script>ipt>alert(1)</scr</script>ipt>`, "ipt>alert(1)", 0},
		{"double angle", `<<script>script>alert(1)<</script>/script>`, "alert(1)", 0},
		{"attribute breakout", `"><script>alert(1)</script>`, `">`, 0},
		{"tag inside tag", `<a href="https://ok.example/" <script>alert(1)</script>>x</a>`, "alert(1)", 0},
		{"less than in quoted href", `<a href="https://ok.example/?q=<script>">x</a>`, "x", 0},
		{"unclosed link", `<a href="https://ok.example/">tanpa tutup`, "tanpa tutup", 1},
		{"nested links", `<a href="https://a.example/"><a href="https://b.example/">dalam</a></a>`, "dalam", 1},
		{"misnested", `<b><i>salah urut</b></i> lanjut`, "salah urut lanjut", 0},
		{"stray closers", `</blockquote></b></a></code>halo`, "halo", 0},
		{"deep nesting", strings.Repeat("<b><blockquote>", 500) + "dalam", "dalam", 0},
		{"autolink quote", `https://ok.example/"onmouseover="alert(1)`, `"onmouseover="alert(1)`, 1},
		{"autolink apostrophe", `https://ok.example/'onmouseover='alert(1)'`, "onmouseover", 1},
		{"autolink less than", `https://ok.example/<script>alert(1)</script>`, "<script>", 1},
		{"autolink backtick", "https://ok.example/`x`", "`x`", 1},
		{"www with quote", `www.ok.example"><script>alert(1)</script>`, "<script>", 1},
		{"bare javascript", `javascript:alert(1) //http://`, "javascript:alert(1)", 0},
		{"autolink user info", `https://bank.example@evil.example/`, "bank.example@evil.example", 0},
		{"autolink inside tag attribute", `<img src="https://evil.example/x.png">`, "x.png", 0},
		{"bidi override", "halo \u202Egnp.exe", "halo gnp.exe", 0},
		{"bidi in autolink", "https://ok.example/\u202Etxt.exe", "https://ok.example/txt.exe", 1},
		{"every bidi control", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u061Cm", "abcdefghijklm", 0},
		{"zero width in www", "www.\u200Bok.example", "www.ok.example", 1},
		{"nul inside tag name", "ha\x00lo <scr\x00ipt>alert(1)</script>", "halo <script>", 0},
		{"terminal escapes", "\x01\x02\x1b[31mmerah\x7f", "[31mmerah", 0},
		{"invalid utf8", "\xff\xfe<script>x", "\uFFFD<script>x", 0},
		{"fullwidth brackets", "\uFF1Cscript\uFF1Ealert(1)", "\uFF1Cscript\uFF1E", 0},
		{"long url", "https://ok.example/" + strings.Repeat("a", 5000), "aaaa", 0},
		{"many candidates", strings.Repeat("http://", 5000), "http://", 0},
		{"mailto javascript", `<a href="mailto:javascript:alert(1)">surat</a>`, "surat", 1},
		{"uppercase good link", `<A HREF="HTTPS://OK.EXAMPLE/">besar</A>`, "besar", 1},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.name] {
			t.Fatalf("duplicate case %q", tt.name)
		}
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			out := Format(tt.in)
			text, hrefs := checkInert(t, out)
			if !strings.Contains(text, tt.text) {
				t.Errorf("visible text %q does not contain %q\nout: %s", text, tt.text, out)
			}
			if got, want := len(hrefs), tt.links; got != want {
				t.Errorf("links = %d %q, want %d\nout: %s", got, hrefs, want, out)
			}
			for _, h := range hrefs {
				if strings.Contains(h, "evil") || strings.ContainsAny(h, "<>\"'` ") {
					t.Errorf("link to %q\nout: %s", h, out)
				}
			}
		})
	}
	if len(tests) < 60 {
		t.Errorf("%d hostile cases, want at least 60", len(tests))
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"paragraphs and breaks", "Satu\nDua\n\nTiga", "<p>Satu<br>\nDua</p>\n<p>Tiga</p>\n"},
		{"blank lines of spaces", "Satu\n  \t\nDua", "<p>Satu</p>\n<p>Dua</p>\n"},
		{"outer whitespace dropped", "\n\n  Awal dan akhir  \n\n\n", "<p>Awal dan akhir</p>\n"},
		{"windows newlines", "Baris\r\nWindows\r\n\r\nParagraf", "<p>Baris<br>\nWindows</p>\n<p>Paragraf</p>\n"},
		{"autolink trailing full stop", "Baca https://kompas.com/berita.",
			`<p>Baca <a href="https://kompas.com/berita" rel="nofollow ugc">https://kompas.com/berita</a>.</p>` + "\n"},
		{"autolink balanced parens kept, outer dropped", "(lihat https://id.wikipedia.org/wiki/Jakarta_(kota))",
			`<p>(lihat <a href="https://id.wikipedia.org/wiki/Jakarta_(kota)" rel="nofollow ugc">https://id.wikipedia.org/wiki/Jakarta_(kota)</a>)</p>` + "\n"},
		{"www and query", "Lihat www.detik.com, lalu https://x.id/a?b=1&c=2!",
			`<p>Lihat <a href="https://www.detik.com" rel="nofollow ugc">www.detik.com</a>, lalu <a href="https://x.id/a?b=1&amp;c=2" rel="nofollow ugc">https://x.id/a?b=1&amp;c=2</a>!</p>` + "\n"},
		{"address in angle brackets", "Buka <https://kompas.id/> ya",
			`<p>Buka &lt;<a href="https://kompas.id/" rel="nofollow ugc">https://kompas.id/</a>&gt; ya</p>` + "\n"},
		{"fragment then colon", "Berita di https://tempo.co/read/123/banjir?utm=1#komentar: mengerikan",
			`<p>Berita di <a href="https://tempo.co/read/123/banjir?utm=1#komentar" rel="nofollow ugc">https://tempo.co/read/123/banjir?utm=1#komentar</a>: mengerikan</p>` + "\n"},
		{"indonesian sentence", "Terima kasih atas beritanya! Semoga banjir di Demak cepat surut. Info: https://bnpb.go.id/.",
			`<p>Terima kasih atas beritanya! Semoga banjir di Demak cepat surut. Info: <a href="https://bnpb.go.id/" rel="nofollow ugc">https://bnpb.go.id/</a>.</p>` + "\n"},
		{"http upper case", "HTTP://WARTA.ID/",
			`<p><a href="http://WARTA.ID/" rel="nofollow ugc">HTTP://WARTA.ID/</a></p>` + "\n"},
		{"not an address", "xhttp://a.id dan surel@www.a.id dan www.", "<p>xhttp://a.id dan surel@www.a.id dan www.</p>\n"},
		{"allowed tags kept", "<b>tebal</b> <strong>kuat</strong> <i>miring</i> <em>tekan</em> <code>kode</code>",
			"<p><b>tebal</b> <strong>kuat</strong> <i>miring</i> <em>tekan</em> <code>kode</code></p>\n"},
		{"tags in any case", "<B>tebal</b> <EM>tekan</Em>", "<p><b>tebal</b> <em>tekan</em></p>\n"},
		{"mailto kept", `Tulis ke <a href="mailto:redaksi@warta.id">redaksi</a>`,
			`<p>Tulis ke <a href="mailto:redaksi@warta.id" rel="nofollow ugc">redaksi</a></p>` + "\n"},
		{"typed link gets rel", `<a href="https://x">x</a>`, `<p><a href="https://x" rel="nofollow ugc">x</a></p>` + "\n"},
		{"typed link entity decoded", `<a href="https://a.id/?b=1&amp;c=2">x</a>`, `<p><a href="https://a.id/?b=1&amp;c=2" rel="nofollow ugc">x</a></p>` + "\n"},
		{"no autolink inside link or code", "<code>https://tidak.dilink</code> dan <a href=\"https://a.id\">https://b.id</a>",
			`<p><code>https://tidak.dilink</code> dan <a href="https://a.id" rel="nofollow ugc">https://b.id</a></p>` + "\n"},
		{"blockquote with paragraphs", "<blockquote>Satu\n\nDua</blockquote>\nBalasan saya",
			"<blockquote>\n<p>Satu</p>\n<p>Dua</p>\n</blockquote>\n<p>Balasan saya</p>\n"},
		{"nested blockquote", "<blockquote>A<blockquote>B</blockquote>C</blockquote>",
			"<blockquote>\n<p>A</p>\n<blockquote>\n<p>B</p>\n</blockquote>\n<p>C</p>\n</blockquote>\n"},
		{"unclosed blockquote", "<blockquote>kutip", "<blockquote>\n<p>kutip</p>\n</blockquote>\n"},
		{"bold across paragraphs", "Kata <b>tebal\n\nlanjut</b> selesai", "<p>Kata <b>tebal</b></p>\n<p><b>lanjut</b> selesai</p>\n"},
		{"bold around blockquote", "<b>a<blockquote>b</blockquote>c</b>d",
			"<p><b>a</b></p>\n<blockquote>\n<p>b</p>\n</blockquote>\n<p><b>c</b>d</p>\n"},
		{"empty elements vanish", "<b></b><i> </i>teks", "<p>teks</p>\n"},
		{"other tags shown", "<p>paragraf</p> <br>", "<p>&lt;p&gt;paragraf&lt;/p&gt; &lt;br&gt;</p>\n"},
		{"less than and ampersand", "1 < 2 & 3 > 2 &amp; &lt;b&gt;", "<p>1 &lt; 2 &amp; 3 &gt; 2 &amp;amp; &amp;lt;b&amp;gt;</p>\n"},
		{"joiners kept", "👨\u200d👩\u200d👧 keluarga", "<p>👨\u200d👩\u200d👧 keluarga</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Format(tt.in)
			if got != tt.want {
				t.Errorf("Format(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkInert(t, got)
		})
	}
}

// TestFormatShowsWhatWasTyped checks that text with markup characters but
// no tags reads, once rendered, exactly as typed (apart from whitespace).
func TestFormatShowsWhatWasTyped(t *testing.T) {
	for _, in := range []string{
		"1 < 2 && 3 > 2",
		"a<b & c>d",
		"&lt;script&gt; &amp; &#106; &copy &",
		"Harga <Rp 10.000 & >Rp 5.000; \"kutip\" 'tunggal'",
		"<3 <> </> <!> <?",
	} {
		out := Format(in)
		text, _ := checkInert(t, out)
		if got, want := strings.TrimSpace(text), in; got != want {
			t.Errorf("Format(%q) reads %q, want it as typed\nout: %s", in, got, out)
		}
		// Formatting the text the reader sees gives the same again.
		if again := Format(text); again != out {
			t.Errorf("Format of the visible text differs:\n%q\n%q", out, again)
		}
	}
}

func TestCountLinks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"none", "Tidak ada tautan. www. http://", 0},
		{"bare", "https://a.id dan http://b.id dan www.c.id", 3},
		{"typed", `<a href="https://a.id">a</a> <A HREF='https://b.id'>b</A>`, 2},
		{"typed refused still counts", `<a href="javascript:alert(1)">x</a> <a onclick="x" href="//evil">y</a>`, 2},
		{"url as link text counts once", `<a href="https://a.id">https://a.id</a>`, 1},
		{"anchor without href", `<a name="x">x</a>`, 0},
		{"in code", "<code>https://a.id</code>", 1},
		{"inside other tag not counted", `<img src="https://a.id/x.png">`, 0},
		{"hidden by zero width", "https://a.id\u200b https://b.id", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CountLinks(tt.in); got != tt.want {
				t.Errorf("CountLinks(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

// TestFormatLinear guards against input that makes the tokenizer or the
// autolinker rescan the text: each body is the largest a reader may send.
func TestFormatLinear(t *testing.T) {
	for _, in := range []string{
		strings.Repeat(`<a href="`, 7000),
		strings.Repeat("<b", 30000),
		strings.Repeat("http://", 9000),
		strings.Repeat("www.", 16000),
		strings.Repeat("<b><i>", 10000),
		strings.Repeat("(https://a.id/", 4000),
	} {
		checkInert(t, Format(in))
	}
}

// FuzzFormat checks the structural rules on any input. Under go test it
// runs the seeds; go test -fuzz=FuzzFormat explores further.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{
		`<a href="javascript:alert(1)">x</a>`,
		"<b>a\n\n<blockquote>b</b></blockquote>c",
		`<a href="https://a.id/">https://b.id/</a> www.c.id`,
		"<svg onload=alert(1)> <math><style>",
		"\u202Ehttps://a.id/\u2066",
		`<a href='&#x6A;avascript:x' href="https://a.id">`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkInert(t, Format(s))
		CountLinks(s)
	})
}
