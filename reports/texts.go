package reports

import (
	"strconv"
	"strings"

	"taizhang/ledger"
)

// Text is an editable text of a report: a title, the unit, the date, an
// opening paragraph, a leader's causes. It is stored in the ledger under Key
// (ledger.SetText); when nothing is stored the report uses Default, which is
// drafted from the ledger. Storing the empty string goes back to the default.
type Text struct {
	Key       string
	Label     string // what the window calls it: 报告标题, 开头段落 …
	Value     string // what the report prints
	Default   string
	Multiline bool
}

// Keys of the editable texts. Keys ending in ":" take a target id
// (0 for the team, a member's id otherwise).
const (
	KeyUnit               = "report.unit"
	KeyDate               = "report.date"
	KeySituationTitle     = "report.situation.title"
	KeySituationOpening   = "report.situation.opening"
	KeySituationHandling  = "report.situation.handling"
	KeyFourWindsTitle     = "report.fourwinds.title:"
	KeyFourWindsOpening   = "report.fourwinds.opening:"
	KeyFourWindsCauses    = "report.fourwinds.causes:"
	KeyFourWindsMeasures  = "report.fourwinds.measures:"
	KeyFeedbackTitle      = "report.feedback.title"
	KeyFeedbackOpening    = "report.feedback.opening"
	defaultHandlingPrefix = "对征求到的意见建议，"
)

// TargetKey returns the key of a per-target text: TargetKey(KeyFourWindsCauses, 3).
func TargetKey(prefix string, target int64) string {
	return prefix + strconv.FormatInt(target, 10)
}

// texts reads editable texts and records which ones a report used.
type texts struct {
	l    *ledger.Ledger
	used []Text
	err  error
}

func (t *texts) get(key, label, def string, multiline bool) string {
	v, err := t.l.Text(key)
	if err != nil && t.err == nil {
		t.err = err
	}
	for _, u := range t.used {
		if u.Key == key {
			return u.Value
		}
	}
	v = strings.TrimSpace(v)
	if v == "" {
		v = def
	}
	t.used = append(t.used, Text{Key: key, Label: label, Value: v, Default: def, Multiline: multiline})
	return v
}

// common texts: unit and date.
func (t *texts) unitDate(s *snapshot) (unit, date string) {
	unit = t.get(KeyUnit, "单位名称", s.info.Unit, false)
	def := s.info.PeriodEnd
	if def == "" {
		def = s.lastDate
	}
	date = t.get(KeyDate, "报告日期（YYYY-MM-DD）", def, false)
	if d, ok := ledger.NormalizeDate(date); ok {
		date = d
	}
	return unit, date
}

// subtitle lines: the unit (or a member) and the date in Chinese.
func subtitle(lines []string, date string) []string {
	if date != "" {
		lines = append(lines, cnDate(date))
	}
	return lines
}
