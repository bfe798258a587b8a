package ledger

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// The board's rules for suggesting 共性 (a shared problem). The decision is a
// person's; the board only suggests it and says why.
const (
	// SharedMinSubmitters: a problem raised by this many distinct submitters.
	SharedMinSubmitters = 3
	// SharedMinChannels: a problem heard through this many channels.
	SharedMinChannels = 2
)

// BoardOpinion is what the sorting board keeps of one opinion: enough to
// list, filter and count it. The submitter's name is kept only as a key for
// counting distinct submitters and is never shown.
type BoardOpinion struct {
	ID      int64
	Title   string
	Text    string
	Channel string
	Date    string
	Targets []int64
	Problem int64 // 0: unsorted

	submitter string // "" when anonymous or unknown: counted as one person each
}

// Label is how a list shows the opinion: its title if it has one, else its
// first line.
func (o *BoardOpinion) Label() string {
	if o.Title != "" {
		return o.Title
	}
	for _, line := range strings.Split(o.Text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}

// ProposedTitle is the title a new problem made from this opinion starts
// with: the opinion's title if it has one, else the first 20 characters of
// its first line (with … when cut).
func (o *BoardOpinion) ProposedTitle() string {
	if o.Title != "" {
		return o.Title
	}
	line := TrimText(o.Label())
	if utf8.RuneCountInString(line) <= 20 {
		return line
	}
	return string([]rune(line)[:20]) + "…"
}

// Card is a problem as the board shows it, with live counts.
//
// Submitters counts the distinct people behind the problem's opinions:
// opinions whose submitter gave a name count once per distinct name; an
// anonymous opinion, or one whose submitter is unknown, counts as one person
// each (two anonymous letters may well be two people, and a count that errs
// towards more voices is the one the office can defend as "raised by N").
type Card struct {
	Problem
	Opinions   int // how many opinions the problem gathers
	Submitters int // distinct submitters (see above)

	members   []int64 // opinion ids, ascending
	byChannel map[string]int
	byName    map[string]int
	unnamed   int
	team      int // opinions that concern the team
}

// Channels returns the distinct channels of the card's opinions, in the
// order of CompareChannels.
func (c *Card) Channels() []string { return SortedChannels(c.byChannel) }

// ConcernsTeam reports whether the problem targets the leadership team or
// gathers an opinion that does.
func (c *Card) ConcernsTeam() bool {
	return c.team > 0 || slices.Contains(c.Targets, TeamID)
}

// SharedReasons returns why the board suggests 共性 for this problem (several
// distinct submitters, several channels, or the team concerned), or nil when
// nothing suggests it.
func (c *Card) SharedReasons() []string {
	var why []string
	if c.Submitters >= SharedMinSubmitters {
		why = append(why, fmt.Sprintf("%d 位提出人", c.Submitters))
	}
	if n := len(c.Channels()); n >= SharedMinChannels {
		why = append(why, fmt.Sprintf("来自 %d 个渠道", n))
	}
	if c.ConcernsTeam() {
		why = append(why, "反映领导班子")
	}
	return why
}

// Members returns the ids of the card's opinions, ascending. The slice is
// the board's own: do not modify it.
func (c *Card) Members() []int64 { return c.members }

func (c *Card) add(o *BoardOpinion) {
	i, found := slices.BinarySearch(c.members, o.ID)
	if found {
		return
	}
	c.members = slices.Insert(c.members, i, o.ID)
	c.Opinions++
	c.byChannel[o.Channel]++
	if o.submitter == "" {
		c.unnamed++
	} else {
		c.byName[o.submitter]++
	}
	if slices.Contains(o.Targets, TeamID) {
		c.team++
	}
	c.Submitters = c.unnamed + len(c.byName)
}

func (c *Card) remove(o *BoardOpinion) {
	i, found := slices.BinarySearch(c.members, o.ID)
	if !found {
		return
	}
	c.members = slices.Delete(c.members, i, i+1)
	c.Opinions--
	if c.byChannel[o.Channel]--; c.byChannel[o.Channel] <= 0 {
		delete(c.byChannel, o.Channel)
	}
	if o.submitter == "" {
		c.unnamed--
	} else if c.byName[o.submitter]--; c.byName[o.submitter] <= 0 {
		delete(c.byName, o.submitter)
	}
	if slices.Contains(o.Targets, TeamID) {
		c.team--
	}
	c.Submitters = c.unnamed + len(c.byName)
}

// BoardFilter selects the unsorted opinions the board lists. The zero value
// lists them all.
type BoardFilter struct {
	Channel   string // exact channel; "" for all
	HasTarget bool   // when true, only opinions that concern Target
	Target    int64  // TeamID or a member id
	Text      string // a piece of the text or title; "" for all
}

func (f BoardFilter) match(o *BoardOpinion) bool {
	if f.Channel != "" && o.Channel != f.Channel {
		return false
	}
	if f.HasTarget && !slices.Contains(o.Targets, f.Target) {
		return false
	}
	if f.Text != "" && !strings.Contains(o.Text, f.Text) && !strings.Contains(o.Title, f.Text) {
		return false
	}
	return true
}

// Board is the in-memory model of the sorting board (梳辫子): the unsorted
// opinions and the problem cards with their counts. It loads the ledger once
// and then follows the ledger's change log incrementally, so a drop that
// moves one opinion costs one change, not a reload of every opinion.
//
// Changes are queued by a listener the board registers on the ledger (from
// any goroutine); Sync applies them. Every other method must be called from
// one goroutine at a time (the window's).
type Board struct {
	l *Ledger

	mu      sync.Mutex
	pending []Change

	loadedAt int64 // the last change id the loaded data is known to contain
	stale    bool  // a change the board cannot follow: reload on Sync

	names    map[int64]string
	ops      map[int64]*BoardOpinion
	unsorted []int64 // ids of every unsorted opinion, ascending
	filter   BoardFilter
	view     []int64 // the unsorted ids the filter selects, ascending
	cards    map[int64]*Card
	cols     map[string][]int64
	dirty    map[string]bool // columns to sort again before they are read
	interned map[string]string
}

// NewBoard loads the board of l and starts following l's changes.
func NewBoard(l *Ledger) (*Board, error) {
	b := &Board{l: l}
	l.listen(b.enqueue, true) // whole: distinct submitters are counted
	if err := b.Reload(); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *Board) enqueue(c Change) {
	b.mu.Lock()
	b.pending = append(b.pending, c)
	b.mu.Unlock()
}

func (b *Board) intern(s string) string {
	if v, ok := b.interned[s]; ok {
		return v
	}
	b.interned[s] = s
	return s
}

// Reload reads the whole board again from the ledger.
func (b *Board) Reload() error {
	var last int64
	if err := b.l.db.QueryRow(`SELECT COALESCE(MAX(id), 0) FROM changes`).Scan(&last); err != nil {
		return err
	}
	names, err := b.l.TargetNames()
	if err != nil {
		return err
	}
	ps, err := b.l.Problems()
	if err != nil {
		return err
	}
	var n int
	if err := b.l.db.QueryRow(`SELECT COUNT(*) FROM opinions`).Scan(&n); err != nil {
		return err
	}
	nb := Board{names: names, ops: make(map[int64]*BoardOpinion, n), cards: make(map[int64]*Card, len(ps)),
		cols: map[string][]int64{}, dirty: map[string]bool{}, interned: map[string]string{}}
	for _, p := range ps {
		nb.cards[p.ID] = newCard(p)
		nb.cols[p.Category] = append(nb.cols[p.Category], p.ID)
	}
	rows, err := b.l.db.Query(`SELECT id, text, title, channel, date, sub_name, sub_anon, targets, COALESCE(problem_id, 0) FROM opinions ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		o := &BoardOpinion{}
		var name, targets string
		var anon bool
		if err := rows.Scan(&o.ID, &o.Text, &o.Title, &o.Channel, &o.Date, &name, &anon, &targets, &o.Problem); err != nil {
			return err
		}
		o.Channel = nb.intern(o.Channel)
		o.Text, o.Title = maskText(o.Text), maskText(o.Title)
		o.Targets = decodeTargets(targets)
		if !anon {
			o.submitter = nb.intern(TrimText(name))
		}
		nb.ops[o.ID] = o
		if c := nb.cards[o.Problem]; c != nil {
			c.add(o)
		} else {
			o.Problem = 0
			nb.unsorted = append(nb.unsorted, o.ID)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	nb.filter = b.filter
	nb.refilter()
	b.names, b.ops, b.unsorted, b.view, b.cards, b.cols, b.dirty, b.interned =
		nb.names, nb.ops, nb.unsorted, nb.view, nb.cards, nb.cols, nb.dirty, nb.interned
	b.loadedAt, b.stale = last, false
	return nil
}

func newCard(p Problem) *Card {
	return &Card{Problem: p, byChannel: map[string]int{}, byName: map[string]int{}}
}

// bulkChanges is how many pending changes Sync follows one by one; beyond
// it (a step that moved tens of thousands of opinions), a reload is faster.
const bulkChanges = 5000

// Sync applies the ledger changes made since the last Sync (by this
// process) and reports whether the board changed. When a change cannot be
// followed incrementally (an import, a member removed), or there are very
// many, it reloads.
func (b *Board) Sync() (bool, error) {
	b.mu.Lock()
	cs := b.pending
	b.pending = nil
	b.mu.Unlock()
	if len(cs) > bulkChanges {
		return true, b.Reload()
	}
	changed := false
	for _, c := range cs {
		if c.ID <= b.loadedAt {
			continue
		}
		changed = true
		b.apply(c)
	}
	if b.stale {
		return true, b.Reload()
	}
	return changed, nil
}

func (b *Board) apply(c Change) {
	switch c.Entity {
	case "opinion":
		switch c.Action {
		case "opinion.add":
			var o Opinion
			if err := json.Unmarshal(c.After, &o); err != nil || o.ID == 0 {
				b.stale = true
				return
			}
			b.putOpinion(o)
		case "opinion.targets":
			var ts []int64
			o := b.ops[c.EntityID]
			if o == nil || json.Unmarshal(c.After, &ts) != nil {
				b.stale = true
				return
			}
			b.detach(o)
			o.Targets = decodeTargets(encodeTargets(ts))
			b.attach(o, o.Problem)
		default:
			var pid int64
			o := b.ops[c.EntityID]
			if o == nil || json.Unmarshal(c.After, &pid) != nil {
				b.stale = true
				return
			}
			if pid != 0 && b.cards[pid] == nil {
				b.stale = true
				return
			}
			b.move(o, pid)
		}
	case "problem":
		if c.After == nil {
			b.removeCard(c.EntityID)
			return
		}
		var p Problem
		if err := json.Unmarshal(c.After, &p); err != nil {
			b.stale = true
			return
		}
		b.putCard(p)
	case "leader":
		if c.Action == "leader.remove" {
			b.stale = true // targets of opinions and problems changed too
			return
		}
		if names, err := b.l.TargetNames(); err == nil {
			b.names = names
		} else {
			b.stale = true
		}
	case "info", "text":
	default:
		b.stale = true // e.g. an import: many opinions at once
	}
}

func (b *Board) putOpinion(src Opinion) {
	if old := b.ops[src.ID]; old != nil {
		b.detach(old)
	}
	o := &BoardOpinion{ID: src.ID, Title: maskText(src.Title), Text: maskText(src.Text), Channel: b.intern(src.Channel), Date: src.Date,
		Targets: decodeTargets(encodeTargets(src.Targets))}
	if !src.Submitter.Anonymous {
		o.submitter = b.intern(TrimText(src.Submitter.Name))
	}
	b.ops[o.ID] = o
	pid := src.ProblemID
	if b.cards[pid] == nil {
		pid = 0
	}
	b.attach(o, pid)
}

// detach takes o out of its card or out of the unsorted lists.
func (b *Board) detach(o *BoardOpinion) {
	if c := b.cards[o.Problem]; c != nil {
		c.remove(o)
		return
	}
	b.unsorted = removeSorted(b.unsorted, o.ID)
	b.view = removeSorted(b.view, o.ID)
}

// attach puts o into problem pid (0: unsorted).
func (b *Board) attach(o *BoardOpinion, pid int64) {
	o.Problem = pid
	if c := b.cards[pid]; c != nil {
		c.add(o)
		return
	}
	o.Problem = 0
	b.unsorted = insertSorted(b.unsorted, o.ID)
	if b.filter.match(o) {
		b.view = insertSorted(b.view, o.ID)
	}
}

func (b *Board) move(o *BoardOpinion, pid int64) {
	if o.Problem == pid {
		return
	}
	b.detach(o)
	b.attach(o, pid)
}

func (b *Board) putCard(p Problem) {
	c := b.cards[p.ID]
	if c == nil {
		c = newCard(p)
		b.cards[p.ID] = c
		b.cols[p.Category] = append(b.cols[p.Category], p.ID)
		b.dirty[p.Category] = true
		return
	}
	if c.Category != p.Category {
		b.cols[c.Category] = slices.DeleteFunc(b.cols[c.Category], func(x int64) bool { return x == p.ID })
		b.cols[p.Category] = append(b.cols[p.Category], p.ID)
	}
	if c.Category != p.Category || c.Position != p.Position {
		b.dirty[p.Category] = true
	}
	c.Problem = p
}

func (b *Board) removeCard(id int64) {
	c := b.cards[id]
	if c == nil {
		return
	}
	// Opinions still in it (a foreign key set them to NULL) become unsorted.
	for _, oid := range slices.Clone(c.members) {
		if o := b.ops[oid]; o != nil {
			b.move(o, 0)
		}
	}
	b.cols[c.Category] = slices.DeleteFunc(b.cols[c.Category], func(x int64) bool { return x == id })
	delete(b.cards, id)
}

func insertSorted(s []int64, id int64) []int64 {
	i, found := slices.BinarySearch(s, id)
	if found {
		return s
	}
	return slices.Insert(s, i, id)
}

func removeSorted(s []int64, id int64) []int64 {
	i, found := slices.BinarySearch(s, id)
	if !found {
		return s
	}
	return slices.Delete(s, i, i+1)
}

func (b *Board) refilter() {
	if b.filter == (BoardFilter{}) {
		b.view = slices.Clone(b.unsorted)
		return
	}
	b.view = b.view[:0]
	for _, id := range b.unsorted {
		if b.filter.match(b.ops[id]) {
			b.view = append(b.view, id)
		}
	}
}

// SetFilter changes which unsorted opinions Unsorted lists.
func (b *Board) SetFilter(f BoardFilter) {
	f.Text = strings.TrimSpace(f.Text)
	if f == b.filter {
		return
	}
	b.filter = f
	b.refilter()
}

// Filter returns the current filter.
func (b *Board) Filter() BoardFilter { return b.filter }

// Unsorted returns the ids of the unsorted opinions the filter selects,
// ascending. The slice is the board's own: do not modify it.
func (b *Board) Unsorted() []int64 { return b.view }

// UnsortedTotal returns how many opinions are unsorted, whatever the filter.
func (b *Board) UnsortedTotal() int { return len(b.unsorted) }

// OpinionCount returns how many opinions the ledger holds.
func (b *Board) OpinionCount() int { return len(b.ops) }

// ProblemCount returns how many problems the ledger holds.
func (b *Board) ProblemCount() int { return len(b.cards) }

// Opinion returns an opinion by id, or nil.
func (b *Board) Opinion(id int64) *BoardOpinion { return b.ops[id] }

// Card returns a problem card by id, or nil.
func (b *Board) Card(id int64) *Card { return b.cards[id] }

// Column returns the ids of the problems in category, in board order
// (position, then id). The slice is the board's own: do not modify it.
func (b *Board) Column(category string) []int64 {
	if b.dirty[category] {
		col := b.cols[category]
		sort.Slice(col, func(i, j int) bool {
			a, c := b.cards[col[i]], b.cards[col[j]]
			if a.Position != c.Position {
				return a.Position < c.Position
			}
			return a.ID < c.ID
		})
		delete(b.dirty, category)
	}
	return b.cols[category]
}

// TargetNames returns the names of target ids (领导班子 for the team),
// skipping ids no longer known.
func (b *Board) TargetNames(ids []int64) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if n, ok := b.names[id]; ok {
			out = append(out, n)
		}
	}
	return out
}

// Names maps every target id to its name.
func (b *Board) Names() map[int64]string { return b.names }

// ProposedTitle returns the title proposed for a new problem made from the
// given opinions: that of the first one.
func (b *Board) ProposedTitle(opinions []int64) string {
	for _, id := range opinions {
		if o := b.ops[id]; o != nil {
			if t := o.ProposedTitle(); t != "" {
				return t
			}
		}
	}
	return "新问题"
}

// ChannelNames returns the channels the ledger's opinions came through, in
// the order of CompareChannels.
func (b *Board) ChannelNames() []string {
	seen := map[string]int{}
	for _, o := range b.ops {
		seen[o.Channel]++
	}
	return SortedChannels(seen)
}
