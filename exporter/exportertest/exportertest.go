// Package exportertest builds a small site with every kind of content an
// export must carry, and reads a site back into a comparable Snapshot, so
// that tests can prove export → import gives the same site.
package exportertest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"time"

	"warta"
	"warta/markdown"
	"warta/media"
	"warta/media/mediatest"
)

// Private values the fixture stores. An export without --include-private
// must contain none of them.
const (
	CommenterEmail = "pembaca.rahasia@contoh.id"
	CommenterIP    = "203.0.113.77"
	CommenterAgent = "Peramban-Uji/7.1"
	StaffEmail     = "redaktur.rahasia@contoh.id"
)

// Fixture is what Build made.
type Fixture struct {
	Published   *warta.Article // has a lead image from the library, tags, two authors, a correction and the comment threads
	Draft       *warta.Article
	Pending     *warta.Article
	Scheduled   *warta.Article
	Unpublished *warta.Article
	Comments    []*warta.Comment // on Published, in every status, threaded
	Media       []*warta.Media   // two pictures, then a PDF document
	Pages       []*warta.Page    // a published page in the menu, a draft
}

// Build fills an empty store with the fixture site; image files go into
// mediaDir. tick is called between writes and should move the store's
// clock on, so that the comments have distinct times.
func Build(ctx context.Context, st warta.Store, mediaDir string, now time.Time, tick func()) (*Fixture, error) {
	f := &Fixture{}
	nasional := &warta.Section{Slug: "nasional", Name: "Nasional", Description: "Berita dari seluruh Nusantara.", Position: 1}
	ekonomi := &warta.Section{Slug: "ekonomi", Name: "Ekonomi", Description: "Pasar & harga <bahan pokok>.", Position: 2}
	// A section without articles yet is still a section.
	olahraga := &warta.Section{Slug: "olahraga", Name: "Olahraga", Position: 3}
	for _, s := range []*warta.Section{nasional, ekonomi, olahraga} {
		if err := st.CreateSection(ctx, s); err != nil {
			return nil, fmt.Errorf("section %s: %w", s.Slug, err)
		}
	}
	var tags []*warta.Tag
	for _, t := range []warta.Tag{{Slug: "banjir", Name: "Banjir"}, {Slug: "pemilu-2024", Name: "Pemilu 2024"}, {Slug: "harga-beras", Name: "Harga Beras"}} {
		t := t
		if err := st.CreateTag(ctx, &t); err != nil {
			return nil, fmt.Errorf("tag %s: %w", t.Slug, err)
		}
		tags = append(tags, &t)
	}
	rina := &warta.Author{Slug: "rina-pertiwi", Name: "Rina Pertiwi", Bio: "Wartawan lingkungan di Semarang."}
	budi := &warta.Author{Slug: "budi-santoso", Name: "Budi Santoso", Bio: ""}
	for _, a := range []*warta.Author{rina, budi} {
		if err := st.CreateAuthor(ctx, a); err != nil {
			return nil, fmt.Errorf("author %s: %w", a.Slug, err)
		}
	}
	// A member of staff writing as a third author, whose email is private.
	staff := &warta.User{Email: StaffEmail, Name: "Dewi Lestari", Role: warta.RoleEditor}
	if err := st.CreateUser(ctx, staff); err != nil {
		return nil, fmt.Errorf("user: %w", err)
	}
	dewi, err := st.AuthorByID(ctx, staff.AuthorID)
	if err != nil {
		return nil, err
	}

	for i, spec := range []struct {
		name, alt, caption, credit string
		c                          color.RGBA
	}{
		{"Banjir Rob Demak.png", "Warga menyeberangi jalan yang tergenang", "Banjir rob di Sayung, Demak.", "Foto: Rina Pertiwi/Warta", color.RGBA{20, 80, 160, 255}},
		{"pasar-beras.png", "", "", "", color.RGBA{200, 160, 40, 255}},
	} {
		m, err := media.Process(bytes.NewReader(pngBytes(40+i*10, 30, spec.c)), spec.name, media.Limits{}, mediaDir)
		if err != nil {
			return nil, fmt.Errorf("media %s: %w", spec.name, err)
		}
		m.Alt, m.Caption, m.Credit, m.UploadedBy = spec.alt, spec.caption, spec.credit, staff.ID
		if err := st.CreateMedia(ctx, m); err != nil {
			return nil, fmt.Errorf("media %s: %w", spec.name, err)
		}
		f.Media = append(f.Media, m)
		tick()
	}
	// A PDF document, which the published article links to.
	doc, err := media.Process(bytes.NewReader(mediatest.PDF("Laporan tahunan Warta 2023")), "Laporan Tahunan 2023.pdf", media.Limits{}, mediaDir)
	if err != nil {
		return nil, fmt.Errorf("document: %w", err)
	}
	doc.Caption, doc.Credit, doc.UploadedBy = "Laporan tahunan redaksi", "Redaksi Warta", staff.ID
	if err := st.CreateMedia(ctx, doc); err != nil {
		return nil, fmt.Errorf("document: %w", err)
	}
	f.Media = append(f.Media, doc)
	tick()

	article := func(slug, headline string, status warta.ArticleStatus, published time.Time, section *warta.Section, body string) (*warta.Article, error) {
		html, err := markdown.Render(body)
		if err != nil {
			return nil, err
		}
		a := &warta.Article{
			Slug: slug, Headline: headline, Dek: "Ringkasan: " + headline, BodyMarkdown: body, BodyHTML: html,
			Status: status, PublishedAt: published, Section: *section, Authors: []warta.Author{*rina},
			CommentsOpen: true,
		}
		tick()
		if err := st.CreateArticle(ctx, a); err != nil {
			return nil, fmt.Errorf("article %s: %w", slug, err)
		}
		return a, nil
	}
	lead := f.Media[0]
	body := "Air laut naik ke permukiman warga **Sayung** sejak Senin pagi.\n\n" +
		"![Warga menyeberangi jalan](/media/" + lead.Path + " \"Banjir rob di Sayung | Foto: Rina Pertiwi/Warta\")\n\n" +
		"Sebuah kode `a]]>b` & tanda <kurung> tetap utuh.\n\n## Bantuan\n\n- Perahu karet\n- Dapur umum\n\n" +
		"Unduh [laporan tahunan](/media/" + doc.Path + ").\n"
	if f.Published, err = article("banjir-rob-demak", "Banjir Rob Rendam Ribuan Rumah di Demak", warta.StatusPublished, now.Add(-48*time.Hour), nasional, body); err != nil {
		return nil, err
	}
	if f.Draft, err = article("draf-harga-beras", "Draf: Harga Beras Naik Lagi", warta.StatusDraft, time.Time{}, ekonomi, "Belum selesai.\n"); err != nil {
		return nil, err
	}
	if f.Pending, err = article("menunggu-suntingan", "Menunggu Suntingan Redaktur", warta.StatusPending, time.Time{}, ekonomi, "Siap disunting.\n"); err != nil {
		return nil, err
	}
	if f.Scheduled, err = article("terbit-besok", "Terbit Besok Pagi", warta.StatusScheduled, now.Add(20*time.Hour), nasional, "Dijadwalkan.\n"); err != nil {
		return nil, err
	}
	if f.Unpublished, err = article("ditarik", "Berita yang Ditarik", warta.StatusUnpublished, now.Add(-72*time.Hour), nasional, "Ditarik dari peredaran.\n"); err != nil {
		return nil, err
	}

	// The published article gets everything: tags, a byline of three
	// (the first a member of staff), a lead image from the library and a
	// correction. The unpublished one has its comments closed.
	a := f.Published
	a.Tags = []warta.Tag{*tags[0], *tags[1]}
	a.Authors = []warta.Author{*dewi, *rina, *budi}
	a.LeadImage = warta.Image{MediaID: lead.ID, Path: lead.Path, Alt: lead.Alt, Caption: lead.Caption, Credit: lead.Credit,
		Width: lead.Width, Height: lead.Height, Variants: lead.Variants}
	tick()
	if err := st.UpdateArticle(ctx, a); err != nil {
		return nil, fmt.Errorf("update published: %w", err)
	}
	tick()
	if err := st.AddCorrection(ctx, &warta.Correction{ArticleID: a.ID, Note: "Jumlah rumah terendam semula ditulis 100."}); err != nil {
		return nil, fmt.Errorf("correction: %w", err)
	}
	u := f.Unpublished
	u.CommentsOpen, u.Tags = false, []warta.Tag{*tags[2]}
	tick()
	if err := st.UpdateArticle(ctx, u); err != nil {
		return nil, fmt.Errorf("update unpublished: %w", err)
	}

	for _, p := range []*warta.Page{
		{Slug: "tentang-kami", Title: "Tentang Kami", BodyMarkdown: "Warta adalah media **daring** dari Semarang.\n",
			Status: warta.PagePublished, MenuOrder: 1, MenuLabel: "Tentang"},
		{Slug: "pedoman-media-siber", Title: "Pedoman Media Siber", BodyMarkdown: "Masih disusun.\n", Status: warta.PageDraft},
	} {
		if p.BodyHTML, err = markdown.Render(p.BodyMarkdown); err != nil {
			return nil, err
		}
		tick()
		if err := st.CreatePage(ctx, p); err != nil {
			return nil, fmt.Errorf("page %s: %w", p.Slug, err)
		}
		f.Pages = append(f.Pages, p)
	}

	comment := func(parent *warta.Comment, name, content string, status warta.CommentStatus) (*warta.Comment, error) {
		c := &warta.Comment{
			ArticleID: a.ID, AuthorName: name, AuthorEmail: CommenterEmail, AuthorURL: "https://blog.contoh.id/",
			AuthorIP: CommenterIP, UserAgent: CommenterAgent, Content: content, ContentHTML: "<p>" + content + "</p>",
			Status: status, Reason: "rules", Nonce: fmt.Sprintf("nonce-%d", len(f.Comments)),
		}
		if parent != nil {
			c.ParentID = parent.ID
		}
		tick()
		if err := st.CreateComment(ctx, c); err != nil {
			return nil, fmt.Errorf("comment %q: %w", content, err)
		}
		f.Comments = append(f.Comments, c)
		return c, nil
	}
	top, err := comment(nil, "Sari", "Semoga cepat surut.", warta.CommentApproved)
	if err != nil {
		return nil, err
	}
	reply, err := comment(top, "Agus", "Di Sayung sudah mulai surut.", warta.CommentApproved)
	if err != nil {
		return nil, err
	}
	for _, c := range []struct {
		parent  *warta.Comment
		name    string
		content string
		status  warta.CommentStatus
	}{
		{reply, "Sari", "Syukurlah, terima kasih kabarnya.", warta.CommentApproved},
		{top, "Tono", "Menunggu moderasi.", warta.CommentPending},
		{nil, "Promo", "Beli obat murah di sini.", warta.CommentSpam},
		{reply, "Iseng", "Komentar yang dibuang.", warta.CommentTrash},
	} {
		if _, err := comment(c.parent, c.name, c.content, c.status); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// pngBytes is a small solid-colour PNG.
func pngBytes(w, h int, c color.RGBA) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Site is a store's content in a form two sites can be compared in:
// references by slug, lists in a fixed order, no database IDs.
type Site struct {
	Sections []warta.Section // IDs zeroed
	Tags     []warta.Tag     // IDs zeroed
	Authors  []warta.Author  // IDs zeroed
	Media    []Media
	Pages    []warta.Page // IDs, times and revision numbers zeroed
	Articles []Article
}

// Media is a media library entry without its ID and upload time.
type Media struct {
	Hash, Path, MIME, OriginalName, Alt, Caption, Credit string
	Width, Height                                        int
	Size                                                 int64
	Variants                                             int
}

// Article is an article as readers and editors see it.
type Article struct {
	Slug, Headline, Dek, BodyMarkdown, BodyHTML string
	Status                                      warta.ArticleStatus
	Section                                     string
	Tags, Authors                               []string
	LeadImage                                   string // "path|alt|caption|credit|WxH"
	CommentsOpen                                bool
	PublishedAt, RevisedAt                      time.Time // UTC, to the second
	Corrections                                 []string
	Comments                                    []Comment
}

// Comment is a comment with its place in the thread given by its
// ancestors' contents rather than by IDs.
type Comment struct {
	Thread                       string // the parent's Thread + " > " + the parent's content; "" at the top
	AuthorName, AuthorURL, Email string
	IP, UserAgent                string
	Content                      string
	Status                       warta.CommentStatus
	CreatedAt                    time.Time // UTC, to the second
}

// Snapshot reads the whole site from st.
func Snapshot(ctx context.Context, st warta.Store) (*Site, error) {
	s := &Site{}
	sections, err := st.Sections(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range sections {
		x.ID = 0
		s.Sections = append(s.Sections, *x)
	}
	tags, err := st.Tags(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range tags {
		x.ID = 0
		s.Tags = append(s.Tags, *x)
	}
	authors, err := st.Authors(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range authors {
		x.ID = 0
		s.Authors = append(s.Authors, *x)
	}
	for offset := 0; ; offset += warta.MaxPageSize {
		list, total, err := st.MediaList(ctx, offset, warta.MaxPageSize)
		if err != nil {
			return nil, err
		}
		for _, m := range list {
			s.Media = append(s.Media, Media{Hash: m.Hash, Path: m.Path, MIME: m.MIME, OriginalName: m.OriginalName,
				Alt: m.Alt, Caption: m.Caption, Credit: m.Credit, Width: m.Width, Height: m.Height, Size: m.Size,
				Variants: len(m.Variants)})
		}
		if offset+len(list) >= total || len(list) == 0 {
			break
		}
	}
	slices.SortFunc(s.Media, func(a, b Media) int { return strings.Compare(a.Hash, b.Hash) })

	pages, err := st.Pages(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		// Revision counts saves on this site, as an article's does (left
		// out of Article too): not content a copy carries.
		p.ID, p.CreatedAt, p.UpdatedAt, p.Revision = 0, time.Time{}, time.Time{}, 0
		s.Pages = append(s.Pages, *p)
	}
	slices.SortFunc(s.Pages, func(a, b warta.Page) int { return strings.Compare(a.Slug, b.Slug) })

	for offset := 0; ; offset += warta.MaxPageSize {
		list, total, err := st.Articles(ctx, warta.ArticleFilter{Offset: offset, Limit: warta.MaxPageSize})
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			out, err := snapArticle(ctx, st, a)
			if err != nil {
				return nil, err
			}
			s.Articles = append(s.Articles, out)
		}
		if offset+len(list) >= total || len(list) == 0 {
			break
		}
	}
	slices.SortFunc(s.Articles, func(a, b Article) int { return strings.Compare(a.Slug, b.Slug) })
	return s, nil
}

func snapArticle(ctx context.Context, st warta.Store, a *warta.Article) (Article, error) {
	out := Article{
		Slug: a.Slug, Headline: a.Headline, Dek: a.Dek, BodyMarkdown: a.BodyMarkdown, BodyHTML: a.BodyHTML,
		Status: a.Status, Section: a.Section.Slug, CommentsOpen: a.CommentsOpen,
		PublishedAt: second(a.PublishedAt), RevisedAt: second(a.RevisedAt), Tags: []string{}, Authors: []string{},
	}
	for _, t := range a.Tags {
		out.Tags = append(out.Tags, t.Slug)
	}
	slices.Sort(out.Tags)
	for _, au := range a.Authors {
		out.Authors = append(out.Authors, au.Slug) // byline order matters
	}
	if img := a.LeadImage; img.Path != "" {
		out.LeadImage = fmt.Sprintf("%s|%s|%s|%s|%dx%d", img.Path, img.Alt, img.Caption, img.Credit, img.Width, img.Height)
	}
	corrections, err := st.Corrections(ctx, a.ID)
	if err != nil {
		return out, err
	}
	for _, c := range corrections {
		out.Corrections = append(out.Corrections, c.Note)
	}
	byID := map[int64]*warta.Comment{}
	var all []*warta.Comment
	for offset := 0; ; offset += warta.MaxPageSize {
		list, total, err := st.Comments(ctx, warta.CommentFilter{ArticleID: a.ID, Offset: offset, Limit: warta.MaxPageSize})
		if err != nil {
			return out, err
		}
		for _, c := range list {
			byID[c.ID] = c
			all = append(all, c)
		}
		if len(all) >= total || len(list) == 0 {
			break
		}
	}
	var thread func(c *warta.Comment) string
	thread = func(c *warta.Comment) string {
		p, ok := byID[c.ParentID]
		if !ok {
			return ""
		}
		return thread(p) + " > " + p.Content
	}
	for _, c := range all {
		out.Comments = append(out.Comments, Comment{
			Thread: thread(c), AuthorName: c.AuthorName, AuthorURL: c.AuthorURL, Email: c.AuthorEmail,
			IP: c.AuthorIP, UserAgent: c.UserAgent, Content: c.Content, Status: c.Status, CreatedAt: second(c.CreatedAt),
		})
	}
	slices.SortFunc(out.Comments, func(a, b Comment) int {
		return strings.Compare(a.Thread+"\x00"+a.Content, b.Thread+"\x00"+b.Content)
	})
	return out, nil
}

func second(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}
