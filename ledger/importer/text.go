package importer

import (
	"bufio"
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"taizhang/ledger"
)

// Minutes and talk notes (.txt and .docx) are read as lines (a .docx
// paragraph is one line) and cut into opinions:
//
//   - Numbered items: a line starting with 一、 （一） 1、 1. （1） 1) ① 第一条
//     or a bullet (•, ·, -) starts an item; the lines after it, up to the next
//     item or a blank line, belong to it. The marker is not part of the text;
//     it is kept in Source.Field. Before the first item, a line that ends
//     like a sentence (。！？) is an opinion of its own; other lines there
//     (an introduction ending in ：) are the preamble. A numbered line directly followed by items
//     of a deeper level (一、 followed by 1、) is a heading: not an opinion,
//     but the Title of the items under it.
//   - Without numbered items (fewer than two), each paragraph (lines between
//     blank lines) is an opinion; when the file has no blank lines at all,
//     and in a .docx, each line is.
//   - Meta lines (时间：, 地点：, 参加人员：, 主持人：, 记录人：, 会议主题：) are not
//     opinions: they are kept in every opinion's Attrs, and the date in 时间：
//     becomes the opinions' date. A short first line without closing
//     punctuation is the minutes' title (Attrs["纪要标题"]). In numbered mode,
//     other lines before the first item are kept in Attrs["纪要前言"].
//   - Speaker labels: an item that starts with a person's name, optionally
//     a unit in brackets, and a colon ("王小明（办公室）：会议太多"; see
//     ledger.SpeakerLabel) names its submitter, when the minutes use such
//     labels (two lines or more) or the label names a unit. The text keeps
//     the label verbatim; Attrs[ledger.AttrSpeakerLabel] records it, so that
//     what leaders see can hide it (Opinion.MaskedText).
//   - Lines end with LF, CRLF or a lone CR.
//
// Source.Row is the line (or paragraph) number where the opinion starts.

// textLine is one line of a text file or one paragraph of a .docx.
type textLine struct {
	n    int
	s    string
	list bool // an automatically numbered .docx paragraph
}

var markers = []struct {
	re    *regexp.Regexp
	level int
}{
	{regexp.MustCompile(`^[（(]\s*[一二三四五六七八九十百]+\s*[)）]\s*`), 2},
	{regexp.MustCompile(`^[一二三四五六七八九十百]+\s*[、.．]\s*`), 1},
	{regexp.MustCompile(`^第[一二三四五六七八九十百0-9]+[条点项]\s*[、：:，,.．]?\s*`), 3},
	{regexp.MustCompile(`^\d{1,3}\s*[、．]\s*`), 3},
	{regexp.MustCompile(`^\d{1,3}\.(\s*)`), 3},
	{regexp.MustCompile(`^[（(]\s*\d{1,3}\s*[)）]\s*`), 4},
	{regexp.MustCompile(`^\d{1,3}\s*[)）]\s*`), 4},
	{regexp.MustCompile(`^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*`), 4},
	{regexp.MustCompile(`^[•·●○■□◆◇▪\-*]\s+`), 5},
}

// marker returns the item marker a line starts with, its level (1 is the
// outermost) and the rest of the line; level 0 when there is none.
func marker(line string) (mark string, level int, rest string) {
	t := strings.TrimLeft(line, " \t\u3000")
	for _, m := range markers {
		if loc := m.re.FindStringIndex(t); loc != nil {
			rest = t[loc[1]:]
			if m.level == 3 && strings.HasPrefix(m.re.String(), `^\d{1,3}\.`) {
				// 1.5万元 is a number, not an item.
				if r, _ := utf8.DecodeRuneInString(rest); r >= '0' && r <= '9' {
					continue
				}
			}
			if strings.TrimSpace(rest) == "" && m.level != 5 {
				continue // a lone number is not an item
			}
			return strings.TrimSpace(t[:loc[1]]), m.level, rest
		}
	}
	return "", 0, line
}

var (
	reMeta = regexp.MustCompile(`^\s*(时间|日期|会议时间|召开时间|地点|会议地点|参加人员|参会人员|出席人员|列席人员|参加对象|主持人|记录人|整理人|会议主题|主题)\s*[:：]\s*(.*)$`)
	reDate = regexp.MustCompile(`\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?`)
)

// splitItems cuts lines into records. lines is called twice (a counting
// pass, then the real one), so it must give the same lines each time.
// perLine makes every non-blank line its own paragraph (.docx).
func splitItems(ctx context.Context, lines func(func(textLine) error) error, perLine bool, yield func(*record) error) error {
	// Pass 1: are there numbered items, blank lines, speaker labels?
	items, blanks, nonBlank, labels := 0, 0, 0, 0
	err := lines(func(l textLine) error {
		switch {
		case ledger.TrimText(l.s) == "":
			blanks++
		default:
			nonBlank++
			_, lv, rest := marker(l.s)
			if lv > 0 || l.list {
				items++
			}
			if _, _, _, ok := ledger.SpeakerLabel(rest); ok {
				labels++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	itemMode := items >= 2
	if !itemMode && blanks == 0 {
		perLine = true
	}

	s := &splitter{yield: yield, itemMode: itemMode, perLine: perLine, meta: map[string]string{}, labels: labels}
	first := true
	seen := 0
	err = lines(func(l textLine) error {
		seen++
		if seen&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		t := ledger.TrimText(l.s)
		if t == "" {
			return s.flush()
		}
		mark, level, rest := marker(l.s)
		if l.list && level == 0 {
			mark, level, rest = "", 3, l.s
		}
		isFirst := first
		first = false
		if level == 0 && s.cur == nil {
			if g := reMeta.FindStringSubmatch(t); g != nil {
				s.setMeta(g[1], ledger.TrimText(g[2]))
				return nil
			}
			_, _, _, speaker := ledger.SpeakerLabel(t)
			if isFirst && !speaker && nonBlank > 2 && utf8.RuneCountInString(t) <= 40 && !strings.ContainsAny(lastRune(t), "。！？!?；;，,：:") {
				s.meta["纪要标题"] = t
				return nil
			}
		}
		switch {
		case level > 0 && itemMode:
			if c := s.cur; c != nil && c.level > 0 && c.level < level && c.lines == 1 {
				// The open item has no text of its own beyond its first line
				// and deeper items follow: it is a heading.
				s.heading[c.level] = ledger.TrimText(c.text.String())
				s.cur = nil
			} else if err := s.flush(); err != nil {
				return err
			}
			for lv := range s.heading {
				if lv >= level {
					delete(s.heading, lv)
				}
			}
			s.start(l.n, level, mark, rest)
		case itemMode && s.cur == nil && !s.sawItem && !isSentence(t):
			s.preamble = append(s.preamble, t)
		case s.cur != nil && !s.perLine:
			s.cur.text.WriteString("\n")
			s.cur.text.WriteString(l.s)
			s.cur.lines++
		case s.cur != nil && s.cur.level > 0:
			// .docx: a plain paragraph after an item continues it.
			s.cur.text.WriteString("\n")
			s.cur.text.WriteString(l.s)
			s.cur.lines++
		default:
			if err := s.flush(); err != nil {
				return err
			}
			s.start(l.n, 0, "", l.s)
			if s.perLine {
				return s.flush()
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.flush()
}

// isSentence reports whether a line reads as a statement (it ends with
// closing punctuation) rather than a heading or an introduction ending in ：.
func isSentence(s string) bool {
	return strings.ContainsAny(lastRune(s), "。！？!?；;…")
}

func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return string(r)
}

type block struct {
	row   int
	level int
	mark  string
	text  strings.Builder
	lines int
}

type splitter struct {
	yield    func(*record) error
	itemMode bool
	perLine  bool
	cur      *block
	sawItem  bool
	heading  map[int]string
	preamble []string
	meta     map[string]string
	date     string
	labels   int // lines starting with a speaker label (pass 1)
}

func (s *splitter) setMeta(k, v string) {
	switch k {
	case "时间", "日期", "会议时间", "召开时间":
		if m := reDate.FindString(v); m != "" && s.date == "" {
			s.date = m
		}
	}
	if v != "" {
		s.meta[k] = v
	}
}

func (s *splitter) start(row, level int, mark, text string) {
	if s.heading == nil {
		s.heading = map[int]string{}
	}
	s.cur = &block{row: row, level: level, mark: mark, lines: 1}
	s.cur.text.WriteString(text)
	if level > 0 {
		s.sawItem = true
	}
}

// flush emits the open block as a record.
func (s *splitter) flush() error {
	c := s.cur
	if c == nil {
		return nil
	}
	s.cur = nil
	r := &record{row: c.row, text: c.text.String(), date: s.date, dateField: "时间"}
	// A speaker label at the start of the item is its submitter, when the
	// minutes use labels (two or more), or when it names a unit.
	if label, name, unit, ok := ledger.SpeakerLabel(r.text); ok && (s.labels >= 2 || unit != "") {
		r.speaker = label
		r.submitter = ledger.Submitter{Name: name, Unit: unit}
	}
	if c.mark != "" {
		r.field = c.mark
	} else if c.level > 0 {
		r.field = "编号段落"
	} else {
		r.field = "第" + strconv.Itoa(c.row) + "段"
	}
	// The nearest heading above the item is its title.
	best := 0
	for lv := range s.heading {
		if lv < c.level && lv > best {
			best = lv
		}
	}
	if best > 0 {
		r.title = s.heading[best]
	}
	if len(s.meta) > 0 || len(s.preamble) > 0 {
		r.attrs = make(map[string]string, len(s.meta)+1)
		for k, v := range s.meta {
			r.attrs[k] = v
		}
		if len(s.preamble) > 0 {
			r.attrs["纪要前言"] = strings.Join(s.preamble, "\n")
		}
	}
	return s.yield(r)
}

func init() {
	exts := []string{".txt", ".text", ".md"}
	byExt := textByExtension(exts)
	register(&FormatInfo{
		Format: Text, Name: "文本纪要（.txt）", Help: "座谈会纪要、谈话记录 .txt", Extensions: exts, Order: 50,
		detect: func(p *probe) int {
			if s := byExt(p); s > 0 {
				return s
			}
			if !p.container() && (p.ext == "" || p.ext == ".dat" || p.ext == ".log") {
				return byGuess
			}
			return 0
		},
		kind: KindMinutes, records: textRecords, channel: "座谈会", channelNote: "会议纪要或谈话记录，渠道定为“座谈会”（个别谈话请改选“个别约谈”）", encoded: true,
	})
}

// sniffEncoding tells the encoding of a text input.
func sniffEncoding(in *input) (Encoding, error) {
	_, enc, err := decodeReader(in.reader())
	return enc, err
}

// scanLines splits text into lines ending with LF, CRLF or a lone CR
// (old Mac text, Excel for Mac's exports), without the line end.
func scanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	for i, b := range data {
		switch b {
		case '\n':
			return i + 1, data[:i], nil
		case '\r':
			if i+1 < len(data) {
				if data[i+1] == '\n' {
					return i + 2, data[:i], nil
				}
				return i + 1, data[:i], nil
			}
			if atEOF {
				return i + 1, data[:i], nil
			}
			return 0, nil, nil // is a LF next?
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// textRecords reads a .txt file of minutes or talk notes.
func textRecords(ctx context.Context, in *input, yield func(*record) error) error {
	name := in.name
	lines := func(fn func(textLine) error) error {
		r, _, err := decodeReader(in.reader())
		if err != nil {
			return fail(name, err, "无法读取文件")
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), MaxLine)
		sc.Split(scanLines)
		n := 0
		for sc.Scan() {
			n++
			line := sc.Text()
			if err := fn(textLine{n: n, s: line}); err != nil {
				return err
			}
		}
		if err := sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				return at(name, "", n+1, 0, ErrTooLarge, "这一行超过 "+humanBytes(MaxLine)+"，文件可能不是文本文件")
			}
			return fail(name, err, "无法读取文件")
		}
		return nil
	}
	return splitItems(ctx, lines, false, yield)
}
