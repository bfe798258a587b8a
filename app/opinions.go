package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

func newOpinionsScreen(u *UI) fyne.CanvasObject { return widget.NewLabel("意见") }
