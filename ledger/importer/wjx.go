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

// wjxMapping builds the mapping of a 问卷星 sheet: the submit time is the
// date, 填写者 the submitter, and each question column is open (its answers
// are opinions) or a choice (its answers become attributes of every opinion
// of that respondent). sample holds the first data rows.
func wjxMapping(header []string, sample [][]string) Mapping {
	var m Mapping
	for i, h := range header {
		col := i + 1
		n := normHeader(h)
		switch {
		case n == "提交答卷时间":
			m.Date = col
		case n == "填写者":
			m.Submitter = col
		case wjxMeta[n]:
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
	var n, total, multi int
	distinct := map[string]bool{}
	for _, v := range vals {
		v = ledger.TrimText(v)
		if v == "" || IsPlaceholder(v) {
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
			// values is still a choice (您认为最突出的问题是 A/B/C).
			if n >= 10 && len(distinct)*3 <= n {
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

// placeholders are answers that say there is nothing to say.
var placeholders = map[string]bool{
	"无": true, "没有": true, "暂无": true, "空": true, "(空)": true, "(跳过)": true, "跳过": true,
	"无意见": true, "没有意见": true, "暂无意见": true, "没意见": true, "暂时没有": true, "暂时没有意见": true,
	"无建议": true, "没有建议": true, "暂无建议": true, "无意见建议": true, "无意见和建议": true, "没有意见和建议": true,
	"没有意见建议": true, "暂无意见建议": true, "无其他意见": true, "没有其他意见": true, "无其它意见": true, "无其他": true,
	"没有了": true, "无无": true, "无问题": true, "没有问题": true, "暂无问题": true, "无。": true,
	"/": true, "-": true, "--": true, "—": true, "——": true, "、": true, ".": true, "。": true, "…": true, "……": true,
	"n/a": true, "na": true, "none": true, "nil": true, "null": true, "无可奉告": true,
}

var placeholderNorm = strings.NewReplacer("（", "(", "）", ")", " ", "", "\u3000", "")

// IsPlaceholder reports whether s says there is nothing to say (无, 没有,
// 暂无, (空), 无意见 …): such answers are counted as blank, not stored as
// opinions.
func IsPlaceholder(s string) bool {
	s = ledger.TrimText(s)
	if s == "" {
		return true
	}
	if utf8.RuneCountInString(s) > 12 {
		return false
	}
	s = placeholderNorm.Replace(strings.ToLower(s))
	if placeholders[s] {
		return true
	}
	t := strings.TrimRight(s, "。.！!~～，,；;")
	return t != s && (placeholders[t] || t == "")
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
