package search

import (
	"bufio"
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// fixture is a small ledger with two members, opinions and problems.
type fixture struct {
	l        *ledger.Ledger
	zhang    int64 // 张三, 分管物业、交通
	li       int64 // 李四, 分管教育
	op       map[string]int64
	problems map[string]int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	l := ledgertest.Empty(t)
	f := &fixture{l: l, op: map[string]int64{}, problems: map[string]int64{}}
	var err error
	if f.zhang, err = l.AddLeader(ledger.Leader{Name: "张三", Post: "副局长", Portfolio: "分管物业管理、交通工作"}); err != nil {
		t.Fatal(err)
	}
	if f.li, err = l.AddLeader(ledger.Leader{Name: "李四", Post: "副局长", Portfolio: "负责教育"}); err != nil {
		t.Fatal(err)
	}
	team := ledger.TeamID
	for _, o := range []struct {
		key, text, channel string
		targets            []int64
	}{
		{"zhang", "张三同志下基层太少，文山会海", "座谈会", []int64{f.zhang}},
		{"li", "李四同志对学校噪音问题推诿扯皮", "意见箱", []int64{f.li}},
		{"team-wuye", "小区物业收费不透明，班子要管一管", "网络征集", []int64{team}},
		{"team-school", "学校门口交通拥堵，希望班子重视", "网络征集", []int64{team}},
		{"team-meal", "公款宴请之风未刹住", "个别约谈", []int64{team}},
		{"none", "食堂饭菜不好吃", "意见箱", nil},
	} {
		id, err := l.AddOpinion(ledger.Opinion{Text: o.text, Channel: o.channel, Date: "2026-11-20", Targets: o.targets,
			Submitter: ledger.Submitter{Name: "王秘密", Contact: "13900000000"}})
		if err != nil {
			t.Fatal(err)
		}
		f.op[o.key] = id
	}
	for _, p := range []struct {
		key, title, category string
		targets              []int64
		opinions             []string
	}{
		{"wuye", "小区物业管理混乱", ledger.Bureaucratism, []int64{team}, []string{"team-wuye"}},
		{"fee", "学校乱收费", ledger.Formalism, []int64{f.li}, nil},
		{"meal", "公款吃喝", ledger.Extravagance, []int64{team}, []string{"team-meal"}},
	} {
		var ids []int64
		for _, k := range p.opinions {
			ids = append(ids, f.op[k])
		}
		id, err := l.NewProblem(ledger.Problem{Title: p.title, Category: p.category, Kind: ledger.Shared, Targets: p.targets}, ids...)
		if err != nil {
			t.Fatal(err)
		}
		f.problems[p.key] = id
	}
	return f
}

// keys runs r and names what it finds: opinion keys, and problem keys
// prefixed with "p:".
func (f *fixture) keys(t *testing.T, ix *Index, r Request) []string {
	t.Helper()
	r.Size = 100
	res, err := ix.Search(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		name := "?"
		m := f.op
		prefix := ""
		if h.Kind == KindProblem {
			m, prefix = f.problems, "p:"
		}
		for k, id := range m {
			if id == h.ID {
				name = prefix + k
			}
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

func TestLeaderFilter(t *testing.T) {
	f := newFixture(t)
	ix := openIndex(t, f.l, Options{})
	team := ledger.TeamID
	tests := []struct {
		name   string
		leader int64
		query  string
		want   []string
	}{
		// 张三: what targets him, and the team's items about 物业管理 or 交通.
		{"张三", f.zhang, "", []string{"p:wuye", "team-school", "zhang"}},
		// "小区物业收费" mentions 物业 but not 物业管理: not in his portfolio word…
		// but it belongs to problem wuye, whose title does.
		{"李四", f.li, "", []string{"li", "p:fee"}},
		{"班子", team, "", []string{"p:meal", "p:wuye", "team-meal", "team-school", "team-wuye"}},
		{"班子+词", team, "物业", []string{"p:wuye", "team-wuye"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.keys(t, ix, Request{Query: tt.query, Leader: &tt.leader})
			if !slices.Equal(got, tt.want) {
				t.Errorf("leader %s %q: got %q, want %q", tt.name, tt.query, got, tt.want)
			}
			// Whatever is shown targets the leader or the team.
			res, _ := ix.Search(context.Background(), Request{Query: tt.query, Leader: &tt.leader, Size: 100})
			for _, h := range res.Hits {
				if !slices.Contains(h.Targets, tt.leader) && !slices.Contains(h.Targets, team) {
					t.Errorf("hit %s %d targets %v", h.Kind, h.ID, h.Targets)
				}
			}
		})
	}
}

func TestNoSubmitterInIndex(t *testing.T) {
	f := newFixture(t)
	ix := openIndex(t, f.l, Options{})
	for _, q := range []string{"王秘密", "13900000000"} {
		if got := f.keys(t, ix, Request{Query: q}); len(got) > 0 {
			t.Errorf("%q found %q: submitters must not be indexed", q, got)
		}
	}
	res, err := ix.Search(context.Background(), Request{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if strings.Contains(h.Text+h.Snippet+h.Title, "王秘密") {
			t.Errorf("hit %d shows the submitter", h.ID)
		}
	}
}

// eventually waits up to d for cond, and fails with what it last saw.
func eventually(t *testing.T, d time.Duration, what string, cond func() (bool, string)) time.Duration {
	t.Helper()
	start := time.Now()
	last := ""
	for time.Since(start) < d {
		ok, s := cond()
		if ok {
			return time.Since(start)
		}
		last = s
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("%s: not within %v (last: %s)", what, d, last)
	return 0
}

// TestFollowsChanges makes the changes the window makes and checks that
// each one shows in results without any call but the ledger's.
func TestFollowsChanges(t *testing.T) {
	f := newFixture(t)
	ix := openIndex(t, f.l, Options{})
	l := f.l
	wait := func(what string, r Request, want []string) {
		t.Helper()
		took := eventually(t, 2*time.Second, what, func() (bool, string) {
			got := f.keys(t, ix, r)
			return slices.Equal(got, want), strings.Join(got, ",")
		})
		t.Logf("%s: visible after %v", what, took.Round(time.Millisecond))
	}
	// A new opinion.
	id, err := l.AddOpinion(ledger.Opinion{Text: "夜间施工噪音扰民", Channel: "专线电话", Date: "2026-11-21"})
	if err != nil {
		t.Fatal(err)
	}
	f.op["new"] = id
	wait("add", Request{Query: "噪音 施工"}, []string{"new"})
	// Sorted into a new problem: it takes the problem's category and targets.
	pid, err := l.NewProblem(ledger.Problem{Title: "施工扰民", Category: ledger.OtherWork, Targets: []int64{f.zhang}}, id)
	if err != nil {
		t.Fatal(err)
	}
	f.problems["noise"] = pid
	wait("new problem", Request{Category: ledger.OtherWork}, []string{"new", "p:noise"})
	wait("target via problem", Request{Query: "噪音", Target: &f.zhang}, []string{"new"})
	// The problem changes category.
	p, _ := l.Problem(pid)
	p.Category = ledger.Bureaucratism
	if err := l.UpdateProblem(p); err != nil {
		t.Fatal(err)
	}
	wait("recategorised", Request{Query: "扰民", Category: ledger.Bureaucratism}, []string{"new", "p:noise"})
	// Import of a file.
	_, err = l.Import(context.Background(), "意见箱.xlsx", "hash1", "意见箱", func(tx *ledger.ImportTx) error {
		for i, s := range []string{"医保报销太慢", "医保卡异地不能用"} {
			o := ledger.Opinion{Text: s, Source: ledger.Source{Row: i + 2}}
			if _, err := tx.Add(&o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	res, _ := ix.Search(context.Background(), Request{Query: "医保"})
	eventually(t, 2*time.Second, "import", func() (bool, string) {
		res, _ = ix.Search(context.Background(), Request{Query: "医保", File: "意见箱.xlsx", Channel: "意见箱"})
		return res.Total == 2, strings.Repeat("x", res.Total)
	})
	// Unassign, delete, undo.
	if err := l.Unassign(id); err != nil {
		t.Fatal(err)
	}
	wait("unassigned", Request{Query: "噪音", Sorted: SortedNo}, []string{"li", "new"})
	if err := l.DeleteProblem(pid); err != nil {
		t.Fatal(err)
	}
	wait("deleted", Request{Query: "扰民"}, []string{"new"})
	if _, err := l.Undo(); err != nil {
		t.Fatal(err)
	}
	wait("undone", Request{Query: "扰民"}, []string{"new", "p:noise"})
	// Removing a member drops them from targets.
	if err := l.RemoveLeader(f.li); err != nil {
		t.Fatal(err)
	}
	wait("leader removed", Request{Target: &f.li}, nil)
	if err := ix.Err(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if g, _ := l.Generation(); ix.Generation() != g {
		t.Errorf("index at generation %d, ledger at %d", ix.Generation(), g)
	}
}

// TestReopen: an index closed while the ledger changed catches up from the
// change log on the next open, without a rebuild.
func TestReopen(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	ix, err := Open(context.Background(), f.l, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !ix.Rebuilt() || ix.Mode() != Persistent {
		t.Errorf("first open: rebuilt %v mode %v", ix.Rebuilt(), ix.Mode())
	}
	ix.Close()
	id, err := f.l.AddOpinion(ledger.Opinion{Text: "关闭期间加入的意见：车位不足", Channel: "意见箱"})
	if err != nil {
		t.Fatal(err)
	}
	f.op["closed"] = id
	ix, err = Open(context.Background(), f.l, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Rebuilt() {
		t.Errorf("reopened index was rebuilt (%s); want a catch-up", ix.Notice())
	}
	if got := f.keys(t, ix, Request{Query: "车位"}); !slices.Equal(got, []string{"closed"}) {
		t.Errorf("after reopen: %q", got)
	}
}

// TestDeletedIndexDir: deleting the index folder loses nothing, whether the
// index is closed or open at the time.
func TestDeletedIndexDir(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	ix, err := Open(context.Background(), f.l, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	path := ix.Path()
	ix.Close()
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(context.Background(), f.l, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !ix.Rebuilt() {
		t.Error("index folder deleted but not rebuilt")
	}
	all := f.keys(t, ix, Request{})
	if len(all) != len(f.op)+len(f.problems) {
		t.Errorf("after rebuild: %q", all)
	}
	// Deleted while open.
	if err := os.RemoveAll(ix.Path()); err != nil {
		t.Fatal(err)
	}
	id, err := f.l.AddOpinion(ledger.Opinion{Text: "删除索引后加入：路灯不亮", Channel: "意见箱"})
	if err != nil {
		t.Fatal(err)
	}
	f.op["after"] = id
	eventually(t, 5*time.Second, "rebuilt after delete", func() (bool, string) {
		got := f.keys(t, ix, Request{})
		return len(got) == len(all)+1 && slices.Contains(got, "after"), strings.Join(got, ",")
	})
	if !strings.Contains(ix.Notice(), "删除") {
		t.Errorf("notice %q does not say the folder was deleted", ix.Notice())
	}
	if _, err := os.Stat(filepath.Join(partDir(ix.Path(), 0), "index_meta.json")); err != nil {
		t.Errorf("index not back on disk: %v", err)
	}
}

// TestCorruptIndex: an index whose files are garbage is rebuilt.
func TestCorruptIndex(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	ix, err := Open(context.Background(), f.l, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	path := ix.Path()
	ix.Close()
	err = filepath.Walk(path, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			return os.WriteFile(p, []byte("garbage"), 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ix, err = Open(context.Background(), f.l, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !ix.Rebuilt() || ix.Notice() == "" {
		t.Errorf("corrupt index: rebuilt %v, notice %q", ix.Rebuilt(), ix.Notice())
	}
	if got := f.keys(t, ix, Request{}); len(got) != len(f.op)+len(f.problems) {
		t.Errorf("after rebuild: %q", got)
	}
}

// TestLockedByAnotherProcess holds the index open in a second process (this
// test binary, running TestHoldIndex) and opens it here: Open must neither
// hang nor lose results; it builds a temporary index and says so.
func TestLockedByAnotherProcess(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	ix, err := Open(context.Background(), f.l, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	// A ledger just created keeps its header in the WAL until it is closed,
	// and ledger.Open refuses a file whose header it cannot see yet: close
	// and reopen so that the helper can open it.
	path := f.l.Path()
	f.l.Close()
	if f.l, err = ledger.Open(path, ledger.Options{NoDailyBackup: true}); err != nil {
		t.Fatal(err)
	}
	defer f.l.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHoldIndex$")
	cmd.Env = append(os.Environ(), "TZ_HOLD_LEDGER="+f.l.Path(), "TZ_HOLD_DIR="+dir)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	sc := bufio.NewScanner(stdout)
	ready := make(chan bool)
	go func() {
		for sc.Scan() {
			if sc.Text() == "holding" {
				ready <- true
			} else {
				t.Log("helper: " + sc.Text())
			}
		}
		close(ready)
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("helper process did not start holding the index")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("helper process did not start")
	}

	start := time.Now()
	ix2, err := Open(context.Background(), f.l, Options{Dir: dir, LockTimeout: 200 * time.Millisecond})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	t.Logf("open of a locked index took %v: %s", took, ix2.Notice())
	if took > 10*time.Second {
		t.Errorf("open of a locked index took %v", took)
	}
	if ix2.Mode() != Temporary || !strings.Contains(ix2.Notice(), "临时") {
		t.Errorf("mode %v notice %q; want a temporary index and a message", ix2.Mode(), ix2.Notice())
	}
	if got := f.keys(t, ix2, Request{}); len(got) != len(f.op)+len(f.problems) {
		t.Errorf("temporary index: %q", got)
	}
	id, err := f.l.AddOpinion(ledger.Opinion{Text: "占用期间加入：公交站太远", Channel: "意见箱"})
	if err != nil {
		t.Fatal(err)
	}
	f.op["during"] = id
	eventually(t, 2*time.Second, "change in temporary index", func() (bool, string) {
		got := f.keys(t, ix2, Request{Query: "公交"})
		return slices.Equal(got, []string{"during"}), strings.Join(got, ",")
	})
	tmp := ix2.Path()
	ix2.Close()
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary index %s left behind (%v)", tmp, err)
	}
}

// TestHoldIndex is the helper process of TestLockedByAnotherProcess: it
// opens the index and holds it until its standard input closes.
func TestHoldIndex(t *testing.T) {
	path := os.Getenv("TZ_HOLD_LEDGER")
	if path == "" {
		t.Skip("helper process only")
	}
	l, err := ledger.Open(path, ledger.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ix, err := Open(context.Background(), l, Options{Dir: os.Getenv("TZ_HOLD_DIR")})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Mode() != Persistent {
		t.Fatalf("helper got mode %v: %s", ix.Mode(), ix.Notice())
	}
	os.Stdout.WriteString("holding\n")
	bufio.NewReader(os.Stdin).ReadString('\n')
}

func TestFacets(t *testing.T) {
	f := newFixture(t)
	ix := openIndex(t, f.l, Options{})
	res, err := ix.Search(context.Background(), Request{Facets: true, Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	// Each facet's counts agree with the hits.
	want := map[string]map[string]int{}
	add := func(name, v string) {
		if want[name] == nil {
			want[name] = map[string]int{}
		}
		want[name][v]++
	}
	for _, h := range res.Hits {
		add(FacetType, h.Kind)
		if h.Channel != "" {
			add(FacetChannel, h.Channel)
		}
		if h.Category != "" {
			add(FacetCategory, h.Category)
		}
		for _, t := range h.Targets {
			add(FacetTarget, strconv.FormatInt(t, 10))
		}
	}
	for name, counts := range want {
		got := map[string]int{}
		for _, c := range res.Facets[name] {
			got[c.Value] = c.Count
		}
		if !maps.Equal(got, counts) {
			t.Errorf("facet %s: %v, want %v", name, got, counts)
		}
	}
	// Above the limit, facets are left out and say so; -1 counts anyway.
	res, err = ix.Search(context.Background(), Request{Facets: true, FacetLimit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !res.FacetsOmitted || res.Facets != nil {
		t.Errorf("limit 2 with %d matches: omitted %v, facets %v", res.Total, res.FacetsOmitted, res.Facets)
	}
	res, err = ix.Search(context.Background(), Request{Facets: true, FacetLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	if res.FacetsOmitted || len(res.Facets[FacetType]) != 2 {
		t.Errorf("no limit: omitted %v, facets %v", res.FacetsOmitted, res.Facets)
	}
}

// TestEmptyAndTinyLedgers: an index part that receives no documents (an
// empty ledger, or one opinion for two parts) is built empty; Bleve's
// Builder panicked on it, crashing the window on a new ledger.
func TestEmptyAndTinyLedgers(t *testing.T) {
	l := ledgertest.Empty(t)
	ix := openIndex(t, l, Options{})
	if r, err := ix.Search(context.Background(), Request{Query: "噪音"}); err != nil || r.Total != 0 {
		t.Fatalf("empty ledger: %v, %v", r, err)
	}
	if _, err := l.AddOpinion(ledger.Opinion{Text: "广场舞噪音太大", Channel: "意见箱"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r, err := ix.Search(context.Background(), Request{Query: "噪音"}); err != nil || r.Total != 1 {
		t.Fatalf("after one opinion: %v, %v", r, err)
	}
	// A fresh build of the one-opinion ledger leaves one part empty.
	ix2 := openIndex(t, l, Options{})
	if r, err := ix2.Search(context.Background(), Request{Query: "噪音"}); err != nil || r.Total != 1 {
		t.Fatalf("rebuild of a one-opinion ledger: %v, %v", r, err)
	}
}
