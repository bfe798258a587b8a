package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"taizhang/ledger"
)

// The texts a person reads after an import, made here once for the window
// and the import command alike.

// Summary is the one-line summary of a file's import:
//
//	意见箱.xlsx：新增 5 条意见，已导入过：3 条（未重复添加），空白或“无”等 7 条（不算意见）；渠道：意见箱
func (r *Result) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s：新增 %d 条意见", r.File, r.Imported)
	if r.Existing > 0 {
		fmt.Fprintf(&b, "，已导入过：%d 条（未重复添加）", r.Existing)
	}
	if r.Blank > 0 {
		fmt.Fprintf(&b, "，空白或“无”等 %d 条（不算意见）", r.Blank)
	}
	b.WriteString("；渠道：" + r.Channel)
	return b.String()
}

// Details are the lines under the summary: why this channel, how each
// sheet was read, notes, identifying details found in the texts, speaker
// labels taken as submitters, the warnings (at most maxWarnings listed, all
// counted) and the time taken.
func (r *Result) Details(maxWarnings int) []string {
	var out []string
	if r.ChannelNote != "" {
		out = append(out, r.ChannelNote)
	}
	for _, t := range r.Tables {
		if len(t.Mapping.Text) > 0 {
			out = append(out, tableLine(t))
		}
	}
	out = append(out, r.Notes...)
	if r.Speakers > 0 {
		out = append(out, fmt.Sprintf("%d 条意见以发言人开头（如“王小明（办公室）：”），发言人已记为提出人，按提出人信息保护", r.Speakers))
	}
	if r.IdentifyingOpinions > 0 {
		out = append(out, fmt.Sprintf("注意：%d 条意见的正文中写有可识别个人的信息（%s），已原样保存在台账中；给领导看的内容会把它们隐去（如 138****5678）", r.IdentifyingOpinions, identifyingCounts(r.Identifying)))
	}
	if r.WarningsTotal > 0 {
		out = append(out, fmt.Sprintf("提示 %d 处：", r.WarningsTotal))
		for i, w := range r.Warnings {
			if i == maxWarnings {
				break
			}
			out = append(out, "  "+w.String())
		}
		if shown := min(len(r.Warnings), maxWarnings); r.WarningsTotal > shown {
			out = append(out, fmt.Sprintf("  ……另有 %d 处未列出", r.WarningsTotal-shown))
		}
	}
	if r.Seconds > 0 {
		out = append(out, fmt.Sprintf("用时 %.1f 秒", r.Seconds))
	}
	return out
}

// identifyingCounts renders the counts by kind: 手机号码 3 处、身份证号 1 处.
func identifyingCounts(m map[ledger.IdentifyingKind]int) string {
	var parts []string
	for _, k := range []ledger.IdentifyingKind{ledger.IdentMobile, ledger.IdentLandline, ledger.IdentIDNumber, ledger.IdentEmail} {
		if n := m[k]; n > 0 {
			parts = append(parts, string(k)+" "+strconv.Itoa(n)+" 处")
		}
	}
	return strings.Join(parts, "、")
}

// tableLine says how a sheet was read:
// Sheet1（问卷星，表头在第1行，列对应猜测）：意见=3、您的意见，日期=提交答卷时间.
func tableLine(t Table) string {
	var roles []string
	for _, c := range t.Mapping.Text {
		roles = append(roles, "意见="+colName(t.Header, c))
	}
	for _, x := range Roles[1:] {
		if c := t.Mapping.Get(x.Role); c > 0 {
			roles = append(roles, x.Name+"="+colName(t.Header, c))
		}
	}
	name := t.Sheet
	if name == "" {
		name = "表格"
	}
	return fmt.Sprintf("%s（%s，表头在第%d行，列对应%s）：%s", name, t.Kind, t.HeaderRow, t.MappedBy, strings.Join(roles, "，"))
}

// Report is the summary and its details, one a line, the details indented.
func (r *Result) Report(maxWarnings int) string {
	lines := []string{r.Summary()}
	for _, d := range r.Details(maxWarnings) {
		lines = append(lines, "  "+d)
	}
	return strings.Join(lines, "\n")
}

// FailureSummary is the line shown for a file that was not imported: that
// it was cancelled, or the refusal's message (which names the file and
// row and ends with 台账未改动).
func FailureSummary(file string, err error) string {
	if errors.Is(err, ErrCancelled) {
		return "已取消导入 " + file + "，台账未改动。"
	}
	return ledger.Message(err)
}

// Totals adds up the imports of several files.
type Totals struct {
	Files    int `json:"files"`
	Failed   int `json:"failed"`
	Imported int `json:"imported"`
	Existing int `json:"existing"`
	Blank    int `json:"blank"`
}

// Add counts one file's import (err not nil: it failed).
func (t *Totals) Add(r *Result, err error) {
	t.Files++
	if err != nil || r == nil {
		t.Failed++
		return
	}
	t.Imported += r.Imported
	t.Existing += r.Existing
	t.Blank += r.Blank
}

// Summary is the line under several files' summaries.
func (t Totals) Summary() string {
	s := fmt.Sprintf("合计：%d 个文件，新增 %d 条意见，已导入过 %d 条，空白或“无”等 %d 条", t.Files, t.Imported, t.Existing, t.Blank)
	if t.Failed > 0 {
		s += fmt.Sprintf("，%d 个文件未能导入", t.Failed)
	}
	return s
}
