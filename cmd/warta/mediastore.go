package main

import (
	"path/filepath"

	"warta/media"
)

// mediaStorage returns where the site's media live: DATA/media.
func (c *siteCommand) mediaStorage() (media.Storage, error) {
	return media.Dir(filepath.Join(c.site.Data, "media")), nil
}
