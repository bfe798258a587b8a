package suggest

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"taizhang/ledger"
)

// loadSmoke reads testdata/dev-smoke.tsv: a few dozen opinions written to
// build and smoke-test the engine (see its header). Figures reported in
// the package doc come from the labelled set, never from this file.
func loadSmoke(t testing.TB) Labelled {
	t.Helper()
	f, err := os.Open("testdata/dev-smoke.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set := Labelled{Name: "dev-smoke"}
	ids := map[string]int64{ledger.TeamName: ledger.TeamID}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#members\t") {
			c := strings.Split(line, "\t")
			id := int64(len(set.Members) + 1)
			set.Members = append(set.Members, ledger.Leader{ID: id, Name: c[1], Post: c[2], Portfolio: c[3], Position: len(set.Members)})
			ids[c[1]] = id
			continue
		}
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 5 {
			t.Fatalf("dev-smoke.tsv: %q has %d columns", line, len(c))
		}
		o := LabelledOpinion{ID: int64(len(set.Opinions) + 1), Group: c[0], Category: c[1], NotOpinion: c[3] == "1", Text: c[4], Targets: []int64{}}
		if strings.HasPrefix(o.Group, "single") || o.NotOpinion {
			o.Group = ""
		}
		if c[2] != "" {
			for _, n := range strings.Split(c[2], "|") {
				id, ok := ids[n]
				if !ok {
					t.Fatalf("dev-smoke.tsv: unknown target %q", n)
				}
				o.Targets = append(o.Targets, id)
			}
		}
		set.Opinions = append(set.Opinions, o)
	}
	return set
}
