package suggest

import (
	"unicode"
	"unicode/utf8"
)

// normText is a text folded for matching (full-width letters and digits to
// half width, upper to lower case), one rune per original rune, with each
// rune's byte offset in the original text.
type normText struct {
	runes   []rune
	offsets []int // len(runes)+1 entries; the last is len(text)
}

func newNormText(s string) *normText {
	t := &normText{}
	t.reset(s)
	return t
}

// reset makes t the folded form of the parts joined by "\n", reusing its
// memory.
func (t *normText) reset(parts ...string) {
	t.runes, t.offsets = t.runes[:0], t.offsets[:0]
	base := 0
	for k, s := range parts {
		if k > 0 {
			t.runes = append(t.runes, '\n')
			t.offsets = append(t.offsets, base)
			base++
		}
		for i, r := range s {
			t.runes = append(t.runes, foldRune(r))
			t.offsets = append(t.offsets, base+i)
		}
		base += len(s)
	}
	t.offsets = append(t.offsets, base)
}

// normalize folds s as newNormText does.
func normalize(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, foldRune(r))
	}
	return string(b)
}

func foldRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r == 0x3000 {
		r = ' '
	}
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	return unicode.Is(unicode.Han, r)
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
	}
	return !isHan(r) && unicode.In(r, unicode.Letter, unicode.Number)
}

// termKey is a character pair or a Latin word or number, as one number:
// a pair packs its two runes; a word is an FNV-1a hash with the top bit set.
type termKey uint64

const wordBit = 1 << 63

func pairKey(a, b rune) termKey { return termKey(uint64(a)<<21 | uint64(b)) }

func wordKey(rs []rune) termKey {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		h ^= uint64(r)
		h *= 1099511628211
	}
	return termKey(h | wordBit)
}

// eachTerm calls fn for each character pair of the runs of Chinese
// characters in rs and each Latin word or number of two or more runes.
func eachTerm(rs []rune, fn func(termKey)) {
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isHan(r) {
			if i+1 < len(rs) && isHan(rs[i+1]) {
				fn(pairKey(r, rs[i+1]))
			}
			continue
		}
		if isWordRune(r) {
			j := i
			for j < len(rs) && isWordRune(rs[j]) {
				j++
			}
			if j-i >= 2 {
				fn(wordKey(rs[i:j]))
			}
			i = j - 1
		}
	}
}

// hanCount counts the Chinese characters of rs.
func hanCount(rs []rune) int {
	n := 0
	for _, r := range rs {
		if isHan(r) {
			n++
		}
	}
	return n
}
