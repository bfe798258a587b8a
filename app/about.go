package app

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/assets"
	"taizhang/search"
)

// onAbout shows 帮助 → 关于意见台账: the version and build time, where the
// ledger, its backups, the search index and the settings live, the fonts'
// licence, and the licences of the libraries (generated from the module
// list at build time: assets.Licenses).
func (u *UI) onAbout() {
	tabs := container.NewAppTabs(
		container.NewTabItem("概况", u.aboutSummary()),
		container.NewTabItem("字体许可证", aboutFontLicense()),
		container.NewTabItem("程序库许可证", aboutLibraries()),
	)
	d := dialog.NewCustom("关于意见台账", "关闭", tabs, u.Win)
	d.Resize(fyne.NewSize(760, 560))
	u.showDialog(d, nil)
}

// aboutSummary is the first tab: what the program is, which version, and
// where its files are.
func (u *UI) aboutSummary() fyne.CanvasObject {
	built := assets.BuildDate
	if built == "" {
		built = "未记录"
	}
	head := widget.NewRichTextFromMarkdown("## 意见台账 " + assets.Version)
	intro := wrapped("把征求到的意见整理成台账，生成民主生活会所需的报告。" +
		"每条意见原文照录、可追溯到来源文件和行；提出人信息受保护，不出现在给领导的材料中。")
	build := selectable("构建时间：" + built + "　　" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH)
	places := widget.NewForm()
	for _, p := range u.aboutPlaces() {
		item := container.NewVBox(selectable(p.path))
		if p.note != "" {
			item.Add(hint(p.note))
		}
		places.Append(p.name, item)
	}
	return container.NewVScroll(container.NewVBox(head, intro, build, widget.NewSeparator(),
		widget.NewLabelWithStyle("文件位置", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), places))
}

type aboutPlace struct{ name, path, note string }

// aboutPlaces says where the open ledger, its backups, its search index and
// the settings are.
func (u *UI) aboutPlaces() []aboutPlace {
	var out []aboutPlace
	if l := u.Ledger(); l != nil {
		out = append(out,
			aboutPlace{"台账", l.Path(), "唯一的原始数据；复制这个文件即可转移或另存。"},
			aboutPlace{"备份", l.BackupDir(), "每次导入和升级之前、每天第一次打开时自动备份，保留最近十份；在“设置 → 备份”中恢复。"})
		if ix, err := search.PathFor(searchIndexDir(), l.Path()); err == nil {
			out = append(out, aboutPlace{"检索索引", ix, "由台账生成，删除后下次检索时自动重建。"})
		}
	} else {
		out = append(out, aboutPlace{"台账", "（未打开台账）", ""})
	}
	if dir, err := os.UserConfigDir(); err == nil {
		out = append(out, aboutPlace{"设置与示例台账", filepath.Join(dir, "taizhang"), "最近打开的台账等设置在 " + u.App.Storage().RootURI().Path() + "。"})
	}
	return out
}

// aboutFontLicense is the bundled fonts' licence, in full.
func aboutFontLicense() fyne.CanvasObject {
	intro := wrapped("界面和报告所用的字体 Noto Sans CJK SC（黑体类）和 Noto Serif CJK SC（宋体类）随程序提供，" +
		"已转换为 TrueType 格式，按 SIL Open Font License 1.1 授权：")
	return container.NewBorder(intro, nil, nil, nil, container.NewVScroll(selectable(assets.FontLicense)))
}

// aboutLibraries lists the Go toolchain and the modules linked into the
// program with their licences; choosing one shows its licence texts.
func aboutLibraries() fyne.CanvasObject {
	libs := assets.Licenses()
	text := selectable("选择左边的一项，查看它的许可证全文。")
	text.Wrapping = fyne.TextWrapWord
	list := widget.NewList(func() int { return len(libs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(libs[i].Path + " · " + libs[i].License)
		})
	scroll := container.NewVScroll(text)
	list.OnSelected = func(i widget.ListItemID) {
		text.SetText(licenseText(libs[i]))
		scroll.ScrollToTop()
	}
	split := container.NewHSplit(list, scroll)
	split.Offset = 0.45
	return container.NewBorder(wrapped(librarySummary(libs)), nil, nil, nil, split)
}

// librarySummary counts the libraries by licence: "……以下68个程序库构成……MIT×19 …".
func librarySummary(libs []assets.License) string {
	count := map[string]int{}
	for _, l := range libs {
		for _, id := range strings.Split(l.License, "+") {
			count[id]++
		}
	}
	ids := make([]string, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		return count[ids[i]] > count[ids[j]] || count[ids[i]] == count[ids[j]] && ids[i] < ids[j]
	})
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id + "×" + strconv.Itoa(count[id])
	}
	// Spaces between the identifiers: the label wraps at spaces, not inside "BSD-3-Clause".
	return "本程序由 Go 工具链和以下" + strconv.Itoa(len(libs)-1) + "个程序库构成，清单在构建时根据模块清单生成。许可证： " + strings.Join(parts, "  ")
}

func licenseText(l assets.License) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(l.Path+" "+l.Version) + "（" + l.License + "）\n")
	for _, f := range l.Files {
		b.WriteString("\n—— " + f.Name + " ——\n\n" + reflow(f.Text) + "\n")
	}
	return b.String()
}

// reflow joins the lines of each paragraph of a licence text, which its
// authors wrapped at about 72 columns, so that the label wraps it to its own
// width. A line continues the one before when that one was long (it was
// wrapped: short lines are titles, names, copyright lines) and it does not
// begin a list item; blank lines keep their place.
func reflow(text string) string {
	var b strings.Builder
	prevLen := 0
	for _, line := range strings.Split(strings.Trim(strings.ReplaceAll(text, "\r\n", "\n"), "\n"), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case b.Len() == 0:
		case t != "" && prevLen >= wrappedAt && !startsItem(t):
			b.WriteString(" ")
			line = t
		default:
			b.WriteString("\n")
		}
		b.WriteString(strings.TrimRight(line, " \t"))
		prevLen = len([]rune(t))
	}
	return b.String()
}

// wrappedAt is the length from which a line of a licence text counts as
// wrapped by its author (most wrap at 70–80 columns).
const wrappedAt = 50

// startsItem reports whether a trimmed line begins a list item: "* …",
// "- …", "1. …", "(a) …", "a) …".
func startsItem(t string) bool {
	if strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "(") {
		return true
	}
	i := strings.IndexAny(t, ".)")
	return i > 0 && i <= 3 && strings.Trim(t[:i], "0123456789abcdefghijklmnopqrstuvwxyz") == ""
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func selectable(s string) *widget.Label {
	l := wrapped(s)
	l.Selectable = true
	return l
}

func hint(s string) *widget.Label {
	l := wrapped(s)
	l.SizeName = theme.SizeNameCaptionText
	return l
}
