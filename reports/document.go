package reports

import (
	"strconv"
	"strings"
)

// Document is a report before it is drawn: a title block and a list of
// blocks, in one or more parts. Each part starts on a new page with its own
// title block (a four-winds report for every member in one file has one part
// per member). The same Document gives the PDF and the text preview.
type Document struct {
	Parts []Part
	// Internal marks every page 「内部材料 含提出人信息」: the copy carries
	// submitter names and contacts.
	Internal bool
	// Date is the report date, YYYY-MM-DD; it fixes the PDF's creation date.
	Date string
	// Progress, if set, is told how far WritePDF is (from 0.5 to 1: Build
	// sets it from Options.Progress, having reported the first half).
	Progress func(fraction float64)
}

// Part is one titled section of a document that starts on a new page.
type Part struct {
	Title    string   // may hold \n for a chosen line break
	Subtitle []string // lines under the title: unit, member, date
	Blocks   []Block
}

// BlockKind tells how a block is drawn.
type BlockKind int

// The kinds of block.
const (
	Heading1    BlockKind = iota // 一、 level heading (bold sans)
	Heading2                     // （一） level heading (sans)
	Paragraph                    // body text, first line indented two characters
	Quote                        // an opinion quoted verbatim, indented, smaller
	TableBlock                   // a table whose rows wrap and flow across pages
	ChartBlock                   // a horizontal bar chart
	Signature                    // right-aligned lines at the end (unit, date)
	Addressee                    // the 主送 line under the title, flush left: 县委第X督导组：
	Plain                        // lines flush left, without indent (a form's lines)
	Placeholder                  // a place the leader writes in: marked, to be replaced
	ResponseBox                  // a framed space with a label to write in by hand
)

// Block is one heading, paragraph, quote, table or chart.
type Block struct {
	Kind  BlockKind
	Text  string
	Lines int // the empty lines of a ResponseBox
	Table *Table
	Chart *Chart
}

// Table is a table with a header row repeated on every page it spans.
type Table struct {
	Header []string
	Widths []float64 // relative column widths
	Align  []string  // "L", "C" or "R" per column; default "L"
	Rows   [][]string
}

// Chart is a horizontal bar chart of counts.
type Chart struct {
	Title string
	Unit  string // the counted thing: 条, 个
	Bars  []Bar
}

// Bar is one labelled bar.
type Bar struct {
	Label string
	Value int
}

func (p *Part) add(kind BlockKind, text string) {
	p.Blocks = append(p.Blocks, Block{Kind: kind, Text: text})
}
func (p *Part) h1(s string)    { p.add(Heading1, s) }
func (p *Part) h2(s string)    { p.add(Heading2, s) }
func (p *Part) para(s string)  { p.add(Paragraph, s) }
func (p *Part) quote(s string) { p.add(Quote, s) }
func (p *Part) table(t *Table) { p.Blocks = append(p.Blocks, Block{Kind: TableBlock, Table: t}) }
func (p *Part) chart(c *Chart) { p.Blocks = append(p.Blocks, Block{Kind: ChartBlock, Chart: c}) }

// written adds a text the leader writes: a Placeholder while it still is
// the drafted default, a paragraph once it was written.
func (p *Part) written(value, def string) {
	if value == def {
		p.add(Placeholder, value)
	} else {
		p.para(value)
	}
}

// Text renders the document as plain text, for the preview in the window:
// headings, paragraphs, quotes, tables as tab-separated rows, charts as lines
// of label and count.
func (d *Document) Text() string {
	var b strings.Builder
	if d.Internal {
		b.WriteString(internalMark + "\n\n")
	}
	for i, p := range d.Parts {
		if i > 0 {
			b.WriteString("\n────────────────\n\n")
		}
		b.WriteString(strings.ReplaceAll(p.Title, "\n", "") + "\n")
		for _, s := range p.Subtitle {
			b.WriteString(s + "\n")
		}
		b.WriteString("\n")
		for _, bl := range p.Blocks {
			switch bl.Kind {
			case Heading1, Heading2:
				b.WriteString("\n" + bl.Text + "\n")
			case Paragraph, Placeholder:
				for _, line := range strings.Split(bl.Text, "\n") {
					b.WriteString("　　" + line + "\n")
				}
			case Addressee, Plain:
				b.WriteString(bl.Text + "\n")
			case ResponseBox:
				b.WriteString("┌" + bl.Text + "\n" + strings.Repeat("│\n", bl.Lines) + "└\n")
			case Quote:
				for _, line := range strings.Split(bl.Text, "\n") {
					b.WriteString("    " + line + "\n")
				}
			case Signature:
				b.WriteString("\n" + bl.Text + "\n")
			case TableBlock:
				b.WriteString(strings.Join(bl.Table.Header, "\t") + "\n")
				for _, r := range bl.Table.Rows {
					b.WriteString(strings.Join(r, "\t") + "\n")
				}
			case ChartBlock:
				b.WriteString("【" + bl.Chart.Title + "】\n")
				for _, bar := range bl.Chart.Bars {
					b.WriteString("  " + bar.Label + "  " + strconv.Itoa(bar.Value) + bl.Chart.Unit + "\n")
				}
			}
		}
	}
	return b.String()
}
