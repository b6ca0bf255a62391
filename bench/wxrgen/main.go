// Command wxrgen writes a generated WordPress export (WXR 1.2) to
// standard output, to measure "warta import wxr" on a site of a chosen
// size:
//
//	go run ./bench/wxrgen -posts 10000 -comments 100000 > /tmp/big.xml
//	warta import wxr --data /tmp/site /tmp/big.xml
//
// Posts have block-editor paragraphs, two categories (one of them the
// Yoast primary), three tags, and comments in threads with every status.
// The text is generated from a small syllable table, not copied from
// anywhere. The output is not committed; see bench/README.md.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"
)

func main() {
	posts := flag.Int("posts", 10000, "number of posts")
	comments := flag.Int("comments", 100000, "number of comments, spread over the posts")
	pages := flag.Int("pages", 20, "number of pages")
	seed := flag.Uint64("seed", 1, "seed of the generated content")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	g := &gen{w: w, r: rand.New(rand.NewPCG(*seed, 2))}
	g.write(*posts, *comments, *pages)
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "wxrgen:", err)
		os.Exit(1)
	}
}

type gen struct {
	w *bufio.Writer
	r *rand.Rand
}

var syllables = strings.Fields("ba be bi bu da de di du ka ke ki ku la le li lu ma me mi mu na ne ni nu pa pe pi pu ra re ri ru sa se si su ta te ti tu ja ji ga gi ha hi wa wi ya yu ng ny an in un am ar er ir ol")

func (g *gen) word() string {
	n := 2 + g.r.IntN(2)
	var b strings.Builder
	for range n {
		b.WriteString(syllables[g.r.IntN(len(syllables))])
	}
	return b.String()
}

func (g *gen) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
	}
	return strings.Join(ws, " ")
}

func (g *gen) write(posts, comments, pages int) {
	p := func(format string, args ...any) { fmt.Fprintf(g.w, format, args...) }
	p(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated</title>
<link>https://bench.example.id</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example.id</wp:base_site_url>
<wp:base_blog_url>https://bench.example.id</wp:base_blog_url>
`)
	const authors, categories, tags = 20, 20, 500
	for i := 1; i <= authors; i++ {
		p("<wp:author><wp:author_id>%d</wp:author_id><wp:author_login><![CDATA[penulis%d]]></wp:author_login><wp:author_email><![CDATA[penulis%d@bench.example.id]]></wp:author_email><wp:author_display_name><![CDATA[Penulis %d]]></wp:author_display_name></wp:author>\n", i, i, i, i)
	}
	for i := 1; i <= categories; i++ {
		p("<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename>kategori-%d</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Kategori %d]]></wp:cat_name></wp:category>\n", i, i, i)
	}
	for i := 1; i <= tags; i++ {
		p("<wp:tag><wp:term_id>%d</wp:term_id><wp:tag_slug>tag-%d</wp:tag_slug><wp:tag_name><![CDATA[Tag %d]]></wp:tag_name></wp:tag>\n", 1000+i, i, i)
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	commentID := 1
	statuses := []string{"publish", "publish", "publish", "publish", "publish", "publish", "publish", "draft", "pending", "future"}
	approvals := []string{"1", "1", "1", "1", "1", "1", "1", "0", "spam", "trash"}
	for i := 1; i <= posts+pages; i++ {
		isPage := i > posts
		date := start.Add(time.Duration(i) * 3 * time.Hour)
		status := statuses[g.r.IntN(len(statuses))]
		if status == "future" {
			date = date.AddDate(20, 0, 0)
		}
		kind, slug := "post", fmt.Sprintf("berita-%d-%s", i, g.word())
		if isPage {
			kind, status, slug = "page", "publish", fmt.Sprintf("halaman-%d", i)
		}
		var body strings.Builder
		for range 4 + g.r.IntN(6) {
			fmt.Fprintf(&body, "<!-- wp:paragraph -->\n<p>%s <strong>%s</strong> %s.</p>\n<!-- /wp:paragraph -->\n\n", g.words(30), g.word(), g.words(20))
		}
		c1, c2 := 1+g.r.IntN(categories), 1+g.r.IntN(categories)
		p(`<item>
<title><![CDATA[%s]]></title>
<link>https://bench.example.id/%s/</link>
<dc:creator><![CDATA[penulis%d]]></dc:creator>
<content:encoded><![CDATA[%s]]></content:encoded>
<excerpt:encoded><![CDATA[%s]]></excerpt:encoded>
<wp:post_id>%d</wp:post_id>
<wp:post_date>%s</wp:post_date>
<wp:post_date_gmt>%s</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status>
<wp:post_name>%s</wp:post_name>
<wp:status>%s</wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type>%s</wp:post_type>
`, strings.ToUpper(g.word()[:1])+g.words(8)[1:], slug, 1+g.r.IntN(authors), body.String(), g.words(25), i,
			date.Add(7*time.Hour).Format("2006-01-02 15:04:05"), date.Format("2006-01-02 15:04:05"), slug, status, kind)
		if !isPage {
			p("<category domain=\"category\" nicename=\"kategori-%d\"><![CDATA[Kategori %d]]></category>\n", c1, c1)
			p("<category domain=\"category\" nicename=\"kategori-%d\"><![CDATA[Kategori %d]]></category>\n", c2, c2)
			for range 3 {
				t := 1 + g.r.IntN(tags)
				p("<category domain=\"post_tag\" nicename=\"tag-%d\"><![CDATA[Tag %d]]></category>\n", t, t)
			}
			p("<wp:postmeta><wp:meta_key>_yoast_wpseo_primary_category</wp:meta_key><wp:meta_value><![CDATA[%d]]></wp:meta_value></wp:postmeta>\n", c2)
			// Comments spread evenly, the remainder on the first posts.
			n := comments / posts
			if i <= comments%posts {
				n++
			}
			first := commentID
			for k := range n {
				parent := 0
				if k > 0 && g.r.IntN(3) == 0 {
					parent = first + g.r.IntN(k)
				}
				cd := date.Add(time.Duration(k+1) * time.Minute)
				p(`<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[Pembaca %d]]></wp:comment_author><wp:comment_author_email>pembaca%d@contoh.example</wp:comment_author_email><wp:comment_author_IP>192.0.2.%d</wp:comment_author_IP><wp:comment_date_gmt>%s</wp:comment_date_gmt><wp:comment_content><![CDATA[%s]]></wp:comment_content><wp:comment_approved>%s</wp:comment_approved><wp:comment_parent>%d</wp:comment_parent></wp:comment>
`, commentID, commentID%997, commentID%997, commentID%250+1, cd.Format("2006-01-02 15:04:05"), g.words(15+g.r.IntN(30)), approvals[g.r.IntN(len(approvals))], parent)
				commentID++
			}
		}
		p("</item>\n")
	}
	p("</channel>\n</rss>\n")
}
