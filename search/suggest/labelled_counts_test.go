package suggest

import (
	"fmt"
	"slices"
	"strings"
)

// countsMarkdown writes the counts of the set as the README shows them.
func countsMarkdown(s *Set) string {
	var b strings.Builder
	sizes := groupSizes(s)
	written, real := s.Opinions(SourceWritten, ""), s.Opinions(SourceReal, "")
	flags := map[string]int{}
	for _, it := range s.Items {
		flags[it.Flag]++
	}
	groups := map[string][]Group{}
	for _, g := range s.Groups {
		groups[g.Source] = append(groups[g.Source], g)
	}
	fmt.Fprintf(&b, "- Team: %d members (team.tsv).\n", len(s.Team))
	fmt.Fprintf(&b, "- Written: %d opinions in %d groups, plus %d answers that are not opinions (%d blank, %d aside).\n",
		len(written), len(groups[SourceWritten]), flags[FlagBlank]+flags[FlagAside], flags[FlagBlank], flags[FlagAside])
	fmt.Fprintf(&b, "- Real messages: %d in %d groups, by reference to tipdm2020-messages-4326.xlsx.\n", len(real), len(groups[SourceReal]))
	also, near := 0, 0
	for _, it := range written {
		if it.Also != "" {
			also++
		}
	}
	for _, g := range s.Groups {
		near += len(g.Near)
	}
	fmt.Fprintf(&b, "- %d written opinions mix two complaints (labelled with the main one, the other in `also`); %d near-miss links between groups (`near`, counted from both ends).\n\n", also, near)

	bands := []struct {
		name   string
		lo, hi int
	}{{"1", 1, 1}, {"2", 2, 2}, {"3–5", 3, 5}, {"6–10", 6, 10}, {"11–19", 11, 19}, {"20–29", 20, 29}, {"30+", 30, 1 << 30}}
	b.WriteString("| group size | written groups | real groups |\n|---|---:|---:|\n")
	for _, band := range bands {
		var w, r int
		for _, g := range s.Groups {
			if n := sizes[g.ID]; n >= band.lo && n <= band.hi {
				if g.Source == SourceWritten {
					w++
				} else {
					r++
				}
			}
		}
		fmt.Fprintf(&b, "| %s | %d | %d |\n", band.name, w, r)
	}
	var large []string
	for _, g := range s.Groups {
		if sizes[g.ID] >= 20 {
			large = append(large, fmt.Sprintf("%s %d", g.ID, sizes[g.ID]))
		}
	}
	fmt.Fprintf(&b, "\nGroups of 20 or more: %s.\n\n", strings.Join(large, ", "))

	b.WriteString("| category | written groups | written opinions | real groups | real messages |\n|---|---:|---:|---:|---:|\n")
	for _, c := range labelledCategories {
		var wg, wo, rg, ro int
		for _, g := range s.Groups {
			if g.Category != c {
				continue
			}
			if g.Source == SourceWritten {
				wg, wo = wg+1, wo+sizes[g.ID]
			} else {
				rg, ro = rg+1, ro+sizes[g.ID]
			}
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", c, wg, wo, rg, ro)
	}

	forms := map[string]int{}
	none, multi := 0, 0
	for _, it := range written {
		if len(it.Targets) == 0 {
			none++
		}
		if len(it.Targets) > 1 && !slices.Contains(it.Forms, FormAmbiguous) {
			multi++
		}
		for _, f := range it.Forms {
			forms[f]++
		}
	}
	b.WriteString("\n| how the target is named (written opinions) | targets |\n|---|---:|\n")
	for _, f := range labelledForms {
		fmt.Fprintf(&b, "| %s | %d |\n", f, forms[f])
	}
	fmt.Fprintf(&b, "| nobody named (no target) | %d opinions |\n", none)
	fmt.Fprintf(&b, "\n%d opinions name two members; an ambiguous name lists both candidates. Real messages have no targets (the officials they address are not this team).\n", multi)

	perMember := map[string]int{}
	for _, it := range written {
		for _, t := range it.Targets {
			perMember[t]++
		}
	}
	b.WriteString("\n| target | written opinions |\n|---|---:|\n")
	for _, m := range s.Team {
		fmt.Fprintf(&b, "| %s | %d |\n", m.Name, perMember[m.Name])
	}
	fmt.Fprintf(&b, "| %s | %d |\n", TeamTarget, perMember[TeamTarget])

	channels := map[string]int{}
	for _, it := range s.Items {
		if it.Source == SourceWritten {
			channels[it.Channel]++
		}
	}
	b.WriteString("\n| channel (written items) | items |\n|---|---:|\n")
	for _, c := range labelledChannels {
		fmt.Fprintf(&b, "| %s | %d |\n", c, channels[c])
	}

	b.WriteString("\n| part | written groups | written opinions | real groups | real messages | not-opinion answers |\n|---|---:|---:|---:|---:|---:|\n")
	for _, p := range []string{PartDev, PartHeldOut} {
		var wg, rg, ans int
		for _, g := range s.Groups {
			if g.Part == p {
				if g.Source == SourceWritten {
					wg++
				} else {
					rg++
				}
			}
		}
		for _, it := range s.Items {
			if it.Part == p && !it.IsOpinion() {
				ans++
			}
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", p, wg, len(s.Opinions(SourceWritten, p)), rg, len(s.Opinions(SourceReal, p)), ans)
	}
	var held []string
	for _, g := range s.Groups {
		if g.Part == PartHeldOut {
			held = append(held, g.ID)
		}
	}
	fmt.Fprintf(&b, "\nHeld-out groups: %s.\n", strings.Join(held, ", "))
	return b.String()
}
