package search

// Synonyms are groups of words that mean the same thing in the opinions an
// office collects: the four winds' usual wordings and the complaints
// citizens raise most. With Options.Synonyms a query word that is one of a
// group also finds the others. A word that contains another of its group
// (住房公积金, 公积金) needs no entry: the shorter already finds the longer.
//
// 噪音 and 噪声 are deliberately not a group: a search for 噪音 finds exactly
// what contains 噪音.
var Synonyms = [][]string{
	{"公车", "公务用车", "公务车", "公家车"},
	{"吃喝", "宴请", "吃请", "大吃大喝"},
	{"文山会海", "会议多", "文件多", "开会多", "会多"},
	{"门难进", "脸难看", "事难办"},
	{"推诿", "扯皮", "踢皮球"},
	{"医保", "医疗保险"},
	{"社保", "社会保险"},
	{"物业", "物管"},
	{"拖欠工资", "欠薪", "拖欠农民工工资", "工资拖欠", "欠工资"},
	{"违建", "违章建筑", "违法建筑", "违章搭建", "私搭乱建"},
	{"红绿灯", "信号灯"},
	{"房产证", "不动产证", "不动产权证"},
	{"公租房", "廉租房"},
	{"黑车", "非法营运"},
}

var synonymIndex = func() map[string][]string {
	m := map[string][]string{}
	for _, g := range Synonyms {
		for _, w := range g {
			m[fold(w)] = g
		}
	}
	return m
}()

// Variants returns w and its synonyms (w first), or just w.
func Variants(w string) []string {
	g, ok := synonymIndex[fold(w)]
	if !ok {
		return []string{w}
	}
	out := []string{w}
	for _, v := range g {
		if fold(v) != fold(w) {
			out = append(out, v)
		}
	}
	return out
}
