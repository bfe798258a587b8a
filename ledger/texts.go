package ledger

import (
	"context"
	"database/sql"
	"errors"
)

// Text returns a stored editable text (a report's opening paragraph, a
// leader's causes section …) by key, or "" if none was saved.
func (l *Ledger) Text(key string) (string, error) {
	var v string
	err := l.db.QueryRow(`SELECT value FROM texts WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetText stores an editable text under key (the empty string deletes it).
func (l *Ledger) SetText(key, value string) error {
	before, err := l.Text(key)
	if err != nil || before == value {
		return err
	}
	return l.write(context.Background(), func(w *writer) error {
		var err error
		if value == "" {
			_, err = w.tx.Exec(`DELETE FROM texts WHERE key = ?`, key)
		} else {
			_, err = w.tx.Exec(`INSERT INTO texts(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
		}
		if err != nil {
			return err
		}
		return w.log("text.set", "text", 0, map[string]string{key: before}, map[string]string{key: value})
	})
}
