// Package suggest proposes how to sort unsorted opinions: groups, the likely
// problem, a category and a target (issue 12). This file holds the loader of
// the labelled set that measures those proposals (testdata/labelled, see its
// README.md); it uses the standard library only.
package suggest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// LabelledDir is the folder of the labelled set, relative to this package.
const LabelledDir = "testdata/labelled"

// The files of the labelled set. Each is tab-separated UTF-8 with a header
// row; lines that start with # are comments.
const (
	TeamFile     = "team.tsv"     // name, post, portfolio
	GroupsFile   = "groups.tsv"   // group, source, category, title, near
	OpinionsFile = "opinions.tsv" // id, group, category, targets, forms, channel, flag, also, text
	MessagesFile = "messages.tsv" // group, message_id, row, note
	SplitFile    = "split.tsv"    // unit, part
)

// Where a group or an item comes from.
const (
	SourceWritten = "written" // opinions written for the set (opinions.tsv)
	SourceReal    = "real"    // real messages marked by hand, stored by reference (messages.tsv)
)

// The two parts of the split.
const (
	PartDev     = "dev"
	PartHeldOut = "held-out"
)

// Flags of answers that are not opinions.
const (
	FlagBlank = "blank" // says there is nothing to say: a blank at import
	FlagAside = "aside" // may say something; proposed for 不计入, a person decides
)

// How a target is named in an opinion.
const (
	FormName        = "name"         // 王建国, 张伟副县长
	FormSurnamePost = "surname_post" // 王书记, 刘部长, 张常务
	FormPost        = "post"         // 县长, 组织部长, 一把手, 纪委书记
	FormPortfolio   = "portfolio"    // 分管教育的副县长, 管水利的县领导
	FormTeam        = "team"         // 班子, 县委, 县委县政府, 县领导, 领导们
	FormAmbiguous   = "ambiguous"    // 张县长 with nothing to tell the two 张 apart: every candidate is listed
)

// TeamTarget names the team as a whole in targets (the ledger's TeamName).
const TeamTarget = "领导班子"

// The labels' vocabularies. They mirror ledger.Categories and ledger.Channels
// (a test checks that they agree) so that this loader imports nothing.
var (
	labelledCategories = []string{"形式主义", "官僚主义", "享乐主义", "奢靡之风", "其他·工作问题"}
	labelledChannels   = []string{"实地走访", "座谈会", "个别约谈", "问卷调查", "网络征集", "意见箱", "专线电话", "信访来访"}
	labelledForms      = []string{FormName, FormSurnamePost, FormPost, FormPortfolio, FormTeam, FormAmbiguous}
)

// Member is a member of the leadership team the written opinions speak of.
type Member struct {
	Name      string
	Post      string // 职务
	Portfolio string // 分工
}

// Group is one problem as a careful reader would sort it: the opinions or
// messages that say the same thing.
type Group struct {
	ID       string   // F01 … (written), R01 … (real messages)
	Source   string   // SourceWritten or SourceReal
	Category string   // one of the five categories
	Title    string   // what the opinions say, in a few words
	Near     []string // groups that look alike but must stay apart
	Part     string   // PartDev or PartHeldOut
}

// Item is one written opinion, one answer that is not an opinion, or one
// real message.
type Item struct {
	ID       string   // w001 … for written items, m<留言编号> for real messages
	Source   string   // SourceWritten or SourceReal
	Group    string   // "" for answers that are not opinions
	Category string   // the group's category; "" when Group is ""
	Targets  []string // member names and/or TeamTarget; empty when the text names nobody
	Forms    []string // how each target is named, one per target
	Channel  string   // one of the eight channels
	Flag     string   // "", FlagBlank or FlagAside
	Also     string   // a second group an opinion mixing two complaints also speaks to
	Text     string   // the opinion; for real messages 留言详情, filled by AttachMessages
	Part     string   // the part of its group, or its own part when Group is ""

	// Real messages only.
	MessageID string // 留言编号
	Row       int    // sheet row in tipdm2020-messages-4326.xlsx (the header is row 1)
	Title     string // 留言主题, filled by AttachMessages
	Note      string // the labeller's note (mixed complaints, verbatim copies)
}

// IsOpinion reports whether the item is an opinion (not flagged blank or aside).
func (it Item) IsOpinion() bool { return it.Flag == "" }

// Set is the labelled set: the team, the groups and the items.
type Set struct {
	Dir    string
	Team   []Member
	Groups []Group // in file order: written groups, then real ones
	Items  []Item  // written items in file order, then real messages
}

// Message is one row of the real messages' sheet, as AttachMessages takes it.
type Message struct {
	ID    string // 留言编号
	Title string // 留言主题
	Text  string // 留言详情
}

// LabelError is a fault in one line of one file of the set.
type LabelError struct {
	File string // e.g. opinions.tsv
	Line int    // 1-based; 0 when the fault is not on one line
	Msg  string
}

func (e *LabelError) Error() string {
	if e.Line == 0 {
		return "labelled " + e.File + ": " + e.Msg
	}
	return fmt.Sprintf("labelled %s:%d: %s", e.File, e.Line, e.Msg)
}

// LoadLabelled reads the labelled set in dir and checks it: unique ids, known
// categories, channels and forms, targets that name team members or the team,
// every group with at least one item, item categories equal to their group's,
// and a split that gives every group and every ungrouped answer exactly one
// part. Real messages come without their texts (see AttachMessages). The
// first fault found is returned as a *LabelError.
func LoadLabelled(dir string) (Set, error) {
	s := Set{Dir: dir}
	var err error
	if s.Team, err = readTeam(dir); err != nil {
		return Set{}, err
	}
	if s.Groups, err = readGroups(dir); err != nil {
		return Set{}, err
	}
	if s.Items, err = readOpinions(dir, &s); err != nil {
		return Set{}, err
	}
	real, err := readMessages(dir, &s)
	if err != nil {
		return Set{}, err
	}
	s.Items = append(s.Items, real...)
	if err := checkGroupsUsed(&s); err != nil {
		return Set{}, err
	}
	if err := readSplit(dir, &s); err != nil {
		return Set{}, err
	}
	return s, nil
}

// AttachMessages fills the title and text of every real message from the
// sheet's rows (keyed by sheet row). A referenced row that is missing, or
// whose 留言编号 differs from the reference, is an error naming both.
func (s *Set) AttachMessages(rows map[int]Message) error {
	for i := range s.Items {
		it := &s.Items[i]
		if it.Source != SourceReal {
			continue
		}
		m, ok := rows[it.Row]
		if !ok {
			return &LabelError{File: MessagesFile, Msg: fmt.Sprintf("留言编号 %s: row %d is not in the sheet", it.MessageID, it.Row)}
		}
		if strings.TrimSpace(m.ID) != it.MessageID {
			return &LabelError{File: MessagesFile, Msg: fmt.Sprintf("row %d holds 留言编号 %s, not %s", it.Row, m.ID, it.MessageID)}
		}
		if strings.TrimSpace(m.Text) == "" {
			return &LabelError{File: MessagesFile, Msg: fmt.Sprintf("留言编号 %s (row %d) has no text", it.MessageID, it.Row)}
		}
		it.Title, it.Text = m.Title, m.Text
	}
	return nil
}

// Group returns the group with this id.
func (s *Set) Group(id string) (Group, bool) {
	i := slices.IndexFunc(s.Groups, func(g Group) bool { return g.ID == id })
	if i < 0 {
		return Group{}, false
	}
	return s.Groups[i], true
}

// Opinions returns the items that are opinions, of one source ("" for both)
// and one part ("" for both).
func (s *Set) Opinions(source, part string) []Item {
	var out []Item
	for _, it := range s.Items {
		if it.IsOpinion() && (source == "" || it.Source == source) && (part == "" || it.Part == part) {
			out = append(out, it)
		}
	}
	return out
}

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
