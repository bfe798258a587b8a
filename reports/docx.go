package reports

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Word documents (.docx) are written as WordprocessingML with archive/zip
// and encoding/xml, not through a library: github.com/gomutex/godocx (the
// one served, MIT, a pseudo-version) starts every file from a 900 KB
// template with an English thumbnail (43 KB for one paragraph, against
// ~6 KB here), names one font per run (no eastAsia font), and has no API
// for footers, page-number fields, section restarts or repeated header
// rows, which are what an official document needs. The parts written here
// are the few a document needs and nothing else.

// Measures of the Word document, in twentieths of a point (twips) unless
// said otherwise: A4, GB/T 9704 margins (top 37, left 28, type area
// 156 × 225 mm), 22 lines a page and 28 characters a line.
const (
	twipsPerMM   = 1440 / 25.4
	docxPageW    = 11906
	docxPageH    = 16838
	docxTop      = 2098 // 37 mm
	docxBottom   = 1984 // 35 mm
	docxLeft     = 1587 // 28 mm
	docxRight    = 1474 // 26 mm
	docxFooter   = 1304 // the page number 7 mm under the type area
	docxLine     = 579  // 225 mm / 22 lines
	docxTextW    = 8844 // 156 mm
	docxCondense = -4   // 28 characters of 三号 on 156 mm: each set 0.2 pt closer (twentieths of a point)
)

// The faces offices have, named as Word and WPS know them.
const (
	fontTitle = "方正小标宋简体"
	fontBody  = "仿宋_GB2312"
	fontH1    = "黑体"
	fontH2    = "楷体_GB2312"
	fontLatin = "Times New Roman"
	fontPage  = "宋体"
)

// WriteDOCX writes the document as a Word document (.docx) into w: the
// same parts and blocks as the PDF, with real paragraph styles (标题, 一级
// 标题, 二级标题, 正文, 引文), tables as tables with their header row
// repeated on every page, charts as tables of counts, each part a section
// whose page numbers 「— 1 —」 are PAGE fields restarting at 1. The same
// document gives the same bytes.
func (d *Document) WriteDOCX(ctx context.Context, w io.Writer) (Result, error) {
	var body strings.Builder
	body.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	body.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	for i, p := range d.Parts {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		dx := &docxWriter{b: &body}
		dx.part(p)
		sect := d.sectPr()
		if i < len(d.Parts)-1 {
			body.WriteString(`<w:p><w:pPr>` + sect + `</w:pPr></w:p>`)
		} else {
			body.WriteString(sect)
		}
		if d.Progress != nil {
			d.Progress(0.5 + 0.5*float64(i+1)/float64(len(d.Parts)))
		}
	}
	body.WriteString(`</w:body></w:document>`)

	title := ""
	if len(d.Parts) > 0 {
		title = strings.ReplaceAll(d.Parts[0].Title, "\n", "")
	}
	files := []struct{ name, data string }{
		{"[Content_Types].xml", d.contentTypes()},
		{"_rels/.rels", rootRels},
		{"docProps/app.xml", appProps},
		{"docProps/core.xml", coreProps(title, reportTime(d.Date).UTC().Format("2006-01-02T15:04:05Z"))},
		{"word/_rels/document.xml.rels", d.documentRels()},
		{"word/document.xml", body.String()},
		{"word/fontTable.xml", fontTable},
		{"word/footer1.xml", pageFooter("right")},
		{"word/footer2.xml", pageFooter("left")},
		{"word/settings.xml", settings},
		{"word/styles.xml", styles},
	}
	if d.Internal {
		files = append(files, struct{ name, data string }{"word/header1.xml", internalHeader})
	}
	cw := &countWriter{w: w}
	zw := zip.NewWriter(cw)
	mod := reportTime(d.Date)
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return Result{}, err
		}
		if _, err := io.WriteString(fw, f.data); err != nil {
			return Result{}, fmt.Errorf("写出 Word 文档失败：%w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return Result{}, fmt.Errorf("写出 Word 文档失败：%w", err)
	}
	if d.Progress != nil {
		d.Progress(1)
	}
	return Result{Bytes: cw.n}, nil
}

// sectPr closes a part: A4, the margins, the footers (and the internal
// mark), page numbers from 1, the grid of 22 lines.
func (d *Document) sectPr() string {
	refs := `<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>`
	if d.Internal {
		refs = `<w:headerReference w:type="default" r:id="rIdHeader"/><w:headerReference w:type="even" r:id="rIdHeader"/>` + refs
	}
	return `<w:sectPr>` + refs +
		`<w:pgSz w:w="` + itoa(docxPageW) + `" w:h="` + itoa(docxPageH) + `"/>` +
		`<w:pgMar w:top="` + itoa(docxTop) + `" w:right="` + itoa(docxRight) + `" w:bottom="` + itoa(docxBottom) + `" w:left="` + itoa(docxLeft) +
		`" w:header="851" w:footer="` + itoa(docxFooter) + `" w:gutter="0"/>` +
		`<w:pgNumType w:start="1"/><w:docGrid w:type="lines" w:linePitch="` + itoa(docxLine) + `"/></w:sectPr>`
}

// docxWriter writes the blocks of one part as WordprocessingML.
type docxWriter struct {
	b *strings.Builder
}

func (x *docxWriter) part(p Part) {
	wide := func(c rune) float64 {
		if isWide(c) || c > 0xFFFF {
			return sizeTitle * 25.4 / 72
		}
		return sizeTitle * 25.4 / 72 / 2
	}
	for _, para := range strings.Split(p.Title, "\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		x.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="ReportTitle"/></w:pPr>`)
		for i, line := range balanceTitle(para, wide, textW) {
			if i > 0 {
				x.b.WriteString(`<w:r><w:br/></w:r>`)
			}
			x.run(line, "")
		}
		x.b.WriteString(`</w:p>`)
	}
	for _, s := range p.Subtitle {
		x.para("Subtitle", s, "")
	}
	for _, bl := range p.Blocks {
		x.block(bl)
	}
}

func (x *docxWriter) block(bl Block) {
	switch bl.Kind {
	case Heading1:
		x.para("Heading1", bl.Text, "")
	case Heading2:
		x.para("Heading2", bl.Text, "")
	case Paragraph:
		x.lines("BodyText", bl.Text, "")
	case Placeholder:
		x.lines("BodyText", bl.Text, `<w:color w:val="2846A0"/><w:highlight w:val="yellow"/>`)
	case Quote:
		x.lines("QuoteText", bl.Text, "")
	case Addressee, Plain:
		x.lines("Plain", bl.Text, "")
	case Signature:
		x.lines("SignatureText", bl.Text, "")
	case TableBlock:
		x.table(bl.Table)
	case ChartBlock:
		x.chart(bl.Chart)
	case ResponseBox:
		x.responseBox(bl)
	}
}

// lines writes each line of text as a paragraph of the style.
func (x *docxWriter) lines(style, text, rpr string) {
	for _, line := range strings.Split(text, "\n") {
		x.para(style, line, rpr)
	}
}

func (x *docxWriter) para(style, text, rpr string) {
	x.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	x.run(text, rpr)
	x.b.WriteString(`</w:p>`)
}

// run writes text as runs; tabs become w:tab.
func (x *docxWriter) run(text, rpr string) {
	if text == "" {
		return
	}
	for i, seg := range strings.Split(text, "\t") {
		x.b.WriteString(`<w:r>`)
		if rpr != "" {
			x.b.WriteString(`<w:rPr>` + rpr + `</w:rPr>`)
		}
		if i > 0 {
			x.b.WriteString(`<w:tab/>`)
		}
		if seg != "" {
			x.b.WriteString(`<w:t xml:space="preserve">` + xmlText(seg) + `</w:t>`)
		}
		x.b.WriteString(`</w:r>`)
	}
}

// xmlText escapes s for XML and leaves out what XML 1.0 cannot hold
// (control characters other than tab and newline).
func xmlText(s string) string {
	var b strings.Builder
	clean := strings.Map(func(c rune) rune {
		if (c < 0x20 && c != '\t' && c != '\n') || c == 0xFFFE || c == 0xFFFF || c == utf8.RuneError && !strings.ContainsRune(s, utf8.RuneError) {
			return -1
		}
		return c
	}, s)
	xml.EscapeText(&b, []byte(clean))
	return b.String()
}

// table writes t as a Word table at the full width, its header row
// repeated on every page.
func (x *docxWriter) table(t *Table) {
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	cols := make([]int, len(t.Widths))
	for i, w := range t.Widths {
		cols[i] = int(w / total * docxTextW)
	}
	x.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="` + itoa(docxTextW) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		x.b.WriteString(`<w:gridCol w:w="` + itoa(c) + `"/>`)
	}
	x.b.WriteString(`</w:tblGrid>`)
	x.row(t.Header, cols, nil, true)
	for _, r := range t.Rows {
		x.row(r, cols, t.Align, false)
	}
	x.b.WriteString(`</w:tbl>`)
	x.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableAfter"/></w:pPr></w:p>`)
}

func (x *docxWriter) row(cells []string, cols []int, align []string, header bool) {
	x.b.WriteString(`<w:tr>`)
	if header {
		x.b.WriteString(`<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`)
	}
	for i, w := range cols {
		x.b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(w) + `" w:type="dxa"/>`)
		if header {
			x.b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>`)
		}
		x.b.WriteString(`</w:tcPr>`)
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		style, jc := "TableText", ""
		if header {
			style = "TableHeader"
		} else if i < len(align) {
			jc = map[string]string{"C": "center", "R": "right"}[align[i]]
		}
		for _, line := range strings.Split(text, "\n") {
			x.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/>`)
			if jc != "" {
				x.b.WriteString(`<w:jc w:val="` + jc + `"/>`)
			}
			x.b.WriteString(`</w:pPr>`)
			x.run(line, "")
			x.b.WriteString(`</w:p>`)
		}
		x.b.WriteString(`</w:tc>`)
	}
	x.b.WriteString(`</w:tr>`)
}

// chart writes a bar chart as its caption and a table: label, count, and
// a bar of blocks proportional to the count.
func (x *docxWriter) chart(c *Chart) {
	x.para("Caption", c.Title, "")
	maxV := 1
	for _, b := range c.Bars {
		maxV = max(maxV, b.Value)
	}
	t := &Table{Header: []string{"项目", "数量", "图示"}, Widths: []float64{3, 1.6, 6}, Align: []string{"L", "R", "L"}}
	for _, b := range c.Bars {
		n := b.Value * 24 / maxV
		if b.Value > 0 && n == 0 {
			n = 1
		}
		t.Rows = append(t.Rows, []string{b.Label, strconv.Itoa(b.Value) + c.Unit, strings.Repeat("█", n)})
	}
	x.table(t)
}

// responseBox is a one-cell table: the label, then empty lines to write on.
func (x *docxWriter) responseBox(bl Block) {
	x.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="` + itoa(docxTextW) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>` +
		`<w:tblGrid><w:gridCol w:w="` + itoa(docxTextW) + `"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="` + itoa(docxTextW) + `" w:type="dxa"/></w:tcPr>`)
	x.para("BoxLabel", bl.Text, "")
	for i := 0; i < bl.Lines; i++ {
		x.para("TableText", "", "")
	}
	x.b.WriteString(`</w:tc></w:tr></w:tbl><w:p><w:pPr><w:pStyle w:val="TableAfter"/></w:pPr></w:p>`)
}

func (d *Document) contentTypes() string {
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
		`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
		`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`
	if d.Internal {
		s += `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`
	}
	return s + `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`
}

func (d *Document) documentRels() string {
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="` + rel + `styles" Target="styles.xml"/>` +
		`<Relationship Id="rIdSettings" Type="` + rel + `settings" Target="settings.xml"/>` +
		`<Relationship Id="rIdFonts" Type="` + rel + `fontTable" Target="fontTable.xml"/>` +
		`<Relationship Id="rIdFooterOdd" Type="` + rel + `footer" Target="footer1.xml"/>` +
		`<Relationship Id="rIdFooterEven" Type="` + rel + `footer" Target="footer2.xml"/>`
	if d.Internal {
		s += `<Relationship Id="rIdHeader" Type="` + rel + `header" Target="header1.xml"/>`
	}
	return s + `</Relationships>`
}

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`

const appProps = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>意见台账 taizhang</Application></Properties>`

func coreProps(title, when string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xmlText(title) + `</dc:title><dc:creator>意见台账 taizhang</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + when + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + when + `</dcterms:modified></cp:coreProperties>`
}

// pageFooter is the page number 「— 1 —」 as a PAGE field, on the right of
// odd pages and the left of even ones, one character in.
func pageFooter(side string) string {
	ind := `<w:ind w:right="280"/>`
	if side == "left" {
		ind = `<w:ind w:left="280"/>`
	}
	rpr := `<w:rPr><w:rFonts w:ascii="` + fontPage + `" w:hAnsi="` + fontPage + `" w:eastAsia="` + fontPage + `"/><w:sz w:val="28"/></w:rPr>`
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="` + side + `"/>` + ind + `</w:pPr>` +
		`<w:r>` + rpr + `<w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r>` + rpr + `<w:fldChar w:fldCharType="begin"/></w:r><w:r>` + rpr + `<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r>` + rpr + `<w:fldChar w:fldCharType="separate"/></w:r><w:r>` + rpr + `<w:t>1</w:t></w:r><w:r>` + rpr + `<w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r>` + rpr + `<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
}

const internalHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="` + fontH1 + `" w:hAnsi="` + fontH1 + `" w:eastAsia="` + fontH1 + `"/><w:color w:val="B40000"/><w:sz w:val="24"/></w:rPr><w:t>` + internalMark + `</w:t></w:r></w:p></w:hdr>`

const settings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// fontTable names the official faces with the names Word, WPS and
// LibreOffice substitute when a PC lacks them (仿宋_GB2312 → 仿宋), and the
// GB2312 character set, so a Chinese face is picked in their place.
var fontTable = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	fontEntry(fontTitle, "小标宋", "roman") + fontEntry(fontBody, "仿宋", "modern") + fontEntry(fontH1, "SimHei", "modern") +
	fontEntry(fontH2, "楷体", "modern") + fontEntry(fontPage, "SimSun", "auto") +
	`<w:font w:name="` + fontLatin + `"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`

func fontEntry(name, alt, family string) string {
	return `<w:font w:name="` + name + `"><w:altName w:val="` + alt + `"/><w:charset w:val="86"/><w:family w:val="` + family + `"/><w:pitch w:val="fixed"/></w:font>`
}

// rFonts names a face for Chinese and Times New Roman for Latin letters and
// digits, as offices set them.
func rFonts(eastAsia string) string {
	return `<w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + eastAsia + `" w:cs="` + fontLatin + `" w:hint="eastAsia"/>`
}

func paraStyle(id, name, ppr, rpr string) string {
	return `<w:style w:type="paragraph" w:customStyle="1" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
		`<w:pPr>` + ppr + `</w:pPr><w:rPr>` + rpr + `</w:rPr></w:style>`
}

var styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(fontBody) + `<w:spacing w:val="` + itoa(docxCondense) + `"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:line="` + itoa(docxLine) + `" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	paraStyle("ReportTitle", "报告标题", `<w:jc w:val="center"/><w:spacing w:after="`+itoa(docxLine)+`" w:line="760" w:lineRule="exact"/><w:outlineLvl w:val="0"/>`, rFonts(fontTitle)+`<w:sz w:val="44"/><w:szCs w:val="44"/>`) +
	paraStyle("Subtitle", "副标题", `<w:jc w:val="center"/>`, "") +
	paraStyle("Heading1", "一级标题（一、）", `<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="1"/>`, rFonts(fontH1)) +
	paraStyle("Heading2", "二级标题（（一））", `<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="2"/>`, rFonts(fontH2)) +
	paraStyle("BodyText", "正文", `<w:ind w:firstLineChars="200" w:firstLine="640"/>`, "") +
	paraStyle("QuoteText", "引文（意见原文）", `<w:ind w:left="640"/><w:jc w:val="left"/><w:spacing w:line="440" w:lineRule="exact"/>`, `<w:sz w:val="28"/><w:szCs w:val="28"/>`) +
	paraStyle("Plain", "顶格", `<w:jc w:val="left"/>`, "") +
	paraStyle("SignatureText", "落款", `<w:jc w:val="right"/><w:ind w:right="640"/>`, "") +
	paraStyle("TableText", "表格文字", `<w:jc w:val="left"/><w:spacing w:line="300" w:lineRule="auto"/><w:snapToGrid w:val="0"/>`, `<w:sz w:val="24"/><w:szCs w:val="24"/>`) +
	paraStyle("TableHeader", "表头", `<w:jc w:val="center"/><w:spacing w:line="300" w:lineRule="auto"/><w:snapToGrid w:val="0"/>`, rFonts(fontH1)+`<w:sz w:val="24"/><w:szCs w:val="24"/>`) +
	paraStyle("BoxLabel", "填写栏", `<w:jc w:val="left"/><w:spacing w:line="400" w:lineRule="exact"/>`, rFonts(fontH2)+`<w:sz w:val="24"/><w:szCs w:val="24"/>`) +
	paraStyle("TableAfter", "表后空行", `<w:spacing w:line="240" w:lineRule="auto"/>`, `<w:sz w:val="16"/>`) +
	paraStyle("Caption", "图表题", `<w:keepNext/><w:jc w:val="center"/>`, rFonts(fontH1)+`<w:sz w:val="24"/><w:szCs w:val="24"/>`) +
	`<w:style w:type="table" w:customStyle="1" w:styleId="ReportTable"><w:name w:val="报告表格"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>` +
	`<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`
