package importer

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var mappingTests = []struct {
	name   string
	header []string
	want   Mapping
}{
	{"tipdm messages", []string{"留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "反对数", "点赞数"},
		Mapping{Text: []int{5}, Title: 3, Date: 4, Submitter: 2}},
	{"a ledger as kept in practice", []string{"序号", "意见编号", "征求渠道", "征求时间", "提出人/单位", "原始意见", "指向对象", "四风类别"},
		Mapping{Text: []int{6}, Date: 4, Submitter: 5, Target: 7, Channel: 3}},
	{"english", []string{"label", "review"}, Mapping{Text: []int{2}}},
	{"category is not the text", []string{"问题类别", "问题描述", "反映人", "联系电话", "所在单位"},
		Mapping{Text: []int{2}, Submitter: 3, Contact: 4, Unit: 5}},
	{"nothing known", []string{"甲", "乙"}, Mapping{}},
}

func TestGuessMapping(t *testing.T) {
	for _, c := range mappingTests {
		if got := GuessMapping(c.header); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestFindHeader(t *testing.T) {
	rows := []numberedRow{
		{1, []string{"某局2026年度民主生活会征求意见汇总表"}},
		{3, []string{"序号", "意见内容", "提出人"}},
		{4, []string{"1", "会议太多", "张三"}},
	}
	if got := findHeader(rows); got != 3 {
		t.Errorf("header at %d, want 3 (the title row above is merged)", got)
	}
	if got := findHeader([]numberedRow{{2, []string{"意见"}}, {3, []string{"会议太多"}}}); got != 2 {
		t.Errorf("one-column sheet: header at %d, want 2", got)
	}
}

func TestColumnIndex(t *testing.T) {
	h := []string{"序号", "意见内容", "日期"}
	for spec, want := range map[string]int{"2": 2, "B": 2, "意见内容": 2, " 日期 ": 3, "AA": 27} {
		if got, ok := ColumnIndex(h, spec); !ok || got != want {
			t.Errorf("ColumnIndex(%q) = %d %v, want %d", spec, got, ok, want)
		}
	}
	if _, ok := ColumnIndex(h, "不存在的列"); ok {
		t.Error("unknown header accepted")
	}
}

// A mapping given once is remembered for the next file of the same layout.
func TestRememberedMapping(t *testing.T) {
	l := newLedger(t)
	rows := func(text string) [][]any {
		return [][]any{{"编号", "话", "时间"}, {1, text, "2026-11-01"}}
	}
	first := xlsxFile(t, "十一月.xlsx", rows("会议太多"))
	if _, err := Import(context.Background(), l, first, Options{Channel: "意见箱"}); err == nil || !strings.Contains(err.Error(), "--text-col") {
		t.Fatalf("without a mapping: %v", err)
	}
	res := mustImport(t, l, first, Options{Channel: "意见箱", Mapping: &Mapping{Text: []int{2}, Date: 3}})
	if res.Imported != 1 || res.Tables[0].MappedBy != "指定的" {
		t.Fatalf("%+v", res)
	}
	second := xlsxFile(t, "十二月.xlsx", rows("文件太多"))
	res = mustImport(t, l, second, Options{Channel: "意见箱"})
	if res.Imported != 1 || res.Tables[0].MappedBy != "记住的" {
		t.Fatalf("second file: imported %d mapped by %s", res.Imported, res.Tables[0].MappedBy)
	}
	o := opinionsOf(t, l, "十二月.xlsx")[0]
	if o.Text != "文件太多" || o.Date != "2026-11-01" {
		t.Errorf("%+v", o)
	}
}

func TestInspect(t *testing.T) {
	p, err := Inspect(context.Background(), nil, testdata("wjx.xlsx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != XLSX || p.Kind != KindWJX || p.Channel != "问卷调查" || len(p.Rows) != 6 || p.Rows[0].N != 2 ||
		len(p.Mapping.Text) != 2 || p.Header[0] != "序号" {
		t.Errorf("%+v", p)
	}
	p, err = Inspect(context.Background(), nil, xlsxFile(t, "a.xlsx", [][]any{{"甲", "乙"}, {1, 2}}), Options{})
	if err != nil || p.Err == "" || p.Table == nil || len(p.Header) != 2 {
		t.Errorf("a sheet without an opinion column previews with Err set: %v %+v", err, p)
	}
	p, err = Inspect(context.Background(), nil, write(t, "纪要.txt", []byte("1、会议太多\n2、文件太多\n")), Options{})
	if err != nil || p.Kind != KindMinutes || len(p.Rows) != 2 || p.Rows[1].Cells[0] != "文件太多" {
		t.Errorf("%v %+v", err, p)
	}
}

// A workbook with an explanation sheet: only the sheet with opinions is
// read, and the sheet names are the provenance.
func TestSeveralSheets(t *testing.T) {
	p := filepath.Join(t.TempDir(), "汇总.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "说明")
	f.SetSheetRow("说明", "A1", &[]any{"本表由办公室汇总，共两个工作表。"})
	f.NewSheet("座谈会")
	f.SetSheetRow("座谈会", "A1", &[]any{"序号", "意见"})
	f.SetSheetRow("座谈会", "A2", &[]any{1, "会议太多"})
	f.NewSheet("意见箱")
	f.SetSheetRow("意见箱", "A1", &[]any{"序号", "意见"})
	f.SetSheetRow("意见箱", "A2", &[]any{1, "会议太多"})
	f.SetSheetRow("意见箱", "A3", &[]any{2, "文件太多"})
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()
	l := newLedger(t)
	res := mustImport(t, l, p, Options{Channel: "意见箱"})
	if res.Imported != 3 {
		t.Fatalf("imported %d, want 3", res.Imported)
	}
	sheets := map[string]int{}
	for _, o := range opinionsOf(t, l, "汇总.xlsx") {
		sheets[o.Source.Sheet]++
	}
	if sheets["座谈会"] != 1 || sheets["意见箱"] != 2 {
		t.Errorf("%v", sheets)
	}
	// Only one sheet when asked.
	l2 := newLedger(t)
	if res := mustImport(t, l2, p, Options{Channel: "意见箱", Sheet: "意见箱"}); res.Imported != 2 {
		t.Errorf("one sheet: imported %d", res.Imported)
	}
}

var dateTests = []struct {
	in, date, clock string
	ok              bool
}{
	{"43524.4757523148", "2019-02-28", "11:25:05", true}, // an Excel serial number
	{"45963", "2025-11-02", "", true},
	{"2019/2/28 11:25:05", "2019-02-28", "11:25:05", true},
	{"2017-06-08 17:31:20", "2017-06-08", "17:31:20", true},
	{"4/8/19 08:37", "2019-04-08", "08:37:00", true},
	{"2019年2月28日", "2019-02-28", "", true},
	{"20190228", "2019-02-28", "", true},
	{"", "", "", true},
	{"2026", "", "", false}, // a year is not a serial number
	{"上周三", "", "", false},
}

func TestParseDate(t *testing.T) {
	for _, c := range dateTests {
		d, k, ok := parseDate(c.in)
		if d != c.date || k != c.clock || ok != c.ok {
			t.Errorf("parseDate(%q) = %q %q %v, want %q %q %v", c.in, d, k, ok, c.date, c.clock, c.ok)
		}
	}
}

// Giving only the header row keeps the guessing for the columns.
func TestHeaderRowOnly(t *testing.T) {
	p := write(t, "a.csv", []byte("说明：以下为十一月汇总,,\n注：匿名,,\n序号,意见内容,日期\n1,会议太多,2026-11-01\n"))
	l := newLedger(t)
	res := mustImport(t, l, p, Options{Channel: "意见箱", Mapping: &Mapping{HeaderRow: 3}})
	if res.Imported != 1 || res.Tables[0].HeaderRow != 3 || res.Tables[0].MappedBy != "猜测" {
		t.Fatalf("imported %d header %d mapped by %s", res.Imported, res.Tables[0].HeaderRow, res.Tables[0].MappedBy)
	}
	if o := opinionsOf(t, l, "a.csv")[0]; o.Text != "会议太多" || o.Date != "2026-11-01" || o.Source.Row != 4 {
		t.Errorf("%+v", o)
	}
}
