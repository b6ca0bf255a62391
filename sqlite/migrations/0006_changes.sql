-- The change log: one row per committed write that public pages show,
-- naming the page cache tags it affects (space-separated). Written in
-- the write's own transaction, so every process that serves pages learns
-- of writes made by any other (the CLI beside serve). AUTOINCREMENT keeps
-- IDs from being reused after the newest rows are pruned, so a reader's
-- cursor never skips a new row. Rows older than a day are pruned.
CREATE TABLE changes (
	id   INTEGER PRIMARY KEY AUTOINCREMENT,
	tags TEXT NOT NULL,
	at   TEXT NOT NULL
);

CREATE INDEX changes_at_idx ON changes (at);
