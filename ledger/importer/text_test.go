package importer

import (
	"context"
	"errors"
	"strings"
	"testing"

	"taizhang/ledger"
)

type item struct {
	text, title, field string
	row                int
}

var textTests = []struct {
	name  string
	data  string
	want  []item
	attrs map[string]string // expected on every opinion
	date  string
}{
	{"numbered items with continuation lines",
		"座谈会记录\n时间：2026年11月3日上午\n地点：三楼会议室\n\n1、会议太多，\n有的会开得太长。\n2、文件层层转发。\n3. 调研走过场\n",
		[]item{{"会议太多，\n有的会开得太长。", "", "1、", 5}, {"文件层层转发。", "", "2、", 7}, {"调研走过场", "", "3.", 8}},
		map[string]string{"纪要标题": "座谈会记录", "地点": "三楼会议室", "时间": "2026年11月3日上午"}, "2026-11-03"},
	{"headings over items",
		"一、关于会风\n（一）会议太多\n（二）会议太长\n二、关于文风\n（一）文件太多\n",
		[]item{{"会议太多", "关于会风", "（一）", 2}, {"会议太长", "关于会风", "（二）", 3}, {"文件太多", "关于文风", "（一）", 5}}, nil, ""},
	{"paragraphs between blank lines",
		"会议太多，\n有的会开得太长。\n\n文件层层转发。\n\n无\n",
		[]item{{"会议太多，\n有的会开得太长。", "", "第1段", 1}, {"文件层层转发。", "", "第4段", 4}}, nil, ""},
	{"one opinion per line without blank lines",
		"会议太多。\n文件太多。\n调研太少。\n",
		[]item{{"会议太多。", "", "第1段", 1}, {"文件太多。", "", "第2段", 2}, {"调研太少。", "", "第3段", 3}}, nil, ""},
	{"a number is not an item",
		"1.5万元的招待费不合理。\n2、公车私用。\n3、节日送礼。\n",
		[]item{{"1.5万元的招待费不合理。", "", "第1段", 1}, {"公车私用。", "", "2、", 2}, {"节日送礼。", "", "3、", 3}}, nil, ""},
	{"circled numbers and brackets",
		"①会议多\n②文件多\n(3)检查多\n",
		[]item{{"会议多", "", "①", 1}, {"文件多", "", "②", 2}, {"检查多", "", "(3)", 3}}, nil, ""},
	{"CRLF line ends",
		"1、会议多\r\n2、文件多\r\n",
		[]item{{"会议多", "", "1、", 1}, {"文件多", "", "2、", 2}}, nil, ""},
}

func TestText(t *testing.T) {
	for _, c := range textTests {
		t.Run(c.name, func(t *testing.T) {
			l := newLedger(t)
			p := write(t, "纪要.txt", []byte(c.data))
			res := mustImport(t, l, p, Options{})
			if res.Channel != "座谈会" {
				t.Errorf("channel %q", res.Channel)
			}
			checkItems(t, opinionsOf(t, l, "纪要.txt"), c.want, c.attrs, c.date)
		})
	}
}

func checkItems(t *testing.T, ops []ledger.Opinion, want []item, attrs map[string]string, date string) {
	t.Helper()
	var got []item
	for _, o := range ops {
		got = append(got, item{o.Text, o.Title, o.Source.Field, o.Source.Row})
		for k, v := range attrs {
			if o.Attrs[k] != v {
				t.Errorf("attr %s = %q, want %q", k, o.Attrs[k], v)
			}
		}
		if o.Date != date {
			t.Errorf("date %q, want %q", o.Date, date)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("got %d items %+v, want %+v", len(got), got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("item %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestTextGBK(t *testing.T) {
	l := newLedger(t)
	p := write(t, "纪要.txt", gbk("1、会议太多\n2、文件太多\n"))
	res := mustImport(t, l, p, Options{Channel: "个别约谈"})
	if res.Encoding != GB18030 || res.Imported != 2 || res.Channel != "个别约谈" {
		t.Fatalf("%+v", res)
	}
}

func TestTextRefused(t *testing.T) {
	for name, data := range map[string][]byte{
		"NUL":     []byte("1、会议\x00太多\n2、文件太多\n"),
		"invalid": append([]byte(strings.Repeat("会议太多。\n", 10)), 0xff, 0xfe, 0x80, '\n'),
		"blank":   []byte("\n\n   \n"),
	} {
		t.Run(name, func(t *testing.T) {
			l := newLedger(t)
			p := write(t, "纪要.txt", data)
			_, err := Import(context.Background(), l, p, Options{})
			var ie *Error
			if !errors.As(err, &ie) || ie.File != "纪要.txt" {
				t.Fatalf("err = %v", err)
			}
			if snapshot(t, l).Stats.Opinions != 0 {
				t.Fatal("ledger changed")
			}
		})
	}
}

func FuzzText(f *testing.F) {
	for _, c := range textTests {
		f.Add(c.data)
	}
	f.Fuzz(func(t *testing.T, data string) {
		lines := func(fn func(textLine) error) error {
			for i, s := range strings.Split(data, "\n") {
				if err := fn(textLine{n: i + 1, s: s}); err != nil {
					return err
				}
			}
			return nil
		}
		n := 0
		err := splitItems(context.Background(), lines, false, func(r *record) error {
			n++
			if r.row < 1 || r.row > strings.Count(data, "\n")+1 {
				t.Fatalf("row %d out of range", r.row)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Every non-blank, non-meta character of the input ends up somewhere:
		// at least, a file with text gives at least one record or meta line.
		_ = n
	})
}
