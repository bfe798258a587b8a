package suggest

import (
	"context"
	"math"
	"sort"
)

// Options are the engine's switches and thresholds. DefaultOptions gives
// the measured settings; the switches exist for the ablation (eval.go).
type Options struct {
	Lexicon bool // match the concept lexicon
	Pairs   bool // compare character pairs
	Learn   bool // propose the problems a person made (likely problem)

	// Segment, when set, cuts a text into words: the words of two or more
	// characters join the character pairs as terms (an experiment of the
	// ablation; see the package doc).
	Segment func(text string) []string
	// Glosses, when set, adds the gloss keys of the words of a text as
	// terms (an experiment of the ablation).
	Glosses *Glossary

	// ConceptWeight is the share of the concept cosine in the similarity
	// of two opinions (the rest is the character-pair cosine).
	ConceptWeight float64
	// LinkThreshold: two opinions whose pair cosine reaches it are put in
	// one proposed group whatever their concepts (copies, close
	// paraphrases, the same place and complaint).
	LinkThreshold float64
	// PlaceLinkThreshold replaces LinkThreshold when both opinions name a
	// place (namesPlace).
	PlaceLinkThreshold float64
	// BlockShared is how many blocking terms two opinions must share to be
	// compared.
	BlockShared int32
	// ProblemThreshold is the least score of a likely-problem proposal.
	ProblemThreshold float64
	// MinGroup is the least number of opinions of a proposed group.
	MinGroup int
	// AnchorCoverage: an opinion joins the group of the concept it says
	// most when the lexicon's matches cover at least this share of its
	// Chinese characters (the concept is what it is about). A citizen's
	// message that names a place and a case and mentions 地铁 once joins
	// others only by shared words.
	AnchorCoverage float64
	// BlockCap: a term shared by more opinions than this is too common to
	// block by (see groups.go).
	BlockCap int
}

// terms reports whether texts are compared by terms at all.
func (o *Options) terms() bool { return o.Pairs || o.Segment != nil || o.Glosses != nil }

// DefaultOptions returns the settings the package doc reports.
func DefaultOptions() Options {
	return Options{Lexicon: true, Pairs: true, Learn: true,
		ConceptWeight: 0.6, LinkThreshold: 0.4, PlaceLinkThreshold: 0.10, BlockShared: 1, ProblemThreshold: 0.35, MinGroup: 2, BlockCap: 100, AnchorCoverage: 0.06}
}

// Model is an Input analysed: the features of every opinion and the
// profiles of the problems made so far. It answers the proposals. A Model
// never changes the ledger; Learn tells it of a decision made since it was
// built. Its methods must be called from one goroutine at a time.
type Model struct {
	lex      *Lexicon
	opt      Options
	in       Input
	c        *corpus
	index    map[int64]int // opinion id → index in in.Opinions
	problems map[int64]*profile
	order    []int64 // problem ids, ascending
	rejected map[Pair]bool
	rejGroup map[string]bool
	targets  *targetMatcher
	inverted map[uint32][]posting // concept ids (offset) and term ids → profiles; nil until needed
	dirty    map[int64]bool       // problems whose postings are out of date
}

// Build analyses in with lex (Default() when nil). It reads in and never
// keeps a reference to its slices' elements beyond what it copies.
func Build(ctx context.Context, lex *Lexicon, in Input, opt Options) (*Model, error) {
	if lex == nil {
		lex = Default()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := &Model{lex: lex, opt: opt, in: in, c: analyze(lex, len(in.Opinions), func(i int) []string { return in.Opinions[i].parts() }, opt), index: make(map[int64]int, len(in.Opinions)),
		problems: map[int64]*profile{}, rejected: map[Pair]bool{}, rejGroup: map[string]bool{}, targets: newTargetMatcher(in.Members)}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, o := range in.Opinions {
		m.index[o.ID] = i
	}
	for _, p := range in.Rejected {
		m.rejected[p] = true
	}
	for _, k := range in.RejectedGroups {
		m.rejGroup[k] = true
	}
	for _, p := range in.Problems {
		m.problems[p.ID] = m.newProfile(p)
		m.order = append(m.order, p.ID)
	}
	sort.Slice(m.order, func(i, j int) bool { return m.order[i] < m.order[j] })
	for i, o := range in.Opinions {
		if pr := m.problems[o.Problem]; pr != nil {
			pr.add(&m.c.feats[i])
		}
	}
	return m, nil
}

// Lexicon returns the lexicon the model matches.
func (m *Model) Lexicon() *Lexicon { return m.lex }

func (m *Model) feat(id int64) (*features, *Opinion, bool) {
	i, ok := m.index[id]
	if !ok {
		return nil, nil, false
	}
	return &m.c.feats[i], &m.in.Opinions[i], true
}

// unsorted reports whether the opinion may be proposed for anything.
func unsorted(o *Opinion) bool { return o.Problem == 0 && !o.Excluded }

// similarity of two opinions: the weighted concept and pair cosines.
func (m *Model) similarity(a, b *features) float64 {
	return m.mix(a.concepts.dot(b.concepts), a.pairs.dot(b.pairs))
}

func (m *Model) mix(concepts, pairs float64) float64 {
	w := m.opt.ConceptWeight
	switch {
	case !m.opt.Lexicon:
		w = 0
	case !m.opt.terms():
		w = 1
	}
	return w*concepts + (1-w)*pairs
}

// Span is a piece of an opinion's text to highlight: byte offsets into
// Opinion.Text.
type Span struct{ Start, End int }

func round(x float64) float64 { return math.Round(x*1000) / 1000 }

// parts are the title (if any) and the text: the engine reads them
// joined by "\n", and Match offsets are offsets into that.
func (o *Opinion) parts() []string {
	if o.Title == "" {
		return []string{o.Text}
	}
	return []string{o.Title, o.Text}
}

// textSpan turns offsets into the joined parts into offsets into Text, or false
// when they lie in the title.
func (o *Opinion) textSpan(start, end int) (Span, bool) {
	if o.Title == "" {
		return Span{start, end}, true
	}
	skip := len(o.Title) + 1
	if start < skip {
		return Span{}, false
	}
	return Span{start - skip, end - skip}, true
}
