package reports

import (
	"math"
	"strings"
)

// Words a title breaks before or after: the names of the reports and the
// parts that end a unit's or a person's name. A break elsewhere between two
// Chinese characters may split a word (…情况报/告), so it costs more.
var (
	titleBreakBefore = []string{"征求意见", "查找", "关于", "对照检查", "领导班子", "意见反馈", "专题民主生活会", "反馈表", "情况报告", "问题报告"}
	titleBreakAfter  = []string{"领导班子", "同志", "党组", "党委", "委员会", "人民政府", "办公室", "的"}
	unitEnds         = "局委会院府办组部厅室所站处司行校队"
)

// balanceTitle breaks a title that does not fit on one line into as few
// lines as it needs, of balanced widths, at word boundaries where it can:
// between the unit and the report's name rather than inside a word, and
// never leaving one or two characters alone on a line.
func balanceTitle(title string, measure func(rune) float64, width float64) []string {
	rs := []rune(strings.TrimSpace(title))
	ws := make([]float64, len(rs)+1) // ws[i]: width of rs[:i]
	for i, c := range rs {
		ws[i+1] = ws[i] + measure(c)
	}
	if ws[len(rs)] <= width+1e-9 || len(rs) < 6 {
		br := Breaker{Measure: measure, Width: width}
		return br.Wrap(string(rs))
	}
	toks := tokenize(string(rs), measure)
	n := int(math.Ceil(ws[len(rs)] / width))
	// cost of a break before rs[i]: 0 at a word boundary, more elsewhere,
	// impossible where the line breaker forbids it.
	cost := make([]float64, len(rs))
	for i := 1; i < len(rs); i++ {
		if !canBreak(toks, 0, i) {
			cost[i] = math.Inf(1)
			continue
		}
		cost[i] = width // inside a word, as far as we can tell: only when no boundary will do
		if titleBoundary(rs, i) {
			cost[i] = 0
		}
	}
	for ; n <= len(rs)/3; n++ {
		if lines := bestBreaks(rs, ws, cost, n, width); lines != nil {
			return lines
		}
	}
	br := Breaker{Measure: measure, Width: width}
	return br.Wrap(string(rs))
}

// titleBoundary reports whether a break before rs[i] falls between words.
func titleBoundary(rs []rune, i int) bool {
	before, after := string(rs[:i]), string(rs[i:])
	if strings.HasPrefix(after, "党组") || strings.HasPrefix(after, "党委") {
		return false // 委员会党组 is one name
	}
	for _, w := range titleBreakBefore {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	for _, w := range titleBreakAfter {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	if strings.ContainsRune(unitEnds, rs[i-1]) && !strings.ContainsRune(unitEnds, rs[i]) {
		return true
	}
	return rs[i-1] == '”' || rs[i] == '“' || rs[i-1] == '）' || rs[i] == '（'
}

// bestBreaks chooses n-1 breaks that make every line fit and no line
// shorter than three characters, minimising the spread of the widths plus
// the cost of the breaks; nil when no such breaks exist.
func bestBreaks(rs []rune, ws, cost []float64, n int, width float64) []string {
	best, bestCost := []int(nil), math.Inf(1)
	var try func(from, left int, cuts []int, c float64)
	try = func(from, left int, cuts []int, c float64) {
		if left == 1 {
			if len(rs)-from < 3 || ws[len(rs)]-ws[from] > width+1e-9 {
				return
			}
			lo, hi := math.Inf(1), 0.0
			prev := 0
			for _, k := range append(cuts, len(rs)) {
				w := ws[k] - ws[prev]
				lo, hi, prev = math.Min(lo, w), math.Max(hi, w), k
			}
			if total := c + (hi - lo); total < bestCost {
				best, bestCost = append([]int(nil), cuts...), total
			}
			return
		}
		for i := from + 3; i < len(rs)-3*(left-1)+1 && i < len(rs); i++ {
			if ws[i]-ws[from] > width+1e-9 {
				break
			}
			if math.IsInf(cost[i], 1) {
				continue
			}
			try(i, left-1, append(cuts, i), c+cost[i])
		}
	}
	try(0, n, nil, 0)
	if best == nil {
		return nil
	}
	var out []string
	prev := 0
	for _, k := range append(best, len(rs)) {
		out = append(out, strings.TrimSpace(string(rs[prev:k])))
		prev = k
	}
	return out
}
