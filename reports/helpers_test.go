package reports

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// fixedNow makes ledgers reproducible.
func fixedNow() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC) }

// Submitters of the opinions added to the demo: none of these may appear in
// a report that is not an internal copy.
var demoSubmitters = []ledger.Submitter{
	{Name: "钱多多", Unit: "城关镇财政所", Contact: "13800001111"},
	{Name: "欧阳小宝", Contact: "xiaobao@example.cn"},
	{Name: "诸葛青云", Unit: "某某乡政府", Contact: "0371-66668888"},
}

// extraOpinions are hard cases for the line breaker and the protection of
// submitters; they are added to the demo ledger with demoSubmitters.
var extraOpinions = []string{
	"建议在OA系统（办公自动化系统）中增加“一次告知”功能，把办事所需材料、时限和经办人一次性列明，避免群众来回跑。" +
		"目前网站上的办事指南地址http://www.example.gov.cn/zwgk/bszn/index_2026.html已经很久没有更新了，有的表格还是2019年的版本，" +
		"下载后填写提交又被退回，说格式不对。希望：（1）每季度核对一次指南；（2）在窗口张贴二维码；（3）对“首问负责制”落实情况开展明察暗访，结果在内网公布。",
	"“四风”问题要真改、实改。\n有的科室会前不准备、会上临时议，一个会开半天，效率低！\n\u3000\u3000希望领导带头讲短话、开短会，每次会议控制在60分钟以内，材料提前3天发到参会人员手中；",
	"机关干部培训《财政预算管理条例》时只念PPT，没有案例和讨论，建议请基层一线同志讲讲实际操作中的难点……",
}

// newDemoLedger is the demo ledger with submitters, problems and a few hard
// opinions: what a secretary's ledger looks like halfway through sorting.
func newDemoLedger(tb testing.TB) *ledger.Ledger {
	tb.Helper()
	l := ledgertest.Demo(tb, ledger.Options{Now: fixedNow})
	chen, _ := l.ResolveTarget("陈丽华")
	extraTargets := [][]int64{{ledger.TeamID}, {ledger.TeamID}, {chen}}
	chans := []string{"网络征集", "座谈会", "意见箱"}
	for i, text := range extraOpinions {
		if _, err := l.AddOpinion(ledger.Opinion{Text: text, Channel: chans[i], Date: "2026-11-1" + strconv.Itoa(i),
			Submitter: demoSubmitters[i], Targets: extraTargets[i]}); err != nil {
			tb.Fatal(err)
		}
	}
	ids := func(names ...string) []int64 {
		var out []int64
		for _, n := range names {
			id, err := l.ResolveTarget(n)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, id)
		}
		return out
	}
	problems := []struct {
		p   ledger.Problem
		ops []int64
	}{
		{ledger.Problem{Title: "文山会海仍未根本解决", Category: ledger.Formalism, Kind: ledger.Shared, Targets: ids("领导班子"),
			Description: "会议多、文件多，层层套开，基层负担重"}, []int64{1, 12, 22, 31, 37}},
		{ledger.Problem{Title: "检查考核过多过频，留痕多于实效", Category: ledger.Formalism, Kind: ledger.Shared, Targets: ids("领导班子")}, []int64{4, 11}},
		{ledger.Problem{Title: "作风督查发现问题后跟踪整改不够", Category: ledger.Formalism, Kind: ledger.Individual, Targets: ids("孙晓明")}, []int64{8, 35, 19}},
		{ledger.Problem{Title: "调查研究不深入，走马观花", Category: ledger.Bureaucratism, Kind: ledger.Shared, Targets: ids("领导班子", "周建国")}, []int64{10, 23, 33}},
		{ledger.Problem{Title: "审批环节多、资金拨付和评审慢", Category: ledger.Bureaucratism, Kind: ledger.Individual, Targets: ids("刘志强")}, []int64{7, 13, 25, 3}},
		{ledger.Problem{Title: "服务群众态度生硬，办事要跑多趟", Category: ledger.Bureaucratism, Kind: ledger.Shared}, []int64{18, 26, 28, 36}},
		{ledger.Problem{Title: "批评干部不分场合", Category: ledger.Bureaucratism, Kind: ledger.Individual, Targets: ids("周建国")}, []int64{6}},
		{ledger.Problem{Title: "公车私用、公务接待标准偏高", Category: ledger.Hedonism, Kind: ledger.Shared, Targets: ids("领导班子")}, []int64{15, 20, 34}},
		{ledger.Problem{Title: "年底突击花钱，办公家具超标", Category: ledger.Extravagance, Kind: ledger.Shared, Targets: ids("领导班子")}, []int64{14, 30}},
		{ledger.Problem{Title: "干部教育培训形式单一", Category: ledger.Formalism, Kind: ledger.Individual, Targets: ids("陈丽华")}, []int64{5, 38}},
		{ledger.Problem{Title: "政策信息公开和解读不及时", Category: ledger.OtherWork, Kind: ledger.Individual, Targets: ids("刘志强")}, []int64{17, 32, 16}},
	}
	for _, p := range problems {
		if _, err := l.NewProblem(p.p, p.ops...); err != nil {
			tb.Fatal(err)
		}
	}
	return l
}

// realDataPath is the 4,326 real messages; tests that need it skip without it.
var realDataPath = filepath.Join(ledgertest.DataDir(), ledgertest.MessagesFile)

// readRealMessages returns the real messages that have a text.
func readRealMessages(tb testing.TB) []ledgertest.Message {
	tb.Helper()
	all, _ := ledgertest.Messages(tb)
	out := make([]ledgertest.Message, 0, len(all))
	for _, m := range all {
		if m.Text != "" {
			out = append(out, m)
		}
	}
	return out
}

// newRealLedger imports n opinions made from the real messages (repeated
// with new rows past 4,326), spread over the channels, with a team of four,
// targets on a part of them and problems made from repeated titles and
// keywords. It returns the ledger and the messages used.
func newRealLedger(tb testing.TB, n int) (*ledger.Ledger, []ledgertest.Message) {
	tb.Helper()
	msgs := readRealMessages(tb)
	if n <= 0 {
		n = len(msgs)
	}
	l := ledgertest.New(tb, ledger.Info{Unit: "A市人民政府办公室", Title: "市民留言征求意见台账",
		PeriodStart: "2019-01-01", PeriodEnd: "2020-01-31"}, ledger.Options{Now: fixedNow})
	var leaders []int64
	for _, m := range []ledger.Leader{{Name: "张卫东", Post: "市长"}, {Name: "李红梅", Post: "副市长"}, {Name: "王建设", Post: "副市长"}, {Name: "赵志刚", Post: "秘书长"}} {
		id, err := l.AddLeader(m)
		if err != nil {
			tb.Fatal(err)
		}
		leaders = append(leaders, id)
	}
	used := make([]ledgertest.Message, 0, n)
	_, err := l.Import(context.Background(), "tipdm2020-messages-4326.xlsx", fmt.Sprintf("real-%d", n), "网络征集", func(tx *ledger.ImportTx) error {
		for i := 0; i < n; i++ {
			m := msgs[i%len(msgs)]
			m.Row = i + 2
			o := ledger.Opinion{Text: m.Text, Title: m.Title, Date: m.Date, Channel: ledger.Channels[i%7%len(ledger.Channels)],
				Submitter: ledger.Submitter{Name: m.User}, Source: ledger.Source{Sheet: "Sheet1", Row: m.Row}}
			if i%5 == 0 {
				o.Targets = []int64{leaders[i%len(leaders)]}
			} else if i%5 == 1 {
				o.Targets = []int64{ledger.TeamID}
			}
			if _, err := tx.Add(&o); err != nil {
				return fmt.Errorf("row %d: %w", m.Row, err)
			}
			used = append(used, m)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	makeKeywordProblems(tb, l, leaders)
	return l, used
}

// pdfText extracts the text of a PDF with pdftotext; it skips the test
// when pdftotext is not installed.
func pdfText(tb testing.TB, pdf []byte) string {
	tb.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		tb.Skip("pdftotext 未安装（apt-get install poppler-utils）：跳过从 PDF 取回文字的检查")
	}
	dir := tb.TempDir()
	in := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pdfColumnText extracts only the text inside a column of the text area,
// from x mm to x+w mm (pdftotext -x -y -W -H at 72 dpi, in points), with the
// repeated table header word head removed: a table row that flows across a
// page comes back as one run of text.
func pdfColumnText(tb testing.TB, pdf []byte, x, w float64, head string) string {
	tb.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		tb.Skip("pdftotext 未安装（apt-get install poppler-utils）：跳过从 PDF 取回文字的检查")
	}
	in := filepath.Join(tb.TempDir(), "r.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		tb.Fatal(err)
	}
	pt := func(mm float64) string { return strconv.Itoa(int(mm * 72 / 25.4)) }
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-r", "72", "-x", pt(x), "-y", pt(marginT-1), "-W", pt(w), "-H", pt(textH+2), in, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	return strings.ReplaceAll(squeeze(string(out)), head, "")
}

// feedbackColumn is the text of the 意见原文 column of every feedback table.
func feedbackColumn(tb testing.TB, pdf []byte) string {
	t := feedbackTable(nil)
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	x := marginL + t.Widths[0]/total*textW
	return pdfColumnText(tb, pdf, x+0.5, t.Widths[1]/total*textW-1, "意见原文")
}

// qpdfCheck runs qpdf --check when qpdf is installed.
func qpdfCheck(tb testing.TB, pdf []byte) {
	tb.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		tb.Log("qpdf 未安装：跳过 qpdf --check")
		return
	}
	in := filepath.Join(tb.TempDir(), "r.pdf")
	os.WriteFile(in, pdf, 0o644)
	out, err := exec.Command("qpdf", "--check", in).CombinedOutput()
	if err != nil {
		tb.Fatalf("qpdf --check failed: %v\n%s", err, out)
	}
}

// squeeze removes all white space, so that text can be compared however
// the PDF broke its lines.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

func render(tb testing.TB, l *ledger.Ledger, req Request) ([]byte, *Document, Result) {
	tb.Helper()
	doc, _, err := Build(context.Background(), l, req)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	res, err := doc.WritePDF(context.Background(), &buf)
	if err != nil {
		tb.Fatal(err)
	}
	if int64(buf.Len()) != res.Bytes {
		tb.Errorf("Result.Bytes = %d, wrote %d", res.Bytes, buf.Len())
	}
	if dir := os.Getenv("TZ_REPORTS_OUT"); dir != "" {
		name := strings.NewReplacer("/", "_", " ", "_").Replace(tb.Name()) + ".pdf"
		os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
	}
	return buf.Bytes(), doc, res
}

// divergence explains why want is not in text: the longest prefix of want
// found in text, and what text has where want goes on.
func divergence(text, want string) string {
	r := []rune(want)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if strings.Contains(text, string(r[:mid])) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return "not even the first character is there"
	}
	i := strings.Index(text, string(r[:lo]))
	after := []rune(text[i+len(string(r[:lo])):])
	return fmt.Sprintf("same for %d of %d characters; then want %q, PDF has %q", lo, len(r),
		string(r[lo:min(len(r), lo+20)]), string(after[:min(len(after), 20)]))
}

// makeKeywordProblems sorts opinions into six problems by a keyword of
// their title, aimed at the team, at members, or at nobody in particular.
func makeKeywordProblems(tb testing.TB, l *ledger.Ledger, leaders []int64) {
	tb.Helper()
	keywords := []struct {
		kw, title, cat string
		target         []int64
	}{
		{"噪音", "噪音扰民问题反映集中，处理不及时", ledger.Bureaucratism, []int64{leaders[2]}},
		{"物业", "物业管理不规范，监管缺位", ledger.Formalism, []int64{ledger.TeamID}},
		{"学校", "教育资源配置和学校管理问题", ledger.OtherWork, []int64{leaders[1]}},
		{"拆迁", "拆迁安置政策执行不透明", ledger.Bureaucratism, nil},
		{"公积金", "公积金办理流程繁琐", ledger.Bureaucratism, []int64{leaders[3]}},
		{"停车", "停车收费和管理混乱", ledger.Formalism, []int64{leaders[0], leaders[2]}},
	}
	for _, k := range keywords {
		var ids []int64
		l.EachOpinion(ledger.Filter{Unsorted: true, Contains: k.kw}, func(o ledger.Opinion) error {
			if strings.Contains(o.Title, k.kw) {
				ids = append(ids, o.ID)
			}
			return nil
		})
		if len(ids) == 0 {
			continue
		}
		if _, err := l.NewProblem(ledger.Problem{Title: k.title, Category: k.cat, Kind: ledger.Shared, Targets: k.target}, ids...); err != nil {
			tb.Fatal(err)
		}
	}
}

// inkIn renders page 1 of pdf at 100 dpi and counts the dark pixels in the
// box at (x, y) mm of size w × h mm; it skips without pdftoppm.
func inkIn(tb testing.TB, pdf []byte, x, y, w, h float64) int {
	tb.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		tb.Skip("pdftoppm 未安装：跳过页面图像检查")
	}
	dir := tb.TempDir()
	in := filepath.Join(dir, "r.pdf")
	os.WriteFile(in, pdf, 0o644)
	if out, err := exec.Command("pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", "-singlefile", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		tb.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "p.png"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		tb.Fatal(err)
	}
	px := func(mm float64) int { return int(mm * 100 / 25.4) }
	n := 0
	for j := px(y); j < px(y+h); j++ {
		for i := px(x); i < px(x+w); i++ {
			r, g, b, _ := img.At(i, j).RGBA()
			if (r+g+b)/3 < 0x8000 {
				n++
			}
		}
	}
	return n
}

// TestMain draws every test's PDF with the bundled faces only, so that line
// breaks (and the golden texts) do not depend on the fonts of the machine;
// TZ_SYSTEM_FONTS=1 uses the machine's official faces as the product does.
func TestMain(m *testing.M) {
	if os.Getenv("TZ_SYSTEM_FONTS") == "" {
		systemFaces = func() *faces { return newFaces([roleCount]*face{}) }
	}
	os.Exit(m.Run())
}
