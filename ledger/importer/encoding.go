package importer

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding is the character encoding a text file was found to use.
type Encoding string

// The encodings the importer recognises.
const (
	UTF8    Encoding = "UTF-8"
	UTF8BOM Encoding = "UTF-8 (BOM)"
	GB18030 Encoding = "GB18030" // also GBK and GB2312, of which it is a superset
	UTF16LE Encoding = "UTF-16LE"
	UTF16BE Encoding = "UTF-16BE"
)

// sniffLen is how much of a file the encoding is judged from.
const sniffLen = 64 << 10

// decodeReader sniffs the encoding of r and returns a reader of UTF-8 text
// (without the BOM). A UTF-8 BOM or UTF-16 BOM decides; otherwise the first
// 64 KB decide between UTF-8 and GB18030. Invalid bytes are not hidden:
// in UTF-8 they stay (and are caught per field), in GB18030 they become
// U+FFFD (and are caught per field too).
func decodeReader(r io.Reader) (io.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		return br, UTF8BOM, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), UTF16LE, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), UTF16BE, nil
	}
	if validUTF8Prefix(head, len(head) < sniffLen) {
		return br, UTF8, nil
	}
	return transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), GB18030, nil
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a rune cut at
// the end of the sniffed window (unless complete says b is the whole file).
func validUTF8Prefix(b []byte, complete bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if complete {
		return false
	}
	for cut := 1; cut <= 3 && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return true
		}
	}
	return false
}
