package main

import (
	"context"
	"path/filepath"

	"warta/media"
)

// openMedia returns where the site's media live: DATA/media, or the
// S3-compatible bucket --media names, whose keys come from the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
func openMedia(ctx context.Context, s siteFlags, getenv func(string) string) (media.Storage, error) {
	if s.Media == "" {
		return media.Dir(filepath.Join(s.Data, "media")), nil
	}
	return media.OpenS3(ctx, s.Media, getenv)
}

// mediaStorage opens the media storage of the command's site.
func (c *siteCommand) mediaStorage(ctx context.Context) (media.Storage, error) {
	return openMedia(ctx, c.site, c.getenv)
}
