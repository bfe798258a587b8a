package suggest

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"taizhang/ledger/importer"
)

// NotOpinion proposes marking an opinion 不计入 (not counted): an answer
// that may still say something but most likely says nothing to sort
// (挺好的，希望继续保持; 同上), a test row, or the same person's same text
// again. It is only ever a proposal: the person decides, and nothing is
// dropped.
type NotOpinion struct {
	Opinion int64
	Kind    string // 无实质内容, 测试, 重复
	Reason  string // Simplified Chinese
	// Same is the earlier opinion a 重复 repeats.
	Same int64
}

// emptyPhrases say nothing to sort: praise, thanks, assent. An answer made
// only of these (and punctuation) is proposed for 不计入. The blanks of an
// import (无, 没有, 暂无意见 …) are the importer's (importer.IsPlaceholder)
// and never reach a ledger.
var emptyPhrases = []string{
	"希望继续保持", "继续保持", "保持下去", "再接再厉", "继续努力", "越来越好", "一如既往",
	"非常满意", "比较满意", "很满意", "满意", "非常好", "挺好的", "挺好", "很好", "都很好", "都挺好", "还好", "还行", "还可以", "不错", "很不错", "好的", "好",
	"见上一题", "见上题", "见上", "同前面", "同前", "同上", "同意", "赞同", "支持", "认同",
	"多为老百姓办实事", "为老百姓办实事", "为人民服务", "为民办实事", "多办实事", "办实事", "没什么要说的", "要说的",
	"意见和建议", "意见建议", "没有什么意见", "什么意见", "意见", "建议", "希望", "们", "县委", "县政府", "政府", "工作的", "的工作", "无补充", "没有补充", "无其他", "没有其他", "没什么", "没啥", "没有什么", "暂时没有", "目前没有", "暂时没想到", "想不到", "说不好", "不清楚", "不知道",
	"谢谢", "感谢", "辛苦了", "辛苦", "加油", "点赞", "给力",
	"无意见", "没有意见", "没意见", "暂无意见", "无建议", "没有建议", "暂无", "没有", "无",
	"工作", "领导", "班子", "大家", "都", "也", "了", "的", "吧", "啊", "呀", "哦", "嗯", "很", "非常", "特别", "总体", "整体", "总的来说", "我觉得", "我认为", "目前", "暂时",
}

// testWords mark a row someone typed to try the form.
var testWords = []string{"测试", "test", "ceshi", "试一下", "试试", "试填", "aaa", "asdf", "qwer", "1234", "哈哈"}

// NotOpinions proposes 不计入 for the unsorted opinions that look like no
// opinion, in id order.
func (m *Model) NotOpinions() []NotOpinion {
	var out []NotOpinion
	first := map[string]int64{} // person + text → first opinion id
	ids := make([]int, len(m.in.Opinions))
	for i := range ids {
		ids[i] = i
	}
	sort.Slice(ids, func(a, b int) bool { return m.in.Opinions[ids[a]].ID < m.in.Opinions[ids[b]].ID })
	for _, i := range ids {
		o := &m.in.Opinions[i]
		if o.Excluded {
			continue
		}
		key := ""
		if o.Person != "" {
			key = o.Person + "\x00" + sameText(o.Text)
		}
		earlier, seen := first[key]
		if key != "" && !seen {
			first[key] = o.ID
		}
		if o.Problem != 0 {
			continue
		}
		if key != "" && seen {
			out = append(out, NotOpinion{Opinion: o.ID, Kind: "重复", Same: earlier,
				Reason: fmt.Sprintf("同一提出人的同一内容，第 %d 条已有", earlier)})
			continue
		}
		if n, ok := notOpinionText(o.Text); ok {
			out = append(out, n.with(o.ID))
		}
	}
	return out
}

func (n NotOpinion) with(id int64) NotOpinion { n.Opinion = id; return n }

// notOpinionText tells whether a text alone looks like no opinion.
func notOpinionText(text string) (NotOpinion, bool) {
	t := strings.TrimSpace(normalize(text))
	if importer.SaysNothing(t) {
		return NotOpinion{Kind: "无实质内容", Reason: "只写了「" + strings.TrimSpace(text) + "」，没有具体意见"}, true
	}
	if utf8.RuneCountInString(t) > 30 {
		return NotOpinion{}, false
	}
	for _, w := range testWords {
		if strings.Contains(t, w) && utf8.RuneCountInString(strings.ReplaceAll(t, w, "")) <= 4 {
			return NotOpinion{Kind: "测试", Reason: "像是试填的一行（「" + strings.TrimSpace(text) + "」）"}, true
		}
	}
	if hanCount([]rune(t)) == 0 && len(t) > 0 && utf8.RuneCountInString(t) <= 12 {
		return NotOpinion{Kind: "测试", Reason: "没有一个汉字（「" + strings.TrimSpace(text) + "」）"}, true
	}
	rest := t
	for _, p := range emptyPhrases {
		rest = strings.ReplaceAll(rest, p, "")
	}
	rest = strings.TrimFunc(rest, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) })
	left := 0
	for _, r := range rest {
		if !unicode.IsPunct(r) && !unicode.IsSpace(r) && !unicode.IsSymbol(r) {
			left++
		}
	}
	if left <= 1 {
		return NotOpinion{Kind: "无实质内容", Reason: "只说了「" + strings.TrimSpace(text) + "」，没有具体意见"}, true
	}
	return NotOpinion{}, false
}

// sameText folds a text for "the same text": spaces and punctuation do not
// count.
func sameText(s string) string {
	var b strings.Builder
	for _, r := range normalize(s) {
		if unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
