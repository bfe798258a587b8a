package importer

import (
	"archive/zip"
	"context"
	"sort"
	"strings"
)

// Format is a file format the importer reads.
type Format string

// The formats, named by their usual extension. Each is declared by a
// FormatInfo registered in the file that reads it (xlsx.go, xls.go, csv.go,
// json.go, text.go, docx.go).
const (
	XLSX Format = "xlsx" // Excel 2007+ workbook (also .xlsm, and 问卷星 exports)
	XLS  Format = "xls"  // Excel 97–2003 workbook (BIFF8)
	CSV  Format = "csv"  // comma, tab, semicolon or bar separated text (.csv, .tsv)
	JSON Format = "json" // online submissions: a JSON array, an object holding one, or JSON Lines
	Text Format = "txt"  // meeting minutes and talk notes as plain text
	Docx Format = "docx" // meeting minutes as a Word document
)

// FormatInfo declares one input format: its name, its extensions, how it
// is told from a file's content, and how it is read. Import, Inspect,
// Detect, the window's file filter and format names and the import
// command's help all come from the registered formats, so adding a format
// is one new file that calls register in its init function.
//
// A format is read either as tables (openTable: a workbook or delimited
// file whose sheets have a header, previewed as rows and mapped to roles)
// or as records (records: one opinion candidate after another, previewed
// as the first opinions). Exactly one of the two is set.
type FormatInfo struct {
	Format     Format
	Name       string   // as a person reads it: Excel 工作簿（.xlsx）
	Help       string   // what it is for, in the import command's help: 问卷星或 Excel 导出的 .xlsx
	Extensions []string // with the dot, lower case, the usual one first
	Order      int      // position in lists (file filter, help)

	// detect says how sure the content (and name) of a probed file is of
	// this format: 0 not at all, else one of byContent, byExtension,
	// byGuess. The highest wins; a container (zip, OLE) is only ever
	// claimed by content.
	detect func(p *probe) int
	// whole: the format is read at random (zip, OLE): the file is read
	// into memory once, and that copy is hashed and parsed. Otherwise the
	// file is streamed, and the import pass hashes what it reads.
	whole bool

	openTable func(in *input, opts *Options) (tableSource, error)

	kind Kind // for record formats: what the records are (KindJSON, KindMinutes)
	// channel is the channel of the format's opinions when none is given,
	// and channelNote says so to the person importing.
	channel, channelNote string
	records              func(ctx context.Context, in *input, yield func(*record) error) error
	// replacesInvalid: the reader turns invalid bytes into U+FFFD itself
	// (encoding/json), so U+FFFD in a value means the file was damaged.
	replacesInvalid bool
	// encoded: a text format whose encoding is sniffed (Result.Encoding).
	encoded bool
}

// How sure a detection is.
const (
	byGuess     = 1 // the content looks like it (a text file starting with {)
	byExtension = 2 // a text file with this format's extension
	byContent   = 3 // the content proves it (the members of a zip, an OLE stream)
)

var registry []*FormatInfo

// register adds a format. It is called from the init function of the file
// that reads the format.
func register(f *FormatInfo) {
	registry = append(registry, f)
	sort.SliceStable(registry, func(i, j int) bool { return registry[i].Order < registry[j].Order })
}

// Formats returns the formats the importer reads, in display order.
func Formats() []FormatInfo {
	out := make([]FormatInfo, len(registry))
	for i, f := range registry {
		out[i] = *f
	}
	return out
}

// lookup returns the registered format f.
func lookup(f Format) *FormatInfo {
	for _, x := range registry {
		if x.Format == f {
			return x
		}
	}
	return nil
}

// Name returns the format's name as a person reads it (Excel 工作簿（.xlsx）),
// or the format itself when it is not registered.
func (f Format) Name() string {
	if x := lookup(f); x != nil {
		return x.Name
	}
	return string(f)
}

// Extensions returns every extension the importer reads, with the dot, in
// display order: for a file dialog's filter.
func Extensions() []string {
	var out []string
	for _, f := range registry {
		out = append(out, f.Extensions...)
	}
	return out
}

// ExtensionList is Extensions joined with spaces, for messages.
func ExtensionList() string { return strings.Join(Extensions(), " ") }

// FormatHelp lists what can be imported, for the import command's help:
// one phrase per format, joined with "，".
func FormatHelp() string {
	var parts []string
	for _, f := range registry {
		parts = append(parts, f.Help)
	}
	return strings.Join(parts, "，")
}

// hasExtension reports whether ext (lower case, with the dot) is one of
// exts.
func hasExtension(exts []string, ext string) bool {
	for _, e := range exts {
		if e == ext {
			return true
		}
	}
	return false
}

// probe is what detection knows of a file: its first bytes, its
// extension, and for a container the names inside it.
type probe struct {
	head []byte
	ext  string          // lower case, with the dot
	zip  *zip.Reader     // a zip whose declared sizes were checked; nil otherwise
	ole  map[string]bool // the stream names of an OLE compound file; nil otherwise
}

// container reports whether the file is a zip or an OLE compound file.
func (p *probe) container() bool { return p.zip != nil || p.ole != nil }

// zipHas reports whether the zip holds a member of that name.
func (p *probe) zipHas(name string) bool {
	if p.zip == nil {
		return false
	}
	for _, m := range p.zip.File {
		if m.Name == name {
			return true
		}
	}
	return false
}

// textByExtension is the detection of a text format: sure by its
// extension, never for a container.
func textByExtension(exts []string) func(p *probe) int {
	return func(p *probe) int {
		if !p.container() && hasExtension(exts, p.ext) {
			return byExtension
		}
		return 0
	}
}
