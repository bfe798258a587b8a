package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var pageNumber = regexp.MustCompile(`—\d+—`)

func writeDocx(tb testing.TB, doc *Document) []byte {
	tb.Helper()
	var buf bytes.Buffer
	res, err := doc.WriteDOCX(context.Background(), &buf)
	if err != nil {
		tb.Fatal(err)
	}
	if res.Bytes != int64(buf.Len()) {
		tb.Errorf("Bytes = %d, wrote %d", res.Bytes, buf.Len())
	}
	return buf.Bytes()
}

// docxParts opens a .docx and checks every part is well-formed XML.
func docxParts(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				tb.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		parts[f.Name] = string(b)
	}
	return parts
}

// docxText reads the text of document.xml back: the w:t of each paragraph,
// a paragraph a line.
func docxText(tb testing.TB, data []byte) string {
	tb.Helper()
	d := xml.NewDecoder(strings.NewReader(docxParts(tb, data)["word/document.xml"]))
	var b strings.Builder
	inT := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inT = t.Name.Local == "t"
		case xml.EndElement:
			inT = false
			if t.Name.Local == "p" {
				b.WriteString("\n")
			}
		case xml.CharData:
			if inT {
				b.Write(t)
			}
		}
	}
	return b.String()
}

// blockTexts are the texts a document's reader must find: titles,
// headings, paragraphs, quotes, table cells, chart labels.
func blockTexts(doc *Document) []string {
	var out []string
	for _, p := range doc.Parts {
		out = append(out, p.Title)
		out = append(out, p.Subtitle...)
		for _, b := range p.Blocks {
			switch {
			case b.Table != nil:
				for _, r := range b.Table.Rows {
					out = append(out, r...)
				}
			case b.Chart != nil:
				for _, bar := range b.Chart.Bars {
					out = append(out, bar.Label)
				}
			default:
				out = append(out, strings.Split(b.Text, "\n")...)
			}
		}
	}
	return out
}

// The Word document holds the same text as the PDF: every title, heading,
// paragraph, quote and table cell comes back from both, and no submitter
// is in either.
func TestWordMatchesPDF(t *testing.T) {
	l := newDemoLedger(t)
	liu, _ := l.ResolveTarget("刘志强")
	for _, req := range []Request{{Kind: Situation}, {Kind: Situation, Targets: []int64{liu}}, {Kind: FourWinds}, {Kind: Feedback}} {
		name := string(req.Kind)
		if req.Targets != nil {
			name += "/member"
		}
		t.Run(name, func(t *testing.T) {
			pdf, doc, _ := render(t, l, req)
			ptext := pageNumber.ReplaceAllString(squeeze(pdfText(t, pdf)), "") // a page break may fall inside a text
			data := writeDocx(t, doc)
			wtext := docxText(t, data)
			wsq := squeeze(wtext)
			missing := 0
			for _, s := range blockTexts(doc) {
				s = squeeze(s)
				if s == "" {
					continue
				}
				if !strings.Contains(wsq, s) {
					missing++
					t.Errorf("Word document lacks %q", s)
				}
				if !strings.Contains(ptext, s) {
					missing++
					t.Errorf("PDF lacks %q: %s", s, divergence(ptext, s))
				}
				if missing > 5 {
					t.FailNow()
				}
			}
			assertNoSubmitters(t, wtext, demoSubmitters)
			parts := docxParts(t, data)
			if n := strings.Count(parts["word/document.xml"], "<w:sectPr>"); n != len(doc.Parts) {
				t.Errorf("%d sections for %d parts", n, len(doc.Parts))
			}
			if n := strings.Count(parts["word/document.xml"], `<w:pgNumType w:start="1"/>`); n != len(doc.Parts) {
				t.Errorf("page numbers restart in %d of %d sections", n, len(doc.Parts))
			}
			if !strings.Contains(parts["word/footer1.xml"], " PAGE ") || !strings.Contains(parts["word/footer2.xml"], `w:jc w:val="left"`) {
				t.Errorf("footers lack the PAGE field or the even-page side")
			}
			for _, f := range []string{fontTitle, fontBody, fontH1, fontH2} {
				if !strings.Contains(parts["word/styles.xml"], `w:eastAsia="`+f+`"`) {
					t.Errorf("styles do not name %s", f)
				}
			}
			if strings.Contains(parts["word/document.xml"], "<w:tbl>") && !strings.Contains(parts["word/document.xml"], "<w:tblHeader/>") {
				t.Errorf("tables without a repeated header row")
			}
		})
	}
}

// An internal Word copy is marked on every page (the header) and names
// the submitters of its quotes; an ordinary one does neither.
func TestWordInternalCopy(t *testing.T) {
	l := newDemoLedger(t)
	doc, _, _ := Build(context.Background(), l, Request{Kind: Situation, Options: Options{Internal: true}})
	data := writeDocx(t, doc)
	parts := docxParts(t, data)
	if !strings.Contains(parts["word/header1.xml"], internalMark) || !strings.Contains(parts["word/document.xml"], `w:type="even" r:id="rIdHeader"`) {
		t.Errorf("internal copy not marked on every page")
	}
	if !strings.Contains(squeeze(docxText(t, data)), "提出人：诸葛青云，某某乡政府，0371-66668888") {
		t.Errorf("internal Word copy lacks the submitter of a quoted opinion")
	}
	doc, _, _ = Build(context.Background(), l, Request{Kind: Situation})
	plain := docxParts(t, writeDocx(t, doc))
	if _, ok := plain["word/header1.xml"]; ok {
		t.Errorf("ordinary copy has the internal header")
	}
}

// The same document gives the same bytes; characters outside the BMP are
// kept, control characters XML cannot hold are left out.
func TestWordSameBytesAndCharacters(t *testing.T) {
	doc := &Document{Date: "2026-11-20", Parts: []Part{{Title: "测试", Blocks: []Block{{Kind: Paragraph, Text: "姓𠮷的同志😀\x01反映<“a&b”>\t完"}}}}}
	a, b := writeDocx(t, doc), writeDocx(t, doc)
	if !bytes.Equal(a, b) {
		t.Errorf("two runs differ")
	}
	if got := docxText(t, a); !strings.Contains(got, "姓𠮷的同志😀反映<“a&b”>完") {
		t.Errorf("text read back %q", got)
	}
}

// LibreOffice opens every Word document and reads back its text (where
// soffice is installed).
func TestWordOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice 未安装：跳过")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	l := newDemoLedger(t)
	dir := t.TempDir()
	var docs []*Document
	var files []string
	for _, req := range []Request{{Kind: Situation}, {Kind: FourWinds}, {Kind: Feedback}} {
		doc, _, err := Build(context.Background(), l, req)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, string(req.Kind)+".docx")
		os.WriteFile(f, writeDocx(t, doc), 0o644)
		docs, files = append(docs, doc), append(files, f)
	}
	profile := "file://" + filepath.Join(dir, "profile")
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir}, files...)
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for i, f := range files {
		txt, err := os.ReadFile(strings.TrimSuffix(f, ".docx") + ".txt")
		if err != nil {
			t.Fatalf("LibreOffice did not convert %s: %v", f, err)
		}
		sq := squeeze(string(txt))
		for _, s := range blockTexts(docs[i]) {
			if s = squeeze(s); s != "" && !strings.Contains(sq, s) {
				t.Errorf("%s: LibreOffice reads no %q", filepath.Base(f), s)
				break
			}
		}
	}
}
