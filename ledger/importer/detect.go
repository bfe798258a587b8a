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

// Limits on what is read. They keep memory and time bounded on hostile
// files; real exports are far below them.
const (
	// MaxUnzipped bounds the total uncompressed size of an .xlsx or .docx
	// (and the size of any file read into memory whole).
	MaxUnzipped = 1 << 30
	// MaxRatio bounds the compression ratio of any zip member larger than
	// ratioFloor: a zip bomb compresses far better than any real sheet.
	MaxRatio = 200
	// MaxXLS bounds an .xls file, which is read into memory whole.
	MaxXLS = 64 << 20
	// MaxLine bounds one line of a text file, one CSV record or one JSON
	// value (bytes).
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
// not a regular file, not a format the importer reads, or broken gives an
// *Error.
func Detect(path string) (Format, error) {
	in, err := openInput(path)
	if err != nil {
		return "", err
	}
	defer in.close()
	fi, err := detect(in)
	if err != nil {
		return "", err
	}
	return fi.Format, nil
}

// detect tells the format of an opened input: pictures, PDFs and archives
// are refused by their magic bytes; a zip or OLE file is read into memory
// (once, hashed) and its members listed; then every registered format
// says how sure it is (FormatInfo.detect) and the surest wins.
func detect(in *input) (*FormatInfo, error) {
	name := in.name
	head := in.head(512)
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(head, magicPNG), bytes.HasPrefix(head, magicJPEG), bytes.HasPrefix(head, magicGIF),
		bytes.HasPrefix(head, magicBMP) && ext != ".txt" && ext != ".csv":
		return nil, fail(name, ErrUnsupported, "这是一张图片，不是表格或文本文件（可能是改了扩展名）。请导入问卷星或 Excel 导出的原始文件")
	case bytes.HasPrefix(head, magicPDF):
		return nil, fail(name, ErrUnsupported, "这是 PDF 文件，不能直接导入。请把内容另存为 .docx 或 .txt 后再导入")
	case bytes.HasPrefix(head, magicRAR), bytes.HasPrefix(head, magic7z), bytes.HasPrefix(head, magicGzip):
		return nil, fail(name, ErrUnsupported, "这是压缩包，请先解压，再导入其中的表格或文档")
	}
	p := &probe{head: head, ext: ext}
	switch {
	case bytes.HasPrefix(head, magicZip) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		data, err := in.load()
		if err != nil {
			return nil, err
		}
		if p.zip, err = checkZip(bytes.NewReader(data), int64(len(data)), name); err != nil {
			return nil, err
		}
	case bytes.HasPrefix(head, magicOLE):
		data, err := in.load()
		if err != nil {
			return nil, err
		}
		if p.ole, err = oleNames(bytes.NewReader(data)); err != nil {
			return nil, fail(name, fmt.Errorf("%w: %v", ErrCorrupt, err), "文件已损坏（Office 复合文档结构无法读取）")
		}
	}
	var best *FormatInfo
	bestScore := 0
	for _, f := range registry {
		if s := f.detect(p); s > bestScore {
			best, bestScore = f, s
		}
	}
	if best != nil {
		return best, nil
	}
	switch {
	case p.zipHas("xl/workbook.bin"):
		return nil, fail(name, ErrUnsupported, "这是 Excel 二进制工作簿（.xlsb），请在 Excel 或 WPS 中另存为 .xlsx 后再导入")
	case p.zip != nil:
		return nil, fail(name, ErrUnsupported, "这是一个 zip 压缩包，但不是 Excel 工作簿（.xlsx）或 Word 文档（.docx）")
	case p.ole["WordDocument"]:
		return nil, fail(name, ErrUnsupported, "这是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入")
	case p.ole != nil:
		return nil, fail(name, ErrUnsupported, "这是 Office 复合文档，但不是 Excel 工作簿")
	}
	for _, f := range registry {
		if f.whole && hasExtension(f.Extensions, ext) {
			return nil, fail(name, ErrCorrupt, "扩展名是 "+ext+"，但内容不是这种文件（文件已损坏，或是别的文件改了扩展名）")
		}
	}
	return nil, fail(name, ErrUnsupported, "不支持扩展名为 "+ext+" 的文件。可导入："+ExtensionList())
}

// checkZip opens r as a zip and checks the declared uncompressed sizes
// before any member is inflated; archive/zip then refuses members that
// inflate beyond their declared size.
func checkZip(r io.ReaderAt, size int64, name string) (*zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fail(name, fmt.Errorf("%w: %v", ErrCorrupt, err), "文件已损坏（zip 结构无法读取），请重新导出或从原始来源再取一份")
	}
	var total uint64
	for _, m := range zr.File {
		total += m.UncompressedSize64
		if m.UncompressedSize64 > ratioFloor && m.CompressedSize64 > 0 && m.UncompressedSize64/m.CompressedSize64 > MaxRatio {
			return nil, fail(name, ErrTooLarge, fmt.Sprintf("文件中的 %s 解压后 %s，压缩比超过 %d 倍，疑似“压缩炸弹”，已拒绝", m.Name, humanBytes(int64(m.UncompressedSize64)), MaxRatio))
		}
		if m.UncompressedSize64 > ratioFloor && m.CompressedSize64 == 0 {
			return nil, fail(name, ErrTooLarge, "文件中的 "+m.Name+" 声明的大小不合理，疑似“压缩炸弹”，已拒绝")
		}
	}
	if total > MaxUnzipped {
		return nil, fail(name, ErrTooLarge, fmt.Sprintf("文件解压后共 %s，超过上限 %s，已拒绝。请把数据分成几个文件再导入", humanBytes(int64(total)), humanBytes(MaxUnzipped)))
	}
	return zr, nil
}

// oleNames lists the streams of an OLE compound file, turning a panic of
// the parser on a hostile file into an error.
func oleNames(r io.ReaderAt) (names map[string]bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			names, err = nil, fmt.Errorf("mscfb: %v", p)
		}
	}()
	doc, err := mscfb.New(r)
	if err != nil {
		return nil, err
	}
	names = map[string]bool{}
	for _, e := range doc.File {
		names[e.Name] = true
	}
	return names, nil
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
