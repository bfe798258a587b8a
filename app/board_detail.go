package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"taizhang/ledger"
)

// maxDetailOpinions bounds how many opinions the detail dialog lays out
// verbatim (a problem of thousands would take seconds to lay out; the
// 意见 screen lists them all).
const maxDetailOpinions = 400

// editTitle asks for a problem's title right away (after a new problem is
// made by a drop, a key or a split). Enter saves, Esc keeps the title.
func (b *boardScreen) editTitle(id int64, back *boardList) {
	c := b.model.Card(id)
	if c == nil {
		return
	}
	entry := newEscEntry(b.u)
	entry.SetText(c.Title)
	d := dialog.NewForm("问题标题", "确定", "不改", []*widget.FormItem{
		widget.NewFormItem("标题", entry),
		widget.NewFormItem("类别", widget.NewLabel(c.Category)),
	}, func(ok bool) {
		defer b.refocus(back)
		if !ok || strings.TrimSpace(entry.Text) == c.Title {
			return
		}
		p, err := b.led.Problem(id)
		if err != nil {
			b.showError(err)
			return
		}
		p.Title = entry.Text
		b.done(b.led.UpdateProblem(p), "")
	}, b.u.Win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(520, 200))
	b.u.showDialog(d, nil)
	b.u.Win.Canvas().Focus(entry)
	entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// kindHint explains the board's suggestion for 个性/共性.
func kindHint(c *ledger.Card) string {
	why := c.SharedReasons()
	if len(why) == 0 {
		return "提示：提出人少、渠道单一、不涉及领导班子，多为个性问题。是否为共性问题由您决定。"
	}
	return "建议共性：" + strings.Join(why, "，") + "。是否为共性问题由您决定。"
}

// showDetail opens a problem's detail: edit it, read its opinions verbatim
// with their provenance, split some of them off into a new problem.
func (b *boardScreen) showDetail(id int64) {
	if b.model == nil || b.model.Card(id) == nil {
		return
	}
	p, err := b.led.Problem(id)
	if err != nil {
		b.showError(err)
		return
	}
	card := b.model.Card(id)
	ops, err := b.led.Opinions(ledger.Filter{Problem: id, Limit: maxDetailOpinions})
	if err != nil {
		b.showError(err)
		return
	}
	back := b.lastFocus

	title := newEscEntry(b.u)
	title.SetText(p.Title)
	cat := widget.NewSelect(ledger.Categories, nil)
	cat.SetSelected(p.Category)
	kind := widget.NewRadioGroup([]string{ledger.Individual, ledger.Shared}, nil)
	kind.Horizontal = true
	kind.Required = true
	kind.SetSelected(p.Kind)
	hint := widget.NewLabel(kindHint(card))
	hint.Wrapping = fyne.TextWrapWord
	names, ids := b.targetChoices()
	targets := widget.NewCheckGroup(names, nil)
	targets.Horizontal = true
	for _, t := range p.Targets {
		if i := slices.Index(ids, t); i >= 0 {
			targets.Selected = append(targets.Selected, names[i])
		}
	}
	targets.Refresh()
	desc := newEscMultiLineEntry(b.u)
	desc.SetText(p.Description)
	desc.SetMinRowsVisible(3)
	desc.Wrapping = fyne.TextWrapWord
	notes := newEscMultiLineEntry(b.u)
	notes.SetText(p.Notes)
	notes.SetMinRowsVisible(2)
	notes.Wrapping = fyne.TextWrapWord
	counts := widget.NewLabel(cardCounts(card) + "；" + cardChannels(card))
	counts.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("标题", title),
		widget.NewFormItem("类别", cat),
		widget.NewFormItem("性质", container.NewVBox(kind, hint)),
		widget.NewFormItem("反映对象", targets),
		widget.NewFormItem("描述", desc),
		widget.NewFormItem("备注", notes),
		widget.NewFormItem("统计", counts),
	)

	edited := func() ledger.Problem {
		q := p
		q.Title, q.Category, q.Kind, q.Description, q.Notes = title.Text, cat.Selected, kind.Selected, desc.Text, notes.Text
		q.Targets = nil
		for _, n := range targets.Selected {
			if i := slices.Index(names, n); i >= 0 {
				q.Targets = append(q.Targets, ids[i])
			}
		}
		return q
	}

	checks := map[int64]*widget.Check{}
	list := container.NewVBox()
	for _, o := range ops {
		text := widget.NewLabel(o.Text)
		text.Wrapping = fyne.TextWrapWord
		meta := "#" + strconv.FormatInt(o.ID, 10) + " · " + o.Channel
		if o.Date != "" {
			meta += " · " + o.Date
		}
		meta += " · 来源：" + o.Source.String()
		if o.Title != "" {
			meta += " · 标题：" + o.Title
		}
		chk := widget.NewCheck(meta, nil)
		checks[o.ID] = chk
		list.Add(container.NewBorder(chk, widget.NewSeparator(), nil, nil, text))
	}
	if card.Opinions > len(ops) {
		list.Add(widget.NewLabel(fmt.Sprintf("（另有 %d 条意见未在此列出，请在“意见”页按问题查看）", card.Opinions-len(ops))))
	}
	var d *dialog.ConfirmDialog
	split := widget.NewButton("把勾选的意见拆分为新问题", func() {
		var chosen []int64
		for _, o := range ops {
			if checks[o.ID].Checked {
				chosen = append(chosen, o.ID)
			}
		}
		if len(chosen) == 0 {
			b.notify("请先勾选要拆出的意见")
			return
		}
		if len(chosen) == card.Opinions {
			b.showError(&ledger.Error{Msg: "不能把全部意见都拆出去：请至少留下一条；若要整体改类别，请直接修改类别"})
			return
		}
		q := edited()
		if err := b.led.UpdateProblem(q); err != nil {
			b.showError(err)
			return
		}
		np := ledger.Problem{Title: b.model.ProposedTitle(chosen), Category: q.Category}
		nid, err := b.led.NewProblemFrom(np, chosen...)
		d.Hide()
		if !b.done(err, fmt.Sprintf("已拆出 %d 条意见，新建问题“%s”", len(chosen), np.Title)) {
			return
		}
		b.showProblem(nid)
		b.editTitle(nid, back)
	})
	right := container.NewBorder(widget.NewLabelWithStyle("意见原文（勾选后可拆分为新问题）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		split, nil, nil, container.NewVScroll(list))
	content := container.NewHSplit(container.NewVScroll(form), right)
	content.Offset = 0.45
	d = dialog.NewCustomConfirm("问题详情：#"+strconv.FormatInt(id, 10), "保存", "关闭", content, func(ok bool) {
		defer b.refocus(back)
		if !ok {
			return
		}
		b.done(b.led.UpdateProblem(edited()), "已保存问题")
	}, b.u.Win)
	d.Resize(fyne.NewSize(1040, 660))
	b.u.showDialog(d, nil)
	b.u.Win.Canvas().Focus(title)
}

// targetChoices lists the targets a problem can have: the team, then the
// members in their order.
func (b *boardScreen) targetChoices() (names []string, ids []int64) {
	names, ids = []string{ledger.TeamName}, []int64{ledger.TeamID}
	if ms, err := b.led.Leaders(); err == nil {
		for _, m := range ms {
			names = append(names, m.Name)
			ids = append(ids, m.ID)
		}
	}
	return names, ids
}

// chooseProblem lets a person pick a problem by typing part of its title;
// Enter takes the first match. exclude is left out (0: none).
func (b *boardScreen) chooseProblem(title string, exclude int64, fn func(id int64)) {
	if b.model == nil {
		return
	}
	var all []int64
	for _, cat := range ledger.Categories {
		for _, id := range b.model.Column(cat) {
			if id != exclude {
				all = append(all, id)
			}
		}
	}
	if len(all) == 0 {
		b.notify("还没有问题：把意见拖到类别栏空白处，或按 1～5 新建")
		return
	}
	shown := all
	back := b.lastFocus
	var d dialog.Dialog
	pick := func(id int64) {
		d.Hide()
		b.refocus(back)
		fn(id)
	}
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i int, o fyne.CanvasObject) {
			c := b.model.Card(shown[i])
			o.(*widget.Label).SetText(fmt.Sprintf("%s  ·  %s  ·  %d 条意见", c.Title, c.Category, c.Opinions))
		})
	list.OnSelected = func(i int) {
		if i >= 0 && i < len(shown) {
			pick(shown[i])
		}
	}
	filter := newEscEntry(b.u)
	filter.SetPlaceHolder("输入标题中的文字筛选，回车选第一个")
	filter.OnChanged = func(s string) {
		s = strings.TrimSpace(s)
		shown = all
		if s != "" {
			shown = nil
			for _, id := range all {
				if strings.Contains(b.model.Card(id).Title, s) {
					shown = append(shown, id)
				}
			}
		}
		list.UnselectAll()
		list.Refresh()
	}
	filter.OnSubmitted = func(string) {
		if len(shown) > 0 {
			pick(shown[0])
		}
	}
	d = dialog.NewCustom(title, "取消", container.NewBorder(filter, nil, nil, nil, list), b.u.Win)
	d.Resize(fyne.NewSize(560, 460))
	b.u.showDialog(d, nil)
	b.u.Win.Canvas().Focus(filter)
}

// showOpinion shows one opinion verbatim with its provenance.
func (b *boardScreen) showOpinion(id int64) {
	o, err := b.led.Opinion(id)
	if err != nil {
		b.showError(err)
		return
	}
	text := widget.NewLabel(o.Text)
	text.Wrapping = fyne.TextWrapWord
	meta := fmt.Sprintf("#%d · %s · %s · 来源：%s", o.ID, o.Channel, o.Date, o.Source.String())
	if o.Title != "" {
		meta = "标题：" + o.Title + "\n" + meta
	}
	back := b.lastFocus
	d := dialog.NewCustom("意见原文", "关闭", container.NewBorder(widget.NewLabel(meta), nil, nil, nil, container.NewVScroll(text)), b.u.Win)
	d.Resize(fyne.NewSize(640, 420))
	b.u.showDialog(d, func() { b.refocus(back) })
}
