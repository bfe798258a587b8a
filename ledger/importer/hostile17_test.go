package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"taizhang/ledger"
)

// The hostile inputs of issue 17 that were taken in wrong with exit 0.
// Each is either refused with a message naming the file and row (and the
// ledger left exactly as it was), or read right.

// refusedCases: each file is refused with its cause and these words.
var refusedCases = []struct {
	name     string
	file     string
	data     func(t *testing.T) []byte
	cause    error
	contains []string
}{
	// Item 1: the sheet XML breaks at row 502 of 1,002.
	{"xlsx XML breaking part-way", "坏字符.xlsx", func(t *testing.T) []byte {
		return zipOf(t, minimalXLSX(inlineSheet(1002, map[int]string{502: "坏&#1;字符"})))
	}, ErrCorrupt, []string{"坏字符.xlsx", "第502行", "XML"}},
	{"xlsx cut off inside the sheet data", "截断.xlsx", func(t *testing.T) []byte {
		s := inlineSheet(300, nil)
		return zipOf(t, minimalXLSX(s[:strings.Index(s, `<row r="201"`)]))
	}, ErrCorrupt, []string{"截断.xlsx", "第200行", "中断"}},
	// Item 5: shared-string indexes out of range or not a number.
	{"shared string index out of range", "共享.xlsx", func(t *testing.T) []byte {
		return zipOf(t, xlsxWithSST([]string{"意见", "提出人", "会议太多", "张三"}, `<c r="A3" t="s"><v>99</v></c><c r="B3" t="s"><v>3</v></c>`))
	}, ErrCorrupt, []string{"共享.xlsx", "第3行第1列", "99", "共 4 项"}},
	{"shared string index not a number", "共享.xlsx", func(t *testing.T) []byte {
		return zipOf(t, xlsxWithSST([]string{"意见", "提出人", "会议太多", "张三"}, `<c r="A3" t="s"><v>abc</v></c><c r="B3" t="s"><v>3</v></c>`))
	}, ErrCorrupt, []string{"共享.xlsx", "第3行第1列", "不是数字"}},
	// Item 2: quote errors in CSV and TSV.
	{"csv unterminated quote", "意见箱.csv", func(t *testing.T) []byte {
		return []byte("意见内容,提出人,日期\n正常一,王五,2026-11-20\n\"未闭合的引号，一直到文件尾,赵六,2026-11-21\n正常三,x,2026-11-22\n")
	}, ErrCorrupt, []string{"意见箱.csv", "第3行第1列", "引号"}},
	{"tsv quote closed in the middle of a field", "意见箱.tsv", func(t *testing.T) []byte {
		return []byte("序号\t意见\t提出人\n1\t会议太多\t王五\n2\t\"文件\"太多\t赵六\n3\t检查太多\t钱七\n")
	}, ErrCorrupt, []string{"意见箱.tsv", "第3行第2列", "引号"}},
	{"csv quote that closes on a later row's quote", "意见箱.csv", func(t *testing.T) []byte {
		return []byte("意见,提出人\n\"会议太多,王五\n文件太多,\"赵六\"\n")
	}, ErrCorrupt, []string{"意见箱.csv", "第2行第1列"}},
}

func TestIssue17Refused(t *testing.T) {
	for _, c := range refusedCases {
		t.Run(c.name, func(t *testing.T) {
			l := newLedger(t)
			mustImport(t, l, testdata("gbk.csv"), Options{Channel: "意见箱"}) // something to lose
			before := snapshot(t, l)
			_, err := Import(context.Background(), l, write(t, c.file, c.data(t)), Options{Channel: "意见箱"})
			if err == nil {
				t.Fatal("imported; want refused")
			}
			if !errors.Is(err, c.cause) {
				t.Errorf("cause: %v, want %v", err, c.cause)
			}
			msg := ledger.Message(err)
			for _, s := range c.contains {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q lacks %q", msg, s)
				}
			}
			for _, english := range []string{"illegal", "unexpected", "error", "invalid", "syntax", "EOF"} {
				if strings.Contains(msg, english) {
					t.Errorf("message %q holds English (%s)", msg, english)
				}
			}
			if !strings.HasSuffix(msg, "台账未改动。") {
				t.Errorf("message %q does not say the ledger is unchanged", msg)
			}
			if after := snapshot(t, l); !reflect.DeepEqual(after, before) {
				t.Errorf("ledger changed:\n%+v\n%+v", before, after)
			}
		})
	}
}

// inlineSheet is a sheet of n rows (a header, then 意见 i / 王五) with
// inline strings; bad replaces the text of some rows verbatim (XML).
func inlineSheet(n int, bad map[int]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r := 1; r <= n; r++ {
		text, who := fmt.Sprintf("好意见%d", r-1), "王五"
		if r == 1 {
			text, who = "意见内容", "提出人"
		}
		if v, ok := bad[r]; ok {
			text = v
		}
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" t="inlineStr"><is><t>%s</t></is></c></row>`, r, r, text, r, who)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

// xlsxWithSST is a workbook with a shared-string table: row 1 and 2 are
// 意见/提出人 and 会议太多/张三 (indexes 0–3), then row3 as given.
func xlsxWithSST(sst []string, row3 string) map[string]string {
	var s strings.Builder
	fmt.Fprintf(&s, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sst), len(sst))
	for _, x := range sst {
		s.WriteString("<si><t>" + x + "</t></si>")
	}
	s.WriteString("</sst>")
	sheet := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>` +
		`<row r="3">` + row3 + `</row></sheetData></worksheet>`
	m := minimalXLSX(sheet)
	m["xl/sharedStrings.xml"] = s.String()
	m["[Content_Types].xml"] = strings.Replace(m["[Content_Types].xml"], "</Types>",
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`, 1)
	m["xl/_rels/workbook.xml.rels"] = strings.Replace(m["xl/_rels/workbook.xml.rels"], "</Relationships>",
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`, 1)
	return m
}

// A workbook with shared strings reads as before (the reader resolves
// them), including rich text runs and without the phonetic guide.
func TestSharedStringsRead(t *testing.T) {
	m := xlsxWithSST([]string{"意见", "提出人", "会议太多", "张三", `<r><t>文件</t></r><r><t>太多</t></r><rPh><t>ぶんしょ</t></rPh>`}, `<c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>3</v></c>`)
	l := newLedger(t)
	res := mustImport(t, l, write(t, "共享.xlsx", zipOf(t, m)), Options{Channel: "意见箱"})
	var got []string
	for _, o := range opinionsOf(t, l, "共享.xlsx") {
		got = append(got, o.Text+"/"+o.Submitter.Name)
	}
	if res.Imported != 2 || strings.Join(got, "|") != "会议太多/张三|文件太多/张三" {
		t.Errorf("imported %d: %q", res.Imported, got)
	}
}

// Item 3: CR-only line ends (Excel for Mac's "CSV (Macintosh)", old Mac
// text) read as lines, in CSV and in minutes.
func TestCROnlyLineEnds(t *testing.T) {
	l := newLedger(t)
	res := mustImport(t, l, write(t, "mac.csv", []byte("意见内容,提出人,日期\r一号意见,王五,2026-11-20\r二号意见,赵六,2026-11-21\r\"三号\r意见\",x,2026-11-22\r")), Options{Channel: "意见箱"})
	var got []string
	for _, o := range opinionsOf(t, l, "mac.csv") {
		got = append(got, fmt.Sprintf("%s/%s/%s/%d", o.Text, o.Submitter.Name, o.Date, o.Source.Row))
	}
	if res.Imported != 3 || strings.Join(got, "|") != "一号意见/王五/2026-11-20/2|二号意见/赵六/2026-11-21/3|三号\n意见/x/2026-11-22/4" {
		t.Errorf("csv: imported %d: %q", res.Imported, got)
	}
	res = mustImport(t, l, write(t, "纪要.txt", []byte("座谈会记录\r时间：2026年11月3日\r\r1、会议太多。\r2、文件太多。\r3、检查太多。\r")), Options{})
	got = nil
	for _, o := range opinionsOf(t, l, "纪要.txt") {
		got = append(got, fmt.Sprintf("%s/%s/%d", o.Text, o.Date, o.Source.Row))
	}
	if res.Imported != 3 || strings.Join(got, "|") != "会议太多。/2026-11-03/4|文件太多。/2026-11-03/5|检查太多。/2026-11-03/6" {
		t.Errorf("minutes: imported %d: %q", res.Imported, got)
	}
}

// Item 2, the other side: quotes that Excel reads as ordinary characters
// stay in their cell, and columns stay apart.
func TestQuotesKeptInTheirCell(t *testing.T) {
	l := newLedger(t)
	mustImport(t, l, write(t, "引号.tsv", []byte("序号\t意见\t提出人\n1\t他说\"会议太多\"是真的\t王五\n2\t\"文件\"\"太多\"\"\"\t赵六\n3\t检查 \"太多\t钱七\n")), Options{Channel: "意见箱"})
	var got []string
	for _, o := range opinionsOf(t, l, "引号.tsv") {
		got = append(got, o.Text+"/"+o.Submitter.Name)
	}
	if want := "他说\"会议太多\"是真的/王五|文件\"太多\"/赵六|检查 \"太多/钱七"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Item 4: a file written to while it is imported is refused: its hash
// would not be the hash of what was read, and a re-import would then
// duplicate every opinion.
func TestFileChangedDuringImport(t *testing.T) {
	var b strings.Builder
	b.WriteString("序号,意见\n")
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&b, "%d,会议太多，第%d条\n", i, i)
	}
	p := write(t, "意见箱.csv", []byte(b.String()))
	l := newLedger(t)
	before := snapshot(t, l)
	changed := false
	_, err := Import(context.Background(), l, p, Options{Channel: "意见箱", Progress: func(done, total int) {
		if done >= 1000 && !changed {
			changed = true
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("20001,又加了一条\n")
			f.Close()
		}
	}})
	if !changed {
		t.Fatal("the import pass never reported progress")
	}
	if err == nil || !strings.Contains(err.Error(), "改动") {
		t.Fatalf("err = %v, want refused because the file changed", err)
	}
	if after := snapshot(t, l); !reflect.DeepEqual(after, before) {
		t.Errorf("ledger changed")
	}
	// Imported again, now that it stays the same: every row once.
	res := mustImport(t, l, p, Options{Channel: "意见箱"})
	if res.Imported != 20001 {
		t.Errorf("imported %d, want 20001", res.Imported)
	}
}

// Item 6: cells holding only a formula without a cached value are blank,
// and the summary says so, naming the column.
func TestFormulaWithoutValueWarns(t *testing.T) {
	sheet := `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>意见内容</t></is></c></row>` +
		`<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>会议太多</t></is></c></row>` +
		`<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="str"><f>CONCATENATE("文件","太多")</f></c></row>` +
		`<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="str"><f>CONCATENATE("检查","太多")</f><v>检查太多</v></c></row>` +
		`<row r="5"><c r="A5"><f>A4+1</f></c><c r="B5" t="str"><f>B3</f></c></row>` +
		`</sheetData></worksheet>`
	l := newLedger(t)
	res := mustImport(t, l, write(t, "公式.xlsx", zipOf(t, minimalXLSX(sheet))), Options{Channel: "意见箱"})
	if res.Imported != 2 || res.Blank != 1 {
		t.Errorf("imported %d blank %d, want 2 1 (a cached result is read)", res.Imported, res.Blank)
	}
	var warned []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "公式") {
			warned = append(warned, w.String())
		}
	}
	if len(warned) != 2 || !strings.Contains(warned[0], "第5行第1列：“序号”列有 1 个单元格") || !strings.Contains(warned[1], "第3行第2列：“意见内容”列有 2 个单元格") {
		t.Errorf("warnings %q", warned)
	}
	if d := strings.Join(res.Details(20), "\n"); !strings.Contains(d, "“意见内容”列有 2 个单元格只有公式") {
		t.Errorf("details %q", d)
	}
}

// Item 18: a tiny workbook with one cell in column XFD on each of 3,000
// rows: the work is bounded by the cells present. (excelize's reader
// spread each row over 16,384 strings: 750 MB of allocations here.)
func TestColumnXFDIsCheap(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>意见</t></is></c><c r="B1" t="inlineStr"><is><t>提出人</t></is></c></row>`)
	for r := 2; r <= 3000; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>会议太多%d</t></is></c><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r, r, r)
	}
	b.WriteString(`</sheetData></worksheet>`)
	p := write(t, "宽.xlsx", zipOf(t, minimalXLSX(b.String())))
	l := newLedger(t)
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	res := mustImport(t, l, p, Options{Channel: "意见箱"})
	runtime.ReadMemStats(&m1)
	if res.Imported != 2999 {
		t.Errorf("imported %d", res.Imported)
	}
	if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 200<<20 {
		t.Errorf("allocated %d MB for 3,000 small rows", alloc>>20)
	}
	o := opinionsOf(t, l, "宽.xlsx")[0]
	if o.Attrs["第16384列"] != "x" {
		t.Errorf("the XFD cell is lost: %v", o.Attrs)
	}
}

// Item 8: questions that ask who the respondent is are submitter details,
// never opinions, whatever their number; item 9: an open question whose
// answers are mostly 无 is still open.
func TestWJXSubmitterQuestions(t *testing.T) {
	rows := [][]any{{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您的姓名", "2、您的联系电话", "3、您的身份证号",
		"4、您所在的单位", "5、您对领导班子有什么意见建议？", "6、您对班子成员有什么意见？", "7、手机号", "8、邮箱", "9、您对本单位的服务窗口有哪些建议"}}
	for i := 0; i < 30; i++ {
		six := "无"
		if i%3 == 0 {
			six = "多下基层"
		}
		rows = append(rows, []any{i + 1, "2026/11/20 10:00:00", "100秒", "手机提交", "直接访问", "202.96.3.1", fmt.Sprintf("张%d", i),
			fmt.Sprintf("138%08d", i), fmt.Sprintf("1101011980010%05d", i), fmt.Sprintf("科室%d", i%4), fmt.Sprintf("希望减少会议%d", i), six,
			fmt.Sprintf("139%08d", i), fmt.Sprintf("u%d@example.com", i), "窗口办事效率低，希望改进"})
	}
	l := newLedger(t)
	res := mustImport(t, l, xlsxFile(t, "问卷.xlsx", rows), Options{})
	m := res.Tables[0].Mapping
	if !reflect.DeepEqual(m.Text, []int{11, 12, 15}) || m.Submitter != 7 || m.Contact != 8 || m.Unit != 10 {
		t.Errorf("mapping %+v", m)
	}
	if res.Imported != 30+10+30 || res.Blank != 20 {
		t.Errorf("imported %d blank %d", res.Imported, res.Blank)
	}
	for _, o := range opinionsOf(t, l, "问卷.xlsx") {
		pub, err := l.Opinion(o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(o.Text, "138") || strings.Contains(o.Text, "@") || strings.HasPrefix(o.Text, "张") {
			t.Fatalf("a submitter detail became an opinion: %q", o.Text)
		}
		if o.Submitter.Name == "" || o.Submitter.Contact == "" || o.Submitter.Unit == "" {
			t.Fatalf("submitter not kept: %+v", o.Submitter)
		}
		for k := range pub.Attrs {
			if strings.Contains(k, "身份证") || strings.Contains(k, "手机") || strings.Contains(k, "邮箱") {
				t.Fatalf("identifying attribute %q is public", k)
			}
		}
	}
}

var submitterQuestionTests = []struct {
	header, want string
}{
	{"1、您的姓名", "submitter"}, {"2、姓名：", "submitter"}, {"3、您的联系电话", "contact"}, {"4、手机号（选填）", "contact"},
	{"5、身份证号", "personal"}, {"6、您所在的单位", "unit"}, {"7、邮箱", "contact"}, {"8、您的微信号", "personal"},
	{"9、您对本单位领导班子有什么意见建议？", ""}, {"10、您是否拨打过12345热线电话", ""}, {"11、您对单位食堂的评价", ""},
	{"12、您的身份", ""}, {"13、您认为部门之间推诿扯皮的问题突出吗", ""},
}

func TestIsSubmitterQuestion(t *testing.T) {
	for _, c := range submitterQuestionTests {
		if got := isSubmitterQuestion(c.header); got != c.want {
			t.Errorf("isSubmitterQuestion(%q) = %q, want %q", c.header, got, c.want)
		}
	}
}

// Issue 11, defect 4: a contact column is no clue of the channel.
func TestContactColumnIsNoChannelClue(t *testing.T) {
	l := newLedger(t)
	p := write(t, "意见.csv", []byte("意见,联系电话\n会议太多,13812345678\n"))
	_, err := Import(context.Background(), l, p, Options{})
	if !errors.Is(err, ErrNoChannel) {
		t.Fatalf("err = %v, want ErrNoChannel (not 专线电话 from 联系电话)", err)
	}
	// A 热线 in the file name still is one.
	res := mustImport(t, l, write(t, "热线记录.csv", []byte("意见,联系电话\n会议太多,13812345678\n")), Options{})
	if res.Channel != "专线电话" {
		t.Errorf("channel %q", res.Channel)
	}
}

// Item 10, the import half: phone numbers, ID numbers and e-mail written
// inside opinions are counted and warned about; speaker labels in minutes
// become the submitter, recorded as identifying.
func TestIdentifyingAtImport(t *testing.T) {
	l := newLedger(t)
	res := mustImport(t, l, write(t, "意见箱.csv", []byte("意见\n会议太多，电话13812345678\n身份证110101198001018684，邮箱a@b.cn\n\"2026年花了1,000 元\"\n")), Options{Channel: "意见箱"})
	if res.IdentifyingOpinions != 2 || res.Identifying[ledger.IdentMobile] != 1 || res.Identifying[ledger.IdentIDNumber] != 1 || res.Identifying[ledger.IdentEmail] != 1 {
		t.Errorf("identifying %v in %d opinions", res.Identifying, res.IdentifyingOpinions)
	}
	if d := strings.Join(res.Details(5), "\n"); !strings.Contains(d, "2 条意见的正文中写有可识别个人的信息（手机号码 1 处、身份证号 1 处、电子邮箱 1 处）") {
		t.Errorf("details %q", d)
	}
	ops := opinionsOf(t, l, "意见箱.csv")
	if ops[0].Text != "会议太多，电话13812345678" {
		t.Errorf("text not verbatim: %q", ops[0].Text)
	}
	if pub, err := l.Opinion(ops[0].ID); err != nil || pub.Text != "会议太多，电话138****5678" {
		t.Errorf("the public view shows %q (%v)", pub.Text, err)
	}

	res = mustImport(t, l, write(t, "座谈会纪要.txt", []byte("座谈会记录\n时间：2026年11月3日\n\n1、王小明（办公室）：会议太多。\n2、李红：文件太多。\n3、建议：少开会。\n")), Options{})
	if res.Speakers != 2 {
		t.Errorf("speakers %d", res.Speakers)
	}
	ops = opinionsOf(t, l, "座谈会纪要.txt")
	if len(ops) != 3 {
		t.Fatalf("%d opinions", len(ops))
	}
	o := ops[0]
	if o.Text != "王小明（办公室）：会议太多。" || o.Submitter.Name != "王小明" || o.Submitter.Unit != "办公室" || o.Attrs[ledger.AttrSpeakerLabel] != "王小明（办公室）：" {
		t.Errorf("first: %q %+v %v", o.Text, o.Submitter, o.Attrs)
	}
	if o.MaskedText() != ledger.SpeakerMask+"会议太多。" {
		t.Errorf("masked %q", o.MaskedText())
	}
	if pub, err := l.Opinion(o.ID); err != nil || pub.Attrs[ledger.AttrSpeakerLabel] != "" || pub.Text != ledger.SpeakerMask+"会议太多。" || pub.Submitter.Name != "" {
		t.Errorf("the public view shows the speaker: %q %v %+v", pub.Text, pub.Attrs, pub.Submitter)
	}
	if ops[1].Submitter.Name != "李红" || ops[2].Submitter.Name != "" {
		t.Errorf("second %+v third %+v", ops[1].Submitter, ops[2].Submitter)
	}
	if d := strings.Join(res.Details(5), "\n"); !strings.Contains(d, "2 条意见以发言人开头") {
		t.Errorf("details %q", d)
	}
}

// A single label without a unit in minutes that do not use labels is not
// taken for a speaker ("周末：" is not a person).
func TestLoneLabelIsNoSpeaker(t *testing.T) {
	l := newLedger(t)
	res := mustImport(t, l, write(t, "纪要.txt", []byte("1、周末：加班太多。\n2、会议太多。\n")), Options{})
	if res.Speakers != 0 || opinionsOf(t, l, "纪要.txt")[0].Submitter.Name != "" {
		t.Errorf("speakers %d", res.Speakers)
	}
}

// The four repro files of ../shared/data/hostile behave as its README
// says.
func TestSharedHostileFiles(t *testing.T) {
	t.Run("x08b_badchar_middle.xlsx", func(t *testing.T) {
		p := sharedData(t, "hostile/x08b_badchar_middle.xlsx")
		l := newLedger(t)
		before := snapshot(t, l)
		_, err := Import(context.Background(), l, p, Options{Channel: "意见箱"})
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "第502行") {
			t.Errorf("err = %v", err)
		}
		if !reflect.DeepEqual(snapshot(t, l), before) {
			t.Error("ledger changed")
		}
	})
	t.Run("c09_unterminated_quote.csv", func(t *testing.T) {
		p := sharedData(t, "hostile/c09_unterminated_quote.csv")
		l := newLedger(t)
		_, err := Import(context.Background(), l, p, Options{Channel: "意见箱"})
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "第3行") {
			t.Errorf("err = %v", err)
		}
		if snapshot(t, l).Stats.Opinions != 0 {
			t.Error("ledger changed")
		}
	})
	t.Run("c03_cr_only.csv", func(t *testing.T) {
		p := sharedData(t, "hostile/c03_cr_only.csv")
		l := newLedger(t)
		res := mustImport(t, l, p, Options{Channel: "意见箱"})
		ops := opinionsOf(t, l, "c03_cr_only.csv")
		if res.Imported != 3 || len(ops) != 3 || ops[0].Text != "一号意见" || ops[0].Submitter.Name != "王五" || ops[2].Date != "2026-11-22" {
			t.Errorf("imported %d: %+v", res.Imported, ops)
		}
	})
	t.Run("wjx60.xlsx", func(t *testing.T) {
		p := sharedData(t, "hostile/wjx60.xlsx")
		l := newLedger(t)
		res := mustImport(t, l, p, Options{})
		if res.Imported != 80 || res.Blank != 40 {
			t.Errorf("imported %d blank %d, want 60 answers to question 5 and 20 to question 6", res.Imported, res.Blank)
		}
		for _, o := range opinionsOf(t, l, "wjx60.xlsx") {
			if len(ledger.FindIdentifying(o.Text)) > 0 || o.Submitter.Contact == "" || o.Submitter.Name == "" {
				t.Fatalf("opinion %q, submitter %+v", o.Text, o.Submitter)
			}
		}
	})
}
