package reports

import (
	"sort"
	"strconv"
	"strings"

	"taizhang/ledger"
)

// Text is an editable text of a report: a title, the unit, the date, an
// opening paragraph, a leader's causes, a fact of 基本情况. It is stored in
// the ledger under Key (ledger.SetText); when nothing is stored the report
// uses Default, which is drafted from the ledger. Storing the empty string
// goes back to the default.
type Text struct {
	Key       string
	Label     string // what the window calls it: 报告标题, 开头段落 …
	Value     string // what the report prints
	Default   string
	Multiline bool
}

// Keys of the editable texts. Keys ending in ":" take a target: its id
// (0 for the team, a member's id otherwise; TargetKey) or, when typed, the
// member's name.
const (
	KeyUnit              = "report.unit"
	KeyDate              = "report.date"
	KeyRecipient         = "report.recipient"
	KeySituationTitle    = "report.situation.title:"
	KeySituationOpening  = "report.situation.opening:"
	KeySituationHandling = "report.situation.handling:"
	KeyFourWindsTitle    = "report.fourwinds.title:"
	KeyFourWindsOpening  = "report.fourwinds.opening:"
	KeyFourWindsCauses   = "report.fourwinds.causes:"
	KeyFourWindsMeasures = "report.fourwinds.measures:"
	KeyFeedbackTitle     = "report.feedback.title"
	KeyFeedbackOpening   = "report.feedback.opening"

	// 基本情况: what was done to collect the opinions, as the situation
	// report states it (召开座谈会8场，发放征求意见表110份，收回63份).
	KeyFactScope           = "report.facts.scope"
	KeyFactSymposiums      = "report.facts.symposiums"
	KeyFactSymposiumDetail = "report.facts.symposiums.detail"
	KeyFactTalks           = "report.facts.talks"
	KeyFactTalkDetail      = "report.facts.talks.detail"
	KeyFactVisits          = "report.facts.visits"
	KeyFactVisitDetail     = "report.facts.visits.detail"
	KeyFactFormsSent       = "report.facts.forms.sent"
	KeyFactFormsReturned   = "report.facts.forms.returned"

	defaultHandlingPrefix = "对征求到的意见建议，"
)

// textKey describes one key: its label, and what its value must be.
type textKey struct {
	key    string
	label  string
	number bool // a count: a whole number ≥ 0
}

// textKeys are every key a report reads, in the order the window and the
// command list them.
var textKeys = []textKey{
	{key: KeyUnit, label: "单位名称"},
	{key: KeyDate, label: "报告日期"},
	{key: KeyRecipient, label: "主送（报送的督导组）"},
	{key: KeyFactScope, label: "基本情况：征求范围"},
	{key: KeyFactSymposiums, label: "基本情况：召开座谈会（场）", number: true},
	{key: KeyFactSymposiumDetail, label: "基本情况：座谈会时间和主持人"},
	{key: KeyFactTalks, label: "基本情况：个别谈心谈话（人次）", number: true},
	{key: KeyFactTalkDetail, label: "基本情况：谈心谈话时间和主持人"},
	{key: KeyFactVisits, label: "基本情况：实地走访（次）", number: true},
	{key: KeyFactVisitDetail, label: "基本情况：走访时间和带队领导"},
	{key: KeyFactFormsSent, label: "基本情况：发放征求意见表（份）", number: true},
	{key: KeyFactFormsReturned, label: "基本情况：收回征求意见表（份）", number: true},
	{key: KeySituationTitle, label: "报告标题"},
	{key: KeySituationOpening, label: "开头段落"},
	{key: KeySituationHandling, label: "处理情况（立行立改）"},
	{key: KeyFourWindsTitle, label: "报告标题"},
	{key: KeyFourWindsOpening, label: "开头段落"},
	{key: KeyFourWindsCauses, label: "原因剖析"},
	{key: KeyFourWindsMeasures, label: "整改措施"},
	{key: KeyFeedbackTitle, label: "反馈表标题"},
	{key: KeyFeedbackOpening, label: "反馈说明"},
}

func lookupKey(prefix string) (textKey, bool) {
	for _, k := range textKeys {
		if k.key == prefix {
			return k, true
		}
	}
	return textKey{}, false
}

// TargetKey returns the key of a per-target text: TargetKey(KeyFourWindsCauses, 3).
func TargetKey(prefix string, target int64) string {
	return prefix + strconv.FormatInt(target, 10)
}

// KnownKeys describes the keys --set and the window accept, for a message:
// report.unit（单位名称）、… and the per-target keys written with :对象.
func KnownKeys() string {
	parts := make([]string, len(textKeys))
	for i, k := range textKeys {
		key := k.key
		if strings.HasSuffix(key, ":") {
			key += "对象"
		}
		parts[i] = key + "（" + k.label + "）"
	}
	return strings.Join(parts, "、") + "。“对象”写 领导班子、成员姓名，或其编号（0 为领导班子）"
}

// CheckDate checks a report date as typed (2026-11-26, 2026/11/26,
// 2026年11月26日) and returns it as YYYY-MM-DD; the empty string stays empty
// (back to the default).
func CheckDate(v string) (string, error) {
	d, ok := ledger.NormalizeDate(strings.TrimSpace(v))
	if !ok {
		return "", &ledger.Error{Msg: "报告日期“" + v + "”无法识别，请按 2026-11-26 或 2026年11月26日 的格式填写"}
	}
	return d, nil
}

// CheckText checks one text as typed, and returns the key to store it
// under and the value to store: an unknown key is refused with the list of
// known ones, a per-target key's target is resolved (a member's name
// becomes the id), a date must be a date and a count a whole number.
func CheckText(l *ledger.Ledger, key, value string) (string, string, error) {
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	prefix, target, perTarget := key, "", false
	if i := strings.IndexByte(key, ':'); i >= 0 {
		prefix, target, perTarget = key[:i+1], key[i+1:], true
	}
	k, ok := lookupKey(prefix)
	if !ok || perTarget != strings.HasSuffix(k.key, ":") || (perTarget && target == "") {
		return "", "", &ledger.Error{Msg: "没有“" + key + "”这处报告文字。可修改的有：" + KnownKeys()}
	}
	if perTarget {
		id, err := strconv.ParseInt(target, 10, 64)
		if err != nil {
			if id, err = l.ResolveTarget(target); err != nil {
				return "", "", err
			}
		}
		names, err := l.TargetNames()
		if err != nil {
			return "", "", err
		}
		if _, ok := names[id]; !ok {
			return "", "", &ledger.Error{Msg: "“" + key + "”：找不到编号为 " + target + " 的班子成员", Err: ledger.ErrNotFound}
		}
		key = TargetKey(prefix, id)
	}
	switch {
	case value == "":
	case k.key == KeyDate:
		d, err := CheckDate(value)
		if err != nil {
			return "", "", err
		}
		value = d
	case k.number:
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 {
			return "", "", &ledger.Error{Msg: k.label + "应填一个整数，而不是“" + value + "”"}
		}
		value = strconv.Itoa(n)
	}
	return key, value, nil
}

// SetTexts checks every key=value and, only when all are right, stores
// them (an empty value goes back to the default). It returns how many
// texts changed.
func SetTexts(l *ledger.Ledger, kv map[string]string) (int, error) {
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sets []textSet
	for _, k := range keys {
		key, value, err := CheckText(l, k, kv[k])
		if err != nil {
			return 0, err
		}
		sets = append(sets, textSet{key, value})
	}
	sent, _ := strconv.Atoi(valueOr(l, sets, KeyFactFormsSent))
	back, _ := strconv.Atoi(valueOr(l, sets, KeyFactFormsReturned))
	if back > sent && sent > 0 {
		return 0, &ledger.Error{Msg: "收回的征求意见表（" + itoa(back) + " 份）多于发放的（" + itoa(sent) + " 份），请核对"}
	}
	n := 0
	for _, s := range sets {
		before, err := l.Text(s.key)
		if err != nil {
			return n, err
		}
		if before == s.value {
			continue
		}
		if err := l.SetText(s.key, s.value); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// textSet is a checked key and the value to store under it.
type textSet struct{ key, value string }

// valueOr is the value a key will have: the one being set, else the stored one.
func valueOr(l *ledger.Ledger, sets []textSet, key string) string {
	for _, s := range sets {
		if s.key == key {
			return s.value
		}
	}
	v, _ := l.Text(key)
	return v
}

// legacyKeys are where the team's situation report kept its texts before
// every member had one of their own; a text stored there is still used.
var legacyKeys = map[string]string{
	TargetKey(KeySituationTitle, ledger.TeamID):    "report.situation.title",
	TargetKey(KeySituationOpening, ledger.TeamID):  "report.situation.opening",
	TargetKey(KeySituationHandling, ledger.TeamID): "report.situation.handling",
}

// texts reads editable texts and records which ones a report used.
type texts struct {
	l    *ledger.Ledger
	used []Text
	err  error
}

// get returns the text stored under key, else def; label adds to the
// key's label (（张三）for a per-target key).
func (t *texts) get(key, suffix, def string, multiline bool) string {
	for _, u := range t.used {
		if u.Key == key {
			return u.Value
		}
	}
	v, err := t.l.Text(key)
	if old, ok := legacyKeys[key]; ok && err == nil && v == "" {
		v, err = t.l.Text(old)
	}
	if err != nil && t.err == nil {
		t.err = err
	}
	prefix := key
	if i := strings.IndexByte(key, ':'); i >= 0 {
		prefix = key[:i+1]
	}
	k, _ := lookupKey(prefix)
	v = strings.TrimSpace(v)
	if v == "" {
		v = def
	}
	t.used = append(t.used, Text{Key: key, Label: k.label + suffix, Value: v, Default: def, Multiline: multiline})
	return v
}

// common texts: unit and date.
func (t *texts) unitDate(s *snapshot) (unit, date string) {
	unit = t.get(KeyUnit, "", s.info.Unit, false)
	def := s.info.PeriodEnd
	if def == "" {
		def = s.lastDate
	}
	date = t.get(KeyDate, "（如 2026-11-26）", def, false)
	if d, ok := ledger.NormalizeDate(date); ok {
		date = d
	}
	return unit, date
}

// recipient is the 主送 line under the title: the supervision group the
// report goes to, with its colon.
func (t *texts) recipient() string {
	r := t.get(KeyRecipient, "", "县委第X督导组", false)
	if r == "" {
		return ""
	}
	return strings.TrimRight(r, "：:") + "："
}

// signature is the closing block: who signs, and the date in Chinese.
func signature(who, date string) Block {
	return Block{Kind: Signature, Text: strings.TrimSpace(who + "\n" + cnDate(date))}
}
