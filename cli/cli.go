// Package cli holds the headless commands of taizhang (taizhang import …,
// taizhang report …). They run without a display and never import Fyne (a
// test of package main checks the imports).
//
// Each command lives in its own file and registers itself with Register in
// an init function. Every command prints its help in Chinese with --help,
// exits 0 on success, 1 with a Chinese message on stderr when it failed
// (ledger.Message makes the message), and 2 for a usage mistake (an unknown
// command word, a wrong option); a failed command leaves the ledger as it was.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"taizhang/ledger"
)

// Env is what a command runs with: its arguments (after the command name)
// and standard streams.
type Env struct {
	Args   []string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Command is one headless command.
type Command struct {
	Name    string // e.g. "import"; a command with subcommands dispatches itself
	Summary string // one line of Chinese for the command list
	Run     func(env *Env) error
}

var commands = map[string]Command{}

// Register adds a command. It panics on a duplicate name (a programming error).
func Register(c Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: duplicate command " + c.Name)
	}
	commands[c.Name] = c
}

// IsCommand reports whether name is a registered command (or a help flag).
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "help" || name == "--help" || name == "-h"
}

// Main runs the command named by args[0] and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		usage(stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		unknown(stderr, args[0])
		return 2
	}
	err := c.Run(&Env{Args: args[1:], Stdin: stdin, Stdout: stdout, Stderr: stderr})
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(stderr, "taizhang %s：%s\n", c.Name, ledger.Message(err))
	return 1
}

func usage(w io.Writer) {
	fmt.Fprint(w, "意见台账 taizhang：把征求到的意见整理成台账，生成民主生活会所需的报告。\n\n")
	fmt.Fprint(w, "不带参数运行时打开窗口；带命令时在命令行中工作：\n\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  taizhang %-10s %s\n", n, commands[n].Summary)
	}
	fmt.Fprint(w, "\n每个命令都可加 --help 查看用法。凡需要“对象”的地方，填班子成员的姓名，或 领导班子（也可写 班子）。\n")
}

// unknown says that word is not a command (nor a file the window could
// open), suggests the command it was probably meant to be, and lists them.
func unknown(w io.Writer, word string) {
	if strings.ContainsAny(word, `/\.`) {
		fmt.Fprintf(w, "taizhang：找不到文件“%s”，也没有这个命令。\n", word)
	} else {
		fmt.Fprintf(w, "taizhang：没有“%s”这个命令。\n", word)
	}
	if s := closest(word); s != "" {
		fmt.Fprintf(w, "是不是要用 taizhang %s？\n", s)
	}
	fmt.Fprintln(w)
	usage(w)
}

// closest returns the command whose name is nearest to word (at most two
// edits away, as opinion is from opinions), or "".
func closest(word string) string {
	best, bestD := "", 3
	for n := range commands {
		if d := editDistance(word, n); d < bestD || d == bestD && n < best {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

var errUsage = errors.New("usage")

// Flags is a flag set whose help is Chinese and whose flags may come before,
// between or after the positional arguments (taizhang add 台账 --channel 意见箱 文字).
type Flags struct {
	*flag.FlagSet
	usage   string // e.g. "taizhang add 台账文件 --channel 渠道 [选项] 内容"
	about   string
	minArgs int
	maxArgs int // -1: any number
}

// NewFlags makes a flag set for a command. usage is the synopsis line;
// about explains the command; minArgs and maxArgs bound the positionals.
func NewFlags(env *Env, name, usage, about string, minArgs, maxArgs int) *Flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &Flags{FlagSet: fs, usage: usage, about: about, minArgs: minArgs, maxArgs: maxArgs}
}

// Parse parses env.Args. With --help it prints the help to stdout and
// returns flag.ErrHelp; with a mistake it prints the mistake and the help to
// stderr and returns errUsage.
func (f *Flags) Parse(env *Env) ([]string, error) {
	var flags, pos []string
	args := env.Args
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if fl := f.Lookup(name); fl != nil && !isBool(fl) && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	if err := f.FlagSet.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			f.printHelp(env.Stdout)
			return nil, flag.ErrHelp
		}
		return nil, f.fail(env, translateFlagErr(err))
	}
	if len(pos) < f.minArgs || (f.maxArgs >= 0 && len(pos) > f.maxArgs) {
		return nil, f.fail(env, "参数个数不对")
	}
	return pos, nil
}

func (f *Flags) fail(env *Env, msg string) error {
	fmt.Fprintf(env.Stderr, "taizhang %s：%s\n\n", f.Name(), msg)
	f.printHelp(env.Stderr)
	return errUsage
}

func translateFlagErr(err error) string {
	s := err.Error()
	switch {
	case strings.HasPrefix(s, "flag provided but not defined: "):
		return "没有这个选项：" + strings.TrimPrefix(s, "flag provided but not defined: ")
	case strings.HasPrefix(s, "flag needs an argument: "):
		return "选项缺少取值：" + strings.TrimPrefix(s, "flag needs an argument: ")
	case strings.HasPrefix(s, "invalid value "):
		return "选项取值无效：" + strings.TrimPrefix(s, "invalid value ")
	}
	return s
}

func isBool(fl *flag.Flag) bool {
	b, ok := fl.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func (f *Flags) printHelp(w io.Writer) {
	fmt.Fprintf(w, "用法：%s\n\n%s\n", f.usage, f.about)
	first := true
	f.VisitAll(func(fl *flag.Flag) {
		if first {
			fmt.Fprint(w, "\n选项：\n")
			first = false
		}
		arg := ""
		if !isBool(fl) {
			arg = " 值"
		}
		def := ""
		if fl.DefValue != "" && fl.DefValue != "false" {
			def = "（默认 " + fl.DefValue + "）"
		}
		dash := "--"
		if len(fl.Name) == 1 {
			dash = "-"
		}
		fmt.Fprintf(w, "  %s%s%s\n        %s%s\n", dash, fl.Name, arg, fl.Usage, def)
	})
}

// OpenLedger opens an existing ledger for a headless command (no daily
// backup: scripts call commands many times a day).
func OpenLedger(path string) (*ledger.Ledger, error) {
	return ledger.Open(path, ledger.Options{NoDailyBackup: true})
}

// PrintJSON writes v as indented JSON, without escaping HTML or non-ASCII.
func PrintJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Exit runs Main with the process's arguments and streams and exits. On
// Windows it first joins the console it was started from (console_windows.go).
func Exit(args []string) {
	attachConsole()
	os.Exit(Main(args, os.Stdin, os.Stdout, os.Stderr))
}

// ParseAndOpen parses env.Args and opens the ledger named by the first
// positional argument. The caller closes the ledger.
func (f *Flags) ParseAndOpen(env *Env) ([]string, *ledger.Ledger, error) {
	args, err := f.Parse(env)
	if err != nil {
		return nil, nil, err
	}
	l, err := OpenLedger(args[0])
	if err != nil {
		return nil, nil, err
	}
	return args, l, nil
}
