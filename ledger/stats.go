package ledger

// Stats are the counts a status bar and the reports need.
type Stats struct {
	Opinions   int            `json:"opinions"`
	Problems   int            `json:"problems"`
	Unsorted   int            `json:"unsorted"`
	ByChannel  map[string]int `json:"by_channel"`
	ByCategory map[string]int `json:"by_category"` // problems per category
	ByTarget   map[string]int `json:"by_target"`   // opinions per target name
	Batches    int            `json:"batches"`
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
	targets := map[string]int{}
	if err := countInto(l, targets, `SELECT targets, COUNT(*) FROM opinions WHERE targets <> '' GROUP BY targets`); err != nil {
		return s, err
	}
	for enc, n := range targets {
		for _, id := range decodeTargets(enc) {
			if name, ok := names[id]; ok {
				s.ByTarget[name] += n
			}
		}
	}
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
