package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"warta"
)

// mediaColumns are the columns scanMedia reads, in order.
const mediaColumns = `
	id, hash, path, mime, width, height, size, variants, original_name,
	alt, caption, credit, COALESCE(uploaded_by, 0), created_at`

// CreateMedia saves m and sets its ID and CreatedAt. Errors: EINVALID
// (no hash, path or type), ECONFLICT (the same hash is stored already;
// callers then use MediaByHash).
func (s *Store) CreateMedia(ctx context.Context, m *warta.Media) error {
	fields := map[string]string{}
	for name, v := range map[string]string{"hash": m.Hash, "path": m.Path, "mime": m.MIME} {
		if strings.TrimSpace(v) == "" {
			fields[name] = "error.required"
		}
	}
	if len(fields) > 0 {
		return &warta.Error{Code: warta.EINVALID, Message: "the media entry is not valid", Key: "error.form", Fields: fields}
	}
	variants, err := encodeVariants(m.Variants)
	if err != nil {
		return err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.clock()

	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`
		INSERT INTO media (hash, path, mime, width, height, size, variants, original_name,
			alt, caption, credit, uploaded_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		m.Hash, m.Path, m.MIME, m.Width, m.Height, m.Size, variants, m.OriginalName,
		m.Alt, m.Caption, m.Credit, nullID(m.UploadedBy), s.d.arg(now)).Scan(&id)
	if err != nil {
		if s.d.IsUnique != nil && s.d.IsUnique(err) {
			return &warta.Error{Code: warta.ECONFLICT, Message: "the same image is in the library already", Key: "error.media_exists", Err: err}
		}
		return s.formatError("create media", err)
	}
	if err := tx.Commit(); err != nil {
		return s.formatError("create media: commit", err)
	}
	m.ID, m.CreatedAt = id, now
	return nil
}

// MediaByID returns one entry. Errors: ENOTFOUND.
func (s *Store) MediaByID(ctx context.Context, id int64) (*warta.Media, error) {
	return s.mediaWhere(ctx, s.reader(ctx), `id = ?`, id)
}

// MediaByHash returns the entry with that hash. Errors: ENOTFOUND.
func (s *Store) MediaByHash(ctx context.Context, hash string) (*warta.Media, error) {
	return s.mediaWhere(ctx, s.reader(ctx), `hash = ?`, hash)
}

// MediaList returns one page of the library, newest first, and the total.
// A limit of 0 or more than MaxPageSize means MaxPageSize.
func (s *Store) MediaList(ctx context.Context, offset, limit int) ([]*warta.Media, int, error) {
	return s.mediaPage(ctx, "", offset, limit)
}

// ImageList is MediaList without the documents: what a lead-image picker
// may offer.
func (s *Store) ImageList(ctx context.Context, offset, limit int) ([]*warta.Media, int, error) {
	return s.mediaPage(ctx, `WHERE mime LIKE 'image/%'`, offset, limit)
}

// mediaPage returns one page of the entries matching where (empty for
// all), newest first, and their total.
func (s *Store) mediaPage(ctx context.Context, where string, offset, limit int) ([]*warta.Media, int, error) {
	if limit <= 0 || limit > warta.MaxPageSize {
		limit = warta.MaxPageSize
	}
	offset = max(offset, 0)
	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, s.d.Rebind(`
		SELECT `+mediaColumns+`, COUNT(*) OVER()
		FROM media `+where+` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`), limit, offset)
	if err != nil {
		return nil, 0, s.internal("media list", err)
	}
	defer rows.Close()
	var (
		list  []*warta.Media
		total int
	)
	for rows.Next() {
		m, err := scanMedia(rows, &total)
		if err != nil {
			return nil, 0, s.internal("media list: scan", err)
		}
		list = append(list, m)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.internal("media list", err)
	}
	rows.Close()
	if len(list) == 0 && offset > 0 {
		// Past the last page COUNT(*) OVER() has no row to ride on.
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM media `+where).Scan(&total); err != nil {
			return nil, 0, s.internal("media list: count", err)
		}
	}
	return list, total, nil
}

// UpdateMedia saves m's Alt, Caption and Credit and fills m from what is
// stored. Errors: ENOTFOUND.
func (s *Store) UpdateMedia(ctx context.Context, m *warta.Media) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.d.Rebind(`
		UPDATE media SET alt = ?, caption = ?, credit = ? WHERE id = ?`),
		strings.TrimSpace(m.Alt), strings.TrimSpace(m.Caption), strings.TrimSpace(m.Credit), m.ID)
	if err != nil {
		return s.formatError("update media", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.internal("update media", err)
	} else if n == 0 {
		return notFound("media")
	}
	got, err := s.mediaWhere(ctx, tx, `id = ?`, m.ID)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.formatError("update media: commit", err)
	}
	*m = *got
	return nil
}

// mediaWhere returns the one entry matching where. Errors: ENOTFOUND.
func (s *Store) mediaWhere(ctx context.Context, q querier, where string, arg any) (*warta.Media, error) {
	row := q.QueryRowContext(ctx, s.d.Rebind(`SELECT `+mediaColumns+` FROM media WHERE `+where), arg)
	m, err := scanMedia(row, nil)
	if err == sql.ErrNoRows {
		return nil, notFound("media")
	} else if err != nil {
		return nil, s.internal("media", err)
	}
	return m, nil
}

// scanMedia reads one row of mediaColumns, and the total after them when
// total is not nil.
func scanMedia(sc interface{ Scan(dest ...any) error }, total *int) (*warta.Media, error) {
	m := &warta.Media{}
	var variants string
	dest := []any{&m.ID, &m.Hash, &m.Path, &m.MIME, &m.Width, &m.Height, &m.Size, &variants,
		&m.OriginalName, &m.Alt, &m.Caption, &m.Credit, &m.UploadedBy, timeDest{&m.CreatedAt}}
	if total != nil {
		dest = append(dest, total)
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	var err error
	if m.Variants, err = decodeVariants(variants); err != nil {
		return nil, err
	}
	return m, nil
}

// MediaPaths returns every media file the site names: each library
// entry's original and resized copies, and each article's lead image and
// its copies (demo and imported articles may have one outside the
// library), each once. It reads two columns per row, not whole articles,
// so a backup can check its files at any size of site.
func (s *Store) MediaPaths(ctx context.Context) ([]string, error) {
	seen := map[string]bool{}
	var paths []string
	add := func(name string) {
		if name != "" && !seen[name] {
			seen[name] = true
			paths = append(paths, name)
		}
	}
	for _, q := range []string{
		`SELECT path, variants FROM media`,
		`SELECT lead_image_path, lead_variants FROM articles WHERE lead_image_path <> ''`,
	} {
		rows, err := s.reader(ctx).QueryContext(ctx, q)
		if err != nil {
			return nil, s.internal("media paths", err)
		}
		for rows.Next() {
			var p, variants string
			if err := rows.Scan(&p, &variants); err != nil {
				rows.Close()
				return nil, s.internal("media paths: scan", err)
			}
			vs, err := decodeVariants(variants)
			if err != nil {
				rows.Close()
				return nil, s.internal("media paths: variants", err)
			}
			add(p)
			for _, v := range vs {
				add(v.Path)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, s.internal("media paths", err)
		}
	}
	return paths, nil
}
