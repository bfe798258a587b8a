package ledger

import (
	"strings"
	"testing"
)

// privateOpinion is an opinion with a submitter and identifying attributes.
func privateOpinion(text string) Opinion {
	return Opinion{Text: text, Channel: "意见箱",
		Submitter: Submitter{Name: "欧阳锦绣", Unit: "锦绣花园业委会", Contact: "13987650123"},
		Attrs:     map[string]string{"来自IP": "203.0.113.77", "联系电话": "13811112222", "1、您的年龄段": "36至45岁"}}
}

func leaks(s string) bool {
	for _, x := range []string{"欧阳锦绣", "锦绣花园业委会", "13987650123", "203.0.113.77", "13811112222"} {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func TestReadsArePublicUnlessInternalIsAsked(t *testing.T) {
	l := newTestLedger(t)
	id, err := l.AddOpinion(privateOpinion("窗口午休无人值守"))
	if err != nil {
		t.Fatal(err)
	}
	public := func(o Opinion) {
		t.Helper()
		if !o.Submitter.IsZero() || len(o.Attrs) != 1 || o.Attrs["1、您的年龄段"] != "36至45岁" || o.Text != "窗口午休无人值守" {
			t.Errorf("public view: %+v", o)
		}
	}
	o, err := l.Opinion(id)
	if err != nil {
		t.Fatal(err)
	}
	public(o)
	all, _ := l.Opinions(Filter{})
	public(all[0])
	l.EachOpinion(Filter{}, func(o Opinion) error { public(o); return nil })

	whole := func(o Opinion) {
		t.Helper()
		if o.Submitter.Name != "欧阳锦绣" || o.Submitter.Contact != "13987650123" || o.Attrs["来自IP"] != "203.0.113.77" || len(o.Attrs) != 3 {
			t.Errorf("internal view: %+v", o)
		}
	}
	v := l.Internal()
	o, _ = v.Opinion(id)
	whole(o)
	all, _ = v.Opinions(Filter{})
	whole(all[0])
	v.EachOpinion(Filter{}, func(o Opinion) error { whole(o); return nil })
	if _, err := v.Opinion(id + 1); err == nil || !strings.Contains(Message(err), "找不到") {
		t.Errorf("missing opinion: %v", err)
	}
}

func TestTheChangeLogIsPublic(t *testing.T) {
	l := newTestLedger(t)
	var heard []Change
	l.OnChange(func(c Change) { heard = append(heard, c) })
	b, err := NewBoard(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"第一条", "第二条"} {
		if _, err := l.AddOpinion(privateOpinion(text)); err != nil {
			t.Fatal(err)
		}
	}
	cs, err := l.Changes(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(cs, heard...) {
		if leaks(string(c.After)) || leaks(string(c.Before)) {
			t.Errorf("change %s carries personal details: %s", c.Action, c.After)
		}
	}
	if len(heard) != 2 || !strings.Contains(string(heard[1].After), "第二条") {
		t.Errorf("listeners heard %d changes", len(heard))
	}
	// The board hears them whole: the two opinions of one person are one
	// submitter once they are in a problem.
	b.Sync()
	p, err := l.NewProblem(Problem{Title: "窗口", Category: Bureaucratism}, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	b.Sync()
	if c := b.Card(p); c == nil || c.Submitters != 1 {
		t.Errorf("board card %+v: want 1 submitter", c)
	}
}
