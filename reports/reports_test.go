package reports

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"taizhang/ledger"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name.golden (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if string(want) != got {
		failed := filepath.Join("testdata", "failed", name+".txt")
		os.MkdirAll(filepath.Dir(failed), 0o755)
		os.WriteFile(failed, []byte(got), 0o644)
		t.Errorf("text of %s differs from %s; got written to %s (go test -update accepts it)", name, path, failed)
	}
}

// concernsFor lists the opinions that concern target id, by the rule the
// feedback sheet documents: the opinion's own targets, or its problem's
// (a problem without targets concerns the team).
func concernsFor(t testing.TB, l *ledger.Ledger, id int64) (in, out []ledger.Opinion) {
	t.Helper()
	ps, err := l.Problems()
	if err != nil {
		t.Fatal(err)
	}
	pt := map[int64][]int64{}
	for _, p := range ps {
		pt[p.ID] = p.Targets
		if len(p.Targets) == 0 {
			pt[p.ID] = []int64{ledger.TeamID}
		}
	}
	all, err := l.Opinions(ledger.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range all {
		if slices.Contains(o.Targets, id) || slices.Contains(pt[o.ProblemID], id) {
			in = append(in, o)
		} else {
			out = append(out, o)
		}
	}
	return in, out
}

func assertNoSubmitters(t *testing.T, text string, subs []ledger.Submitter) {
	t.Helper()
	sq := squeeze(text)
	for _, s := range subs {
		for _, v := range []string{s.Name, s.Contact} {
			if v != "" && strings.Contains(sq, squeeze(v)) {
				t.Errorf("submitter %q appears in the report", v)
			}
		}
	}
	if strings.Contains(sq, "提出人：") {
		t.Errorf("a submitter note appears in the report")
	}
}

func TestSituationReport(t *testing.T) {
	l := newDemoLedger(t)
	pdf, doc, res := render(t, l, Request{Kind: Situation})
	qpdfCheck(t, pdf)
	text := pdfText(t, pdf)
	sq := squeeze(text)
	golden(t, "situation", text)
	for _, want := range []string{
		"示例县财政局领导班子征求意见情况报告", "2026年11月20日",
		"共征求意见38条，梳理归纳为11个问题", "另有6条意见尚未归类",
		"实地走访4条", "座谈会7条", "意见箱6条",
		"—1—", "—" + itoa(res.Pages) + "—",
		"形式主义方面（4个问题，意见12条）",
		"座谈会718.4%", "合计38100%11",
		"四、意见处理情况",
	} {
		if !strings.Contains(sq, want) {
			t.Errorf("situation report lacks %q", want)
		}
	}
	// Every problem is named with its count, and at least one of its
	// opinions is quoted whole.
	ps, _ := l.Problems()
	for _, p := range ps {
		ids, _ := l.ProblemOpinionIDs(p.ID)
		if !strings.Contains(sq, squeeze(p.Title)+"（"+p.Kind+"问题，"+itoa(len(ids))+"条意见") {
			t.Errorf("problem %q with %d opinions is missing", p.Title, len(ids))
		}
		nq := 0
		for _, id := range ids {
			o, _ := l.Opinion(id)
			if strings.Contains(sq, squeeze(quoted(o.Text))) {
				nq++
			}
		}
		if nq == 0 || nq > 3 {
			t.Errorf("problem %q: %d opinions quoted, want 1 to 3", p.Title, nq)
		}
	}
	assertNoSubmitters(t, text, demoSubmitters)
	if res.Pages < 3 || len(doc.Parts) != 1 {
		t.Errorf("pages %d, parts %d", res.Pages, len(doc.Parts))
	}
}

func TestInternalCopy(t *testing.T) {
	l := newDemoLedger(t)
	pdf, _, res := render(t, l, Request{Kind: Situation, Options: Options{Internal: true}})
	text := pdfText(t, pdf)
	sq := squeeze(text)
	if n := strings.Count(sq, squeeze(internalMark)); n != res.Pages {
		t.Errorf("internal mark on %d of %d pages", n, res.Pages)
	}
	if !strings.Contains(sq, "提出人：诸葛青云，某某乡政府，0371-66668888") {
		t.Errorf("internal copy lacks the submitter of a quoted opinion")
	}
	plain, _, _ := render(t, l, Request{Kind: Situation})
	if strings.Contains(squeeze(pdfText(t, plain)), squeeze(internalMark)) {
		t.Errorf("ordinary copy is marked internal")
	}
	// Feedback sheets never show submitters, even when asked.
	fb, doc, _ := render(t, l, Request{Kind: Feedback, Options: Options{Internal: true}})
	fbText := pdfText(t, fb)
	assertNoSubmitters(t, fbText, demoSubmitters)
	if doc.Internal || strings.Contains(squeeze(fbText), squeeze(internalMark)) {
		t.Errorf("feedback sheet marked internal")
	}
}

func TestFeedbackSheets(t *testing.T) {
	l := newDemoLedger(t)
	leaders, _ := l.Leaders()
	pdf, doc, _ := render(t, l, Request{Kind: Feedback})
	if len(doc.Parts) != len(leaders) {
		t.Fatalf("%d parts for %d members", len(doc.Parts), len(leaders))
	}
	qpdfCheck(t, pdf)
	all := pdfText(t, pdf)
	golden(t, "feedback", all)
	assertNoSubmitters(t, all, demoSubmitters)
	for _, m := range append([]ledger.Leader{{ID: ledger.TeamID, Name: ledger.TeamName}}, leaders...) {
		t.Run(m.Name, func(t *testing.T) {
			one, _, _ := render(t, l, Request{Kind: Feedback, Targets: []int64{m.ID}})
			sq := squeeze(pdfText(t, one))
			col := feedbackColumn(t, one)
			in, out := concernsFor(t, l, m.ID)
			if len(in) == 0 {
				t.Fatalf("no opinions concern %s: the fixture is wrong", m.Name)
			}
			for _, o := range in {
				if !strings.Contains(col, squeeze(o.Text)) {
					t.Errorf("opinion %d concerning %s is missing or altered: %q", o.ID, m.Name, o.Text)
				}
			}
			for _, o := range out {
				if strings.Contains(sq, squeeze(o.Text)) {
					t.Errorf("opinion %d does not concern %s but is on the sheet", o.ID, m.Name)
				}
			}
			if !strings.Contains(sq, "涉及"+m.Name+"的共"+itoa(len(in))+"条") {
				t.Errorf("sheet does not say it holds %d opinions", len(in))
			}
		})
	}
}

func TestFourWindsReport(t *testing.T) {
	l := newDemoLedger(t)
	liu, _ := l.ResolveTarget("刘志强")
	causes := "本人对“四风”问题的危害性认识不足，服务意识不强，习惯于按部就班。"
	if err := l.SetText(TargetKey(KeyFourWindsCauses, liu), causes); err != nil {
		t.Fatal(err)
	}
	pdf, doc, _ := render(t, l, Request{Kind: FourWinds})
	leaders, _ := l.Leaders()
	if len(doc.Parts) != 1+len(leaders) {
		t.Fatalf("%d parts, want team + %d members", len(doc.Parts), len(leaders))
	}
	qpdfCheck(t, pdf)
	text := pdfText(t, pdf)
	golden(t, "fourwinds", text)
	assertNoSubmitters(t, text, demoSubmitters)

	one, doc, _ := render(t, l, Request{Kind: FourWinds, Targets: []int64{liu}})
	sq := squeeze(pdfText(t, one))
	for _, want := range []string{
		"刘志强同志查找“四风”问题报告", "一、存在的主要问题", "（二）官僚主义方面",
		"一是审批环节多、资金拨付和评审慢。征求到的意见中，共有4条反映这一问题，来自座谈会1条、个别约谈1条、问卷调查1条、专线电话1条", "（个性问题）",
		"二、产生问题的原因", squeeze(causes), "三、努力方向和整改措施", "（五）工作方面的问题", "政策信息公开和解读不及时",
	} {
		if !strings.Contains(sq, want) {
			t.Errorf("four-winds report of 刘志强 lacks %q", want)
		}
	}
	if strings.Contains(sq, "文山会海") {
		t.Errorf("a team problem is in a member's report")
	}
	if len(doc.Parts) != 1 {
		t.Errorf("--leader gave %d parts", len(doc.Parts))
	}
}

func TestSameBytes(t *testing.T) {
	l := newDemoLedger(t)
	for _, k := range Kinds {
		a, _, _ := render(t, l, Request{Kind: k})
		b, _, _ := render(t, l, Request{Kind: k})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs gave different bytes", k)
		}
	}
}

func TestEditableTexts(t *testing.T) {
	l := newDemoLedger(t)
	_, texts, err := Build(context.Background(), l, Request{Kind: Situation})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]Text{}
	for _, x := range texts {
		keys[x.Key] = x
	}
	team := func(prefix string) string { return TargetKey(prefix, ledger.TeamID) }
	for _, k := range []string{KeyUnit, KeyDate, team(KeySituationTitle), team(KeySituationOpening), team(KeySituationHandling)} {
		if keys[k].Value == "" || keys[k].Value != keys[k].Default {
			t.Errorf("text %s: %+v", k, keys[k])
		}
	}
	l.SetText("report.situation.title", "关于征求意见情况的报告") // where the title was kept before members had their own
	l.SetText(KeyDate, "2026-12-01")
	l.SetText(KeyUnit, "中共示例县财政局党组")
	pdf, doc, _ := render(t, l, Request{Kind: Situation})
	sq := squeeze(pdfText(t, pdf))
	for _, want := range []string{"关于征求意见情况的报告", "2026年12月1日", "中共示例县财政局党组"} {
		if !strings.Contains(sq, want) {
			t.Errorf("edited text %q not printed", want)
		}
	}
	if doc.Date != "2026-12-01" {
		t.Errorf("document date %q", doc.Date)
	}
}

func TestCancel(t *testing.T) {
	l := newDemoLedger(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc, _, err := Build(context.Background(), l, Request{Kind: Feedback})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := doc.WritePDF(ctx, &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Errorf("WritePDF with a cancelled context: %v", err)
	}
}

func TestUnknownLeader(t *testing.T) {
	l := newDemoLedger(t)
	if _, _, err := Build(context.Background(), l, Request{Kind: Feedback, Targets: []int64{999}}); !errors.Is(err, ledger.ErrNotFound) {
		t.Errorf("unknown member: %v", err)
	}
}

// Characters outside the Basic Multilingual Plane that the fonts have (𠮷)
// are drawn from their outlines and come back from pdftotext; an emoji no
// font has is printed as [表情] and counted in a warning.
func TestOutsideBMP(t *testing.T) {
	l := newDemoLedger(t)
	liu, _ := l.ResolveTarget("刘志强")
	if err := l.SetText(KeyUnit, "𠮷祥县财政局"); err != nil { // the unit is printed in the signature too
		t.Fatal(err)
	}
	text := "姓𠮷的同志反映😀：窗口✓服务㊣需改进，𡘙字也要印出"
	if _, err := l.AddOpinion(ledger.Opinion{Text: text, Channel: "意见箱", Targets: []int64{liu}}); err != nil {
		t.Fatal(err)
	}
	for _, k := range Kinds {
		render(t, l, Request{Kind: k}) // no panic
	}
	doc, _, err := Build(context.Background(), l, Request{Kind: Feedback, Targets: []int64{liu}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	res, err := doc.WritePDF(context.Background(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	want := "姓𠮷的同志反映[表情]：窗口✓服务㊣需改进，𡘙字也要印出"
	if col := feedbackColumn(t, buf.Bytes()); !strings.Contains(col, want) {
		t.Errorf("opinion with characters outside the BMP not printed as expected: %s", divergence(col, want))
	}
	if !strings.Contains(squeeze(pdfText(t, buf.Bytes())), "𠮷祥县财政局") {
		t.Errorf("the unit with 𠮷 is not printed")
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "有 1 个字符") || !strings.Contains(res.Warnings[0], "😀") {
		t.Errorf("warnings %q: want one saying 1 character (😀) was printed as a marker", res.Warnings)
	}
}

// The glyph of a character outside the BMP is on the page (drawn from the
// font's outline), not only in the extracted text.
func TestOutsideBMPGlyphIsDrawn(t *testing.T) {
	for _, c := range []string{"𠮷", "中"} {
		doc := &Document{Date: "2026-11-20", Parts: []Part{{Title: "测试", Blocks: []Block{{Kind: Paragraph, Text: c}}}}}
		var buf bytes.Buffer
		if _, err := doc.WritePDF(context.Background(), &buf); err != nil {
			t.Fatal(err)
		}
		// the paragraph's line: under the title, after the two-character indent
		y := marginT + lhTitle + lhBody/2
		ink := inkIn(t, buf.Bytes(), marginL+2*gridPitch, y, gridPitch, lhBody)
		if ink < 20 {
			t.Errorf("%s: %d dark pixels where the character should be, want a glyph", c, ink)
		}
		if got := squeeze(pdfText(t, buf.Bytes())); !strings.Contains(got, c) {
			t.Errorf("%s: pdftotext gives %q", c, got)
		}
	}
}

func TestProgress(t *testing.T) {
	l := newDemoLedger(t)
	var got []float64
	opt := Options{Progress: func(f float64) { got = append(got, f) }}
	doc, _, err := Build(context.Background(), l, Request{Kind: Feedback, Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := doc.WritePDF(context.Background(), &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if len(got) < 3 || got[0] != 0 || got[len(got)-1] != 1 || !slices.Contains(got, 0.5) {
		t.Fatalf("progress %v: want 0 … 0.5 … 1", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i] < got[i-1] {
			t.Errorf("progress went back: %v", got)
		}
	}
	got = nil
	if _, err := WriteWorkbook(context.Background(), l, &bytes.Buffer{}, opt); err != nil {
		t.Fatal(err)
	}
	if len(got) < 2 || got[len(got)-1] != 1 {
		t.Errorf("workbook progress %v", got)
	}
}

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// Every word of the body lies inside the type area (156 × 225 mm at 28, 37
// mm); only the page number and the internal mark lie outside it, in the
// margins.
func TestTextInsideTheTypeArea(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext 未安装：跳过版心检查")
	}
	l := newDemoLedger(t)
	for _, k := range Kinds {
		for _, internal := range []bool{false, true} {
			pdf, _, _ := render(t, l, Request{Kind: k, Options: Options{Internal: internal}})
			checkTypeArea(t, string(k), pdf)
		}
	}
}

// checkTypeArea asserts that every word of the PDF's body lies inside the
// type area (pdftotext -bbox).
func checkTypeArea(t *testing.T, name string, pdf []byte) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	mm := func(v float64) float64 { return v * 72 / 25.4 }
	in := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(in, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-bbox", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	words := bboxWord.FindAllStringSubmatch(string(out), -1)
	if len(words) < 50 {
		t.Fatalf("%s: only %d words in the bounding boxes", name, len(words))
	}
	bad := 0
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		y0, _ := strconv.ParseFloat(w[2], 64)
		x1, _ := strconv.ParseFloat(w[3], 64)
		y1, _ := strconv.ParseFloat(w[4], 64)
		if y1 < mm(marginT) || y0 > mm(textBottom) {
			continue // header mark, page number
		}
		// Noto CJK's ascent and descent make a word's box up to ~4 pt
		// taller than the line it was set in.
		if x0 < mm(marginL)-0.5 || x1 > mm(textRight)+0.5 || y0 < mm(marginT)-4 || y1 > mm(textBottom)+4 {
			bad++
			if bad <= 3 {
				t.Errorf("%s: %q at x %.0f–%.0f y %.0f–%.0f pt lies outside the type area", name, w[5], x0, x1, y0, y1)
			}
		}
	}
}
