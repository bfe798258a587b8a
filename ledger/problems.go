package ledger

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

const problemCols = `id, title, description, category, kind, targets, notes, position, created, updated`

func scanProblem(sc interface{ Scan(...any) error }) (Problem, error) {
	var p Problem
	var targets, created, updated string
	err := sc.Scan(&p.ID, &p.Title, &p.Description, &p.Category, &p.Kind, &targets, &p.Notes, &p.Position, &created, &updated)
	p.Targets = decodeTargets(targets)
	p.Created, _ = time.Parse(time.RFC3339Nano, created)
	p.Updated, _ = time.Parse(time.RFC3339Nano, updated)
	return p, err
}

// categoryOrder sorts problems in the order of Categories (unknown last).
var categoryOrder = func() string {
	q := "CASE category"
	for i, c := range Categories {
		q += fmt.Sprintf(" WHEN '%s' THEN %d", c, i)
	}
	return q + fmt.Sprintf(" ELSE %d END", len(Categories))
}()

// Problems returns every problem, by category order, then position, then id.
func (l *Ledger) Problems() ([]Problem, error) {
	return queryProblems(l.db, `SELECT `+problemCols+` FROM problems ORDER BY `+categoryOrder+`, position, id`)
}

// Problem returns one problem.
func (l *Ledger) Problem(id int64) (Problem, error) {
	p, err := scanProblem(l.db.QueryRow(`SELECT `+problemCols+` FROM problems WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, userErr(ErrNotFound, "找不到编号为 %d 的问题", id)
	}
	return p, err
}

// Membership returns, for every sorted opinion, the problem it belongs to.
func (l *Ledger) Membership() (map[int64]int64, error) {
	rows, err := l.db.Query(`SELECT id, problem_id FROM opinions WHERE problem_id IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]int64{}
	for rows.Next() {
		var o, p int64
		if err := rows.Scan(&o, &p); err != nil {
			return nil, err
		}
		m[o] = p
	}
	return m, rows.Err()
}

// ProblemOpinionIDs returns the ids of a problem's opinions, in id order.
func (l *Ledger) ProblemOpinionIDs(id int64) ([]int64, error) {
	return queryIDs(l.db, `SELECT id FROM opinions WHERE problem_id = ? ORDER BY id`, id)
}

func (p *Problem) clean() error {
	p.Title = TrimText(p.Title)
	if p.Title == "" {
		return userErr(nil, "请填写问题的标题")
	}
	if c := NormalizeCategory(p.Category); c != "" {
		p.Category = c
	} else {
		return userErr(nil, "类别“%s”无法识别，可用：%s", p.Category, strings.Join(Categories, "、"))
	}
	switch p.Kind {
	case "":
		p.Kind = Individual
	case Individual, Shared:
	case "个性问题":
		p.Kind = Individual
	case "共性问题":
		p.Kind = Shared
	default:
		return userErr(nil, "问题性质“%s”无法识别，请填写 个性 或 共性", p.Kind)
	}
	// As stored: no duplicates, and no targets is nil (so an unchanged
	// problem compares equal to its stored self).
	p.Targets = decodeTargets(encodeTargets(p.Targets))
	return nil
}

// checkTargets makes sure every target is the team or an existing member.
func checkTargets(tx *sql.Tx, targets []int64) error {
	for _, id := range targets {
		if id == TeamID {
			continue
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM leaders WHERE id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return userErr(ErrNotFound, "找不到编号为 %d 的班子成员，请先在设置中添加", id)
		}
	}
	return nil
}

// --- undoable steps -------------------------------------------------------

// step runs fn as one undoable sorting step labelled label (shown in the
// window as 撤销：label). Starting a step drops whatever could be redone.
func (l *Ledger) step(label string, fn func(w *writer) error) error {
	return l.write(context.Background(), func(w *writer) error {
		if _, err := w.tx.Exec(`UPDATE steps SET state = 2 WHERE state = 1`); err != nil {
			return err
		}
		res, err := w.tx.Exec(`INSERT INTO steps(at, label) VALUES(?, ?)`, w.at, label)
		if err != nil {
			return err
		}
		w.step, _ = res.LastInsertId()
		if err := fn(w); err != nil {
			return err
		}
		if len(w.changes) == 0 {
			return errNoChange
		}
		return nil
	})
}

var errNoChange = errors.New("no change")

func ignoreNoChange(err error) error {
	if errors.Is(err, errNoChange) {
		return nil
	}
	return err
}

// problemTx reads a problem inside a transaction.
func problemTx(tx *sql.Tx, id int64) (Problem, error) {
	p, err := scanProblem(tx.QueryRow(`SELECT `+problemCols+` FROM problems WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, userErr(ErrNotFound, "找不到编号为 %d 的问题", id)
	}
	return p, err
}

// putProblem writes p as it is (id included), creating or replacing it, and
// logs the change from before (nil when new).
func (w *writer) putProblem(action string, before *Problem, p Problem) error {
	_, err := w.tx.Exec(`INSERT INTO problems(`+problemCols+`) VALUES(?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET title=excluded.title, description=excluded.description, category=excluded.category,
		kind=excluded.kind, targets=excluded.targets, notes=excluded.notes, position=excluded.position, updated=excluded.updated`,
		p.ID, p.Title, p.Description, p.Category, p.Kind, encodeTargets(p.Targets), p.Notes, p.Position,
		p.Created.UTC().Format(time.RFC3339Nano), p.Updated.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return err
	}
	var b any
	if before != nil {
		b = *before
	}
	return w.log(action, "problem", p.ID, b, p)
}

// setOpinionProblem moves one opinion into problem pid (0: unsorted), logging
// the move. It is a no-op when the opinion is already there.
func (w *writer) setOpinionProblem(action string, oid, pid int64) error {
	var cur sql.NullInt64
	err := w.tx.QueryRow(`SELECT problem_id FROM opinions WHERE id = ?`, oid).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return userErr(ErrNotFound, "找不到编号为 %d 的意见", oid)
	} else if err != nil {
		return err
	}
	if cur.Int64 == pid {
		return nil
	}
	var v any
	if pid != 0 {
		v = pid
	}
	if _, err := w.tx.Exec(`UPDATE opinions SET problem_id = ?, updated = ? WHERE id = ?`, v, w.at, oid); err != nil {
		return err
	}
	return w.log(action, "opinion", oid, cur.Int64, pid)
}

func (w *writer) deleteProblem(action string, id int64) error {
	before, err := problemTx(w.tx, id)
	if err != nil {
		return err
	}
	ids, err := queryIDs(w.tx, `SELECT id FROM opinions WHERE problem_id = ?`, id)
	if err != nil {
		return err
	}
	for _, oid := range ids {
		if err := w.setOpinionProblem(action, oid, 0); err != nil {
			return err
		}
	}
	if _, err := w.tx.Exec(`DELETE FROM problems WHERE id = ?`, id); err != nil {
		return err
	}
	return w.log(action, "problem", id, before, nil)
}

// queryer is what *sql.DB and *sql.Tx share: the helpers below serve
// both reads outside a transaction and reads inside a write.
type queryer interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// queryProblems runs q, which selects problemCols, and scans every row.
func queryProblems(db queryer, q string, args ...any) ([]Problem, error) {
	rows, err := db.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		p, err := scanProblem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// queryIDs runs q, which selects one integer column, and returns it.
func queryIDs(db queryer, q string, args ...any) ([]int64, error) {
	rows, err := db.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

func (w *writer) nextPosition(category string) (int, error) {
	var pos int
	err := w.tx.QueryRow(`SELECT COALESCE(MAX(position) + 1, 0) FROM problems WHERE category = ?`, category).Scan(&pos)
	return pos, err
}

// NewProblem creates a problem (at the end of its category column), moves
// the given opinions into it, and returns its id. One undoable step.
func (l *Ledger) NewProblem(p Problem, opinions ...int64) (int64, error) {
	return l.newProblem(p, opinions, false)
}

// NewProblemFrom is NewProblem for a problem made from opinions, as the
// board's drop and split and `taizhang problem new` make one: when p names
// no targets, the problem concerns whom its opinions concern (the union of
// their targets, in the order first met).
func (l *Ledger) NewProblemFrom(p Problem, opinions ...int64) (int64, error) {
	return l.newProblem(p, opinions, len(p.Targets) == 0)
}

func (l *Ledger) newProblem(p Problem, opinions []int64, inherit bool) (int64, error) {
	if err := p.clean(); err != nil {
		return 0, err
	}
	err := l.step("新建问题“"+short(p.Title)+"”", func(w *writer) error {
		now, _ := time.Parse(time.RFC3339Nano, w.at)
		p.Created, p.Updated = now, now
		var err error
		if p.Position, err = w.nextPosition(p.Category); err != nil {
			return err
		}
		if inherit {
			if p.Targets, err = w.opinionTargets(opinions); err != nil {
				return err
			}
		}
		if err := checkTargets(w.tx, p.Targets); err != nil {
			return err
		}
		if p.ID, err = w.nextProblemID(); err != nil {
			return err
		}
		if err := w.putProblem("problem.new", nil, p); err != nil {
			return err
		}
		for _, oid := range opinions {
			if err := w.setOpinionProblem("problem.assign", oid, p.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return p.ID, nil
}

// nextProblemID allocates a problem id. Ids of deleted problems are never
// reused (undo may bring one back, and the change log names them), so the
// highest id ever given is kept in meta as problem_seq. Files written before
// problem_seq existed find it once in the change log.
func (w *writer) nextProblemID() (int64, error) {
	var seq int64
	err := w.tx.QueryRow(`SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'problem_seq'`).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		err = w.tx.QueryRow(`SELECT COALESCE(MAX(entity_id), 0) FROM changes WHERE entity = 'problem'`).Scan(&seq)
	}
	if err != nil {
		return 0, err
	}
	var top int64
	if err := w.tx.QueryRow(`SELECT COALESCE(MAX(id), 0) FROM problems`).Scan(&top); err != nil {
		return 0, err
	}
	id := max(seq, top) + 1
	_, err = w.tx.Exec(`INSERT INTO meta(key, value) VALUES('problem_seq', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, id)
	return id, err
}

// UpdateProblem changes a problem's title, description, category, kind,
// targets and notes. Changing the category moves it to the end of the new
// column. One undoable step.
func (l *Ledger) UpdateProblem(p Problem) error {
	if err := p.clean(); err != nil {
		return err
	}
	return ignoreNoChange(l.step("修改问题“"+short(p.Title)+"”", func(w *writer) error {
		before, err := problemTx(w.tx, p.ID)
		if err != nil {
			return err
		}
		if err := checkTargets(w.tx, p.Targets); err != nil {
			return err
		}
		p.Created, p.Position = before.Created, before.Position
		if p.Category != before.Category {
			if p.Position, err = w.nextPosition(p.Category); err != nil {
				return err
			}
		}
		if sameProblem(before, p) {
			return nil
		}
		p.Updated, _ = time.Parse(time.RFC3339Nano, w.at)
		return w.putProblem("problem.update", &before, p)
	}))
}

func sameProblem(a, b Problem) bool {
	a.Updated, b.Updated = time.Time{}, time.Time{}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// MoveProblem puts a problem into category at position pos of that column
// (recategorise and reorder). One undoable step.
func (l *Ledger) MoveProblem(id int64, category string, pos int) error {
	c := NormalizeCategory(category)
	if c == "" {
		return userErr(nil, "类别“%s”无法识别，可用：%s", category, strings.Join(Categories, "、"))
	}
	return ignoreNoChange(l.step("移动问题", func(w *writer) error {
		p, err := problemTx(w.tx, id)
		if err != nil {
			return err
		}
		col, err := queryProblems(w.tx, `SELECT `+problemCols+` FROM problems WHERE category = ? AND id <> ? ORDER BY position, id`, c, id)
		if err != nil {
			return err
		}
		pos = max(0, min(pos, len(col)))
		col = append(col[:pos], append([]Problem{p}, col[pos:]...)...)
		for i, q := range col {
			if q.Position == i && q.Category == c {
				continue
			}
			before := q
			q.Position, q.Category = i, c
			if q.ID == id {
				q.Updated, _ = time.Parse(time.RFC3339Nano, w.at)
			}
			if err := w.putProblem("problem.move", &before, q); err != nil {
				return err
			}
		}
		return nil
	}))
}

// Assign moves opinions into a problem (from wherever they were). One
// undoable step; an unknown opinion or problem changes nothing.
func (l *Ledger) Assign(problem int64, opinions ...int64) error {
	opinions = uniqueIDs(opinions)
	return ignoreNoChange(l.step(fmt.Sprintf("归入问题（%d 条意见）", len(opinions)), func(w *writer) error {
		if _, err := problemTx(w.tx, problem); err != nil {
			return err
		}
		for _, oid := range opinions {
			if err := w.setOpinionProblem("problem.assign", oid, problem); err != nil {
				return err
			}
		}
		return nil
	}))
}

// Unassign makes opinions unsorted again. One undoable step.
func (l *Ledger) Unassign(opinions ...int64) error {
	opinions = uniqueIDs(opinions)
	return ignoreNoChange(l.step(fmt.Sprintf("移出问题（%d 条意见）", len(opinions)), func(w *writer) error {
		for _, oid := range opinions {
			if err := w.setOpinionProblem("problem.unassign", oid, 0); err != nil {
				return err
			}
		}
		return nil
	}))
}

// uniqueIDs returns ids without repeats, in first-seen order.
func uniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// joinText appends add to s on a new line unless s already contains it.
func joinText(s, add string) string {
	switch {
	case add == "" || strings.Contains(s, add):
		return s
	case s == "":
		return add
	}
	return s + "\n" + add
}

// Merge moves every opinion of the from problems into the into problem and
// deletes the from problems. into keeps its title, category and kind; the
// targets of the merged problems join its targets, and their descriptions
// and notes are appended to its own, so nothing written is lost. One
// undoable step.
func (l *Ledger) Merge(into int64, from ...int64) error {
	from = uniqueIDs(from)
	return ignoreNoChange(l.step("合并问题", func(w *writer) error {
		dst, err := problemTx(w.tx, into)
		if err != nil {
			return err
		}
		before := dst
		targets := append([]int64{}, dst.Targets...)
		for _, id := range from {
			if id == into {
				return userErr(nil, "不能把问题 %d 合并到它自己", id)
			}
			src, err := problemTx(w.tx, id)
			if err != nil {
				return err
			}
			targets = append(targets, src.Targets...)
			dst.Description = joinText(dst.Description, src.Description)
			dst.Notes = joinText(dst.Notes, src.Notes)
			ids, err := queryIDs(w.tx, `SELECT id FROM opinions WHERE problem_id = ?`, id)
			if err != nil {
				return err
			}
			for _, oid := range ids {
				if err := w.setOpinionProblem("problem.merge", oid, into); err != nil {
					return err
				}
			}
			if err := w.deleteProblem("problem.merge", id); err != nil {
				return err
			}
		}
		dst.Targets = decodeTargets(encodeTargets(targets))
		if !sameProblem(before, dst) {
			dst.Updated, _ = time.Parse(time.RFC3339Nano, w.at)
			return w.putProblem("problem.merge", &before, dst)
		}
		return nil
	}))
}

// DeleteProblem deletes a problem; its opinions become unsorted (never
// deleted). One undoable step.
func (l *Ledger) DeleteProblem(id int64) error {
	return l.step("删除问题", func(w *writer) error { return w.deleteProblem("problem.delete", id) })
}

// --- undo and redo ----------------------------------------------------------

// The step Undo takes back (the newest one done) and the step Redo applies
// again (the oldest one undone), as the end of a query on steps.
const (
	undoStep = ` FROM steps WHERE state = 0 ORDER BY id DESC LIMIT 1`
	redoStep = ` FROM steps WHERE state = 1 ORDER BY id LIMIT 1`
)

func nextStep(undo bool) string {
	if undo {
		return undoStep
	}
	return redoStep
}

// UndoLabel returns the label of the step Undo would take back, or "".
func (l *Ledger) UndoLabel() string { return l.stepLabel(true) }

// RedoLabel returns the label of the step Redo would apply again, or "".
func (l *Ledger) RedoLabel() string { return l.stepLabel(false) }

func (l *Ledger) stepLabel(undo bool) string {
	var s string
	l.db.QueryRow(`SELECT label` + nextStep(undo)).Scan(&s)
	return s
}

// UndoSize and RedoSize return how many records the step Undo (Redo)
// would change, 0 when there is none: a window runs a large one in the
// background.
func (l *Ledger) UndoSize() int { return l.stepSize(true) }

// RedoSize: see UndoSize.
func (l *Ledger) RedoSize() int { return l.stepSize(false) }

func (l *Ledger) stepSize(undo bool) int {
	var n int
	l.db.QueryRow(`SELECT COUNT(*) FROM changes WHERE step = (SELECT id` + nextStep(undo) + `)`).Scan(&n)
	return n
}

// Undo takes back the latest sorting step and returns its label. The undo
// history is kept in the ledger, so it survives a restart.
func (l *Ledger) Undo() (string, error) { return l.replay(true) }

// Redo applies again the step most recently undone and returns its label.
func (l *Ledger) Redo() (string, error) { return l.replay(false) }

func (l *Ledger) replay(undo bool) (string, error) {
	var label string
	err := l.write(context.Background(), func(w *writer) error {
		newState, action := 0, "redo"
		if undo {
			newState, action = 1, "undo"
		}
		var step int64
		if err := w.tx.QueryRow(`SELECT id, label`+nextStep(undo)).Scan(&step, &label); errors.Is(err, sql.ErrNoRows) {
			if undo {
				return userErr(nil, "没有可以撤销的操作")
			}
			return userErr(nil, "没有可以重做的操作")
		} else if err != nil {
			return err
		}
		order := "ASC"
		if undo {
			order = "DESC"
		}
		rows, err := w.tx.Query(`SELECT entity, entity_id, before, after FROM changes WHERE step = ? ORDER BY id `+order, step)
		if err != nil {
			return err
		}
		type change struct {
			entity        string
			id            int64
			before, after sql.NullString
		}
		var cs []change
		for rows.Next() {
			var c change
			if err := rows.Scan(&c.entity, &c.id, &c.before, &c.after); err != nil {
				rows.Close()
				return err
			}
			cs = append(cs, c)
		}
		rows.Close()
		for _, c := range cs {
			from, to := c.before, c.after
			if undo {
				from, to = c.after, c.before
			}
			if err := w.restore(action, c.entity, c.id, from, to); err != nil {
				return fmt.Errorf("%s step %d: %w", action, step, err)
			}
		}
		_, err = w.tx.Exec(`UPDATE steps SET state = ? WHERE id = ?`, newState, step)
		return err
	})
	return label, err
}

// restore sets one entity to the state to (JSON, NULL meaning absent) and
// logs it as a change from from.
func (w *writer) restore(action, entity string, id int64, from, to sql.NullString) error {
	switch entity {
	case "problem":
		if !to.Valid {
			if _, err := w.tx.Exec(`DELETE FROM problems WHERE id = ?`, id); err != nil {
				return err
			}
			return w.log(action, "problem", id, json.RawMessage(from.String), nil)
		}
		var p Problem
		if err := json.Unmarshal([]byte(to.String), &p); err != nil {
			return err
		}
		var before *Problem
		if from.Valid {
			before = &Problem{}
			json.Unmarshal([]byte(from.String), before)
		}
		return w.putProblem(action, before, p)
	case "opinion":
		var pid int64
		if err := json.Unmarshal([]byte(to.String), &pid); err != nil {
			return err
		}
		return w.setOpinionProblem(action, id, pid)
	}
	return fmt.Errorf("cannot restore entity %q", entity)
}

func short(s string) string {
	r := []rune(s)
	if len(r) > 16 {
		return string(r[:16]) + "…"
	}
	return s
}

// opinionTargets returns the union of the opinions' targets, in the order
// first met: whom a problem made from them concerns. A missing opinion is
// an error naming it.
func (w *writer) opinionTargets(opinions []int64) ([]int64, error) {
	var ts []int64
	for _, id := range opinions {
		var enc string
		err := w.tx.QueryRow(`SELECT targets FROM opinions WHERE id = ?`, id).Scan(&enc)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, userErr(ErrNotFound, "找不到编号为 %d 的意见", id)
		} else if err != nil {
			return nil, err
		}
		ts = append(ts, decodeTargets(enc)...)
	}
	return decodeTargets(encodeTargets(ts)), nil
}
