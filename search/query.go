package search

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/width"
)

// Query is a parsed query: words that must all occur and words that must
// not. A quoted phrase is one word.
type Query struct {
	Words   []string // each must occur
	Exclude []string // none may occur
}

// ParseQuery splits what a user typed into words: words are separated by
// spaces (also the ideographic space); "double quotes" (also “ ” and 「 」)
// keep a phrase together; a leading - (or －) excludes a word or phrase.
// Inside a phrase, spaces between two Chinese characters are dropped, as
// Chinese text has none.
func ParseQuery(s string) Query {
	var q Query
	rs := []rune(s)
	for i := 0; i < len(rs); {
		for i < len(rs) && isSpace(rs[i]) {
			i++
		}
		if i >= len(rs) {
			break
		}
		neg := false
		if (rs[i] == '-' || rs[i] == '－') && i+1 < len(rs) && !isSpace(rs[i+1]) {
			neg = true
			i++
		}
		var word string
		if closeQ, ok := quotePair(rs[i]); ok {
			j := i + 1
			for j < len(rs) && rs[j] != closeQ && !(closeQ == '"' && rs[j] == '”') {
				j++
			}
			word = phrase(rs[i+1 : j])
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !isSpace(rs[j]) {
				j++
			}
			word = string(rs[i:j])
			i = j
		}
		word = strings.TrimSpace(word)
		if word == "" {
			continue
		}
		if neg {
			q.Exclude = append(q.Exclude, word)
		} else {
			q.Words = append(q.Words, word)
		}
	}
	return q
}

// String renders the query back in the syntax ParseQuery reads.
func (q Query) String() string {
	var parts []string
	quote := func(w string) string {
		if strings.ContainsFunc(w, isSpace) {
			return `"` + w + `"`
		}
		return w
	}
	for _, w := range q.Words {
		parts = append(parts, quote(w))
	}
	for _, w := range q.Exclude {
		parts = append(parts, "-"+quote(w))
	}
	return strings.Join(parts, " ")
}

// IsEmpty reports whether the query has no words at all.
func (q Query) IsEmpty() bool { return len(q.Words) == 0 && len(q.Exclude) == 0 }

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == 0x3000 }

func quotePair(r rune) (rune, bool) {
	switch r {
	case '"':
		return '"', true
	case '“':
		return '”', true
	case '「':
		return '」', true
	case '『':
		return '』', true
	}
	return 0, false
}

// phrase joins a quoted phrase, dropping spaces that stand between two
// Chinese characters.
func phrase(rs []rune) string {
	var b strings.Builder
	for i, r := range rs {
		if isSpace(r) {
			prev, next := prevNonSpace(rs, i), nextNonSpace(rs, i)
			if prev != 0 && next != 0 && unicode.Is(unicode.Han, prev) && unicode.Is(unicode.Han, next) {
				continue
			}
			if prev == 0 || next == 0 || (i > 0 && isSpace(rs[i-1])) {
				continue
			}
			b.WriteRune(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func prevNonSpace(rs []rune, i int) rune {
	for i--; i >= 0; i-- {
		if !isSpace(rs[i]) {
			return rs[i]
		}
	}
	return 0
}

func nextNonSpace(rs []rune, i int) rune {
	for i++; i < len(rs); i++ {
		if !isSpace(rs[i]) {
			return rs[i]
		}
	}
	return 0
}

// fold is the normalisation both the index and the highlighter apply:
// full-width letters and digits to half width, lower case.
func fold(s string) string {
	return strings.ToLower(width.Fold.String(s))
}

var plainCJK, indexCJK analysis.Analyzer

func init() {
	a, err := registry.NewCache().AnalyzerNamed(queryAnalyzer)
	if err != nil {
		panic(err)
	}
	plainCJK = a
	m, err := newMapping()
	if err != nil {
		panic(err)
	}
	indexCJK = m.AnalyzerNamed(textAnalyzer)
	if indexCJK == nil {
		panic("search: no analyzer " + textAnalyzer)
	}
}

// wordTerms returns the terms whose phrase in the text field is word: the
// word is analysed as the index analyses text (see pairsAnalyzer), and at each
// position the pair is taken, or the lone character or Latin word where
// there is no pair. A character alone at the end, already covered by the
// pair before it, is dropped. So 噪音扰民 gives 噪音 音扰 扰民, 噪 gives 噪,
// A3区 gives a3 区, and 基准词1号 gives 基准 准词 词 1 号 (the index holds 词
// on its own where a run of characters ends). single reports that the word
// is one Chinese character, which is searched in the characters field.
func wordTerms(word string) (terms []string, single bool) {
	toks := indexCJK.Analyze([]byte(word))
	var types []analysis.TokenType
	last := -1
	for _, t := range toks {
		if t.Position != last {
			terms = append(terms, string(t.Term))
			types = append(types, t.Type)
			last = t.Position
			continue
		}
		if t.Type == analysis.Double { // a pair wins over its first character
			terms[len(terms)-1] = string(t.Term)
			types[len(types)-1] = t.Type
		}
	}
	if n := len(terms); n >= 2 && types[n-1] == analysis.Single && types[n-2] == analysis.Double {
		terms = terms[:n-1]
	}
	return terms, len(terms) == 1 && types[0] == analysis.Single
}

// wordQuery is the query for one word: the phrase of its terms in the text
// field (see wordTerms), or the character in the characters field.
func wordQuery(word string) query.Query {
	terms, single := wordTerms(word)
	switch {
	case len(terms) == 0:
		return nil
	case single:
		q := bleve.NewTermQuery(terms[0])
		q.SetField(fChars)
		return q
	case len(terms) == 1:
		q := bleve.NewTermQuery(terms[0])
		q.SetField(fText)
		return q
	}
	return &phraseQuery{terms: terms, field: fText}
}

// textQuery turns the words of q into one query (nil when q has no words
// that analyse to terms). With synonyms, a word also matches its
// equivalents.
func (q Query) textQuery(synonyms bool) (must query.Query, mustNot query.Query) {
	var musts []query.Query
	for _, w := range q.Words {
		if wq := variantsQuery(w, synonyms); wq != nil {
			musts = append(musts, wq)
		}
	}
	var nots []query.Query
	for _, w := range q.Exclude {
		if wq := wordQuery(w); wq != nil {
			nots = append(nots, wq)
		}
	}
	switch len(musts) {
	case 0:
	case 1:
		must = musts[0]
	default:
		must = bleve.NewConjunctionQuery(musts...)
	}
	if len(nots) > 0 {
		mustNot = bleve.NewDisjunctionQuery(nots...)
	}
	return must, mustNot
}

func variantsQuery(w string, synonyms bool) query.Query {
	if !synonyms {
		return wordQuery(w)
	}
	vs := Variants(w)
	if len(vs) == 1 {
		return wordQuery(w)
	}
	var qs []query.Query
	for _, v := range vs {
		if q := wordQuery(v); q != nil {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// highlightTerms are the strings the highlighter marks for q.
func (q Query) highlightTerms(synonyms bool) []string {
	var out []string
	for _, w := range q.Words {
		if synonyms {
			out = append(out, Variants(w)...)
		} else {
			out = append(out, w)
		}
	}
	return out
}
