package wxr

// A stand-in for package importer/wphtml until it lands: the same API,
// with a crude conversion (tags dropped, paragraphs kept). Deleted when
// wphtml is merged; import.go then calls wphtml.Convert.

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

type wphtmlOptions struct {
	MapURL func(string) string
}

type wphtmlResult struct {
	Markdown   string
	Shortcodes []string
	Images     []string
}

var standinShortcode = regexp.MustCompile(`\[([a-z_][a-z0-9_-]*)[^\]]*\]`)

func wphtmlConvert(src string, opt wphtmlOptions) wphtmlResult {
	var res wphtmlResult
	for _, m := range standinShortcode.FindAllStringSubmatch(src, -1) {
		if m[1] != "caption" {
			res.Shortcodes = append(res.Shortcodes, m[1])
		}
	}
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			res.Markdown = strings.TrimSpace(b.String())
			return res
		case html.TextToken:
			if !skip {
				b.WriteString(string(z.Text()))
			}
		case html.EndTagToken:
			skip = false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			skip = string(name) == "script" || string(name) == "style"
			if string(name) == "img" && opt.MapURL != nil {
				for {
					k, v, more := z.TagAttr()
					if string(k) == "src" {
						res.Images = append(res.Images, opt.MapURL(string(v)))
					}
					if !more {
						break
					}
				}
			}
			if string(name) == "p" || string(name) == "br" {
				b.WriteString("\n\n")
			}
		}
	}
}
