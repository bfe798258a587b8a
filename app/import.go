package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// newImportScreen builds the 导入 screen. (Placeholder until the screen is written.)
func newImportScreen(u *UI) fyne.CanvasObject {
	return widget.NewLabel("导入文件：尚未完成")
}

// importFiles imports files dropped onto the window or chosen in a dialog.
func (u *UI) importFiles(paths []string) {
	u.Notify("导入功能尚未完成")
}
