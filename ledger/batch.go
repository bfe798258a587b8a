package ledger

import (
	"context"
	"time"
)

// Batch is one import of one file.
type Batch struct {
	ID         int64     `json:"id"`
	File       string    `json:"file"`
	Hash       string    `json:"hash"`
	Channel    string    `json:"channel"`
	ImportedAt time.Time `json:"imported_at"`
	Imported   int       `json:"imported"` // opinions added
	Existing   int       `json:"existing"` // opinions already in the ledger from an earlier import
	Blank      int       `json:"blank"`    // blank or placeholder answers (无, 暂无 …), not opinions
}

// ImportTx is the handle an import uses to add a file's opinions inside one
// transaction.
type ImportTx struct {
	w     *writer
	batch *Batch
}

// Add stores o with this batch's provenance (file, hash and batch id; the
// caller sets sheet, row, column and field). It reports whether the opinion
// was new; an opinion from the same source position is counted as existing.
func (t *ImportTx) Add(o *Opinion) (bool, error) {
	o.Source.File, o.Source.Hash, o.Source.Batch = t.batch.File, t.batch.Hash, t.batch.ID
	if o.Channel == "" {
		o.Channel = t.batch.Channel
	}
	added, err := t.w.insertOpinion(o)
	if err != nil {
		return false, err
	}
	if added {
		t.batch.Imported++
	} else {
		t.batch.Existing++
	}
	return added, nil
}

// Blank counts n blank or placeholder answers.
func (t *ImportTx) Blank(n int) { t.batch.Blank += n }

// Import adds one file's opinions in one transaction: fn calls Add for each
// opinion. If fn returns an error, or ctx is cancelled, nothing is stored.
// Before a non-empty import, a backup of the ledger is made. When every
// opinion was already there, the ledger is left exactly as it was.
func (l *Ledger) Import(ctx context.Context, file, hash, channel string, fn func(*ImportTx) error) (Batch, error) {
	b := Batch{File: file, Hash: hash, Channel: channel, ImportedAt: l.now().UTC().Truncate(time.Second)}
	if _, err := l.Backup("导入前"); err != nil {
		return b, err
	}
	err := l.write(ctx, func(w *writer) error {
		res, err := w.tx.Exec(`INSERT INTO batches(file, hash, channel, imported_at) VALUES(?,?,?,?)`, file, hash, channel, b.ImportedAt.Format(time.RFC3339))
		if err != nil {
			return err
		}
		b.ID, _ = res.LastInsertId()
		if err := fn(&ImportTx{w: w, batch: &b}); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return userErr(err, "导入 %s 已取消，台账未改动", file)
		}
		if b.Imported == 0 {
			return errNothingNew
		}
		if _, err := w.tx.Exec(`UPDATE batches SET imported=?, existing=?, blank=? WHERE id=?`, b.Imported, b.Existing, b.Blank, b.ID); err != nil {
			return err
		}
		return w.log("import", "batch", b.ID, nil, b)
	})
	if err == errNothingNew {
		b.ID = 0
		return b, nil
	}
	return b, err
}

var errNothingNew = &Error{Msg: "没有新的意见"}

// Batches lists the imports, oldest first.
func (l *Ledger) Batches() ([]Batch, error) {
	rows, err := l.db.Query(`SELECT id, file, hash, channel, imported_at, imported, existing, blank FROM batches ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Batch
	for rows.Next() {
		var b Batch
		var at string
		if err := rows.Scan(&b.ID, &b.File, &b.Hash, &b.Channel, &at, &b.Imported, &b.Existing, &b.Blank); err != nil {
			return nil, err
		}
		b.ImportedAt, _ = time.Parse(time.RFC3339, at)
		out = append(out, b)
	}
	return out, rows.Err()
}
