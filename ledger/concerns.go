package ledger

import "slices"

// Concerns returns the targets an opinion concerns (涉及), sorted: the
// targets the opinion itself names, and the targets of the problem it is
// sorted into; a problem without targets concerns the team. An opinion
// that names nobody and is not sorted concerns nobody.
//
// This is the one definition of “涉及” behind every per-target count: the
// reports' tables and feedback sheets and Stats.ByTarget use it.
// problemTargets are the targets of the opinion's problem; sorted says
// whether it is in a problem at all.
func Concerns(own []int64, problemTargets []int64, sorted bool) []int64 {
	ts := slices.Clone(own)
	if sorted {
		if len(problemTargets) == 0 {
			ts = append(ts, TeamID)
		}
		ts = append(ts, problemTargets...)
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

// targetCounts counts, per target id, the opinions that concern it
// (Concerns), and the opinions that concern nobody, in one grouped query.
func (l *Ledger) targetCounts() (map[int64]int, int, error) {
	rows, err := l.db.Query(`SELECT o.targets, COALESCE(p.targets, ''), p.id IS NOT NULL, COUNT(*)
		FROM opinions o LEFT JOIN problems p ON p.id = o.problem_id GROUP BY 1, 2, 3`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out, none := map[int64]int{}, 0
	for rows.Next() {
		var own, pt string
		var sorted bool
		var n int
		if err := rows.Scan(&own, &pt, &sorted, &n); err != nil {
			return nil, 0, err
		}
		ts := Concerns(decodeTargets(own), decodeTargets(pt), sorted)
		if len(ts) == 0 {
			none += n
		}
		for _, t := range ts {
			out[t] += n
		}
	}
	return out, none, rows.Err()
}
