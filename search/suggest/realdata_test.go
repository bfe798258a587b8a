package suggest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestRealMessagesGroups proposes groups for the 4,326 real messages and
// checks that messages a citizen sent more than once under the same title
// end up in one group. With SUGGEST_DUMP=path it writes the groups there
// for a person to read.
func TestRealMessagesGroups(t *testing.T) {
	msgs := loadMessages(t)
	in := Input{}
	for i, msg := range msgs {
		in.Opinions = append(in.Opinions, Opinion{ID: int64(i + 1), Title: msg.Title, Text: msg.Text})
	}
	m, err := Build(context.Background(), nil, in, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	gs, err := m.Groups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	groupOf := map[int64]int{}
	grouped := 0
	for k, g := range gs {
		grouped += len(g.Opinions)
		for _, id := range g.Opinions {
			groupOf[id] = k + 1
		}
	}
	t.Logf("%d groups holding %d of %d messages", len(gs), grouped, len(msgs))
	byTitle := map[string][]int64{}
	for i, msg := range msgs {
		byTitle[msg.Title] = append(byTitle[msg.Title], int64(i+1))
	}
	together, total := 0, 0
	for _, ids := range byTitle {
		if len(ids) < 2 {
			continue
		}
		total++
		g := groupOf[ids[0]]
		same := g != 0
		for _, id := range ids[1:] {
			same = same && groupOf[id] == g
		}
		if same {
			together++
		}
	}
	t.Logf("titles sent more than once: %d of %d kept together", together, total)
	if together*10 < total*7 {
		t.Errorf("only %d of %d repeated titles kept in one group", together, total)
	}
	if path := os.Getenv("SUGGEST_DUMP"); path != "" {
		var b strings.Builder
		for _, g := range gs {
			fmt.Fprintf(&b, "== %s [%s] %d 条 %s | %s\n", g.Title, g.Category.Category, len(g.Opinions), g.Key, g.Reason)
			for k, id := range g.Opinions {
				if k == 8 {
					fmt.Fprintf(&b, "   …\n")
					break
				}
				fmt.Fprintf(&b, "   %d %s\n", id, msgs[id-1].Title)
			}
		}
		os.WriteFile(path, []byte(b.String()), 0o644)
	}
}

// TestGroupsAreTheSameRunAfterRun: the proposals do not depend on map
// order or on how the work was spread over the processors.
func TestGroupsAreTheSameRunAfterRun(t *testing.T) {
	msgs := loadMessages(t)
	in := Input{}
	for i, msg := range msgs[:1500] {
		in.Opinions = append(in.Opinions, Opinion{ID: int64(i + 1), Title: msg.Title, Text: msg.Text})
	}
	var first string
	for run := 0; run < 3; run++ {
		m, err := Build(context.Background(), nil, in, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		gs, err := m.Groups(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(gs)
		if run == 0 {
			first = got
		} else if got != first {
			t.Fatalf("run %d proposed other groups than run 0", run)
		}
	}
}
