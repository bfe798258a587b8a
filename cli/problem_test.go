package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// run runs one command and returns its exit code, stdout and stderr.
func pRunCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func pMustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := pRunCmd(t, args...)
	if code != 0 {
		t.Fatalf("taizhang %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

func problemsJSON(t *testing.T, path string) []ProblemJSON {
	t.Helper()
	var ps []ProblemJSON
	if err := json.Unmarshal([]byte(pMustRun(t, "problems", path, "--json")), &ps); err != nil {
		t.Fatal(err)
	}
	return ps
}

func opinionProblems(t *testing.T, path string) map[int64]int64 {
	t.Helper()
	var os []OpinionJSON
	if err := json.Unmarshal([]byte(pMustRun(t, "opinions", path, "--json")), &os); err != nil {
		t.Fatal(err)
	}
	m := map[int64]int64{}
	for _, o := range os {
		if o.Problem != nil {
			m[o.ID] = *o.Problem
		}
	}
	return m
}

func TestProblemCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "台账.taizhang")
	pMustRun(t, "new", path, "--unit", "某县委办公室")
	pMustRun(t, "leader", "add", path, "--name", "张明", "--post", "书记")
	for _, text := range []string{"会议太多", "文件太多", "公车私用", "收受礼品"} {
		pMustRun(t, "add", path, "--channel", "意见箱", "--target", "领导班子", text)
	}
	if ps := problemsJSON(t, path); len(ps) != 0 {
		t.Fatalf("a new ledger lists problems: %v", ps)
	}

	id1 := strings.TrimSpace(pMustRun(t, "problem", "new", path, "--title", "文山会海", "--category", "形式", "--target", "张明", "--target", "班子", "--kind", "共性", "1"))
	if id1 != "1" {
		t.Fatalf("problem new printed %q, want the new id 1", id1)
	}
	id2 := strings.TrimSpace(pMustRun(t, "problem", "new", path, "--title", "公车私用", "--category", "享乐主义"))
	pMustRun(t, "problem", "assign", path, id1, "2")
	pMustRun(t, "problem", "assign", path, id2, "3", "4")

	ps := problemsJSON(t, path)
	if len(ps) != 2 {
		t.Fatalf("%d problems, want 2", len(ps))
	}
	p := ps[0]
	if p.Title != "文山会海" || p.Category != "形式主义" || p.Kind != "共性" || !slices.Equal(p.Targets, []string{"张明", "领导班子"}) ||
		!slices.Equal(p.Opinions, []int64{1, 2}) || p.OpinionCount != 2 || p.Submitters != 2 {
		t.Errorf("problem 1 as listed: %+v", p)
	}
	if !slices.Equal(ps[1].Opinions, []int64{3, 4}) || ps[1].Kind != "个性" {
		t.Errorf("problem 2 as listed: %+v", ps[1])
	}
	// opinions --json agrees.
	if m := opinionProblems(t, path); m[1] != 1 || m[2] != 1 || m[3] != 2 || m[4] != 2 {
		t.Errorf("opinions --json problem fields: %v", m)
	}

	pMustRun(t, "problem", "merge", path, id1, id2)
	ps = problemsJSON(t, path)
	if len(ps) != 1 || !slices.Equal(ps[0].Opinions, []int64{1, 2, 3, 4}) {
		t.Errorf("after merge: %+v", ps)
	}
	pMustRun(t, "problem", "unassign", path, "2", "3")
	if ps = problemsJSON(t, path); !slices.Equal(ps[0].Opinions, []int64{1, 4}) {
		t.Errorf("after unassign: %+v", ps)
	}
	text := pMustRun(t, "problems", path)
	if !strings.Contains(text, "共征求意见 4 条，梳理归纳为 1 个问题，未归类 2 条") || !strings.Contains(text, "【形式主义】") {
		t.Errorf("problems text output:\n%s", text)
	}

	// Undo takes every step back, one process at a time (a restart each).
	if out := pMustRun(t, "undo", path); !strings.Contains(out, "已撤销：移出问题") {
		t.Errorf("undo said %q", out)
	}
	if ps = problemsJSON(t, path); !slices.Equal(ps[0].Opinions, []int64{1, 2, 3, 4}) {
		t.Errorf("after undoing the unassign: %+v", ps)
	}
	pMustRun(t, "undo", path) // merge
	if ps = problemsJSON(t, path); len(ps) != 2 {
		t.Errorf("after undoing the merge: %d problems", len(ps))
	}
	pMustRun(t, "redo", path)
	if ps = problemsJSON(t, path); len(ps) != 1 {
		t.Errorf("after redoing the merge: %d problems", len(ps))
	}
	for i := 0; i < 5; i++ { // merge, 2 assigns, 2 news
		pMustRun(t, "undo", path)
	}
	if ps = problemsJSON(t, path); len(ps) != 0 {
		t.Errorf("after undoing everything: %+v", ps)
	}
	if m := opinionProblems(t, path); len(m) != 0 {
		t.Errorf("after undoing everything opinions are still sorted: %v", m)
	}
	code, _, errs := pRunCmd(t, "undo", path)
	if code != 1 || !strings.Contains(errs, "没有可以撤销的操作") {
		t.Errorf("undo with nothing left: exit %d, %q", code, errs)
	}
}

func TestProblemCommandErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "台账.taizhang")
	pMustRun(t, "new", path, "--unit", "某县委办公室")
	pMustRun(t, "add", path, "--channel", "意见箱", "会议太多")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"problem", "new", path, "--title", "x", "--category", "作风"}, 1, "类别“作风”无法识别"},
		{[]string{"problem", "new", path, "--category", "形式"}, 2, "请用 --title"},
		{[]string{"problem", "new", path, "--title", "x", "--category", "形式", "--target", "王五"}, 1, "没有名为“王五”的班子成员"},
		{[]string{"problem", "new", path, "--title", "x", "--category", "形式", "--kind", "普通"}, 1, "问题性质"},
		{[]string{"problem", "assign", path, "9", "1"}, 1, "找不到编号为 9 的问题"},
		{[]string{"problem", "assign", path, "x", "1"}, 2, "不是有效的编号"},
		{[]string{"problem", "unassign", path, "7"}, 1, "找不到编号为 7 的意见"},
		{[]string{"problem", "merge", path, "1"}, 2, "参数个数不对"},
		{[]string{"problem", "split", path}, 2, "没有“split”这个子命令"},
		{[]string{"redo", path}, 1, "没有可以重做的操作"},
		{[]string{"problems", filepath.Join(t.TempDir(), "无.taizhang")}, 1, "找不到台账文件"},
	} {
		code, _, errs := pRunCmd(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("taizhang %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tc.args[:2], " "), code, errs, tc.code, tc.want)
		}
	}
	// Nothing was stored by the failed commands.
	if ps := problemsJSON(t, path); len(ps) != 0 {
		t.Errorf("failed commands left problems: %+v", ps)
	}
	for _, args := range [][]string{{"problems", "--help"}, {"problem", "--help"}, {"problem", "new", "--help"}, {"undo", "--help"}} {
		if out := pMustRun(t, args...); !strings.Contains(out, "用法") {
			t.Errorf("%v printed %q", args, out)
		}
	}
}

func TestProblemNewTakesItsOpinionsTargets(t *testing.T) {
	p := newLedgerFile(t)
	mustRun(t, "add", p, "--channel", "座谈会", "--target", "张明", "张明调研少")
	mustRun(t, "add", p, "--channel", "意见箱", "--target", "班子", "班子会多")
	id := strings.TrimSpace(mustRun(t, "problem", "new", p, "--title", "调研少会议多", "--category", "形式", "1", "2"))
	var ps []struct {
		ID      json.Number `json:"id"`
		Targets []string    `json:"targets"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "problems", p, "--json")), &ps); err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].ID.String() != id || strings.Join(ps[0].Targets, ",") != "领导班子,张明" && strings.Join(ps[0].Targets, ",") != "张明,领导班子" {
		t.Errorf("problems = %+v", ps)
	}
}
