package reports

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// testMeasure gives wide characters width 2 and everything else width 1,
// like a monospaced terminal.
func testMeasure(r rune) float64 {
	if isWide(r) {
		return 2
	}
	return 1
}

var wrapTests = []struct {
	name  string
	text  string
	width float64
	want  []string
}{
	{"empty", "", 10, []string{""}},
	{"fits", "中文测试", 8, []string{"中文测试"}},
	{"han breaks anywhere", "一二三四五六七", 6, []string{"一二三", "四五六", "七"}},
	{"no character lost at breaks", "群众反映办事难办事慢", 4, []string{"群众", "反映", "办事", "难办", "事慢"}},
	{"comma never starts a line", "一二三，四五", 6, []string{"一二", "三，四", "五"}},
	{"full stop never starts a line", "甲乙丙。", 6, []string{"甲乙", "丙。"}},
	{"closing bracket and quote", "说“好的”吧", 4, []string{"说", "“好", "的”", "吧"}},
	{"opening bracket never ends a line", "一二（三）", 6, []string{"一二", "（三）"}},
	{"book title marks", "学习《论群众路线》", 6, []string{"学习", "《论群", "众路", "线》"}},
	{"latin word kept whole", "请联系 hotline 热线", 9, []string{"请联系", "hotline", "热线"}},
	{"number kept whole", "共12345条", 6, []string{"共", "12345", "条"}},
	{"number and han", "2019年2月28日", 6, []string{"2019年", "2月28", "日"}},
	{"space dropped at break", "hello world", 5, []string{"hello", "world"}},
	{"spaces kept inside a line", "a b c", 9, []string{"a b c"}},
	{"overlong word cut at width", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
	{"newline starts a paragraph", "一二\n三四", 10, []string{"一二", "三四"}},
	{"empty paragraph kept", "一\n\n二", 10, []string{"一", "", "二"}},
	{"leading spaces dropped", "   一二", 10, []string{"一二"}},
	{"ideographic space is a character", "\u3000\u3000一二三", 6, []string{"\u3000\u3000一", "二三"}},
	{"only punctuation is cut anyway", "。。。。", 4, []string{"。。", "。。"}},
	{"wider than width", "中", 1, []string{"中"}},
	{"no hyphen at a line end", "复兴-艾家冲", 6, []string{"复兴", "-艾家", "冲"}},
	{"dash never split", "一二——三", 6, []string{"一二", "——三"}},
	{"ellipsis never split", "一二……", 6, []string{"一二", "……"}},
	{"tab set as a space", "甲\t乙", 10, []string{"甲 乙"}},
	{"latin comma stays with word", "abc, def", 4, []string{"abc,", "def"}},
}

func TestWrap(t *testing.T) {
	for _, tt := range wrapTests {
		t.Run(tt.name, func(t *testing.T) {
			br := Breaker{Measure: testMeasure, Width: tt.width}
			got := br.Wrap(tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Wrap(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
			checkWrap(t, &br, tt.text, got)
		})
	}
}

func TestWrapFirstWidth(t *testing.T) {
	br := Breaker{Measure: testMeasure, Width: 8, FirstWidth: 4}
	got := br.Wrap("一二三四五六\n七八九")
	want := []string{"一二", "三四五六", "七八", "九"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// checkWrap asserts the breaker's promises for any input:
// the lines are the input with only break spaces removed at line ends;
// no line is wider than the width unless it is one character;
// no line starts with closing punctuation or ends with an opening bracket
// unless the text gave no other place to break.
func checkWrap(t *testing.T, br *Breaker, text string, lines []string) {
	t.Helper()
	// 1. Nothing but break spaces and newlines are lost, nothing is added
	// (tabs and carriage returns inside a line are set as spaces).
	rest := strings.NewReplacer("\t", " ", "\r", " ").Replace(text)
	for i, line := range lines {
		rest = strings.TrimLeft(rest, " \t\r")
		if i > 0 {
			rest = strings.TrimPrefix(strings.TrimLeft(rest, " \t\r"), "\n")
			rest = strings.TrimLeft(rest, " \t\r")
		}
		if !strings.HasPrefix(rest, line) {
			t.Fatalf("line %d %q is not the next part of the input %q (lines %q)", i, line, rest, lines)
		}
		rest = rest[len(line):]
	}
	if strings.Trim(rest, " \t\r") != "" {
		t.Fatalf("input left over after the lines: %q (lines %q)", rest, lines)
	}
	for i, line := range lines {
		if strings.ContainsRune(line, '\n') {
			t.Fatalf("line %d holds a newline: %q", i, line)
		}
		// 2. Width.
		w := 0.0
		for _, r := range line {
			w += br.Measure(r)
		}
		if w > br.Width+1e-9 && utf8.RuneCountInString(line) > 1 {
			t.Errorf("line %d %q is %.1f wide, more than %.1f", i, line, w, br.Width)
		}
		// 3. Punctuation, where the line before could have broken elsewhere.
		if i == 0 || line == "" || lines[i-1] == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(line)
		last, _ := utf8.DecodeLastRuneInString(lines[i-1])
		if strings.ContainsRune(closingPunct, first) || strings.ContainsRune(noLineEnd, last) {
			joined := tokenize(lines[i-1]+string(first), br.Measure)
			for b := 1; b < len(joined)-1; b++ {
				if canBreak(joined, 0, b) {
					t.Errorf("line %d %q starts with %q (or line %d ends with %q) though line %d %q could break at %d",
						i, line, first, i-1, last, i-1, lines[i-1], b)
					break
				}
			}
		}
	}
}

func FuzzWrap(f *testing.F) {
	for _, tt := range wrapTests {
		f.Add(tt.text, int(tt.width))
	}
	f.Add("关于“四风”问题，（一）形式主义方面：文山会海 ABC-123 仍然存在。", 7)
	f.Fuzz(func(t *testing.T, text string, width int) {
		if !utf8.ValidString(text) || width < 1 || width > 200 {
			return
		}
		br := Breaker{Measure: testMeasure, Width: float64(width)}
		checkWrap(t, &br, text, br.Wrap(text))
	})
}
