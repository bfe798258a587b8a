package importer

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

type jsonWant struct {
	text, title, date, time, name string
}

var jsonTests = []struct {
	name string
	data string
	want []jsonWant
}{
	{"array with Chinese fields", `[{"内容":"会议太多","提交时间":"2026-11-01 10:00:00","姓名":"张三","标题":"会风"},{"内容":"文件太多"}]`,
		[]jsonWant{{"会议太多", "会风", "2026-11-01", "10:00:00", "张三"}, {"文件太多", "", "", "", ""}}},
	{"English fields", `[{"content":"Too many meetings","time":"2026-11-01T10:00:00+08:00","name":"Li"}]`,
		[]jsonWant{{"Too many meetings", "", "2026-11-01", "10:00:00", "Li"}}},
	{"JSON Lines", "{\"text\":\"会议太多\",\"date\":\"2026/11/2\"}\n{\"text\":\"文件太多\"}\n",
		[]jsonWant{{"会议太多", "", "2026-11-02", "", ""}, {"文件太多", "", "", "", ""}}},
	{"wrapped in data.list", `{"code":0,"data":{"total":1,"list":[{"留言详情":"路灯坏了","留言时间":"4/8/19 08:37"}]}}`,
		[]jsonWant{{"路灯坏了", "", "2019-04-08", "08:37:00", ""}}},
	{"HTML from a web form", `[{"content":"<p>会议&nbsp;太多</p><p>文件<b>太多</b></p><script>alert(1)</script>","title":"&lt;会风&gt;"}]`,
		[]jsonWant{{"会议 太多\n文件太多", "<会风>", "", "", ""}}},
	{"unix milliseconds", `[{"意见":"会议太多","time":1762048800000}]`,
		[]jsonWant{{"会议太多", "", "2025-11-02", "10:00:00", ""}}},
	{"placeholder is blank", `[{"内容":"无"},{"内容":"会议太多"}]`,
		[]jsonWant{{"会议太多", "", "", "", ""}}},
	{"BOM", "\xEF\xBB\xBF[{\"内容\":\"会议太多\"}]", []jsonWant{{"会议太多", "", "", "", ""}}},
}

func TestJSON(t *testing.T) {
	for _, c := range jsonTests {
		t.Run(c.name, func(t *testing.T) {
			l := newLedger(t)
			p := write(t, "a.json", []byte(c.data))
			res := mustImport(t, l, p, Options{})
			if res.Channel != "网络征集" {
				t.Errorf("channel %q", res.Channel)
			}
			var got []jsonWant
			for _, o := range opinionsOf(t, l, "a.json") {
				got = append(got, jsonWant{o.Text, o.Title, o.Date, o.Time, o.Submitter.Name})
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("opinion %d: %+v, want %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestJSONAttrsAndRows(t *testing.T) {
	l := newLedger(t)
	p := write(t, "a.json", []byte(`[{"内容":"会议太多","手机":"13800000000","反映对象":"张明","票数":3,"tags":["会风"]},{"内容":"文件多","匿名":true}]`))
	mustImport(t, l, p, Options{})
	ops := opinionsOf(t, l, "a.json")
	if ops[0].Submitter.Contact != "13800000000" || ops[0].Attrs["票数"] != "3" || ops[0].Attrs["tags"] != `["会风"]` ||
		ops[0].Source.Row != 1 || ops[0].Source.Field != "内容" || len(ops[0].Targets) != 1 {
		t.Errorf("first: %+v", ops[0])
	}
	if !ops[1].Submitter.Anonymous || ops[1].Source.Row != 2 {
		t.Errorf("second: %+v", ops[1])
	}
}

var jsonBad = []struct {
	name, data string
	cause      error
}{
	{"not JSON", `会议太多`, ErrCorrupt},
	{"truncated", `[{"内容":"会议太多"},{"内容":"文`, ErrCorrupt},
	{"no text field", `[{"foo":"bar"}]`, ErrNoText},
	{"numbers in the array", `[1,2,3]`, ErrCorrupt},
	{"NUL in text", `[{"内容":"会议\u0000太多"}]`, ErrBadText},
	{"empty array", `[]`, ErrNoText},
	{"invalid UTF-8", "[{\"内容\":\"会议\xff\xfe太多\"}]", ErrBadText},
}

func TestJSONRefused(t *testing.T) {
	for _, c := range jsonBad {
		t.Run(c.name, func(t *testing.T) {
			l := newLedger(t)
			before := snapshot(t, l)
			p := write(t, "坏.json", []byte(c.data))
			_, err := Import(context.Background(), l, p, Options{})
			if !errors.Is(err, c.cause) {
				t.Fatalf("err = %v, want %v", err, c.cause)
			}
			if !strings.Contains(err.Error(), "坏.json") || !strings.HasSuffix(err.Error(), "台账未改动。") {
				t.Errorf("message %q", err.Error())
			}
			if after := snapshot(t, l); !reflect.DeepEqual(after, before) {
				t.Errorf("ledger changed")
			}
		})
	}
}

func TestStripHTML(t *testing.T) {
	for in, want := range map[string]string{
		"会议太多":                     "会议太多",
		"a<br>b<br/>c":             "a\nb\nc",
		"<div>一</div><div>二</div>": "一\n二\n",
		"3 < 5 and 5 > 3":          "3 < 5 and 5 > 3",
		"&amp;&#20013;":            "&中",
		"<!-- x -->正文":             "正文",
	} {
		if got := stripHTML(in); got != want {
			t.Errorf("stripHTML(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzJSON(f *testing.F) {
	for _, c := range jsonTests {
		f.Add([]byte(c.data))
	}
	for _, c := range jsonBad {
		f.Add([]byte(c.data))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		in, err := openInput(write(t, "f.json", data))
		if err != nil {
			t.Fatal(err)
		}
		defer in.close()
		err = jsonRecords(context.Background(), in, func(r *record) error {
			if r.row < 1 {
				t.Fatalf("row %d", r.row)
			}
			return nil
		})
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("not an *Error: %v", err)
			}
		}
		stripHTML(string(data))
	})
}
