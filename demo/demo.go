// Package demo fills a store with Warta's demo site for `warta serve
// --demo`: five sections, six authors, shared tags and fourteen original
// Indonesian news stories (fictional, written for this project), each with
// a lead picture that Go code paints locally, so nothing is downloaded and
// no third-party picture is shipped; and four standing pages in the
// footer menu (pages.go).
package demo

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"sync"
	"time"

	"warta"
	"warta/markdown"
)

// FeaturedSlug is the slug of the demo story that shows every body
// feature at once: a lead picture, two inline figures with captions and
// credits, "##" subheadings and a block quote. Tests of the reading pages
// use it.
const FeaturedSlug = "banjir-rob-rendam-pesisir-demak"

// sections are the demo desks, in navigation order. hues (degrees) give
// each desk's pictures their own palette.
var sections = []warta.Section{
	{Slug: "nasional", Name: "Nasional", Description: "Peristiwa, kebijakan, dan layanan publik dari berbagai daerah di Indonesia.", Position: 1},
	{Slug: "ekonomi", Name: "Ekonomi", Description: "Harga kebutuhan pokok, usaha kecil, koperasi, dan ekonomi rumah tangga.", Position: 2},
	{Slug: "olahraga", Name: "Olahraga", Description: "Hasil pertandingan, atlet muda, dan kabar dari lapangan.", Position: 3},
	{Slug: "budaya", Name: "Budaya", Description: "Tradisi, seni, kerajinan, dan kehidupan kota dan desa.", Position: 4},
	{Slug: "teknologi", Name: "Teknologi", Description: "Inovasi, rintisan, sains, dan pendidikan teknik.", Position: 5},
}

var hues = map[string]float64{
	"nasional":  205,
	"ekonomi":   32,
	"olahraga":  135,
	"budaya":    330,
	"teknologi": 262,
}

// authors are the demo bylines. All are fictional.
var authors = []warta.Author{
	{Slug: "rina-pertiwi", Name: "Rina Pertiwi", Bio: "Wartawan desk Nasional yang meliput pesisir utara Jawa sejak 2015."},
	{Slug: "dimas-saputra", Name: "Dimas Saputra", Bio: "Fotografer dan reporter yang banyak meliput kebencanaan dan lingkungan."},
	{Slug: "ayu-lestari", Name: "Ayu Lestari", Bio: "Menulis tentang pangan, harga, koperasi, dan usaha kecil."},
	{Slug: "bagus-hartono", Name: "Bagus Hartono", Bio: "Redaktur olahraga, penggemar bulu tangkis sejak masih kanak-kanak."},
	{Slug: "sekar-wulandari", Name: "Sekar Wulandari", Bio: "Meliput seni, tradisi, dan denyut kehidupan kota."},
	{Slug: "fajar-nugroho", Name: "Fajar Nugroho", Bio: "Meliput teknologi, sains, dan pendidikan vokasi."},
}

// tagNames maps each demo tag's slug to its name.
var tagNames = map[string]string{
	"banjir":         "Banjir",
	"bencana":        "Bencana",
	"pesisir":        "Pesisir",
	"jawa-tengah":    "Jawa Tengah",
	"jawa-timur":     "Jawa Timur",
	"jawa-barat":     "Jawa Barat",
	"yogyakarta":     "Yogyakarta",
	"pangan":         "Pangan",
	"harga":          "Harga",
	"transportasi":   "Transportasi",
	"layanan-publik": "Layanan Publik",
	"pendidikan":     "Pendidikan",
	"robotika":       "Robotika",
	"nelayan":        "Nelayan",
	"koperasi":       "Koperasi",
	"umkm":           "UMKM",
	"bulu-tangkis":   "Bulu Tangkis",
	"sepak-bola":     "Sepak Bola",
	"suporter":       "Suporter",
	"atlet-muda":     "Atlet Muda",
	"batik":          "Batik",
	"tradisi":        "Tradisi",
	"gunung-api":     "Gunung Api",
	"startup":        "Startup",
	"pertanian":      "Pertanian",
	"anggaran":       "Anggaran",
	"kesehatan":      "Kesehatan",
	"literasi":       "Literasi",
	"anak":           "Anak",
}

// bodyImage finds the demo pictures a body refers to, so that every one
// is painted without keeping a second list in step with the text.
var bodyImage = regexp.MustCompile(`\(/media/(demo/[a-z0-9-]+\.jpg)`)

// Seed adds the demo site to st: the sections, authors, tags and articles
// that are not there yet, looked up by slug. It is idempotent: a second
// run adds nothing and returns created == 0. Pictures are written under
// mediaDir/demo/ when missing. Publication times are fixed offsets before
// now, so the result depends only on now.
func Seed(ctx context.Context, st warta.Store, mediaDir string, now time.Time) (created int, err error) {
	sectionIDs := map[string]int64{}
	for _, s := range sections {
		got, err := st.SectionBySlug(ctx, s.Slug)
		switch {
		case err == nil:
			sectionIDs[s.Slug] = got.ID
			continue
		case !warta.IsNotFound(err):
			return 0, fmt.Errorf("demo: section %s: %w", s.Slug, err)
		}
		if err := st.CreateSection(ctx, &s); err != nil {
			return 0, fmt.Errorf("demo: create section %s: %w", s.Slug, err)
		}
		sectionIDs[s.Slug] = s.ID
	}

	authorIDs := map[string]int64{}
	for _, a := range authors {
		got, err := st.AuthorBySlug(ctx, a.Slug)
		switch {
		case err == nil:
			authorIDs[a.Slug] = got.ID
			continue
		case !warta.IsNotFound(err):
			return 0, fmt.Errorf("demo: author %s: %w", a.Slug, err)
		}
		if err := st.CreateAuthor(ctx, &a); err != nil {
			return 0, fmt.Errorf("demo: create author %s: %w", a.Slug, err)
		}
		authorIDs[a.Slug] = a.ID
	}

	// Tags are created as articles need them, in article order, so the
	// IDs come out the same on every fresh store.
	tagIDs := map[string]int64{}
	tag := func(slug string) (int64, error) {
		if id, ok := tagIDs[slug]; ok {
			return id, nil
		}
		got, err := st.TagBySlug(ctx, slug)
		if err == nil {
			tagIDs[slug] = got.ID
			return got.ID, nil
		}
		if !warta.IsNotFound(err) {
			return 0, err
		}
		name, ok := tagNames[slug]
		if !ok {
			return 0, fmt.Errorf("no name for tag %q in tagNames", slug)
		}
		t := warta.Tag{Slug: slug, Name: name}
		if err := st.CreateTag(ctx, &t); err != nil {
			return 0, err
		}
		tagIDs[slug] = t.ID
		return t.ID, nil
	}

	// Pictures first and always: they are cheap to check, and an emptied
	// media folder is refilled even when the articles exist.
	if err := writeImages(mediaDir); err != nil {
		return 0, err
	}
	// The standing pages and the footer menu; created counts articles only.
	if err := seedPages(ctx, st); err != nil {
		return 0, err
	}

	for _, s := range samples {
		switch _, err := st.ArticleBySlug(ctx, s.Slug); {
		case err == nil:
			continue
		case !warta.IsNotFound(err):
			return created, fmt.Errorf("demo: article %s: %w", s.Slug, err)
		}

		a, err := s.article(now, sectionIDs, authorIDs, tag)
		if err != nil {
			return created, fmt.Errorf("demo: article %s: %w", s.Slug, err)
		}
		if err := st.CreateArticle(ctx, a); err != nil {
			return created, fmt.Errorf("demo: create article %s: %w", s.Slug, err)
		}
		created++
	}
	return created, nil
}

// sample is one demo story as written, before it is tied to store IDs.
type sample struct {
	Slug     string
	Headline string
	Dek      string
	Section  string   // section slug
	Authors  []string // author slugs, in byline order
	Tags     []string // tag slugs
	// Age is how long before Seed's now the story was published.
	Age            time.Duration
	CommentsClosed bool
	// Image names the lead picture: demo/<Image>.jpg under the media
	// folder. Inline pictures in Body are /media/demo/<Image>-N.jpg.
	Image   string
	Alt     string
	Caption string
	Credit  string
	Body    string
}

func (s *sample) leadImage() string { return "demo/" + s.Image + ".jpg" }

// writeImages paints every missing demo picture: each story's lead and
// the inline ones its body refers to. Painting and encoding take about
// 25 ms a picture, so they run on every CPU at once.
func writeImages(mediaDir string) error {
	type job struct {
		name string
		hue  float64
	}
	var jobs []job
	for _, s := range samples {
		hue := hues[s.Section]
		jobs = append(jobs, job{s.leadImage(), hue})
		for _, m := range bodyImage.FindAllStringSubmatch(s.Body, -1) {
			jobs = append(jobs, job{m[1], hue})
		}
	}
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				if err := writeImage(mediaDir, jobs[i].name, jobs[i].hue); err != nil {
					errs[i] = fmt.Errorf("demo: image %s: %w", jobs[i].name, err)
				}
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// article builds the warta.Article for s, rendering its body.
func (s *sample) article(now time.Time, sectionIDs, authorIDs map[string]int64, tag func(string) (int64, error)) (*warta.Article, error) {
	html, err := markdown.Render(s.Body)
	if err != nil {
		return nil, err
	}
	a := &warta.Article{
		Slug:         s.Slug,
		Headline:     s.Headline,
		Dek:          s.Dek,
		BodyMarkdown: s.Body,
		BodyHTML:     html,
		Status:       warta.StatusPublished,
		Section:      warta.Section{ID: sectionIDs[s.Section]},
		LeadImage: warta.Image{
			Path:    s.leadImage(),
			Alt:     s.Alt,
			Caption: s.Caption,
			Credit:  s.Credit,
			Width:   ImageWidth,
			Height:  ImageHeight,
		},
		CommentsOpen: !s.CommentsClosed,
		// Whole seconds: stores keep different sub-second precision,
		// and the demo gains nothing from it.
		PublishedAt: now.Add(-s.Age).Truncate(time.Second),
	}
	for _, slug := range s.Authors {
		a.Authors = append(a.Authors, warta.Author{ID: authorIDs[slug]})
	}
	for _, slug := range s.Tags {
		id, err := tag(slug)
		if err != nil {
			return nil, fmt.Errorf("tag %s: %w", slug, err)
		}
		a.Tags = append(a.Tags, warta.Tag{ID: id})
	}
	return a, nil
}
