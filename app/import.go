package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
	"taizhang/ledger/importer"
)

// importScreen is the 导入 screen: choose (or drop) files, check what was
// found in each — format, sheet, header, which column is the opinion, the
// channel — correct the mapping on a preview of the first rows, then
// import with a progress bar and cancel, and read the summary.
//
// Files are imported one at a time, each in its own transaction; several
// chosen or dropped files wait in a queue and are previewed in turn.
type importScreen struct {
	u *UI

	// State, touched only on the Fyne goroutine.
	queue    []string
	path     string
	preview  *importer.Preview
	mapping  importer.Mapping
	edited   bool // the user changed the mapping or the header row
	password string
	firstNew int64
	seq      int // preview generation: a late preview of an old file is dropped

	mu   sync.Mutex
	stop context.CancelFunc // cancels the running import

	chooseBtn, importBtn, cancelBtn, skipBtn, showBtn, passBtn *widget.Button

	fileLabel, formatLabel, queueLabel *widget.Label
	sheet                              *widget.Select
	headerRow                          *widget.Entry
	channel                            *widget.SelectEntry
	pass                               *widget.Entry
	passRow                            *fyne.Container
	textCols                           *widget.CheckGroup
	roleSel                            map[importer.Role]*widget.Select
	mappingBox                         *fyne.Container
	left                               *container.Scroll
	table                              *widget.Table
	progress                           *widget.ProgressBar
	infinite                           *widget.ProgressBarInfinite
	status, summary                    *widget.Label
}

const (
	colNone  = "（无）"
	allSheet = "全部工作表"
)

var (
	importScreensMu sync.Mutex
	importScreens   = map[*UI]*importScreen{}
)

// newImportScreen builds the 导入 screen.
func newImportScreen(u *UI) fyne.CanvasObject {
	s := &importScreen{u: u, roleSel: map[importer.Role]*widget.Select{}}
	importScreensMu.Lock()
	importScreens[u] = s
	importScreensMu.Unlock()
	obj := s.buildUI()
	u.OnLedgerOpened(s.reset)
	return obj
}

// importFiles imports files dropped onto the window or chosen in a dialog:
// the 导入 screen previews the first and queues the rest.
func (u *UI) importFiles(paths []string) {
	importScreensMu.Lock()
	s := importScreens[u]
	importScreensMu.Unlock()
	if s == nil || len(paths) == 0 {
		return
	}
	u.Show("导入", 0)
	s.addFiles(paths)
}

func (s *importScreen) buildUI() fyne.CanvasObject {
	s.chooseBtn = &widget.Button{Text: "选择文件…", Importance: widget.HighImportance, OnTapped: s.onChoose}
	s.importBtn = &widget.Button{Text: "导入", Importance: widget.HighImportance, OnTapped: s.onImport}
	s.cancelBtn = &widget.Button{Text: "取消导入", OnTapped: s.onCancel}
	s.skipBtn = &widget.Button{Text: "跳过此文件", OnTapped: s.onSkip}
	s.showBtn = &widget.Button{Text: "查看新导入的意见", OnTapped: s.onShowNew}
	s.passBtn = &widget.Button{Text: "用密码打开", OnTapped: s.onPassword}
	s.fileLabel = widget.NewLabel("把文件拖到窗口上，或点“选择文件…”。")
	s.fileLabel.Wrapping = fyne.TextWrapWord
	s.formatLabel = widget.NewLabel("")
	s.formatLabel.Wrapping = fyne.TextWrapWord
	s.queueLabel = widget.NewLabel("")
	s.queueLabel.Wrapping = fyne.TextWrapWord
	s.sheet = &widget.Select{PlaceHolder: "—", OnChanged: s.onSheet}
	s.headerRow = &widget.Entry{PlaceHolder: "自动"}
	s.headerRow.OnSubmitted = func(string) { s.onHeaderRow() }
	s.channel = widget.NewSelectEntry(ledger.Channels)
	s.channel.PlaceHolder = "请选择或填写渠道"
	s.pass = widget.NewPasswordEntry()
	s.pass.OnSubmitted = func(string) { s.onPassword() }
	s.passRow = container.NewBorder(nil, nil, nil, s.passBtn, s.pass)
	s.passRow.Hide()
	s.textCols = &widget.CheckGroup{OnChanged: s.onTextCols}
	for _, r := range importer.Roles[1:] {
		r := r
		s.roleSel[r.Role] = &widget.Select{PlaceHolder: colNone, OnChanged: func(v string) { s.onRole(r.Role, v) }}
	}
	s.progress = widget.NewProgressBar()
	s.infinite = widget.NewProgressBarInfinite()
	s.infinite.Stop()
	s.infinite.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord

	roleItems := []*widget.FormItem{{Text: "意见内容", Widget: s.textCols, HintText: "可多选；每个非空单元格是一条意见"}}
	for _, r := range importer.Roles[1:] {
		roleItems = append(roleItems, &widget.FormItem{Text: r.Name, Widget: s.roleSel[r.Role]})
	}
	mapping := widget.NewForm(roleItems...)
	s.mappingBox = container.NewVBox(
		widget.NewLabelWithStyle("列的对应关系（猜错时在这里改，会记在台账里供同样表头的文件沿用）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		mapping,
	)
	form := widget.NewForm(
		&widget.FormItem{Text: "文件", Widget: s.fileLabel},
		&widget.FormItem{Text: "识别为", Widget: s.formatLabel},
		&widget.FormItem{Text: "工作表", Widget: s.sheet},
		&widget.FormItem{Text: "表头行", Widget: s.headerRow, HintText: "表头上方有标题行时可指定，回车生效"},
		&widget.FormItem{Text: "征求渠道", Widget: s.channel},
	)
	s.left = container.NewVScroll(container.NewVBox(
		container.NewHBox(s.chooseBtn, s.skipBtn),
		s.queueLabel,
		form,
		s.passRow,
		s.mappingBox,
	))

	s.table = widget.NewTable(s.tableSize, s.tableCell, s.tableUpdate)
	s.table.ShowHeaderRow = false

	bars := container.NewStack(s.progress, s.infinite)
	actions := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(s.importBtn, s.cancelBtn), s.showBtn, bars),
		s.status,
	)
	sumScroll := container.NewVScroll(s.summary)
	sumScroll.SetMinSize(fyne.NewSize(0, 110))
	right := container.NewBorder(
		widget.NewLabelWithStyle("预览（前 20 行；表头中【】内是该列的用途）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewVBox(widget.NewSeparator(), actions, sumScroll),
		nil, nil, s.table)
	split := container.NewHSplit(s.left, right)
	split.Offset = 0.36
	s.setIdle()
	s.showBtn.Disable()
	s.skipBtn.Disable()
	return split
}

// reset forgets the files when another ledger is opened.
func (s *importScreen) reset() {
	s.onCancel()
	s.queue, s.path, s.preview = nil, "", nil
	s.clearPreview()
	s.fileLabel.SetText("把文件拖到窗口上，或点“选择文件…”。")
	s.summary.SetText("")
	s.showBtn.Disable()
	s.status.SetText("")
}

func (s *importScreen) onChoose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.u.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.addFiles([]string{path})
	}, s.u.Win)
	d.SetFilter(storage.NewExtensionFileFilter(importer.Extensions()))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// addFiles queues paths; when nothing is being previewed, the first is.
func (s *importScreen) addFiles(paths []string) {
	s.queue = append(s.queue, paths...)
	if s.path == "" && !s.busy() {
		s.next()
	} else {
		s.showQueue()
	}
}

// next previews the next queued file.
func (s *importScreen) next() {
	s.clearPreview()
	if len(s.queue) == 0 {
		s.path = ""
		s.fileLabel.SetText("没有待导入的文件。把文件拖到窗口上，或点“选择文件…”。")
		s.showQueue()
		s.skipBtn.Disable()
		return
	}
	s.path, s.queue = s.queue[0], s.queue[1:]
	s.password, s.edited = "", false
	s.headerRow.SetText("")
	s.skipBtn.Enable()
	s.showQueue()
	s.inspect(importer.Options{})
}

func (s *importScreen) showQueue() {
	if len(s.queue) == 0 {
		s.queueLabel.SetText("")
		return
	}
	var names []string
	for _, p := range s.queue {
		names = append(names, filepath.Base(p))
	}
	s.queueLabel.SetText(fmt.Sprintf("还有 %d 个文件等待导入：%s", len(s.queue), strings.Join(names, "、")))
}

func (s *importScreen) onSkip() {
	s.summary.SetText("")
	s.next()
}

// inspect previews the current file in a goroutine.
func (s *importScreen) inspect(opts importer.Options) {
	path := s.path
	if path == "" {
		return
	}
	s.seq++
	seq := s.seq
	opts.Password = s.password
	l := s.u.Ledger()
	s.fileLabel.SetText(filepath.Base(path))
	s.formatLabel.SetText("正在读取…")
	s.importBtn.Disable()
	go func() {
		p, err := importer.Inspect(context.Background(), l, path, opts)
		fyne.Do(func() {
			if seq != s.seq {
				return
			}
			s.showPreview(p, err)
		})
	}()
}

func (s *importScreen) clearPreview() {
	s.preview = nil
	s.mapping = importer.Mapping{}
	s.fileLabel.SetText("")
	s.formatLabel.SetText("")
	s.sheet.Options = nil
	s.sheet.ClearSelected()
	s.sheet.Disable()
	s.channel.SetText("")
	s.passRow.Hide()
	s.textCols.Options = nil
	s.textCols.Selected = nil
	s.textCols.Refresh()
	for _, sel := range s.roleSel {
		sel.Options = nil
		sel.ClearSelected()
	}
	s.mappingBox.Hide()
	s.importBtn.Disable()
	s.table.Refresh()
}

// showPreview fills the form, the mapping and the table from a preview.
func (s *importScreen) showPreview(p *importer.Preview, err error) {
	s.preview = p
	if err != nil {
		if p != nil && p.NeedsPass {
			s.formatLabel.SetText("工作簿设置了打开密码")
			s.passRow.Show()
			if s.password != "" {
				s.status.SetText("密码不正确，请重新输入。")
			} else {
				s.status.SetText("请输入工作簿的打开密码。")
			}
			s.u.Win.Canvas().Focus(s.pass)
			return
		}
		s.formatLabel.SetText("无法导入")
		s.status.SetText(ledger.Message(err))
		s.addSummary("✗ " + ledger.Message(err))
		s.preview = nil
		s.table.Refresh()
		return
	}
	s.passRow.Hide()
	desc := p.FormatName
	if p.Kind != "" {
		desc += " · " + string(p.Kind)
	}
	if p.Encoding != "" {
		desc += " · " + string(p.Encoding)
	}
	s.formatLabel.SetText(desc)
	if len(p.Sheets) > 0 {
		opts := append([]string{allSheet}, p.Sheets...)
		s.sheet.Options = opts
		s.sheet.Enable()
		sel := allSheet
		if s.edited && p.Table != nil {
			sel = p.Table.Sheet
		}
		s.sheet.Selected = sel
		s.sheet.Refresh()
		if p.Table != nil && s.headerRow.Text == "" {
			s.headerRow.SetPlaceHolder(fmt.Sprintf("自动（第%d行）", p.Table.HeaderRow))
		}
	}
	if p.Channel != "" && s.channel.Text == "" {
		s.channel.SetText(p.Channel)
	}
	note := p.ChannelNote
	switch {
	case p.Table != nil && len(p.Mapping.Text) == 0:
		note = p.Table.Note + "：请在左侧“列的对应关系”中勾选意见内容所在的列。\n" + note
	case p.Err != "":
		note = p.Err
	case p.Table != nil && p.Table.Note != "":
		note += "\n" + p.Table.Note
	}
	s.status.SetText(strings.TrimSpace(note))
	if p.Table != nil {
		s.mapping = p.Mapping
		s.fillMapping()
		s.mappingBox.Show()
	} else {
		s.mappingBox.Hide()
	}
	s.table.Refresh()
	s.table.SetColumnWidth(0, 56)
	for c := range p.Header {
		w := float32(150)
		if p.Table != nil && s.roleOf(c+1) == importer.RoleText || p.Table == nil && c == 0 {
			w = 380
		}
		s.table.SetColumnWidth(c+1, w)
	}
	s.updateImportButton()
}

// colOptions names each column by letter and header: "E · 留言详情".
func (s *importScreen) colOptions() []string {
	var out []string
	for i, h := range s.preview.Header {
		out = append(out, colLetter(i+1)+" · "+h)
	}
	return out
}

func colLetter(c int) string {
	var b []byte
	for c > 0 {
		c--
		b = append([]byte{byte('A' + c%26)}, b...)
		c /= 26
	}
	return string(b)
}

func (s *importScreen) colOf(option string) int {
	for i, o := range s.colOptions() {
		if o == option {
			return i + 1
		}
	}
	return 0
}

// fillMapping sets the mapping widgets from s.mapping without firing
// their change handlers.
func (s *importScreen) fillMapping() {
	opts := s.colOptions()
	s.textCols.Options = opts
	s.textCols.Selected = nil
	for _, c := range s.mapping.Text {
		if c >= 1 && c <= len(opts) {
			s.textCols.Selected = append(s.textCols.Selected, opts[c-1])
		}
	}
	s.textCols.Refresh()
	for _, r := range importer.Roles[1:] {
		sel := s.roleSel[r.Role]
		sel.Options = append([]string{colNone}, opts...)
		sel.Selected = colNone
		if c := s.mapping.Get(r.Role); c >= 1 && c <= len(opts) {
			sel.Selected = opts[c-1]
		}
		sel.Refresh()
	}
	// The column list changed size: lay the form out again.
	s.mappingBox.Refresh()
	s.left.Refresh()
}

func (s *importScreen) roleOf(col int) importer.Role {
	for _, c := range s.mapping.Text {
		if c == col {
			return importer.RoleText
		}
	}
	for _, r := range importer.Roles[1:] {
		if s.mapping.Get(r.Role) == col {
			return r.Role
		}
	}
	return ""
}

func (s *importScreen) onTextCols(selected []string) {
	if s.preview == nil || s.preview.Table == nil {
		return
	}
	var cols []int
	for _, o := range selected {
		if c := s.colOf(o); c > 0 {
			cols = append(cols, c)
		}
	}
	for _, c := range cols {
		if s.roleOf(c) != importer.RoleText && s.roleOf(c) != "" {
			s.mapping.Set(s.roleOf(c), 0)
		}
	}
	s.mapping.Text = cols
	s.edited = true
	s.fillMapping()
	s.table.Refresh()
	s.updateImportButton()
}

func (s *importScreen) onRole(r importer.Role, v string) {
	if s.preview == nil || s.preview.Table == nil {
		return
	}
	c := 0
	if v != colNone {
		c = s.colOf(v)
	}
	if s.mapping.Get(r) == c {
		return
	}
	s.mapping.Set(r, c)
	s.edited = true
	s.fillMapping()
	s.table.Refresh()
	s.updateImportButton()
}

func (s *importScreen) onSheet(v string) {
	if s.preview == nil || s.preview.Table == nil || v == "" {
		return
	}
	if v == allSheet && !s.edited {
		return
	}
	if v != allSheet && v == s.preview.Table.Sheet && !s.edited {
		return
	}
	sheet := v
	if v == allSheet {
		sheet = ""
	}
	s.edited = false
	s.inspect(importer.Options{Sheet: sheet})
}

func (s *importScreen) onHeaderRow() {
	if s.preview == nil || s.preview.Table == nil {
		return
	}
	n := 0
	if t := strings.TrimSpace(s.headerRow.Text); t != "" {
		if _, err := fmt.Sscanf(t, "%d", &n); err != nil || n < 1 {
			s.status.SetText("表头行请填写行号，例如 2。")
			return
		}
	}
	s.edited = n > 0
	m := &importer.Mapping{HeaderRow: n}
	if n == 0 {
		m = nil
	}
	s.inspect(importer.Options{Sheet: s.preview.Table.Sheet, Mapping: m})
}

func (s *importScreen) onPassword() {
	s.password = s.pass.Text
	s.inspect(importer.Options{})
}

func (s *importScreen) updateImportButton() {
	ok := s.preview != nil && !s.busy() && (s.preview.Table == nil || len(s.mapping.Text) > 0)
	if ok {
		s.importBtn.Enable()
	} else {
		s.importBtn.Disable()
	}
}

// The preview table: row 0 is the header (with the column's role), then
// the first rows of the file.
func (s *importScreen) tableSize() (int, int) {
	if s.preview == nil || len(s.preview.Header) == 0 {
		return 0, 0
	}
	return len(s.preview.Rows) + 1, len(s.preview.Header) + 1
}

func (s *importScreen) tableCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (s *importScreen) tableUpdate(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	p := s.preview
	if p == nil {
		l.SetText("")
		return
	}
	if id.Col == 0 {
		l.TextStyle = fyne.TextStyle{Bold: true}
		if id.Row == 0 {
			l.SetText("行")
		} else {
			l.SetText(itoa(p.Rows[id.Row-1].N))
		}
		return
	}
	c := id.Col
	if id.Row == 0 {
		l.TextStyle = fyne.TextStyle{Bold: true}
		text := p.Header[c-1]
		if p.Table != nil {
			text = colLetter(c) + " " + text
			if r := s.roleOf(c); r != "" {
				text = "【" + roleName(r) + "】" + text
			}
		}
		l.SetText(text)
		return
	}
	l.TextStyle = fyne.TextStyle{}
	cells := p.Rows[id.Row-1].Cells
	v := ""
	if c-1 < len(cells) {
		v = strings.ReplaceAll(ledger.TrimText(cells[c-1]), "\n", " ⏎ ")
	}
	l.SetText(v)
}

func roleName(r importer.Role) string {
	for _, x := range importer.Roles {
		if x.Role == r {
			return x.Name
		}
	}
	return string(r)
}

func (s *importScreen) busy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stop != nil
}

func (s *importScreen) setIdle() {
	s.cancelBtn.Disable()
	s.chooseBtn.Enable()
	s.infinite.Stop()
	s.infinite.Hide()
	s.progress.Show()
}

// onImport imports the current file in a goroutine with progress and cancel.
func (s *importScreen) onImport() {
	l := s.u.Ledger()
	if l == nil {
		s.u.ShowError(&ledger.Error{Msg: "请先新建或打开一个台账（“文件”菜单），再导入"})
		return
	}
	if s.preview == nil || s.busy() {
		return
	}
	channel := strings.TrimSpace(s.channel.Text)
	if channel == "" {
		s.u.ShowError(&ledger.Error{Msg: "请先选择征求渠道（" + strings.Join(ledger.Channels, "、") + "），再导入"})
		return
	}
	opts := importer.Options{Channel: channel, Password: s.password}
	if s.preview.Table != nil {
		if len(s.mapping.Text) == 0 {
			s.u.ShowError(&ledger.Error{Msg: "请在“列的对应关系”中勾选意见内容所在的列"})
			return
		}
		if s.edited || s.sheet.Selected != allSheet {
			m := s.mapping
			opts.Mapping = &m
			opts.Sheet = s.preview.Table.Sheet
		}
	}
	ctx, stop := context.WithCancel(context.Background())
	s.mu.Lock()
	s.stop = stop
	s.mu.Unlock()
	path := s.path
	s.importBtn.Disable()
	s.chooseBtn.Disable()
	s.skipBtn.Disable()
	s.cancelBtn.Enable()
	s.showBtn.Disable()
	s.progress.SetValue(0)
	s.status.SetText("正在导入 " + filepath.Base(path) + " …")
	opts.Progress = func(done, total int) {
		fyne.Do(func() {
			if total > 0 {
				s.infinite.Hide()
				s.progress.Show()
				s.progress.SetValue(float64(done) / float64(total))
			} else {
				if !s.infinite.Visible() {
					s.progress.Hide()
					s.infinite.Show()
					s.infinite.Start()
				}
			}
			s.status.SetText(fmt.Sprintf("正在导入 %s：已读 %d 行…", filepath.Base(path), done))
		})
	}
	go func() {
		res, err := importer.Import(ctx, l, path, opts)
		fyne.Do(func() {
			s.mu.Lock()
			s.stop = nil
			s.mu.Unlock()
			stop()
			s.setIdle()
			s.finished(path, res, err)
		})
	}()
}

func (s *importScreen) onCancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil {
		s.stop()
	}
}

// finished shows the summary of one file and moves to the next.
func (s *importScreen) finished(path string, res *importer.Result, err error) {
	name := filepath.Base(path)
	var b strings.Builder
	if err != nil {
		s.progress.SetValue(0)
		if errors.Is(err, importer.ErrCancelled) {
			b.WriteString(importer.FailureSummary(name, err))
		} else {
			b.WriteString("✗ " + importer.FailureSummary(name, err))
			s.u.ShowError(err)
		}
		s.status.SetText("")
		s.addSummary(b.String())
		s.updateImportButton()
		s.skipBtn.Enable()
		return
	}
	s.progress.SetValue(1)
	b.WriteString("✓ " + res.Summary())
	for _, d := range res.Details(20) {
		b.WriteString("\n" + d)
	}
	s.addSummary(b.String())
	s.firstNew = res.FirstID
	if res.FirstID > 0 {
		s.showBtn.Enable()
	}
	s.status.SetText("")
	s.u.Notify(res.Summary())
	s.next()
}

// addSummary puts a file's summary above those of the files before it
// (the last five are kept).
func (s *importScreen) addSummary(text string) {
	parts := []string{text}
	if old := s.summary.Text; old != "" {
		parts = append(parts, strings.SplitN(old, "\n\n", 5)...)
	}
	if len(parts) > 5 {
		parts = parts[:5]
	}
	s.summary.SetText(strings.Join(parts, "\n\n"))
}

func (s *importScreen) onShowNew() {
	if s.firstNew > 0 {
		s.u.Show("意见", s.firstNew)
	}
}
