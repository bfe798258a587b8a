package importer

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func gbk(s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func utf16le(s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// csvTests: each file gives exactly these opinion texts (in order).
var csvTests = []struct {
	name  string
	file  string
	data  []byte
	enc   Encoding
	texts []string
	blank int
}{
	{"utf-8", "a.csv", []byte("意见,日期\n会议太多,2026-11-01\n文件太多,2026/11/2\n"), UTF8, []string{"会议太多", "文件太多"}, 0},
	{"utf-8 with BOM", "a.csv", []byte("\xEF\xBB\xBF意见,日期\n会议太多,2026-11-01\n"), UTF8BOM, []string{"会议太多"}, 0},
	{"gbk with a line break in a quoted field", "a.csv", gbk("序号,意见内容\n1,\"食堂饭菜差，\n价格还涨了，\"\"性价比\"\"不高。\"\n2,无\n"), GB18030, []string{"食堂饭菜差，\n价格还涨了，\"性价比\"不高。"}, 1},
	{"gbk rare character", "a.csv", gbk("意见\n𠮷字写错了\n"), GB18030, []string{"𠮷字写错了"}, 0},
	{"tab separated", "a.tsv", []byte("序号\t意见\n1\t会议太多，文件太多\n"), UTF8, []string{"会议太多，文件太多"}, 0},
	{"tab in a .csv", "a.csv", []byte("序号\t意见\t日期\n1\t会议太多，文件太多\t2026-11-01\n2\t调研走过场\t2026-11-02\n"), UTF8, []string{"会议太多，文件太多", "调研走过场"}, 0},
	{"semicolon", "a.csv", []byte("序号;意见;日期\n1;会议太多,文件太多;2026-11-01\n2;b;2026-11-02\n"), UTF8, []string{"会议太多,文件太多", "b"}, 0},
	{"utf-16 with BOM", "a.csv", utf16le("意见\t日期\r\n会议太多\t2026-11-01\r\n"), UTF16LE, []string{"会议太多"}, 0},
	// encoding/csv turns a CRLF inside a quoted field into LF: the break stays.
	{"crlf and inner spaces kept", "a.csv", []byte("意见\r\n\"\u3000 会议\u3000太多 \r\n第二行\u3000\"\r\n"), UTF8, []string{"会议\u3000太多 \n第二行"}, 0},
	{"duplicates are two opinions", "a.csv", []byte("意见\n会议太多\n会议太多\n"), UTF8, []string{"会议太多", "会议太多"}, 0},
	{"title row above the header", "a.csv", []byte("某局征求意见汇总表,,\n序号,意见内容,提出人\n1,会议太多,张三\n"), UTF8, []string{"会议太多"}, 0},
	{"blank rows are not counted", "a.csv", []byte("意见,日期\n,\n会议太多,2026-11-01\n,\n"), UTF8, []string{"会议太多"}, 0},
	{"blank text in a filled row is counted", "a.csv", []byte("意见,日期\n,2026-11-01\n会议太多,2026-11-01\n"), UTF8, []string{"会议太多"}, 1},
}

func TestCSV(t *testing.T) {
	for _, c := range csvTests {
		t.Run(c.name, func(t *testing.T) {
			l := newLedger(t)
			p := write(t, c.file, c.data)
			res := mustImport(t, l, p, Options{Channel: "意见箱"})
			if res.Encoding != c.enc {
				t.Errorf("encoding %s, want %s", res.Encoding, c.enc)
			}
			var got []string
			for _, o := range opinionsOf(t, l, c.file) {
				got = append(got, o.Text)
			}
			if strings.Join(got, "|") != strings.Join(c.texts, "|") {
				t.Errorf("texts %q, want %q", got, c.texts)
			}
			if res.Blank != c.blank {
				t.Errorf("blank %d, want %d", res.Blank, c.blank)
			}
		})
	}
}

// The GBK fixture written by LibreOffice (charset 85, GB18030) keeps the
// quoted line break and the doubled quotes exactly.
func TestGBKFixture(t *testing.T) {
	l := newLedger(t)
	res := mustImport(t, l, testdata("gbk.csv"), Options{Channel: "意见箱"})
	if res.Encoding != GB18030 || res.Imported != 2 || res.Blank != 1 {
		t.Fatalf("encoding %s imported %d blank %d", res.Encoding, res.Imported, res.Blank)
	}
	ops := opinionsOf(t, l, "gbk.csv")
	if want := "机关食堂饭菜质量差，\n价格还涨了，\"性价比\"不高。"; ops[0].Text != want {
		t.Errorf("text %q, want %q", ops[0].Text, want)
	}
	if len(ops[0].Targets) != 1 || ops[0].Targets[0] != 0 {
		t.Errorf("班子 should target the team: %v", ops[0].Targets)
	}
	if ops[1].Attrs["反映对象"] != "王局长" || len(ops[1].Targets) != 0 {
		t.Errorf("an unknown target is kept raw: %v %v", ops[1].Attrs, ops[1].Targets)
	}
}

// A sheet whose header names no channel needs --channel; the message says so.
func TestCSVNeedsChannel(t *testing.T) {
	l := newLedger(t)
	p := write(t, "a.csv", []byte("意见\n会议太多\n"))
	_, err := Import(context.Background(), l, p, Options{})
	if !errors.Is(err, ErrNoChannel) || !strings.Contains(err.Error(), "--channel") {
		t.Fatalf("err = %v", err)
	}
}

// FuzzCSV: any bytes either import or are refused with an *Error; never a
// panic, never a partial import.
func FuzzCSV(f *testing.F) {
	for _, c := range csvTests {
		f.Add(c.data)
	}
	l := newLedger(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		p := write(t, "f.csv", data)
		before := snapshot(t, l)
		res, err := Import(context.Background(), l, p, Options{Channel: "意见箱"})
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) || ie.File != "f.csv" {
				t.Fatalf("not an *Error naming the file: %v", err)
			}
			if after := snapshot(t, l); after.Stats.Opinions != before.Stats.Opinions {
				t.Fatalf("refused import changed the ledger")
			}
			return
		}
		if after := snapshot(t, l); after.Stats.Opinions != before.Stats.Opinions+res.Imported {
			t.Fatalf("counts: before %d + %d != %d", before.Stats.Opinions, res.Imported, after.Stats.Opinions)
		}
		_ = bytes.MinRead
	})
}
