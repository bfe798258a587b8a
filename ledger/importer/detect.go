package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/richardlehane/mscfb"
)

// Format is a file format the importer reads.
type Format string

// The formats, named by their usual extension.
const (
	XLSX Format = "xlsx" // Excel 2007+ workbook (also .xlsm, and 问卷星 exports)
	XLS  Format = "xls"  // Excel 97–2003 workbook (BIFF8)
	CSV  Format = "csv"  // comma, tab, semicolon or bar separated text (.csv, .tsv)
	JSON Format = "json" // online submissions: a JSON array, an object holding one, or JSON Lines
	Text Format = "txt"  // meeting minutes and talk notes as plain text
	Docx Format = "docx" // meeting minutes as a Word document
)

// Limits on what is read. They keep memory and time bounded on hostile
// files; real exports are far below them.
const (
	// MaxUnzipped bounds the total uncompressed size of an .xlsx or .docx.
	MaxUnzipped = 1 << 30
	// MaxRatio bounds the compression ratio of any zip member larger than
	// ratioFloor: a zip bomb compresses far better than any real sheet.
	MaxRatio = 200
	// MaxXLS bounds an .xls file, which is read into memory whole.
	MaxXLS = 64 << 20
	// MaxLine bounds one line of a text file or one JSON value (bytes).
	MaxLine = 4 << 20
)

const ratioFloor = 16 << 20

var (
	magicZip  = []byte("PK\x03\x04")
	magicOLE  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicPNG  = []byte("\x89PNG")
	magicJPEG = []byte{0xFF, 0xD8, 0xFF}
	magicGIF  = []byte("GIF8")
	magicPDF  = []byte("%PDF")
	magicRAR  = []byte("Rar!")
	magic7z   = []byte{'7', 'z', 0xBC, 0xAF}
	magicGzip = []byte{0x1F, 0x8B}
	magicBMP  = []byte("BM")
)

// Detect tells the format of the file at path from its content (the
// extension only breaks ties between text formats). A file that is empty,
// not a format the importer reads, or broken gives an *Error.
func Detect(path string) (Format, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return "", fail(name, err, "无法打开文件（"+osReason(err)+"）")
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", fail(name, err, "无法读取文件")
	}
	if st.IsDir() {
		return "", fail(name, ErrUnsupported, "这是一个文件夹，请选择文件")
	}
	if st.Size() == 0 {
		return "", fail(name, ErrEmpty, "文件是空的（0 字节）")
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(head, magicZip) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return detectZip(f, st.Size(), name)
	case bytes.HasPrefix(head, magicOLE):
		return detectOLE(f, name, ext)
	case bytes.HasPrefix(head, magicPNG), bytes.HasPrefix(head, magicJPEG), bytes.HasPrefix(head, magicGIF),
		bytes.HasPrefix(head, magicBMP) && ext != ".txt" && ext != ".csv":
		return "", fail(name, ErrUnsupported, "这是一张图片，不是表格或文本文件（可能是改了扩展名）。请导入问卷星或 Excel 导出的原始文件")
	case bytes.HasPrefix(head, magicPDF):
		return "", fail(name, ErrUnsupported, "这是 PDF 文件，不能直接导入。请把内容另存为 .docx 或 .txt 后再导入")
	case bytes.HasPrefix(head, magicRAR), bytes.HasPrefix(head, magic7z), bytes.HasPrefix(head, magicGzip):
		return "", fail(name, ErrUnsupported, "这是压缩包，请先解压，再导入其中的表格或文档")
	}
	switch ext {
	case ".xlsx", ".xlsm", ".docx", ".xls":
		return "", fail(name, ErrCorrupt, "扩展名是 "+ext+"，但内容不是这种文件（文件已损坏，或是别的文件改了扩展名）")
	case ".json", ".jsonl", ".ndjson":
		return JSON, nil
	case ".csv", ".tsv", ".tab":
		return CSV, nil
	case ".txt", ".text", ".md":
		return Text, nil
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(t) > 0 && (t[0] == '[' || t[0] == '{') {
		return JSON, nil
	}
	if ext == "" || ext == ".dat" || ext == ".log" {
		return Text, nil
	}
	return "", fail(name, ErrUnsupported, "不支持扩展名为 "+ext+" 的文件。可导入：.xlsx .xls .csv .tsv .json .jsonl .txt .docx")
}

// detectZip tells an .xlsx from a .docx and refuses zip bombs before any
// library unzips the file: the declared sizes are checked here, and
// archive/zip refuses members that inflate beyond their declared size.
func detectZip(f *os.File, size int64, name string) (Format, error) {
	if err := checkZip(f, size, name); err != nil {
		return "", err
	}
	zr, _ := zip.NewReader(f, size)
	var isXLSX, isDocx bool
	for _, m := range zr.File {
		switch m.Name {
		case "xl/workbook.xml", "xl/workbook.bin":
			isXLSX = true
		case "word/document.xml":
			isDocx = true
		}
	}
	switch {
	case isXLSX:
		return XLSX, nil
	case isDocx:
		return Docx, nil
	}
	return "", fail(name, ErrUnsupported, "这是一个 zip 压缩包，但不是 Excel 工作簿（.xlsx）或 Word 文档（.docx）")
}

// checkZip opens f as a zip and checks the declared uncompressed sizes.
func checkZip(r io.ReaderAt, size int64, name string) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return fail(name, fmt.Errorf("%w: %v", ErrCorrupt, err), "文件已损坏（zip 结构无法读取），请重新导出或从原始来源再取一份")
	}
	var total uint64
	for _, m := range zr.File {
		total += m.UncompressedSize64
		if m.UncompressedSize64 > ratioFloor && m.CompressedSize64 > 0 && m.UncompressedSize64/m.CompressedSize64 > MaxRatio {
			return fail(name, ErrTooLarge, fmt.Sprintf("文件中的 %s 解压后 %s，压缩比超过 %d 倍，疑似“压缩炸弹”，已拒绝", m.Name, humanBytes(int64(m.UncompressedSize64)), MaxRatio))
		}
		if m.UncompressedSize64 > ratioFloor && m.CompressedSize64 == 0 {
			return fail(name, ErrTooLarge, "文件中的 "+m.Name+" 声明的大小不合理，疑似“压缩炸弹”，已拒绝")
		}
	}
	if total > MaxUnzipped {
		return fail(name, ErrTooLarge, fmt.Sprintf("文件解压后共 %s，超过上限 %s，已拒绝。请把数据分成几个文件再导入", humanBytes(int64(total)), humanBytes(MaxUnzipped)))
	}
	return nil
}

// detectOLE tells an old .xls from an encrypted .xlsx (which Excel stores
// in the same compound-file container) and from other Office files.
func detectOLE(f *os.File, name, ext string) (Format, error) {
	r, err := oleReader(f)
	if err != nil {
		return "", fail(name, fmt.Errorf("%w: %v", ErrCorrupt, err), "文件已损坏（Office 复合文档结构无法读取）")
	}
	var encrypted, book, word bool
	for _, e := range r.File {
		switch e.Name {
		case "EncryptionInfo", "EncryptedPackage":
			encrypted = true
		case "Workbook", "Book":
			book = true
		case "WordDocument":
			word = true
		}
	}
	switch {
	case encrypted:
		return XLSX, nil // excelize decrypts it given the password
	case book:
		return XLS, nil
	case word:
		return "", fail(name, ErrUnsupported, "这是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入")
	}
	return "", fail(name, ErrUnsupported, "这是 Office 复合文档，但不是 Excel 工作簿")
}

// oleReader parses the compound file directory, turning a panic on a
// hostile file into an error.
func oleReader(f io.ReaderAt) (r *mscfb.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("mscfb: %v", p)
		}
	}()
	return mscfb.New(f)
}

// isEncrypted reports whether the OLE file at path is an encrypted OOXML
// package.
func isEncrypted(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 8)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, magicOLE) {
		return false
	}
	r, err := oleReader(f)
	if err != nil {
		return false
	}
	for _, e := range r.File {
		if e.Name == "EncryptedPackage" {
			return true
		}
	}
	return false
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

func osReason(err error) string {
	switch {
	case os.IsNotExist(err):
		return "文件不存在"
	case os.IsPermission(err):
		return "没有读取权限"
	}
	return err.Error()
}
