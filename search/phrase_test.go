package search

import (
	"context"
	"math"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"taizhang/ledger/ledgertest"
)

// TestPhraseQueryAsBleve: phraseQuery finds the same documents with the
// same scores as Bleve's PhraseQuery, alone and inside a conjunction (where
// it is advanced rather than walked), for words cut from the real messages.
func TestPhraseQueryAsBleve(t *testing.T) {
	f := newJudgedFixture(t)
	msgs, _ := ledgertest.Messages(t)
	var words []string
	for i := 0; i < len(msgs) && len(words) < 400; i += 11 {
		rs := []rune(msgs[i].Text)
		for _, n := range []int{3, 4, 6} {
			at := (i * 7) % max(1, len(rs)-n)
			w := rs[at:min(len(rs), at+n)]
			ok := len(w) == n
			for _, r := range w {
				ok = ok && unicode.Is(unicode.Han, r)
			}
			if ok {
				words = append(words, string(w))
			}
		}
	}
	words = append(words, "幼儿园", "噪音扰民", "公车私用", "哈哈哈", "A3区域")
	ctx := context.Background()
	run := func(q query.Query) map[string]float64 {
		req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
		res, err := f.ix.idx.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		if int(res.Total) != len(out) {
			t.Fatalf("total %d, %d hits", res.Total, len(out))
		}
		return out
	}
	found := 0
	for _, w := range words {
		terms, _ := wordTerms(w)
		if len(terms) < 2 {
			continue
		}
		other := term(fText, "问题")
		for _, pair := range [][2]query.Query{
			{bleve.NewPhraseQuery(terms, fText), &phraseQuery{terms: terms, field: fText}},
			{bleve.NewConjunctionQuery(other, bleve.NewPhraseQuery(terms, fText)), bleve.NewConjunctionQuery(other, &phraseQuery{terms: terms, field: fText})},
		} {
			want, got := run(pair[0]), run(pair[1])
			if len(want) != len(got) {
				t.Errorf("%s: Bleve finds %d, phraseQuery %d", w, len(want), len(got))
				continue
			}
			for id, s := range want {
				g, ok := got[id]
				if !ok {
					t.Errorf("%s: phraseQuery misses %s", w, id)
				} else if math.Abs(g-s) > 1e-9*math.Max(1, s) {
					t.Errorf("%s: %s scores %v, Bleve %v", w, id, g, s)
				}
			}
			found += len(want)
		}
	}
	if found < 500 {
		t.Errorf("only %d matches over %d words: the comparison proves little", found, len(words))
	}
	t.Logf("%d words, %d matches compared", len(words), found)
}
