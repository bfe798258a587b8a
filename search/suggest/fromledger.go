package suggest

import (
	"fmt"

	"taizhang/ledger"
)

// FromLedger reads what the engine needs from a ledger: every opinion
// (Person is a key made from the submitter's name and contact, or from a
// questionnaire respondent's file and row; it is compared, never shown),
// the problems and the members. Rejections are not in the ledger yet: the
// caller adds them to Input.Rejected and Input.RejectedGroups.
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
			Problem: o.ProblemID, Person: personKey(o)})
		return nil
	})
	return in, err
}

// personKey is who said an opinion, as far as the ledger knows: a
// submitter who gave a name or contact, else the respondent's row of an
// imported file; "" when unknown (anonymous letters are not one person).
func personKey(o ledger.Opinion) string {
	s := o.Submitter
	switch {
	case s.Anonymous:
		return ""
	case s.Name != "" || s.Contact != "":
		return "p:" + ledger.TrimText(s.Name) + "\x00" + ledger.TrimText(s.Contact)
	case o.Source.File != "" && o.Source.Row > 0:
		return fmt.Sprintf("r:%s\x00%s\x00%d", o.Source.Hash, o.Source.Sheet, o.Source.Row)
	}
	return ""
}
