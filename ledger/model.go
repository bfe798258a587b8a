package ledger

import (
	"strconv"
	"strings"
	"time"
)

// Extension is the file extension of a ledger file.
const Extension = ".taizhang"

// TeamID is the target id of the leadership team as a whole (领导班子).
// Members have positive ids.
const TeamID int64 = 0

// TeamName is how the team is named wherever a target is shown or typed.
const TeamName = "领导班子"

// The four winds (四风) and the category kept apart for work problems.
const (
	Formalism     = "形式主义"
	Bureaucratism = "官僚主义"
	Hedonism      = "享乐主义"
	Extravagance  = "奢靡之风"
	OtherWork     = "其他·工作问题"
)

// Categories lists the problem categories in board and report order.
var Categories = []string{Formalism, Bureaucratism, Hedonism, Extravagance, OtherWork}

// Problem kinds: an individual problem or one shared widely.
const (
	Individual = "个性"
	Shared     = "共性"
)

// Info describes a ledger: the unit (单位), a title, and the campaign period.
type Info struct {
	Unit        string `json:"unit"`
	Title       string `json:"title"`
	PeriodStart string `json:"period_start"` // YYYY-MM-DD or empty
	PeriodEnd   string `json:"period_end"`   // YYYY-MM-DD or empty
}

// Leader is a member of the leadership team (班子成员).
type Leader struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Post      string `json:"post"`      // 职务
	Portfolio string `json:"portfolio"` // 分工
	Position  int    `json:"position"`  // display order, 0 first
}

// Submitter is who raised an opinion. Every field is optional; names and
// contacts are protected and never shown in anything a leader sees: only
// the internal view (Ledger.Internal) reads them.
type Submitter struct {
	Name      string `json:"name,omitempty"`
	Unit      string `json:"unit,omitempty"`
	Contact   string `json:"contact,omitempty"`
	Anonymous bool   `json:"anonymous,omitempty"`
}

// IsZero reports whether nothing is known about the submitter.
func (s Submitter) IsZero() bool { return s == Submitter{} }

// String is how an internal copy names the submitter: 王五，某单位，13912345678
// (the parts that are known), 匿名, or 未记录.
func (s Submitter) String() string {
	var parts []string
	for _, p := range []string{s.Name, s.Unit, s.Contact} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	switch {
	case len(parts) > 0:
		return strings.Join(parts, "，")
	case s.Anonymous:
		return "匿名"
	}
	return "未记录"
}

// Source is the provenance of an opinion: where exactly it came from.
// For typed-in opinions File is empty.
type Source struct {
	File   string `json:"file,omitempty"`   // base name of the imported file
	Hash   string `json:"hash,omitempty"`   // SHA-256 of the file's content, hex
	Sheet  string `json:"sheet,omitempty"`  // sheet name, if any
	Row    int    `json:"row,omitempty"`    // 1-based row (or item/line number)
	Column int    `json:"column,omitempty"` // 1-based column, if any
	Field  string `json:"field,omitempty"`  // the column header or question
	Batch  int64  `json:"batch,omitempty"`  // import batch id
}

// String renders the source the way a person reads it:
// 意见箱.xlsx · Sheet1 · 第17行 · 第3列.
func (s Source) String() string {
	if s.File == "" {
		return "手工录入"
	}
	parts := []string{s.File}
	if s.Sheet != "" {
		parts = append(parts, s.Sheet)
	}
	if s.Row > 0 {
		parts = append(parts, "第"+strconv.Itoa(s.Row)+"行")
	}
	if s.Column > 0 {
		parts = append(parts, "第"+strconv.Itoa(s.Column)+"列")
	}
	return strings.Join(parts, " · ")
}

// Opinion is one thing one person said, kept verbatim (原汁原味).
type Opinion struct {
	ID        int64             `json:"id"`
	Text      string            `json:"text"`
	Title     string            `json:"title,omitempty"` // e.g. 留言主题, when the source has one
	Channel   string            `json:"channel"`
	Date      string            `json:"date"`           // YYYY-MM-DD, or "" when unknown
	Time      string            `json:"time,omitempty"` // HH:MM:SS when the source gives it
	Submitter Submitter         `json:"submitter"`
	Targets   []int64           `json:"targets"` // TeamID and/or leader ids
	Source    Source            `json:"source"`
	Attrs     map[string]string `json:"attrs,omitempty"` // e.g. a questionnaire's choice answers
	ProblemID int64             `json:"problem"`         // 0: not yet sorted
	Created   time.Time         `json:"created"`
	Updated   time.Time         `json:"updated"`
}

// FirstLine returns the opinion's first non-empty line, for lists.
func (o *Opinion) FirstLine() string {
	for _, line := range strings.Split(o.Text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}

// Problem is a group of opinions that say the same thing (one braid).
type Problem struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description,omitempty"`
	Category    string    `json:"category"` // one of Categories
	Kind        string    `json:"kind"`     // Individual or Shared
	Targets     []int64   `json:"targets"`
	Notes       string    `json:"notes,omitempty"`
	Position    int       `json:"position"` // order within its category column
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
}

// TrimText trims white space from both ends of an opinion's text, including
// the ideographic space U+3000, and \r\n\t runs. Inner text is left untouched.
func TrimText(s string) string {
	return strings.TrimFunc(s, isTrimSpace)
}

func isTrimSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x85, 0xA0, 0x3000, 0xFEFF, 0x200B:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// ValidCategory reports whether c is one of Categories.
func ValidCategory(c string) bool {
	for _, x := range Categories {
		if x == c {
			return true
		}
	}
	return false
}

// NormalizeCategory accepts the short names people type (形式, 官僚, 享乐,
// 奢靡, 其他, 工作) and returns the full category, or "" if unknown.
func NormalizeCategory(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return ""
	case strings.HasPrefix(s, "形式"):
		return Formalism
	case strings.HasPrefix(s, "官僚"):
		return Bureaucratism
	case strings.HasPrefix(s, "享乐"):
		return Hedonism
	case strings.HasPrefix(s, "奢靡"):
		return Extravagance
	case strings.HasPrefix(s, "其他"), strings.HasPrefix(s, "工作"):
		return OtherWork
	}
	return ""
}
