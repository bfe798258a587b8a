package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Token filters of the two Chinese fields. They are registered with Bleve
// by this package, so every process that opens the index through it has
// them.
const (
	pairsFilter = "taizhang_cjk_pairs"
	charsFilter = "taizhang_cjk_chars"
)

func init() {
	if err := registry.RegisterTokenFilter(pairsFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return pairs{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(charsFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return chars{}, nil
	}); err != nil {
		panic(err)
	}
}

// pairs turns each run of Chinese characters c1…cn (n ≥ 2) into its
// overlapping pairs c1c2 … at consecutive positions, plus the first
// character alone at the position of the first pair and the last character
// alone at the position after the last pair; a run of one character is
// that character. Other tokens (Latin words, numbers) keep one position
// each. So the run occupies n positions, and a word that touches a run at
// its edge (A3区 in A3区域, 号A3 in 1号A3) is a phrase of the text too,
// while the inside of a run costs one term per character instead of two.
//
// A run is a sequence of Chinese characters with nothing between them;
// anything else (a space, a punctuation mark) ends it.
type pairs struct{}

// chars turns each Chinese character into a token of its own and drops
// everything else: the single-character field.
type chars struct{}

// cjkChar is one character of a run: its text and byte offsets.
type cjkChar struct {
	term       []byte
	start, end int
}

// eachRun calls run for each run of Chinese characters and other for each
// other token, in order.
func eachRun(input analysis.TokenStream, run func([]cjkChar), other func(*analysis.Token)) {
	var cur []cjkChar
	flush := func() {
		if len(cur) > 0 {
			run(cur)
			cur = cur[:0]
		}
	}
	for _, t := range input {
		if t.Type != analysis.Ideographic {
			flush()
			other(t)
			continue
		}
		at := 0
		for at < len(t.Term) {
			_, n := utf8.DecodeRune(t.Term[at:])
			c := cjkChar{term: t.Term[at : at+n], start: t.Start + at, end: t.Start + at + n}
			if len(cur) > 0 && cur[len(cur)-1].end != c.start {
				flush()
			}
			cur = append(cur, c)
			at += n
		}
	}
	flush()
}

func (pairs) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)+len(input)/4)
	pos := 1
	eachRun(input, func(run []cjkChar) {
		if len(run) == 1 {
			out = append(out, &analysis.Token{Term: run[0].term, Start: run[0].start, End: run[0].end, Position: pos, Type: analysis.Single})
			pos++
			return
		}
		first := run[0]
		out = append(out, &analysis.Token{Term: first.term, Start: first.start, End: first.end, Position: pos, Type: analysis.Single})
		for i := 0; i+1 < len(run); i++ {
			a, b := run[i], run[i+1]
			term := make([]byte, 0, len(a.term)+len(b.term))
			term = append(append(term, a.term...), b.term...)
			out = append(out, &analysis.Token{Term: term, Start: a.start, End: b.end, Position: pos, Type: analysis.Double})
			pos++
		}
		last := run[len(run)-1]
		out = append(out, &analysis.Token{Term: last.term, Start: last.start, End: last.end, Position: pos, Type: analysis.Single})
		pos++
	}, func(t *analysis.Token) {
		t.Position = pos
		out = append(out, t)
		pos++
	})
	return out
}

func (chars) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input))
	pos := 1
	eachRun(input, func(run []cjkChar) {
		for _, c := range run {
			out = append(out, &analysis.Token{Term: c.term, Start: c.start, End: c.end, Position: pos, Type: analysis.Single})
			pos++
		}
	}, func(*analysis.Token) {})
	return out
}
