package markdown_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"warta"
	"warta/markdown"
)

// MustRender renders src and fails the test on error.
func MustRender(tb testing.TB, src string) string {
	tb.Helper()
	got, err := markdown.Render(src)
	if err != nil {
		tb.Fatalf("Render(%q): %v", src, err)
	}
	return got
}

// MustParse parses an HTML fragment the way a browser would inside <body>.
func MustParse(tb testing.TB, fragment string) []*html.Node {
	tb.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		tb.Fatalf("parse %q: %v", fragment, err)
	}
	return nodes
}

// findAll returns every element named tag under the given nodes, in
// document order.
func findAll(nodes []*html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func TestRender_Figure(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			name: "caption and credit",
			src:  `![Perahu karet membawa warga ke tempat aman](/media/demo/banjir-2.jpg "Warga dievakuasi dari Desa Sayung, Senin pagi. | Foto: Rina Pertiwi/Warta")`,
			want: `<figure><img src="/media/demo/banjir-2.jpg" alt="Perahu karet membawa warga ke tempat aman" loading="lazy"><figcaption>Warga dievakuasi dari Desa Sayung, Senin pagi. <span class="credit">Foto: Rina Pertiwi/Warta</span></figcaption></figure>`,
		},
		{
			name: "caption only",
			src:  `![Pasar batik](/media/demo/batik.jpg "Pengunjung memilih kain di Pasar Setono.")`,
			want: `<figure><img src="/media/demo/batik.jpg" alt="Pasar batik" loading="lazy"><figcaption>Pengunjung memilih kain di Pasar Setono.</figcaption></figure>`,
		},
		{
			name: "credit only",
			src:  `![Pasar batik](/media/demo/batik.jpg "| Ilustrasi: Warta")`,
			want: `<figure><img src="/media/demo/batik.jpg" alt="Pasar batik" loading="lazy"><figcaption><span class="credit">Ilustrasi: Warta</span></figcaption></figure>`,
		},
		{
			name: "no title",
			src:  `![Pasar batik](/media/demo/batik.jpg)`,
			want: `<figure><img src="/media/demo/batik.jpg" alt="Pasar batik" loading="lazy"></figure>`,
		},
		{
			name: "relative path",
			src:  `![Peta](peta.jpg)`,
			want: `<figure><img src="peta.jpg" alt="Peta" loading="lazy"></figure>`,
		},
		{
			name: "escaped caption",
			src:  `![A & B](/a.jpg "Tom & Jerry <b> | Foto: \"X\"")`,
			want: `<figure><img src="/a.jpg" alt="A &amp; B" loading="lazy"><figcaption>Tom &amp; Jerry &lt;b&gt; <span class="credit">Foto: &#34;X&#34;</span></figcaption></figure>`,
		},
		{
			name: "image in running text stays inline",
			src:  `Lihat ![peta](/media/peta.jpg "Peta") di atas.`,
			want: `<p>Lihat <img src="/media/peta.jpg" alt="peta" loading="lazy"> di atas.</p>`,
		},
		{
			name: "two images in one paragraph stay inline",
			src:  `![a](/a.jpg) ![b](/b.jpg)`,
			want: `<p><img src="/a.jpg" alt="a" loading="lazy"> <img src="/b.jpg" alt="b" loading="lazy"></p>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSpace(MustRender(t, tt.src))
			if got != tt.want {
				t.Errorf("Render:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestRender_FigureStructure(t *testing.T) {
	src := "Paragraf pembuka.\n\n" +
		`![Perahu karet](/media/demo/banjir-2.jpg "Warga dievakuasi. | Foto: Rina Pertiwi/Warta")` + "\n\nPenutup.\n"
	nodes := MustParse(t, MustRender(t, src))

	figures := findAll(nodes, "figure")
	if got, want := len(figures), 1; got != want {
		t.Fatalf("figures: got %d, want %d", got, want)
	}
	fig := figures[0]
	if fig.Parent != nil && fig.Parent.Data == "p" {
		t.Errorf("figure is inside a <p>")
	}
	imgs := findAll([]*html.Node{fig}, "img")
	if got, want := len(imgs), 1; got != want {
		t.Fatalf("img in figure: got %d, want %d", got, want)
	}
	if got, _ := attr(imgs[0], "src"); got != "/media/demo/banjir-2.jpg" {
		t.Errorf("img src: got %q", got)
	}
	if got, _ := attr(imgs[0], "alt"); got != "Perahu karet" {
		t.Errorf("img alt: got %q", got)
	}
	caps := findAll([]*html.Node{fig}, "figcaption")
	if got, want := len(caps), 1; got != want {
		t.Fatalf("figcaption in figure: got %d, want %d", got, want)
	}
	spans := findAll(caps, "span")
	if got, want := len(spans), 1; got != want {
		t.Fatalf("span in figcaption: got %d, want %d", got, want)
	}
	if got, _ := attr(spans[0], "class"); got != "credit" {
		t.Errorf("span class: got %q, want credit", got)
	}
	if got, want := spans[0].FirstChild.Data, "Foto: Rina Pertiwi/Warta"; got != want {
		t.Errorf("credit: got %q, want %q", got, want)
	}
	if got, want := strings.TrimSpace(caps[0].FirstChild.Data), "Warga dievakuasi."; got != want {
		t.Errorf("caption: got %q, want %q", got, want)
	}
}

func TestRender_Headings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"h1 becomes h2", "# Judul", `<h2 id="judul">Judul</h2>`},
		{"h2 stays h2", "## Harga Gabah", `<h2 id="harga-gabah">Harga Gabah</h2>`},
		{"h3 stays h3", "### Di Pasar", `<h3 id="di-pasar">Di Pasar</h3>`},
		{"h4 without id", "#### Catatan", `<h4>Catatan</h4>`},
		{"h6 becomes h4", "###### Kecil", `<h4>Kecil</h4>`},
		{"repeated text gets a suffix", "## Dua\n\n## Dua", "<h2 id=\"dua\">Dua</h2>\n<h2 id=\"dua-2\">Dua</h2>"},
		{"markup in heading", "## Harga *beras* naik", `<h2 id="harga-beras-naik">Harga <em>beras</em> naik</h2>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSpace(MustRender(t, tt.src))
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if strings.Contains(got, "<h1") {
				t.Errorf("output has an h1: %s", got)
			}
		})
	}
}

func TestRender_ArticleBody(t *testing.T) {
	src := `Paragraf pembuka dengan **siapa**, *apa*, kapan, di mana.

![Pertama](/media/demo/a.jpg "Keterangan pertama. | Foto: A/Warta")

# Judul yang salah tingkat

## Subjudul

> "Kami bekerja sampai malam," kata Budi.

![Kedua](/media/demo/b.jpg "Keterangan kedua. | Foto: B/Warta")

Penutup dengan [tautan](https://example.org/laporan).
`
	nodes := MustParse(t, MustRender(t, src))
	counts := []struct {
		tag  string
		want int
	}{
		{"h1", 0},
		{"h2", 2},
		{"blockquote", 1},
		{"figure", 2},
		{"figcaption", 2},
		{"img", 2},
		{"p", 3}, // lead, the quote's, the closing one
	}
	for _, c := range counts {
		if got := len(findAll(nodes, c.tag)); got != c.want {
			t.Errorf("<%s>: got %d, want %d", c.tag, got, c.want)
		}
	}
	links := findAll(nodes, "a")
	if len(links) != 1 {
		t.Fatalf("links: got %d, want 1", len(links))
	}
	if got, _ := attr(links[0], "rel"); got != "noopener" {
		t.Errorf("absolute link rel: got %q, want noopener", got)
	}
}

func TestRender_Subheading(t *testing.T) {
	// The brief's shape: a lead-in paragraph, one "##", a quote, two figures.
	src := "Lead.\n\n## Subjudul\n\n> Kutipan.\n\n![a](/a.jpg \"A | Foto: X\")\n\n![b](/b.jpg \"B | Foto: Y\")\n"
	nodes := MustParse(t, MustRender(t, src))
	for tag, want := range map[string]int{"h2": 1, "blockquote": 1, "figure": 2, "figcaption": 2, "h1": 0} {
		if got := len(findAll(nodes, tag)); got != want {
			t.Errorf("<%s>: got %d, want %d", tag, got, want)
		}
	}
}

func TestRender_Links(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"relative link has no rel", "[arsip](/arsip/)", `<p><a href="/arsip/">arsip</a></p>`},
		{"absolute link gets noopener", "[BMKG](https://bmkg.example/)", `<p><a href="https://bmkg.example/" rel="noopener">BMKG</a></p>`},
		{"mailto", "[surat](mailto:redaksi@warta.example)", `<p><a href="mailto:redaksi@warta.example">surat</a></p>`},
		{"autolink", "Lihat https://warta.example/a", `<p>Lihat <a href="https://warta.example/a" rel="noopener">https://warta.example/a</a></p>`},
		{"javascript link loses its href", "[x](javascript:alert(1))", `<p>x</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.TrimSpace(MustRender(t, tt.src)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestRender_ExternalImages(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantHref string // "" means no link either
		wantText string
	}{
		{"https figure", `![Gunung](https://cdn.example/g.jpg "Cap | Foto: X")`, "https://cdn.example/g.jpg", "Gunung"},
		{"http inline", `Lihat ![Gunung](http://cdn.example/g.jpg) ini.`, "http://cdn.example/g.jpg", "Gunung"},
		{"protocol relative", `![Gunung](//cdn.example/g.jpg)`, "//cdn.example/g.jpg", "Gunung"},
		{"backslash trick", `![Gunung](/\cdn.example/g.jpg)`, "", "Gunung"},
		{"data URL", `![Titik](data:image/png;base64,iVBORw0KGgo=)`, "", "Titik"},
		{"javascript src", `![Klik](javascript:alert(1))`, "", "Klik"},
		{"uppercase scheme", `![Gunung](HTTPS://cdn.example/g.jpg)`, "https://cdn.example/g.jpg", "Gunung"}, // the sanitiser lower-cases schemes,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := MustRender(t, tt.src)
			nodes := MustParse(t, out)
			if imgs := findAll(nodes, "img"); len(imgs) != 0 {
				t.Fatalf("got an <img> for an off-site source: %s", out)
			}
			links := findAll(nodes, "a")
			if tt.wantHref == "" {
				if len(links) != 0 {
					t.Fatalf("got a link, want none: %s", out)
				}
			} else {
				if len(links) != 1 {
					t.Fatalf("links: got %d, want 1: %s", len(links), out)
				}
				if got, _ := attr(links[0], "href"); got != tt.wantHref {
					t.Errorf("href: got %q, want %q", got, tt.wantHref)
				}
			}
			if !strings.Contains(out, tt.wantText) {
				t.Errorf("alt text %q missing from %s", tt.wantText, out)
			}
			if strings.Contains(strings.ToLower(out), "javascript:") {
				t.Errorf("javascript: survived: %s", out)
			}
		})
	}
}

// A PDF of the library written with image syntax becomes a link to it,
// not a broken <img> nor a figure; the link text is its alt text.
func TestRender_DocumentAsImage(t *testing.T) {
	for _, src := range []string{
		`![Siaran pers Basarnas](/media/lib/ab/abcdef.pdf)`,
		`Unduh ![Siaran pers Basarnas](/media/lib/ab/abcdef.PDF) di sini.`,
		`![Siaran pers Basarnas](/media/lib/ab/abcdef.pdf "Keterangan | Foto: X")`,
	} {
		out := MustRender(t, src)
		nodes := MustParse(t, out)
		if n := len(findAll(nodes, "img")) + len(findAll(nodes, "figure")); n != 0 {
			t.Errorf("%s: got an img or figure for a PDF: %s", src, out)
		}
		links := findAll(nodes, "a")
		if len(links) != 1 {
			t.Fatalf("%s: got %d links, want 1: %s", src, len(links), out)
		}
		if href, _ := attr(links[0], "href"); !strings.HasPrefix(strings.ToLower(href), "/media/lib/ab/abcdef.pdf") {
			t.Errorf("%s: href %q", src, href)
		}
		if !strings.Contains(out, ">Siaran pers Basarnas</a>") {
			t.Errorf("%s: the alt text is not the link text: %s", src, out)
		}
	}
	// An image stays an image.
	if out := MustRender(t, `![Banjir](/media/lib/ab/abcdef.jpg)`); !strings.Contains(out, "<img") {
		t.Errorf("a JPEG lost its img: %s", out)
	}
}

func TestRender_XSS(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"script tag", "<script>alert(1)</script>"},
		{"script inline", "teks <script>alert(1)</script> teks"},
		{"javascript link", "[x](javascript:alert(1))"},
		{"javascript link encoded", "[x](jav&#x61;script:alert(1))"},
		{"javascript link uppercase", "[x](JAVASCRIPT:alert(1))"},
		{"javascript autolink", "<javascript:alert(1)>"},
		{"img onerror", `<img src=x onerror="alert(1)">`},
		{"img onerror inline", `teks <img src=x onerror=alert(1)> teks`},
		{"raw html block", "<div onclick=\"alert(1)\" style=\"color:red\">x</div>"},
		{"iframe", `<iframe src="https://evil.example/"></iframe>`},
		{"svg", `<svg onload=alert(1)></svg>`},
		{"style", "<style>body{display:none}</style>"},
		{"attribute in link title", `[x](/a "\" onmouseover=\"alert(1)")`},
		{"image alt escape", `![" onerror="alert(1)](/a.jpg)`},
		{"figure caption escape", `![a](/a.jpg "<script>alert(1)</script> | <img src=x onerror=alert(1)>")`},
		{"data link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"},
		{"vbscript link", "[x](vbscript:msgbox(1))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := MustRender(t, tt.src)
			for _, n := range findAllElements(MustParse(t, out)) {
				switch n.Data {
				case "script", "iframe", "svg", "style", "div", "object", "embed":
					t.Errorf("element <%s> survived: %s", n.Data, out)
				}
				for _, a := range n.Attr {
					key, val := strings.ToLower(a.Key), strings.ToLower(a.Val)
					if strings.HasPrefix(key, "on") || key == "style" {
						t.Errorf("attribute %s survived: %s", a.Key, out)
					}
					if strings.Contains(val, "javascript:") || strings.Contains(val, "vbscript:") || strings.HasPrefix(val, "data:") {
						t.Errorf("dangerous URL in %s survived: %s", a.Key, out)
					}
				}
			}
			if strings.Contains(strings.ToLower(out), "<script") {
				t.Errorf("script survived: %s", out)
			}
		})
	}
}

// findAllElements returns every element under nodes.
func findAllElements(nodes []*html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

func TestRender_InvalidUTF8(t *testing.T) {
	_, err := markdown.Render("Harga beras \xff naik")
	if got, want := warta.ErrorCode(err), warta.EINVALID; got != want {
		t.Errorf("error code: got %q, want %q (err %v)", got, want, err)
	}
}

func TestRender_Empty(t *testing.T) {
	if got := MustRender(t, ""); got != "" {
		t.Errorf("got %q, want empty", got)
	}
}
