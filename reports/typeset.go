package reports

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// gridPitch is the advance of a Chinese character in body text: GB/T 9704
// sets 28 characters a line on the 156 mm measure (Word's document grid
// does the same; the 三号 glyph is a little wider than its cell).
const gridPitch = textW / 28

// Markers printed where no face has a glyph: an emoji, or another
// character (the ledger and the Word document keep the character itself).
const (
	emojiMarker   = "[表情]"
	missingMarker = "[缺字]"
)

type measureKey struct {
	role role
	size float64
	c    rune
}

type faceKey struct {
	role role
	c    rune
}

// faceFor returns the face that draws c in role r: the first of the role's
// faces that has it, else any face that has it, else nil.
func (r *renderer) faceFor(ro role, c rune) *face {
	k := faceKey{ro, c}
	if f, ok := r.faceOf[k]; ok {
		return f
	}
	var found *face
	for _, f := range r.faces.chain[ro] {
		if f.has(&r.buf, c) {
			found = f
			break
		}
	}
	if found == nil {
		for _, f := range r.faces.all {
			if f.has(&r.buf, c) {
				found = f
				break
			}
		}
	}
	r.faceOf[k] = found
	return found
}

// grid reports whether text in the current role and size is set on the
// 28-character grid: body-size text other than the title.
func (r *renderer) grid() bool { return r.size == sizeBody && r.role != roleTitle }

// advance is the natural width of c in f at size pt, in millimetres.
func (r *renderer) advance(f *face, c rune, size float64) float64 {
	i, err := f.font.GlyphIndex(&r.buf, c)
	if err != nil {
		return 0
	}
	upem := f.font.UnitsPerEm()
	a, err := f.font.GlyphAdvance(&r.buf, i, fixed.I(int(upem)), font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(a) / 64 / float64(upem) * size * 25.4 / 72
}

// measure returns the width of c as it is set in the current role and
// size, in millimetres: a wide character takes one grid cell in body text.
func (r *renderer) measure(c rune) float64 {
	k := measureKey{r.role, r.size, c}
	if w, ok := r.widths[k]; ok {
		return w
	}
	var w float64
	if f := r.faceFor(r.role, c); f != nil {
		w = r.advance(f, c, r.size)
	}
	if r.grid() && isWide(c) {
		w = gridPitch
	}
	r.widths[k] = w
	return w
}

// isEmoji reports whether c is an emoji or pictograph (or a mark that
// joins or varies one).
func isEmoji(c rune) bool {
	return c >= 0x1F000 || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF) || unicode.Is(unicode.So, c)
}

// joiner reports whether c only modifies the character before it in an
// emoji sequence (zero-width joiner, variation selectors, skin tones, tags).
func joiner(c rune) bool {
	return c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F)
}

// prepare replaces the characters that no face can draw by a visible
// marker ([表情] for an emoji sequence, [缺字] otherwise) and counts them for
// the warning. Characters outside the Basic Multilingual Plane that a face
// has (𠮷) stay: they are drawn from their outlines.
func (r *renderer) prepare(s string) string {
	ok := true
	for _, c := range s {
		if c >= 0x80 && r.faceFor(r.role, c) == nil {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	prevMarker := false
	for _, c := range s {
		if c < 0x80 || r.faceFor(r.role, c) != nil {
			b.WriteRune(c)
			prevMarker = false
			continue
		}
		if joiner(c) && prevMarker {
			continue // part of the emoji just marked
		}
		if joiner(c) {
			continue // a lone modifier draws nothing
		}
		if !r.quiet {
			r.missing++
		}
		if !r.quiet && len(r.samples) < 5 {
			r.samples = append(r.samples, fmt.Sprintf("%c（U+%04X）", c, c))
		}
		if isEmoji(c) {
			b.WriteString(emojiMarker)
		} else {
			b.WriteString(missingMarker)
		}
		prevMarker = true
	}
	return b.String()
}

// glyph is one character placed on a line.
type glyph struct {
	c    rune
	f    *face
	x, w float64
}

// drawLine draws s in the current role and size in a box at (x, y) of
// width w and height lh, aligned "L", "C" or "R"; justify spreads a line
// that falls short over its whole width, at the places it may break.
func (r *renderer) drawLine(x, y, w, lh float64, s, align string, justify bool) {
	gs := make([]glyph, 0, len(s))
	natural := 0.0
	for _, c := range s {
		g := glyph{c: c, f: r.faceFor(r.role, c), w: r.measure(c)}
		natural += g.w
		gs = append(gs, g)
	}
	if len(gs) == 0 {
		return
	}
	extra := 0.0
	if natural > w+1e-6 || justify && natural < w {
		gaps := 0
		for i := 1; i < len(gs); i++ {
			if stretchable(gs[i-1].c, gs[i].c) {
				gaps++
			}
		}
		if gaps > 0 {
			extra = (w - natural) / float64(gaps)
			if extra > gridPitch {
				extra = 0 // a short line of long words: leave it ragged
			}
			if extra < 0 {
				justify = true // a squeezed line: set tighter to the width
			}
		}
	}
	switch {
	case extra != 0:
	case align == "C":
		x += (w - natural) / 2
	case align == "R":
		x += w - natural
	}
	pos := x
	for i := range gs {
		if i > 0 && extra != 0 && stretchable(gs[i-1].c, gs[i].c) {
			pos += extra
		}
		gs[i].x = pos
		pos += gs[i].w
	}
	base := y + 0.5*lh + 0.3*r.size*25.4/72
	for i := 0; i < len(gs); {
		g := gs[i]
		if g.f == nil || g.c == ' ' {
			i++
			continue
		}
		if g.c > 0xFFFF {
			r.drawOutline(g.f, g.c, g.x, base)
			i++
			continue
		}
		// a run: same face, each glyph where the face's own advance puts it
		j := i + 1
		end := g.x + r.advance(g.f, g.c, r.size)
		for j < len(gs) && gs[j].f == g.f && gs[j].c <= 0xFFFF && gs[j].c != ' ' && abs(gs[j].x-end) < 0.005 {
			end += r.advance(g.f, gs[j].c, r.size)
			j++
		}
		var run strings.Builder
		for _, h := range gs[i:j] {
			run.WriteRune(h.c)
		}
		r.use(g.f)
		r.p.Text(g.x, base, run.String())
		i = j
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// stretchable reports whether a justified line may widen between a and b:
// anywhere but inside a Latin word or number.
func stretchable(a, b rune) bool {
	return isWide(a) || isWide(b) || a == ' ' || b == ' '
}

// use makes f the font fpdf draws with, registering it on first use (a
// face never used is never parsed by fpdf nor embedded).
func (r *renderer) use(f *face) {
	if !r.registered[f.family] {
		r.p.AddUTF8FontFromBytes(f.family, "", f.data)
		r.registered[f.family] = true
	}
	r.p.SetFont(f.family, "", r.size)
}

// drawOutline draws a character outside the Basic Multilingual Plane (which
// fpdf cannot encode) as a filled path from the face's outline, with the
// baseline at base. An invisible placeholder inside a marked-content span
// carries the character as /ActualText, so text extraction and copying
// return it.
func (r *renderer) drawOutline(f *face, c rune, x, base float64) {
	i, err := f.font.GlyphIndex(&r.buf, c)
	if err != nil || i == 0 {
		return
	}
	upem := f.font.UnitsPerEm()
	segs, err := f.font.LoadGlyph(&r.buf, i, fixed.I(int(upem)), nil)
	if err != nil {
		return
	}
	u16 := utf16Hex(c)
	r.p.RawWriteStr("/Span <</ActualText <FEFF" + u16 + ">>> BDC")
	r.use(bundled()[0]) // the bundled serif has U+3000
	r.p.SetTextRenderingMode(3)
	r.p.Text(x, base, "\u3000")
	r.p.SetTextRenderingMode(0)
	scale := r.size * 25.4 / 72 / float64(upem) / 64
	pt := func(p fixed.Point26_6) (float64, float64) {
		return x + float64(p.X)*scale, base + float64(p.Y)*scale
	}
	fr, fg, fb := r.p.GetFillColor()
	tr, tg, tb := r.p.GetTextColor()
	r.p.SetFillColor(tr, tg, tb)
	open := false
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if open {
				r.p.ClosePath()
			}
			r.p.MoveTo(pt(s.Args[0]))
			open = true
		case sfnt.SegmentOpLineTo:
			r.p.LineTo(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			cx, cy := pt(s.Args[0])
			ex, ey := pt(s.Args[1])
			r.p.CurveTo(cx, cy, ex, ey)
		case sfnt.SegmentOpCubeTo:
			c0x, c0y := pt(s.Args[0])
			c1x, c1y := pt(s.Args[1])
			ex, ey := pt(s.Args[2])
			r.p.CurveBezierCubicTo(c0x, c0y, c1x, c1y, ex, ey)
		}
	}
	if open {
		r.p.ClosePath()
		r.p.DrawPath("F")
	}
	r.p.SetFillColor(fr, fg, fb)
	r.p.RawWriteStr("EMC")
}

// utf16Hex writes c as UTF-16BE in hex (a surrogate pair outside the BMP).
func utf16Hex(c rune) string {
	if c <= 0xFFFF {
		return fmt.Sprintf("%04X", c)
	}
	c -= 0x10000
	return fmt.Sprintf("%04X%04X", 0xD800+(c>>10), 0xDC00+(c&0x3FF))
}
