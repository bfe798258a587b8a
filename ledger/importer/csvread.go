package importer

import (
	"bufio"
	"errors"
	"io"
	"unicode/utf8"
)

// csvReader reads delimited records the way Excel and WPS open a .csv,
// except where that would move text from one column into another:
//
//   - A field that starts with a double quote is quoted: it runs to the
//     next quote that is followed by the delimiter, a line end or the end
//     of the file; "" inside it is one quote, and line breaks inside it
//     are kept (CRLF and CR become LF).
//   - A quote anywhere else in a field is an ordinary character
//     (他说"会议太多"是真的 stays as it is), in CSV and TSV alike.
//   - Lines end with LF, CRLF or a lone CR (Excel for Mac's "CSV
//     (Macintosh)"). Empty lines are skipped and not numbered, as
//     encoding/csv does, so that row numbers stay those of earlier imports.
//
// Two quote errors are refused with their position instead of guessed at,
// because any guess could put one column's content (a 提出人) into another
// (an opinion's text): a quoted field whose closing quote is followed by
// something else than a delimiter or a line end (errQuoteText), and a
// quoted field still open at the end of the file (errQuoteEOF, which is
// how an unterminated quote swallows every row after it). A record longer
// than MaxLine is refused too (errLineTooLong).
type csvReader struct {
	r     *bufio.Reader
	comma rune
	n     int // records read

	fields []string
	buf    []byte // the record's field contents, one after another
	ends   []int  // where each field ends in buf
}

// csvError is a refused record: the record number (as the rows are
// numbered), the 1-based field, and the cause.
type csvError struct {
	Record, Field int
	// OpenRecord is the record where the open quote started (for
	// errQuoteEOF and errLineTooLong, which are noticed later).
	Err error
}

func (e *csvError) Error() string { return e.Err.Error() }
func (e *csvError) Unwrap() error { return e.Err }

var (
	errQuoteText   = errors.New("text after the closing quote of a quoted field")
	errQuoteEOF    = errors.New("quoted field not closed before the end of the file")
	errLineTooLong = errors.New("record too long")
)

func newCSVReader(r io.Reader, comma rune) *csvReader {
	return &csvReader{r: bufio.NewReaderSize(r, 64<<10), comma: comma}
}

// Read returns the next record, io.EOF after the last. The slice is
// reused by the next call.
func (c *csvReader) Read() ([]string, error) {
	for {
		rec, empty, err := c.read()
		if err != nil {
			return nil, err
		}
		if !empty {
			return rec, nil
		}
	}
}

// read reads one line's record; empty reports an empty line.
func (c *csvReader) read() (rec []string, empty bool, err error) {
	c.buf, c.ends = c.buf[:0], c.ends[:0]
	size := 0
	first, _, err := c.r.ReadRune()
	if err == io.EOF {
		return nil, false, io.EOF
	}
	if err != nil {
		return nil, false, err
	}
	if first == '\n' {
		return nil, true, nil
	}
	if first == '\r' {
		c.skipLF()
		return nil, true, nil
	}
	c.n++
	c.r.UnreadRune()
	for {
		// At the start of a field.
		r, _, err := c.r.ReadRune()
		if err == io.EOF {
			c.endField()
			return c.record(), false, nil
		}
		if err != nil {
			return nil, false, err
		}
		if r == '"' {
			if err := c.quoted(&size); err != nil {
				return nil, false, err
			}
		} else {
			c.r.UnreadRune()
			if err := c.plain(&size); err != nil {
				return nil, false, err
			}
		}
		// After a field: a delimiter, a line end or the end.
		r, _, err = c.r.ReadRune()
		switch {
		case err == io.EOF:
			c.endField()
			return c.record(), false, nil
		case err != nil:
			return nil, false, err
		case r == c.comma:
			c.endField()
		case r == '\n':
			c.endField()
			return c.record(), false, nil
		case r == '\r':
			c.skipLF()
			c.endField()
			return c.record(), false, nil
		}
	}
}

// plain reads an unquoted field up to (not including) a delimiter, a line
// end or the end of the file.
func (c *csvReader) plain(size *int) error {
	for {
		r, n, err := c.r.ReadRune()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if r == c.comma || r == '\n' || r == '\r' {
			c.r.UnreadRune()
			return nil
		}
		if err := c.add(r, n, size); err != nil {
			return err
		}
	}
}

// quoted reads a quoted field whose opening quote was read, up to (not
// including) what follows its closing quote.
func (c *csvReader) quoted(size *int) error {
	start := c.n
	for {
		r, n, err := c.r.ReadRune()
		if err == io.EOF {
			return &csvError{Record: start, Field: len(c.ends) + 1, Err: errQuoteEOF}
		}
		if err != nil {
			return err
		}
		switch r {
		case '"':
			next, _, err := c.r.ReadRune()
			switch {
			case err == io.EOF:
				return nil
			case err != nil:
				return err
			case next == '"':
				if err := c.add('"', 1, size); err != nil {
					return err
				}
				continue
			}
			c.r.UnreadRune()
			if next == c.comma || next == '\n' || next == '\r' {
				return nil
			}
			return &csvError{Record: start, Field: len(c.ends) + 1, Err: errQuoteText}
		case '\r':
			c.skipLF()
			r, n = '\n', 1
		}
		if err := c.add(r, n, size); err != nil {
			return err
		}
	}
}

func (c *csvReader) add(r rune, n int, size *int) error {
	if *size += n; *size > MaxLine {
		return &csvError{Record: c.n, Field: len(c.ends) + 1, Err: errLineTooLong}
	}
	if r == utf8.RuneError && n == 1 {
		// An invalid byte: keep it as it was, so the check per cell finds
		// and names it.
		c.r.UnreadRune()
		b, _ := c.r.ReadByte()
		c.buf = append(c.buf, b)
		return nil
	}
	c.buf = utf8.AppendRune(c.buf, r)
	return nil
}

func (c *csvReader) endField() { c.ends = append(c.ends, len(c.buf)) }

// record makes the fields of the record read: one string, sliced.
func (c *csvReader) record() []string {
	s := string(c.buf)
	c.fields = c.fields[:0]
	start := 0
	for _, end := range c.ends {
		c.fields = append(c.fields, s[start:end])
		start = end
	}
	return c.fields
}

// skipLF consumes the LF of a CRLF.
func (c *csvReader) skipLF() {
	if r, _, err := c.r.ReadRune(); err == nil && r != '\n' {
		c.r.UnreadRune()
	}
}
