package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportAndExport(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "demo.taizhang")
	mustRun(t, "demo", p)
	mustRun(t, "problem", "new", p, "--title", "文山会海", "--category", "形式", "--kind", "共性", "--target", "班子", "1", "12")
	mustRun(t, "problem", "new", p, "--title", "审批环节多", "--category", "官僚", "--target", "刘志强", "7", "13")

	isPDF := func(path string) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s is not a PDF: %v", path, err)
		}
	}
	for _, kind := range []string{"situation", "fourwinds", "feedback"} {
		out := filepath.Join(dir, kind+".pdf")
		if s := mustRun(t, "report", p, "--kind", kind, "-o", out); !strings.Contains(s, "已生成") {
			t.Errorf("report %s printed %q", kind, s)
		}
		isPDF(out)
	}
	one := filepath.Join(dir, "liu.pdf")
	mustRun(t, "report", p, "--kind", "fourwinds", "--leader", "刘志强", "-o", one)
	isPDF(one)

	split := filepath.Join(dir, "反馈表")
	mustRun(t, "report", p, "--kind", "feedback", "--split", "-o", split)
	files, _ := filepath.Glob(filepath.Join(split, "*.pdf"))
	if len(files) != 4 {
		t.Errorf("--split wrote %d files, want one per member (4): %q", len(files), files)
	}

	// Texts: list them, change two, and see the change listed.
	list := mustRun(t, "report", p, "--kind", "fourwinds", "--leader", "刘志强", "--texts")
	if !strings.Contains(list, "report.fourwinds.causes:") || !strings.Contains(list, "report.unit") {
		t.Errorf("--texts lists %q", list)
	}
	mustRun(t, "report", p, "--kind", "situation", "--set", "report.unit=中共示例县财政局党组", "--set", "report.date=2026-12-01", "-o", filepath.Join(dir, "s2.pdf"))
	list = mustRun(t, "report", p, "--kind", "situation", "--texts")
	if !strings.Contains(list, "中共示例县财政局党组") || !strings.Contains(list, "2026-12-01") || !strings.Contains(list, "（已修改）") {
		t.Errorf("--set did not store the texts: %q", list)
	}
	if code, _, _ := run(t, "", "report", p, "--kind", "situation", "--set", "report.date=明天", "-o", filepath.Join(dir, "s3.pdf")); code == 0 {
		t.Errorf("an unreadable date was accepted")
	}

	// -o NAME.docx writes Word, for every kind, and for a member's situation report.
	isDocx := func(path string) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("PK")) || !bytes.Contains(b, []byte("word/document.xml")) {
			t.Errorf("%s is not a Word document: %v", path, err)
		}
	}
	for _, kind := range []string{"situation", "fourwinds", "feedback"} {
		out := filepath.Join(dir, kind+".docx")
		mustRun(t, "report", p, "--kind", kind, "-o", out)
		isDocx(out)
	}
	mustRun(t, "report", p, "--kind", "situation", "--leader", "刘志强", "-o", filepath.Join(dir, "liu-situation.docx"))
	isDocx(filepath.Join(dir, "liu-situation.docx"))
	words := filepath.Join(dir, "每人一份")
	mustRun(t, "report", p, "--kind", "situation", "--split", "--format", "docx", "-o", words)
	if files, _ := filepath.Glob(filepath.Join(words, "*.docx")); len(files) != 5 {
		t.Errorf("situation --split --format docx wrote %q, want the team and 4 members", files)
	}
	// An unknown text key is refused with the keys that exist.
	if code, _, errs := run(t, "", "report", p, "--kind", "situation", "--set", "report.nosuch=1", "-o", filepath.Join(dir, "x.pdf")); code == 0 ||
		!strings.Contains(errs, "report.nosuch") || !strings.Contains(errs, "report.unit") || !strings.Contains(errs, "report.facts.symposiums") {
		t.Errorf("--set report.nosuch=1: exit %d, %q; want a refusal listing the known keys", code, errs)
	}
	// 基本情况 facts are printed as published reports state them.
	mustRun(t, "report", p, "--kind", "situation", "--set", "report.facts.symposiums=8", "--set", "report.facts.forms.sent=110",
		"--set", "report.facts.forms.returned=63", "--set", "report.fourwinds.causes:刘志强=本人宗旨意识不强。", "--texts")
	list = mustRun(t, "report", p, "--kind", "fourwinds", "--leader", "刘志强", "--texts")
	if !strings.Contains(list, "本人宗旨意识不强") {
		t.Errorf("a per-member text set by name is not stored: %q", list)
	}

	xlsx := filepath.Join(dir, "台账.xlsx")
	if s := mustRun(t, "export", p, "-o", xlsx); !strings.Contains(s, "意见 35 条，问题 2 个") {
		t.Errorf("export printed %q", s)
	}
	if b, err := os.ReadFile(xlsx); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("export did not write an xlsx: %v", err)
	}

	for _, bad := range [][]string{
		{"report", p, "--kind", "nonsense", "-o", filepath.Join(dir, "x.pdf")},
		{"report", p, "--kind", "situation"},
		{"report", p, "--kind", "situation", "-o", filepath.Join(dir, "x.txt")},
		{"report", p, "--kind", "situation", "--set", "report.nosuch=1", "-o", filepath.Join(dir, "x.pdf")},
		{"report", p, "--kind", "situation", "--set", "report.facts.symposiums=八", "-o", filepath.Join(dir, "x.pdf")},
		{"report", p, "--kind", "fourwinds", "--split", "-o", filepath.Join(dir, "x.pdf")},
		{"report", p, "--kind", "feedback", "--leader", "无此人", "-o", filepath.Join(dir, "x.pdf")},
		{"export", p},
	} {
		if code, _, errs := run(t, "", bad...); code == 0 || errs == "" {
			t.Errorf("taizhang %s: exit %d, stderr %q; want a failure with a message", strings.Join(bad, " "), code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Errorf("a failed report left a file behind")
	}
}
