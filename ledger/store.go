package ledger

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the embedded SQLite driver, registered as "sqlite"
)

// ApplicationID is written into every ledger's SQLite header (PRAGMA
// application_id) so that a ledger can be told from any other SQLite file.
// It spells "TZH1".
const ApplicationID = 0x545a4831

// SchemaVersion is the newest schema this binary knows (PRAGMA user_version).
var SchemaVersion = len(migrations)

// Ledger is an open ledger file. Its methods are safe for concurrent use.
type Ledger struct {
	path string
	db   *sql.DB
	opts Options

	mu        sync.Mutex // serialises write transactions within the process
	closed    bool
	listeners []listener
}

// Options tune how a ledger is opened.
type Options struct {
	// BackupDir is where rolling backups go. Empty means the default:
	// a folder named "<name>.备份" beside the ledger file.
	BackupDir string
	// NoDailyBackup turns off the once-a-day backup made on open
	// (the headless commands and tests use it; the window does not).
	NoDailyBackup bool
	// Now replaces time.Now (tests use it for reproducible files).
	Now func() time.Time
}

// Path returns the ledger's file path.
func (l *Ledger) Path() string { return l.path }

func (l *Ledger) now() time.Time {
	if l.opts.Now != nil {
		return l.opts.Now()
	}
	return time.Now()
}

// Create makes a new, empty ledger file at path. It refuses to overwrite an
// existing file.
func Create(path string, info Info, opts ...Options) (*Ledger, error) {
	if info.Unit = TrimText(info.Unit); info.Unit == "" {
		return nil, userErr(nil, "请填写单位名称")
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, userErr(err, "文件已存在：%s。请换一个文件名，或直接打开它", path)
		}
		return nil, userErr(err, "无法创建台账文件 %s：%s。请检查文件夹是否存在、是否可写", path, osReason(err))
	}
	f.Close()
	l, err := openDB(path, pick(opts))
	if err == nil {
		err = l.migrate(0)
	}
	if err == nil {
		err = l.SetInfo(info)
	}
	if err != nil {
		if l != nil {
			l.db.Close()
		}
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		return nil, err
	}
	return l, nil
}

// Open opens an existing ledger file, upgrading its schema if it is older
// than SchemaVersion (after a backup). A file that is not a ledger, a ledger
// written by a newer version, or a file that cannot be written gives an *Error
// and is left untouched.
func Open(path string, opts ...Options) (*Ledger, error) {
	o := pick(opts)
	version, err := inspect(path)
	if err != nil {
		return nil, err
	}
	if err := checkWritable(path); err != nil {
		return nil, err
	}
	l, err := openDB(path, o)
	if err != nil {
		return nil, err
	}
	if version < SchemaVersion {
		if _, err := l.Backup("升级前"); err != nil {
			l.db.Close()
			return nil, err
		}
		if err := l.migrate(version); err != nil {
			l.db.Close()
			return nil, err
		}
	}
	if !o.NoDailyBackup {
		l.dailyBackup()
	}
	return l, nil
}

func pick(opts []Options) Options {
	if len(opts) > 0 {
		return opts[0]
	}
	return Options{}
}

// inspect reads the SQLite header without opening the database, so that a
// foreign or newer file is refused before SQLite touches it.
func inspect(path string) (version int, err error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return 0, userErr(err, "找不到台账文件：%s", path)
		}
		return 0, userErr(err, "无法读取台账文件 %s：%s", path, osReason(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, userErr(err, "无法读取台账文件 %s：%s", path, osReason(err))
	}
	if st.IsDir() {
		return 0, userErr(nil, "%s 是一个文件夹，不是台账文件", path)
	}
	var hdr [100]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil || !bytes.Equal(hdr[:16], []byte("SQLite format 3\x00")) {
		return 0, userErr(err, "%s 不是意见台账文件（.taizhang），未作任何改动。请选择用本软件创建的台账文件", filepath.Base(path))
	}
	if id := binary.BigEndian.Uint32(hdr[68:72]); id != ApplicationID {
		return 0, userErr(nil, "%s 是一个 SQLite 数据库，但不是意见台账文件，未作任何改动", filepath.Base(path))
	}
	version = int(binary.BigEndian.Uint32(hdr[60:64]))
	if version > SchemaVersion {
		return 0, userErr(nil, "%s 由更新版本的意见台账创建（格式版本 %d，本软件支持到 %d），未作任何改动。请升级软件后再打开", filepath.Base(path), version, SchemaVersion)
	}
	return version, nil
}

// checkWritable makes sure the ledger and its folder can be written: SQLite
// needs to create the -wal and -shm files beside it.
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return userErr(err, "台账文件 %s 是只读的（%s）。请把它复制到可写的文件夹再打开", filepath.Base(path), osReason(err))
	}
	f.Close()
	probe, err := os.CreateTemp(filepath.Dir(path), ".taizhang-probe-*")
	if err != nil {
		return userErr(err, "台账所在的文件夹 %s 不可写（%s）。请把台账复制到可写的文件夹再打开", filepath.Dir(path), osReason(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

func openDB(path string, o Options) (*Ledger, error) {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=rw" +
		"&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, userErr(err, "无法打开台账 %s", filepath.Base(path))
	}
	// A few connections: WAL lets readers (the window's lists, the index)
	// go on while an import's write transaction runs. Writers are
	// serialised by l.mu and BEGIN IMMEDIATE (_txlock). Every connection
	// runs the DSN's pragmas.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(2)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, userErr(err, "无法打开台账 %s。%s", filepath.Base(path), orDefault(knownCause(err), "请确认它是用本软件创建的台账文件"))
	}
	return &Ledger{path: path, db: db, opts: o}, nil
}

// Close closes the ledger. The WAL is checkpointed into the main file.
func (l *Ledger) Close() error {
	if l == nil || l.db == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	// Later calls get database/sql's "database is closed" error, not a panic.
	return l.db.Close()
}

// migrations[i] upgrades a file from user_version i to i+1. Never edit a
// migration that has shipped: append a new one.
var migrations = []string{
	// 1: the first schema.
	`
	PRAGMA application_id = ` + fmt.Sprint(ApplicationID) + `;
	CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
	CREATE TABLE leaders (
		id        INTEGER PRIMARY KEY,
		name      TEXT NOT NULL UNIQUE,
		post      TEXT NOT NULL DEFAULT '',
		portfolio TEXT NOT NULL DEFAULT '',
		position  INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE batches (
		id          INTEGER PRIMARY KEY,
		file        TEXT NOT NULL,
		hash        TEXT NOT NULL,
		channel     TEXT NOT NULL,
		imported_at TEXT NOT NULL,
		imported    INTEGER NOT NULL DEFAULT 0,
		existing    INTEGER NOT NULL DEFAULT 0,
		blank       INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE problems (
		id          INTEGER PRIMARY KEY,
		title       TEXT NOT NULL,
		description TEXT NOT NULL DEFAULT '',
		category    TEXT NOT NULL,
		kind        TEXT NOT NULL DEFAULT '个性',
		targets     TEXT NOT NULL DEFAULT '',
		notes       TEXT NOT NULL DEFAULT '',
		position    INTEGER NOT NULL DEFAULT 0,
		created     TEXT NOT NULL,
		updated     TEXT NOT NULL
	);
	CREATE TABLE opinions (
		id          INTEGER PRIMARY KEY,
		text        TEXT NOT NULL,
		channel     TEXT NOT NULL,
		date        TEXT NOT NULL DEFAULT '',
		sub_name    TEXT NOT NULL DEFAULT '',
		sub_unit    TEXT NOT NULL DEFAULT '',
		sub_contact TEXT NOT NULL DEFAULT '',
		sub_anon    INTEGER NOT NULL DEFAULT 0,
		targets     TEXT NOT NULL DEFAULT '',
		src_file    TEXT NOT NULL DEFAULT '',
		src_hash    TEXT NOT NULL DEFAULT '',
		src_sheet   TEXT NOT NULL DEFAULT '',
		src_row     INTEGER NOT NULL DEFAULT 0,
		src_col     INTEGER NOT NULL DEFAULT 0,
		batch_id    INTEGER REFERENCES batches(id),
		problem_id  INTEGER REFERENCES problems(id) ON DELETE SET NULL,
		created     TEXT NOT NULL,
		updated     TEXT NOT NULL
	);
	CREATE UNIQUE INDEX opinions_source ON opinions(src_hash, src_sheet, src_row, src_col) WHERE src_hash <> '';
	CREATE INDEX opinions_problem ON opinions(problem_id);
	CREATE TABLE changes (
		id        INTEGER PRIMARY KEY,
		at        TEXT NOT NULL,
		action    TEXT NOT NULL,
		entity    TEXT NOT NULL,
		entity_id INTEGER NOT NULL DEFAULT 0,
		before    TEXT,
		after     TEXT
	);
	`,
	// 2: titles, times, fields and attributes from imports; undo steps.
	`
	ALTER TABLE opinions ADD COLUMN title TEXT NOT NULL DEFAULT '';
	ALTER TABLE opinions ADD COLUMN time TEXT NOT NULL DEFAULT '';
	ALTER TABLE opinions ADD COLUMN src_field TEXT NOT NULL DEFAULT '';
	ALTER TABLE opinions ADD COLUMN attrs TEXT NOT NULL DEFAULT '';
	ALTER TABLE changes ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX changes_step ON changes(step);
	CREATE TABLE steps (
		id     INTEGER PRIMARY KEY,
		at     TEXT NOT NULL,
		label  TEXT NOT NULL,
		state  INTEGER NOT NULL DEFAULT 0 -- 0 done, 1 undone, 2 dropped (redo no longer possible)
	);
	CREATE TABLE texts (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
	`,
}

// migrate brings the schema from version from to SchemaVersion, one
// transaction per step, so a crash leaves the file at a whole version.
func (l *Ledger) migrate(from int) error {
	for v := from; v < len(migrations); v++ {
		err := l.tx(context.Background(), func(tx *sql.Tx) error {
			// Another process may have upgraded the file since its header
			// was read: the version inside the transaction is the truth.
			var cur int
			if err := tx.QueryRow(`PRAGMA user_version`).Scan(&cur); err != nil {
				return err
			}
			if cur > v {
				return nil
			}
			if _, err := tx.Exec(migrations[v]); err != nil {
				return err
			}
			_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return err
		})
		if err != nil {
			return userErr(err, "升级台账格式（版本 %d → %d）失败，台账未改动。%s", v, v+1, orDefault(knownCause(err), "请重试；如果一再出现，请联系技术支持"))
		}
	}
	// Write the new header (application_id, user_version) into the main
	// file, where other processes read it before opening.
	l.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return nil
}

// migrateTo is used by tests to build a file of an older schema version.
func (l *Ledger) migrateTo(to int) error {
	for v := 0; v < to; v++ {
		if _, err := l.db.Exec(migrations[v]); err != nil {
			return err
		}
		if _, err := l.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			return err
		}
	}
	return nil
}

// tx runs fn in one write transaction.
func (l *Ledger) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return userErr(nil, "台账已关闭")
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// write runs fn in one write transaction that also bumps the generation and
// records the change log entries fn returns. Listeners hear of the changes
// after the commit.
func (l *Ledger) write(ctx context.Context, fn func(w *writer) error) error {
	var w *writer
	err := l.tx(ctx, func(tx *sql.Tx) error {
		w = &writer{tx: tx, at: l.now().UTC().Format(time.RFC3339Nano)}
		if err := fn(w); err != nil {
			return err
		}
		if len(w.changes) == 0 {
			return nil
		}
		if _, err := tx.Exec(`INSERT INTO meta(key, value) VALUES('generation', '1')
			ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`); err != nil {
			return err
		}
		return nil
	})
	if err == nil && w != nil && len(w.changes) > 0 {
		l.notify(w.changes)
	}
	return err
}

// Generation returns a number that every change to the ledger increases.
// Derived data (the search index) stores it to know when it is stale.
func (l *Ledger) Generation() (int64, error) {
	var g int64
	err := l.db.QueryRow(`SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'`).Scan(&g)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return g, err
}

// IntegrityCheck runs PRAGMA integrity_check and returns "ok" or SQLite's
// report.
func (l *Ledger) IntegrityCheck() (string, error) {
	var s string
	err := l.db.QueryRow(`PRAGMA integrity_check`).Scan(&s)
	return s, err
}

// DB exposes the underlying database for read-only queries by sibling
// packages' tests and benchmarks. Never write through it.
func (l *Ledger) DB() *sql.DB { return l.db }
