package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(name string) string {
	return filepath.Join("..", "ledger", "importer", "testdata", name)
}

type importOut struct {
	Imported int `json:"imported"`
	Existing int `json:"existing"`
	Blank    int `json:"blank"`
	Failed   int `json:"failed"`
	Files    []struct {
		Path   string `json:"path"`
		OK     bool   `json:"ok"`
		Error  string `json:"error"`
		Result struct {
			Channel string `json:"channel"`
			Kind    string `json:"kind"`
		} `json:"result"`
	} `json:"files"`
}

func TestImportCommand(t *testing.T) {
	p := newLedgerFile(t)
	out := mustRun(t, "import", p, fixture("wjx.xlsx"), "--json")
	var r importOut
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err, out)
	}
	if r.Imported != 5 || r.Blank != 7 || r.Existing != 0 || len(r.Files) != 1 || r.Files[0].Result.Channel != "问卷调查" {
		t.Fatalf("%+v", r)
	}
	out = mustRun(t, "import", p, fixture("wjx.xlsx"))
	if !strings.Contains(out, "已导入过：5 条") || !strings.Contains(out, "新增 0 条") {
		t.Errorf("second import says %q", out)
	}
}

func TestImportCommandRefusesAndContinues(t *testing.T) {
	p := newLedgerFile(t)
	empty := filepath.Join(t.TempDir(), "空.xlsx")
	os.WriteFile(empty, nil, 0o644)
	before := mustRun(t, "stats", p, "--json")

	code, _, errs := run(t, "", "import", p, empty)
	if code != 1 || !strings.Contains(errs, "空.xlsx") || !strings.Contains(errs, "台账未改动") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if after := mustRun(t, "stats", p, "--json"); after != before {
		t.Errorf("stats changed:\n%s\n%s", before, after)
	}

	// Several files: the bad one is reported, the others imported, exit 1.
	code, out, errs := run(t, "", "import", p, empty, fixture("gbk.csv"), "--channel", "意见箱", "--json")
	var r importOut
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err, out)
	}
	if code != 1 || r.Failed != 1 || r.Imported != 2 || r.Files[0].OK || !r.Files[1].OK || !strings.Contains(r.Files[0].Error, "空.xlsx") {
		t.Errorf("exit %d %+v %s", code, r, errs)
	}
}

func TestImportCommandColumns(t *testing.T) {
	p := newLedgerFile(t)
	csv := filepath.Join(t.TempDir(), "意见箱.csv")
	os.WriteFile(csv, []byte("编号,话,时间\n1,会议太多,2026-11-01\n"), 0o644)
	code, _, errs := run(t, "", "import", p, csv)
	if code != 1 || !strings.Contains(errs, "--text-col") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	out := mustRun(t, "import", p, csv, "--text-col", "话", "--date-col", "C")
	if !strings.Contains(out, "新增 1 条") || !strings.Contains(out, "意见=话") || !strings.Contains(out, "日期=时间") {
		t.Errorf("%s", out)
	}
	code, _, errs = run(t, "", "import", p, csv, "--text-col", "不存在")
	if code != 1 || !strings.Contains(errs, "找不到列") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestImportCommandHeaderRow(t *testing.T) {
	p := newLedgerFile(t)
	csv := filepath.Join(t.TempDir(), "意见箱.csv")
	os.WriteFile(csv, []byte("十一月,,\n编号,话,时间\n1,会议太多,2026-11-01\n"), 0o644)
	out := mustRun(t, "import", p, csv, "--header-row", "2", "--text-col", "2")
	if !strings.Contains(out, "新增 1 条") || !strings.Contains(out, "表头在第2行") || !strings.Contains(out, "日期=时间") {
		t.Errorf("%s", out)
	}
}
