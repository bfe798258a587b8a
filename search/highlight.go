package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// snippet returns an excerpt of text of about 2*radius characters around
// the matches of terms (white space collapsed), and the byte ranges of the
// matches in it. Matching folds width and case as the index does.
func snippet(text string, terms []string, radius int) (string, [][2]int) {
	rs := collapse(text)
	fr := make([]rune, len(rs))
	for i, r := range rs {
		fr[i] = foldRune(r)
	}
	type span struct{ from, to, term int }
	var spans []span
	for ti, t := range terms {
		ft := []rune(fold(strings.Join(strings.Fields(t), " ")))
		if len(ft) == 0 {
			continue
		}
		for i := 0; i+len(ft) <= len(fr); i++ {
			if runesEqual(fr[i:i+len(ft)], ft) {
				spans = append(spans, span{i, i + len(ft), ti})
			}
		}
	}
	// Sort by start, merge overlaps.
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].from < spans[j-1].from; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	var merged []span
	for _, s := range spans {
		if n := len(merged); n > 0 && s.from <= merged[n-1].to {
			merged[n-1].to = max(merged[n-1].to, s.to)
			continue
		}
		merged = append(merged, s)
	}
	// The window: the one starting shortly before a match that covers the
	// most distinct terms.
	start, end := 0, min(len(rs), 2*radius)
	if len(rs) > 2*radius && len(merged) > 0 {
		best := -1
		for _, s := range merged {
			from := max(0, s.from-radius/3)
			to := min(len(rs), from+2*radius)
			seen := map[int]bool{}
			for _, x := range spans {
				if x.from >= from && x.to <= to {
					seen[x.term] = true
				}
			}
			if len(seen) > best {
				best, start, end = len(seen), from, to
			}
		}
		if end == len(rs) {
			start = max(0, end-2*radius)
		}
	}
	var b strings.Builder
	var marks [][2]int
	if start > 0 {
		b.WriteString("…")
	}
	at := start
	for _, s := range merged {
		if s.to <= start || s.from >= end {
			continue
		}
		from, to := max(s.from, start), min(s.to, end)
		b.WriteString(string(rs[at:from]))
		m0 := b.Len()
		b.WriteString(string(rs[from:to]))
		marks = append(marks, [2]int{m0, b.Len()})
		at = to
	}
	b.WriteString(string(rs[at:end]))
	if end < len(rs) {
		b.WriteString("…")
	}
	return b.String(), marks
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// collapse replaces every run of white space (the ideographic space
// included) with one space and trims the ends.
func collapse(s string) []rune {
	out := make([]rune, 0, len(s)/2)
	space := false
	for _, r := range s {
		if isSpace(r) || r == 0xFEFF || r == 0x200B {
			space = true
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, r)
	}
	return out
}

func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= 0x4E00 && r <= 0x9FFF: // CJK ideographs: nothing to fold
		return r
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	return unicode.ToLower(r)
}
