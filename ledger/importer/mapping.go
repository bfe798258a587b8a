package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"taizhang/ledger"
)

// Role is what a column of a sheet holds.
type Role string

// The roles a column can play. Columns with no role are kept verbatim in
// Opinion.Attrs under their header.
const (
	RoleText      Role = "text"      // 意见内容: every non-empty cell is one opinion
	RoleTitle     Role = "title"     // 留言主题, 标题
	RoleDate      Role = "date"      // 留言时间, 提交时间, 日期
	RoleSubmitter Role = "submitter" // 提出人, 姓名, 留言用户
	RoleUnit      Role = "unit"      // 单位, 部门
	RoleContact   Role = "contact"   // 联系方式, 电话
	RoleTarget    Role = "target"    // 反映对象, 指向对象
	RoleChannel   Role = "channel"   // 征求渠道
)

// Roles lists the roles in the order a mapping editor shows them, with
// their Chinese names.
var Roles = []struct {
	Role Role
	Name string
}{
	{RoleText, "意见内容"}, {RoleTitle, "标题/主题"}, {RoleDate, "日期"}, {RoleSubmitter, "提出人"},
	{RoleUnit, "单位"}, {RoleContact, "联系方式"}, {RoleTarget, "反映对象"}, {RoleChannel, "渠道"},
}

// Mapping says which column of a sheet plays which role. Columns are
// 1-based; 0 means none. Text may name several columns (a questionnaire's
// open questions): each non-empty cell of each is one opinion.
type Mapping struct {
	HeaderRow int   `json:"header_row"` // 1-based row of the header; 0: find it
	Text      []int `json:"text"`
	Title     int   `json:"title,omitempty"`
	Date      int   `json:"date,omitempty"`
	Submitter int   `json:"submitter,omitempty"`
	Unit      int   `json:"unit,omitempty"`
	Contact   int   `json:"contact,omitempty"`
	Target    int   `json:"target,omitempty"`
	Channel   int   `json:"channel,omitempty"`
}

// Get returns the column of a single-column role (the first text column
// for RoleText), 0 if none.
func (m *Mapping) Get(r Role) int {
	switch r {
	case RoleText:
		if len(m.Text) > 0 {
			return m.Text[0]
		}
		return 0
	case RoleTitle:
		return m.Title
	case RoleDate:
		return m.Date
	case RoleSubmitter:
		return m.Submitter
	case RoleUnit:
		return m.Unit
	case RoleContact:
		return m.Contact
	case RoleTarget:
		return m.Target
	case RoleChannel:
		return m.Channel
	}
	return 0
}

// Set makes col (1-based, 0 for none) play role r. For RoleText it replaces
// the text columns with col alone. A column plays one role: any other role
// it played is cleared.
func (m *Mapping) Set(r Role, col int) {
	if col > 0 {
		m.clearCol(col)
	}
	switch r {
	case RoleText:
		m.Text = nil
		if col > 0 {
			m.Text = []int{col}
		}
	case RoleTitle:
		m.Title = col
	case RoleDate:
		m.Date = col
	case RoleSubmitter:
		m.Submitter = col
	case RoleUnit:
		m.Unit = col
	case RoleContact:
		m.Contact = col
	case RoleTarget:
		m.Target = col
	case RoleChannel:
		m.Channel = col
	}
}

func (m *Mapping) clearCol(col int) {
	var text []int
	for _, c := range m.Text {
		if c != col {
			text = append(text, c)
		}
	}
	m.Text = text
	for _, p := range []*int{&m.Title, &m.Date, &m.Submitter, &m.Unit, &m.Contact, &m.Target, &m.Channel} {
		if *p == col {
			*p = 0
		}
	}
}

// roleOf returns the role of a 1-based column, "" for none.
func (m *Mapping) roleOf(col int) Role {
	for _, c := range m.Text {
		if c == col {
			return RoleText
		}
	}
	for _, r := range Roles[1:] {
		if m.Get(r.Role) == col {
			return r.Role
		}
	}
	return ""
}

// roleWords are the header words that suggest a role, best first. A header
// equal to a word scores higher than one containing it.
var roleWords = []struct {
	role  Role
	words []string
}{
	{RoleTitle, []string{"留言主题", "意见主题", "主题", "标题", "事项", "title", "subject"}},
	{RoleDate, []string{"留言时间", "提交时间", "提交答卷时间", "征求时间", "反映时间", "收集时间", "来信时间", "日期", "时间", "date", "time", "submitted_at", "created_at"}},
	{RoleSubmitter, []string{"留言用户", "提出人", "反映人", "提交人", "建议人", "来信人", "姓名", "署名", "填写者", "用户", "name", "user", "author"}},
	{RoleUnit, []string{"提出单位", "所在单位", "工作单位", "单位", "部门", "unit", "department"}},
	{RoleContact, []string{"联系方式", "联系电话", "电话", "手机", "邮箱", "contact", "phone", "email"}},
	{RoleTarget, []string{"反映对象", "指向对象", "意见对象", "针对对象", "指向", "对象", "target"}},
	{RoleChannel, []string{"征求渠道", "来源渠道", "渠道", "channel"}},
	{RoleText, []string{"留言详情", "留言内容", "意见内容", "原始意见", "意见建议", "意见和建议", "意见及建议", "具体意见", "具体问题", "问题描述", "反映问题", "反映内容", "诉求内容", "主要问题", "意见", "建议", "内容", "问题", "留言", "诉求", "正文", "评论", "review", "comment", "content", "text", "opinion", "message"}},
}

// notText are words that keep a header from being guessed as the text
// column by containment (问题类别 is a category, not the text).
var notText = []string{"类别", "分类", "类型", "编号", "序号", "数", "号", "时间", "日期", "主题", "标题", "对象", "渠道", "状态", "人", "单位", "id"}

var headerNorm = strings.NewReplacer(" ", "", "\u3000", "", "\n", "", "\r", "", "\t", "", "*", "", "：", "", ":", "")

func normHeader(s string) string {
	s = strings.ToLower(ledger.TrimText(s))
	return headerNorm.Replace(s)
}

// roleScore scores how well header h suggests role r (0: not at all).
func roleScore(r Role, words []string, h string) int {
	if h == "" || utf8.RuneCountInString(h) > 30 {
		return 0
	}
	for i, w := range words {
		if h == w {
			return 200 - i
		}
	}
	for i, w := range words {
		if strings.Contains(h, w) {
			if r == RoleText {
				for _, n := range notText {
					if strings.Contains(h, n) {
						return 0
					}
				}
			}
			return 100 - i
		}
	}
	return 0
}

// GuessMapping guesses the roles from the header. Each column plays at
// most one role and each role goes to its best-scoring column.
func GuessMapping(header []string) Mapping {
	type cand struct{ col, score int }
	best := map[Role]cand{}
	taken := map[int]bool{}
	// Score every (column, role); assign in decreasing score order.
	type pair struct {
		role       Role
		col, score int
	}
	var pairs []pair
	for i, h := range header {
		n := normHeader(h)
		for _, rw := range roleWords {
			if s := roleScore(rw.role, rw.words, n); s > 0 {
				pairs = append(pairs, pair{rw.role, i + 1, s})
			}
		}
	}
	for len(pairs) > 0 {
		bi := 0
		for i, p := range pairs {
			if p.score > pairs[bi].score || (p.score == pairs[bi].score && p.col < pairs[bi].col) {
				bi = i
			}
		}
		p := pairs[bi]
		pairs = append(pairs[:bi], pairs[bi+1:]...)
		if _, done := best[p.role]; done || taken[p.col] {
			continue
		}
		best[p.role] = cand{p.col, p.score}
		taken[p.col] = true
	}
	var m Mapping
	for r, c := range best {
		m.Set(r, c.col)
	}
	return m
}

// guessTextByLength picks the column whose sample cells are longest on
// average (at least 8 characters), for sheets whose header names no text
// column. It returns 0 when no column qualifies.
func guessTextByLength(m Mapping, sample [][]string, ncol int) int {
	best, bestAvg := 0, 8.0
	for c := 1; c <= ncol; c++ {
		if m.roleOf(c) != "" {
			continue
		}
		total, n := 0, 0
		for _, row := range sample {
			if c <= len(row) {
				if v := ledger.TrimText(row[c-1]); v != "" {
					total += utf8.RuneCountInString(v)
					n++
				}
			}
		}
		if n > 0 && float64(total)/float64(n) > bestAvg {
			best, bestAvg = c, float64(total)/float64(n)
		}
	}
	return best
}

// isHeaderRow scores a row as a header: the number of cells that suggest
// a role (short cells only), or -1 for a row that cannot be a header.
func headerScore(cells []string) (score, filled int) {
	for _, c := range cells {
		n := normHeader(c)
		if n == "" {
			continue
		}
		filled++
		if utf8.RuneCountInString(n) > 30 {
			continue
		}
		for _, rw := range roleWords {
			if roleScore(rw.role, rw.words, n) > 0 {
				score++
				break
			}
		}
	}
	return score, filled
}

// findHeader picks the header among the first rows of a sheet (given with
// their 1-based row numbers): the first row with two or more filled cells of
// which at least one names a role; else the first row with two or more
// filled cells; else a lone cell that names a role. A merged title row
// above the header has one filled cell and is passed over.
func findHeader(rows []numberedRow) int {
	for _, r := range rows {
		if s, f := headerScore(r.cells); f >= 2 && s >= 1 {
			return r.n
		}
	}
	for _, r := range rows {
		if _, f := headerScore(r.cells); f >= 2 {
			return r.n
		}
	}
	for _, r := range rows {
		if s, f := headerScore(r.cells); f == 1 && s == 1 {
			return r.n
		}
	}
	return 0
}

type numberedRow struct {
	n     int
	cells []string
}

// LayoutKey identifies a sheet layout by its header row: files of the same
// layout (next month's export from the same system) share the key, so the
// mapping a user corrected once is used again.
func LayoutKey(header []string) string {
	h := sha256.New()
	for _, c := range header {
		h.Write([]byte(normHeader(c)))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// mapKey is the ledger text key under which a layout's mapping is stored.
func mapKey(layout string) string { return "importmap:" + layout }

// RememberedMapping returns the mapping stored in l for a layout, if any.
func RememberedMapping(l *ledger.Ledger, layout string) (Mapping, bool) {
	s, err := l.Text(mapKey(layout))
	if err != nil || s == "" {
		return Mapping{}, false
	}
	var m Mapping
	if json.Unmarshal([]byte(s), &m) != nil || len(m.Text) == 0 {
		return Mapping{}, false
	}
	return m, true
}

// RememberMapping stores m for a layout in l.
func RememberMapping(l *ledger.Ledger, layout string, m Mapping) error {
	b, _ := json.Marshal(m)
	return l.SetText(mapKey(layout), string(b))
}

// validate checks a mapping against the number of header columns.
func (m *Mapping) validate(ncol int) bool {
	if len(m.Text) == 0 {
		return false
	}
	for _, c := range m.Text {
		if c < 1 || c > ncol {
			return false
		}
	}
	for _, r := range Roles[1:] {
		if c := m.Get(r.Role); c < 0 || c > ncol {
			return false
		}
	}
	return true
}

func sortStrings(s []string) { sort.Strings(s) }

// ColumnIndex reads a column given by a person: a 1-based number (3), a
// column letter (C, AA) or a header (意见内容). It returns the 1-based column.
func ColumnIndex(header []string, spec string) (int, bool) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(spec); err == nil {
		return n, n >= 1
	}
	for i, h := range header {
		if h == spec {
			return i + 1, true
		}
	}
	for i, h := range header {
		if normHeader(h) == normHeader(spec) {
			return i + 1, true
		}
	}
	if len(spec) <= 3 {
		n := 0
		for _, r := range spec {
			if r < 'A' || r > 'Z' {
				return 0, false
			}
			n = n*26 + int(r-'A'+1)
		}
		return n, true
	}
	return 0, false
}
