// Package assets holds what the binary carries inside it: the Simplified
// Chinese fonts (Noto Sans/Serif CJK SC as TrueType, SIL OFL 1.1, see
// fonts/OFL.txt), the application icon, and the demo ledger's opinions.
// It is a leaf: it imports nothing of the project.
package assets

import _ "embed"

// SansRegular is Noto Sans CJK SC Regular (a 黑体-like sans), TrueType.
//
//go:embed fonts/NotoSansSC-Regular.ttf
var SansRegular []byte

// SansBold is Noto Sans CJK SC Bold, TrueType.
//
//go:embed fonts/NotoSansSC-Bold.ttf
var SansBold []byte

// SerifRegular is Noto Serif CJK SC Regular (a 宋体-like serif), TrueType.
//
//go:embed fonts/NotoSerifSC-Regular.ttf
var SerifRegular []byte

// FontLicense is the SIL Open Font License of the bundled fonts.
//
//go:embed fonts/OFL.txt
var FontLicense string

// Icon is the application icon (PNG, 256×256).
//
//go:embed icon.png
var Icon []byte

// DemoLedger is the demo ledger as JSON: unit, title, period, leaders and a
// few dozen opinions written for the demo (not real people's words).
//
//go:embed demo.json
var DemoLedger []byte
