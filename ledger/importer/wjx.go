package importer

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"taizhang/ledger"
)

// 问卷星 (wjx.cn) exports: metadata columns first, then one column per
// question headed "N、题目".
var wjxMeta = map[string]bool{
	"序号": true, "提交答卷时间": true, "所用时间": true, "来源": true, "来源详情": true, "来自ip": true, "填写者": true,
	"答卷编号": true, "总分": true,
}

var reQuestion = regexp.MustCompile(`^\s*(?:[qQ]|第)?(\d{1,3})\s*[、.．:：)）]`)

// IsWJX reports whether a header row is a 问卷星 export: the submit time
// column (提交答卷时间) or 序号 with another metadata column, and at least one
// question column headed "N、题目".
func IsWJX(header []string) bool {
	meta, questions, submit := 0, 0, false
	for _, h := range header {
		n := normHeader(h)
		if wjxMeta[n] {
			meta++
			if n == "提交答卷时间" {
				submit = true
			}
		} else if reQuestion.MatchString(h) {
			questions++
		}
	}
	return questions >= 1 && (submit || meta >= 3)
}

// openWords in a question suggest an open (fill-in) question.
var openWords = []string{"意见", "建议", "问题", "看法", "想法", "说明", "请写", "请填写", "请具体", "具体", "补充", "哪些", "什么", "如何", "怎样", "描述", "其他", "其它", "原因", "留言"}

// choiceWords suggest a choice question whatever its answers look like.
var choiceWords = []string{"性别", "年龄", "学历", "职务", "职级", "身份", "政治面貌", "是否", "满意", "评价", "程度", "打分", "评分", "类型", "工龄", "所在单位", "单位性质"}

// submitterQuestions are the words of questions that ask who the
// respondent is: their answers are submitter details, never opinions,
// whatever the question's number. The first matching entry decides.
var submitterQuestions = []struct {
	role  Role // RoleSubmitter, RoleUnit, RoleContact; "" for a personal attribute
	words []string
}{
	{"", []string{"身份证", "证件号", "工号", "学号", "住址", "家庭地址", "居住地址", "微信号", "qq"}},
	{RoleContact, []string{"联系电话", "联系方式", "手机号", "手机", "电话", "邮箱", "电子邮件", "email", "e-mail", "微信", "联系人"}},
	{RoleSubmitter, []string{"姓名", "名字", "您的名称", "署名", "填写人", "填表人"}},
	{RoleUnit, []string{"所在单位", "工作单位", "单位名称", "您的单位", "所在部门", "所在科室", "单位", "部门", "科室"}},
}

// notSubmitterQuestion are words of questions that mention a unit or a
// phone without asking for the respondent's own.
var notSubmitterQuestion = []string{"意见", "建议", "问题", "看法", "评价", "满意", "反映", "认为", "是否", "热线", "哪", "如何", "怎样", "为什么", "多少", "几", "对"}

// isSubmitterQuestion tells whether a question asks who the respondent
// is, and as what: "contact", "submitter", "unit", or "personal" for an
// identifying detail with no role of its own (身份证号); "" otherwise.
func isSubmitterQuestion(header string) string {
	q := strings.ToLower(normHeader(reQuestion.ReplaceAllString(header, "")))
	if q == "" || utf8.RuneCountInString(q) > 20 {
		return ""
	}
	for _, w := range notSubmitterQuestion {
		if strings.Contains(q, w) {
			return "" // 您对本单位有什么意见, 您是否拨打过热线电话
		}
	}
	for _, sq := range submitterQuestions {
		for _, w := range sq.words {
			if strings.Contains(q, w) {
				if sq.role == "" {
					return "personal"
				}
				return string(sq.role)
			}
		}
	}
	return ""
}

// wjxMapping builds the mapping of a 问卷星 sheet: the submit time is the
// date, 填写者 the submitter, the questions that ask who the respondent is
// (姓名, 联系电话, 单位 …) the submitter's details, and each other question
// column is open (its answers are opinions) or a choice (its answers
// become attributes of every opinion of that respondent). sample holds the
// first data rows.
func wjxMapping(header []string, sample [][]string) Mapping {
	var m Mapping
	for i, h := range header {
		col := i + 1
		n := normHeader(h)
		switch {
		case n == "提交答卷时间":
			m.Date = col
		case n == "填写者":
			if m.Submitter == 0 {
				m.Submitter = col
			}
		case wjxMeta[n]:
		case reQuestion.MatchString(h) && isSubmitterQuestion(h) != "":
			// Kept as the submitter's name, unit or contact when the role is
			// free; else (a second phone, an ID number) as an attribute,
			// which is personal by its header or marked so by the ledger.
			switch Role(isSubmitterQuestion(h)) {
			case RoleSubmitter:
				if m.Submitter == 0 {
					m.Submitter = col
				}
			case RoleUnit:
				if m.Unit == 0 {
					m.Unit = col
				}
			case RoleContact:
				if m.Contact == 0 {
					m.Contact = col
				}
			}
		case reQuestion.MatchString(h):
			var vals []string
			for _, r := range sample {
				if i < len(r) {
					vals = append(vals, r[i])
				}
			}
			if isOpenQuestion(h, vals) {
				m.Text = append(m.Text, col)
			}
		}
	}
	return m
}

// isOpenQuestion classifies a question column from its header and a sample
// of its answers.
func isOpenQuestion(header string, vals []string) bool {
	var n, total, multi, nothing int
	distinct := map[string]bool{}
	for _, v := range vals {
		v = ledger.TrimText(v)
		if v == "" || SaysNothing(v) {
			if v != "" && !isSkipMark(v) {
				nothing++ // typed by the respondent: 无, 没有, 暂无意见
			}
			continue
		}
		n++
		total += utf8.RuneCountInString(v)
		distinct[v] = true
		if strings.Contains(v, "┋") || strings.Contains(v, "→") {
			multi++
		}
	}
	if multi > 0 {
		return false // multi-select or ranking answers
	}
	q := reQuestion.ReplaceAllString(header, "")
	for _, w := range choiceWords {
		if strings.Contains(q, w) {
			return false
		}
	}
	if n > 0 && float64(total)/float64(n) >= 12 {
		return true
	}
	for _, w := range openWords {
		if strings.Contains(q, w) {
			// An open-sounding question whose answers repeat a few short
			// values is still a choice (您认为最突出的问题是 A/B/C), unless
			// many respondents typed 无: nobody types 无 into a choice, and
			// the few who wrote something are the opinions.
			if n >= 10 && len(distinct)*3 <= n && nothing*5 < n+nothing {
				return false
			}
			return true
		}
	}
	if n >= 5 && len(distinct)*2 <= n {
		return false
	}
	if n == 0 {
		return false
	}
	return float64(total)/float64(n) >= 6 && len(distinct) == n
}

// isSkipMark reports whether an answer is what 问卷星 writes for a question
// left out, rather than something a respondent typed.
func isSkipMark(v string) bool {
	switch placeholderNorm.Replace(v) {
	case "(空)", "(跳过)", "空", "跳过", "-", "/":
		return true
	}
	return false
}

// splitChoices splits a multi-select answer on ┋ and joins the options
// with "；" for Opinion.Attrs.
func splitChoices(v string) string {
	if !strings.Contains(v, "┋") {
		return v
	}
	parts := strings.Split(v, "┋")
	out := parts[:0]
	for _, p := range parts {
		if p = ledger.TrimText(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "；")
}
