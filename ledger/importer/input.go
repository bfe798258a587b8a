package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// input is one file being read. It is opened once: every pass (detection,
// preview, planning, the import itself) reads through the same handle, so
// a file replaced on disk meanwhile (saved again by Excel, which writes a
// new file) does not mix two contents.
//
// The recorded hash is of what was read. A format read at random (zip,
// OLE) is read into memory in one pass, hashed as it is read, and parsed
// from that copy. A streamed format (CSV, text, JSON) is hashed in a first
// pass, and the import pass hashes again what it reads: if the two differ,
// the file was written to while it was imported, and the import is refused
// (errChanged) before anything is stored.
type input struct {
	path, name string
	f          *os.File
	size       int64
	data       []byte // the whole file, once read (whole formats)
	hash       string // hex SHA-256 of the content; "" until known

	checking bool          // readers hash what they read (the import pass)
	teed     []*hashReader // the readers opened while checking
}

// hashReader hashes what is read through it.
type hashReader struct {
	r io.Reader
	h hash.Hash
}

func (t *hashReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.h.Write(p[:n])
	return n, err
}

// errChanged is the cause of a refusal because the file changed while it
// was imported.
var errChanged = errors.New("importer: file changed during import")

// openInput opens the file at path for reading. Only regular files are
// opened: a FIFO, a device or a socket is refused at once (opening a FIFO
// would wait for a writer forever), and so is a folder.
func openInput(path string) (*input, error) {
	name := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, fail(name, err, "无法打开文件（"+osReason(err)+"）")
	}
	if err := checkRegular(name, st); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fail(name, err, "无法打开文件（"+osReason(err)+"）")
	}
	st2, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fail(name, err, "无法读取文件")
	}
	if err := checkRegular(name, st2); err != nil {
		f.Close()
		return nil, err
	}
	in := &input{path: path, name: name, f: f, size: st2.Size()}
	if in.size == 0 {
		// A file of a virtual file system (/proc, /sys) says 0 bytes and
		// still has content: it is not a file to import.
		var b [1]byte
		if n, _ := f.Read(b[:]); n > 0 {
			f.Close()
			return nil, fail(name, ErrUnsupported, "这是系统生成的虚拟文件（例如 /proc 下的文件），大小无法确定，不能导入。请导入表格、文本或 Word 文件")
		}
		f.Close()
		return nil, fail(name, ErrEmpty, "文件是空的（0 字节）")
	}
	return in, nil
}

// checkRegular refuses anything but a regular file.
func checkRegular(name string, st os.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsDir():
		return fail(name, ErrUnsupported, "这是一个文件夹，请选择文件")
	case m&os.ModeNamedPipe != 0:
		return fail(name, ErrUnsupported, "这是一个管道（FIFO），不是普通文件，不能导入。请先把内容保存成文件再导入")
	case m&(os.ModeDevice|os.ModeCharDevice) != 0:
		return fail(name, ErrUnsupported, "这是一个设备，不是普通文件，不能导入")
	case m&os.ModeSocket != 0:
		return fail(name, ErrUnsupported, "这是一个套接字，不是普通文件，不能导入")
	case !m.IsRegular():
		return fail(name, ErrUnsupported, "这不是普通文件，不能导入")
	}
	return nil
}

func (in *input) close() { in.f.Close() }

// head returns the first n bytes (fewer for a smaller file).
func (in *input) head(n int) []byte {
	if in.data != nil {
		return in.data[:min(n, len(in.data))]
	}
	b := make([]byte, n)
	k, _ := in.f.ReadAt(b, 0)
	return b[:k]
}

// load reads the whole file into memory, once, and hashes what it read.
func (in *input) load() ([]byte, error) {
	if in.data != nil {
		return in.data, nil
	}
	if in.size > MaxUnzipped {
		return nil, fail(in.name, ErrTooLarge, fmt.Sprintf("文件有 %s，超过上限 %s，已拒绝。请把数据分成几个文件再导入", humanBytes(in.size), humanBytes(MaxUnzipped)))
	}
	var buf bytes.Buffer
	buf.Grow(int(in.size) + 512)
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(&buf, h), io.NewSectionReader(in.f, 0, 1<<62)); err != nil {
		return nil, fail(in.name, err, "无法读取文件（"+osReason(err)+"）")
	}
	in.data, in.size = buf.Bytes(), int64(buf.Len())
	in.hash = hex.EncodeToString(h.Sum(nil))
	return in.data, nil
}

// hashStream hashes a streamed file in one pass.
func (in *input) hashStream() error {
	if in.hash != "" {
		return nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(in.f, 0, 1<<62)); err != nil {
		return fail(in.name, err, "无法读取文件（"+osReason(err)+"）")
	}
	in.hash = hex.EncodeToString(h.Sum(nil))
	return nil
}

// reader returns a reader of the whole content from the start: the copy
// in memory, or the handle. While a check runs (startCheck), what it reads
// is hashed.
func (in *input) reader() io.Reader {
	if in.data != nil {
		return bytes.NewReader(in.data)
	}
	r := io.NewSectionReader(in.f, 0, 1<<62)
	if !in.checking {
		return r
	}
	t := &hashReader{r: r, h: sha256.New()}
	in.teed = append(in.teed, t)
	return t
}

// startCheck makes the readers of the import pass hash what they read.
func (in *input) startCheck() {
	in.checking, in.teed = in.data == nil, nil
}

// check compares the hash of what each reader of the import pass read
// (drained to the end first) with the hash recorded before it: a streamed
// file that changed meanwhile is refused.
func (in *input) check() error {
	defer func() { in.checking, in.teed = false, nil }()
	for _, t := range in.teed {
		if _, err := io.Copy(io.Discard, t); err != nil { // what the parser left unread
			return fail(in.name, err, "无法读取文件（"+osReason(err)+"）")
		}
		if hex.EncodeToString(t.h.Sum(nil)) != in.hash {
			return fail(in.name, errChanged, "文件在导入过程中被改动了（可能有程序正在写入它）。请等文件保存完毕、关闭其他程序后再导入")
		}
	}
	return nil
}
