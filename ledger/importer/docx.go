package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

func init() {
	register(&FormatInfo{
		Format: Docx, Name: "Word 纪要（.docx）", Help: "Word 文档的纪要 .docx", Extensions: []string{".docx"}, Order: 60,
		detect: func(p *probe) int {
			if p.zipHas("word/document.xml") {
				return byContent
			}
			return 0
		},
		whole: true, kind: KindMinutes, records: docxRecords, channel: "座谈会", channelNote: "会议纪要或谈话记录，渠道定为“座谈会”（个别谈话请改选“个别约谈”）",
	})
}

// docxRecords reads a Word document (.docx: a zip of XML) with the
// standard library. Each paragraph of word/document.xml is one line for
// splitItems: <w:t> runs are joined, <w:tab/> is a tab, <w:br/> a line
// break, deleted text (tracked changes) and field codes are left out, and
// an automatically numbered paragraph (<w:numPr>) counts as an item even
// though its number is not in the text. Source.Row is the paragraph number.
func docxRecords(ctx context.Context, in *input, yield func(*record) error) error {
	name := in.name
	lines := func(fn func(textLine) error) error {
		data, err := in.load()
		if err != nil {
			return err
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return fail(name, fmt.Errorf("%w: %v", ErrCorrupt, err), "Word 文档已损坏（zip 结构无法读取）")
		}
		var doc *zip.File
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				doc = f
			}
		}
		if doc == nil {
			return fail(name, ErrCorrupt, "Word 文档中没有正文（word/document.xml）")
		}
		rc, err := doc.Open()
		if err != nil {
			return fail(name, fmt.Errorf("%w: %v", ErrCorrupt, err), "Word 文档已损坏，无法读取正文")
		}
		defer rc.Close()
		return docxParagraphs(rc, name, fn)
	}
	return splitItems(ctx, lines, true, yield)
}

// docxParagraphs streams the paragraphs of a document.xml.
func docxParagraphs(r io.Reader, name string, fn func(textLine) error) error {
	dec := xml.NewDecoder(r)
	var (
		depth   int // nesting of w:p (text boxes hold paragraphs inside paragraphs)
		n       int
		buf     strings.Builder
		list    bool
		inText  bool
		skipped int // inside w:delText or w:instrText
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) {
				return at(name, "", n+1, 0, fmt.Errorf("%w: %v", ErrCorrupt, err), "Word 文档已损坏")
			}
			return at(name, "", n+1, 0, fmt.Errorf("%w: %v", ErrCorrupt, err), "Word 文档的正文无法解析（XML 格式有误），文件可能已损坏")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				if depth > 0 {
					buf.WriteString("\n")
				}
				depth++
			case "numPr":
				list = true
			case "t":
				inText = true
			case "delText", "instrText":
				skipped++
			case "tab":
				if depth > 0 && skipped == 0 {
					buf.WriteString("\t")
				}
			case "br", "cr":
				if depth > 0 && skipped == 0 {
					buf.WriteString("\n")
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p":
				depth--
				if depth == 0 {
					n++
					if err := fn(textLine{n: n, s: buf.String(), list: list}); err != nil {
						return err
					}
					buf.Reset()
					list = false
				}
			case "t":
				inText = false
			case "delText", "instrText":
				skipped--
			}
		case xml.CharData:
			if inText && skipped == 0 && depth > 0 {
				if buf.Len()+len(t) > MaxLine {
					return at(name, "", n+1, 0, ErrTooLarge, "这一段超过 "+humanBytes(MaxLine))
				}
				buf.Write(t)
			}
		}
	}
}
