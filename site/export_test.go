package site

// Test hooks: sitemaps and the news sitemap with small limits, so that
// chunking and the cap can be tested with a few articles.
var (
	SitemapChunk = &sitemapChunk
	NewsLimit    = &newsLimit
)
