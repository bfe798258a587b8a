package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// newBoardScreen builds the 梳理 screen. (Placeholder until the screen is written.)
func newBoardScreen(u *UI) fyne.CanvasObject {
	return widget.NewLabel("梳理（拖放归类）：尚未完成")
}
