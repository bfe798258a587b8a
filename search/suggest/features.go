package suggest

import (
	"math"
	"runtime"
	"slices"
	"sort"
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

// topTerms is how many terms a vector keeps: the strongest carry most of
// the cosine, and 10^5 opinions fit in tens of megabytes.
const topTerms = 48

// blockKeys is how many of its rarest terms an opinion is blocked by.
const blockKeys = 6

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

// analyze computes the features of texts on every processor.
func analyze(lex *Lexicon, texts []string, opt Options) *corpus {
	c := &corpus{lex: lex, feats: make([]features, len(texts)), n: len(texts)}
	workers := runtime.GOMAXPROCS(0)
	// Pass 1: matches, and the document frequency of every term.
	dfs := make([]map[termKey]int32, workers)
	parallel(len(texts), workers, func(w, i int) {
		if dfs[w] == nil {
			dfs[w] = map[termKey]int32{}
		}
		t := newNormText(texts[i])
		f := &c.feats[i]
		if opt.Lexicon {
			f.matches = lex.match(t)
		}
		f.han = hanCount(t.runes)
		f.covered = coverage(f.matches)
		f.place = namesPlace(t.runes)
		if opt.Pairs {
			seen := map[termKey]bool{}
			eachTerm(t.runes, func(k termKey) {
				if !seen[k] {
					seen[k] = true
					dfs[w][k]++
				}
			})
		}
	})
	df := dfs[0]
	if df == nil {
		df = map[termKey]int32{}
	}
	for _, m := range dfs[1:] {
		for k, v := range m {
			df[k] += v
		}
	}
	c.termIDs = make(map[termKey]uint32, len(df)/2)
	for k, v := range df {
		if v >= 2 {
			c.termIDs[k] = uint32(len(c.termDF))
			c.termDF = append(c.termDF, v)
			c.termKeys = append(c.termKeys, k)
		}
	}
	// Concept document frequencies.
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
	// Pass 2: weighted vectors.
	parallel(len(texts), workers, func(w, i int) {
		f := &c.feats[i]
		f.concepts, f.primary = c.conceptVector(f.matches)
		if opt.Pairs {
			f.pairs, f.keys = c.termVector(newNormText(texts[i]).runes, df)
		}
	})
	return c
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
	for id, s := range strength {
		s = min(s, 12)
		if s > best || s == best && firstAt[id] < firstAt[primary] {
			primary, best = id, s
		}
		wm[uint32(id)] = math.Sqrt(float64(s)) * (1 + c.idf(c.conceptDF[id]))
	}
	return fromMap(wm).normalize(), primary
}

// termVector is the tf-idf vector of the terms of rs, cut to its topTerms
// strongest, and the blockKeys rarest terms shared with another opinion.
func (c *corpus) termVector(rs []rune, df map[termKey]int32) (vec, []uint32) {
	tf := map[termKey]int{}
	eachTerm(rs, func(k termKey) { tf[k]++ })
	var norm float64
	v := make(vec, 0, len(tf))
	for k, n := range tf {
		w := (1 + math.Log(float64(n))) * c.idf(df[k])
		norm += w * w
		if id, ok := c.termIDs[k]; ok {
			v = append(v, weight{id, float32(w)})
		}
	}
	if norm == 0 {
		return nil, nil
	}
	sort.Slice(v, func(i, j int) bool { return v[i].w > v[j].w })
	var keys []uint32
	for _, x := range v {
		if len(keys) == blockKeys {
			break
		}
		keys = append(keys, x.id)
	}
	if len(v) > topTerms {
		v = v[:topTerms]
	}
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

// termText is a character pair's two characters.
func (c *corpus) termText(id uint32) string {
	k := uint64(c.termKeys[id])
	return string([]rune{rune(k >> 21), rune(k & (1<<21 - 1))})
}

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
