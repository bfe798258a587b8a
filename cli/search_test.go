package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSearchCommand(t *testing.T) {
	p := newLedgerFile(t) // members 张明 (主持全面工作) and 李红
	idx := filepath.Join(t.TempDir(), "index")
	for _, a := range [][]string{
		{"--channel", "意见箱", "--target", "张明", "--submitter", "赵保密", "--contact", "13800000000", "小区广场舞噪音扰民"},
		{"--channel", "座谈会", "--target", "李红", "工地夜间施工噪音大"},
		{"--channel", "座谈会", "--target", "班子", "医保报销手续繁琐，噪音问题也没人管"},
		{"--channel", "网络征集", "公务用车私用"},
	} {
		mustRun(t, append([]string{"add", p}, a...)...)
	}
	search := func(args ...string) SearchJSON {
		t.Helper()
		out := mustRun(t, append([]string{"search", p, "--json", "--index-dir", idx}, args...)...)
		var r SearchJSON
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if r.Total != len(r.Hits) {
			t.Fatalf("total %d, %d hits", r.Total, len(r.Hits))
		}
		return r
	}
	texts := func(r SearchJSON) []string {
		var out []string
		for _, h := range r.Hits {
			out = append(out, h.Text)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"噪音"}, []string{"医保报销手续繁琐，噪音问题也没人管", "小区广场舞噪音扰民", "工地夜间施工噪音大"}},
		{[]string{"噪音", "-广场舞"}, []string{"医保报销手续繁琐，噪音问题也没人管", "工地夜间施工噪音大"}},
		{[]string{"噪音 施工"}, []string{"工地夜间施工噪音大"}},
		{[]string{"噪音", "施工"}, []string{"工地夜间施工噪音大"}},
		{[]string{`"夜间 施工"`}, []string{"工地夜间施工噪音大"}},
		{[]string{"医保"}, []string{"医保报销手续繁琐，噪音问题也没人管"}},
		{[]string{"噪音", "--channel", "座谈会"}, []string{"医保报销手续繁琐，噪音问题也没人管", "工地夜间施工噪音大"}},
		{[]string{"噪音", "--leader", "李红"}, []string{"工地夜间施工噪音大"}},
		{[]string{"噪音", "--leader", "班子"}, []string{"医保报销手续繁琐，噪音问题也没人管"}},
		{[]string{"公车", "--synonyms=false"}, nil},
		{[]string{"公车"}, []string{"公务用车私用"}},
		{[]string{"赵保密"}, nil},
	}
	for _, tt := range tests {
		r := search(tt.args...)
		if got := texts(r); !slices.Equal(got, tt.want) {
			t.Errorf("search %q: %q, want %q", tt.args, got, tt.want)
		}
		for _, h := range r.Hits {
			if h.Kind != "opinion" || h.ID == 0 || !strings.Contains(h.Highlight, "<mark>") {
				t.Errorf("search %q: hit %+v", tt.args, h)
			}
		}
	}
	// Plain output names the submitter nowhere.
	out := mustRun(t, "search", p, "噪音", "--index-dir", idx)
	if !strings.Contains(out, "共找到 3 条") || !strings.Contains(out, "【噪音】") || strings.Contains(out, "赵保密") {
		t.Errorf("plain output:\n%s", out)
	}
	// Nothing contains 施工噪声 as written; related results share pairs with it.
	r := search("施工噪声")
	if r.Total != 0 || len(r.Related) == 0 || r.Related[0].Text != "工地夜间施工噪音大" {
		t.Errorf("施工噪声: total %d, related %+v", r.Total, r.Related)
	}
	if code, _, errs := run(t, "", "search", p, "噪音", "--category", "不知道", "--index-dir", idx); code == 0 || !strings.Contains(errs, "类别") {
		t.Errorf("unknown category: exit %d, %s", code, errs)
	}
}
