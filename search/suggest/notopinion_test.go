package suggest

import (
	"context"
	"testing"
)

var notOpinionTable = []struct {
	text string
	kind string // "" when it is an opinion
}{
	{"挺好的，希望继续保持", "无实质内容"},
	{"同上", "无实质内容"},
	{"很好，没有", "无实质内容"},
	{"没有，挺好", "无实质内容"},
	{"无。谢谢", "无实质内容"},
	{"暂时没有意见", "无实质内容"},
	{"非常满意！", "无实质内容"},
	{"测试", "测试"},
	{"test", "测试"},
	{"1111", "测试"},
	{"无意见，但希望少开会", ""},
	{"挺好的，就是会议太多", ""},
	{"希望继续保持密切联系群众的作风，多下基层", ""},
	{"领导很好，但办事效率低", ""},
	{"好", "无实质内容"},
}

func TestNotOpinionText(t *testing.T) {
	for _, tc := range notOpinionTable {
		n, ok := notOpinionText(tc.text)
		if ok != (tc.kind != "") || ok && n.Kind != tc.kind {
			t.Errorf("%q: got %v %q (%s), want %q", tc.text, ok, n.Kind, n.Reason, tc.kind)
		}
	}
}

func TestNotOpinionsProposeTheSamePersonsRepeat(t *testing.T) {
	in := Input{Opinions: []Opinion{
		{ID: 1, Text: "会议太多，希望精简。", Person: "a"},
		{ID: 2, Text: "会议太多，希望精简", Person: "a"},          // the same person again
		{ID: 3, Text: "会议太多，希望精简。", Person: "b"},         // someone else: counts
		{ID: 4, Text: "会议太多，希望精简。"},                      // unknown person: counts
		{ID: 5, Text: "同上", Person: "c", Excluded: true}, // already marked
		{ID: 6, Text: "同上", Problem: 9},                  // a person placed it
	}}
	m, err := Build(context.Background(), nil, in, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := m.NotOpinions()
	if len(got) != 1 || got[0].Opinion != 2 || got[0].Kind != "重复" || got[0].Same != 1 {
		t.Fatalf("got %+v, want only opinion 2 as a repeat of 1", got)
	}
}
