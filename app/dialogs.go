package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Esc closes the newest dialog, as its 取消/关闭 button would. Fyne's
// dialogs do not listen for Esc, and a key goes to the focused widget (an
// entry, a button) or, when nothing has focus, to the window: so the
// window hears Esc (see buildUI), and the entries and buttons of our
// dialogs pass it on (escEntry, escButton).

// closable is what showDialog needs of a dialog.
type closable interface {
	Show()
	Hide()
	SetOnClosed(func())
}

// showDialog shows d and keeps it on the list that Esc closes from;
// onClosed, if any, runs when it closes (d's own SetOnClosed is taken).
func (u *UI) showDialog(d closable, onClosed func()) {
	u.dialogs = append(u.dialogs, d)
	d.SetOnClosed(func() {
		u.dialogs = slices.DeleteFunc(u.dialogs, func(x closable) bool { return x == d })
		if onClosed != nil {
			onClosed()
		}
	})
	d.Show()
}

// closeTopDialog closes the newest open dialog (Hide: a confirm or form
// dialog hears "no") and reports whether there was one.
func (u *UI) closeTopDialog() bool {
	if len(u.dialogs) == 0 {
		return false
	}
	u.dialogs[len(u.dialogs)-1].Hide()
	return true
}

// escape handles a key the focused widget did not: Esc closes a dialog.
func (u *UI) escape(k *fyne.KeyEvent) bool {
	return k.Name == fyne.KeyEscape && u.closeTopDialog()
}

// escEntry is an entry of a dialog: Esc closes the dialog.
type escEntry struct {
	widget.Entry
	u *UI
}

func newEscEntry(u *UI) *escEntry {
	e := &escEntry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

func newEscMultiLineEntry(u *UI) *escEntry {
	e := newEscEntry(u)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if !e.u.escape(k) {
		e.Entry.TypedKey(k)
	}
}

// escButton is a button of a dialog that takes the focus: Esc closes the
// dialog.
type escButton struct {
	widget.Button
	u *UI
}

func newEscButton(u *UI, text string, icon fyne.Resource, tapped func()) *escButton {
	e := &escButton{u: u}
	e.Text, e.Icon, e.OnTapped = text, icon, tapped
	e.ExtendBaseWidget(e)
	return e
}

func (b *escButton) TypedKey(k *fyne.KeyEvent) {
	if !b.u.escape(k) {
		b.Button.TypedKey(k)
	}
}
