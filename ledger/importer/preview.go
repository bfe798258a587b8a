package importer

import (
	"context"
	"path/filepath"

	"taizhang/ledger"
)

// Preview is what the importer found in a file before anything is stored:
// the format, the sheets, the chosen sheet's header and mapping, and its
// first rows (or, for JSON and minutes, the first opinions), so that a
// person can check and correct the mapping and the channel.
type Preview struct {
	Path        string   `json:"path"`
	File        string   `json:"file"`
	Format      Format   `json:"format"`
	Kind        Kind     `json:"kind"`
	Encoding    Encoding `json:"encoding,omitempty"`
	Sheets      []string `json:"sheets,omitempty"`
	Table       *Table   `json:"table,omitempty"`  // the previewed sheet (table formats)
	Header      []string `json:"header"`           // column names (for JSON and minutes: the record fields)
	Rows        []Row    `json:"rows"`             // up to PreviewRows rows after the header
	Channel     string   `json:"channel"`          // the channel Import would choose
	ChannelNote string   `json:"channel_note"`     // why, or what is missing
	Tables      []Table  `json:"tables,omitempty"` // every sheet Import would read
	Err         string   `json:"error,omitempty"`  // a problem Import would refuse with (no opinion column …)
	ErrValue    error    `json:"-"`
	Mapping     Mapping  `json:"mapping"`
	NeedsPass   bool     `json:"needs_password,omitempty"`
}

// Row is one previewed row: its number in the file and its cells.
type Row struct {
	N     int      `json:"n"`
	Cells []string `json:"cells"`
}

// PreviewRows is how many rows a preview shows.
const PreviewRows = 20

// Inspect previews the file at path as Import would read it with opts
// (Sheet picks the previewed sheet; Mapping, if set, is applied). l may be
// nil; when given, remembered mappings are used. Only problems that make
// the file unreadable are returned as errors; a missing opinion column or
// channel is reported in Err so the mapping can be corrected.
func Inspect(ctx context.Context, l *ledger.Ledger, path string, opts Options) (*Preview, error) {
	name := filepath.Base(path)
	p := &Preview{Path: path, File: name}
	format, err := Detect(path)
	if err != nil {
		return p, err
	}
	p.Format = format
	switch format {
	case XLSX, XLS, CSV:
		src, err := openTable(format, path, name, opts.Password)
		if err != nil {
			if ie, ok := err.(*Error); ok && (ie.Err == ErrNeedPassword || ie.Err == ErrWrongPassword) {
				p.NeedsPass = true
			}
			return p, err
		}
		defer src.close()
		if c, ok := src.(*csvSource); ok {
			p.Encoding = c.enc
		}
		p.Sheets = src.sheetNames()
		tables, perr := planTables(ctx, l, src, name, opts)
		if perr != nil {
			p.Err, p.ErrValue = perr.Error(), perr
			// Still show the first sheet with content, to map by hand.
			sheets, _ := sheetsToRead(src, name, opts.Sheet)
			for _, sh := range sheets {
				t, err := scanTable(ctx, src, sh, opts.Mapping, l)
				if err == nil && t.HeaderRow > 0 {
					tables = []Table{t}
					break
				}
			}
		}
		p.Tables = tables
		for i := range tables {
			if opts.Sheet == "" || tables[i].Sheet == opts.Sheet {
				p.Table = &tables[i]
				break
			}
		}
		p.Kind = KindSheet
		if p.Table != nil {
			t := p.Table
			p.Kind, p.Header, p.Mapping = t.Kind, t.Header, t.Mapping
			for i, c := range t.Sample {
				if i == PreviewRows {
					break
				}
				p.Rows = append(p.Rows, Row{N: t.SampleRow[i], Cells: c})
			}
		}
		res := &Result{File: name, Kind: p.Kind}
		var hints []string
		for _, t := range tables {
			hints = append(hints, t.Sheet)
			hints = append(hints, t.Header...)
		}
		if err := chooseChannel(res, opts.Channel, tables, append([]string{name}, hints...)); err != nil && p.Err == "" {
			p.ChannelNote = "无法判断征求渠道，请选择"
		} else {
			p.Channel, p.ChannelNote = res.Channel, res.ChannelNote
		}
	default:
		var produce func(ctx context.Context, yield func(*record) error) error
		switch format {
		case JSON:
			p.Kind = KindJSON
			produce = func(ctx context.Context, y func(*record) error) error { return jsonRecords(ctx, path, name, y) }
		case Text:
			p.Kind = KindMinutes
			p.Encoding, _ = sniffFileEncoding(path)
			produce = func(ctx context.Context, y func(*record) error) error { return textRecords(ctx, path, name, y) }
		case Docx:
			p.Kind = KindMinutes
			produce = func(ctx context.Context, y func(*record) error) error { return docxRecords(ctx, path, name, y) }
		}
		p.Header = []string{"意见内容", "标题", "日期", "提出人", "来源位置"}
		err := produce(ctx, func(r *record) error {
			d, c, _ := parseDate(r.date)
			if c != "" {
				d += " " + c
			}
			pos := r.field
			p.Rows = append(p.Rows, Row{N: r.row, Cells: []string{ledger.TrimText(r.text), r.title, d, r.submitter.Name, pos}})
			if len(p.Rows) >= PreviewRows {
				return errStop
			}
			return nil
		})
		if err != nil && err != errStop {
			return p, err
		}
		res := &Result{File: name, Kind: p.Kind}
		chooseChannel(res, opts.Channel, nil, nil)
		p.Channel, p.ChannelNote = res.Channel, res.ChannelNote
		if len(p.Rows) == 0 {
			p.Err = fail(name, ErrNoText, "文件中没有找到任何意见").Error()
		}
	}
	return p, nil
}
