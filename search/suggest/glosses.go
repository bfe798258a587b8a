package suggest

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// Glossary maps Chinese words to coarse concept keys: the content words of
// their English glosses in CC-CEDICT (开会 and 会议 both give "meeting").
// The engine cuts each run of Chinese characters into the glossary's
// longest words (of two or more characters) and adds their keys as terms
// (Options.Glosses). It is an experiment of the ablation (see the package
// doc): the program ships no glossary.
type Glossary struct {
	words  map[string][]string
	maxLen int
}

// glossStop are gloss words that carry no concept.
var glossStop = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "of": true, "and": true, "or": true, "in": true, "on": true, "at": true,
	"for": true, "with": true, "by": true, "from": true, "as": true, "be": true, "is": true, "sb": true, "sth": true,
	"one": true, "one's": true, "oneself": true, "etc": true, "up": true, "out": true, "into": true, "not": true, "no": true,
	"very": true, "also": true, "used": true, "variant": true, "see": true, "cl": true, "abbr": true, "lit": true, "fig": true,
	"surname": true, "old": true, "name": true, "e.g.": true, "esp": true, "something": true, "someone": true, "have": true,
	"has": true, "do": true, "make": true, "get": true, "give": true, "take": true, "put": true, "so": true, "that": true, "this": true,
}

// ParseCEDICT reads a CC-CEDICT file (lines "繁體 简体 [pin1 yin1]
// /gloss/gloss/"), keeping the simplified words of two or more characters.
func ParseCEDICT(r io.Reader) (*Glossary, error) {
	g := &Glossary{words: map[string][]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, " ", 3)
		if len(f) < 3 {
			continue
		}
		word := f[1]
		n := utf8.RuneCountInString(word)
		if n < 2 || hanCount([]rune(word)) != n {
			continue
		}
		_, defs, ok := strings.Cut(f[2], "/")
		if !ok {
			continue
		}
		keys := glossKeys(defs)
		if len(keys) == 0 {
			continue
		}
		g.words[word] = appendNew(g.words[word], keys...)
		g.maxLen = max(g.maxLen, n)
	}
	return g, sc.Err()
}

func glossKeys(defs string) []string {
	var out []string
	for _, d := range strings.Split(defs, "/") {
		if strings.HasPrefix(d, "CL:") || strings.HasPrefix(d, "see ") || strings.Contains(d, "variant of") {
			continue
		}
		// Drop parentheses: (Internet slang), (Tw).
		for {
			i := strings.IndexByte(d, '(')
			j := strings.IndexByte(d, ')')
			if i < 0 || j < i {
				break
			}
			d = d[:i] + d[j+1:]
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(d), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r == '\'')
		}) {
			if len(w) > 2 && !glossStop[w] {
				out = appendNew(out, strings.TrimSuffix(w, "s"))
			}
		}
	}
	return out
}

func appendNew(s []string, add ...string) []string {
	for _, a := range add {
		found := false
		for _, x := range s {
			if x == a {
				found = true
				break
			}
		}
		if !found {
			s = append(s, a)
		}
	}
	return s
}

// Len is the number of words of the glossary.
func (g *Glossary) Len() int { return len(g.words) }

// eachGloss calls fn with the gloss keys of the longest glossary words of
// each run of Chinese characters of rs, as terms.
func (g *Glossary) eachGloss(rs []rune, fn func(termKey)) {
	for i := 0; i < len(rs); {
		if !isHan(rs[i]) {
			i++
			continue
		}
		n := 0
		for l := min(g.maxLen, len(rs)-i); l >= 2; l-- {
			if keys, ok := g.words[string(rs[i:i+l])]; ok {
				for _, k := range keys {
					fn(wordKey([]rune("g:" + k)))
				}
				n = l
				break
			}
		}
		if n == 0 {
			n = 1
		}
		i += n
	}
}

// eachWord calls fn with the words of two or more characters that seg cuts
// text into, as terms.
func eachWord(seg func(string) []string, rs []rune, fn func(termKey)) {
	for _, w := range seg(string(rs)) {
		wr := []rune(normalize(w))
		if len(wr) >= 2 && hanCount(wr) > 0 {
			fn(wordKey(append([]rune("w:"), wr...)))
		}
	}
}

// Cut cuts text into the glossary's longest words (characters that start
// no word stand alone): a dictionary segmentation for the ablation.
func (g *Glossary) Cut(text string) []string {
	rs := []rune(text)
	var out []string
	for i := 0; i < len(rs); {
		n := 1
		if isHan(rs[i]) {
			for l := min(g.maxLen, len(rs)-i); l >= 2; l-- {
				if _, ok := g.words[string(rs[i:i+l])]; ok {
					n = l
					break
				}
			}
		}
		out = append(out, string(rs[i:i+n]))
		i += n
	}
	return out
}
