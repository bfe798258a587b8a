package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// docx builds a minimal Word document whose body is the given paragraph
// XML (the <w:p> elements).
func docx(t testing.TB, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body + `</w:body></w:document>`,
	}
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func para(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func listPara(text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

var docxTests = []struct {
	name string
	body string
	want []item
}{
	{"one opinion per paragraph",
		para("征求意见座谈会记录") + para("会议太多，有的会开得太长。") + `<w:p/>` + para("文件层层转发。"),
		[]item{{"会议太多，有的会开得太长。", "", "第2段", 2}, {"文件层层转发。", "", "第4段", 4}}},
	{"typed numbers",
		para("1、会议太多") + para("2、文件太多") + para("补充：会议要精简。"),
		[]item{{"会议太多", "", "1、", 1}, {"文件太多\n补充：会议要精简。", "", "2、", 2}}},
	{"automatic numbering",
		para("大家提出以下意见：") + listPara("会议太多") + listPara("文件太多"),
		[]item{{"会议太多", "", "编号段落", 2}, {"文件太多", "", "编号段落", 3}}},
	{"runs, tabs, breaks, deleted text",
		`<w:p><w:r><w:t>会议</w:t></w:r><w:r><w:tab/><w:t>太多</w:t><w:br/><w:t>第二行</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del></w:p>` + para("文件太多。"),
		[]item{{"会议\t太多\n第二行", "", "第1段", 1}, {"文件太多。", "", "第2段", 2}}},
}

func TestDocx(t *testing.T) {
	for _, c := range docxTests {
		t.Run(c.name, func(t *testing.T) {
			l := newLedger(t)
			p := write(t, "纪要.docx", docx(t, c.body))
			res := mustImport(t, l, p, Options{})
			if res.Format != Docx || res.Channel != "座谈会" {
				t.Errorf("format %s channel %s", res.Format, res.Channel)
			}
			var got []item
			for _, o := range opinionsOf(t, l, "纪要.docx") {
				got = append(got, item{o.Text, o.Title, o.Source.Field, o.Source.Row})
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("item %d: %+v, want %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestDocxBroken(t *testing.T) {
	l := newLedger(t)
	p := write(t, "纪要.docx", docx(t, `<w:p><w:r><w:t>会议太多`))
	_, err := Import(context.Background(), l, p, Options{})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "纪要.docx") {
		t.Fatalf("err = %v", err)
	}
}

func FuzzDocx(f *testing.F) {
	for _, c := range docxTests {
		f.Add(c.body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`
		err := docxParagraphs(strings.NewReader(doc), "f.docx", func(l textLine) error {
			if l.n < 1 {
				t.Fatalf("paragraph %d", l.n)
			}
			return nil
		})
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("not an *Error: %v", err)
			}
		}
	})
}
