package ledger

import (
	"database/sql"
	"encoding/json"
)

// Change is one entry of the append-only change log: what changed, when,
// and the state before and after (JSON, nil for a creation or deletion).
type Change struct {
	ID       int64           `json:"id"`
	At       string          `json:"at"`
	Action   string          `json:"action"` // e.g. "opinion.add", "problem.assign"
	Entity   string          `json:"entity"` // "opinion", "problem", "leader", "info", "batch"
	EntityID int64           `json:"entity_id"`
	Before   json.RawMessage `json:"before,omitempty"`
	After    json.RawMessage `json:"after,omitempty"`
	Step     int64           `json:"step,omitempty"` // the undo step it belongs to, 0 if none
}

// writer is the handle a write transaction uses to log its changes.
type writer struct {
	tx      *sql.Tx
	at      string
	step    int64
	changes []Change

	insertStmt *sql.Stmt // the opinion insert, prepared on first use
}

// log appends a change; before and after are marshalled to JSON (nil stays
// NULL).
func (w *writer) log(action, entity string, id int64, before, after any) error {
	c := Change{At: w.at, Action: action, Entity: entity, EntityID: id, Step: w.step}
	var err error
	if c.Before, err = marshalOrNil(before); err != nil {
		return err
	}
	if c.After, err = marshalOrNil(after); err != nil {
		return err
	}
	res, err := w.tx.Exec(`INSERT INTO changes(at, action, entity, entity_id, before, after, step) VALUES(?,?,?,?,?,?,?)`,
		c.At, c.Action, c.Entity, c.EntityID, nullRaw(c.Before), nullRaw(c.After), c.Step)
	if err != nil {
		return err
	}
	c.ID, _ = res.LastInsertId()
	w.changes = append(w.changes, c)
	return nil
}

func marshalOrNil(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw, nil
	}
	return json.Marshal(v)
}

func nullRaw(r json.RawMessage) any {
	if r == nil {
		return nil
	}
	return string(r)
}

// listener is a function that hears of changes; an internal one (the
// board, which counts distinct submitters) hears them whole.
type listener struct {
	fn       func(Change)
	internal bool
}

// OnChange registers fn to hear of every committed change made through this
// Ledger value, in commit order, after the commit, in the public view (an
// opinion's state carries no submitter). It is the one path by which
// derived data (the search index, the window) learns of changes.
func (l *Ledger) OnChange(fn func(Change)) { l.listen(fn, false) }

func (l *Ledger) listen(fn func(Change), internal bool) {
	l.mu.Lock()
	l.listeners = append(l.listeners, listener{fn: fn, internal: internal})
	l.mu.Unlock()
}

func (l *Ledger) notify(cs []Change) {
	l.mu.Lock()
	ls := append([]listener{}, l.listeners...)
	l.mu.Unlock()
	for _, c := range cs {
		pc, redacted := c, false
		for _, li := range ls {
			if li.internal {
				li.fn(c)
				continue
			}
			if !redacted {
				pc, redacted = publicChange(c), true
			}
			li.fn(pc)
		}
	}
}

// Changes returns the change log entries with id greater than after, oldest
// first, at most limit of them (0: all), in the public view (an opinion's
// state carries no submitter).
func (l *Ledger) Changes(after int64, limit int) ([]Change, error) {
	q := `SELECT id, at, action, entity, entity_id, before, after, step FROM changes WHERE id > ? ORDER BY id`
	args := []any{after}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := l.db.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var before, afterS sql.NullString
		if err := rows.Scan(&c.ID, &c.At, &c.Action, &c.Entity, &c.EntityID, &before, &afterS, &c.Step); err != nil {
			return nil, err
		}
		if before.Valid {
			c.Before = json.RawMessage(before.String)
		}
		if afterS.Valid {
			c.After = json.RawMessage(afterS.String)
		}
		out = append(out, publicChange(c))
	}
	return out, rows.Err()
}
