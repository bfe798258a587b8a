package app

import (
	"fyne.io/fyne/v2"

	"taizhang/ledger"
)

func (u *UI) mainMenu() *fyne.MainMenu { return fyne.NewMainMenu() }

func (u *UI) openInitial(args []string) {
	if len(args) > 0 {
		l, err := ledger.Open(args[0])
		if err != nil {
			u.ShowError(err)
			return
		}
		u.setLedger(l)
	}
}
