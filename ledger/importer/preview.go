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
	FormatName  string   `json:"format_name"` // as a person reads it: Excel 工作簿（.xlsx）
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
	p := &Preview{Path: path, File: filepath.Base(path)}
	in, fi, err := openDetected(path)
	if err != nil {
		return p, err
	}
	defer in.close()
	p.Format, p.FormatName = fi.Format, fi.Name
	if fi.openTable != nil {
		return p, inspectTables(ctx, l, in, fi, p, opts)
	}
	return p, inspectRecords(ctx, in, fi, p, opts)
}

// inspectTables previews a workbook or delimited file.
func inspectTables(ctx context.Context, l *ledger.Ledger, in *input, fi *FormatInfo, p *Preview, opts Options) error {
	name := in.name
	src, err := fi.openTable(in, &opts)
	if err != nil {
		if ie, ok := err.(*Error); ok && (ie.Err == ErrNeedPassword || ie.Err == ErrWrongPassword) {
			p.NeedsPass = true
		}
		return err
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
	if err := chooseChannel(res, opts.Channel, fi, tables, channelHints(name, tables)); err != nil && p.Err == "" {
		p.ChannelNote = "无法判断征求渠道，请选择"
	} else {
		p.Channel, p.ChannelNote = res.Channel, res.ChannelNote
	}
	return nil
}

// inspectRecords previews JSON submissions or minutes: the first records.
func inspectRecords(ctx context.Context, in *input, fi *FormatInfo, p *Preview, opts Options) error {
	p.Kind = fi.kind
	if fi.encoded && !fi.replacesInvalid {
		p.Encoding, _ = sniffEncoding(in)
	}
	p.Header = []string{"意见内容", "标题", "日期", "提出人", "来源位置"}
	err := fi.records(ctx, in, func(r *record) error {
		d, c, _ := parseDate(r.date)
		if c != "" {
			d += " " + c
		}
		p.Rows = append(p.Rows, Row{N: r.row, Cells: []string{ledger.TrimText(r.text), r.title, d, r.submitter.Name, r.field}})
		if len(p.Rows) >= PreviewRows {
			return errStop
		}
		return nil
	})
	if err != nil && err != errStop {
		return err
	}
	res := &Result{File: in.name, Kind: p.Kind}
	chooseChannel(res, opts.Channel, fi, nil, nil)
	p.Channel, p.ChannelNote = res.Channel, res.ChannelNote
	if len(p.Rows) == 0 {
		p.Err = fail(in.name, ErrNoText, "文件中没有找到任何意见").Error()
	}
	return nil
}
