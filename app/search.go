package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// newSearchScreen builds the 检索 screen. (Placeholder until the screen is written.)
func newSearchScreen(u *UI) fyne.CanvasObject {
	return widget.NewLabel("检索：尚未完成")
}
