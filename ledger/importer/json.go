package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

func init() {
	exts := []string{".json", ".jsonl", ".ndjson"}
	byExt := textByExtension(exts)
	register(&FormatInfo{
		Format: JSON, Name: "JSON 网上征集数据（.json/.jsonl）", Help: "网上征集的 .json/.jsonl", Extensions: exts, Order: 40,
		detect: func(p *probe) int {
			if s := byExt(p); s > 0 {
				return s
			}
			t := bytes.TrimLeft(bytes.TrimPrefix(p.head, []byte("\xEF\xBB\xBF")), " \t\r\n")
			if !p.container() && len(t) > 0 && (t[0] == '[' || t[0] == '{') {
				return byGuess
			}
			return 0
		},
		kind: KindJSON, records: jsonRecords, channel: "网络征集", channelNote: "网上提交的数据，渠道定为“网络征集”", replacesInvalid: true, encoded: true,
	})
}

// jsonFields maps the accepted field names (compared case-insensitively,
// ignoring spaces, "_" and "-") to what they hold. Other scalar fields are
// kept in Opinion.Attrs under their own name; nested objects and arrays as
// compact JSON.
var jsonFields = []struct {
	role  Role
	names []string
}{
	{RoleText, []string{"内容", "意见", "建议", "意见内容", "意见建议", "留言", "留言内容", "留言详情", "正文", "问题", "诉求", "content", "text", "opinion", "message", "body", "comment", "suggestion", "detail", "description"}},
	{RoleTitle, []string{"标题", "主题", "留言主题", "title", "subject"}},
	{RoleDate, []string{"提交时间", "时间", "日期", "留言时间", "提交日期", "time", "date", "submittedat", "submittime", "createdat", "createtime", "timestamp"}},
	{RoleSubmitter, []string{"姓名", "提出人", "留言用户", "署名", "用户", "昵称", "name", "user", "username", "author", "nickname"}},
	{RoleUnit, []string{"单位", "部门", "unit", "org", "organization", "department", "company"}},
	{RoleContact, []string{"联系方式", "电话", "手机", "邮箱", "contact", "phone", "mobile", "tel", "email"}},
	{RoleTarget, []string{"反映对象", "对象", "指向", "target"}},
	{RoleChannel, []string{"渠道", "来源渠道", "channel"}},
}

// jsonAnonymous are the field names of the anonymous flag.
var jsonAnonymous = map[string]bool{"匿名": true, "是否匿名": true, "anonymous": true, "anon": true}

// jsonListKeys name the field of a wrapping object that holds the list of
// submissions ({"code":0,"data":{"list":[…]}}).
var jsonListKeys = map[string]bool{
	"data": true, "list": true, "items": true, "records": true, "rows": true, "results": true, "result": true,
	"opinions": true, "submissions": true, "数据": true, "列表": true, "意见": true, "记录": true,
}

func jsonKey(k string) string {
	return strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(k)))
}

func jsonRole(k string) Role {
	n := jsonKey(k)
	for _, f := range jsonFields {
		for _, name := range f.names {
			if n == name {
				return f.role
			}
		}
	}
	return ""
}

// jsonRecords streams the submissions of a JSON file: a top-level array of
// objects, JSON Lines (one object per line), or an object that holds the
// array under one of jsonListKeys (nested objects are searched too). Each
// object is one record, numbered from 1 in file order (Source.Row).
func jsonRecords(ctx context.Context, in *input, yield func(*record) error) error {
	name := in.name
	r, _, err := decodeReader(in.reader())
	if err != nil {
		return fail(name, err, "无法读取文件")
	}
	lim := &recordLimiter{r: bufio.NewReaderSize(r, 64<<10)}
	dec := json.NewDecoder(lim)
	dec.UseNumber()
	lim.done = dec.InputOffset
	j := &jsonWalker{ctx: ctx, name: name, dec: dec, yield: yield}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if j.n == 0 && !j.sawAny {
				return fail(name, ErrEmpty, "文件中没有 JSON 数据")
			}
			return nil
		}
		if err != nil {
			return j.syntax(err)
		}
		j.sawAny = true
		switch tok {
		case json.Delim('['):
			if err := j.array(); err != nil {
				return err
			}
		case json.Delim('{'):
			if err := j.object(0); err != nil {
				return err
			}
		default:
			return fail(name, ErrCorrupt, "JSON 的顶层应当是数组 [...] 或对象 {...}")
		}
	}
}

type jsonWalker struct {
	ctx    context.Context
	name   string
	dec    *json.Decoder
	yield  func(*record) error
	n      int
	sawAny bool
}

func (j *jsonWalker) syntax(err error) error {
	switch {
	case errors.Is(err, errLineTooLong):
		return at(j.name, "", j.n+1, 0, ErrTooLarge, "一条记录超过 "+humanBytes(MaxLine))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return at(j.name, "", j.n+1, 0, fmt.Errorf("%w: %v", ErrCorrupt, err), fmt.Sprintf("JSON 格式有误（文件第 %d 个字节附近）", se.Offset))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return at(j.name, "", j.n+1, 0, fmt.Errorf("%w: %v", ErrCorrupt, err), "JSON 不完整（文件被截断）")
	}
	return at(j.name, "", j.n+1, 0, fmt.Errorf("%w: %v", ErrCorrupt, err), "JSON 无法读取，文件可能已损坏")
}

// array streams the elements of an array whose '[' was read: each object
// is a record; other values are refused.
func (j *jsonWalker) array() error {
	for j.dec.More() {
		if err := j.ctx.Err(); err != nil {
			return err
		}
		var m map[string]json.RawMessage
		if err := j.dec.Decode(&m); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return at(j.name, "", j.n+1, 0, ErrCorrupt, "数组中的每一项应当是一个对象 {...}，例如 {\"内容\": \"……\", \"提交时间\": \"2026-11-01 10:00\"}")
			}
			return j.syntax(err)
		}
		if err := j.emit(m); err != nil {
			return err
		}
	}
	if _, err := j.dec.Token(); err != nil { // ']'
		return j.syntax(err)
	}
	return nil
}

// object reads an object whose '{' was read. Arrays under list keys are
// streamed as records; an object with no such array is itself a record
// (at the top level).
func (j *jsonWalker) object(depth int) error {
	fields := map[string]json.RawMessage{}
	streamed := false
	for j.dec.More() {
		tok, err := j.dec.Token()
		if err != nil {
			return j.syntax(err)
		}
		key, _ := tok.(string)
		if jsonListKeys[jsonKey(key)] && depth < 4 {
			tok, err := j.dec.Token()
			if err != nil {
				return j.syntax(err)
			}
			switch tok {
			case json.Delim('['):
				if err := j.array(); err != nil {
					return err
				}
				streamed = true
				continue
			case json.Delim('{'):
				before := j.n
				if err := j.object(depth + 1); err != nil {
					return err
				}
				streamed = streamed || j.n > before
				continue
			default:
				b, _ := json.Marshal(tok)
				fields[key] = b
				continue
			}
		}
		var raw json.RawMessage
		if err := j.dec.Decode(&raw); err != nil {
			return j.syntax(err)
		}
		fields[key] = raw
	}
	if _, err := j.dec.Token(); err != nil { // '}'
		return j.syntax(err)
	}
	if !streamed && depth == 0 {
		return j.emit(fields)
	}
	return nil
}

var cst = time.FixedZone("CST", 8*3600)

// emit turns one submission into a record.
func (j *jsonWalker) emit(m map[string]json.RawMessage) error {
	j.n++
	r := &record{row: j.n}
	for k, raw := range m {
		v, scalar := jsonValue(raw)
		if v == "" {
			continue
		}
		if strings.ContainsRune(k, utf8.RuneError) || strings.ContainsRune(v, utf8.RuneError) {
			return at(j.name, "", j.n, 0, ErrBadText, "含有无效的字节（JSON 应当是 UTF-8 文本），文件可能已损坏或编码混杂")
		}
		if jsonAnonymous[jsonKey(k)] {
			r.submitter.Anonymous = v == "true" || v == "1" || v == "是"
			continue
		}
		role := jsonRole(k)
		if !scalar {
			role = ""
		}
		switch role {
		case RoleText:
			if r.text == "" {
				r.text, r.field = stripHTML(v), k
				continue
			}
		case RoleTitle:
			if r.title == "" {
				r.title = stripHTML(v)
				continue
			}
		case RoleDate:
			if r.date == "" {
				r.date, r.dateField = jsonDate(v), k
				continue
			}
		case RoleSubmitter:
			if r.submitter.Name == "" {
				r.submitter.Name = v
				continue
			}
		case RoleUnit:
			if r.submitter.Unit == "" {
				r.submitter.Unit = v
				continue
			}
		case RoleContact:
			if r.submitter.Contact == "" {
				r.submitter.Contact = v
				continue
			}
		case RoleTarget:
			if r.target == "" {
				r.target = v
				continue
			}
		case RoleChannel:
			if r.channel == "" {
				r.channel = v
				continue
			}
		}
		if r.attrs == nil {
			r.attrs = map[string]string{}
		}
		r.attrs[k] = v
	}
	if r.field == "" {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		if len(keys) == 0 {
			r.text = "" // an empty object: a blank submission
		} else {
			return at(j.name, "", j.n, 0, ErrNoText, "这条记录没有意见内容字段（可用的字段名：内容/意见/建议/留言详情/content/text …；这条记录的字段："+strings.Join(sortedKeys(keys), "、")+"）")
		}
	}
	return j.yield(r)
}

func sortedKeys(k []string) []string {
	sortStrings(k)
	return k
}

// jsonValue renders a JSON value as text: strings unquoted, numbers and
// booleans as written, null as "", objects and arrays as compact JSON
// (scalar false).
func jsonValue(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s, true
		}
	case '{', '[':
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			return b.String(), false
		}
	}
	return string(raw), true
}

// jsonDate turns a Unix time in seconds or milliseconds into a China
// Standard Time date; other values are returned as they are.
func jsonDate(v string) string {
	n, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil:
		return v
	case n >= 1e9 && n < 1e11:
		return time.Unix(n, 0).In(cst).Format("2006-01-02 15:04:05")
	case n >= 1e11 && n < 1e14:
		return time.UnixMilli(n).In(cst).Format("2006-01-02 15:04:05")
	}
	return v
}

var (
	reTag      = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)\s*>|<!--.*?-->|</?[a-zA-Z][^<>]*>`)
	reBreakTag = regexp.MustCompile(`(?i)<br\s*/?>|</p\s*>|</div\s*>|</li\s*>|</tr\s*>|</h[1-6]\s*>`)
	reEntity   = regexp.MustCompile(`&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);`)
)

// stripHTML removes the HTML tags a web form leaves in submitted text:
// line-ending tags (<br>, </p>, </div>, </li>) become line breaks, script
// and style blocks and comments go, every other tag goes, and entities
// (&amp; &nbsp; &#20013;) are decoded. Text without tags or entities is
// returned unchanged.
func stripHTML(s string) string {
	hasTag := reTag.MatchString(s)
	if !hasTag && !reEntity.MatchString(s) {
		return s
	}
	if hasTag {
		s = reBreakTag.ReplaceAllString(s, "\n")
		s = reTag.ReplaceAllString(s, "")
	}
	s = html.UnescapeString(s)
	return strings.ReplaceAll(s, "\u00a0", " ")
}

// recordLimiter stops a single JSON value from growing beyond MaxLine
// bytes (an unclosed string would otherwise pull the rest of the file into
// memory): it compares the bytes handed to the decoder with the offset of
// the last value the decoder finished.
type recordLimiter struct {
	r     io.Reader
	total int64
	done  func() int64
}

func (l *recordLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.total += int64(n)
	if l.done != nil && l.total-l.done() > MaxLine+(64<<10) {
		return n, errLineTooLong
	}
	return n, err
}
