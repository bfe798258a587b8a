package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analyzers of the two Chinese fields. They are registered with Bleve
// by this package, so every process that opens the index through it has
// them.
//
// Each reads its text in one pass (see scan) instead of Bleve's chain of a
// Unicode word tokenizer, a width filter, a lower-case filter and a filter
// of ours: that chain was about a third of the time of a rebuild.
const (
	textAnalyzer  = "taizhang_text"  // pairs, see pairsAnalyzer
	charsAnalyzer = "taizhang_chars" // single characters, see charsOnlyAnalyzer
)

func init() {
	for name, a := range map[string]analysis.Analyzer{textAnalyzer: pairsAnalyzer{}, charsAnalyzer: charsOnlyAnalyzer{}} {
		if err := registry.RegisterAnalyzer(name, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
			return a, nil
		}); err != nil {
			panic(err)
		}
	}
}

// pairsAnalyzer turns each run of Chinese characters c1…cn (n ≥ 2) into its
// overlapping pairs c1c2 … at consecutive positions, plus the first
// character alone at the position of the first pair and the last character
// alone at the position after the last pair; a run of one character is
// that character. Other words (Latin words, numbers: letters and digits,
// folded to half width and lower case) keep one position each. So the run
// occupies n positions, and a word that touches a run at its edge (A3区 in
// A3区域, 号A3 in 1号A3) is a phrase of the text too, while the inside of a
// run costs one term per character instead of two.
//
// A run is a sequence of Chinese characters (Han, kana) with nothing
// between them; anything else (a space, a punctuation mark) ends it.
type pairsAnalyzer struct{}

// charsOnlyAnalyzer turns each Chinese character into a token of its own
// and drops everything else: the single-character field.
type charsOnlyAnalyzer struct{}

// unit is one Chinese character or one other word of a text.
type unit struct {
	start, end int
	cjk        bool
	term       []byte // the folded word (other words only)
}

// isCJK reports whether r is a character of a Chinese run.
func isCJK(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.In(r, unicode.Letter, unicode.Number, unicode.Mark)
}

// scan calls fn for each unit of input in order, and runEnd after the last
// character of each run of Chinese characters. Words are folded as fold
// does.
func scan(input []byte, fn func(u unit), runEnd func()) {
	inRun := false
	for at := 0; at < len(input); {
		r, n := utf8.DecodeRune(input[at:])
		if isCJK(r) {
			inRun = true
			fn(unit{start: at, end: at + n, cjk: true})
			at += n
			continue
		}
		if inRun {
			runEnd()
			inRun = false
		}
		f := foldRune(r)
		if !isWordRune(f) {
			at += n
			continue
		}
		start := at
		var term []byte
		for at < len(input) {
			r, n := utf8.DecodeRune(input[at:])
			f := foldRune(r)
			if isCJK(r) || !isWordRune(f) {
				break
			}
			term = utf8.AppendRune(term, f)
			at += n
		}
		fn(unit{start: start, end: at, term: term})
	}
	if inRun {
		runEnd()
	}
}

func (pairsAnalyzer) Analyze(input []byte) analysis.TokenStream {
	toks := make([]analysis.Token, 0, len(input)/3+8)
	pos := 1
	var run []unit // the current run of characters
	flush := func() {
		switch len(run) {
		case 0:
		case 1:
			c := run[0]
			toks = append(toks, analysis.Token{Term: input[c.start:c.end], Start: c.start, End: c.end, Position: pos, Type: analysis.Single})
			pos++
		default:
			first, last := run[0], run[len(run)-1]
			toks = append(toks, analysis.Token{Term: input[first.start:first.end], Start: first.start, End: first.end, Position: pos, Type: analysis.Single})
			for i := 0; i+1 < len(run); i++ {
				a, b := run[i], run[i+1] // adjacent in input
				toks = append(toks, analysis.Token{Term: input[a.start:b.end], Start: a.start, End: b.end, Position: pos, Type: analysis.Double})
				pos++
			}
			toks = append(toks, analysis.Token{Term: input[last.start:last.end], Start: last.start, End: last.end, Position: pos, Type: analysis.Single})
			pos++
		}
		run = run[:0]
	}
	scan(input, func(u unit) {
		if u.cjk {
			run = append(run, u)
			return
		}
		toks = append(toks, analysis.Token{Term: u.term, Start: u.start, End: u.end, Position: pos, Type: analysis.AlphaNumeric})
		pos++
	}, flush)
	return stream(toks)
}

func (charsOnlyAnalyzer) Analyze(input []byte) analysis.TokenStream {
	toks := make([]analysis.Token, 0, len(input)/3+8)
	scan(input, func(u unit) {
		if u.cjk {
			toks = append(toks, analysis.Token{Term: input[u.start:u.end], Start: u.start, End: u.end, Position: len(toks) + 1, Type: analysis.Single})
		}
	}, func() {})
	return stream(toks)
}

// stream points at the tokens of one slice: one allocation, not one per
// token.
func stream(toks []analysis.Token) analysis.TokenStream {
	out := make(analysis.TokenStream, len(toks))
	for i := range toks {
		out[i] = &toks[i]
	}
	return out
}
