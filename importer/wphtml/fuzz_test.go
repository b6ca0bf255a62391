package wphtml_test

import (
	"strings"
	"testing"

	"warta/importer/wphtml"
)

// FuzzConvert checks that no body, however broken, makes Convert panic or
// lets a script element through.
func FuzzConvert(f *testing.F) {
	for _, seed := range []string{
		"Paragraf satu.\n\nParagraf dua\nbaris kedua.",
		`[caption id="a" width="1"]<a href="/x"><img src="/a.jpg" alt="A"></a> Teks | Foto[/caption]`,
		`<!-- wp:embed {"url":"https://contoh.id/v"} --><figure><div>https://contoh.id/v</div><figcaption>c</figcaption></figure><!-- /wp:embed -->`,
		`<!-- wp:gallery --><figure><ul><li><figure><img src="/1.jpg"></figure></li></ul></figure><!-- /wp:gallery -->`,
		"[[gallery]] [su_box a=1]x[/su_box] [caption]tanpa gambar[/caption] [embed]javascript:alert(1)[/embed]",
		`<scr<script>ipt>alert(1)</script> <svg><script>1</script></svg> &lt;script&gt; <a href="javascript:x">y</a>`,
		"<!-- wp:paragraph --><p>tidak ditutup",
		strings.Repeat("<div>", 600) + "<script>alert(1)</script>",
		"<table><tr><td>a<td>b<tr><td colspan=3>c</table><pre>x<br>y</pre><blockquote><cite><br></cite></blockquote>",
	} {
		f.Add(seed)
	}
	opt := wphtml.Options{
		MapURL: func(u string) string { return "/media/" + u },
		Gallery: func(ids []string) []wphtml.Image {
			return []wphtml.Image{{Src: "<script>", Alt: "]]><script>", Caption: "\"<script>"}}
		},
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, o := range []wphtml.Options{{}, opt} {
			r := wphtml.Convert(body, o)
			if strings.Contains(strings.ToLower(r.Markdown), "<script") {
				t.Fatalf("Convert(%q) = %q, contains <script", body, r.Markdown)
			}
		}
	})
}
