package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"

	"taizhang/ledger"
)

// Kind names a report.
type Kind string

// The reports.
const (
	Situation Kind = "situation" // 征求意见情况报告
	FourWinds Kind = "fourwinds" // 查找“四风”问题报告
	Feedback  Kind = "feedback"  // 意见反馈表
)

// Kinds lists the reports in menu order.
var Kinds = []Kind{Situation, FourWinds, Feedback}

// Name returns the report's Chinese name.
func (k Kind) Name() string {
	switch k {
	case Situation:
		return "征求意见情况报告"
	case FourWinds:
		return "查找“四风”问题报告"
	case Feedback:
		return "意见反馈表"
	}
	return string(k)
}

// ShowsSubmitters reports whether an internal copy of this kind of report
// prints submitters. Feedback sheets go to the leaders they concern and
// never do; the others print them only when Options.Internal asks.
func (k Kind) ShowsSubmitters() bool { return k != Feedback }

// ParseKind reads a report kind as typed: situation, fourwinds, feedback,
// or the Chinese name.
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range Kinds {
		if s == string(k) || s == k.Name() || s == strings.NewReplacer("“", "", "”", "").Replace(k.Name()) {
			return k, nil
		}
	}
	return "", &ledger.Error{Msg: "没有“" + s + "”这种报告，可用：situation（征求意见情况报告）、fourwinds（查找“四风”问题报告）、feedback（意见反馈表）"}
}

// Format is the file format a report is written in.
type Format string

// The formats of a report.
const (
	PDF  Format = "pdf"  // drawn pages, as printed
	Word Format = "docx" // a Word document the secretary finishes in Word or WPS
)

// Formats lists the report formats, the default first.
var Formats = []Format{PDF, Word}

// Ext returns the file extension of the format: .pdf or .docx.
func (f Format) Ext() string { return "." + string(f) }

// Name returns what the window calls the format.
func (f Format) Name() string {
	if f == Word {
		return "Word 文档（.docx）"
	}
	return "PDF（.pdf）"
}

// FormatOf returns the format a file name asks for by its extension:
// .pdf writes PDF and .docx writes Word; anything else is refused.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return PDF, nil
	case ".docx":
		return Word, nil
	}
	return "", &ledger.Error{Msg: "无法按“" + filepath.Base(path) + "”的扩展名确定报告格式：请以 .pdf（PDF）或 .docx（Word 文档）结尾"}
}

// ParseFormat reads a format as typed: pdf, docx (also word).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "pdf", ".pdf":
		return PDF, nil
	case "docx", ".docx", "word":
		return Word, nil
	}
	return "", &ledger.Error{Msg: "报告格式“" + s + "”不对，请写 pdf 或 docx"}
}

// Request says which report to make and how. The window and the headless
// command both fill one in and call Plan and Write: the rules below live
// here and nowhere else.
type Request struct {
	Kind Kind
	// Targets selects whom the report is for: ledger.TeamID for the team,
	// member ids for members, one part each. Nil means: the team (a
	// situation report); the team and every member (four winds); every
	// member (feedback sheets).
	Targets []int64
	// Split writes one file per target (the team and every member; for
	// feedback sheets every member) into a folder instead of one file.
	Split bool
	// Format is the file format; Plan takes it from the file name when the
	// request writes one file, and it defaults to PDF for a folder.
	Format Format
	Options
}

// Output is one file a request writes: its path and the request for it
// alone (Split cleared, Format set).
type Output struct {
	Path    string
	Request Request
}

// Plan is what a request writes: the files, and notes for the person who
// asked (an option that does not apply, said once).
type Plan struct {
	Outputs []Output
	Notes   []string
}

// NewPlan checks a request against the ledger and lists the files it
// writes: out is a file name (its extension gives the format) or, with
// Split, a folder that the files are named into (FileName). The checks
// are the report rules the window and the command share: a known kind,
// known targets, Split without targets, a known format, and the internal
// copy only where the kind prints submitters.
func NewPlan(l *ledger.Ledger, req Request, out string) (*Plan, error) {
	if _, err := ParseKind(string(req.Kind)); err != nil {
		return nil, err
	}
	plan := &Plan{}
	if req.Internal && !req.Kind.ShowsSubmitters() {
		req.Internal = false
		plan.Notes = append(plan.Notes, req.Kind.Name()+"始终不含提出人信息，“内部材料”对它不起作用。")
	}
	if strings.TrimSpace(out) == "" {
		return nil, &ledger.Error{Msg: "请指定输出文件"}
	}
	names, err := l.TargetNames()
	if err != nil {
		return nil, err
	}
	for _, id := range req.Targets {
		if _, ok := names[id]; !ok {
			return nil, &ledger.Error{Msg: "找不到编号为 " + itoa(int(id)) + " 的班子成员", Err: ledger.ErrNotFound}
		}
	}
	if !req.Split {
		f, err := FormatOf(out)
		if err != nil {
			return nil, err
		}
		if req.Format != "" && req.Format != f {
			return nil, &ledger.Error{Msg: "输出文件“" + filepath.Base(out) + "”的扩展名与所选格式（" + req.Format.Name() + "）不一致"}
		}
		req.Format = f
		plan.Outputs = []Output{{Path: out, Request: req}}
		return plan, nil
	}
	if len(req.Targets) > 0 {
		return nil, &ledger.Error{Msg: "“每人一个文件”和指定对象只能选一个"}
	}
	if req.Format == "" {
		req.Format = PDF
	}
	if ext := strings.ToLower(filepath.Ext(out)); ext == ".pdf" || ext == ".docx" {
		return nil, &ledger.Error{Msg: "每人一个文件时，输出应是一个文件夹，而不是“" + filepath.Base(out) + "”"}
	}
	ms, err := l.Leaders()
	if err != nil {
		return nil, err
	}
	ids := []int64{}
	if req.Kind != Feedback {
		ids = append(ids, ledger.TeamID)
	}
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	for _, id := range ids {
		one := req
		one.Split, one.Targets = false, []int64{id}
		plan.Outputs = append(plan.Outputs, Output{Path: filepath.Join(out, FileName(req.Kind, names[id], "", req.Format)), Request: one})
	}
	return plan, nil
}

// FileName proposes a file name for a report: 征求意见情况报告-张三.pdf for a
// target, 某县财政局征求意见情况报告.docx with only the unit. The name is
// safe on every system (SafeName).
func FileName(k Kind, target, unit string, f Format) string {
	name := strings.NewReplacer("“", "", "”", "").Replace(k.Name())
	if target != "" {
		name += "-" + target
	} else {
		name = unit + name
	}
	if f == "" {
		f = PDF
	}
	return SafeName(name) + f.Ext()
}

// SafeName keeps a name usable as a file name on Windows, macOS and
// Linux: the characters / \ : * ? " < > | and control characters become _.
func SafeName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

// Written describes a file a request wrote.
type Written struct {
	Path     string
	Kind     Kind
	Format   Format
	Pages    int   // pages of a PDF; 0 for Word (Word paginates it)
	Bytes    int64 // size of the file
	Warnings []string
}

// Write builds the output's report and writes it to its path in its
// format, atomically (WriteFile). The folder of a split request is made.
func Write(ctx context.Context, l *ledger.Ledger, o Output) (Written, error) {
	w := Written{Path: o.Path, Kind: o.Request.Kind, Format: o.Request.Format}
	if dir := filepath.Dir(o.Path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return w, &ledger.Error{Msg: "无法创建文件夹 " + dir + "：" + ledger.Reason(err), Err: err}
		}
	}
	doc, _, err := Build(ctx, l, o.Request)
	if err != nil {
		return w, err
	}
	var buf bytes.Buffer
	var res Result
	if o.Request.Format == Word {
		res, err = doc.WriteDOCX(ctx, &buf)
	} else {
		res, err = doc.WritePDF(ctx, &buf)
	}
	if err != nil {
		return w, err
	}
	w.Pages, w.Bytes, w.Warnings = res.Pages, res.Bytes, res.Warnings
	return w, WriteFile(o.Path, buf.Bytes())
}

// Build drafts the requested report from the ledger and returns the
// editable texts it used. Split and Format are ignored: Build makes one
// document (NewPlan splits a request).
func Build(ctx context.Context, l *ledger.Ledger, req Request) (*Document, []Text, error) {
	if !req.Kind.ShowsSubmitters() {
		req.Internal = false
	}
	switch req.Kind {
	case Situation:
		return buildSituation(ctx, l, req.Targets, req.Options)
	case FourWinds:
		return buildFourWinds(ctx, l, req.Targets, req.Options)
	case Feedback:
		return buildFeedback(ctx, l, req.Targets, req.Options)
	}
	_, err := ParseKind(string(req.Kind))
	return nil, nil, err
}
