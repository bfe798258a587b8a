package cli

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"taizhang/ledger"
)

// run runs a command in-process and returns its exit code and output.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := run(t, "", args...)
	if code != 0 {
		t.Fatalf("taizhang %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

func newLedgerFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "台账.taizhang")
	mustRun(t, "new", p, "--unit", "某县委组织部", "--title", "征求意见台账")
	mustRun(t, "leader", "add", p, "--name", "张明", "--post", "部长", "--portfolio", "主持全面工作")
	mustRun(t, "leader", "add", p, "--name", "李红", "--post", "副部长")
	return p
}

func TestHeadlessRoundTrip(t *testing.T) {
	p := newLedgerFile(t)
	texts := []string{"\u3000会议太多，文山会海\u3000", "𠮷 😀 outside the BMP", "第一行\n第二行"}
	mustRun(t, "add", p, "--channel", "意见箱", "--target", "班子", "--date", "2026-11-20", texts[0])
	mustRun(t, "add", p, "--channel", "专线电话", "--target", "张明", "--submitter", "王五", texts[1])
	code, _, errs := run(t, texts[2], "add", p, "--channel", "座谈会", "--target", "领导班子", "--target", "李红", "-")
	if code != 0 {
		t.Fatal(errs)
	}

	var ops []struct {
		ID      int64    `json:"id"`
		Text    string   `json:"text"`
		Channel string   `json:"channel"`
		Date    string   `json:"date"`
		Targets []string `json:"targets"`
		Source  string   `json:"source"`
		Problem *int64   `json:"problem"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "opinions", p, "--json")), &ops); err != nil {
		t.Fatal(err)
	}
	if len(ops) != 3 {
		t.Fatalf("%d opinions", len(ops))
	}
	want := []string{"会议太多，文山会海", texts[1], texts[2]}
	for i, o := range ops {
		if o.Text != want[i] {
			t.Errorf("opinion %d text = %q, want %q", i, o.Text, want[i])
		}
		if o.ID == 0 || o.Source != "手工录入" || o.Problem != nil {
			t.Errorf("opinion %d = %+v", i, o)
		}
	}
	if ops[0].Date != "2026-11-20" || ops[0].Targets[0] != "领导班子" || strings.Join(ops[2].Targets, ",") != "领导班子,李红" {
		t.Errorf("fields: %+v", ops)
	}

	var stats struct {
		Opinions  int            `json:"opinions"`
		Problems  int            `json:"problems"`
		ByChannel map[string]int `json:"by_channel"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "stats", p, "--json")), &stats); err != nil {
		t.Fatal(err)
	}
	if stats.Opinions != 3 || stats.Problems != 0 || stats.ByChannel["意见箱"] != 1 || stats.ByChannel["座谈会"] != 1 {
		t.Errorf("stats = %+v", stats)
	}

	var leaders []ledger.Leader
	json.Unmarshal([]byte(mustRun(t, "leader", "list", p, "--json")), &leaders)
	if len(leaders) != 2 || leaders[0].Name != "张明" || leaders[0].Portfolio != "主持全面工作" {
		t.Errorf("leaders = %+v", leaders)
	}
}

// failures: each must exit 1 with a Chinese message and leave the ledger alone.
var failures = []struct {
	name    string
	args    []string // LEDGER is replaced by the ledger's path
	message string
}{
	{"unknown target", []string{"add", "LEDGER", "--channel", "意见箱", "--target", "赵六", "内容"}, "没有名为“赵六”的班子成员"},
	{"blank text", []string{"add", "LEDGER", "--channel", "意见箱", "\u3000 "}, "意见内容为空"},
	{"bad date", []string{"add", "LEDGER", "--channel", "意见箱", "--date", "2026-02-30", "内容"}, "日期“2026-02-30”无法识别"},
	{"missing ledger", []string{"add", "NOPE.taizhang", "--channel", "意见箱", "内容"}, "找不到台账文件"},
	{"not a ledger", []string{"stats", "NOTLEDGER"}, "不是意见台账文件"},
	{"duplicate leader", []string{"leader", "add", "LEDGER", "--name", "张明"}, "已存在"},
	{"new over an existing file", []string{"new", "LEDGER", "--unit", "单位"}, "文件已存在"},
}

func TestHeadlessFailuresLeaveTheLedgerAlone(t *testing.T) {
	p := newLedgerFile(t)
	mustRun(t, "add", p, "--channel", "意见箱", "原有的意见")
	notLedger := filepath.Join(t.TempDir(), "图片.taizhang")
	os.WriteFile(notLedger, []byte("\x89PNG\r\n\x1a\nxxxxxxxxxxxxxxxxxxxxxxx"), 0o644)
	before := mustRun(t, "opinions", p, "--json")
	for _, tc := range failures {
		t.Run(tc.name, func(t *testing.T) {
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				switch a {
				case "LEDGER":
					a = p
				case "NOTLEDGER":
					a = notLedger
				case "NOPE.taizhang":
					a = filepath.Join(t.TempDir(), a)
				}
				args[i] = a
			}
			code, _, errs := run(t, "", args...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(errs, tc.message) {
				t.Errorf("stderr %q does not say %q", errs, tc.message)
			}
		})
	}
	if after := mustRun(t, "opinions", p, "--json"); after != before {
		t.Error("a failed command changed the ledger")
	}
}

func TestHelpIsChinese(t *testing.T) {
	for _, cmd := range []string{"new", "add", "opinions", "stats", "demo"} {
		code, out, _ := run(t, "", cmd, "--help")
		if code != 0 || !strings.Contains(out, "用法：taizhang "+cmd) {
			t.Errorf("%s --help: exit %d, %q", cmd, code, out)
		}
	}
	code, out, _ := run(t, "", "--help")
	if code != 0 || !strings.Contains(out, "意见台账") {
		t.Errorf("--help: %d %q", code, out)
	}
	code, _, errs := run(t, "", "add")
	if code == 0 || !strings.Contains(errs, "参数个数不对") {
		t.Errorf("add without arguments: %d %q", code, errs)
	}
	code, _, errs = run(t, "", "add", "x.taizhang", "--colour", "红", "内容")
	if code == 0 || !strings.Contains(errs, "没有这个选项") {
		t.Errorf("unknown flag: %d %q", code, errs)
	}
}

// buildBinary builds taizhang once for the tests that run it as a process.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "taizhang")
	cmd := exec.Command("go", "build", "-o", bin, "taizhang")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("cannot build the binary here (%v): %s", err, out)
	}
	return bin
}

// TestKillDuringAdds kills taizhang add with SIGKILL at random moments in a
// run of a thousand adds: the file must stay valid and hold every opinion
// whose command exited 0.
func TestKillDuringAdds(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is Unix")
	}
	bin := buildBinary(t)
	p := newLedgerFile(t)
	rng := rand.New(rand.NewSource(1))
	var saved []string
	killed := 0
	for i := 0; i < 1000; i++ {
		text := "第" + itoaTest(i) + "条意见：𠮷　"
		cmd := exec.Command(bin, "add", p, "--channel", "意见箱", "--target", "班子", text)
		cmd.Env = append(os.Environ(), "LANG=zh_CN.UTF-8")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if i%5 == 2 {
			time.Sleep(time.Duration(rng.Intn(12000)) * time.Microsecond)
			cmd.Process.Kill()
		}
		if err := cmd.Wait(); err == nil {
			saved = append(saved, strings.TrimRight(text, "　"))
		} else {
			killed++
		}
	}
	t.Logf("%d adds exited 0, %d were killed", len(saved), killed)
	if killed == 0 {
		t.Fatal("no add was killed: the test did not test anything")
	}
	l, err := ledger.Open(p, ledger.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if s, err := l.IntegrityCheck(); err != nil || s != "ok" {
		t.Fatalf("integrity_check = %q, %v", s, err)
	}
	have := map[string]bool{}
	ops, _ := l.Opinions(ledger.Filter{})
	for _, o := range ops {
		have[o.Text] = true
	}
	for _, s := range saved {
		if !have[s] {
			t.Errorf("opinion %q was reported saved but is missing", s)
		}
	}
	if len(ops) < len(saved) || len(ops) > 1000 {
		t.Errorf("%d opinions in the file, %d reported saved", len(ops), len(saved))
	}
}

func itoaTest(i int) string { return strconv.Itoa(i) }

func TestOpinionsHideSubmitterUnlessAsked(t *testing.T) {
	p := newLedgerFile(t)
	mustRun(t, "add", p, "--channel", "专线电话", "--submitter", "王五", "--contact", "13912345678", "窗口办事难")
	if out := mustRun(t, "opinions", p, "--json"); strings.Contains(out, "王五") || strings.Contains(out, "13912345678") {
		t.Errorf("submitter printed without --with-submitter:\n%s", out)
	}
	if out := mustRun(t, "opinions", p); strings.Contains(out, "王五") {
		t.Errorf("submitter in the plain listing:\n%s", out)
	}
	if out := mustRun(t, "opinions", p, "--json", "--with-submitter"); !strings.Contains(out, "王五") || !strings.Contains(out, "13912345678") {
		t.Errorf("submitter missing with --with-submitter:\n%s", out)
	}
}

// TestNoFyneLocaleNoise runs the binary under LANG=C: Fyne must not log its
// locale error (package app/locale sets the locale before Fyne reads it).
func TestNoFyneLocaleNoise(t *testing.T) {
	bin := buildBinary(t)
	p := filepath.Join(t.TempDir(), "x.taizhang")
	for _, lang := range []string{"C", "C.UTF-8", "POSIX", "en_US.UTF-8", ""} {
		os.Remove(p)
		cmd := exec.Command(bin, "new", p, "--unit", "单位")
		cmd.Env = append(os.Environ(), "LANG="+lang, "LC_ALL="+lang)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("LANG=%s: %v %s", lang, err, out)
		}
		if strings.Contains(string(out), "Fyne error") || strings.Contains(string(out), "locale") {
			t.Errorf("LANG=%s: the binary printed locale noise:\n%s", lang, out)
		}
	}
}

func TestPersonalAttrsHiddenUnlessAsked(t *testing.T) {
	p := newLedgerFile(t)
	l, err := OpenLedger(p)
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.AddOpinion(ledger.Opinion{Text: "问卷意见", Channel: "问卷调查",
		Attrs: map[string]string{"来自IP": "10.1.2.3(河南郑州)", "1、您的性别": "男", "联系电话": "13700000000"}})
	l.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "opinions", p, "--json")
	if strings.Contains(out, "10.1.2.3") || strings.Contains(out, "13700000000") || !strings.Contains(out, "您的性别") {
		t.Errorf("personal attributes not hidden, or public ones lost:\n%s", out)
	}
	if out := mustRun(t, "opinions", p, "--json", "--with-submitter"); !strings.Contains(out, "10.1.2.3") {
		t.Errorf("--with-submitter lost the IP:\n%s", out)
	}
}

func TestUnknownCommandSuggests(t *testing.T) {
	for word, want := range map[string]string{"opinion": "是不是要用 taizhang opinions", "reprot": "是不是要用 taizhang report", "无此命令": "没有“无此命令”这个命令", "x/台账": "找不到文件“x/台账”"} {
		code, out, errs := run(t, "", word)
		if code != 2 || out != "" || !strings.Contains(errs, want) || !strings.Contains(errs, "taizhang stats") {
			t.Errorf("taizhang %s: exit %d, stdout %q, stderr:\n%s", word, code, out, errs)
		}
	}
}

// TestAddTargetTeamAliases: every word the importer takes for the team
// works on the command line too (班子整体 used to fail here).
func TestAddTargetTeamAliases(t *testing.T) {
	p := newLedgerFile(t)
	for _, alias := range ledger.TeamAliases {
		mustRun(t, "add", p, "--channel", "意见箱", "--target", alias, "反映"+alias)
	}
	var ops []OpinionJSON
	if err := json.Unmarshal([]byte(mustRun(t, "opinions", p, "--json", "--target", "班子整体")), &ops); err != nil {
		t.Fatal(err)
	}
	if len(ops) != len(ledger.TeamAliases) {
		t.Fatalf("%d opinions for the team, want %d", len(ops), len(ledger.TeamAliases))
	}
	for _, o := range ops {
		if len(o.Targets) != 1 || o.Targets[0] != ledger.TeamName {
			t.Errorf("opinion %d targets %v", o.ID, o.Targets)
		}
	}
}
