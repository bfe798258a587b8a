package search

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"taizhang/ledger"
)

// Document kinds, as Hit.Kind and the "type" facet name them.
const (
	KindOpinion = "opinion"
	KindProblem = "problem"
)

// Facet names of Result.Facets.
const (
	FacetType     = fType     // opinion / problem
	FacetChannel  = fChannel  // 渠道
	FacetCategory = fCategory // 四风类别
	FacetKind     = fKind     // 个性 / 共性
	FacetTarget   = fTarget   // target ids ("0" the team); see Request.Names
	FacetSorted   = fSorted   // 已归类 / 未归类
	FacetFile     = fFile     // source file
)

// Facets lists the facet names in the order a screen shows them.
var Facets = []string{FacetType, FacetChannel, FacetCategory, FacetKind, FacetTarget, FacetSorted, FacetFile}

// Request is one search.
type Request struct {
	Query string // what the user typed; see ParseQuery. Empty: everything

	// Filters; empty means any.
	Type     string // KindOpinion or KindProblem
	Channel  string
	Category string
	Kind     string // 个性 or 共性
	Sorted   string // SortedYes or SortedNo
	File     string
	From, To string // dates as people type them (see parseDate), inclusive
	// Target keeps documents whose targets include this id (ledger.TeamID
	// for the team).
	Target *int64
	// Leader keeps what concerns a member: documents that target them, and
	// documents that target the team and match a word of their 分工
	// portfolio. With ledger.TeamID, documents that target the team.
	Leader *int64

	// Related, when positive, asks for up to that many near matches after
	// the exact ones, when these fit on the page: documents that share
	// character pairs with the words without containing them all as
	// written (加装电梯 finds 增设电梯), best first. They are not counted in
	// Total or the facets.
	Related int

	Size   int  // hits to return; 0 means 20
	Offset int  // for paging
	Facets bool // count the facets over all matches
	// FacetLimit skips the facet counts when more documents than this
	// match (Result.FacetsOmitted tells): counting visits every match, and
	// a single character typed first matches most of a large ledger. Zero
	// means DefaultFacetLimit; negative, no limit.
	FacetLimit int
}

// DefaultFacetLimit is the number of matches above which facets are not
// counted unless asked (Request.FacetLimit): about 2–3 ms of counting.
const DefaultFacetLimit = 5000

// Result is what a search found.
type Result struct {
	Total int   // number of matching documents
	Hits  []Hit // the requested page, best first
	// Related are near matches (see Request.Related), best first.
	Related []Hit
	Facets  map[string][]FacetCount // facet name → counts, most first
	// FacetsOmitted: facets were asked for but not counted, as more
	// documents matched than Request.FacetLimit.
	FacetsOmitted bool
	Query         Query // the parsed query
	Took          time.Duration
}

// FacetCount is one value of a facet and how many matches have it.
type FacetCount struct {
	Value string
	Count int
}

// Hit is one matching opinion or problem. It never carries the submitter.
type Hit struct {
	Kind     string  `json:"kind"` // KindOpinion or KindProblem
	ID       int64   `json:"id"`
	Title    string  `json:"title,omitempty"`
	Text     string  `json:"text"` // the opinion's text, or the problem's description
	Channel  string  `json:"channel,omitempty"`
	Date     string  `json:"date,omitempty"`
	Category string  `json:"category,omitempty"`
	PKind    string  `json:"problem_kind,omitempty"` // 个性 or 共性
	Targets  []int64 `json:"targets,omitempty"`
	Problem  int64   `json:"problem,omitempty"` // an opinion's problem
	File     string  `json:"file,omitempty"`
	Row      int     `json:"row,omitempty"`
	Score    float64 `json:"score"`
	// Snippet is a short excerpt of the title and text around the matches,
	// white space collapsed; Marks are the byte ranges in it that match a
	// query word.
	Snippet string   `json:"-"`
	Marks   [][2]int `json:"-"`
}

// Highlight renders the snippet with each match between open and close.
func (h Hit) Highlight(open, close string) string {
	var b strings.Builder
	at := 0
	for _, m := range h.Marks {
		b.WriteString(h.Snippet[at:m[0]])
		b.WriteString(open)
		b.WriteString(h.Snippet[m[0]:m[1]])
		b.WriteString(close)
		at = m[1]
	}
	b.WriteString(h.Snippet[at:])
	return b.String()
}

var storedFields = []string{fText, fTitle, fType, fChannel, fCategory, fKind, fTarget, fDate, fFile, fRow, fProblem}

// Search runs r against the index.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	q := ParseQuery(r.Query)
	bq, err := ix.buildQuery(q, r)
	if err != nil {
		return nil, err
	}
	size := r.Size
	if size <= 0 {
		size = 20
	}
	req := bleve.NewSearchRequestOptions(bq, size, r.Offset, false)
	req.Fields = storedFields
	if len(q.Words) == 0 {
		req.SortBy([]string{"-" + fDate, "_id"})
	}
	limit := r.FacetLimit
	if limit == 0 {
		limit = DefaultFacetLimit
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, errClosed
	}
	// The facets are counted in the same pass when the matches are known
	// to be few enough: the words' rarest terms bound them.
	onePass := r.Facets && (limit < 0 || ix.matchBound(q) <= limit)
	if onePass {
		req.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, maxFacetTerms))
	}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if r.Facets && !onePass {
		// Count the facets in a second pass, only when the matches are few
		// enough: counting costs a visit to every match.
		if int(res.Total) > limit {
			res.Facets = nil
		} else {
			fr := bleve.NewSearchRequestOptions(bq, 0, 0, false)
			fr.Score = "none" // counting only
			fr.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, maxFacetTerms))
			fres, err := ix.idx.SearchInContext(ctx, fr)
			if err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
			res.Facets = fres.Facets
		}
	}
	out := &Result{Total: int(res.Total), Query: q, FacetsOmitted: r.Facets && res.Facets == nil}
	terms := q.highlightTerms(ix.opts.Synonyms)
	out.Hits = toHits(res.Hits, terms)
	if r.Related > 0 && len(q.Words) > 0 && r.Offset == 0 && len(out.Hits) < size {
		related, err := ix.related(ctx, ix.idx, q, r, bq)
		if err != nil {
			return nil, err
		}
		out.Related = related
	}
	if r.Facets && res.Facets != nil {
		out.Facets, err = ix.countFacets(res.Facets[fFacet])
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	out.Took = time.Since(start)
	return out, nil
}

// matchBound returns an upper bound of the number of documents the words
// of q match: for each word, the sum over its variants of the document
// count of the variant's rarest term; the least of these over the words.
// Without words it returns math.MaxInt. ix.mu is held.
func (ix *Index) matchBound(q Query) int {
	bound := math.MaxInt
	for _, w := range q.Words {
		vs := []string{w}
		if ix.opts.Synonyms {
			vs = Variants(w)
		}
		sum, any := 0, false
		for _, v := range vs {
			terms, single := wordTerms(v)
			if len(terms) == 0 {
				continue // no condition (see wordQuery)
			}
			field := fText
			if single {
				field = fChars
			}
			least := math.MaxInt
			for _, t := range terms {
				n, err := ix.idx.docFreq(field, t)
				if err != nil {
					return math.MaxInt
				}
				least = min(least, n)
			}
			sum += least
			any = true
		}
		if any {
			bound = min(bound, sum)
		}
	}
	return bound
}

// maxFacetTerms bounds the distinct facet terms (combinations of facet
// values, see addFacets) counted: far more than a ledger has.
const maxFacetTerms = 1 << 20

// countFacets sums the counts of the facet codes (see addFacets) into
// counts per facet value, most first. ix.mu is held.
func (ix *Index) countFacets(fr *search.FacetResult) (map[string][]FacetCount, error) {
	counts := map[string]map[string]int{}
	if fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			values, err := ix.facetValues(t.Term)
			if err != nil {
				return nil, err
			}
			for _, part := range strings.Split(values, facetSep) {
				name, value, ok := strings.Cut(part, ":")
				if !ok {
					continue
				}
				if counts[name] == nil {
					counts[name] = map[string]int{}
				}
				counts[name][value] += t.Count
			}
		}
	}
	out := map[string][]FacetCount{}
	for name, vs := range counts {
		fc := make([]FacetCount, 0, len(vs))
		for v, n := range vs {
			fc = append(fc, FacetCount{Value: v, Count: n})
		}
		sort.Slice(fc, func(i, j int) bool {
			if fc[i].Count != fc[j].Count {
				return fc[i].Count > fc[j].Count
			}
			return fc[i].Value < fc[j].Value
		})
		out[name] = fc
	}
	return out, nil
}

// facetValues returns the facet values a code stands for. A code is a hash
// of its values, so what is learnt once holds for good; an unknown code
// rereads the fFacetKey terms. ix.mu is held (for reading).
func (ix *Index) facetValues(code string) (string, error) {
	ix.facetMu.Lock()
	defer ix.facetMu.Unlock()
	if v, ok := ix.facetKeys[code]; ok {
		return v, nil
	}
	if ix.facetKeys == nil {
		ix.facetKeys = map[string]string{}
	}
	for _, p := range ix.idx.parts {
		d, err := p.FieldDict(fFacetKey)
		if err != nil {
			return "", err
		}
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return "", err
			}
			if e == nil {
				break
			}
			if c, v, ok := strings.Cut(e.Term, "="); ok {
				ix.facetKeys[c] = v
			}
		}
		if err := d.Close(); err != nil {
			return "", err
		}
	}
	return ix.facetKeys[code], nil
}

// toHits turns Bleve's matches into hits, with snippets marking terms.
func toHits(matches search.DocumentMatchCollection, terms []string) []Hit {
	var out []Hit
	for _, dm := range matches {
		kind, id, ok := parseDocID(dm.ID)
		if !ok {
			continue
		}
		h := Hit{Kind: kind, ID: id, Score: dm.Score}
		text := str(dm.Fields[fText])
		h.Title = str(dm.Fields[fTitle])
		h.Text = text
		if h.Title != "" && strings.HasPrefix(text, h.Title+"\n") {
			h.Text = text[len(h.Title)+1:]
		}
		h.Channel = str(dm.Fields[fChannel])
		h.Category = str(dm.Fields[fCategory])
		h.PKind = str(dm.Fields[fKind])
		h.File = str(dm.Fields[fFile])
		if d := str(dm.Fields[fDate]); len(d) >= 10 {
			h.Date = d[:10]
		}
		if v, ok := dm.Fields[fRow].(float64); ok {
			h.Row = int(v)
		}
		for _, t := range strs(dm.Fields[fTarget]) {
			if n, err := strconv.ParseInt(t, 10, 64); err == nil {
				h.Targets = append(h.Targets, n)
			}
		}
		if kind == KindOpinion {
			h.Problem, _ = strconv.ParseInt(str(dm.Fields[fProblem]), 10, 64)
		}
		h.Snippet, h.Marks = snippet(text, terms, 60)
		out = append(out, h)
	}
	return out
}

// related finds near matches of q: the documents that r's filters keep and
// that contain character pairs of q's words, but not the exact match.
func (ix *Index) related(ctx context.Context, idx *shards, q Query, r Request, exact query.Query) ([]Hit, error) {
	words := strings.Join(q.Words, " ")
	m := bleve.NewMatchQuery(words)
	m.SetField(fText)
	m.Analyzer = queryAnalyzer
	filters, err := ix.buildQuery(Query{Exclude: q.Exclude}, r)
	if err != nil {
		return nil, err
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(m, filters)
	bq.AddMustNot(exact)
	req := bleve.NewSearchRequestOptions(bq, r.Related, 0, false)
	req.Fields = storedFields
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	// Mark the pairs the words share with the text.
	var terms []string
	for _, t := range plainCJK.Analyze([]byte(words)) {
		terms = append(terms, string(t.Term))
	}
	return toHits(res.Hits, terms), nil
}

func str(v interface{}) string {
	switch x := v.(type) {
	case string:
		return x
	case []interface{}:
		if len(x) > 0 {
			return str(x[0])
		}
	}
	return ""
}

func strs(v interface{}) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []interface{}:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, str(e))
		}
		return out
	}
	return nil
}

func term(field, value string) query.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	return q
}

// parseDate reads a date as people type it (2026-11-26, 2026/11/26,
// 2026年11月26日 …, see ledger.ParseDateTime).
func parseDate(s string) (time.Time, bool) {
	d, _, ok := ledger.ParseDateTime(strings.TrimSpace(s))
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", d)
	return t, err == nil
}

// buildQuery combines the words of q with r's filters.
func (ix *Index) buildQuery(q Query, r Request) (query.Query, error) {
	must, mustNot := q.textQuery(ix.opts.Synonyms)
	var filters []query.Query
	if must != nil {
		filters = append(filters, must)
	}
	for _, f := range []struct{ field, value string }{
		{fType, r.Type}, {fChannel, r.Channel}, {fCategory, r.Category}, {fKind, r.Kind},
		{fSorted, r.Sorted}, {fFile, r.File},
	} {
		if f.value != "" {
			filters = append(filters, term(f.field, f.value))
		}
	}
	if r.Target != nil {
		filters = append(filters, term(fTarget, strconv.FormatInt(*r.Target, 10)))
	}
	if r.Leader != nil {
		lq, err := ix.leaderQuery(*r.Leader)
		if err != nil {
			return nil, err
		}
		filters = append(filters, lq)
	}
	if r.From != "" || r.To != "" {
		var from, to time.Time
		var ok bool
		if r.From != "" {
			if from, ok = parseDate(r.From); !ok {
				return nil, &ledger.Error{Msg: fmt.Sprintf("起始日期“%s”无法识别，请按 2026-11-26 的格式填写", r.From)}
			}
		}
		if r.To != "" {
			if to, ok = parseDate(r.To); !ok {
				return nil, &ledger.Error{Msg: fmt.Sprintf("截止日期“%s”无法识别，请按 2026-11-26 的格式填写", r.To)}
			}
			to = to.Add(24 * time.Hour)
		}
		dq := bleve.NewDateRangeQuery(from, to)
		dq.SetField(fDate)
		filters = append(filters, dq)
	}
	var base query.Query
	switch len(filters) {
	case 0:
		base = bleve.NewMatchAllQuery()
	case 1:
		base = filters[0]
	default:
		base = bleve.NewConjunctionQuery(filters...)
	}
	if mustNot == nil {
		return base, nil
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(base)
	bq.AddMustNot(mustNot)
	return bq, nil
}

// leaderQuery selects what concerns a leader (see Request.Leader).
func (ix *Index) leaderQuery(id int64) (query.Query, error) {
	own := term(fTarget, strconv.FormatInt(id, 10))
	if id == ledger.TeamID {
		return own, nil
	}
	ms, err := ix.l.Leaders()
	if err != nil {
		return nil, err
	}
	var words []string
	for _, m := range ms {
		if m.ID == id {
			words = PortfolioWords(m.Portfolio)
		}
	}
	var qs []query.Query
	for _, w := range words {
		if wq := wordQuery(w); wq != nil {
			qs = append(qs, wq)
		}
	}
	if len(qs) == 0 {
		return own, nil
	}
	team := bleve.NewConjunctionQuery(term(fTarget, strconv.FormatInt(ledger.TeamID, 10)), bleve.NewDisjunctionQuery(qs...))
	return bleve.NewDisjunctionQuery(own, team), nil
}

var portfolioSplit = regexp.MustCompile(`[、，,；;。/\s和及]+`)

// PortfolioWords returns the words of a 分工 portfolio that a team problem
// must mention to fall in it: "分管办公室、财务和信访工作" gives 办公室, 财务,
// 信访. Leading 分管/负责/协助/联系 and trailing 工作/等/方面 are dropped;
// words shorter than two characters are left out.
func PortfolioWords(portfolio string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range portfolioSplit.Split(portfolio, -1) {
		for _, p := range []string{"主持", "分管", "负责", "协助", "联系", "协管", "主管"} {
			w = strings.TrimPrefix(w, p)
		}
		for _, s := range []string{"等工作", "工作", "等", "方面", "事务"} {
			if t := strings.TrimSuffix(w, s); len([]rune(t)) >= 2 {
				w = t
			}
		}
		if len([]rune(w)) >= 2 && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
