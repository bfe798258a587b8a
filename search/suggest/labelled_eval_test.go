package suggest

import (
	"strconv"
	"strings"
	"testing"

	"taizhang/ledger"
)

// realID is the opinion id of the real message on a sheet row: the same
// for a labelled message and for the unlabelled ones around it.
func realID(row int) int64 { return 100000 + int64(row) }

// labelledParts turns the labelled set (testdata/labelled) into the sets
// the harness measures: for each part (dev, held-out) the written opinions
// with the answers that are not opinions, and the real messages. The real
// messages are grouped among all 4,326 (Labelled.Background), as the
// labelled set asks, and scored on the labelled rows; without
// ../shared/data they are left out.
func labelledParts(tb testing.TB) []evalSet {
	s := labelledSet(tb)
	members := make([]ledger.Leader, len(s.Team))
	ids := map[string]int64{TeamTarget: ledger.TeamID}
	for i, m := range s.Team {
		members[i] = ledger.Leader{ID: int64(i + 1), Name: m.Name, Post: m.Post, Portfolio: m.Portfolio, Position: i}
		ids[m.Name] = int64(i + 1)
	}
	var background []Opinion
	haveReal := false
	for _, it := range s.Items {
		if it.Source == SourceReal && it.Text != "" {
			haveReal = true
		}
	}
	if haveReal {
		labelled := map[int]bool{}
		for _, it := range s.Items {
			if it.Source == SourceReal {
				labelled[it.Row] = true
			}
		}
		for _, m := range loadMessages(tb) {
			if !labelled[m.Row] {
				background = append(background, Opinion{ID: realID(m.Row), Title: m.Title, Text: m.Text})
			}
		}
	}
	var out []evalSet
	for _, part := range []string{PartDev, PartHeldOut} {
		written := Labelled{Name: part + "/书面", Members: members}
		real := Labelled{Name: part + "/留言", Background: background}
		for _, it := range s.Items {
			if it.Part != part {
				continue
			}
			o := LabelledOpinion{Group: it.Group, Category: it.Category, NotOpinion: it.Flag != ""}
			switch it.Source {
			case SourceWritten:
				n, err := strconv.Atoi(strings.TrimPrefix(it.ID, "w"))
				if err != nil {
					tb.Fatalf("labelled item %s: %v", it.ID, err)
				}
				o.ID, o.Text, o.Targets = int64(n), it.Text, []int64{}
				for _, t := range it.Targets {
					o.Targets = append(o.Targets, ids[t])
				}
				if o.NotOpinion {
					o.Category, o.Targets = "", nil
				}
				written.Opinions = append(written.Opinions, o)
			case SourceReal:
				if it.Text == "" {
					continue
				}
				o.ID, o.Title, o.Text = realID(it.Row), ledger.TrimText(it.Title), ledger.TrimText(it.Text)
				real.Opinions = append(real.Opinions, o)
			}
		}
		out = append(out, evalSet{written.Name, written})
		if len(real.Opinions) > 0 {
			out = append(out, evalSet{real.Name, real})
		}
	}
	return out
}
