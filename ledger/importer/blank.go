package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"taizhang/ledger"
)

// Answers that say there is nothing to say are counted as blank at import,
// not stored as opinions. Two kinds of words make them up:
//
//   - NothingPhrases say there is nothing: 无, 没有, 暂无, 无意见, (空) …
//   - CourtesyPhrases are what people add around it: 很好, 挺好, 谢谢 …
//
// An answer is blank (SaysNothing) when it is empty, a lone placeholder
// (/, -, N/A), or made only of these phrases with at least one of the
// first kind: "很好，没有", "没有，挺好", "无。谢谢", "暂时没有意见". An
// answer that may still say something stays an opinion: "挺好的，希望继续
// 保持" (a wish), "同上" (it refers to another answer), "很好" alone (praise
// is an opinion too); the suggestions engine may propose such answers for
// 不计入, where a person decides.
//
// The suggestions engine uses the same lists (NothingPhrases,
// CourtesyPhrases) and SaysNothing, so that import and suggestions agree.

// NothingPhrases are phrases that say there is nothing to say.
var NothingPhrases = []string{
	"无", "没有", "暂无", "没", "空", "(空)", "(跳过)", "跳过", "无无", "没了", "没有了", "无了",
	"无意见", "没有意见", "暂无意见", "没意见", "暂时没有", "暂时没有意见", "暂时无", "暂时无意见", "目前没有", "目前无",
	"目前没有意见", "目前暂无", "暂时没", "暂时还没有", "暂时想不到", "没什么", "没啥", "没什么意见", "没啥意见",
	"没有什么意见", "没有什么", "无建议", "没有建议", "暂无建议", "没什么建议", "没有什么建议",
	"无意见建议", "无意见和建议", "没有意见和建议", "没有意见建议", "暂无意见建议", "无任何意见", "没有任何意见",
	"无其他意见", "没有其他意见", "无其它意见", "无其他", "没有别的意见", "无问题", "没有问题", "暂无问题",
	"无可奉告", "n/a", "na", "none", "nil", "null", "no",
}

// CourtesyPhrases are what people write around "nothing" without saying
// anything more: 很好，没有.
var CourtesyPhrases = []string{
	"很好", "挺好", "挺好的", "都很好", "都挺好", "非常好", "好", "很好的", "满意", "很满意", "非常满意", "都满意",
	"谢谢", "感谢", "谢谢你们", "谢谢了", "多谢", "辛苦了", "辛苦", "就这些", "暂时就这些", "就这样", "嗯",
}

// marks are answers that are only a mark: /, -, ……
var marks = map[string]bool{
	"/": true, "-": true, "--": true, "—": true, "——": true, "、": true, ".": true, "。": true, "…": true, "……": true,
}

var (
	nothingSet  = phraseSet(NothingPhrases)
	courtesySet = phraseSet(CourtesyPhrases)
)

func phraseSet(ps []string) map[string]bool {
	m := make(map[string]bool, len(ps))
	for _, p := range ps {
		m[p] = true
	}
	return m
}

var (
	placeholderNorm = strings.NewReplacer("（", "(", "）", ")", " ", "", "\u3000", "")
	bracketNorm     = strings.NewReplacer("（", "(", "）", ")")
)

// maxNothing bounds the answers looked at: a long answer says something.
const maxNothing = 30

// SaysNothing reports whether an answer says there is nothing to say (see
// above): such answers are counted as blank, not stored as opinions.
func SaysNothing(s string) bool {
	s = ledger.TrimText(s)
	if s == "" {
		return true
	}
	if utf8.RuneCountInString(s) > maxNothing {
		return false
	}
	s = strings.ToLower(s)
	if whole := placeholderNorm.Replace(s); marks[whole] || nothingSet[whole] {
		return true
	}
	nothing := false
	for _, part := range strings.FieldsFunc(bracketNorm.Replace(s), isPhraseBreak) {
		part = strings.TrimRight(part, "的了啊呀吧哈")
		switch {
		case nothingSet[part]:
			nothing = true
		case courtesySet[part], part == "":
		default:
			return false
		}
	}
	return nothing
}

// isPhraseBreak separates the phrases of an answer: punctuation and white
// space.
func isPhraseBreak(r rune) bool {
	switch r {
	case '(', ')':
		return false // (空) is one phrase
	}
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
}
