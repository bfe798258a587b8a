package ledger

// Stats are the counts a status bar and the reports need.
type Stats struct {
	Opinions   int            `json:"opinions"`
	Problems   int            `json:"problems"`
	Unsorted   int            `json:"unsorted"`
	ByChannel  map[string]int `json:"by_channel"`
	ByCategory map[string]int `json:"by_category"` // problems per category
	// ByTarget counts, per target name, the opinions that concern it
	// (Concerns: its own targets or its problem's), as the reports do.
	ByTarget map[string]int `json:"by_target"`
	NoTarget int            `json:"no_target"` // opinions that concern nobody in particular
	Batches  int            `json:"batches"`
}

// Counts fills only Opinions, Problems and Unsorted (what the status bar
// shows after every change), from indexes: Stats also groups the opinions
// by channel and by target, which reads every row (BenchmarkCounts).
func (l *Ledger) Counts() (Stats, error) {
	var s Stats
	err := l.db.QueryRow(`SELECT (SELECT COUNT(*) FROM opinions), (SELECT COUNT(*) FROM problems),
		(SELECT COUNT(*) FROM opinions WHERE problem_id IS NULL)`).Scan(&s.Opinions, &s.Problems, &s.Unsorted)
	return s, err
}

// Stats counts the ledger's opinions and problems.
func (l *Ledger) Stats() (Stats, error) {
	s, err := l.Counts()
	if err != nil {
		return s, err
	}
	s.ByChannel, s.ByCategory, s.ByTarget = map[string]int{}, map[string]int{}, map[string]int{}
	if err := l.db.QueryRow(`SELECT COUNT(*) FROM batches`).Scan(&s.Batches); err != nil {
		return s, err
	}
	if err := countInto(l, s.ByChannel, `SELECT channel, COUNT(*) FROM opinions GROUP BY channel`); err != nil {
		return s, err
	}
	if err := countInto(l, s.ByCategory, `SELECT category, COUNT(*) FROM problems GROUP BY category`); err != nil {
		return s, err
	}
	names, err := l.TargetNames()
	if err != nil {
		return s, err
	}
	counts, none, err := l.targetCounts()
	if err != nil {
		return s, err
	}
	for id, n := range counts {
		if name, ok := names[id]; ok {
			s.ByTarget[name] = n
		}
	}
	s.NoTarget = none
	return s, nil
}

func countInto(l *Ledger, m map[string]int, q string) error {
	rows, err := l.db.Query(q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		m[k] = n
	}
	return rows.Err()
}
