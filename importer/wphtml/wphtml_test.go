package wphtml_test

import (
	"html"
	"reflect"
	"strings"
	"testing"

	"warta/importer/wphtml"
	"warta/markdown"
)

// uploads maps the old site's uploads to Warta's media paths, as the
// importer does.
func uploads(u string) string {
	return strings.Replace(u, "https://contoh.id/wp-content/uploads/", "/media/", 1)
}

// attachments stands in for the importer's knowledge of a site's images.
func attachments(ids []string) []wphtml.Image {
	var out []wphtml.Image
	for _, id := range ids {
		out = append(out, wphtml.Image{
			Src:     "https://contoh.id/wp-content/uploads/galeri-" + id + ".jpg",
			Alt:     "Foto " + id,
			Caption: "Keterangan " + id,
		})
	}
	return out
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		want       string
		shortcodes []string
		images     []string
		dropped    []string
	}{
		// Classic editor: WordPress's paragraph rules.
		{
			name: "classic paragraphs and line breaks",
			in:   "Paragraf satu.\n\nParagraf dua\nbaris kedua.\n\n\n\nParagraf tiga.",
			want: "Paragraf satu.\n\nParagraf dua\\\nbaris kedua.\n\nParagraf tiga.\n",
		},
		{
			name: "classic text around block elements",
			in:   "Teks awal\n<h2>Judul</h2>\nLagi <em>miring</em> ya.<br />\nBaris baru.\n<ul>\n<li>Satu</li>\n<li>Dua</li>\n</ul>\nPenutup",
			want: "Teks awal\n\n## Judul\n\nLagi *miring* ya.\\\nBaris baru.\n\n- Satu\n- Dua\n\nPenutup\n",
		},
		{
			name: "classic pre keeps its blank lines",
			in:   "Kode:\n\n<pre>a := 1\n\nb := 2</pre>",
			want: "Kode:\n\n```\na := 1\n\nb := 2\n```\n",
		},
		{
			name: "classic more and nextpage markers are dropped",
			in:   "Awal\n<!--more-->\nTengah\n\n<!--nextpage-->\n\nAkhir",
			want: "Awal\n\nTengah\n\nAkhir\n",
		},
		{
			name: "classic blockquote gets paragraphs",
			in:   "<blockquote>Kutipan satu.\n\nKutipan dua.</blockquote>",
			want: "> Kutipan satu.\n>\n> Kutipan dua.\n",
		},
		{
			name:   "classic image alone in its paragraph",
			in:     "Sebelum.\n\n<img class=\"aligncenter size-full\" title=\"dsc0001\" src=\"https://contoh.id/wp-content/uploads/2024/05/pasar.jpg\" alt=\"Pasar pagi\" width=\"640\" />\n\nSesudah.",
			want:   "Sebelum.\n\n![Pasar pagi](/media/2024/05/pasar.jpg)\n\nSesudah.\n",
			images: []string{"https://contoh.id/wp-content/uploads/2024/05/pasar.jpg"},
		},

		// Block editor: comments are structure, and newlines are not breaks.
		{
			name: "block paragraph and heading",
			in:   "<!-- wp:paragraph -->\n<p>Satu\ndua</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading {\"level\":3} -->\n<h3 class=\"wp-block-heading\">Sub</h3>\n<!-- /wp:heading -->",
			want: "Satu dua\n\n### Sub\n",
		},
		{
			name:   "block image with link and caption",
			in:     `<!-- wp:image {"id":5,"sizeSlug":"large","linkDestination":"media"} --><figure class="wp-block-image size-large"><a href="https://contoh.id/wp-content/uploads/2024/05/banjir.jpg"><img src="https://contoh.id/wp-content/uploads/2024/05/banjir-1024x768.jpg" alt="Banjir di Demak" class="wp-image-5"/></a><figcaption class="wp-element-caption">Warga mengungsi, <em>Senin</em> pagi.</figcaption></figure><!-- /wp:image -->`,
			want:   "![Banjir di Demak](/media/2024/05/banjir-1024x768.jpg \"Warga mengungsi, Senin pagi.\")\n",
			images: []string{"https://contoh.id/wp-content/uploads/2024/05/banjir-1024x768.jpg"},
		},
		{
			name:   "block image linked elsewhere keeps its link",
			in:     `<!-- wp:image {"id":6,"linkDestination":"custom"} --><figure class="wp-block-image"><a href="https://mitra.example/promo"><img src="/iklan.jpg" alt="Iklan mitra"/></a><figcaption>Promo bulan ini</figcaption></figure><!-- /wp:image -->`,
			want:   "[![Iklan mitra](/iklan.jpg)](https://mitra.example/promo)\n\nPromo bulan ini\n",
			images: []string{"/iklan.jpg"},
		},
		{
			name: "links to attachment pages are dropped, by block attribute or rel",
			in: `<!-- wp:image {"id":7,"linkDestination":"attachment"} --><figure class="wp-block-image"><a href="https://contoh.id/2024/05/berita/foto-7/"><img src="/7.jpg" alt="Tujuh"/></a><figcaption>Tujuh</figcaption></figure><!-- /wp:image -->` +
				"\n" + `<p><a href="https://contoh.id/2024/05/berita/foto-8/" rel="attachment wp-att-8"><img src="/8.jpg" alt="Delapan"></a></p>`,
			want:   "![Tujuh](/7.jpg \"Tujuh\")\n\n![Delapan](/8.jpg)\n",
			images: []string{"/7.jpg", "/8.jpg"},
		},
		{
			name:   "link to the attachment page named in data-link is dropped",
			in:     `<p><a href="https://contoh.id/2024/05/berita/foto-9/"><img src="/9.jpg" alt="Sembilan" data-link="https://contoh.id/2024/05/berita/foto-9/"></a></p>`,
			want:   "![Sembilan](/9.jpg)\n",
			images: []string{"/9.jpg"},
		},
		{
			name: "block gallery becomes a run of figures",
			in: `<!-- wp:gallery {"ids":[1,2],"linkTo":"attachment"} --><figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid">` +
				`<li class="blocks-gallery-item"><figure><a href="https://contoh.id/2024/05/berita/foto-1/"><img src="https://contoh.id/wp-content/uploads/1.jpg" alt="Satu" data-id="1" data-link="https://contoh.id/2024/05/berita/foto-1/"/></a><figcaption class="blocks-gallery-item__caption">Pertama</figcaption></figure></li>` +
				`<li class="blocks-gallery-item"><figure><img src="https://contoh.id/wp-content/uploads/2.jpg" alt="Dua" data-id="2"/></figure></li>` +
				`</ul><figcaption class="blocks-gallery-caption">Galeri pasar</figcaption></figure><!-- /wp:gallery -->`,
			want:   "![Satu](/media/1.jpg \"Pertama\")\n\n![Dua](/media/2.jpg)\n\nGaleri pasar\n",
			images: []string{"https://contoh.id/wp-content/uploads/1.jpg", "https://contoh.id/wp-content/uploads/2.jpg"},
		},
		{
			name: "block gallery with nested image blocks",
			in: `<!-- wp:gallery {"linkTo":"none"} --><figure class="wp-block-gallery has-nested-images columns-default">` +
				`<!-- wp:image {"id":3} --><figure class="wp-block-image"><img src="/wp-content/uploads/3.jpg" alt="Tiga"/></figure><!-- /wp:image -->` +
				`<!-- wp:image {"id":4} --><figure class="wp-block-image"><img src="/wp-content/uploads/4.jpg" alt="Empat"/><figcaption>Empat</figcaption></figure><!-- /wp:image -->` +
				`</figure><!-- /wp:gallery -->`,
			want:   "![Tiga](/wp-content/uploads/3.jpg)\n\n![Empat](/wp-content/uploads/4.jpg \"Empat\")\n",
			images: []string{"/wp-content/uploads/3.jpg", "/wp-content/uploads/4.jpg"},
		},
		{
			name: "block quote and pullquote keep their source",
			in: `<!-- wp:quote --><blockquote class="wp-block-quote"><p>Air sudah surut.</p><cite>Kepala desa</cite></blockquote><!-- /wp:quote -->` +
				"\n\n" + `<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>Kami bertahan.</p><cite><br>Warga</cite></blockquote></figure><!-- /wp:pullquote -->`,
			want: "> Air sudah surut.\n>\n> — Kepala desa\n\n> Kami bertahan.\n>\n> — Warga\n",
		},
		{
			name: "block list, nested and ordered",
			in: `<!-- wp:list --><ul><!-- wp:list-item --><li>Beras<!-- wp:list --><ul><!-- wp:list-item --><li>Medium</li><!-- /wp:list-item --></ul><!-- /wp:list --></li><!-- /wp:list-item --><!-- wp:list-item --><li>Gula</li><!-- /wp:list-item --></ul><!-- /wp:list -->` +
				"\n\n" + `<!-- wp:list {"ordered":true,"start":3} --><ol start="3"><li>Tiga</li><li>Empat</li></ol><!-- /wp:list -->`,
			want: "- Beras\n\n  - Medium\n- Gula\n\n3. Tiga\n4. Empat\n",
		},
		{
			name: "block embeds become links",
			in: `<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc","type":"video","providerNameSlug":"youtube"} --><figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">` + "\nhttps://www.youtube.com/watch?v=abc\n" + `</div><figcaption>Video banjir</figcaption></figure><!-- /wp:embed -->` +
				"\n\n" + `<!-- wp:core-embed/twitter {"url":"https://twitter.com/warta/status/1"} --><figure class="wp-block-embed-twitter"><div class="wp-block-embed__wrapper">https://twitter.com/warta/status/1</div></figure><!-- /wp:core-embed/twitter -->`,
			want: "[https://www.youtube.com/watch?v=abc](https://www.youtube.com/watch?v=abc)\n\nVideo banjir\n\n[https://twitter.com/warta/status/1](https://twitter.com/warta/status/1)\n",
		},
		{
			name: "block more, separator and spacer",
			in:   "<!-- wp:paragraph --><p>Awal</p><!-- /wp:paragraph -->\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n<!-- wp:separator --><hr class=\"wp-block-separator\"/><!-- /wp:separator -->\n<!-- wp:spacer --><div style=\"height:50px\" aria-hidden=\"true\" class=\"wp-block-spacer\"></div><!-- /wp:spacer -->\n<!-- wp:paragraph --><p>Akhir</p><!-- /wp:paragraph -->",
			want: "Awal\n\n---\n\nAkhir\n",
		},
		{
			name: "block code and preformatted",
			in:   "<!-- wp:code --><pre class=\"wp-block-code\"><code>if x &lt; 1 {\n\treturn\n}</code></pre><!-- /wp:code -->\n<!-- wp:preformatted --><pre class=\"wp-block-preformatted\">Baris satu<br>Baris dua</pre><!-- /wp:preformatted -->",
			want: "```\nif x < 1 {\n\treturn\n}\n```\n\n```\nBaris satu\nBaris dua\n```\n",
		},
		{
			name: "block table becomes a GFM table",
			in:   `<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>Komoditas</th><th>Harga</th></tr></thead><tbody><tr><td>Beras</td><td>Rp 12.000</td></tr><tr><td>Cabai | rawit</td><td>Rp 40.000</td></tr></tbody></table><figcaption>Harga per kilogram</figcaption></figure><!-- /wp:table -->`,
			want: "| Komoditas      | Harga     |\n|----------------|-----------|\n| Beras          | Rp 12.000 |\n| Cabai \\| rawit | Rp 40.000 |\n\nHarga per kilogram\n",
		},
		{
			name: "cover with a CSS background gets its picture back",
			in: `<!-- wp:cover {"url":"https://contoh.id/wp-content/uploads/sampul.jpg","id":9} --><div class="wp-block-cover" style="background-image:url(https://contoh.id/wp-content/uploads/sampul.jpg)"><div class="wp-block-cover__inner-container"><!-- wp:paragraph --><p>Laporan khusus</p><!-- /wp:paragraph --></div></div><!-- /wp:cover -->` +
				`<!-- wp:cover {"url":"https://contoh.id/v.mp4","backgroundType":"video"} --><div class="wp-block-cover"><div class="wp-block-cover__inner-container"><p>Video</p></div></div><!-- /wp:cover -->` +
				`<!-- wp:cover {"url":"/baru.jpg"} --><div class="wp-block-cover"><img class="wp-block-cover__image-background" alt="" src="/baru.jpg"/><div class="wp-block-cover__inner-container"><p>Baru</p></div></div><!-- /wp:cover -->`,
			want:   "![](/media/sampul.jpg)\n\nLaporan khusus\n\n[https://contoh.id/v.mp4](https://contoh.id/v.mp4)\n\nVideo\n\n![](/baru.jpg)\n\nBaru\n",
			images: []string{"https://contoh.id/wp-content/uploads/sampul.jpg", "/baru.jpg"},
		},
		{
			name: "classic table cells stay on one line",
			in:   "<table>\n<tr>\n<th>Nama</th><th>Catatan</th></tr>\n<tr><td>Rina</td><td>baris satu\nbaris <b>dua</b><p>paragraf</p></td></tr>\n</table>",
			want: "| Nama | Catatan                           |\n|------|-----------------------------------|\n| Rina | baris satu baris **dua** paragraf |\n",
		},
		{
			name:    "server-drawn blocks are dropped and listed",
			in:      "<!-- wp:paragraph --><p>Baca juga:</p><!-- /wp:paragraph -->\n<!-- wp:latest-posts {\"postsToShow\":3} /-->\n<!-- wp:block {\"ref\":42} /-->\n<!-- wp:nextpage /-->\n<!-- wp:shortcode /-->",
			want:    "Baca juga:\n",
			dropped: []string{"wp:block", "wp:latest-posts"},
		},

		// Shortcodes.
		{
			name:   "caption with link and text after the image",
			in:     "[caption id=\"attachment_7\" align=\"aligncenter\" width=\"640\"]<a href=\"https://contoh.id/?attachment_id=7\"><img src=\"https://contoh.id/wp-content/uploads/a.jpg\" alt=\"Pasar\" width=\"640\" title=\"a\" /></a> Pengunjung di Pasar Setono. | Foto: Rina[/caption]\nTeks setelah.",
			want:   "![Pasar](/media/a.jpg \"Pengunjung di Pasar Setono. | Foto: Rina\")\n\nTeks setelah.\n",
			images: []string{"https://contoh.id/wp-content/uploads/a.jpg"},
		},
		{
			name:   "caption in the old attribute form",
			in:     `[caption id="attachment_8" align="alignleft" width="150" caption="Keterangan &quot;lama&quot;"]<img src="/wp-content/uploads/b.jpg" alt="B" />[/caption]`,
			want:   "![B](/wp-content/uploads/b.jpg 'Keterangan \"lama\"')\n",
			images: []string{"/wp-content/uploads/b.jpg"},
		},
		{
			name:   "caption inside a block shortcode",
			in:     "<!-- wp:shortcode -->\n[caption width=\"300\"]<img src=\"/c.jpg\" alt=\"C\"> Tiga[/caption]\n<!-- /wp:shortcode -->",
			want:   "![C](/c.jpg \"Tiga\")\n",
			images: []string{"/c.jpg"},
		},
		{
			name:   "gallery resolved by the importer",
			in:     "Galeri:\n\n[gallery ids=\"1, 2\" columns=\"2\"]",
			want:   "Galeri:\n\n![Foto 1](/media/galeri-1.jpg \"Keterangan 1\")\n\n![Foto 2](/media/galeri-2.jpg \"Keterangan 2\")\n",
			images: []string{"https://contoh.id/wp-content/uploads/galeri-1.jpg", "https://contoh.id/wp-content/uploads/galeri-2.jpg"},
		},
		{
			name:    "gallery the importer cannot resolve is dropped and listed",
			in:      "Sebelum\n\n[gallery]\n\nSesudah",
			want:    "Sebelum\n\nSesudah\n",
			dropped: []string{"gallery"},
		},
		{
			name: "embed, audio and video become links",
			in:   "[embed]https://www.youtube.com/watch?v=abc[/embed]\n\n[audio mp3=\"https://contoh.id/wp-content/uploads/siaran.mp3\"][/audio]\n\n[video width=\"640\" mp4=\"https://contoh.id/wp-content/uploads/v.mp4\"]\n\n[audio https://contoh.id/lagu.mp3]",
			want: "[https://www.youtube.com/watch?v=abc](https://www.youtube.com/watch?v=abc)\n\n[/media/siaran.mp3](/media/siaran.mp3)\n\n[/media/v.mp4](/media/v.mp4)\n\n[https://contoh.id/lagu.mp3](https://contoh.id/lagu.mp3)\n",
		},
		{
			name:       "unknown shortcodes stay visible and are listed",
			in:         "Isi [contact-form-7 id=\"12\" title=\"Kontak\"] dan [su_box title=\"x\"]isi *kotak*[/su_box] serta [[gallery]], [kata kunci] [toc] [Iklan/]",
			want:       "Isi \\[contact-form-7 id=\"12\" title=\"Kontak\"] dan \\[su\\_box title=\"x\"]isi \\*kotak\\*\\[/su\\_box] serta \\[gallery], \\[kata kunci] \\[toc] \\[Iklan/]\n",
			shortcodes: []string{"contact-form-7", "iklan", "su_box", "toc"},
		},
		{
			name:       "a known shortcode inside an unknown one is still converted",
			in:         "[tabs][caption]<img src=\"/d.jpg\" alt=\"D\"> Empat[/caption][/tabs]",
			want:       "\\[tabs]\n\n![D](/d.jpg \"Empat\")\n\n\\[/tabs]\n",
			shortcodes: []string{"tabs"},
			images:     []string{"/d.jpg"},
		},

		// Inline HTML, headings, entities.
		{
			name: "inline formatting and links",
			in:   `<p><strong>Tebal</strong>, <b>tebal</b>, <em>miring</em>, <del>coret</del>, <code>kode</code>, <a href="https://contoh.id/wp-content/uploads/laporan.pdf" title="Laporan">laporan</a> dan <a href="/2024/05/berita/" target="_blank" rel="noopener">berita</a>.</p>`,
			want: "**Tebal**, **tebal**, *miring*, ~~coret~~, `kode`, [laporan](/media/laporan.pdf) dan [berita](/2024/05/berita/).\n",
		},
		{
			name: "bare addresses become links that keep their underscores",
			in:   "Lihat video:\n\nhttps://www.youtube.com/watch?v=abc_def\n\nUnduh https://contoh.id/wp-content/uploads/data_2024.pdf, lalu <code>https://x.id/a_b</code>.",
			want: "Lihat video:\n\n[https://www.youtube.com/watch?v=abc\\_def](https://www.youtube.com/watch?v=abc_def)\n\nUnduh [/media/data\\_2024.pdf](/media/data_2024.pdf), lalu `https://x.id/a_b`.\n",
		},
		{
			name: "headings fit the article body",
			in:   "<h1>Satu</h1><h2>Dua</h2><h3>Tiga</h3><h4>Empat</h4><h5>Lima</h5><h6>Enam</h6>",
			want: "## Satu\n\n## Dua\n\n### Tiga\n\n#### Empat\n\n#### Lima\n\n#### Enam\n",
		},
		{
			name: "entities, no-break spaces and Markdown characters",
			in:   "<p>A&nbsp;&amp;&nbsp;B &lt;b&gt; &#8220;kutip&#8221; 5 * 3 _x_ # bukan judul</p>\n<p>&nbsp;</p>",
			want: "A & B &lt;b&gt; “kutip” 5 * 3 \\_x_ # bukan judul\n",
		},
		{
			name:   "inline image inside text",
			in:     `<p>Logo <img src="/logo.png" alt="Warta"> di tengah kalimat.</p>`,
			want:   "Logo ![Warta](/logo.png) di tengah kalimat.\n",
			images: []string{"/logo.png"},
		},
		{
			name:   "images are listed once, in order, before mapping",
			in:     `<p><img src="https://contoh.id/wp-content/uploads/b.jpg" alt=""> <img src="https://contoh.id/wp-content/uploads/a.jpg" alt=""> <img src="https://contoh.id/wp-content/uploads/b.jpg" alt=""></p>`,
			want:   "![](/media/b.jpg) ![](/media/a.jpg) ![](/media/b.jpg)\n",
			images: []string{"https://contoh.id/wp-content/uploads/b.jpg", "https://contoh.id/wp-content/uploads/a.jpg"},
		},

		// Hostile HTML.
		{
			name:   "scripts, styles, frames and event handlers go",
			in:     `<script>alert(1)</script><p onclick="x()">Aman <a href="javascript:alert(1)">klik</a> <img src="/x.jpg" onerror="alert(1)" alt="x"> <img src="data:image/png;base64,AAAA" alt="d"></p><iframe src="https://www.youtube.com/embed/xyz"></iframe><iframe src="javascript:alert(3)"></iframe><style>p{}</style><svg><script>alert(2)</script></svg><object data="x.swf"></object><form><input value="v"><button>Kirim</button></form><noscript>nos</noscript>`,
			want:   "Aman klik ![x](/x.jpg)\n\n[https://www.youtube.com/embed/xyz](https://www.youtube.com/embed/xyz)\n",
			images: []string{"/x.jpg"},
		},
		{
			name: "raw HTML in text stays text",
			in:   "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- wp:paragraph --&gt;</p>",
			want: "&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- wp:paragraph --&gt;\n",
		},
		{
			name: "nesting deeper than the parser allows keeps the text only",
			in:   strings.Repeat("<div>", 600) + "<script>alert(1)</script>Teks <b>tebal</b> & [kode]",
			want: "Teks tebal &amp; \\[kode\\]\n",
			// Fallback or not, bracketed words are listed the same way.
			shortcodes: []string{"kode"},
		},
		{
			name: "empty body",
			in:   " \n ",
			want: "",
		},
	}
	opt := wphtml.Options{MapURL: uploads, Gallery: func(ids []string) []wphtml.Image {
		if len(ids) == 0 {
			return nil // a bare [gallery] with no attachments known
		}
		return attachments(ids)
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wphtml.Convert(tt.in, opt)
			if got.Markdown != tt.want {
				t.Errorf("Markdown:\n got %q\nwant %q", got.Markdown, tt.want)
			}
			if !reflect.DeepEqual(got.Shortcodes, tt.shortcodes) {
				t.Errorf("Shortcodes = %q, want %q", got.Shortcodes, tt.shortcodes)
			}
			if !reflect.DeepEqual(got.Images, tt.images) {
				t.Errorf("Images = %q, want %q", got.Images, tt.images)
			}
			if !reflect.DeepEqual(got.Dropped, tt.dropped) {
				t.Errorf("Dropped = %q, want %q", got.Dropped, tt.dropped)
			}
			if strings.Contains(got.Markdown, "<!--") || strings.Contains(strings.ToLower(got.Markdown), "<script") {
				t.Errorf("raw HTML left in %q", got.Markdown)
			}
			html, err := markdown.Render(got.Markdown)
			if err != nil {
				t.Fatal(err)
			}
			if (html == "") != (tt.want == "") {
				t.Errorf("Render(%q) = %q", got.Markdown, html)
			}
		})
	}
}

// TestConvert_FigureRenders checks the contract with package markdown: a
// converted [caption] renders as a figure with its caption and credit.
func TestConvert_FigureRenders(t *testing.T) {
	in := `[caption id="attachment_7" width="640"]<img src="https://contoh.id/wp-content/uploads/a.jpg" alt="Pasar Setono"> Pengunjung memilih kain. | Foto: Rina[/caption]`
	got := wphtml.Convert(in, wphtml.Options{MapURL: uploads})
	html, err := markdown.Render(got.Markdown)
	if err != nil {
		t.Fatal(err)
	}
	want := `<figure><img src="/media/a.jpg" alt="Pasar Setono" loading="lazy"><figcaption>Pengunjung memilih kain. <span class="credit">Foto: Rina</span></figcaption></figure>`
	if strings.TrimSpace(html) != want {
		t.Errorf("Render(%q) =\n%s\nwant\n%s", got.Markdown, html, want)
	}
}

// TestConvert_NilOptions checks that the zero Options keep every address.
func TestConvert_NilOptions(t *testing.T) {
	got := wphtml.Convert(`<p><a href="https://contoh.id/a"><img src="https://contoh.id/b.jpg" alt="B"></a></p>[gallery ids="1"]`, wphtml.Options{})
	want := "[![B](https://contoh.id/b.jpg)](https://contoh.id/a)\n"
	if got.Markdown != want {
		t.Errorf("Markdown = %q, want %q", got.Markdown, want)
	}
	if !reflect.DeepEqual(got.Dropped, []string{"gallery"}) {
		t.Errorf("Dropped = %q, want [gallery]", got.Dropped)
	}
}

// BenchmarkConvert measures a large classic body, the slow path (autop and
// shortcodes on every paragraph).
func BenchmarkConvert(b *testing.B) {
	para := "Harga <strong>beras</strong> naik [caption width=\"1\"]<img src=\"/a.jpg\" alt=\"A\"> Pasar[/caption]\nbaris dua [su_box a=1].\n\n"
	body := strings.Repeat(para, (1<<20)/len(para))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		wphtml.Convert(body, wphtml.Options{})
	}
}

// TestConvert_CaptionPunctuation checks that any caption comes out of
// markdown.Render as written: the title syntax has quotes, parentheses
// and backslashes to get wrong.
func TestConvert_CaptionPunctuation(t *testing.T) {
	for _, caption := range []string{
		`Kata "kutip" dan 'tunggal'`,
		`Kurung (buka) dan ) tutup`,
		`Garis miring \ terbalik \`,
		`Bintang *tebal* _miring_ [kurung] <tag> & "semua" 'nya' (ya) \`,
		`Pukul 10.00 WIB | Foto: Rina/Warta`,
	} {
		in := `[caption width="300"]<img src="/a.jpg" alt="A"> ` + html.EscapeString(caption) + `[/caption]`
		md := wphtml.Convert(in, wphtml.Options{}).Markdown
		out, err := markdown.Render(md)
		if err != nil {
			t.Fatal(err)
		}
		text, credit := caption, ""
		if i := strings.LastIndex(caption, "|"); i >= 0 {
			text, credit = strings.TrimSpace(caption[:i]), strings.TrimSpace(caption[i+1:])
		}
		want := "<figcaption>" + html.EscapeString(text)
		if credit != "" {
			want += ` <span class="credit">` + html.EscapeString(credit) + "</span>"
		}
		want += "</figcaption>"
		// Render escapes quotes as numeric references; compare unescaped.
		if !strings.Contains(html.UnescapeString(out), html.UnescapeString(want)) {
			t.Errorf("caption %q: Markdown %q renders\n%s\nwant %s", caption, md, out, want)
		}
	}
}

// TestConvert_LineBreakRenders checks that the backslash line break we
// write is one for package markdown, in text, quotes and lists alike.
func TestConvert_LineBreakRenders(t *testing.T) {
	in := "Satu\nDua\n\n<blockquote>Tiga\nEmpat</blockquote>\n<ul><li>Lima\nEnam</li></ul>"
	md := wphtml.Convert(in, wphtml.Options{}).Markdown
	out, err := markdown.Render(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Satu<br>", "Tiga<br>", "Lima<br>"} {
		if !strings.Contains(out, want) {
			t.Errorf("Render(%q) = %q, want %q in it", md, out, want)
		}
	}
	if strings.Contains(out, `\`) {
		t.Errorf("Render(%q) = %q shows a backslash", md, out)
	}
}
