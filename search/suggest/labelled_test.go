package suggest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"taizhang/ledger"
)

var update = flag.Bool("update", false, "rewrite the counts in testdata/labelled/README.md")

// TestLabelledSetMeetsTheBrief checks the sizes the labels slice promised:
// at least 520 written opinions in at least 55 groups of varied sizes, about
// 25 answers that are not opinions, at least 10 hand-marked groups of 3 or
// more real messages, and a held-out part of about 30% of the groups.
func TestLabelledSetMeetsTheBrief(t *testing.T) {
	s := labelledSet(t)
	written := s.Opinions(SourceWritten, "")
	sizes := groupSizes(&s)
	var wg, big, single, real3, held int
	for _, g := range s.Groups {
		n := sizes[g.ID]
		if g.Source == SourceWritten {
			wg++
			if n >= 20 {
				big++
			}
			if n == 1 {
				single++
			}
		} else if n >= 3 {
			real3++
		}
		if g.Part == PartHeldOut {
			held++
		}
	}
	answers := len(s.Items) - len(s.Opinions("", ""))
	share := float64(held) / float64(len(s.Groups))
	switch {
	case len(written) < 520:
		t.Errorf("%d written opinions, want 520 or more", len(written))
	case wg < 55:
		t.Errorf("%d written groups, want 55 or more", wg)
	case big < 3 || single < 3:
		t.Errorf("%d written groups of 20 or more and %d singletons, want a few of each", big, single)
	case answers < 20 || answers > 35:
		t.Errorf("%d answers flagged blank or aside, want about 25", answers)
	case real3 < 10:
		t.Errorf("%d real-message groups of 3 or more, want 10 or more", real3)
	case share < 0.25 || share > 0.35:
		t.Errorf("%d of %d groups held out (%.0f%%), want about 30%%", held, len(s.Groups), 100*share)
	}
	texts := map[string]string{}
	for _, it := range s.Items {
		if it.Source == SourceWritten {
			if id, dup := texts[it.Text]; dup {
				t.Errorf("%s and %s have the same text: %s", id, it.ID, it.Text)
			}
			texts[it.Text] = it.ID
		}
	}
	if len(s.Team) < 5 || len(s.Team) > 7 {
		t.Errorf("a team of %d, want 5 to 7 members", len(s.Team))
	}
	surnames := map[string]int{}
	for _, m := range s.Team {
		surnames[surname(m.Name)]++
	}
	if len(surnames) == len(s.Team) {
		t.Error("no shared surname in the team: 张县长 should be ambiguous somewhere")
	}
}

// TestLabelledVocabulariesMatchTheLedger keeps the loader's lists (it imports
// nothing) equal to the ledger's.
func TestLabelledVocabulariesMatchTheLedger(t *testing.T) {
	if !slices.Equal(labelledCategories, ledger.Categories) {
		t.Errorf("categories %v, the ledger has %v", labelledCategories, ledger.Categories)
	}
	if !slices.Equal(labelledChannels, ledger.Channels) {
		t.Errorf("channels %v, the ledger has %v", labelledChannels, ledger.Channels)
	}
	if TeamTarget != ledger.TeamName {
		t.Errorf("team target %q, the ledger names the team %q", TeamTarget, ledger.TeamName)
	}
}

// TestLabelledTargetsAreWrittenInTheText catches slips in the target labels:
// a name form means the name is in the text, a surname+post the surname, a
// team form one of the team's words, and an opinion that names nobody
// mentions no member.
func TestLabelledTargetsAreWrittenInTheText(t *testing.T) {
	s := labelledSet(t)
	teamWords := []string{"班子", "县委", "县政府", "县领导", "县里领导", "领导们", "各位领导", "个别领导"}
	postWords := []string{"书记", "县长", "部长", "一把手", "常务"}
	for _, it := range s.Opinions(SourceWritten, "") {
		for i, name := range it.Targets {
			ok := true
			switch it.Forms[i] {
			case FormName:
				ok = strings.Contains(it.Text, name)
			case FormSurnamePost, FormAmbiguous:
				ok = containsAny(it.Text, prefixed(surname(name), postWords))
			case FormPost:
				ok = containsAny(it.Text, postWords)
			case FormPortfolio:
				ok = strings.Contains(it.Text, "管")
			case FormTeam:
				ok = containsAny(it.Text, teamWords)
			}
			if !ok {
				t.Errorf("%s: target %s as %s, but the text does not say so: %s", it.ID, name, it.Forms[i], it.Text)
			}
		}
		if len(it.Targets) == 0 {
			for _, m := range s.Team {
				if strings.Contains(it.Text, m.Name) || containsAny(it.Text, prefixed(surname(m.Name), postWords)) {
					t.Errorf("%s names %s but has no target: %s", it.ID, m.Name, it.Text)
				}
			}
			if containsAny(it.Text, teamWords) && !teamWordsWithoutTheTeam[it.ID] {
				t.Errorf("%s speaks of the team but has no target: %s", it.ID, it.Text)
			}
		}
	}
}

// teamWordsWithoutTheTeam lists opinions that use a team word without
// speaking of this team (traps for a target detector, kept on purpose).
var teamWordsWithoutTheTeam = map[string]bool{
	"w387": true, // 晚上还要开班子会: any team's meeting, the complaint is the number of meetings
}

// TestLabelledSplitFollowsItsRule recomputes the split from its seed: within
// each stratum (source × group size 1, 2–10, 11–19, 20+; the flagged answers
// are one more stratum), units are ordered by SHA-256 of seed/unit and the
// first round(30%) are held out. A failure after an edit says which units
// would change part: decide by hand, never after looking at engine results.
func TestLabelledSplitFollowsItsRule(t *testing.T) {
	s := labelledSet(t)
	want := splitRule(&s)
	for _, g := range s.Groups {
		if g.Part != want[g.ID] {
			t.Errorf("group %s is %s, the rule says %s", g.ID, g.Part, want[g.ID])
		}
	}
	for _, it := range s.Items {
		if it.Group == "" && it.Part != want[it.ID] {
			t.Errorf("answer %s is %s, the rule says %s", it.ID, it.Part, want[it.ID])
		}
	}
}

// splitSeed is the seed of the split, fixed on 2026-12-01 before any
// suggestion engine existed.
const splitSeed = "taizhang-labels-2026-12-01"

func splitRule(s *Set) map[string]string {
	sizes := groupSizes(s)
	strata := map[string][]string{}
	for _, g := range s.Groups {
		key := g.Source + "/" + sizeBand(sizes[g.ID])
		strata[key] = append(strata[key], g.ID)
	}
	for _, it := range s.Items {
		if it.Group == "" {
			strata["answers"] = append(strata["answers"], it.ID)
		}
	}
	part := map[string]string{}
	for _, units := range strata {
		rank := func(u string) string {
			sum := sha256.Sum256([]byte(splitSeed + "/" + u))
			return hex.EncodeToString(sum[:])
		}
		slices.SortFunc(units, func(a, b string) int { return strings.Compare(rank(a), rank(b)) })
		held := int(0.3*float64(len(units)) + 0.5)
		for i, u := range units {
			part[u] = PartDev
			if i < held {
				part[u] = PartHeldOut
			}
		}
	}
	return part
}

func sizeBand(n int) string {
	switch {
	case n == 1:
		return "1"
	case n <= 10:
		return "2-10"
	case n <= 19:
		return "11-19"
	}
	return "20+"
}

// TestLabelledRealMessagesResolve reads the real messages from ../shared/data
// and checks that every reference finds its row with the same 留言编号 and a
// text; it skips when the data is absent.
func TestLabelledRealMessagesResolve(t *testing.T) {
	s := labelledSetWithMessages(t)
	n := 0
	for _, it := range s.Items {
		if it.Source != SourceReal {
			continue
		}
		n++
		if it.Text == "" || it.Title == "" {
			t.Errorf("%s (row %d): no title or text after AttachMessages", it.ID, it.Row)
		}
	}
	if n == 0 {
		t.Fatal("no real messages in the set")
	}
	// A reference to the wrong row is refused, naming it.
	rows := realMessages(t)
	moved := map[int]Message{}
	for k, v := range rows {
		moved[k+1] = v
	}
	s2, err := LoadLabelled(LabelledDir)
	if err != nil {
		t.Fatal(err)
	}
	var le *LabelError
	if err := s2.AttachMessages(moved); !errors.As(err, &le) || le.File != MessagesFile {
		t.Errorf("references shifted by one row: %v, want a %s error", err, MessagesFile)
	}
}

// A tiny set that loads; each case below breaks one line of it.
var tinySet = map[string]string{
	TeamFile:     "name\tpost\tportfolio\n王建国\t县委书记\t主持全面工作\n张伟\t副县长\t分管教育\n张立新\t常务副县长\t分管财政\n",
	GroupsFile:   "group\tsource\tcategory\ttitle\tnear\nF01\twritten\t形式主义\t会议多\t\nR01\treal\t其他·工作问题\t搅拌站\t\n",
	OpinionsFile: "id\tgroup\tcategory\ttargets\tforms\tchannel\tflag\talso\ttext\nw1\tF01\t形式主义\t王建国\tsurname_post\t座谈会\t\t\t王书记的会太长\nw2\tF01\t形式主义\t张伟;张立新\tambiguous;ambiguous\t问卷调查\t\t\t张县长开会多\nw3\t\t\t\t\t问卷调查\tblank\t\t很好，没有\n",
	MessagesFile: "group\tmessage_id\trow\tnote\nR01\t188809\t35\t\n",
	SplitFile:    "unit\tpart\nF01\tdev\nR01\theld-out\nw3\tdev\n",
}

var brokenSets = []struct {
	name, file, old, new, want string
}{
	{"unknown category", GroupsFile, "形式主义", "形式", GroupsFile + ":2"},
	{"group twice", GroupsFile, "R01\treal", "F01\treal", GroupsFile + ":3"},
	{"id twice", OpinionsFile, "w2\t", "w1\t", OpinionsFile + ":3"},
	{"target not in the team", OpinionsFile, "王建国\tsurname_post", "王县长\tsurname_post", OpinionsFile + ":2"},
	{"forms do not match targets", OpinionsFile, "ambiguous;ambiguous", "ambiguous", OpinionsFile + ":3"},
	{"one ambiguous candidate", OpinionsFile, "张伟;张立新\tambiguous;ambiguous", "张伟\tambiguous", OpinionsFile + ":3"},
	{"team with a member's form", OpinionsFile, "王建国\tsurname_post", "领导班子\tsurname_post", OpinionsFile + ":2"},
	{"category differs from the group's", OpinionsFile, "w1\tF01\t形式主义", "w1\tF01\t官僚主义", OpinionsFile + ":2"},
	{"unknown channel", OpinionsFile, "座谈会", "会议", OpinionsFile + ":2"},
	{"flagged answer in a group", OpinionsFile, "w3\t\t", "w3\tF01\t", OpinionsFile + ":4"},
	{"unknown flag", OpinionsFile, "blank", "empty", OpinionsFile + ":4"},
	{"opinion in a real group", OpinionsFile, "w1\tF01", "w1\tR01", OpinionsFile + ":2"},
	{"missing field", OpinionsFile, "\t\t\t王书记", "\t\t王书记", OpinionsFile + ":2"},
	{"real message in a written group", MessagesFile, "R01\t188809", "F01\t188809", MessagesFile + ":2"},
	{"header row as a reference", MessagesFile, "\t35\t", "\t1\t", MessagesFile + ":2"},
	{"group without items", MessagesFile, "R01\t188809\t35\t\n", "", MessagesFile},
	{"group without a part", SplitFile, "R01\theld-out\n", "", SplitFile},
	{"unknown part", SplitFile, "held-out", "test", SplitFile + ":3"},
	{"part for nothing", SplitFile, "w3\tdev\n", "w3\tdev\nw9\tdev\n", SplitFile},
}

// TestLoadLabelledRejectsBrokenSets breaks one line of a tiny set at a time;
// the loader must refuse it and name the file and line.
func TestLoadLabelledRejectsBrokenSets(t *testing.T) {
	dir := writeSet(t, tinySet)
	if s, err := LoadLabelled(dir); err != nil || len(s.Items) != 4 || s.Items[3].ID != "m188809" || s.Items[3].Part != PartHeldOut {
		t.Fatalf("the tiny set: %v, %+v", err, s.Items)
	}
	for _, c := range brokenSets {
		t.Run(c.name, func(t *testing.T) {
			files := maps.Clone(tinySet)
			if !strings.Contains(files[c.file], c.old) {
				t.Fatalf("%q not in %s", c.old, c.file)
			}
			files[c.file] = strings.Replace(files[c.file], c.old, c.new, 1)
			_, err := LoadLabelled(writeSet(t, files))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error naming %s", err, c.want)
			}
		})
	}
}

func writeSet(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLabelledReadmeCounts keeps the counts in the set's README true
// (go test -run TestLabelledReadmeCounts -update rewrites them).
func TestLabelledReadmeCounts(t *testing.T) {
	s := labelledSet(t)
	path := filepath.Join(LabelledDir, "README.md")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- counts: written by TestLabelledReadmeCounts -update -->\n", "<!-- /counts -->"
	text := string(raw)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no counts block (%q … %q)", path, begin, end)
	}
	got, want := text[i+len(begin):j], countsMarkdown(&s)
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(text[:i+len(begin)]+want+text[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the counts in %s are stale; run go test -run TestLabelledReadmeCounts -update\nwant:\n%s", path, want)
}

func groupSizes(s *Set) map[string]int {
	n := map[string]int{}
	for _, it := range s.Items {
		if it.Group != "" {
			n[it.Group]++
		}
	}
	return n
}

func surname(name string) string { return string([]rune(name)[:1]) }

func prefixed(p string, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = p + w
	}
	return out
}

func containsAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}
