package ledger

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxTextBytes bounds one opinion's text (a pasted book is not an opinion).
const MaxTextBytes = 1 << 20

const opinionCols = `id, text, title, channel, date, time, sub_name, sub_unit, sub_contact, sub_anon,
	targets, src_file, src_hash, src_sheet, src_row, src_col, src_field, COALESCE(batch_id, 0), attrs,
	COALESCE(problem_id, 0), created, updated`

func scanOpinion(sc interface{ Scan(...any) error }) (Opinion, error) {
	var o Opinion
	var targets, attrs, created, updated string
	var anon int
	err := sc.Scan(&o.ID, &o.Text, &o.Title, &o.Channel, &o.Date, &o.Time,
		&o.Submitter.Name, &o.Submitter.Unit, &o.Submitter.Contact, &anon,
		&targets, &o.Source.File, &o.Source.Hash, &o.Source.Sheet, &o.Source.Row, &o.Source.Column, &o.Source.Field, &o.Source.Batch,
		&attrs, &o.ProblemID, &created, &updated)
	if err != nil {
		return o, err
	}
	o.Submitter.Anonymous = anon != 0
	o.Targets = decodeTargets(targets)
	if attrs != "" {
		json.Unmarshal([]byte(attrs), &o.Attrs)
	}
	o.Created, _ = time.Parse(time.RFC3339Nano, created)
	o.Updated, _ = time.Parse(time.RFC3339Nano, updated)
	return o, nil
}

// clean validates an opinion before it is stored: the text is trimmed at
// both ends only (原汁原味) and must be non-empty valid UTF-8 without NUL.
func (o *Opinion) clean() error {
	o.Text = TrimText(o.Text)
	if o.Text == "" {
		return userErr(nil, "意见内容为空")
	}
	if len(o.Text) > MaxTextBytes {
		return userErr(nil, "意见内容过长（%d 字节，上限 %d）", len(o.Text), MaxTextBytes)
	}
	if !utf8.ValidString(o.Text) || strings.ContainsRune(o.Text, 0) {
		return userErr(nil, "意见内容含有无效字符（编码错误或空字符）")
	}
	o.Channel = TrimText(o.Channel)
	if o.Channel == "" {
		return userErr(nil, "请选择征求渠道（%s 或自定义）", strings.Join(Channels, "、"))
	}
	if d, ok := NormalizeDate(o.Date); ok {
		o.Date = d
	} else {
		return userErr(nil, "日期“%s”无法识别，请按 2026-11-26 的格式填写", o.Date)
	}
	o.Title = TrimText(o.Title)
	o.Submitter.Name = TrimText(o.Submitter.Name)
	o.Submitter.Unit = TrimText(o.Submitter.Unit)
	o.Submitter.Contact = TrimText(o.Submitter.Contact)
	return nil
}

// insert stores o and returns whether it was new: an opinion whose source
// position (file hash, sheet, row, column) is already in the ledger is not
// stored again. Two people writing the same words are two opinions.
func (w *writer) insertOpinion(o *Opinion) (bool, error) {
	if err := o.clean(); err != nil {
		return false, err
	}
	var attrs []byte
	if len(o.Attrs) > 0 {
		attrs, _ = json.Marshal(o.Attrs)
	}
	anon := 0
	if o.Submitter.Anonymous {
		anon = 1
	}
	var batch any
	if o.Source.Batch != 0 {
		batch = o.Source.Batch
	}
	var problem any
	if o.ProblemID != 0 {
		problem = o.ProblemID
	}
	if w.insertStmt == nil {
		// Prepared once per transaction: an import inserts thousands of rows.
		stmt, err := w.tx.Prepare(`INSERT INTO opinions(text, title, channel, date, time, sub_name, sub_unit, sub_contact, sub_anon,
		targets, src_file, src_hash, src_sheet, src_row, src_col, src_field, batch_id, attrs, problem_id, created, updated)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(src_hash, src_sheet, src_row, src_col) WHERE src_hash <> '' DO NOTHING`)
		if err != nil {
			return false, err
		}
		w.insertStmt = stmt
	}
	res, err := w.insertStmt.Exec(
		o.Text, o.Title, o.Channel, o.Date, o.Time, o.Submitter.Name, o.Submitter.Unit, o.Submitter.Contact, anon,
		encodeTargets(o.Targets), o.Source.File, o.Source.Hash, o.Source.Sheet, o.Source.Row, o.Source.Column, o.Source.Field,
		batch, string(attrs), problem, w.at, w.at)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	o.ID, _ = res.LastInsertId()
	o.Created, _ = time.Parse(time.RFC3339Nano, w.at)
	o.Updated = o.Created
	return true, nil
}

// AddOpinion stores one opinion typed in by hand (or given on the command
// line) and returns its id. The text is kept verbatim, trimmed at the ends.
func (l *Ledger) AddOpinion(o Opinion) (int64, error) {
	err := l.write(context.Background(), func(w *writer) error {
		if _, err := w.insertOpinion(&o); err != nil {
			return err
		}
		return w.log("opinion.add", "opinion", o.ID, nil, o)
	})
	return o.ID, err
}

// Opinion returns one opinion, in the public view (see Internal).
func (l *Ledger) Opinion(id int64) (Opinion, error) { return l.opinion(id, false) }

func (l *Ledger) opinion(id int64, internal bool) (Opinion, error) {
	o, err := scanOpinion(l.db.QueryRow(`SELECT `+opinionCols+` FROM opinions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Opinion{}, userErr(ErrNotFound, "找不到编号为 %d 的意见", id)
	}
	if err != nil {
		return Opinion{}, err
	}
	if !internal {
		redact(&o)
	}
	return o, nil
}

// Filter selects opinions. The zero Filter selects all.
type Filter struct {
	Channel  string // exact channel, "" for all
	Target   *int64 // opinions whose targets include this id (TeamID for the team)
	Unsorted bool   // only opinions not yet in a problem
	Problem  int64  // only opinions of this problem
	Contains string // substring of the text or title
	Limit    int    // 0: no limit
}

// Opinions returns the opinions the filter selects, in id order, in the
// public view (see Internal).
func (l *Ledger) Opinions(f Filter) ([]Opinion, error) { return collect(f, l.EachOpinion) }

func collect(f Filter, each func(Filter, func(Opinion) error) error) ([]Opinion, error) {
	var out []Opinion
	err := each(f, func(o Opinion) error {
		out = append(out, o)
		return nil
	})
	return out, err
}

// EachOpinion calls fn for each opinion the filter selects, in id order, in
// the public view (see Internal), without holding them all in memory. An
// error from fn stops the walk.
func (l *Ledger) EachOpinion(f Filter, fn func(Opinion) error) error {
	return l.eachOpinion(f, false, fn)
}

func (l *Ledger) eachOpinion(f Filter, internal bool, fn func(Opinion) error) error {
	q, args := `SELECT `+opinionCols+` FROM opinions WHERE 1=1`, []any{}
	if f.Channel != "" {
		q += ` AND channel = ?`
		args = append(args, f.Channel)
	}
	if f.Target != nil {
		q += ` AND targets LIKE ?`
		args = append(args, "%,"+strconv.FormatInt(*f.Target, 10)+",%")
	}
	if f.Unsorted {
		q += ` AND problem_id IS NULL`
	}
	if f.Problem != 0 {
		q += ` AND problem_id = ?`
		args = append(args, f.Problem)
	}
	if f.Contains != "" {
		q += ` AND (instr(text, ?) > 0 OR instr(title, ?) > 0)`
		args = append(args, f.Contains, f.Contains)
	}
	q += ` ORDER BY id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := l.db.Query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanOpinion(rows)
		if err != nil {
			return err
		}
		if !internal {
			redact(&o)
		}
		if err := fn(o); err != nil {
			return err
		}
	}
	return rows.Err()
}

// SetOpinionTargets changes whom an opinion concerns.
func (l *Ledger) SetOpinionTargets(id int64, targets []int64) error {
	return l.write(context.Background(), func(w *writer) error {
		before, err := scanOpinion(w.tx.QueryRow(`SELECT `+opinionCols+` FROM opinions WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return userErr(ErrNotFound, "找不到编号为 %d 的意见", id)
		} else if err != nil {
			return err
		}
		if _, err := w.tx.Exec(`UPDATE opinions SET targets = ?, updated = ? WHERE id = ?`, encodeTargets(targets), w.at, id); err != nil {
			return err
		}
		return w.log("opinion.targets", "opinion", id, before.Targets, targets)
	})
}
