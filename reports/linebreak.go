package reports

import (
	"strings"
	"unicode"
)

// Breaker wraps text into lines for a fixed width. It is the line breaker
// every report uses instead of fpdf's MultiCell, which drops a Han character
// at every automatic break.
//
// Rules, in order of strength:
//   - a line never holds a newline: each line of the input is a paragraph;
//   - a line may break between any two Han (or other wide) characters, at a
//     space, or between a Latin word and a wide character;
//   - Latin words and numbers (runs of letters, digits and ASCII marks) are
//     kept whole; only a word wider than a whole line is cut, at the width;
//   - closing punctuation （，。、；：？！）》」” …) never starts a line and
//     opening brackets (（《「“ …) never end one, unless the line offers no
//     other break (a line of nothing but such marks); nor does a hyphen
//     end a line, nor is a dash —— or an ellipsis …… split;
//   - spaces and tabs are dropped where a line breaks, and set as spaces
//     inside a line; no other character is ever dropped or changed.
//
// No line is wider than Width, except a line of one character that is by
// itself wider than Width.
type Breaker struct {
	// Measure returns the width of one rune in the unit of Width.
	Measure func(r rune) float64
	// Width is the width available to every line.
	Width float64
	// FirstWidth, if positive, is the width of the first line of each
	// paragraph (for a first-line indent).
	FirstWidth float64
	// Squeeze lets one closing punctuation mark that would start the next
	// line end this one instead (the line is then set a little tighter, as
	// Chinese typesetting compresses punctuation), rather than moving a
	// character down with it. Such a line may be wider than Width by that
	// mark.
	Squeeze bool
}

// closing punctuation must not start a line; opening brackets and the
// hyphen-minus must not end one (a line-final hyphen reads as a split word,
// and text extractors delete it).
const (
	closingPunct = "，。、；：？！）》」』”’】〕〉．％,.;:?!)]}%"
	openingPunct = "（《「『“‘【〔〈([{"
	noLineEnd    = openingPunct + "-"
)

type tokKind uint8

const (
	tokWide  tokKind = iota // a Han character or other wide mark: one rune
	tokWord                 // one rune of a Latin word or number
	tokSpace                // a break space (space, tab, CR)
)

type token struct {
	r    rune
	w    float64
	kind tokKind
	glue bool // no break before this token (it continues a word)
}

func isBreakSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\r' }

// isWide reports whether r is set as a character of its own: Han, kana,
// Hangul, CJK and full-width punctuation, Chinese quotation marks, and other
// symbols that Chinese text breaks around.
func isWide(r rune) bool {
	switch {
	case r < 0x2000:
		return false
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
		unicode.Is(unicode.Hangul, r):
		return true
	case r >= 0x2010 && r <= 0x206F: // general punctuation: “”‘’…—
		return true
	case r >= 0x2E80 && r <= 0x303F, r >= 0x3200 && r <= 0x33FF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFFEF:
		return true
	case r >= 0x1F000: // emoji and pictographs
		return true
	}
	return false
}

func tokenize(para string, measure func(rune) float64) []token {
	toks := make([]token, 0, len(para)/2)
	prevWord := false
	for _, r := range para {
		t := token{r: r}
		switch {
		case isBreakSpace(r):
			t.kind = tokSpace
			prevWord = false
		case isWide(r):
			t.kind = tokWide
			prevWord = false
		default:
			t.kind = tokWord
			t.glue = prevWord
			prevWord = true
		}
		if t.kind == tokSpace && r != ' ' {
			t.w = measure(' ')
		} else {
			t.w = measure(r)
		}
		toks = append(toks, t)
	}
	return toks
}

// canBreak reports whether a line may end before toks[b] (and after the
// tokens before it), judged by the nearest non-space tokens on either side.
func canBreak(toks []token, start, b int) bool {
	if b <= start || b >= len(toks) {
		return false
	}
	if toks[b].glue {
		return false
	}
	prev := b - 1
	for prev >= start && toks[prev].kind == tokSpace {
		prev--
	}
	if prev < start {
		return false // nothing would be left on the line
	}
	next := b
	for next < len(toks) && toks[next].kind == tokSpace {
		next++
	}
	if next == len(toks) {
		return true
	}
	if strings.ContainsRune(closingPunct, toks[next].r) {
		return false
	}
	if r := toks[next].r; (r == '—' || r == '…') && toks[prev].r == r && prev == b-1 {
		return false // a dash —— or an ellipsis …… is never split
	}
	if strings.ContainsRune(noLineEnd, toks[prev].r) {
		return false
	}
	return true
}

// Wrap breaks text into lines. Each input line (separated by \n) starts a
// new output line; an empty input line gives an empty output line.
func (br *Breaker) Wrap(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = br.wrapPara(out, para)
	}
	return out
}

// Line is a wrapped line and where it stands in its paragraph.
type Line struct {
	Text  string
	First bool // the first line of a paragraph (indented)
	Last  bool // the last line of a paragraph (not justified)
}

// Lines wraps text like Wrap and says which lines begin and end a
// paragraph: every input line is a paragraph, so each one is indented.
func (br *Breaker) Lines(text string) []Line {
	var out []Line
	var buf []string
	for _, para := range strings.Split(text, "\n") {
		buf = br.wrapPara(buf[:0], para)
		for i, s := range buf {
			out = append(out, Line{Text: s, First: i == 0, Last: i == len(buf)-1})
		}
	}
	return out
}

func (br *Breaker) wrapPara(out []string, para string) []string {
	toks := tokenize(para, br.Measure)
	before := len(out)
	width := br.Width
	if br.FirstWidth > 0 {
		width = br.FirstWidth
	}
	var sb strings.Builder
	emit := func(from, to int) {
		for to > from && toks[to-1].kind == tokSpace {
			to--
		}
		sb.Reset()
		for _, t := range toks[from:to] {
			if t.kind == tokSpace {
				sb.WriteByte(' ')
			} else {
				sb.WriteRune(t.r)
			}
		}
		out = append(out, sb.String())
		width = br.Width
	}
	const eps = 1e-9
	i := 0
	for i < len(toks) && toks[i].kind == tokSpace {
		i++
	}
	start, x := i, 0.0
	squeezed := false
	for i < len(toks) {
		t := toks[i]
		if x+t.w <= width+eps || i == start {
			x += t.w
			i++
			continue
		}
		if br.Squeeze && !squeezed && x <= width+eps && strings.ContainsRune(closingPunct, t.r) &&
			(i+1 == len(toks) || !strings.ContainsRune(closingPunct, toks[i+1].r)) {
			squeezed = true
			x += t.w
			i++
			continue
		}
		// toks[i] does not fit: find the latest allowed break at or before i.
		b := i
		for b > start && !canBreak(toks, start, b) {
			b--
		}
		if b == start {
			b = i // no allowed break: cut here
		}
		emit(start, b)
		for b < len(toks) && toks[b].kind == tokSpace {
			b++
		}
		start, i, x, squeezed = b, b, 0, false
	}
	if start < len(toks) {
		emit(start, len(toks))
	} else if len(out) == before {
		out = append(out, "") // an empty (or all-space) paragraph
	}
	return out
}
