// Package importer reads the files in which opinions are collected and adds
// them to a ledger without losing a word.
//
// # Formats
//
// Each format is declared once, by a FormatInfo registered in the file that
// reads it (xlsx.go, xls.go, csv.go, json.go, text.go, docx.go): its name,
// extensions, how it is told from the content, and whether it is read as
// tables (a header, rows, a column mapping, previewed as rows) or as records
// (one opinion after another, previewed as the first opinions). Import,
// Inspect, Detect, the window's file filter and format names (Extensions,
// Format.Name) and the import command's help (FormatHelp) all come from the
// registry. Adding a format is one new file: a FormatInfo with a detect
// function and either openTable (returning a tableSource) or records (with
// the channel its opinions get when none is given), and a test table of
// its own.
//
// The format is told from the content, not the name (a picture renamed
// .xlsx is refused as a picture; the extension only breaks ties between
// text formats):
//
//   - .xlsx (and encrypted .xlsx, given Options.Password): the sheets are
//     streamed with encoding/xml, one row in memory at a time (xlsx.go,
//     sheetxml.go). excelize only decrypts. Its streaming reader drops
//     errors (Rows.Next and Rows.Columns discard the XML decoder's error, so
//     a sheet breaking at row 502 read as 501 rows; a shared-string index
//     that is not a number resolved to index 0, one out of range to an empty
//     cell) and spreads a row over every column up to its last cell (a cell
//     in column XFD made 16,384 strings a row). Here every XML, zip-checksum,
//     row-number, cell-reference and shared-string error refuses the file
//     naming the sheet, row and column, and a row holds only the cells
//     present. A cell holding only a formula without a cached result is
//     blank, with one Warning per column.
//   - .xls (Excel 97–2003, BIFF8): read with xlsReader; at most MaxXLS bytes.
//     Dates come as serial numbers and are converted in the date column.
//   - .csv, .tsv: the encoding is sniffed (UTF-8 with or without BOM, UTF-16
//     with BOM, else GB18030, which covers GBK and GB2312) and so is the
//     delimiter (comma, tab, semicolon, |). Records are read as Excel and WPS
//     open them (csvread.go): a quoted field keeps its line breaks (CRLF and
//     CR become LF), a quote elsewhere in a field is an ordinary character,
//     and lines may end with LF, CRLF or a lone CR (Excel for Mac). A quote
//     error that would put one column's content into another is refused with
//     its row and column: a quoted field still open at the end of the file
//     (an unterminated quote would swallow every row after it, 提出人 and
//     all), or text after a closing quote.
//   - .json, .jsonl: online submissions (see below).
//   - .txt, .docx: meeting minutes and talk notes; each numbered item or
//     paragraph is an opinion (see splitItems in text.go for the rules);
//     lines may end with LF, CRLF or a lone CR.
//
// # Reading a file
//
// Only regular files are read: a folder, a FIFO (which would block the
// import waiting for a writer), a device or a socket is refused at once,
// and so is a file of a virtual file system (/proc/self/environ says 0
// bytes and has content). The file is opened once and every pass reads
// through that handle. A zip or OLE file is read into memory once; that
// copy is hashed and parsed. A streamed format (CSV, text, JSON) is hashed
// in a first pass, and the import pass hashes again what it reads: a file
// written to meanwhile is refused (its recorded hash would not be that of
// what was stored, and a re-import would duplicate everything).
//
// # Sheets
//
// A 问卷星 (wjx.cn) export is recognised by its metadata columns (序号,
// 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP, sometimes 填写者) and its
// "N、题目" question headers. Each non-empty answer to an open question is
// one opinion (Source.Row is the respondent's row, Source.Column and
// Source.Field the question); the answers to choice questions and the
// metadata become Opinion.Attrs of every opinion of that respondent, with
// multi-select answers split on ┋ and joined with "；". Open and choice
// questions are told apart by the question's words and the first 200
// answers (Mapping.Text lists the open ones and can be corrected); an
// open-sounding question whose answers repeat a few values is a choice,
// unless many respondents typed 无 (nobody types 无 into a choice).
// Questions that ask who the respondent is (您的姓名, 联系电话, 手机号, 邮箱,
// 所在单位, 身份证号 …; see submitterQuestions in wjx.go) are never open
// questions, whatever their number: the first name, unit and contact
// question fill Opinion.Submitter, others (身份证号, a second phone) stay in
// Attrs under a header that ledger.IsPersonalAttr protects.
//
// Any other sheet: the header is the first of the first 30 filled rows that
// has two or more cells and names a role (a merged title row above it is
// passed over); the roles (Role) are guessed from the header words:
// 意见/内容/建议/问题/留言详情 … for the text, 留言主题/标题 for Opinion.Title,
// 时间/日期 for the date, 提出人/姓名/留言用户 for the submitter, 单位,
// 联系方式, 反映对象/指向对象 for the targets, 渠道 for a per-row channel.
// Every other filled cell is kept in Opinion.Attrs under its header. A
// mapping given by the user (Options.Mapping) is stored in the ledger under
// "importmap:"+LayoutKey(header) and used again for files of the same layout.
//
// Answers that say there is nothing to say (无, 没有, 暂无, (空), 无意见, and
// such phrases joined with courtesies: 很好，没有 / 无。谢谢; see SaysNothing,
// NothingPhrases and CourtesyPhrases in blank.go) and empty text cells of
// filled rows are counted as blank answers, not stored. Entirely empty rows
// (a sheet may carry tens of thousands of blank but formatted rows) are
// skipped and not counted.
//
// # Identifying details
//
// Texts are stored verbatim. The import counts the phone numbers, ID numbers
// and e-mail addresses written inside them (ledger.FindIdentifying;
// Result.Identifying) and says so in the summary. In minutes, an item that
// starts with a speaker label (王小明（办公室）：…) takes the speaker as its
// submitter and records the label in Attrs[ledger.AttrSpeakerLabel], a
// personal attribute, so that what leaders see can hide it
// (Opinion.MaskedText); see text.go for when a label counts.
//
// # JSON fields
//
// A file holds an array of objects, JSON Lines (one object a line), or an
// object holding the array under data, list, items, records, rows, results,
// result, opinions, submissions, 数据, 列表, 意见 or 记录 (nested objects such
// as {"code":0,"data":{"list":[…]}} are searched up to four levels). Field
// names are compared ignoring case, spaces, "_" and "-":
//
//	text       内容 意见 建议 意见内容 意见建议 留言 留言内容 留言详情 正文 问题 诉求
//	           content text opinion message body comment suggestion detail description
//	title      标题 主题 留言主题 title subject
//	time       提交时间 时间 日期 留言时间 提交日期 time date submitted_at submit_time
//	           created_at create_time timestamp (text dates, or Unix seconds or
//	           milliseconds, read as China Standard Time)
//	name       姓名 提出人 留言用户 署名 用户 昵称 name user username author nickname
//	unit       单位 部门 unit org organization department company
//	contact    联系方式 电话 手机 邮箱 contact phone mobile tel email
//	target     反映对象 对象 指向 target
//	channel    渠道 来源渠道 channel
//	anonymous  匿名 是否匿名 anonymous anon (true, 1 or 是)
//
// The first text field found is the opinion; an object without one is
// refused (an empty object counts as a blank answer). HTML tags in the text
// and title are stripped (<br>, </p>, </div>, </li> become line breaks) and
// entities decoded. Other fields go to Opinion.Attrs (objects and arrays as
// compact JSON). Source.Row is the object's position in the file, from 1.
//
// # Rules
//
// Every opinion carries its provenance: channel, file name and SHA-256,
// sheet, row, column, field, import batch and time. Text is kept verbatim:
// only the ends are trimmed (ledger.TrimText). Dates are read from Excel
// serial numbers and the text formats ledger.ParseDateTime knows; a date
// that cannot be read is kept raw in Attrs with a Warning. A target cell
// naming team members (or 班子) sets Opinion.Targets; unknown names are
// kept raw in Attrs["反映对象"] with a Warning.
//
// One file is one transaction (ledger.Import): either all its opinions are
// stored or none is. Importing the same content again adds nothing; the
// opinions are counted as Existing. Two people writing the same words are
// two opinions: identity is the position in the file, not the text.
//
// The channel is Options.Channel, else 问卷调查 for 问卷星, 网络征集 for JSON,
// 座谈会 for minutes, and for other sheets a guess from the file name, the
// sheet names and the headers (Result.ChannelNote says which word suggested
// it), leaving out the submitter's columns (a 联系电话 column is no sign of
// 专线电话); with no clue Import refuses with ErrNoChannel and asks for one.
//
// What a person reads after an import is made here, for the window and the
// command alike: Result.Summary (one line), Result.Details (channel, how
// each sheet was read, notes, identifying details, warnings, time),
// Result.Report, Totals and FailureSummary.
//
// # Errors
//
// A refused file gives an *Error that names the file and, where there is
// one, the sheet, row and column, in Chinese ("导入 意见箱.xlsx 失败：Sheet1
// 第17行第3列：单元格内容过长（3.0 MB，上限 1.0 MB）……。台账未改动。"). It
// unwraps to a sentinel (ErrEmpty, ErrCorrupt, ErrNeedPassword, ErrTooLarge,
// ErrBadText, ErrNoText, ErrNoChannel, ErrCancelled …) and ledger.Message
// shows it. Refused: empty files, files of another kind, corrupt zips, zip
// bombs (declared sizes over MaxUnzipped or a member over MaxRatio are
// refused before any library unzips; members that inflate past their
// declared size fail in archive/zip), encrypted workbooks without the right
// password, cells over ledger.MaxTextBytes (the whole file is refused, with
// the cell's position: all or nothing), NUL bytes, bytes invalid in the
// file's encoding, sheet XML that breaks, shared-string indexes that are
// not a number or out of range, CSV quote errors, files that are not
// regular files, and files that change while they are imported.
//
// # Use
//
// The window calls Inspect to preview a file (format, sheets, header,
// guessed mapping, first rows, suggested channel), lets the user correct
// the mapping and channel, then calls Import in a goroutine with a context
// for cancel and Options.Progress for a progress bar. The headless command
// is taizhang import (cli/import.go).
package importer
