package importer

import (
	"strings"
	"testing"
)

// placeholderTests: answers that say nothing are blank; answers that may
// still say something stay opinions (issue 12).
var placeholderTests = []struct {
	in   string
	want bool
}{
	{"无", true}, {"没有", true}, {"暂无", true}, {"(空)", true}, {"（空）", true}, {"无意见", true},
	{"没有意见", true}, {"无意见。", true}, {" 无 ", true}, {"\u3000暂无意见\u3000", true}, {"(跳过)", true},
	{"/", true}, {"N/A", true}, {"", true},
	{"很好，没有", true}, {"没有，挺好", true}, {"无。谢谢", true}, {"暂时没有意见", true}, {"没有意见，谢谢！", true},
	{"很好，没有了", true}, {"都挺好的，暂无意见", true}, {"无，辛苦了", true}, {"没有 谢谢", true}, {"没什么意见", true},
	{"无人管理", false}, {"没有人管", false}, {"会议太多", false}, {"无意见，但希望少开会", false},
	{"挺好的，希望继续保持", false}, {"同上", false}, {"很好", false}, {"挺好的", false}, {"谢谢", false},
	{"没有，就是会议太多", false}, {"暂无，建议多调研", false}, {"没有食堂", false},
}

func TestSaysNothing(t *testing.T) {
	for _, c := range placeholderTests {
		if got := SaysNothing(c.in); got != c.want {
			t.Errorf("SaysNothing(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// The phrase lists are usable on their own: every nothing phrase alone is
// blank, and a courtesy phrase alone is not.
func TestPhraseLists(t *testing.T) {
	for _, p := range NothingPhrases {
		if !SaysNothing(p) {
			t.Errorf("NothingPhrases has %q, which SaysNothing does not take", p)
		}
	}
	for _, p := range CourtesyPhrases {
		if SaysNothing(p) {
			t.Errorf("courtesy %q alone is taken as nothing", p)
		}
	}
}

// At import, "很好，没有" is a blank answer (a user test found it imported
// as an opinion, twice), "挺好的，希望继续保持" an opinion.
func TestNothingToSayAtImport(t *testing.T) {
	l := newLedger(t)
	res := mustImport(t, l, write(t, "意见箱.csv", []byte("意见\n很好，没有\n没有，挺好\n无。谢谢\n挺好的，希望继续保持\n同上\n")), Options{Channel: "意见箱"})
	var got []string
	for _, o := range opinionsOf(t, l, "意见箱.csv") {
		got = append(got, o.Text)
	}
	if res.Blank != 3 || strings.Join(got, "|") != "挺好的，希望继续保持|同上" {
		t.Errorf("blank %d, opinions %q", res.Blank, got)
	}
}
