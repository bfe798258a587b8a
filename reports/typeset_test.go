package reports

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"taizhang/assets"
)

// pdfPages is the text of each page (pdftotext), white space removed.
func pdfPages(tb testing.TB, pdf []byte) []string {
	tb.Helper()
	pages := strings.Split(pdfText(tb, pdf), "\f")
	for i := range pages {
		pages[i] = squeeze(pages[i])
	}
	return pages
}

type bboxWordT struct {
	x0, y0, x1, y1 float64 // points
	text           string
}

// pdfWords are the words of page 1 with their boxes (pdftotext -bbox).
func pdfWords(tb testing.TB, pdf []byte) []bboxWordT {
	tb.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		tb.Skip("pdftotext 未安装：跳过")
	}
	in := filepath.Join(tb.TempDir(), "r.pdf")
	os.WriteFile(in, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-f", "1", "-l", "1", "-bbox", in, "-").Output()
	if err != nil {
		tb.Fatal(err)
	}
	var ws []bboxWordT
	for _, m := range bboxWord.FindAllStringSubmatch(string(out), -1) {
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		ws = append(ws, bboxWordT{f(m[1]), f(m[2]), f(m[3]), f(m[4]), m[5]})
	}
	return ws
}

func writeDoc(tb testing.TB, doc *Document) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if _, err := doc.WritePDF(context.Background(), &buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func pt(mm float64) float64 { return mm * 72 / 25.4 }

// Issue 13, item 1: a title breaks between words into balanced lines,
// never leaving a character or two alone (…情况报/告).
func TestTitleBreaksAtWords(t *testing.T) {
	measure := func(c rune) float64 {
		if isWide(c) {
			return sizeTitle * 25.4 / 72
		}
		return sizeTitle * 25.4 / 72 / 2
	}
	for _, c := range []struct {
		title string
		want  []string
	}{
		{"示例县财政局领导班子征求意见情况报告", []string{"示例县财政局领导班子征求意见情况报告"}},
		{"某某市某某区人民政府办公室领导班子征求意见情况报告", []string{"某某市某某区人民政府办公室", "领导班子征求意见情况报告"}},
		{"中共某某县发展和改革委员会党组领导班子征求意见情况报告", []string{"中共某某县发展和改革委员会党组", "领导班子征求意见情况报告"}},
		{"欧阳建国同志查找“四风”问题报告", []string{"欧阳建国同志查找“四风”问题报告"}},
	} {
		got := balanceTitle(c.title, measure, textW)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: lines %q, want %q", c.title, got, c.want)
		}
	}
	// Whatever the title, no line is wider than the measure or shorter
	// than three characters, and nothing is lost.
	for _, title := range []string{"中共某某省某某市某某县某某镇人民政府党政综合办公室领导班子征求意见情况报告",
		"某某县农业农村局局长兼党组书记张三同志查找“四风”问题报告", "ABCDEFGHIJKLMNOPQRSTUVWXYZ某某县征求意见情况报告"} {
		got := balanceTitle(title, measure, textW)
		if squeeze(strings.Join(got, "")) != squeeze(title) {
			t.Errorf("%s: lines %q lose characters", title, got)
		}
		for _, l := range got {
			w := 0.0
			for _, c := range l {
				w += measure(c)
			}
			if w > textW+1e-6 || utf8.RuneCountInString(l) < 3 {
				t.Errorf("%s: line %q (%.1f mm)", title, l, w)
			}
		}
	}
}

// Issue 13, item 2: every paragraph of a multi-paragraph text is indented
// by two characters, not only the first.
func TestEveryParagraphIndented(t *testing.T) {
	doc := &Document{Date: "2026-11-20", Parts: []Part{{Title: "测试", Blocks: []Block{
		{Kind: Paragraph, Text: "第一段只有一行。\n第二段也只有一行。"},
		{Kind: Placeholder, Text: "【第三段是待填写的。】\n【第四段也是。】"},
	}}}}
	want := pt(marginL + 2*gridPitch)
	seen := 0
	for _, w := range pdfWords(t, writeDoc(t, doc)) {
		for _, start := range []string{"第一段", "第二段", "【第三段", "【第四段"} {
			if strings.HasPrefix(w.text, start) {
				seen++
				if w.x0 < want-1 || w.x0 > want+1 {
					t.Errorf("%q starts at %.1f pt, want the indent at %.1f pt", w.text, w.x0, want)
				}
			}
		}
	}
	if seen != 4 {
		t.Errorf("found %d of 4 paragraphs", seen)
	}
}

// fillPage is n one-line paragraphs.
func fillPage(n int) []Block {
	var bs []Block
	for i := 0; i < n; i++ {
		bs = append(bs, Block{Kind: Paragraph, Text: "填充段落" + strconv.Itoa(i+1) + "。"})
	}
	return bs
}

// Issue 13, item 3: a heading stays with the first lines of what follows
// (not with a whole chart, which left a third of page 1 empty), and is not
// stranded at a page foot without them.
func TestHeadingKeepsWithFirstLines(t *testing.T) {
	bars := []Bar{}
	for _, c := range []string{"实地走访", "座谈会", "个别约谈", "问卷调查", "网络征集", "意见箱", "专线电话", "信访来访"} {
		bars = append(bars, Bar{Label: c, Value: 5})
	}
	// 15 lines leave about 55 mm: room for the heading, the chart's title
	// and its first bars, not for the whole chart (68 mm).
	blocks := append(fillPage(15), Block{Kind: Heading2, Text: "（一）按征求渠道"}, Block{Kind: ChartBlock, Chart: &Chart{Title: "图1　各渠道", Unit: "条", Bars: bars}})
	pages := pdfPages(t, writeDoc(t, &Document{Date: "2026-11-20", Parts: []Part{{Title: "测试", Blocks: blocks}}}))
	if !strings.Contains(pages[0], "（一）按征求渠道") || !strings.Contains(pages[0], "图1") {
		t.Errorf("the heading and the chart's start left page 1 (with room for them): page 1 is %q", pages[0])
	}
	// A heading with room for itself but not for the paragraph after it
	// goes to the next page with it.
	blocks = append(fillPage(20), Block{Kind: Heading2, Text: "（四）奢靡之风方面"}, Block{Kind: Paragraph, Text: strings.Repeat("一是年底突击花钱，办公家具超标。", 4)},
		Block{Kind: Quote, Text: "如有意见反映：“办公用房虽然已经清理过。”"})
	pages = pdfPages(t, writeDoc(t, &Document{Date: "2026-11-20", Parts: []Part{{Title: "测试", Blocks: blocks}}}))
	if strings.Contains(pages[0], "奢靡之风") {
		t.Errorf("the heading is stranded at the foot of page 1: %q", pages[0])
	}
	if len(pages) < 2 || !strings.Contains(pages[1], "（四）奢靡之风方面一是年底") {
		t.Errorf("the heading is not with its paragraph on page 2: %q", pages)
	}
}

// Issue 13, item 4: in a combined four-winds PDF every part's pages are
// numbered from 1, as --split numbers them.
func TestPageNumbersRestartPerPart(t *testing.T) {
	l := newDemoLedger(t)
	pdf, doc, _ := render(t, l, Request{Kind: FourWinds})
	pages := pdfPages(t, pdf)
	starts := 0
	for i, p := range pages {
		for _, part := range doc.Parts[1:] {
			if strings.Contains(p, squeeze(part.Title)) {
				starts++
				if !strings.HasSuffix(p, "—1—") {
					t.Errorf("page %d starts %q but is not numbered — 1 —: …%q", i+1, part.Title, p[max(0, len(p)-20):])
				}
				if i > 0 && strings.HasSuffix(pages[i-1], "—0—") {
					t.Errorf("page %d is numbered — 0 —", i)
				}
			}
		}
	}
	if starts != len(doc.Parts)-1 {
		t.Errorf("found %d part starts, want %d", starts, len(doc.Parts)-1)
	}
}

// Issue 13, item 5: official faces are used where the machine has them and
// refused when they cannot serve (no Chinese glyphs, not TrueType);
// without them the bundled Noto faces draw everything.
func TestOfficialFacesWhenInstalled(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Fonts")
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "SIMFANG.TTF"), assets.SerifRegular, 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "simhei.ttf"), assets.SansBold, 0o644)
	os.WriteFile(filepath.Join(dir, "simkai.ttf"), []byte("OTTO not a TrueType font"), 0o644)
	found := findOfficialFaces([]string{dir, filepath.Join(dir, "missing")})
	if found[roleBody] == nil || found[roleBody].name != "SIMFANG.TTF" || found[roleH1] == nil || found[roleH2] != nil || found[roleTitle] != nil {
		t.Fatalf("found %v", found)
	}
	doc := &Document{Date: "2026-11-20", Parts: []Part{{Title: "测试报告", Blocks: []Block{{Kind: Heading1, Text: "一、基本情况"},
		{Kind: Heading2, Text: "（一）按渠道"}, {Kind: Paragraph, Text: "正文用仿宋。"}}}}}
	fonts := func(fs *faces) string {
		var buf bytes.Buffer
		if _, err := doc.writePDF(context.Background(), &buf, fs); err != nil {
			t.Fatal(err)
		}
		if _, err := exec.LookPath("pdffonts"); err != nil {
			t.Skip("pdffonts 未安装")
		}
		in := filepath.Join(t.TempDir(), "r.pdf")
		os.WriteFile(in, buf.Bytes(), 0o644)
		out, err := exec.Command("pdffonts", in).Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	with := fonts(newFaces(found))
	for _, f := range []string{"utf8fangsong", "utf8heiti", "utf8sans"} { // 楷体 missing: Noto Sans for （一）
		if !strings.Contains(with, f) {
			t.Errorf("with 仿宋 and 黑体 installed the PDF lacks %s:\n%s", f, with)
		}
	}
	without := fonts(newFaces([roleCount]*face{}))
	if strings.Contains(without, "fangsong") || !strings.Contains(without, "utf8serif") {
		t.Errorf("without official faces:\n%s", without)
	}
}

// Issue 13, item 5: body text sets 28 characters a line on the 156 mm
// measure, justified to both edges; a paragraph's last line is not
// stretched.
func TestTwentyEightCharactersJustified(t *testing.T) {
	text := strings.Repeat("征求意见工作扎实有序开展", 10) + "完。"
	doc := &Document{Date: "2026-11-20", Parts: []Part{{Title: "测试", Blocks: []Block{{Kind: Paragraph, Text: text}}}}}
	var lines []bboxWordT
	for _, w := range pdfWords(t, writeDoc(t, doc)) {
		if strings.ContainsAny(w.text[:3], "征求意见工作扎实有序开展完") {
			if w.y0 > pt(marginT+lhTitle) && w.y1 < pt(textBottom) {
				lines = append(lines, w)
			}
		}
	}
	if len(lines) < 3 {
		t.Fatalf("lines %+v", lines)
	}
	if n := utf8.RuneCountInString(lines[0].text); n != 26 {
		t.Errorf("first line (indented two) holds %d characters, want 26: %q", n, lines[0].text)
	}
	for _, l := range lines[1 : len(lines)-1] {
		if n := utf8.RuneCountInString(l.text); n != 28 {
			t.Errorf("a full line holds %d characters, want 28: %q", n, l.text)
		}
	}
	for _, l := range lines[:len(lines)-1] {
		if l.x1 < pt(textRight)-2 || l.x1 > pt(textRight)+1 {
			t.Errorf("line %q ends at %.1f pt, want the right edge %.1f pt", l.text, l.x1, pt(textRight))
		}
	}
	if last := lines[len(lines)-1]; last.x1 > pt(textRight)-10 {
		t.Errorf("the last line %q is stretched to %.1f pt", last.text, last.x1)
	}
}

// A closing mark that would start a line stays at the end of the line
// before, set a little tighter, instead of taking a character down with it;
// the line still ends at the right edge.
func TestClosingPunctuationSqueezed(t *testing.T) {
	text := strings.Repeat("征求意见工作扎实有序开展，", 8)
	doc := &Document{Date: "2026-11-20", Parts: []Part{{Title: "测试", Blocks: []Block{{Kind: Paragraph, Text: text}}}}}
	for _, w := range pdfWords(t, writeDoc(t, doc)) {
		if w.y0 < pt(marginT+lhTitle) || w.y1 > pt(textBottom) {
			continue
		}
		if strings.HasPrefix(w.text, "，") {
			t.Errorf("a line starts with a comma: %q", w.text)
		}
		if w.x1 > pt(textRight)+0.5 {
			t.Errorf("line %q ends at %.1f pt, past the right edge %.1f pt", w.text, w.x1, pt(textRight))
		}
	}
}
