package ledger

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// maskTests: each text masked as a leader must see it. The second half are
// texts that hold numbers that must never be taken for a person's details.
var maskTests = []struct {
	in, want string
}{
	// Mobile numbers.
	{"我的电话13812345678，请回电", "我的电话138****5678，请回电"},
	{"联系人：王五 138-1234-5678", "联系人：王五 138****5678"},
	{"138 1234 5678", "138****5678"},
	{"手机：+86 13812345678", "手机：+86 138****5678"},
	{"+8613812345678", "+86 138****5678"},
	{"电话１３８１２３４５６７８", "电话138****5678"},
	{"13812345678", "138****5678"},
	{"(13812345678)", "(138****5678)"},
	// Landlines with an area code.
	{"办公室电话0371-65432178", "办公室电话0371-****2178"},
	{"010-12345678转", "010-****5678转"},
	{"（0371）65432178", "0371-****2178"},
	{"(021)12345678", "021-****5678"},
	{"0371 6543217", "0371-****3217"},
	{"037165432178", "0371-****2178"},
	// ID numbers.
	{"身份证号110101198001018684", "身份证号【身份证号已隐去】"},
	{"身份证：41010519850315123X。", "身份证：【身份证号已隐去】。"},
	{"41010519850315123x", "【身份证号已隐去】"},
	// E-mail.
	{"请发到 wang.xiao-ming@example.com.cn 谢谢", "请发到 【邮箱已隐去】 谢谢"},
	{"邮箱13812345678@163.com", "邮箱【邮箱已隐去】"},
	{"两个：a@b.cn、13900001111", "两个：【邮箱已隐去】、139****1111"},

	// Never masked: dates, amounts, document numbers, counts.
	{"2026年11月20日召开会议", "2026年11月20日召开会议"},
	{"20261120", "20261120"},
	{"2026-11-20 10:00:00", "2026-11-20 10:00:00"},
	{"花了1,000 元", "花了1,000 元"},
	{"招待费13800000000元", "招待费13800000000元"},
	{"共计13800000000 元", "共计13800000000 元"},
	{"13,800,000,000", "13,800,000,000"},
	{"¥13812345678", "¥13812345678"},
	{"豫发〔2014〕13号文件", "豫发〔2014〕13号文件"},
	{"文号：豫政办〔2014〕138号", "文号：豫政办〔2014〕138号"},
	{"12345热线和110", "12345热线和110"},
	{"3.13812345678", "3.13812345678"},
	{"13812345678.5", "13812345678.5"},
	{"1381234567", "1381234567"},
	{"138123456789", "138123456789"},
	{"订单号A13812345678", "订单号A13812345678"},
	{"13812345678人次", "13812345678人次"},
	{"比例13.8%", "比例13.8%"},
	{"编号110101198013018684", "编号110101198013018684"}, // month 13: not a date
	{"110101198002308684", "110101198002308684"},     // 30 February
	{"0000-12345678", "0000-12345678"},
	{"1234567890123456789", "1234567890123456789"},
	{"发邮件@办公室", "发邮件@办公室"},
	{"会议太多，文件太多", "会议太多，文件太多"},
}

func TestMaskIdentifying(t *testing.T) {
	for _, c := range maskTests {
		if got := MaskIdentifying(c.in); got != c.want {
			t.Errorf("MaskIdentifying(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFindIdentifyingKinds(t *testing.T) {
	got := FindIdentifying("王五，13812345678，0371-65432178，110101198001018684，w@x.cn")
	want := []IdentifyingKind{IdentMobile, IdentLandline, IdentIDNumber, IdentEmail}
	if len(got) != len(want) {
		t.Fatalf("found %+v", got)
	}
	for i, k := range want {
		if got[i].Kind != k {
			t.Errorf("%d: %s, want %s", i, got[i].Kind, k)
		}
		if got[i].Text != "王五，13812345678，0371-65432178，110101198001018684，w@x.cn"[got[i].Start:got[i].End] {
			t.Errorf("%d: text and offsets disagree", i)
		}
	}
}

var speakerTests = []struct {
	in                string
	label, name, unit string
	ok                bool
}{
	{"王小明（办公室）：会议太多", "王小明（办公室）：", "王小明", "办公室", true},
	{"王小明(办公室):会议太多", "王小明(办公室):", "王小明", "办公室", true},
	{"李红：文件太多。", "李红：", "李红", "", true},
	{"张主任：检查太多", "张主任：", "张主任", "", true},
	{"李副局长（财务科）：经费紧张", "李副局长（财务科）：", "李副局长", "财务科", true},
	{"欧阳明华：调研走过场", "欧阳明华：", "欧阳明华", "", true},
	{"王五说：食堂太贵", "王五说：", "王五", "", true},
	{"　赵六（退休干部）：希望多走访", "赵六（退休干部）：", "赵六", "退休干部", true},
	{"建议：少开会", "", "", "", false},
	{"主要问题：会议太多", "", "", "", false},
	{"一是：会议多", "", "", "", false},
	{"文风：文件太长", "", "", "", false},
	{"方法：简单粗暴", "", "", "", false},
	{"会议太多：每周三次", "", "", "", false},
	{"王小明：", "", "", "", false}, // nothing after the label: a heading
	{"王小明同志认为会议太多", "", "", "", false},
	{"某某某某某某：x", "", "", "", false},
}

func TestSpeakerLabel(t *testing.T) {
	for _, c := range speakerTests {
		label, name, unit, ok := SpeakerLabel(c.in)
		if ok != c.ok || label != c.label || name != c.name || unit != c.unit {
			t.Errorf("SpeakerLabel(%q) = %q %q %q %v, want %q %q %q %v", c.in, label, name, unit, ok, c.label, c.name, c.unit, c.ok)
		}
	}
}

func TestMaskedText(t *testing.T) {
	o := Opinion{Text: "王小明（办公室）：会议太多，我的电话13812345678", Attrs: map[string]string{AttrSpeakerLabel: "王小明（办公室）："}}
	if got, want := o.MaskedText(), SpeakerMask+"会议太多，我的电话138****5678"; got != want {
		t.Errorf("MaskedText = %q, want %q", got, want)
	}
	if o.Text != "王小明（办公室）：会议太多，我的电话13812345678" {
		t.Error("MaskedText changed Text")
	}
	// The public view masks the text and leaves the label attribute out.
	pub := o
	redact(&pub)
	if !IsPersonalAttr(AttrSpeakerLabel) || len(pub.Attrs) != 0 || pub.Text != SpeakerMask+"会议太多，我的电话138****5678" {
		t.Errorf("public view: %q %v", pub.Text, pub.Attrs)
	}
	// A label recorded but no longer at the start (a revised text) is not
	// cut out of the middle.
	o2 := Opinion{Text: "会议太多，王小明（办公室）：说的", Attrs: map[string]string{AttrSpeakerLabel: "王小明（办公室）："}}
	if o2.MaskedText() != o2.Text {
		t.Errorf("MaskedText = %q", o2.MaskedText())
	}
}

// FuzzMaskIdentifying: masking never panics, keeps valid UTF-8, leaves a
// text without findings unchanged, and what it masks can no longer be found.
func FuzzMaskIdentifying(f *testing.F) {
	for _, c := range maskTests {
		f.Add(c.in)
	}
	for _, c := range speakerTests {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		found := FindIdentifying(s)
		for i, x := range found {
			if x.Start < 0 || x.End > len(s) || x.Start >= x.End || s[x.Start:x.End] != x.Text {
				t.Fatalf("bad span %+v", x)
			}
			if i > 0 && found[i-1].End > x.Start {
				t.Fatalf("overlap %+v %+v", found[i-1], x)
			}
		}
		m := MaskIdentifying(s)
		if len(found) == 0 && m != s {
			t.Fatalf("changed a text without findings: %q -> %q", s, m)
		}
		if utf8.ValidString(s) && !utf8.ValidString(m) {
			t.Fatalf("invalid UTF-8 after masking %q", s)
		}
		for _, x := range found {
			if x.Kind == IdentIDNumber || x.Kind == IdentEmail {
				if strings.Contains(m, x.Text) {
					t.Fatalf("%s %q still in %q", x.Kind, x.Text, m)
				}
			}
		}
		SpeakerLabel(s)
	})
}
