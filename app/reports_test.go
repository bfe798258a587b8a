package app

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"taizhang/reports"
)

func newTestReportsScreen(t *testing.T) (*UI, *reportsScreen) {
	t.Helper()
	u, _ := newTestUI(t)
	s := &reportsScreen{u: u, entries: map[string]*widget.Entry{}}
	s.buildUI()
	s.onLedgerOpened()
	return u, s
}

func TestReportsScreenPreviewEditSave(t *testing.T) {
	u, s := newTestReportsScreen(t)
	waitFor(t, "the situation preview", func() bool { return strings.Contains(s.preview.Text, "征求意见情况报告") })
	if s.target.Disabled() {
		t.Errorf("a situation report is also made for each member: 对象 should be enabled")
	}
	// 基本情况 facts are edited here, and checked like every report text.
	if s.entries[reports.KeyFactSymposiums] == nil {
		t.Fatalf("no entry for the number of symposiums; texts %+v", s.texts)
	}
	s.entries[reports.KeyFactSymposiums].SetText("八场")
	s.onSaveTexts()
	if got, _ := u.Ledger().Text(reports.KeyFactSymposiums); got != "" {
		t.Errorf("a count that is not a number was stored: %q", got)
	}
	s.entries[reports.KeyFactSymposiums].SetText("8")
	s.onSaveTexts()
	waitFor(t, "the facts in the preview", func() bool { return strings.Contains(s.preview.Text, "召开座谈会8场") })

	// Four winds for one member: edit the causes and save them.
	s.kind.SetSelected(reports.FourWinds.Name())
	s.target.SetSelected("刘志强")
	waitFor(t, "the four-winds preview", func() bool { return strings.Contains(s.preview.Text, "刘志强同志查找“四风”问题报告") })
	var key string
	for _, tx := range s.texts {
		if strings.HasPrefix(tx.Key, reports.KeyFourWindsCauses) {
			key = tx.Key
		}
	}
	e := s.entries[key]
	if e == nil {
		t.Fatalf("no entry for the causes; texts %+v", s.texts)
	}
	causes := "思想上放松了对自己的要求，服务基层的意识不强。"
	e.SetText(causes)
	s.onSaveTexts()
	waitFor(t, "the edited causes in the preview", func() bool { return strings.Contains(s.preview.Text, causes) })
	if got, _ := u.Ledger().Text(key); got != causes {
		t.Errorf("stored causes %q", got)
	}

	// Feedback sheets never carry submitters: the internal box is off.
	s.kind.SetSelected(reports.Feedback.Name())
	if !s.internal.Disabled() {
		t.Errorf("内部材料 is offered for the feedback sheet")
	}

	// Page images, where pdftoppm is installed.
	if _, err := exec.LookPath("pdftoppm"); err == nil {
		s.kind.SetSelected(reports.Situation.Name())
		s.mode.SetSelected(previewPages)
		waitFor(t, "page images", func() bool { return len(s.pages.Objects) > 0 })
		if !s.pageView.Visible() || s.textView.Visible() {
			t.Errorf("page view not shown")
		}
		s.mode.SetSelected(previewText)
	}

	// Save the situation report to a file.
	s.kind.SetSelected(reports.Situation.Name())
	out := filepath.Join(t.TempDir(), "报告.pdf")
	s.saveTo(out)
	waitFor(t, "the saved PDF", func() bool { return s.saved == out })
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("saved file is not a PDF: %v", err)
	}
	if s.openBtn.Disabled() {
		t.Errorf("打开 stays disabled after saving")
	}
	// The same report as a Word document: the extension decides, and the
	// proposed name follows the format chosen.
	docx := filepath.Join(t.TempDir(), "报告.docx")
	s.saveTo(docx)
	waitFor(t, "the saved Word document", func() bool { return s.saved == docx })
	if b, err := os.ReadFile(docx); err != nil || !bytes.HasPrefix(b, []byte("PK")) || !bytes.Contains(b, []byte("word/document.xml")) {
		t.Errorf("saved file is not a Word document: %v", err)
	}
	s.format.SetSelected(reports.Word.Name())
	if name := s.fileName(); !strings.HasSuffix(name, ".docx") {
		t.Errorf("with Word chosen the proposed name is %q", name)
	}
	s.format.SetSelected(reports.PDF.Name())

	// The workbook.
	s.kind.SetSelected(workbookChoice)
	xlsx := filepath.Join(t.TempDir(), "台账.xlsx")
	s.saveTo(xlsx)
	waitFor(t, "the saved workbook", func() bool { return s.saved == xlsx })
	if b, err := os.ReadFile(xlsx); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("saved workbook is not an xlsx: %v", err)
	}
}
