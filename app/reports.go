package app

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
	"taizhang/reports"
)

// The choices of the 报告 screen: the three PDF reports and the workbook.
var reportChoices = []string{
	reports.Situation.Name(), reports.FourWinds.Name(), reports.Feedback.Name(), workbookChoice,
}

const (
	workbookChoice   = "台账工作簿（xlsx）"
	reportAllTargets = "全部（领导班子和每位成员）"
	reportAllMembers = "全部成员"
	previewLimit     = 30000 // runes of preview text; the saved file has everything
	previewText      = "文字内容"
	previewPages     = "页面图像（前 8 页）"
	previewMaxPages  = 8
)

// reportsScreen chooses a report and whom it is for, edits the texts a
// secretary changes before printing (stored in the ledger), previews the
// report's text, and saves it to a file that can then be opened.
type reportsScreen struct {
	u *UI

	kind     *widget.Select
	target   *widget.Select
	internal *widget.Check
	split    *widget.Check
	format   *widget.RadioGroup // PDF or Word, for the proposed name and a folder of files
	saveBtn  *widget.Button
	openBtn  *widget.Button
	cancel   *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label
	textsBox *fyne.Container
	preview  *widget.Label
	mode     *widget.RadioGroup // 文字 or 页面
	pages    *fyne.Container    // page images, when pdftoppm is installed
	textView *container.Scroll
	pageView *container.Scroll

	leaders []ledger.Leader
	texts   []reports.Text
	entries map[string]*widget.Entry
	saved   string // the last file written
	ownGen  int64  // the ledger generation after this screen's own text edits

	mu     sync.Mutex
	stop   context.CancelFunc // cancels the running job
	jobSeq int
}

func newReportsScreen(u *UI) fyne.CanvasObject {
	s := &reportsScreen{u: u, entries: map[string]*widget.Entry{}}
	obj := s.buildUI()
	u.OnLedgerOpened(s.onLedgerOpened)
	u.OnChanged(s.onLedgerChanged)
	return obj
}

func (s *reportsScreen) buildUI() fyne.CanvasObject {
	s.kind = &widget.Select{Options: reportChoices, OnChanged: func(string) { s.onChoice() }}
	s.target = &widget.Select{OnChanged: func(string) { s.onChoice() }}
	s.internal = &widget.Check{Text: "内部材料（附提出人姓名和联系方式）", OnChanged: func(bool) { s.onChoice() }}
	s.split = &widget.Check{Text: "每人一个文件（保存到文件夹）"}
	s.format = &widget.RadioGroup{Options: []string{reports.PDF.Name(), reports.Word.Name()}, Selected: reports.PDF.Name(), Horizontal: true}
	s.saveBtn = &widget.Button{Text: "保存为文件…", Importance: widget.HighImportance, OnTapped: s.onSave}
	s.openBtn = &widget.Button{Text: "打开刚保存的文件", OnTapped: s.onOpenFile}
	s.openBtn.Disable()
	s.cancel = &widget.Button{Text: "取消", OnTapped: s.onCancel}
	s.cancel.Disable()
	s.progress = widget.NewProgressBar()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.textsBox = container.NewVBox()
	s.preview = widget.NewLabel("")
	s.preview.Wrapping = fyne.TextWrapWord
	s.preview.TextStyle = fyne.TextStyle{}

	choose := &widget.Form{Items: []*widget.FormItem{
		{Text: "报告", Widget: s.kind},
		{Text: "对象", Widget: s.target},
		{Text: "", Widget: s.internal},
		{Text: "", Widget: s.split},
		{Text: "格式", Widget: s.format},
	}}
	actions := container.NewVBox(
		container.NewHBox(s.saveBtn, s.openBtn),
		container.NewBorder(nil, nil, nil, s.cancel, s.progress),
		s.status,
	)
	saveTexts := &widget.Button{Text: "保存修改的文字", Icon: nil, OnTapped: s.onSaveTexts}
	textsHead := container.NewBorder(nil, nil, widget.NewLabelWithStyle("可修改的文字（保存在台账中）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), saveTexts)
	left := container.NewBorder(container.NewVBox(choose, actions, widget.NewSeparator(), textsHead), nil, nil, nil,
		container.NewVScroll(s.textsBox))
	s.pages = container.NewVBox()
	s.textView = container.NewVScroll(s.preview)
	s.pageView = container.NewVScroll(s.pages)
	s.pageView.Hide()
	s.mode = &widget.RadioGroup{Options: []string{previewText, previewPages}, Selected: previewText, Horizontal: true,
		OnChanged: func(string) { s.onChoice() }}
	head := container.NewBorder(nil, nil, widget.NewLabelWithStyle("预览", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, s.mode)
	right := container.NewBorder(head, nil, nil, nil, container.NewStack(s.textView, s.pageView))
	split := container.NewHSplit(left, right)
	split.Offset = 0.45
	s.kind.SetSelectedIndex(0)
	return split
}

// kindOf returns the selected report kind; ok is false for the workbook.
func (s *reportsScreen) kindOf() (reports.Kind, bool) {
	i := s.kind.SelectedIndex()
	if i >= 0 && i < len(reports.Kinds) {
		return reports.Kinds[i], true
	}
	return "", false
}

// targets returns the selected targets (nil for all).
func (s *reportsScreen) targets() []int64 {
	switch sel := s.target.Selected; sel {
	case "", reportAllTargets, reportAllMembers:
		return nil
	case ledger.TeamName:
		return []int64{ledger.TeamID}
	default:
		for _, m := range s.leaders {
			if m.Name == sel {
				return []int64{m.ID}
			}
		}
	}
	return nil
}

func (s *reportsScreen) onLedgerOpened() {
	s.saved = ""
	s.openBtn.Disable()
	s.loadLeaders()
	s.onChoice()
}

func (s *reportsScreen) onLedgerChanged() {
	before := len(s.leaders)
	s.loadLeaders()
	if len(s.leaders) != before {
		s.onChoice()
		return
	}
	if l := s.u.Ledger(); l != nil {
		if g, err := l.Generation(); err == nil && g == s.ownGen {
			return // our own text edits: the preview is being rebuilt
		}
	}
	s.status.SetText("台账已改动。预览会在下次选择报告或保存文字时更新。")
}

// loadLeaders fills the 对象 choices for the selected report.
func (s *reportsScreen) loadLeaders() {
	l := s.u.Ledger()
	if l == nil {
		return
	}
	ms, err := l.Leaders()
	if err != nil {
		s.u.ShowError(err)
		return
	}
	s.leaders = ms
	s.updateTargets()
}

func (s *reportsScreen) updateTargets() {
	k, isReport := s.kindOf()
	var opts []string
	switch {
	case !isReport:
		opts = []string{ledger.TeamName}
	case k == reports.Situation:
		opts = []string{ledger.TeamName}
	case k == reports.FourWinds:
		opts = []string{reportAllTargets, ledger.TeamName}
	default:
		opts = []string{reportAllMembers, ledger.TeamName}
	}
	for _, m := range s.leaders {
		opts = append(opts, m.Name)
	}
	sel := s.target.Selected
	s.target.Options = opts
	if !reportHas(opts, sel) {
		s.target.Selected = opts[0]
	}
	s.target.Refresh()
	if !isReport {
		s.target.Disable()
	} else {
		s.target.Enable()
	}
	if isReport && !k.ShowsSubmitters() {
		s.internal.Disable()
		s.internal.Text = "内部材料（反馈表从不含提出人信息）"
	} else {
		s.internal.Enable()
		s.internal.Text = "内部材料（附提出人姓名和联系方式）"
	}
	s.internal.Refresh()
	if isReport && (s.targets() == nil || k == reports.Situation && s.target.Selected == ledger.TeamName) {
		s.split.Enable()
	} else {
		s.split.SetChecked(false)
		s.split.Disable()
	}
}

func reportHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// onChoice rebuilds the preview and the editable texts for the choice.
func (s *reportsScreen) onChoice() {
	if s.target == nil || s.preview == nil {
		return // still building
	}
	s.updateTargets()
	l := s.u.Ledger()
	if l == nil {
		s.preview.SetText("未打开台账。")
		return
	}
	k, isReport := s.kindOf()
	if !isReport {
		s.setTexts(nil)
		s.textView.Show()
		s.pageView.Hide()
		st, err := l.Stats()
		if err != nil {
			s.u.ShowError(err)
			return
		}
		s.preview.SetText("台账工作簿（xlsx）包含以下工作表：\n\n" +
			"意见明细：" + itoa(st.Opinions) + " 条意见，每条附征求渠道、时间、来源文件和行号、所属问题\n" +
			"问题清单：" + itoa(st.Problems) + " 个问题，附类别、性质、指向对象、同类意见数和来源渠道\n" +
			"整改清单：每个问题一行，整改措施、责任单位、完成时限、整改进展、是否销号待整改跟踪填写\n" +
			"制度清单：表头（制度名称、针对问题、责任单位、完成时限、进展情况）\n" +
			"统计：按渠道、对象、“四风”类别和问题性质的数量\n\n" +
			"提出人信息只在勾选“内部材料”时导出。")
		return
	}
	req := s.request()
	if s.mode.Selected == previewPages {
		s.previewPages(l, req)
		return
	}
	s.textView.Show()
	s.pageView.Hide()
	s.run("正在生成预览…", func(ctx context.Context, opts reports.Options) (func(), error) {
		req.Options.Progress = opts.Progress
		doc, texts, err := reports.Build(ctx, l, req)
		if err != nil {
			return nil, err
		}
		text := doc.Text()
		if r := []rune(text); len(r) > previewLimit {
			text = string(r[:previewLimit]) + "\n\n……（预览只显示前 " + itoa(previewLimit) + " 字，保存的文件包含全部内容）"
		}
		return func() {
			s.preview.SetText(text)
			s.setTexts(texts)
			s.status.SetText(k.Name() + "：预览已更新。")
		}, nil
	})
}

// previewPages draws the report and shows its first pages as images
// (pdftoppm from poppler-utils); without pdftoppm it says so and shows the
// text instead.
func (s *reportsScreen) previewPages(l *ledger.Ledger, req reports.Request) {
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		s.mode.SetSelected(previewText)
		s.u.Notify("未找到 pdftoppm（poppler-utils），只能预览文字内容。")
		return
	}
	s.textView.Hide()
	s.pageView.Show()
	s.run("正在绘制页面…", func(ctx context.Context, opts reports.Options) (func(), error) {
		req.Options.Progress = opts.Progress
		doc, texts, err := reports.Build(ctx, l, req)
		if err != nil {
			return nil, err
		}
		dir, err := os.MkdirTemp("", "taizhang-preview-")
		if err != nil {
			return nil, err
		}
		f, err := os.Create(filepath.Join(dir, "report.pdf"))
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		res, err := doc.WritePDF(ctx, f)
		f.Close()
		if err == nil {
			cmd := exec.CommandContext(ctx, tool, "-r", "60", "-png", "-l", strconv.Itoa(previewMaxPages),
				filepath.Join(dir, "report.pdf"), filepath.Join(dir, "page"))
			err = cmd.Run()
		}
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		files, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
		sort.Strings(files)
		var images []fyne.Resource
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				os.RemoveAll(dir)
				return nil, err
			}
			images = append(images, fyne.NewStaticResource(filepath.Base(name), b))
		}
		os.RemoveAll(dir)
		return func() {
			s.pages.RemoveAll()
			for _, res := range images {
				img := canvas.NewImageFromResource(res)
				img.FillMode = canvas.ImageFillContain
				img.SetMinSize(fyne.NewSize(420, 594))
				s.pages.Add(img)
			}
			more := ""
			if res.Pages > len(images) {
				more = "，此处显示前 " + itoa(len(images)) + " 页"
			}
			s.setTexts(texts)
			s.status.SetText(req.Kind.Name() + "：共 " + itoa(res.Pages) + " 页" + more + "。")
		}, nil
	})
}

// run runs job in a goroutine with progress and cancel; a new job cancels
// the one before. done runs on the Fyne goroutine.
func (s *reportsScreen) run(what string, job func(ctx context.Context, opts reports.Options) (done func(), err error)) {
	s.mu.Lock()
	if s.stop != nil {
		s.stop()
	}
	ctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	s.jobSeq++
	seq := s.jobSeq
	s.mu.Unlock()

	s.status.SetText(what)
	s.progress.SetValue(0)
	s.cancel.Enable()
	s.saveBtn.Disable()
	opts := reports.Options{Progress: func(f float64) {
		fyne.Do(func() { s.progress.SetValue(f) })
	}}
	go func() {
		done, err := job(ctx, opts)
		fyne.Do(func() {
			s.mu.Lock()
			current := seq == s.jobSeq
			if current {
				s.stop = nil
			}
			s.mu.Unlock()
			stop()
			if !current {
				return // a newer job took over
			}
			s.cancel.Disable()
			s.saveBtn.Enable()
			s.progress.SetValue(1)
			switch {
			case errors.Is(err, context.Canceled):
				s.progress.SetValue(0)
				s.status.SetText("已取消。")
			case err != nil:
				s.status.SetText("未完成：" + ledger.Message(err))
				s.u.ShowError(err)
			default:
				done()
			}
		})
	}()
}

func (s *reportsScreen) onCancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil {
		s.stop()
	}
}

// setTexts shows an entry for each editable text of the report.
func (s *reportsScreen) setTexts(texts []reports.Text) {
	s.texts = texts
	s.entries = map[string]*widget.Entry{}
	s.textsBox.RemoveAll()
	if len(texts) == 0 {
		s.textsBox.Add(widget.NewLabel("工作簿没有可修改的文字。"))
		return
	}
	for _, t := range texts {
		var e *widget.Entry
		if t.Multiline {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(4)
		} else {
			e = widget.NewEntry()
		}
		e.SetText(t.Value)
		s.entries[t.Key] = e
		t := t
		reset := &widget.Button{Text: "恢复默认", Importance: widget.LowImportance, OnTapped: func() { e.SetText(t.Default) }}
		s.textsBox.Add(container.NewBorder(nil, nil, widget.NewLabelWithStyle(t.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), reset))
		s.textsBox.Add(e)
	}
}

// onSaveTexts stores the changed texts in the ledger (a text equal to its
// default is stored as empty, so the default keeps following the ledger),
// after the checks every report text passes (reports.SetTexts).
func (s *reportsScreen) onSaveTexts() {
	l := s.u.Ledger()
	if l == nil {
		return
	}
	kv := map[string]string{}
	for _, t := range s.texts {
		e := s.entries[t.Key]
		if e == nil {
			continue
		}
		v := strings.TrimSpace(e.Text)
		if v == strings.TrimSpace(t.Value) {
			continue
		}
		if v == strings.TrimSpace(t.Default) {
			v = ""
		}
		kv[t.Key] = v
	}
	n, err := reports.SetTexts(l, kv)
	if err != nil {
		s.u.ShowError(err)
		return
	}
	if n == 0 {
		s.u.Notify("文字没有改动。")
		return
	}
	s.ownGen, _ = l.Generation()
	s.u.Notify("已保存 " + itoa(n) + " 处文字，报告将使用修改后的内容。")
	s.onChoice()
}

// fileName proposes a file name for the choice.
func (s *reportsScreen) fileName() string {
	k, isReport := s.kindOf()
	unit := ""
	if l := s.u.Ledger(); l != nil {
		if info, err := l.Info(); err == nil {
			unit = info.Unit
		}
	}
	if !isReport {
		return reports.SafeName(unit+"征求意见台账") + ".xlsx"
	}
	target := ""
	if sel := s.target.Selected; sel != "" && sel != reportAllTargets && sel != reportAllMembers && !(k == reports.Situation && sel == ledger.TeamName) {
		target = sel
	}
	return reports.FileName(k, target, unit, s.chosenFormat())
}

// chosenFormat is the format picked under 格式.
func (s *reportsScreen) chosenFormat() reports.Format {
	if s.format.Selected == reports.Word.Name() {
		return reports.Word
	}
	return reports.PDF
}

// request is the report chosen on the screen.
func (s *reportsScreen) request() reports.Request {
	k, _ := s.kindOf()
	return reports.Request{Kind: k, Targets: s.targets(), Options: reports.Options{Internal: s.internal.Checked}}
}

func (s *reportsScreen) onSave() {
	if s.u.Ledger() == nil {
		return
	}
	if s.split.Checked && !s.split.Disabled() {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				s.u.ShowError(err)
				return
			}
			s.saveSplit(dir.Path())
		}, s.u.Win)
		d.Show()
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			s.u.ShowError(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		s.saveTo(path)
	}, s.u.Win)
	d.SetFileName(s.fileName())
	if _, isReport := s.kindOf(); isReport {
		d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".docx"}))
	} else {
		d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	}
	d.Show()
}

// saveTo writes the chosen report or the workbook to path; a report's
// format follows the extension (.pdf or .docx), a name without one takes
// the format chosen under 格式.
func (s *reportsScreen) saveTo(path string) {
	l := s.u.Ledger()
	_, isReport := s.kindOf()
	req := s.request()
	if isReport && filepath.Ext(path) == "" {
		path += s.chosenFormat().Ext()
	}
	s.run("正在保存…", func(ctx context.Context, opts reports.Options) (func(), error) {
		if !isReport {
			var buf bytes.Buffer
			res, err := reports.WriteWorkbook(ctx, l, &buf, reports.Options{Internal: req.Internal, Progress: opts.Progress})
			if err != nil {
				return nil, err
			}
			if err := reports.WriteFile(path, buf.Bytes()); err != nil {
				return nil, err
			}
			return func() { s.onSaved(path, "已保存台账工作簿（意见 "+itoa(res.Opinions)+" 条）："+path) }, nil
		}
		req.Options.Progress = opts.Progress
		plan, err := reports.NewPlan(l, req, path)
		if err != nil {
			return nil, err
		}
		w, err := reports.Write(ctx, l, plan.Outputs[0])
		if err != nil {
			return nil, err
		}
		msg := "已保存" + w.Kind.Name() + "：" + path
		if w.Pages > 0 {
			msg = "已保存" + w.Kind.Name() + "（" + itoa(w.Pages) + " 页）：" + path
		}
		for _, n := range append(plan.Notes, w.Warnings...) {
			msg += "\n" + n
		}
		return func() { s.onSaved(path, msg) }, nil
	})
}

// saveSplit writes one file per target into dir, in the format chosen.
func (s *reportsScreen) saveSplit(dir string) {
	l := s.u.Ledger()
	req := s.request()
	req.Targets, req.Split, req.Format = nil, true, s.chosenFormat()
	s.run("正在逐人保存…", func(ctx context.Context, opts reports.Options) (func(), error) {
		plan, err := reports.NewPlan(l, req, dir)
		if err != nil {
			return nil, err
		}
		for i, o := range plan.Outputs {
			if _, err := reports.Write(ctx, l, o); err != nil {
				return nil, err
			}
			opts.Progress(float64(i+1) / float64(len(plan.Outputs)))
		}
		return func() { s.onSaved(dir, "已保存 "+itoa(len(plan.Outputs))+" 个文件到："+dir) }, nil
	})
}

func (s *reportsScreen) onSaved(path, msg string) {
	s.saved = path
	s.openBtn.Enable()
	s.status.SetText(msg)
	s.u.Notify(msg)
}

func (s *reportsScreen) onOpenFile() {
	if s.saved == "" {
		return
	}
	if err := s.u.App.OpenURL(&url.URL{Scheme: "file", Path: s.saved}); err != nil {
		s.u.ShowError(&ledger.Error{Msg: "无法打开 " + s.saved + "，请在文件管理器中打开它", Err: err})
	}
}
