package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// newReportsScreen builds the 报告 screen. (Placeholder until the screen is written.)
func newReportsScreen(u *UI) fyne.CanvasObject {
	return widget.NewLabel("报告：尚未完成")
}
