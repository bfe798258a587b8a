package suggest

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

// weight is one entry of a sparse vector: a concept id or a term id and its
// weight.
type weight struct {
	id uint32
	w  float32
}

// vec is a sparse vector sorted by id.
type vec []weight

func (a vec) dot(b vec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	return s
}

func (a vec) normalize() vec {
	var s float64
	for _, x := range a {
		s += float64(x.w) * float64(x.w)
	}
	if s == 0 {
		return a
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range a {
		a[i].w *= inv
	}
	return a
}

func fromMap(m map[uint32]float64) vec {
	v := make(vec, 0, len(m))
	for id, w := range m {
		v = append(v, weight{id, float32(w)})
	}
	slices.SortFunc(v, func(a, b weight) int { return int(a.id) - int(b.id) })
	return v
}

// features is what the engine keeps of one opinion.
type features struct {
	matches  []Match
	concepts vec      // concept id → strength × idf, normalized
	primary  int      // the concept the opinion says most, -1 if none
	pairs    vec      // term id → tf-idf, the topTerms strongest, normalized
	keys     []uint32 // the rarest shared terms, for blocking
	han      int      // Chinese characters in the text
	covered  int      // runes of the text inside a concept match
	place    bool     // the text names a place or an institution (namesPlace)
}

// familyBase separates family ids from concept ids in a concept vector;
// familyWeight is a family's weight beside its concept's.
const (
	familyBase   = 1 << 20
	familyWeight = 0.5
)

// topTerms is how many terms a vector keeps: the strongest carry most of
// the cosine, and 10^5 opinions fit in tens of megabytes.
const topTerms = 48

// blockKeys is how many of its rarest terms an opinion is blocked by.
const blockKeys = 12

// corpus holds the features of every opinion of an Input and the shared
// term statistics.
type corpus struct {
	lex       *Lexicon
	feats     []features
	termIDs   map[termKey]uint32
	termKeys  []termKey // term id → key
	termDF    []int32
	conceptDF []int32
	n         int
}

// analyze computes the features of n texts (text(i) returns the i-th) on
// every processor, in two passes over the texts: the first counts in how
// many texts each term occurs, the second weighs each text's terms.
func analyze(lex *Lexicon, n int, text func(i int) []string, opt Options) *corpus {
	c := &corpus{lex: lex, feats: make([]features, n), n: n}
	workers := runtime.GOMAXPROCS(0)
	dfs := make([]map[termKey]int32, workers)
	sets := make([]termSet, workers)
	norms := make([]normText, workers)
	parallel(n, workers, func(w, i int) {
		if dfs[w] == nil {
			dfs[w] = map[termKey]int32{}
		}
		t := &norms[w]
		t.reset(text(i)...)
		f := &c.feats[i]
		if opt.Lexicon {
			f.matches = lex.match(t)
		}
		f.han = hanCount(t.runes)
		f.covered = coverage(f.matches)
		f.place = namesPlace(t.runes)
		if opt.terms() {
			set := &sets[w]
			set.count(t.runes, &opt)
			for _, e := range set.list {
				dfs[w][e.key]++
			}
		}
	})
	df := dfs[0]
	if df == nil {
		df = map[termKey]int32{}
	}
	for k := 1; k < len(dfs); k++ {
		for key, v := range dfs[k] {
			df[key] += v
		}
		dfs[k] = nil
	}
	// Only terms of two or more texts get an id: a term absent from
	// termIDs occurs in one text.
	for k, v := range df {
		if v >= 2 {
			c.termKeys = append(c.termKeys, k)
		}
	}
	slices.Sort(c.termKeys) // ids in key order: the same vectors run after run
	c.termIDs = make(map[termKey]uint32, len(c.termKeys))
	c.termDF = make([]int32, len(c.termKeys))
	for id, k := range c.termKeys {
		c.termIDs[k] = uint32(id)
		c.termDF[id] = df[k]
	}
	df, dfs = nil, nil
	c.conceptDF = make([]int32, len(lex.Concepts))
	for i := range c.feats {
		seen := map[int]bool{}
		for _, m := range c.feats[i].matches {
			if !seen[m.Concept] {
				seen[m.Concept] = true
				c.conceptDF[m.Concept]++
			}
		}
	}
	parallel(n, workers, func(w, i int) {
		f := &c.feats[i]
		f.concepts, f.primary = c.conceptVector(f.matches)
		if opt.terms() {
			t := &norms[w]
			t.reset(text(i)...)
			sets[w].count(t.runes, &opt)
			f.pairs, f.keys = c.termVector(sets[w].list)
		}
	})
	return c
}

// termSet counts the distinct terms of one text at a time, reusing its
// memory from text to text (an open-addressing table whose slots belong
// to the text of their stamp).
type termSet struct {
	slots []termSlot
	stamp uint32
	list  []termCount // the distinct terms of the last text, in order of appearance
}

type termSlot struct {
	key   termKey
	stamp uint32
	at    int32 // index in list
}

type termCount struct {
	key termKey
	n   int32
}

func (s *termSet) count(rs []rune, opt *Options) {
	if need := 4 * len(rs); len(s.slots) < need {
		size := 1024
		for size < need {
			size *= 2
		}
		s.slots = make([]termSlot, size)
		s.stamp = 0
	}
	s.stamp++
	s.list = s.list[:0]
	mask := uint64(len(s.slots) - 1)
	add := func(k termKey) {
		h := (uint64(k) * 0x9E3779B97F4A7C15) >> 20
		for {
			sl := &s.slots[h&mask]
			if sl.stamp != s.stamp {
				*sl = termSlot{key: k, stamp: s.stamp, at: int32(len(s.list))}
				s.list = append(s.list, termCount{k, 1})
				return
			}
			if sl.key == k {
				s.list[sl.at].n++
				return
			}
			h++
		}
	}
	if opt.Pairs {
		eachTerm(rs, add)
	}
	if opt.Segment != nil {
		eachWord(opt.Segment, rs, add)
	}
	if opt.Glosses != nil {
		opt.Glosses.eachGloss(rs, add)
	}
}

func (c *corpus) idf(df int32) float64 {
	return math.Log(float64(c.n+1) / float64(df))
}

// conceptVector weighs each concept the matches say by the runes its
// matches cover (a longer phrasing says more) and by its rarity.
func (c *corpus) conceptVector(ms []Match) (vec, int) {
	if len(ms) == 0 {
		return nil, -1
	}
	strength := map[int]int{}
	firstAt := map[int]int{}
	for _, m := range ms {
		if _, ok := firstAt[m.Concept]; !ok {
			firstAt[m.Concept] = m.rs
		}
		strength[m.Concept] += m.weight
	}
	primary, best := -1, 0
	wm := map[uint32]float64{}
	ids := make([]int, 0, len(strength))
	for id := range strength {
		ids = append(ids, id)
	}
	slices.Sort(ids) // the same sums in the same order, run after run
	for _, id := range ids {
		s := min(strength[id], 12)
		// A four-winds concept is what a text is about before a work
		// problem it mentions (找了村里又找镇上，一直没人管 is about 推诿,
		// not drains): it counts double for the main concept.
		rank := s
		if c.lex.Concepts[id].FourWinds() {
			rank *= 2
		}
		if rank > best || rank == best && firstAt[id] < firstAt[primary] {
			primary, best = id, rank
		}
		w := math.Sqrt(float64(s)) * (1 + c.idf(c.conceptDF[id]))
		wm[uint32(id)] += w
		// Concepts of one family (会议过多 and 文件过多) are alike in part.
		wm[familyBase+uint32(c.lex.Concepts[id].family)] += w * familyWeight
	}
	return fromMap(wm).normalize(), primary
}

// termVector is the tf-idf vector of a text's distinct terms, cut to its
// topTerms strongest, and the blockKeys strongest terms shared with
// another text.
func (c *corpus) termVector(terms []termCount) (vec, []uint32) {
	var norm float64
	v := make(vec, 0, len(terms))
	for _, t := range terms {
		id, shared := c.termIDs[t.key]
		df := int32(1)
		if shared {
			df = c.termDF[id]
		}
		w := (1 + math.Log(float64(t.n))) * c.idf(df)
		norm += w * w
		if shared {
			v = append(v, weight{id, float32(w)})
		}
	}
	if norm == 0 {
		return nil, nil
	}
	byWeight := func(a, b weight) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return int(a.id) - int(b.id)
	}
	if len(v) > topTerms {
		selectTop(v, topTerms, byWeight)
		v = v[:topTerms]
	}
	slices.SortFunc(v, byWeight)
	keys := make([]uint32, 0, blockKeys)
	for _, x := range v[:min(len(v), blockKeys)] {
		keys = append(keys, x.id)
	}
	v = slices.Clone(v)
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i].w *= inv
	}
	slices.SortFunc(v, func(a, b weight) int { return int(a.id) - int(b.id) })
	return v, keys
}

// parallel calls fn(worker, i) for i in [0, n) on the given number of
// goroutines.
func parallel(n, workers int, fn func(w, i int)) {
	if workers < 1 {
		workers = 1
	}
	var wg sync.WaitGroup
	chunk := 256
	next := make(chan int, workers)
	go func() {
		for i := 0; i < n; i += chunk {
			next <- i
		}
		close(next)
	}()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for start := range next {
				for i := start; i < min(start+chunk, n); i++ {
					fn(w, i)
				}
			}
		}(w)
	}
	wg.Wait()
}

// isWord reports whether a term id is a Latin word or number (not a pair).
func (c *corpus) isWord(id uint32) bool { return c.termKeys[id]&wordBit != 0 }

// coverage counts the runes that lie inside at least one match.
func coverage(ms []Match) int {
	n, end := 0, 0
	sorted := slices.Clone(ms)
	slices.SortFunc(sorted, func(a, b Match) int { return a.rs - b.rs })
	for _, m := range sorted {
		s := max(m.rs, end)
		if m.re > s {
			n += m.re - s
			end = m.re
		}
	}
	return n
}

// selectTop reorders v so that its first k elements are the k first in
// the order cmp (quickselect).
func selectTop(v vec, k int, cmp func(a, b weight) int) {
	lo, hi := 0, len(v)-1
	for lo < hi {
		p := v[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for cmp(v[i], p) < 0 {
				i++
			}
			for cmp(v[j], p) > 0 {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}
