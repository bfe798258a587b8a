package ledger

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Identifying details written inside an opinion's text (a phone number at
// the end of a letter, an ID number in a complaint, an e-mail address) and
// the speaker label that minutes put before an item ("王小明（办公室）：…")
// tell who spoke. The ledger keeps the text verbatim; everything a leader
// sees shows it through MaskIdentifying or Opinion.MaskedText.
//
// The patterns are deliberately narrow, so that dates (20261120,
// 2026-11-20), amounts (1,000 元, 13800000 元), document numbers (豫发〔2014〕
// 13号) and counts are never masked:
//
//   - mobile: 11 digits 1[3-9]xxxxxxxxx, alone or as 3-4-4 groups with a
//     space or hyphen, optionally after +86; masked 138****5678.
//   - landline: an area code 0xx or 0xxx, then 7 or 8 digits, separated by
//     a hyphen, a space or brackets ((0371)6xxxxxxx), or written together
//     as 11–12 digits starting with 0; masked 0371-****5678.
//   - ID number: 18 characters, a region code, a real birth date from 1900
//     on, three digits and a check character (digit or X); the check digit
//     is not verified (a mistyped number still identifies); masked
//     【身份证号已隐去】.
//   - e-mail: name@domain.tld; masked 【邮箱已隐去】.
//
// A number counts only where it stands alone: no digit or Latin letter
// right before or after it, and no unit (元, 万, 亿, 人, 次, %…) right after
// a phone number. Full-width digits (１３８…) are digits too.

// IdentifyingKind is the kind of an identifying detail.
type IdentifyingKind string

// The kinds of identifying details FindIdentifying finds.
const (
	IdentMobile   IdentifyingKind = "手机号码"
	IdentLandline IdentifyingKind = "固定电话"
	IdentIDNumber IdentifyingKind = "身份证号"
	IdentEmail    IdentifyingKind = "电子邮箱"
)

// Identifying is one identifying detail in a text: the bytes s[Start:End].
type Identifying struct {
	Kind       IdentifyingKind
	Start, End int
	Text       string
}

// AttrSpeakerLabel is the attribute under which an import records the
// speaker label it found at the start of a minutes item (the text before
// and including the colon, verbatim, e.g. "王小明（办公室）："). The label
// stays in the text; MaskedText hides it. The attribute's name marks it as
// personal (IsPersonalAttr), so PublicAttrs leaves it out.
const AttrSpeakerLabel = "发言人姓名"

const (
	dg = `[0-9０-９]`
	sp = `[ \-－—]`
)

var (
	reEmail    = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}`)
	reIDNumber = regexp.MustCompile(`[1-8１-８]` + dg + `{5}` + dg + `{8}` + dg + `{3}[0-9０-９Xx]`)
	reMobile   = regexp.MustCompile(`(?:\+?86` + sp + `?)?[1１][3-9３-９]` + dg + `(?:` + dg + `{8}|` + sp + dg + `{4}` + sp + dg + `{4})`)
	reLandline = regexp.MustCompile(`[(（]0` + dg + `{2,3}[)）]` + sp + `?` + dg + `{7,8}|0[1-9１-９]` + dg + `{1,2}` + sp + dg + `{7,8}|0[1-9１-９]` + dg + `{9,10}`)
)

// phoneUnits are characters that, right after a number, make it an amount
// or a count rather than a phone number.
const phoneUnits = "元万亿千百块角个人次件条户名位米吨斤平%％年月日号"

// FindIdentifying returns the phone numbers, ID numbers and e-mail
// addresses in s, in order of position, never overlapping.
func FindIdentifying(s string) []Identifying {
	if !mayIdentify(s) {
		return nil
	}
	var out []Identifying
	taken := func(a, b int) bool {
		for _, x := range out {
			if a < x.End && x.Start < b {
				return true
			}
		}
		return false
	}
	add := func(k IdentifyingKind, re *regexp.Regexp, ok func(a, b int) bool) {
		for _, m := range re.FindAllStringIndex(s, -1) {
			a, b := m[0], m[1]
			if !taken(a, b) && ok(a, b) {
				out = append(out, Identifying{k, a, b, s[a:b]})
			}
		}
	}
	add(IdentEmail, reEmail, func(a, b int) bool { return true })
	add(IdentIDNumber, reIDNumber, func(a, b int) bool {
		return standsAlone(s, a, b, false) && validIDDate(digitsOf(s[a:b]))
	})
	add(IdentMobile, reMobile, func(a, b int) bool { return standsAlone(s, a, b, true) })
	add(IdentLandline, reLandline, func(a, b int) bool { return standsAlone(s, a, b, true) })
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// mayIdentify is a quick test: a text with fewer than seven digits and no
// @ holds nothing FindIdentifying looks for.
func mayIdentify(s string) bool {
	if strings.IndexByte(s, '@') >= 0 {
		return true
	}
	n := 0
	for _, r := range s {
		if isDigit(r) {
			if n++; n >= 7 {
				return true
			}
		}
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func isLatin(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }

// standsAlone reports whether s[a:b] is not part of a longer number or word:
// no digit, Latin letter, decimal point or (for phones) currency sign before
// it, no digit or letter after it, and for phones no unit after it.
func standsAlone(s string, a, b int, phone bool) bool {
	if a > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:a])
		if isDigit(r) || isLatin(r) || r == '_' {
			return false
		}
		if r == '.' || r == '．' {
			if p, _ := utf8.DecodeLastRuneInString(s[:a-n]); isDigit(p) {
				return false // 3.13812345678
			}
		}
		if phone && strings.ContainsRune("¥￥$+-－", r) {
			return false
		}
	}
	if b < len(s) {
		r, n := utf8.DecodeRuneInString(s[b:])
		if isDigit(r) || isLatin(r) || r == '_' {
			return false
		}
		if r == '.' || r == '．' || r == ',' {
			if nx, _ := utf8.DecodeRuneInString(s[b+n:]); isDigit(nx) {
				return false // 13812345678.5, 13,800,000,000
			}
		}
		if phone && strings.ContainsRune(phoneUnits, r) {
			return false
		}
		if phone && (r == ' ' || r == '\u3000') {
			if nx, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[b:], " \u3000")); strings.ContainsRune(phoneUnits, nx) {
				return false // 13800000000 元
			}
		}
	}
	return true
}

// digitsOf returns the ASCII digits (and X) of s, full-width ones folded.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == 'X':
			b.WriteRune(r)
		case r == 'x':
			b.WriteRune('X')
		case r >= '０' && r <= '９':
			b.WriteRune(r - '０' + '0')
		}
	}
	return b.String()
}

// validIDDate checks the birth date inside an 18-character ID number.
func validIDDate(id string) bool {
	if len(id) != 18 {
		return false
	}
	y := idNum(id[6:10])
	m := idNum(id[10:12])
	d := idNum(id[12:14])
	if y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if d > days[m-1] {
		return false
	}
	if m == 2 && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return false
	}
	return true
}

func idNum(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// MaskIdentifying returns s with every detail FindIdentifying finds masked
// visibly: 138****5678, 0371-****5678, 【身份证号已隐去】, 【邮箱已隐去】. A text
// without any is returned unchanged.
func MaskIdentifying(s string) string {
	found := FindIdentifying(s)
	if len(found) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, x := range found {
		b.WriteString(s[last:x.Start])
		b.WriteString(maskOne(x))
		last = x.End
	}
	b.WriteString(s[last:])
	return b.String()
}

func maskOne(x Identifying) string {
	switch x.Kind {
	case IdentIDNumber:
		return "【身份证号已隐去】"
	case IdentEmail:
		return "【邮箱已隐去】"
	case IdentMobile:
		d := digitsOf(x.Text)
		prefix := ""
		if len(d) > 11 { // +86
			prefix = "+86 "
			d = d[len(d)-11:]
		}
		return prefix + d[:3] + "****" + d[7:]
	}
	// Landline: keep the area code and the last four digits.
	d := digitsOf(x.Text)
	area := 4
	if strings.HasPrefix(d, "01") || strings.HasPrefix(d, "02") {
		area = 3
	}
	if area > len(d)-4 {
		area = len(d) - 4
	}
	return d[:area] + "-****" + d[len(d)-4:]
}

// SpeakerMask replaces a speaker label in what a leader sees.
const SpeakerMask = "【发言人已隐去】"

// MaskedText returns the opinion's text as a leader may see it: the
// speaker label recorded in Attrs[AttrSpeakerLabel] at its start replaced
// by SpeakerMask, and phone numbers, ID numbers and e-mail addresses
// masked (MaskIdentifying). The ledger keeps Text itself verbatim.
func (o *Opinion) MaskedText() string {
	t := o.Text
	if label := o.Attrs[AttrSpeakerLabel]; label != "" {
		if i := strings.Index(t, label); i >= 0 && strings.TrimSpace(t[:i]) == "" {
			t = t[:i] + SpeakerMask + t[i+len(label):]
		}
	}
	return MaskIdentifying(t)
}

// Speaker labels: a name (a common surname and one to three more Han
// characters, or a surname and a post: 张主任, 李局长), optionally a unit
// in brackets, then a colon, at the very start of an item.
var reSpeaker = regexp.MustCompile(`^([\p{Han}·]{2,5})\s*(?:[（(]\s*([^（()）：:\n]{1,20}?)\s*[)）])?\s*[：:]`)

// notSpeaker are words that stand before a colon in minutes without being
// a person: 建议：…, 问题：…, 主要意见：…
var notSpeaker = []string{
	"建议", "意见", "问题", "原因", "措施", "内容", "情况", "结论", "总结", "备注", "说明", "要求", "主要", "具体",
	"其他", "其它", "补充", "发言", "讨论", "会议", "时间", "地点", "主题", "记录", "整改", "表现", "方面", "目标",
	"任务", "举措", "做法", "成效", "不足", "差距", "答复", "回复", "反映", "群众", "干部", "党员", "领导", "班子",
	"单位", "部门", "一是", "二是", "三是", "四是", "五是", "第一", "第二", "第三", "首先", "其次", "最后", "另外",
	"例如", "比如", "如下", "以下", "附件", "注意", "重点", "关于", "对于", "针对", "当前", "目前", "今后", "下一步",
	"文风", "会风", "作风", "学风", "党风", "政风", "家风", "方法", "方式", "方案", "方向", "安全", "安排", "成本", "成绩",
	"成果", "常态", "全面", "全体", "全部", "明确", "平台", "国家", "强化", "向上", "信访", "计划", "元旦", "公开", "公车",
	"公务", "解决", "路线", "金额", "周末", "周期", "程序", "党建", "严格", "施工", "文件", "文化", "经费", "关键", "管理",
	"宣传", "司法", "卫生", "包括", "建设", "车辆", "项目", "和谐", "原则", "劳动", "满意", "位置", "区域", "权力", "强调",
	"廉洁", "支持", "相关", "初步", "门槛", "来信", "来访", "普遍", "薄弱", "战略", "银行", "利益", "居民", "信息", "幸福",
	"由于", "司机", "明年", "时候", "平时", "高度", "高效", "金融", "常委", "常务", "江湖", "石料", "万一", "于是", "毛病",
	"黄金", "龙头", "齐心", "应当", "应该", "景区", "宗旨", "边界", "师资", "商业", "荣誉", "乐观", "海外", "丰富", "国有",
	"晋升", "容易", "印象", "危险", "智能", "奉献", "时间", "程度", "水平", "能力", "作用", "机制", "制度", "工作", "服务",
}

// surnames are the common Chinese surnames (the first character of a
// speaker label must be one of them).
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"

// posts may follow a surname instead of a given name (张主任：…).
var posts = []string{"书记", "副书记", "主任", "副主任", "局长", "副局长", "县长", "副县长", "市长", "副市长", "部长", "副部长",
	"科长", "副科长", "处长", "副处长", "镇长", "乡长", "村长", "站长", "所长", "院长", "校长", "主席", "委员", "组长", "队长",
	"经理", "总", "老师", "同志", "师傅", "大姐", "大哥", "主管", "干事", "秘书"}

// SpeakerLabel finds a speaker label at the start of an item of minutes
// ("王小明（办公室）：会议太多" gives label "王小明（办公室）：", name 王小明,
// unit 办公室). It requires a common surname, two to five characters of
// name (or surname and post), and refuses words that commonly stand before
// a colon (建议：, 主要问题：, 一是：).
func SpeakerLabel(s string) (label, name, unit string, ok bool) {
	lead := len(s) - len(strings.TrimLeft(s, " \t\u3000"))
	m := reSpeaker.FindStringSubmatchIndex(s[lead:])
	if m == nil {
		return "", "", "", false
	}
	t := s[lead:]
	name = t[m[2]:m[3]]
	if m[4] >= 0 {
		unit = strings.TrimSpace(t[m[4]:m[5]])
	}
	if name, ok = plausibleName(name); !ok {
		return "", "", "", false
	}
	rest := strings.TrimSpace(t[m[1]:])
	if rest == "" {
		return "", "", "", false // a label with nothing after it is a heading
	}
	return t[:m[1]], name, unit, true
}

// speechVerbs may end a label without being part of the name (王五说：).
const speechVerbs = "说讲谈称问答道"

// compoundSurnames are the two-character surnames.
var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "轩辕", "西门", "端木", "独孤", "南宫", "万俟", "闻人", "澹台", "申屠", "钟离", "呼延"}

// plausibleName reports whether the text before a colon reads as a person
// and returns it without a trailing speech verb.
func plausibleName(name string) (string, bool) {
	if r, n := utf8.DecodeLastRuneInString(name); strings.ContainsRune(speechVerbs, r) && utf8.RuneCountInString(name) > 2 {
		name = name[:len(name)-n]
	}
	first, _ := utf8.DecodeRuneInString(name)
	if !strings.ContainsRune(surnames, first) {
		return "", false
	}
	for _, w := range notSpeaker {
		if strings.Contains(name, w) {
			return "", false
		}
	}
	n := utf8.RuneCountInString(name)
	if n <= 3 {
		return name, true
	}
	// Four or five characters: a compound surname, surname and post
	// (李副局长), or a name with the middle dot of minority names.
	for _, c := range compoundSurnames {
		if strings.HasPrefix(name, c) && n == 4 {
			return name, true
		}
	}
	rest := name[len(string(first)):]
	for _, p := range posts {
		if strings.HasSuffix(rest, p) && utf8.RuneCountInString(rest) == utf8.RuneCountInString(p) {
			return name, true
		}
	}
	return name, strings.ContainsRune(name, '·')
}
