-- Static pages get the optimistic locking articles have (0004): the
-- number of the page's latest save. UpdatePage only saves over the
-- revision the editor started from, so two editors who opened the same
-- page cannot silently overwrite each other. Pages keep no revision
-- history; the number only detects a save made in the meantime. Pages
-- that exist already start at 1, like new ones.
ALTER TABLE pages ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
