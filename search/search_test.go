package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"taizhang/ledger"
)

var parseTests = []struct {
	in            string
	words, denied []string
}{
	{"噪音", []string{"噪音"}, nil},
	{"  小区　停车 ", []string{"小区", "停车"}, nil},
	{`"噪音 扰民" 夜间`, []string{"噪音扰民", "夜间"}, nil},
	{`“公务 用车”`, []string{"公务用车"}, nil},
	{`"bus stop" 站`, []string{"bus stop", "站"}, nil},
	{"物业 -维修 -\"电梯 故障\"", []string{"物业"}, []string{"维修", "电梯故障"}},
	{"－收费 学校", []string{"学校"}, []string{"收费"}},
	{"a - b", []string{"a", "-", "b"}, nil},
	{`"未闭合 的引号`, []string{"未闭合的引号"}, nil},
	{"", nil, nil},
}

func TestParseQuery(t *testing.T) {
	for _, tt := range parseTests {
		q := ParseQuery(tt.in)
		if !slices.Equal(q.Words, tt.words) || !slices.Equal(q.Exclude, tt.denied) {
			t.Errorf("ParseQuery(%q) = %q -%q, want %q -%q", tt.in, q.Words, q.Exclude, tt.words, tt.denied)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		for _, w := range append(q.Words, q.Exclude...) {
			if w == "" || strings.TrimSpace(w) != w {
				t.Fatalf("ParseQuery(%q): bad word %q", s, w)
			}
		}
		// Words without quotes or spaces survive a round trip.
		if r := ParseQuery(q.String()); !slices.Equal(r.Words, q.Words) && !strings.ContainsAny(s, "\"“”「」『』") {
			t.Fatalf("round trip %q → %q → %q", s, q.String(), r.Words)
		}
	})
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		text  string
		terms []string
		want  string
	}{
		{"\r\n\t\t小区　噪音很大，  夜里噪音扰民", []string{"噪音"}, "小区 [噪音]很大， 夜里[噪音]扰民"},
		{"ＡＢＣ公司拖欠工资", []string{"abc"}, "[ＡＢＣ]公司拖欠工资"},
		{"没有匹配", []string{"噪音"}, "没有匹配"},
		{"噪音扰民", []string{"噪音", "音扰"}, "[噪音扰]民"},
		{strings.Repeat("甲", 200) + "噪音" + strings.Repeat("乙", 200), []string{"噪音"},
			"…" + strings.Repeat("甲", 20) + "[噪音]" + strings.Repeat("乙", 98) + "…"},
	}
	for _, tt := range tests {
		s, marks := snippet(tt.text, tt.terms, 60)
		got := Hit{Snippet: s, Marks: marks}.Highlight("[", "]")
		if got != tt.want {
			t.Errorf("snippet(%q, %q) = %q, want %q", tt.text, tt.terms, got, tt.want)
		}
	}
}

// containsWord reports whether text contains w, where letters and digits
// at the ends of w must not continue in text: Chinese matches anywhere, but
// 12345 does not match inside 123456 or 12345.12315 (letters and digits are
// words, as Unicode word breaking cuts them).
func containsWord(text, w string) bool {
	for at := 0; ; {
		i := strings.Index(text[at:], w)
		if i < 0 {
			return false
		}
		i += at
		before, n := utf8.DecodeLastRuneInString(text[:i])
		if before == '.' || before == ',' { // 12315.12345 is one number
			before, _ = utf8.DecodeLastRuneInString(text[:i-n])
		}
		after, n := utf8.DecodeRuneInString(text[i+len(w):])
		if after == '.' || after == ',' {
			after, _ = utf8.DecodeRuneInString(text[i+len(w)+n:])
		}
		first, _ := utf8.DecodeRuneInString(w)
		last, _ := utf8.DecodeLastRuneInString(w)
		if !(isAlnum(first) && isAlnum(before)) && !(isAlnum(last) && isAlnum(after)) {
			return true
		}
		at = i + 1
	}
}

func isAlnum(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// substringSet is what a query must find, by brute force: the opinions
// whose title or text contains every word (width and case folded) and none
// of the excluded ones.
func substringSet(t *testing.T, l *ledger.Ledger, q Query) map[int64]bool {
	t.Helper()
	want := map[int64]bool{}
	err := l.EachOpinion(ledger.Filter{}, func(o ledger.Opinion) error {
		text := fold(joinText(o.Title, o.Text))
		for _, w := range q.Words {
			if !containsWord(text, fold(w)) {
				return nil
			}
		}
		for _, w := range q.Exclude {
			if containsWord(text, fold(w)) {
				return nil
			}
		}
		want[o.ID] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return want
}

// TestRealMessagesFindExactly checks on the 4,326 real messages that each
// query finds exactly the messages that contain all its words: nothing
// more (no flood of character pairs), nothing less.
func TestRealMessagesFindExactly(t *testing.T) {
	l, msgs := realLedger(t)
	ix := openIndex(t, l, Options{})
	if n, _ := ix.DocCount(); int(n) != len(msgs) {
		t.Fatalf("indexed %d documents, want %d", n, len(msgs))
	}
	for _, q := range []string{
		"噪音", "医保", "物业", "油烟", "学位", "公积金", // two-character words
		"噪", "吵", "臭", // single characters
		"小区 停车", "地铁 噪音", "物业 收费 电梯", // words apart
		"噪音 -广场舞", "物业 -维修", // excluding
		`"搅拌站 噪音"`, "搅拌站噪音", "噪音扰民",
		"A3区", "a3区 噪音", "ＡＳ", "5G", // letters and digits
		"反映", "的", // very common
		"不存在的词语组合",
	} {
		t.Run(q, func(t *testing.T) {
			pq := ParseQuery(q)
			want := substringSet(t, l, pq)
			res, err := ix.Search(context.Background(), Request{Query: q, Size: len(msgs) + 10})
			if err != nil {
				t.Fatal(err)
			}
			got := map[int64]bool{}
			for _, h := range res.Hits {
				got[h.ID] = true
			}
			if res.Total != len(res.Hits) {
				t.Errorf("Total %d but %d hits returned", res.Total, len(res.Hits))
			}
			var extra, missing []int64
			for id := range got {
				if !want[id] {
					extra = append(extra, id)
				}
			}
			for id := range want {
				if !got[id] {
					missing = append(missing, id)
				}
			}
			if len(extra) > 0 || len(missing) > 0 {
				t.Errorf("%q: %d found, %d contain the words; %d extra %s, %d missing %s",
					q, len(got), len(want), len(extra), sample(t, l, extra), len(missing), sample(t, l, missing))
			}
			if q == "噪音" || q == "医保" {
				if len(want) == 0 {
					t.Fatalf("%q: no message contains it; the data changed?", q)
				}
				t.Logf("%q: %d messages, all found", q, len(want))
			}
			// Every hit on the first page has its words marked in the snippet.
			for _, h := range res.Hits[:min(len(res.Hits), 10)] {
				if len(pq.Words) > 0 && len(h.Marks) == 0 {
					t.Errorf("%q: hit %d has no highlight: %q", q, h.ID, h.Snippet)
				}
			}
		})
	}
	t.Run("12345", func(t *testing.T) { checkNumbers(t, l, ix) })
}

func sample(t *testing.T, l *ledger.Ledger, ids []int64) string {
	slices.Sort(ids)
	var b strings.Builder
	for _, id := range ids[:min(len(ids), 3)] {
		o, err := l.Opinion(id)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := snippet(joinText(o.Title, o.Text), nil, 40)
		fmt.Fprintf(&b, " [%d %s]", id, s)
	}
	return b.String()
}

// checkNumbers: numbers are words cut by Unicode word breaking,
// which keeps 12345.12315 together and treats a full stop after a number in
// its own way; a search for 12345 may differ from the substring oracle in
// a few such places, never by much.
func checkNumbers(t *testing.T, l *ledger.Ledger, ix *Index) {
	want := substringSet(t, l, ParseQuery("12345"))
	res, err := ix.Search(context.Background(), Request{Query: "12345", Size: 10000})
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for _, h := range res.Hits {
		if want[h.ID] {
			same++
		}
	}
	if len(want) < 100 || same < len(want)*95/100 || same < len(res.Hits)*95/100 {
		t.Errorf("12345: %d found, %d contain it, %d in both", len(res.Hits), len(want), same)
	}
}

func TestWordTerms(t *testing.T) {
	for _, tt := range []struct {
		word string
		want []string
	}{
		{"噪音", []string{"噪音"}},
		{"噪音扰民", []string{"噪音", "音扰", "扰民"}},
		{"噪", []string{"噪"}},
		{"A3区", []string{"a3", "区"}},
		{"基准词1号", []string{"基准", "准词", "词", "1", "号"}},
		{"1号楼", []string{"1", "号楼"}},
		{"，", nil},
	} {
		if got, _ := wordTerms(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("wordTerms(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestWordEdges: a word that touches a run of Chinese characters at its
// edge is found inside a longer run (A3区 in A3区域), and only where it
// occurs as written (区A3 is not in 区域A3).
func TestWordEdges(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	docs := map[string]string{
		"a": "A3区域的路灯",
		"b": "区域A3的路灯",
		"c": "小区A3栋",
		"d": "1号楼A3",
		"e": "噪音",
		"f": "他说噪",
	}
	for id, text := range docs {
		if err := idx.Index(id, map[string]interface{}{fText: text, fChars: text}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		word string
		want []string
	}{
		{"A3区", []string{"a"}},
		{"区A3", []string{"c"}},
		{"域A3", []string{"b"}},
		{"区域A3", []string{"b"}},
		{"楼A3", []string{"d"}},
		{"号楼A3", []string{"d"}},
		{"号A3", nil},
		{"小区A3栋", []string{"c"}},
		{"噪", []string{"e", "f"}},
		{"说噪", []string{"f"}},
		{"区域", []string{"a", "b"}},
		{"区", []string{"a", "b", "c"}},
	} {
		req := bleve.NewSearchRequestOptions(wordQuery(tt.word), 10, 0, false)
		res, err := idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s found %q, want %q", tt.word, got, tt.want)
		}
	}
	// docFreq (which bounds the matches, see matchBound) counts documents.
	s := &shards{parts: []bleve.Index{idx}}
	for _, tt := range []struct {
		field, term string
		want        int
	}{{fText, "区域", 2}, {fChars, "区", 3}, {fChars, "噪", 2}, {fText, "a3", 4}, {fText, "没有", 0}} {
		if n, err := s.docFreq(tt.field, tt.term); err != nil || n != tt.want {
			t.Errorf("docFreq(%s, %s) = %d, %v; want %d", tt.field, tt.term, n, err, tt.want)
		}
	}
}
