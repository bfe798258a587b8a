package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"taizhang/assets"
)

// Fonts bundled with the binary, so Chinese renders with Simplified Chinese
// glyph shapes on every machine (Fyne alone would borrow a Japanese face).
var (
	fontRegular = fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.SansRegular)
	fontBold    = fyne.NewStaticResource("NotoSansSC-Bold.ttf", assets.SansBold)
	appIcon     = fyne.NewStaticResource("icon.png", assets.Icon)
)

// chineseTheme is the default theme with the bundled CJK font and an
// official red as the primary colour.
type chineseTheme struct{ fyne.Theme }

var _ fyne.Theme = chineseTheme{}

func newTheme() fyne.Theme { return chineseTheme{theme.DefaultTheme()} }

func (t chineseTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace {
		return t.Theme.Font(s)
	}
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

func (t chineseTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		return color.NRGBA{R: 0xB7, G: 0x25, B: 0x2B, A: 0xFF}
	case theme.ColorNameFocus:
		return color.NRGBA{R: 0xB7, G: 0x25, B: 0x2B, A: 0x7F}
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0xB7, G: 0x25, B: 0x2B, A: 0x40}
	}
	// Always the light variant: documents and ledgers are read on white.
	return t.Theme.Color(n, theme.VariantLight)
}
