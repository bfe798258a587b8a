package search

import (
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk" // registers the cjk analyzer; every opener needs it
	"github.com/blevesearch/bleve/v2/mapping"

	"taizhang/ledger"
)

// layout names the index layout (mapping and document shape). An index
// written with another layout is rebuilt.
const layout = "taizhang-search-9"

// Field names in the index.
const (
	fText     = "text"     // title and text: character pairs, with positions (see pairsAnalyzer)
	fChars    = "chars"    // title and text: each Chinese character, without positions
	fTitle    = "title"    // stored only
	fType     = "type"     // "opinion" or "problem"
	fChannel  = "channel"  // opinion channel
	fCategory = "category" // the problem's 四风 category (an opinion's: its problem's)
	fKind     = "kind"     // 个性 or 共性 (an opinion's: its problem's)
	fTarget   = "target"   // target ids as decimal strings; "0" is the team
	fSorted   = "sorted"   // "已归类" or "未归类" (opinions only)
	fDate     = "date"     // opinion date; problem creation date
	fFile     = "file"     // source file name (opinions)
	fRow      = "row"      // source row (stored only)
	fProblem  = "problem"  // an opinion's problem id, a problem's own id
	fFacet    = "facet"    // one short term, the code of the document's facet values (see addFacets)
	fFacetKey = "facetkey" // "code=values": what each facet code stands for
)

// Sorted facet values.
const (
	SortedYes = "已归类"
	SortedNo  = "未归类"
)

// queryAnalyzer is the plain cjk analyzer (pairs; a lone character alone):
// related results are the documents that share pairs with the words.
const queryAnalyzer = cjk.AnalyzerName

func newMapping() (mapping.IndexMapping, error) {
	m := bleve.NewIndexMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = textAnalyzer
	text.Store = true
	text.IncludeTermVectors = true // positions, for phrases
	text.IncludeInAll = false
	text.DocValues = false

	chars := bleve.NewTextFieldMapping()
	chars.Analyzer = charsAnalyzer
	chars.Store = false
	chars.IncludeTermVectors = false
	chars.IncludeInAll = false
	chars.DocValues = false

	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.DocValues = false

	keyword := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false // counted through fFacet
		return f
	}
	facet := bleve.NewKeywordFieldMapping()
	facet.IncludeInAll = false
	facet.IncludeTermVectors = false
	facet.DocValues = true
	facetKey := bleve.NewKeywordFieldMapping()
	facetKey.IncludeInAll = false
	facetKey.IncludeTermVectors = false
	facetKey.DocValues = false
	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.IncludeInAll = false
	date.DocValues = true // sorting by date
	row := bleve.NewNumericFieldMapping()
	row.Index = false
	row.Store = true
	row.IncludeInAll = false
	row.DocValues = false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fText, text)
	dm.AddFieldMappingsAt(fChars, chars)
	dm.AddFieldMappingsAt(fTitle, stored)
	for _, f := range []string{fType, fChannel, fCategory, fKind, fTarget, fSorted, fFile, fProblem} {
		dm.AddFieldMappingsAt(f, keyword())
	}
	dm.AddFieldMappingsAt(fFacet, facet)
	dm.AddFieldMappingsAt(fFacetKey, facetKey)
	dm.AddFieldMappingsAt(fDate, date)
	dm.AddFieldMappingsAt(fRow, row)
	m.DefaultMapping = dm
	m.DefaultAnalyzer = textAnalyzer
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}

func opinionDocID(id int64) string { return "o" + strconv.FormatInt(id, 10) }
func problemDocID(id int64) string { return "p" + strconv.FormatInt(id, 10) }

// parseDocID splits a document id into kind ("opinion" or "problem") and id.
func parseDocID(s string) (string, int64, bool) {
	if len(s) < 2 {
		return "", 0, false
	}
	id, err := strconv.ParseInt(s[1:], 10, 64)
	if err != nil {
		return "", 0, false
	}
	switch s[0] {
	case 'o':
		return KindOpinion, id, true
	case 'p':
		return KindProblem, id, true
	}
	return "", 0, false
}

// joinText is what is indexed and stored as the text of a document: the
// title (if any) on its own line, then the text.
func joinText(title, text string) string {
	if title == "" {
		return text
	}
	return title + "\n" + text
}

func targetTerms(ids ...[]int64) []string {
	seen := map[int64]bool{}
	var out []string
	for _, list := range ids {
		for _, id := range list {
			if !seen[id] {
				seen[id] = true
				out = append(out, strconv.FormatInt(id, 10))
			}
		}
	}
	return out
}

// opinionDoc is what the index holds of an opinion. The index reads
// opinions only through the ledger's public view (Ledger.EachOpinion,
// Ledger.Opinion), never the internal one: o carries no submitter and no
// identifying attribute, and its text is masked as the public view masks it.
// Attributes are not indexed at all. An opinion sorted into a problem
// carries its problem's category, kind and targets, so that filters by them
// find it too.
func opinionDoc(o ledger.Opinion, p *ledger.Problem) map[string]interface{} {
	d := map[string]interface{}{
		fType:    KindOpinion,
		fText:    joinText(o.Title, o.Text),
		fChars:   joinText(o.Title, o.Text),
		fChannel: o.Channel,
		fSorted:  SortedNo,
	}
	if o.Title != "" {
		d[fTitle] = o.Title
	}
	targets := [][]int64{o.Targets}
	if p != nil {
		d[fSorted] = SortedYes
		d[fCategory] = p.Category
		d[fKind] = p.Kind
		d[fProblem] = strconv.FormatInt(p.ID, 10)
		targets = append(targets, p.Targets)
	}
	if t := targetTerms(targets...); len(t) > 0 {
		d[fTarget] = t
	}
	if t, err := time.Parse("2006-01-02", o.Date); err == nil {
		d[fDate] = t
	}
	if o.Source.File != "" {
		d[fFile] = o.Source.File
	}
	if o.Source.Row > 0 {
		d[fRow] = float64(o.Source.Row)
	}
	addFacets(d)
	return d
}

// facetSep joins the "field:value" parts of a document's facet term.
const facetSep = "\x1f"

// addFacets fills fFacet from d's facet fields: the "field:value" of each,
// joined by facetSep, make the document's facet values, and fFacet holds
// their code, a hash of a few bytes, so that counting the facets of a match
// is one short doc-values term, not one per field (see countFacets).
// fFacetKey holds "code=values", from which the codes are read back.
// Documents share a few hundred such combinations.
func addFacets(d map[string]interface{}) {
	var b strings.Builder
	add := func(f, v string) {
		if b.Len() > 0 {
			b.WriteString(facetSep)
		}
		b.WriteString(f)
		b.WriteByte(':')
		b.WriteString(v)
	}
	for _, f := range Facets {
		switch v := d[f].(type) {
		case string:
			add(f, v)
		case []string:
			for _, x := range v {
				add(f, x)
			}
		}
	}
	values := b.String()
	code := facetCode(values)
	d[fFacet] = code
	d[fFacetKey] = code + "=" + values
}

// facetCode is the code of a document's facet values.
func facetCode(values string) string {
	h := fnv.New64a()
	h.Write([]byte(values))
	return strconv.FormatUint(h.Sum64(), 36)
}

func problemDoc(p ledger.Problem) map[string]interface{} {
	d := map[string]interface{}{
		fType:     KindProblem,
		fText:     joinText(p.Title, strings.TrimSpace(p.Description)),
		fChars:    joinText(p.Title, strings.TrimSpace(p.Description)),
		fTitle:    p.Title,
		fCategory: p.Category,
		fKind:     p.Kind,
		fProblem:  strconv.FormatInt(p.ID, 10),
	}
	if t := targetTerms(p.Targets); len(t) > 0 {
		d[fTarget] = t
	}
	if !p.Created.IsZero() {
		d[fDate] = p.Created.UTC().Truncate(24 * time.Hour)
	}
	addFacets(d)
	return d
}
