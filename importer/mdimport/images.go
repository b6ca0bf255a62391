package mdimport

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// imageUse is one place in a body where an image, or a PDF document
// (Document: a link to a .pdf), is referenced by a path on disk: Dest is
// as written, at body[Start:Start+len(Dest)].
type imageUse struct {
	Dest     string
	Start    int
	Document bool
}

// parser reads bodies the way package markdown does (CommonMark, tables,
// strikethrough, autolinks), so that an image found here is an image there, and a
// path inside a code block is left alone.
var parser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify)).Parser()

// localImages returns where body references images, and links to PDF
// documents, by a path on disk rather than by a URL, in order of
// appearance. A blog links its reports and press releases that way
// ([Laporan](laporan.pdf)); they go into the media library too.
func localImages(body string) []imageUse {
	src := []byte(body)
	doc := parser.Parse(text.NewReader(src))
	seen := map[int]bool{}
	var uses []imageUse
	var document bool
	add := func(dest string, start int) {
		if !seen[start] {
			seen[start] = true
			uses = append(uses, imageUse{dest, start, document})
		}
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		switch n := n.(type) {
		case *ast.Image:
			// A PDF written as an image is a link to it once rendered
			// (package markdown), so it is brought in as a document.
			dest = string(n.Destination)
			document = isPDF(dest)
		case *ast.Link:
			dest, document = string(n.Destination), isPDF(string(n.Destination))
			if !document {
				return ast.WalkContinue, nil
			}
		default:
			return ast.WalkContinue, nil
		}
		img := n
		if !isLocalPath(dest) {
			return ast.WalkContinue, nil
		}
		// The destination is written inside the block that holds the
		// image: look for "](dest" there. A reference image's
		// destination is on its "[label]: dest" line instead.
		found := false
		if from, to, ok := blockRange(img); ok {
			for _, at := range inlineDest(src[from:to], dest) {
				add(dest, from+at)
				found = true
			}
		}
		if !found {
			re := regexp.MustCompile(`(?m)^ {0,3}\[[^\]]+\]:[ \t]*<?(` + regexp.QuoteMeta(dest) + `)`)
			for _, m := range re.FindAllSubmatchIndex(src, -1) {
				add(dest, m[2])
			}
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(uses, func(a, b imageUse) int { return a.Start - b.Start })
	return uses
}

// blockRange returns the byte range of the text block around n.
func blockRange(n ast.Node) (int, int, bool) {
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() != ast.TypeBlock {
			continue
		}
		lines := b.Lines()
		if lines == nil || lines.Len() == 0 {
			return 0, 0, false
		}
		return lines.At(0).Start, lines.At(lines.Len() - 1).Stop, true
	}
	return 0, 0, false
}

// inlineDest returns the offsets of dest written as an inline link
// destination in b: "](dest" or "](<dest>", spaces allowed after "(".
func inlineDest(b []byte, dest string) []int {
	var out []int
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("]("))
		if j < 0 {
			return out
		}
		k := i + j + 2
		for k < len(b) && (b[k] == ' ' || b[k] == '\t' || b[k] == '\n') {
			k++
		}
		if k < len(b) && b[k] == '<' {
			k++
		}
		if bytes.HasPrefix(b[k:], []byte(dest)) {
			out = append(out, k)
		}
		i = k
	}
}

// isLocalPath reports whether an image reference names a file rather than
// a page on the web: no scheme, not protocol-relative, not already in the
// media library, not a bare fragment.
func isLocalPath(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") ||
		strings.HasPrefix(dest, "/media/") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == "" && u.Host == ""
}

// isPDF reports whether a reference names a .pdf file.
func isPDF(dest string) bool {
	return strings.EqualFold(path.Ext(filePart(dest)), ".pdf")
}

// filePart returns the file a local reference names: without its query
// or fragment, percent-decoded ("foto%20banjir.jpg" is "foto banjir.jpg").
func filePart(dest string) string {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	if p, err := url.PathUnescape(dest); err == nil {
		return p
	}
	return dest
}
