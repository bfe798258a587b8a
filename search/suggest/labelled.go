// Package suggest proposes how to sort unsorted opinions: groups, the likely
// problem, a category and a target (issue 12). This file holds the loader of
// the labelled set that measures those proposals (testdata/labelled, see its
// README.md); it uses the standard library only.
package suggest

import (
	"fmt"
	"slices"
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
