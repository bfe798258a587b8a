package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"taizhang/ledger"
)

// Options tune one import.
type Options struct {
	// Channel is the channel of every opinion of the file. Empty: 问卷调查
	// for a 问卷星 export, 网络征集 for JSON, 座谈会 for minutes, and for
	// other sheets a guess from the file name and headers (an error when
	// nothing suggests one). A channel column, if mapped, wins per row.
	Channel string
	// Sheet limits a workbook import to one sheet. Empty: every sheet that
	// has an opinion column.
	Sheet string
	// Mapping replaces the guessed (or remembered) column roles. It applies
	// to one sheet: Sheet, or the first sheet with content. After a
	// successful import it is remembered in the ledger for files of the
	// same layout.
	Mapping *Mapping
	// Password opens an encrypted .xlsx.
	Password string
	// Progress, if set, is called now and then from the importing goroutine
	// with the rows (or items) read so far; total is 0 when unknown.
	Progress func(done, total int)
}

// Warning is something the import did not understand but did not refuse:
// a date it could not read, a target that names nobody in the team. The
// raw value is kept in the opinion's attributes.
type Warning struct {
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row,omitempty"`
	Column int    `json:"column,omitempty"`
	Msg    string `json:"msg"`
}

func (w Warning) String() string {
	e := Error{Sheet: w.Sheet, Row: w.Row, Column: w.Column}
	if p := e.Position(); p != "" {
		return p + "：" + w.Msg
	}
	return w.Msg
}

// maxWarnings bounds the warnings kept in a Result (all are counted).
const maxWarnings = 200

// Result is the summary of one file's import.
type Result struct {
	Path          string    `json:"path"`
	File          string    `json:"file"`
	Hash          string    `json:"hash"`
	Format        Format    `json:"format"`
	Kind          Kind      `json:"kind"`
	Encoding      Encoding  `json:"encoding,omitempty"`
	Channel       string    `json:"channel"`
	ChannelNote   string    `json:"channel_note,omitempty"` // why this channel, when it was not given
	Tables        []Table   `json:"tables,omitempty"`
	Batch         int64     `json:"batch"`
	Imported      int       `json:"imported"`
	Existing      int       `json:"existing"`
	Blank         int       `json:"blank"`
	FirstID       int64     `json:"first_id,omitempty"` // the first new opinion
	Notes         []string  `json:"notes,omitempty"`
	Warnings      []Warning `json:"warnings,omitempty"`
	WarningsTotal int       `json:"warnings_total,omitempty"`
	// Identifying counts the phone numbers, ID numbers and e-mail
	// addresses found inside the opinions' texts, by kind
	// (ledger.FindIdentifying); IdentifyingOpinions is how many opinions
	// hold any. The texts are stored verbatim.
	Identifying         map[ledger.IdentifyingKind]int `json:"identifying,omitempty"`
	IdentifyingOpinions int                            `json:"identifying_opinions,omitempty"`
	// Speakers is how many minutes items started with a speaker label
	// (王小明（办公室）：…) that became the opinion's submitter.
	Speakers int     `json:"speakers,omitempty"`
	Seconds  float64 `json:"seconds"`
}

func (r *Result) warn(sheet string, row, col int, msg string) {
	r.WarningsTotal++
	if len(r.Warnings) < maxWarnings {
		r.Warnings = append(r.Warnings, Warning{sheet, row, col, msg})
	}
}

// record is one opinion candidate, before it is checked and stored.
type record struct {
	sheet     string
	row, col  int
	field     string
	text      string
	title     string
	date      string // raw
	dateField string
	submitter ledger.Submitter
	speaker   string // a speaker label at the start of the text (minutes)
	target    string // raw
	channel   string
	attrs     map[string]string
}

// emitter checks records and adds them to the ledger within one import.
type emitter struct {
	file    string
	gb      bool // the text went through a decoder that turns invalid bytes into U+FFFD
	tx      *ledger.ImportTx
	res     *Result
	leaders map[string]int64
	opts    *Options
	table   *Table
	rows    int
	total   int
	noVal   map[int]*noValueCol // per column of the table being read
}

// noValueCol counts the cells of a column that hold a formula without a
// cached result.
type noValueCol struct{ n, firstRow int }

// noValue notes a formula cell without a cached result.
func (e *emitter) noValue(t *Table, row, col int) {
	if e.noVal == nil {
		e.noVal = map[int]*noValueCol{}
	}
	c := e.noVal[col]
	if c == nil {
		c = &noValueCol{firstRow: row}
		e.noVal[col] = c
	}
	c.n++
}

// flushNoValue warns once per column about formula cells without a value.
func (e *emitter) flushNoValue(t *Table) {
	cols := make([]int, 0, len(e.noVal))
	for c := range e.noVal {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	for _, col := range cols {
		c := e.noVal[col]
		e.res.warn(t.Sheet, c.firstRow, col, fmt.Sprintf("“%s”列有 %d 个单元格只有公式、没有计算结果（文件可能由程序生成后未在 Excel 中保存过），这些单元格按空白处理。"+
			"如需其中的内容，请在 Excel 或 WPS 中打开、保存后再导入", colName(t.Header, col), c.n))
	}
	e.noVal = nil
}

func (e *emitter) progress() {
	if e.opts.Progress != nil {
		e.opts.Progress(e.rows, e.total)
	}
}

// checkCell returns a reason when a cell cannot be kept as text.
func checkCell(v string, gb bool) (string, error) {
	switch {
	case len(v) > ledger.MaxTextBytes:
		return fmt.Sprintf("单元格内容过长（%s，上限 %s）。一条意见不应这么长，请检查这个单元格，拆分或删减后再导入", humanBytes(int64(len(v))), humanBytes(ledger.MaxTextBytes)), ErrTooLarge
	case strings.IndexByte(v, 0) >= 0:
		return "含有空字符（NUL），文件可能已损坏，或不是文本文件", ErrBadText
	case !utf8.ValidString(v):
		return "含有无效的字节（不是有效的 UTF-8 文本），文件可能已损坏或编码混杂", ErrBadText
	case gb && strings.ContainsRune(v, utf8.RuneError):
		return "含有无法识别的字节（不是有效的 GBK/GB18030 编码），文件可能已损坏或编码混杂", ErrBadText
	}
	return "", nil
}

var reSerial = regexp.MustCompile(`^\d{1,6}(\.\d+)?$`)

// parseDate reads a date cell: an Excel serial number or any format
// ledger.ParseDateTime knows.
func parseDate(v string) (date, clock string, ok bool) {
	v = ledger.TrimText(v)
	if v == "" {
		return "", "", true
	}
	if reSerial.MatchString(v) {
		// Serial numbers of the years 1954–2173 only: a lone "2026" is a
		// year, not 1905-07-18.
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 20000 && f < 100000 {
			return ledger.ExcelSerialDate(f)
		}
	}
	return ledger.ParseDateTime(v)
}

var reTargetSep = regexp.MustCompile(`[、,，;；/\s]+`)

// record checks one record and adds it: placeholders count as blank, the
// text must be valid and not too long, the date and targets are read when
// they can be and kept raw in the attributes when they cannot.
func (e *emitter) record(r *record) error {
	for _, v := range []string{r.text, r.title} {
		if reason, cause := checkCell(v, e.gb); reason != "" {
			return at(e.file, r.sheet, r.row, r.col, cause, reason)
		}
	}
	if SaysNothing(r.text) {
		e.tx.Blank(1)
		e.res.Blank++
		return nil
	}
	if r.speaker != "" {
		r.attrs = withAttr(r.attrs, ledger.AttrSpeakerLabel, r.speaker)
		e.res.Speakers++
	}
	if found := ledger.FindIdentifying(r.text); len(found) > 0 {
		if e.res.Identifying == nil {
			e.res.Identifying = map[ledger.IdentifyingKind]int{}
		}
		for _, x := range found {
			e.res.Identifying[x.Kind]++
		}
		e.res.IdentifyingOpinions++
	}
	o := ledger.Opinion{
		Text:      r.text,
		Title:     r.title,
		Channel:   ledger.TrimText(r.channel),
		Submitter: r.submitter,
		Attrs:     r.attrs,
		Source:    ledger.Source{Sheet: r.sheet, Row: r.row, Column: r.col, Field: r.field},
	}
	if d, c, ok := parseDate(r.date); ok {
		o.Date, o.Time = d, c
	} else {
		o.Attrs = withAttr(o.Attrs, orDefault(r.dateField, "日期"), ledger.TrimText(r.date))
		e.res.warn(r.sheet, r.row, 0, "日期“"+ledger.TrimText(r.date)+"”无法识别，已原样保留在附加信息中")
	}
	if raw := ledger.TrimText(r.target); raw != "" {
		unknown := false
		for _, name := range reTargetSep.Split(raw, -1) {
			switch id, ok := e.leaders[name]; {
			case name == "":
			case ledger.IsTeamName(name):
				o.Targets = append(o.Targets, ledger.TeamID)
			case ok:
				o.Targets = append(o.Targets, id)
			default:
				unknown = true
			}
		}
		if unknown {
			o.Attrs = withAttr(o.Attrs, "反映对象", raw)
			e.res.warn(r.sheet, r.row, 0, "反映对象“"+raw+"”不全是班子成员的姓名，已原样保留在附加信息中")
		}
	}
	added, err := e.tx.Add(&o)
	if err != nil {
		return at(e.file, r.sheet, r.row, r.col, err, reasonOf(err))
	}
	if added {
		e.res.Imported++
		if e.res.FirstID == 0 || o.ID < e.res.FirstID {
			e.res.FirstID = o.ID
		}
	} else {
		e.res.Existing++
	}
	return nil
}

// withAttr sets k in a copy of m (rows share their attribute map).
func withAttr(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// HashFile returns the SHA-256 of a file's content, in hex.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// channelWords suggest a channel from a file name, sheet names or headers.
var channelWords = []struct{ word, channel string }{
	{"意见箱", "意见箱"}, {"座谈", "座谈会"}, {"走访", "实地走访"}, {"调研", "实地走访"},
	{"约谈", "个别约谈"}, {"谈心", "个别约谈"}, {"谈话", "个别约谈"},
	{"问卷", "问卷调查"}, {"调查", "问卷调查"},
	{"热线", "专线电话"}, {"电话", "专线电话"}, {"12345", "专线电话"},
	{"信访", "信访来访"}, {"来信", "信访来访"}, {"来访", "信访来访"},
	{"留言", "网络征集"}, {"网络", "网络征集"}, {"网上", "网络征集"}, {"网站", "网络征集"},
	{"在线", "网络征集"}, {"征集", "网络征集"}, {"微信", "网络征集"}, {"邮件", "网络征集"},
}

// guessChannel returns a channel suggested by any of the texts, and the
// text that suggested it.
func guessChannel(texts ...string) (channel, why string) {
	for _, cw := range channelWords {
		for _, t := range texts {
			if strings.Contains(t, cw.word) {
				return cw.channel, t
			}
		}
	}
	return "", ""
}

// channelHints are the texts a channel may be guessed from: the file
// name, the sheet names and the headers of the columns that are not about
// the submitter (a 联系电话 column says nothing about the channel).
func channelHints(file string, tables []Table) []string {
	hints := []string{file}
	for _, t := range tables {
		hints = append(hints, t.Sheet)
		for i, h := range t.Header {
			switch t.Mapping.roleOf(i + 1) {
			case RoleSubmitter, RoleUnit, RoleContact:
				continue
			}
			if ledger.IsPersonalAttr(h) || isSubmitterQuestion(h) != "" {
				continue
			}
			hints = append(hints, h)
		}
	}
	return hints
}

// leaderMap loads the team's names before the import transaction starts.
func leaderMap(l *ledger.Ledger) (map[string]int64, error) {
	ms, err := l.Leaders()
	if err != nil {
		return nil, err
	}
	m := make(map[string]int64, len(ms))
	for _, x := range ms {
		m[x.Name] = x.ID
	}
	return m, nil
}

// Import reads the file at path and adds its opinions to l in one
// transaction: either every opinion of the file is stored, or (on any
// error, or when ctx is cancelled) none is. Importing the same content
// again adds nothing and counts the opinions as Existing. Errors are
// *Error values naming the file and, where there is one, the sheet, row
// and column.
func Import(ctx context.Context, l *ledger.Ledger, path string, opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{Path: path, File: filepath.Base(path)}
	in, fi, err := openDetected(path)
	if err != nil {
		return res, err
	}
	defer in.close()
	name := in.name
	res.Format = fi.Format
	if fi.whole {
		_, err = in.load()
	} else {
		err = in.hashStream()
	}
	if err != nil {
		return res, err
	}
	res.Hash = in.hash
	leaders, err := leaderMap(l)
	if err != nil {
		return res, fail(name, err, ledger.Message(err))
	}
	e := &emitter{file: name, res: res, leaders: leaders, opts: &opts}
	var run func(ctx context.Context) error
	if fi.openTable != nil {
		run, err = planTableImport(ctx, l, in, fi, e, opts)
	} else {
		run, err = planRecordImport(ctx, in, fi, e, opts)
	}
	if err != nil {
		return res, err
	}

	batch, err := l.Import(ctx, name, res.Hash, res.Channel, func(tx *ledger.ImportTx) error {
		e.tx = tx
		res.Imported, res.Existing, res.Blank, res.FirstID = 0, 0, 0, 0
		res.Warnings, res.WarningsTotal = nil, 0
		res.Identifying, res.IdentifyingOpinions, res.Speakers = nil, 0, 0
		in.startCheck()
		if err := run(ctx); err != nil {
			return err
		}
		if err := in.check(); err != nil {
			return err
		}
		return ctx.Err()
	})
	res.Seconds = time.Since(start).Seconds()
	if err != nil {
		res.Imported, res.FirstID = 0, 0
		if cerr := ctx.Err(); cerr != nil {
			// database/sql rolls the transaction back itself when ctx ends,
			// so the error seen may be a closed transaction: it was a cancel.
			return res, wrapCtx(name, cerr)
		}
		return res, wrapCtx(name, err)
	}
	res.Batch = batch.ID
	e.progress()
	if opts.Mapping != nil {
		for _, t := range res.Tables {
			if t.MappedBy == "指定的" && t.Layout != "" {
				if old, ok := RememberedMapping(l, t.Layout); !ok || !reflect.DeepEqual(old, t.Mapping) {
					if err := RememberMapping(l, t.Layout, t.Mapping); err != nil {
						res.Notes = append(res.Notes, "未能记住这次的列对应关系："+ledger.Message(err))
					}
				}
			}
		}
	}
	return res, nil
}

// openDetected opens the file at path and tells its format.
func openDetected(path string) (*input, *FormatInfo, error) {
	in, err := openInput(path)
	if err != nil {
		return nil, nil, err
	}
	fi, err := detect(in)
	if err != nil {
		in.close()
		return nil, nil, err
	}
	return in, fi, nil
}

// planTableImport opens a workbook or delimited file, plans its sheets and
// chooses the channel; the returned run streams the planned sheets.
func planTableImport(ctx context.Context, l *ledger.Ledger, in *input, fi *FormatInfo, e *emitter, opts Options) (func(context.Context) error, error) {
	res := e.res
	src, err := fi.openTable(in, &opts)
	if err != nil {
		return nil, err
	}
	if c, ok := src.(*csvSource); ok {
		res.Encoding = c.enc
		e.gb = c.enc == GB18030
	}
	tables, err := planTables(ctx, l, src, in.name, opts)
	if err != nil {
		src.close()
		return nil, err
	}
	res.Tables = tables
	res.Kind = KindSheet
	for _, t := range tables {
		if t.Kind == KindWJX && len(t.Mapping.Text) > 0 {
			res.Kind = KindWJX
		}
		if t.Note != "" && len(t.Mapping.Text) > 0 {
			res.Notes = append(res.Notes, sheetLabel(t.Sheet)+t.Note)
		}
		if len(t.Mapping.Text) > 0 {
			e.total += src.rowCount(t.Sheet)
		}
	}
	if err := chooseChannel(res, opts.Channel, fi, tables, channelHints(in.name, tables)); err != nil {
		src.close()
		return nil, err
	}
	return func(ctx context.Context) error {
		defer src.close()
		return importTables(ctx, e, src, tables)
	}, nil
}

// planRecordImport checks a record format (JSON, minutes) in a dry pass,
// so that a broken file is refused before the ledger makes its pre-import
// backup, and a file with nothing in it says so.
func planRecordImport(ctx context.Context, in *input, fi *FormatInfo, e *emitter, opts Options) (func(context.Context) error, error) {
	res, name := e.res, in.name
	res.Kind = fi.kind
	e.gb = fi.replacesInvalid
	if fi.encoded && !fi.replacesInvalid {
		enc, err := sniffEncoding(in)
		if err != nil {
			return nil, fail(name, err, "无法读取文件")
		}
		res.Encoding, e.gb = enc, enc == GB18030
	}
	if err := chooseChannel(res, opts.Channel, fi, nil, nil); err != nil {
		return nil, err
	}
	n := 0
	if err := fi.records(ctx, in, func(r *record) error {
		n++
		if reason, cause := checkCell(r.text, e.gb); reason != "" {
			return at(name, r.sheet, r.row, r.col, cause, reason)
		}
		return nil
	}); err != nil {
		return nil, wrapCtx(name, err)
	}
	if n == 0 {
		return nil, fail(name, ErrNoText, "文件中没有找到任何意见")
	}
	e.total = n
	return func(ctx context.Context) error {
		return fi.records(ctx, in, func(r *record) error {
			e.rows++
			if e.rows%500 == 0 {
				e.progress()
			}
			return e.record(r)
		})
	}, nil
}

// wrapCtx turns any error into an *Error naming the file.
func wrapCtx(name string, err error) error {
	var ie *Error
	if errors.As(err, &ie) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fail(name, fmt.Errorf("%w: %w", ErrCancelled, err), "导入已取消")
	}
	var le *ledger.Error
	if errors.As(err, &le) && strings.Contains(le.Msg, "已取消") {
		return fail(name, fmt.Errorf("%w: %w", ErrCancelled, err), "导入已取消")
	}
	return fail(name, err, ledger.Message(err))
}

func sheetLabel(s string) string {
	if s == "" {
		return ""
	}
	return "工作表“" + s + "”："
}

// planTables scans the sheets to read and decides their mappings. It fails
// when no sheet has an opinion column.
func planTables(ctx context.Context, l *ledger.Ledger, src tableSource, name string, opts Options) ([]Table, error) {
	sheets, err := sheetsToRead(src, name, opts.Sheet)
	if err != nil {
		return nil, err
	}
	var tables []Table
	var problems []string
	forcedUsed := false
	for _, sh := range sheets {
		var forced *Mapping
		if opts.Mapping != nil && !forcedUsed {
			forced = opts.Mapping
		}
		t, err := scanTable(ctx, src, sh, forced, l)
		if err != nil {
			return nil, wrapCtx(name, err)
		}
		if t.HeaderRow == 0 {
			continue // an empty sheet
		}
		if forced != nil {
			forcedUsed = true
			if len(forced.Text) > 0 && !t.Mapping.validate(len(t.Header)) {
				return nil, at(name, sh, t.HeaderRow, 0, ErrNoText, "指定的列对应关系与表头不符（表头有 "+strconv.Itoa(len(t.Header))+" 列，意见列必须在其中）")
			}
		} else if opts.Mapping != nil {
			continue // the user's mapping names one sheet
		}
		if len(t.Mapping.Text) == 0 {
			problems = append(problems, sheetLabel(sh)+t.Note+"（表头："+strings.Join(nonEmpty(t.Header), "、")+"）")
		}
		tables = append(tables, t)
	}
	for _, t := range tables {
		if len(t.Mapping.Text) > 0 {
			return tables, nil
		}
	}
	if len(problems) == 0 {
		return nil, fail(name, ErrNoText, "文件中没有任何内容")
	}
	return nil, fail(name, ErrNoText, strings.Join(problems, "；")+"。请用 --text-col 指定意见所在的列（例如 --text-col 3 或 --text-col 意见内容）")
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
		if len(out) == 12 {
			out = append(out, "…")
			break
		}
	}
	return out
}

// chooseChannel sets res.Channel and says why: the channel given, else
// 问卷调查 for a 问卷星 export, else the format's own (FormatInfo.channel),
// else a guess from the hints.
func chooseChannel(res *Result, given string, fi *FormatInfo, tables []Table, hints []string) error {
	if given = ledger.TrimText(given); given != "" {
		res.Channel = given
		return nil
	}
	switch {
	case res.Kind == KindWJX:
		res.Channel, res.ChannelNote = "问卷调查", "问卷星导出的问卷，渠道定为“问卷调查”"
		return nil
	case fi != nil && fi.channel != "":
		res.Channel, res.ChannelNote = fi.channel, fi.channelNote
		return nil
	}
	if c, why := guessChannel(hints...); c != "" {
		res.Channel, res.ChannelNote = c, "根据“"+why+"”猜测渠道为“"+c+"”，如不对请另选渠道"
		return nil
	}
	for _, t := range tables {
		if t.Mapping.Channel > 0 {
			res.Channel, res.ChannelNote = "未注明", "渠道取自“"+colName(t.Header, t.Mapping.Channel)+"”列，空白的记为“未注明”"
			return nil
		}
	}
	return fail(res.File, ErrNoChannel, "无法判断这些意见的征求渠道，请用 --channel 指定（"+strings.Join(ledger.Channels, "、")+"）")
}
