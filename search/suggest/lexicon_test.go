package suggest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"taizhang/ledger"
)

func TestDefaultLexiconIsWellFormed(t *testing.T) {
	l := Default()
	if len(l.Concepts) < 130 {
		t.Errorf("the lexicon has %d concepts, want a few hundred", len(l.Concepts))
	}
	perCategory := map[string]int{}
	for _, c := range l.Concepts {
		if !ledger.ValidCategory(c.Category) {
			t.Errorf("%s: category %q", c.Name, c.Category)
		}
		perCategory[c.Category]++
		if len(c.Phrasings) < 3 {
			t.Errorf("%s has only %d phrasings", c.Name, len(c.Phrasings))
		}
	}
	for _, cat := range ledger.Categories {
		if perCategory[cat] < 5 {
			t.Errorf("%s has %d concepts", cat, perCategory[cat])
		}
	}
}

// matchTable: a text and the concepts it must say (and must not).
var matchTable = []struct {
	text string
	want []string
	not  []string
}{
	{"会议太多太长", []string{"会议过多过长"}, nil},
	{"文山会海问题依然突出，希望少开会", []string{"会议过多过长"}, []string{"文件材料过多"}},
	{"开单位的车接送孩子上下学", []string{"公车私用"}, nil},
	{"节假日偶尔还能看到公车停在饭店门口", []string{"公车私用"}, nil},
	{"在会议室里等了半天", nil, []string{"会议过多过长"}},
	{"会议很好。人多", nil, []string{"会议过多过长"}},                  // A*B stays in one clause
	{"坐公交车上班要一个小时", []string{"公交线路站点"}, []string{"公车私用"}}, // 公交车 is not 公车
	{"门难进、脸难看、事难办", []string{"门难进、脸难看、事难办"}, nil},
	{"各部门互相推诿，踢皮球", []string{"推诿扯皮"}, nil},
	{"小区楼下KTV半夜噪音扰民", []string{"娱乐商业噪音扰民"}, nil},
	{"电梯噪音巨大", []string{"生活噪音扰民"}, []string{"电梯故障安全"}}, // inside a longer match
	{"医保报销比例太低", []string{"医保报销"}, nil},
	{"ＫＴＶ太吵", []string{"娱乐商业噪音扰民"}, nil}, // full-width letters fold
}

func conceptNames(l *Lexicon, ms []Match) []string {
	var out []string
	for _, m := range ms {
		if n := l.Concepts[m.Concept].Name; !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func TestMatch(t *testing.T) {
	l := Default()
	for _, tc := range matchTable {
		got := conceptNames(l, l.Match(tc.text))
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: got %v, want %s among them", tc.text, got, w)
			}
		}
		for _, n := range tc.not {
			if slices.Contains(got, n) {
				t.Errorf("%q: got %v, must not say %s", tc.text, got, n)
			}
		}
	}
}

func TestMatchOffsetsPointIntoTheText(t *testing.T) {
	text := "　希望领导少开会，会议太多太长。"
	ms := Default().Match(text)
	if len(ms) == 0 {
		t.Fatal("no match")
	}
	for _, m := range ms {
		piece := text[m.Start:m.End]
		first := strings.Split(strings.TrimPrefix(m.Phrase, "-"), "*")[0]
		if !strings.HasPrefix(piece, first) {
			t.Errorf("match %q at %d:%d does not start with its phrasing %q", piece, m.Start, m.End, m.Phrase)
		}
	}
}

func TestWithAddsALedgersOwnPhrasings(t *testing.T) {
	l, err := Default().With(strings.NewReader("# 本台账的说法\n公车私用 = 私驾公车\n[其他 本地]\n龙湖码头 = 码头*收费 渡船\n"), "本台账")
	if err != nil {
		t.Fatal(err)
	}
	if got := conceptNames(l, l.Match("有人私驾公车去钓鱼")); !slices.Contains(got, "公车私用") {
		t.Errorf("a phrasing added to 公车私用 is not matched: %v", got)
	}
	c := l.Concept("龙湖码头")
	if c == nil || c.Category != ledger.OtherWork || c.Family != "本地" {
		t.Fatalf("new concept: %+v", c)
	}
	if got := conceptNames(l, l.Match("码头乱收费")); !slices.Contains(got, "龙湖码头") {
		t.Errorf("new concept not matched: %v", got)
	}
	if got := conceptNames(Default(), Default().Match("有人私驾公车去钓鱼")); slices.Contains(got, "私驾公车") {
		t.Error("With changed the lexicon it was called on")
	}
}

func TestWithRefusesBadLinesNamingThem(t *testing.T) {
	for _, src := range []string{
		"新概念 = 说法",             // no category before a new concept
		"[四风]\n会议 = 开会",        // unknown category
		"[形式主义]\n没有等号的一行",      // no =
		"[形式主义]\n空说法 = 会议 - *", // empty phrasings
	} {
		_, err := Default().With(strings.NewReader(src), "自定义")
		var le *LexiconError
		if !errors.As(err, &le) || le.Line == 0 || !strings.Contains(err.Error(), "自定义") {
			t.Errorf("%q: error %v, want a LexiconError naming the source and line", src, err)
		}
	}
}
