package suggest

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"taizhang/ledger"
)

//go:embed lexicon.txt
var lexiconText string

// Concept is one way of going wrong that people complain about (会议过多过长,
// 公车私用, 噪音扰民 …), with its category and the ways people say it.
type Concept struct {
	ID        int      // index in Lexicon.Concepts
	Name      string   // also the title a proposed problem starts with
	Category  string   // one of ledger.Categories
	Family    string   // the name of related concepts (文山会海, 交通 …)
	family    int      // index of Family among the lexicon's families
	Phrasings []string // as written in the source, exclusions with a leading -
}

// FourWinds reports whether the concept is one of the four winds (not a
// work problem).
func (c *Concept) FourWinds() bool { return c.Category != ledger.OtherWork }

// phrase is one phrasing compiled for matching: literal parts that must
// occur in order within one clause, each within maxGap runes of the last.
type phrase struct {
	parts   [][]rune
	concept int
	exclude bool
	weight  int // runes of the literal parts: longer says more
	text    string
}

// maxGap is how many runes a pattern A*B lets stand between A and B.
const maxGap = 8

// Lexicon is a set of concepts and the matcher of their phrasings. A
// Lexicon is immutable once built and safe for concurrent use.
type Lexicon struct {
	Concepts []*Concept
	byName   map[string]int
	first    map[rune][]*phrase // phrases by the first rune of their first part
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
)

// Default returns the lexicon that ships with the program (lexicon.txt:
// its header says how it was made). It panics if that file does not parse,
// which a test rules out.
func Default() *Lexicon {
	defaultOnce.Do(func() {
		l, err := (&Lexicon{}).With(strings.NewReader(lexiconText), "lexicon.txt")
		if err != nil {
			panic(err)
		}
		defaultLex = l
	})
	return defaultLex
}

// LexiconError is a line of a lexicon source that cannot be read.
type LexiconError struct {
	Source string
	Line   int
	Msg    string // Simplified Chinese
}

func (e *LexiconError) Error() string {
	return fmt.Sprintf("词库 %s 第 %d 行：%s", e.Source, e.Line, e.Msg)
}

// With returns a new lexicon: l plus the concepts and phrasings of src, in
// the format of lexicon.txt (a ledger's own phrasings). A line naming an
// existing concept adds its phrasings to it; a new name makes a new concept
// of the category of the last [类别] line. l itself is not changed.
func (l *Lexicon) With(src io.Reader, name string) (*Lexicon, error) {
	out := &Lexicon{byName: map[string]int{}}
	for _, c := range l.Concepts {
		cp := *c
		cp.Phrasings = append([]string(nil), c.Phrasings...)
		out.Concepts = append(out.Concepts, &cp)
		out.byName[cp.Name] = cp.ID
	}
	sc := bufio.NewScanner(src)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	category, family := "", ""
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if strings.HasPrefix(s, "[") {
			if !strings.HasSuffix(s, "]") {
				return nil, &LexiconError{name, line, "类别行要写成 [类别 族]"}
			}
			f := strings.Fields(strings.Trim(s, "[]"))
			if len(f) == 0 || ledger.NormalizeCategory(f[0]) == "" {
				return nil, &LexiconError{name, line, "类别应为 形式主义、官僚主义、享乐主义、奢靡之风 或 其他·工作问题"}
			}
			category, family = ledger.NormalizeCategory(f[0]), ""
			if len(f) > 1 {
				family = strings.Join(f[1:], " ")
			}
			continue
		}
		cname, rest, ok := strings.Cut(s, "=")
		cname = strings.TrimSpace(cname)
		if !ok || cname == "" {
			return nil, &LexiconError{name, line, "概念行要写成 名称 = 说法 说法 …"}
		}
		id, known := out.byName[cname]
		if !known {
			if category == "" {
				return nil, &LexiconError{name, line, "新概念「" + cname + "」前面要有 [类别] 行"}
			}
			id = len(out.Concepts)
			out.Concepts = append(out.Concepts, &Concept{ID: id, Name: cname, Category: category, Family: family})
			out.byName[cname] = id
		}
		c := out.Concepts[id]
		for _, p := range strings.Fields(rest) {
			if strings.Trim(p, "-*") == "" {
				return nil, &LexiconError{name, line, "说法「" + p + "」是空的"}
			}
			c.Phrasings = append(c.Phrasings, p)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &LexiconError{name, line, "读不下去：" + err.Error()}
	}
	out.compile()
	return out, nil
}

// Concept returns the concept of the given name, or nil.
func (l *Lexicon) Concept(name string) *Concept {
	if id, ok := l.byName[name]; ok {
		return l.Concepts[id]
	}
	return nil
}

func (l *Lexicon) compile() {
	l.first = map[rune][]*phrase{}
	families := map[string]int{}
	for _, c := range l.Concepts {
		key := c.Category + "/" + c.Family
		if _, ok := families[key]; !ok {
			families[key] = len(families)
		}
		c.family = families[key]
	}
	for _, c := range l.Concepts {
		seen := map[string]bool{}
		for _, raw := range c.Phrasings {
			p := &phrase{concept: c.ID, text: raw}
			s := raw
			if strings.HasPrefix(s, "-") {
				p.exclude = true
				s = s[1:]
			}
			s = normalize(s)
			if seen[s+fmt.Sprint(p.exclude)] {
				continue
			}
			seen[s+fmt.Sprint(p.exclude)] = true
			for _, part := range strings.Split(s, "*") {
				if part == "" {
					continue
				}
				p.parts = append(p.parts, []rune(part))
				p.weight += utf8.RuneCountInString(part)
			}
			if len(p.parts) == 0 {
				continue
			}
			r := p.parts[0][0]
			l.first[r] = append(l.first[r], p)
		}
	}
	for r, ps := range l.first {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].parts[0]) > len(ps[j].parts[0]) })
		l.first[r] = ps
	}
}

// Match is one place where a text says a concept.
type Match struct {
	Concept    int
	Start, End int    // byte offsets in the original text
	Phrase     string // the phrasing that matched, as written in the lexicon
	weight     int
	rs, re     int // rune offsets in the normalized text
}

// Match returns where text says the lexicon's concepts, in text order. A
// match that lies inside a longer match of another concept is dropped (电梯
// inside 电梯噪音), and so is a match inside one of its concept's
// exclusions (会议 inside 会议室).
func (l *Lexicon) Match(text string) []Match {
	t := newNormText(text)
	return l.match(t)
}

func (l *Lexicon) match(t *normText) []Match {
	var all []Match
	var excl []Match
	rs := t.runes
	for i := 0; i < len(rs); i++ {
		for _, p := range l.first[rs[i]] {
			end, ok := p.matchAt(rs, i)
			if !ok {
				continue
			}
			m := Match{Concept: p.concept, Phrase: p.text, weight: p.weight, rs: i, re: end}
			if p.exclude {
				excl = append(excl, m)
			} else {
				all = append(all, m)
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	out := all[:0:0]
	for _, m := range all {
		if dropped(m, all, excl) {
			continue
		}
		m.Start, m.End = t.offsets[m.rs], t.offsets[m.re]
		out = append(out, m)
	}
	return out
}

func dropped(m Match, all, excl []Match) bool {
	for _, x := range excl {
		if x.Concept == m.Concept && x.rs < m.re && m.rs < x.re {
			return true
		}
	}
	for _, o := range all {
		if o.Concept != m.Concept && o.rs <= m.rs && m.re <= o.re && o.re-o.rs > m.re-m.rs {
			return true
		}
	}
	return false
}

// matchAt matches p at rune i of rs and returns the end of the match.
func (p *phrase) matchAt(rs []rune, i int) (int, bool) {
	if !hasPrefix(rs[i:], p.parts[0]) {
		return 0, false
	}
	end := i + len(p.parts[0])
	for _, part := range p.parts[1:] {
		found := false
		for j := end; j <= end+maxGap && j+len(part) <= len(rs); j++ {
			if j > end && isClauseEnd(rs[j-1]) {
				break
			}
			if hasPrefix(rs[j:], part) {
				end, found = j+len(part), true
				break
			}
		}
		if !found {
			return 0, false
		}
	}
	return end, true
}

func hasPrefix(s, p []rune) bool {
	if len(p) > len(s) {
		return false
	}
	for k, r := range p {
		if s[k] != r {
			return false
		}
	}
	return true
}

// isClauseEnd reports whether r ends a clause: a pattern A*B never reaches
// across it.
func isClauseEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '\n', '\r':
		return true
	}
	return false
}
