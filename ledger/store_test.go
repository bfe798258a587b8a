package ledger

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newTestLedger creates an empty ledger in a temporary folder.
func newTestLedger(t testing.TB) *Ledger {
	t.Helper()
	dir := t.TempDir()
	l, err := Create(filepath.Join(dir, "测试"+Extension), Info{Unit: "某县委办公室", Title: "征求意见台账"}, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// roundTripTexts are texts that must come back byte for byte.
var roundTripTexts = []struct{ name, in, want string }{
	{"plain", "会议太多，文山会海。", "会议太多，文山会海。"},
	{"ideographic spaces trimmed at the ends only", "\u3000\u3000开会\u3000太多\u3000", "开会\u3000太多"},
	{"crlf tab runs at the ends", "\r\n\t\t\t留言详情\r\n第二行\r\n\t", "留言详情\r\n第二行"},
	{"outside the BMP", "𠮷野家 😀 𪚥", "𠮷野家 😀 𪚥"},
	{"inner line breaks kept", "第一条\n\n第二条", "第一条\n\n第二条"},
	{"mixed latin and html-looking text", "<b>不</b> & 'quote' \"双引号\"", "<b>不</b> & 'quote' \"双引号\""},
}

func TestOpinionTextRoundTrip(t *testing.T) {
	l := newTestLedger(t)
	for _, tc := range roundTripTexts {
		t.Run(tc.name, func(t *testing.T) {
			id, err := l.AddOpinion(Opinion{Text: tc.in, Channel: "意见箱"})
			if err != nil {
				t.Fatal(err)
			}
			o, err := l.Opinion(id)
			if err != nil {
				t.Fatal(err)
			}
			if o.Text != tc.want {
				t.Errorf("text = %q, want %q", o.Text, tc.want)
			}
		})
	}
}

func TestAddOpinionRefusesBadInput(t *testing.T) {
	l := newTestLedger(t)
	for _, o := range []Opinion{
		{Text: "  \u3000 ", Channel: "意见箱"},
		{Text: "有效", Channel: ""},
		{Text: "有效", Channel: "意见箱", Date: "2026-13-45"},
		{Text: "含\x00空字符", Channel: "意见箱"},
		{Text: "\xff\xfe无效", Channel: "意见箱"},
		{Text: strings.Repeat("长", MaxTextBytes), Channel: "意见箱"},
	} {
		if _, err := l.AddOpinion(o); err == nil {
			t.Errorf("AddOpinion(%.20q) succeeded, want an error", o.Text)
		} else if var_ := (*Error)(nil); !errors.As(err, &var_) {
			t.Errorf("AddOpinion(%.20q) error %v is not a *ledger.Error", o.Text, err)
		}
	}
	s, _ := l.Stats()
	if s.Opinions != 0 {
		t.Errorf("%d opinions stored after refused input", s.Opinions)
	}
}

func TestLeadersAndTargets(t *testing.T) {
	l := newTestLedger(t)
	zhang, err := l.AddLeader(Leader{Name: "张明", Post: "党委书记", Portfolio: "主持全面工作"})
	if err != nil {
		t.Fatal(err)
	}
	li, _ := l.AddLeader(Leader{Name: "李红", Post: "副书记", Portfolio: "分管组织、宣传"})
	wang, _ := l.AddLeader(Leader{Name: "王强", Post: "副局长", Portfolio: "分管财务"})
	if _, err := l.AddLeader(Leader{Name: "张明"}); err == nil {
		t.Error("a duplicate name was accepted")
	}
	if _, err := l.AddLeader(Leader{Name: "班子"}); err == nil {
		t.Error("the team's name was accepted as a member")
	}
	if err := l.MoveLeader(wang, 0); err != nil {
		t.Fatal(err)
	}
	ms, _ := l.Leaders()
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	if got := strings.Join(names, ","); got != "王强,张明,李红" {
		t.Errorf("order after move = %s", got)
	}
	for in, want := range map[string]int64{"领导班子": TeamID, "班子": TeamID, " 李红 ": li, "张明": zhang} {
		if got, err := l.ResolveTarget(in); err != nil || got != want {
			t.Errorf("ResolveTarget(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if _, err := l.ResolveTarget("赵六"); err == nil || !strings.Contains(Message(err), "赵六") {
		t.Errorf("unknown target: %v", err)
	}
	id, _ := l.AddOpinion(Opinion{Text: "王强同志下基层少", Channel: "座谈会", Targets: []int64{wang, TeamID}})
	tw := wang
	if os, _ := l.Opinions(Filter{Target: &tw}); len(os) != 1 {
		t.Errorf("filter by target found %d", len(os))
	}
	if err := l.RemoveLeader(wang); err != nil {
		t.Fatal(err)
	}
	o, _ := l.Opinion(id)
	if len(o.Targets) != 1 || o.Targets[0] != TeamID {
		t.Errorf("targets after removing the member = %v, want [0]", o.Targets)
	}
	s, _ := l.Stats()
	if s.ByTarget[TeamName] != 1 {
		t.Errorf("by_target = %v", s.ByTarget)
	}
}

func TestGenerationAndChangeLog(t *testing.T) {
	l := newTestLedger(t)
	g0, _ := l.Generation()
	var heard []string
	l.OnChange(func(c Change) { heard = append(heard, c.Action) })
	id, _ := l.AddOpinion(Opinion{Text: "窗口服务态度差", Channel: "专线电话"})
	g1, _ := l.Generation()
	if g1 <= g0 {
		t.Errorf("generation %d → %d after a change", g0, g1)
	}
	cs, _ := l.Changes(0, 0)
	last := cs[len(cs)-1]
	if last.Action != "opinion.add" || last.EntityID != id || !strings.Contains(string(last.After), "窗口服务态度差") {
		t.Errorf("last change = %+v", last)
	}
	if len(heard) != 1 || heard[0] != "opinion.add" {
		t.Errorf("listeners heard %v", heard)
	}
	// A refused change leaves generation and log alone.
	l.AddOpinion(Opinion{Text: "", Channel: "意见箱"})
	if g2, _ := l.Generation(); g2 != g1 {
		t.Errorf("generation moved on a refused change")
	}
}

func TestImportIsAllOrNothingAndIdempotent(t *testing.T) {
	l := newTestLedger(t)
	add := func(rows int, failAt int) (Batch, error) {
		return l.Import(context.Background(), "意见箱.xlsx", "abc123", "意见箱", func(tx *ImportTx) error {
			for r := 1; r <= rows; r++ {
				if r == failAt {
					return errors.New("第5行损坏")
				}
				if _, err := tx.Add(&Opinion{Text: "同样的话", Source: Source{Sheet: "Sheet1", Row: r, Column: 2}}); err != nil {
					return err
				}
			}
			tx.Blank(2)
			return nil
		})
	}
	if _, err := add(10, 5); err == nil {
		t.Fatal("a failing import reported success")
	}
	if s, _ := l.Stats(); s.Opinions != 0 || s.Batches != 0 {
		t.Fatalf("after a failed import: %+v", s)
	}
	b, err := add(10, 0)
	if err != nil || b.Imported != 10 || b.Blank != 2 {
		t.Fatalf("import: %+v, %v", b, err)
	}
	g, _ := l.Generation()
	b, err = add(10, 0)
	if err != nil || b.Imported != 0 || b.Existing != 10 {
		t.Fatalf("second import: %+v, %v", b, err)
	}
	if g2, _ := l.Generation(); g2 != g {
		t.Error("a second import of the same file changed the ledger")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = l.Import(ctx, "另一个.xlsx", "def", "意见箱", func(tx *ImportTx) error {
		_, err := tx.Add(&Opinion{Text: "取消的", Source: Source{Row: 1}})
		return err
	})
	if err == nil {
		t.Error("a cancelled import succeeded")
	}
	if s, _ := l.Stats(); s.Opinions != 10 {
		t.Errorf("opinions = %d after a cancelled import, want 10", s.Opinions)
	}
}

func TestOpenRefusesForeignAndNewerFiles(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]byte{
		"empty.taizhang":   {},
		"picture.taizhang": {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0},
		"text.taizhang":    []byte("这不是台账"),
	}
	for name, data := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		if _, err := Open(p); err == nil {
			t.Errorf("%s opened", name)
		} else if !strings.Contains(Message(err), "不是意见台账文件") {
			t.Errorf("%s: message %q", name, Message(err))
		}
		if got, _ := os.ReadFile(p); string(got) != string(data) {
			t.Errorf("%s was changed", name)
		}
		if _, err := os.Stat(p + "-wal"); err == nil {
			t.Errorf("%s: a WAL file was created", name)
		}
	}

	// A SQLite database of another program.
	other := filepath.Join(dir, "other.db")
	if l, err := openDB(other+"x", Options{}); err == nil {
		l.Close()
		t.Fatal("opened a missing file with mode=rw")
	}
	os.WriteFile(other, nil, 0o644)
	l, err := openDB(other, Options{})
	if err != nil {
		t.Fatal(err)
	}
	l.db.Exec(`PRAGMA journal_mode=DELETE`)
	l.db.Exec(`CREATE TABLE t(x)`)
	l.Close()
	before, _ := os.ReadFile(other)
	if _, err := Open(other); err == nil || !strings.Contains(Message(err), "不是意见台账文件") {
		t.Errorf("foreign SQLite file: %v", err)
	}
	if after, _ := os.ReadFile(other); string(after) != string(before) {
		t.Error("foreign SQLite file was changed")
	}

	// A ledger from a newer version.
	newer := filepath.Join(dir, "newer.taizhang")
	l2, _ := Create(newer, Info{Unit: "单位"}, Options{NoDailyBackup: true})
	l2.db.Exec(`PRAGMA user_version = 99`)
	l2.Close()
	before, _ = os.ReadFile(newer)
	if _, err := Open(newer); err == nil || !strings.Contains(Message(err), "更新版本") {
		t.Errorf("newer schema: %v", err)
	}
	if after, _ := os.ReadFile(newer); string(after) != string(before) {
		t.Error("newer ledger was changed")
	}
}

func TestOpenReadOnlyLocation(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "只读")
	os.Mkdir(dir, 0o755)
	p := filepath.Join(dir, "只读.taizhang")
	l, _ := Create(p, Info{Unit: "单位"}, Options{NoDailyBackup: true})
	l.AddOpinion(Opinion{Text: "原有意见", Channel: "意见箱"})
	l.Close()
	before, _ := os.ReadFile(p)
	// Root ignores permission bits, so make the folder immutable instead.
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot make a read-only folder here: chattr: %v %s", err, out)
		}
		defer exec.Command("chattr", "-i", dir).Run()
	} else {
		os.Chmod(dir, 0o555)
		defer os.Chmod(dir, 0o755)
	}
	if _, err := Open(p); err == nil || !strings.Contains(Message(err), "不可写") {
		t.Errorf("read-only folder: %v", err)
	}
	if after, _ := os.ReadFile(p); string(after) != string(before) {
		t.Error("the ledger in a read-only folder was changed")
	}
}

func TestCreateRefusesExistingFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "已有.taizhang")
	os.WriteFile(p, []byte("重要的东西"), 0o644)
	if _, err := Create(p, Info{Unit: "单位"}); err == nil {
		t.Fatal("Create overwrote a file")
	}
	if got, _ := os.ReadFile(p); string(got) != "重要的东西" {
		t.Error("the existing file was changed")
	}
}

func TestMigrationFromVersion1(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "旧版.taizhang")
	os.WriteFile(p, nil, 0o644)
	l, err := openDB(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.migrateTo(1); err != nil {
		t.Fatal(err)
	}
	// Data as version 1 stored it.
	l.db.Exec(`INSERT INTO meta(key, value) VALUES('unit', '老单位')`)
	l.db.Exec(`INSERT INTO opinions(text, channel, created, updated) VALUES('版本1的意见', '座谈会', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`)
	l.Close()

	l, err = Open(p, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var v int
	l.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != SchemaVersion {
		t.Errorf("user_version = %d, want %d", v, SchemaVersion)
	}
	os, err := l.Opinions(Filter{})
	if err != nil || len(os) != 1 || os[0].Text != "版本1的意见" {
		t.Fatalf("opinions after upgrade: %v, %v", os, err)
	}
	if info, _ := l.Info(); info.Unit != "老单位" {
		t.Errorf("unit = %q", info.Unit)
	}
	bs, _ := l.Backups()
	if len(bs) != 1 || bs[0].Reason != "升级前" {
		t.Errorf("backups after upgrade: %+v", bs)
	}
	// The new columns work.
	if _, err := l.AddOpinion(Opinion{Text: "新意见", Title: "标题", Channel: "意见箱", Attrs: map[string]string{"性别": "男"}}); err != nil {
		t.Fatal(err)
	}
	if s, _ := l.IntegrityCheck(); s != "ok" {
		t.Errorf("integrity_check: %s", s)
	}
}

func TestBackupsRollAndRestore(t *testing.T) {
	l := newTestLedger(t)
	clock := time.Date(2026, 11, 26, 9, 0, 0, 0, time.Local)
	l.opts.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	l.AddOpinion(Opinion{Text: "第一条", Channel: "意见箱"})
	first, err := l.Backup("手动")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 12; i++ {
		l.AddOpinion(Opinion{Text: "更多", Channel: "意见箱"})
		if _, err := l.Backup("手动"); err != nil {
			t.Fatal(err)
		}
	}
	bs, _ := l.Backups()
	if len(bs) != KeepBackups {
		t.Fatalf("%d backups kept, want %d", len(bs), KeepBackups)
	}
	if !bs[0].Time.After(bs[1].Time) {
		t.Error("backups not newest first")
	}
	if _, err := os.Stat(first.Path); err == nil {
		t.Error("the oldest backup was not pruned")
	}
	// Restore the oldest kept backup: backups 0..2 were pruned, so the oldest
	// kept one (made after the third more) holds 1+3 opinions.
	path, oldest := l.Path(), bs[len(bs)-1]
	l.Close()
	r, err := Restore(path, oldest.Path, Options{NoDailyBackup: true, BackupDir: filepath.Dir(oldest.Path)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, _ := r.Stats()
	if s.Opinions != 4 {
		t.Errorf("restored ledger has %d opinions, want 4", s.Opinions)
	}
	bs, _ = r.Backups()
	if bs[0].Reason != "恢复前" {
		t.Errorf("no 恢复前 backup before restoring: %+v", bs[0])
	}
}

func TestDailyBackupOncePerDay(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "每日.taizhang")
	l, _ := Create(p, Info{Unit: "单位"})
	l.Close()
	for i := 0; i < 3; i++ {
		l, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		l.Close()
	}
	l, _ = Open(p)
	defer l.Close()
	bs, _ := l.Backups()
	if len(bs) != 1 || bs[0].Reason != "每日" {
		t.Errorf("backups = %+v, want one 每日", bs)
	}
}

func TestParseDateTime(t *testing.T) {
	for in, want := range map[string][2]string{
		"2019/2/28 11:25:05":        {"2019-02-28", "11:25:05"},
		"2017-06-08 17:31:20":       {"2017-06-08", "17:31:20"},
		"4/8/19 08:37":              {"2019-04-08", "08:37:00"},
		"2019年2月28日":                {"2019-02-28", ""},
		"2026.11.26":                {"2026-11-26", ""},
		"20261126":                  {"2026-11-26", ""},
		"2026-11-26T10:00:00+08:00": {"2026-11-26", "10:00:00"},
	} {
		d, c, ok := ParseDateTime(in)
		if !ok || d != want[0] || c != want[1] {
			t.Errorf("ParseDateTime(%q) = %q %q %v, want %q %q", in, d, c, ok, want[0], want[1])
		}
	}
	for _, bad := range []string{"", "昨天", "2019/2/30", "13/45/19", "2019-02-28 25:00"} {
		if _, _, ok := ParseDateTime(bad); ok {
			t.Errorf("ParseDateTime(%q) accepted", bad)
		}
	}
	if d, c, ok := ExcelSerialDate(43524.475752); !ok || d != "2019-02-28" || c != "11:25:05" {
		t.Errorf("ExcelSerialDate = %s %s %v", d, c, ok)
	}
}

// TestHeaderCurrentWhileOpen: another process reads the header while the
// ledger is open in WAL mode; it must already say "ledger, current schema".
func TestHeaderCurrentWhileOpen(t *testing.T) {
	p := filepath.Join(t.TempDir(), "打开中.taizhang")
	l, err := Create(p, Info{Unit: "单位"}, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if v, err := inspect(p); err != nil || v != SchemaVersion {
		t.Fatalf("header of an open ledger: version %d, %v", v, err)
	}
	l2, err := Open(p, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatalf("second open while the first is open: %v", err)
	}
	l2.Close()
}
