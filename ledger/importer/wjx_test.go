package importer

import (
	"strings"
	"testing"
)

var wjxHeaders = []struct {
	name   string
	header []string
	want   bool
}{
	{"standard", []string{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您的身份", "2、意见"}, true},
	{"with 填写者", []string{"填写者", "序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您的意见"}, true},
	{"no submit time but meta", []string{"序号", "所用时间", "来源", "来自IP", "1、您的意见"}, true},
	{"plain sheet", []string{"序号", "意见内容", "反映时间"}, false},
	{"meta without questions", []string{"序号", "提交答卷时间", "所用时间"}, false},
	{"numbered headers only", []string{"1、姓名", "2、意见"}, false},
}

func TestIsWJX(t *testing.T) {
	for _, c := range wjxHeaders {
		if got := IsWJX(c.header); got != c.want {
			t.Errorf("%s: IsWJX = %v, want %v", c.name, got, c.want)
		}
	}
}

var openQuestionTests = []struct {
	header string
	vals   []string
	want   bool
}{
	{"1、您的性别", []string{"男", "女", "男"}, false},
	{"2、您关注哪些方面", []string{"会风┋文风", "作风"}, false},
	{"3、您对班子有哪些意见和建议？", []string{"无", "会议太多", "(空)"}, true},
	{"4、您对班子的总体评价", []string{"满意", "比较满意", "满意"}, false},
	{"5、请谈谈看法", nil, true},
	{"6、补充说明", []string{"调研走过场，下基层前层层打招呼，看到的不是真实情况。"}, true},
	{"7、您所在的科室", []string{"办公室", "财务科", "办公室", "人事科", "办公室", "财务科"}, false},
}

func TestIsOpenQuestion(t *testing.T) {
	for _, c := range openQuestionTests {
		if got := isOpenQuestion(c.header, c.vals); got != c.want {
			t.Errorf("isOpenQuestion(%q) = %v, want %v", c.header, got, c.want)
		}
	}
}

// A 问卷星-style workbook saved by LibreOffice as .xlsx and as .xls (see
// testdata/make-fixtures.sh) gives the same opinions.
func TestWJXFixturesXLSXAndXLS(t *testing.T) {
	l := newLedger(t)
	rx := mustImport(t, l, testdata("wjx.xlsx"), Options{})
	rs := mustImport(t, l, testdata("wjx.xls"), Options{})
	for _, r := range []*Result{rx, rs} {
		if r.Kind != KindWJX || r.Channel != "问卷调查" || r.Imported != 5 || r.Blank != 7 {
			t.Errorf("%s: kind %s channel %s imported %d blank %d, want 问卷星 问卷调查 5 7", r.File, r.Kind, r.Channel, r.Imported, r.Blank)
		}
	}
	x, s := views(opinionsOf(t, l, "wjx.xlsx")), views(opinionsOf(t, l, "wjx.xls"))
	sameViews(t, x, s)
	if len(x) == 0 {
		return
	}
	// Respondent 2: a line break inside the answer, the date from a serial
	// number, the choice answers as attributes.
	var second []opinionView
	for _, o := range x {
		if o.Row == 3 {
			second = append(second, o)
		}
	}
	if len(second) != 2 {
		t.Fatalf("row 3 gave %d opinions, want 2", len(second))
	}
	o := second[0]
	if o.Text != "调研走过场，\n下基层前层层打招呼，看到的不是真实情况。" || o.Date != "2026-11-03" || o.Time != "10:20:01" || o.Col != 9 ||
		!strings.HasPrefix(o.Field, "3、") {
		t.Errorf("respondent 2: %+v", o)
	}
	if !strings.Contains(o.Attrs, "1、您的身份=中层干部") || !strings.Contains(o.Attrs, "序号=2") {
		t.Errorf("attrs: %s", o.Attrs)
	}
	for _, o := range x {
		if o.Row == 2 && !strings.Contains(o.Attrs, "=文山会海；督查检查过多") {
			t.Errorf("multi-select not split on ┋: %s", o.Attrs)
		}
	}
	// Same words from two respondents are two opinions.
	n := 0
	for _, o := range x {
		if o.Text == "会议太多，有的会开得太长，希望精简会议。" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("the same words from two respondents gave %d opinions, want 2", n)
	}
}

// FuzzWJX checks that detection and classification never panic and that a
// placeholder is never an opinion.
func FuzzWJX(f *testing.F) {
	for _, c := range wjxHeaders {
		f.Add(strings.Join(c.header, "\t"), "")
	}
	for _, c := range openQuestionTests {
		f.Add(c.header, strings.Join(c.vals, "\t"))
	}
	for _, c := range placeholderTests {
		f.Add("1、意见", c.in)
	}
	f.Fuzz(func(t *testing.T, header, vals string) {
		h := strings.Split(header, "\t")
		IsWJX(h)
		m := wjxMapping(h, [][]string{strings.Split(vals, "\t")})
		for _, c := range m.Text {
			if c < 1 || c > len(h) {
				t.Fatalf("text column %d outside header of %d", c, len(h))
			}
		}
		isOpenQuestion(header, strings.Split(vals, "\t"))
		SaysNothing(vals)
		splitChoices(vals)
	})
}

// A sheet saved by LibreOffice with a merged title row above the header,
// a real date cell, text dates and a target column.
func TestTitleRowFixture(t *testing.T) {
	l := newLedger(t)
	res := mustImport(t, l, testdata("sheet-title.xlsx"), Options{Channel: "意见箱"})
	if res.Imported != 2 || res.Blank != 1 || res.Tables[0].HeaderRow != 2 {
		t.Fatalf("imported %d blank %d header row %d", res.Imported, res.Blank, res.Tables[0].HeaderRow)
	}
	m := res.Tables[0].Mapping
	if len(m.Text) != 1 || m.Text[0] != 4 || m.Date != 2 || m.Submitter != 3 || m.Target != 5 {
		t.Errorf("mapping %+v", m)
	}
	ops := opinionsOf(t, l, "sheet-title.xlsx")
	if ops[0].Text != "文件层层转发，落实少。\n有的文件照抄照转。" || ops[0].Date != "2026-11-02" || ops[0].Submitter.Name != "办公室" ||
		len(ops[0].Targets) != 1 || ops[0].Targets[0] != 0 || ops[0].Source.Row != 3 || ops[0].Source.Sheet != "意见汇总" {
		t.Errorf("first: %+v", ops[0])
	}
	// 李四 is not in the team: kept raw, with a warning.
	if ops[1].Date != "2026-04-08" || ops[1].Time != "08:37:00" || ops[1].Attrs["反映对象"] != "李四" || len(ops[1].Targets) != 0 || res.WarningsTotal != 1 {
		t.Errorf("second: %+v, warnings %d", ops[1], res.WarningsTotal)
	}
}
