package suggest

// Reading and checking the files of the labelled set (see LoadLabelled).

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// table is a TSV file read by header names.
type table struct {
	file string
	cols map[string]int
	rows [][]string
	line []int // the file line of each row
}

func readTable(dir, file string, want ...string) (*table, error) {
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		return nil, &LabelError{File: file, Msg: err.Error()}
	}
	defer f.Close()
	t := &table{file: file}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if t.cols == nil {
			t.cols = map[string]int{}
			for i, c := range fields {
				t.cols[c] = i
			}
			for _, c := range want {
				if _, ok := t.cols[c]; !ok {
					return nil, &LabelError{File: file, Line: n, Msg: "header has no column " + c}
				}
			}
			continue
		}
		if len(fields) != len(t.cols) {
			return nil, &LabelError{File: file, Line: n, Msg: fmt.Sprintf("%d fields, the header has %d", len(fields), len(t.cols))}
		}
		t.rows = append(t.rows, fields)
		t.line = append(t.line, n)
	}
	if err := sc.Err(); err != nil {
		return nil, &LabelError{File: file, Msg: err.Error()}
	}
	if t.cols == nil {
		return nil, &LabelError{File: file, Msg: "no header row"}
	}
	return t, nil
}

func (t *table) get(row int, col string) string { return strings.TrimSpace(t.rows[row][t.cols[col]]) }

func (t *table) fault(row int, format string, args ...any) error {
	return &LabelError{File: t.file, Line: t.line[row], Msg: fmt.Sprintf(format, args...)}
}

// list splits a ;-separated field; an empty field is an empty list.
func list(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ";")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func readTeam(dir string) ([]Member, error) {
	t, err := readTable(dir, TeamFile, "name", "post", "portfolio")
	if err != nil {
		return nil, err
	}
	var team []Member
	for r := range t.rows {
		m := Member{Name: t.get(r, "name"), Post: t.get(r, "post"), Portfolio: t.get(r, "portfolio")}
		switch {
		case m.Name == "" || m.Post == "":
			return nil, t.fault(r, "a member needs a name and a post")
		case m.Name == TeamTarget:
			return nil, t.fault(r, "%s names the team, not a member", TeamTarget)
		case slices.ContainsFunc(team, func(o Member) bool { return o.Name == m.Name }):
			return nil, t.fault(r, "member %s twice", m.Name)
		}
		team = append(team, m)
	}
	if len(team) == 0 {
		return nil, &LabelError{File: TeamFile, Msg: "no members"}
	}
	return team, nil
}

func readGroups(dir string) ([]Group, error) {
	t, err := readTable(dir, GroupsFile, "group", "source", "category", "title", "near")
	if err != nil {
		return nil, err
	}
	var groups []Group
	seen := map[string]bool{}
	for r := range t.rows {
		g := Group{ID: t.get(r, "group"), Source: t.get(r, "source"), Category: t.get(r, "category"),
			Title: t.get(r, "title"), Near: list(t.get(r, "near"))}
		switch {
		case g.ID == "" || strings.ContainsAny(g.ID, " ;"):
			return nil, t.fault(r, "bad group id %q", g.ID)
		case seen[g.ID]:
			return nil, t.fault(r, "group %s twice", g.ID)
		case g.Source != SourceWritten && g.Source != SourceReal:
			return nil, t.fault(r, "group %s: source %q is neither %s nor %s", g.ID, g.Source, SourceWritten, SourceReal)
		case !slices.Contains(labelledCategories, g.Category):
			return nil, t.fault(r, "group %s: unknown category %q", g.ID, g.Category)
		case g.Title == "":
			return nil, t.fault(r, "group %s has no title", g.ID)
		}
		seen[g.ID] = true
		groups = append(groups, g)
	}
	for r, g := range groups {
		for _, n := range g.Near {
			if !seen[n] || n == g.ID {
				return nil, t.fault(r, "group %s: near names %q, not another group", g.ID, n)
			}
		}
	}
	return groups, nil
}

func readOpinions(dir string, s *Set) ([]Item, error) {
	t, err := readTable(dir, OpinionsFile, "id", "group", "category", "targets", "forms", "channel", "flag", "also", "text")
	if err != nil {
		return nil, err
	}
	members := map[string]bool{TeamTarget: true}
	for _, m := range s.Team {
		members[m.Name] = true
	}
	seen := map[string]bool{}
	var items []Item
	for r := range t.rows {
		it := Item{ID: t.get(r, "id"), Source: SourceWritten, Group: t.get(r, "group"), Category: t.get(r, "category"),
			Targets: list(t.get(r, "targets")), Forms: list(t.get(r, "forms")), Channel: t.get(r, "channel"),
			Flag: t.get(r, "flag"), Also: t.get(r, "also"), Text: t.get(r, "text")}
		if it.ID == "" || seen[it.ID] {
			return nil, t.fault(r, "id %q is empty or used twice", it.ID)
		}
		seen[it.ID] = true
		if msg := checkItem(it, s, members); msg != "" {
			return nil, t.fault(r, "%s: %s", it.ID, msg)
		}
		items = append(items, it)
	}
	return items, nil
}

// checkItem returns what is wrong with a written item, or "".
func checkItem(it Item, s *Set, members map[string]bool) string {
	if it.Text == "" {
		return "no text"
	}
	if !slices.Contains(labelledChannels, it.Channel) {
		return fmt.Sprintf("unknown channel %q", it.Channel)
	}
	if it.Flag != "" {
		if it.Flag != FlagBlank && it.Flag != FlagAside {
			return fmt.Sprintf("flag %q is neither %s nor %s", it.Flag, FlagBlank, FlagAside)
		}
		if it.Group != "" || it.Category != "" || len(it.Targets) > 0 || it.Also != "" {
			return "an answer flagged " + it.Flag + " has no group, category, targets or also"
		}
		return ""
	}
	g, ok := s.Group(it.Group)
	switch {
	case !ok || g.Source != SourceWritten:
		return fmt.Sprintf("group %q is not a written group", it.Group)
	case it.Category != g.Category:
		return fmt.Sprintf("category %q differs from its group's %q", it.Category, g.Category)
	case len(it.Forms) != len(it.Targets):
		return fmt.Sprintf("%d targets but %d forms", len(it.Targets), len(it.Forms))
	}
	if it.Also != "" {
		if _, ok := s.Group(it.Also); !ok || it.Also == it.Group {
			return fmt.Sprintf("also %q is not another group", it.Also)
		}
	}
	ambiguous := 0
	for i, name := range it.Targets {
		form := it.Forms[i]
		switch {
		case !members[name]:
			return fmt.Sprintf("target %q is neither a team member nor %s", name, TeamTarget)
		case !slices.Contains(labelledForms, form):
			return fmt.Sprintf("unknown form %q", form)
		case (name == TeamTarget) != (form == FormTeam):
			return fmt.Sprintf("target %s with form %s: the form team goes with %s and only with it", name, form, TeamTarget)
		case slices.Index(it.Targets, name) != i:
			return fmt.Sprintf("target %s twice", name)
		}
		if form == FormAmbiguous {
			ambiguous++
		}
	}
	if ambiguous == 1 {
		return "an ambiguous name lists every candidate (at least two)"
	}
	return ""
}

func readMessages(dir string, s *Set) ([]Item, error) {
	t, err := readTable(dir, MessagesFile, "group", "message_id", "row", "note")
	if err != nil {
		return nil, err
	}
	ids, rows := map[string]bool{}, map[int]bool{}
	var items []Item
	for r := range t.rows {
		it := Item{Source: SourceReal, Group: t.get(r, "group"), MessageID: t.get(r, "message_id"),
			Channel: "网络征集", Note: t.get(r, "note")}
		g, ok := s.Group(it.Group)
		if !ok || g.Source != SourceReal {
			return nil, t.fault(r, "group %q is not a real-message group", it.Group)
		}
		it.Category = g.Category
		if _, err := strconv.ParseUint(it.MessageID, 10, 64); err != nil || ids[it.MessageID] {
			return nil, t.fault(r, "留言编号 %q is not a number or is used twice", it.MessageID)
		}
		row, err := strconv.Atoi(t.get(r, "row"))
		if err != nil || row < 2 || rows[row] {
			return nil, t.fault(r, "row %q is not a data row (2 or more) or is used twice", t.get(r, "row"))
		}
		it.Row, it.ID = row, "m"+it.MessageID
		ids[it.MessageID], rows[row] = true, true
		items = append(items, it)
	}
	return items, nil
}

func checkGroupsUsed(s *Set) error {
	used := map[string]bool{}
	for _, it := range s.Items {
		used[it.Group] = true
	}
	for _, g := range s.Groups {
		if !used[g.ID] {
			file := OpinionsFile
			if g.Source == SourceReal {
				file = MessagesFile
			}
			return &LabelError{File: file, Msg: "group " + g.ID + " has no items"}
		}
	}
	return nil
}

func readSplit(dir string, s *Set) error {
	t, err := readTable(dir, SplitFile, "unit", "part")
	if err != nil {
		return err
	}
	part := map[string]string{}
	for r := range t.rows {
		u, p := t.get(r, "unit"), t.get(r, "part")
		if p != PartDev && p != PartHeldOut {
			return t.fault(r, "%s: part %q is neither %s nor %s", u, p, PartDev, PartHeldOut)
		}
		if _, dup := part[u]; dup {
			return t.fault(r, "unit %s twice", u)
		}
		part[u] = p
	}
	need := map[string]bool{}
	for i := range s.Groups {
		g := &s.Groups[i]
		need[g.ID] = true
		g.Part = part[g.ID]
	}
	for i := range s.Items {
		it := &s.Items[i]
		unit := it.Group
		if unit == "" {
			unit = it.ID
		}
		need[unit] = true
		it.Part = part[unit]
	}
	var missing, extra []string
	for u := range need {
		if part[u] == "" {
			missing = append(missing, u)
		}
	}
	for u := range part {
		if !need[u] {
			extra = append(extra, u)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	switch {
	case len(missing) > 0:
		return &LabelError{File: SplitFile, Msg: "no part for " + strings.Join(missing, ", ")}
	case len(extra) > 0:
		return &LabelError{File: SplitFile, Msg: "parts for units that are neither groups nor ungrouped answers: " + strings.Join(extra, ", ")}
	}
	return nil
}
