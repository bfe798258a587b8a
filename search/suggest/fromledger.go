package suggest

import (
	"fmt"

	"taizhang/ledger"
)

// FromLedger reads what the engine needs from a ledger, through its public
// view (no submitter is read): every opinion, the problems and the
// members. Person is the respondent's row of an imported file (file hash,
// sheet and row), so that the same respondent's same text twice is seen;
// typed-in opinions and letters have none (a named submitter's repeats
// need a key the ledger would give without the name: not there yet).
// Rejections are not in the ledger yet: the caller adds them to
// Input.Rejected and Input.RejectedGroups.
func FromLedger(l *ledger.Ledger) (Input, error) {
	var in Input
	var err error
	if in.Members, err = l.Leaders(); err != nil {
		return in, err
	}
	ps, err := l.Problems()
	if err != nil {
		return in, err
	}
	for _, p := range ps {
		in.Problems = append(in.Problems, Problem{ID: p.ID, Title: p.Title, Category: p.Category, Targets: p.Targets})
	}
	err = l.EachOpinion(ledger.Filter{}, func(o ledger.Opinion) error {
		in.Opinions = append(in.Opinions, Opinion{ID: o.ID, Text: o.Text, Title: o.Title, Targets: o.Targets,
			Problem: o.ProblemID, Person: personKey(o.Source)})
		return nil
	})
	return in, err
}

// personKey is the respondent's row of an imported file, or "".
func personKey(s ledger.Source) string {
	if s.File == "" || s.Row <= 0 {
		return ""
	}
	return fmt.Sprintf("r:%s\x00%s\x00%d", s.Hash, s.Sheet, s.Row)
}
