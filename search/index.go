package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"taizhang/ledger"
)

// Options tune where and how an index is kept.
type Options struct {
	// Dir is the folder that holds the indexes of all ledgers, one
	// sub-folder per ledger. Empty means os.UserCacheDir()/taizhang/index.
	Dir string
	// LockTimeout bounds how long Open waits for an index that another
	// process holds open before it falls back to a temporary index.
	// Zero means one second.
	LockTimeout time.Duration
	// Synonyms widens query words with the domain synonyms (公车 also finds
	// 公务用车). See Synonyms.
	Synonyms bool
	// Delay is how long the index waits after a change before it syncs, so
	// that changes arriving together are indexed in one batch. Zero means
	// 10 ms.
	Delay time.Duration
	// Progress, if set, hears how a full rebuild advances.
	Progress func(done, total int)
}

// Mode tells where an open index lives.
type Mode int

// The places an index can live.
const (
	Persistent Mode = iota // in the cache folder, kept between runs
	Temporary              // in a temporary folder removed on Close (the cache folder was locked)
)

// Index is the open search index of one ledger. Its methods are safe for
// concurrent use.
type Index struct {
	l    *ledger.Ledger
	opts Options

	mu     sync.RWMutex // guards idx, path, mode, notice, closed
	idx    *shards
	path   string
	mode   Mode
	notice string
	closed bool

	syncMu  sync.Mutex // one Sync at a time
	last    int64      // the last change-log id applied (guarded by syncMu)
	rebuilt bool       // Open had to rebuild (for tests and messages)

	wake chan struct{}
	done chan struct{}
	wg   sync.WaitGroup

	errMu   sync.Mutex
	syncErr error

	facetMu   sync.Mutex        // guards facetKeys
	facetKeys map[string]string // facet code → values (see facetValues)
}

// Internal keys stored in the index.
var (
	keyLayout     = []byte("taizhang.layout")
	keyGeneration = []byte("taizhang.generation")
	keyChange     = []byte("taizhang.change")
	keyChangeAt   = []byte("taizhang.change_at")
	keyLedger     = []byte("taizhang.ledger")
)

// DefaultDir returns the folder that holds the indexes when Options.Dir is
// empty.
func DefaultDir() (string, error) {
	c, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(c, "taizhang", "index"), nil
}

// PathFor returns the folder of the index of the ledger at ledgerPath inside
// dir (DefaultDir when empty).
func PathFor(dir, ledgerPath string) (string, error) {
	if dir == "" {
		var err error
		if dir, err = DefaultDir(); err != nil {
			return "", err
		}
	}
	abs, err := filepath.Abs(ledgerPath)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])), nil
}

// Open opens the index of l, building or catching it up as needed, and keeps
// it following l's changes until Close. It never blocks on an index another
// process holds: it builds a temporary one instead (see Notice).
func Open(ctx context.Context, l *ledger.Ledger, opts Options) (*Index, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = time.Second
	}
	if opts.Delay <= 0 {
		opts.Delay = 10 * time.Millisecond
	}
	path, err := PathFor(opts.Dir, l.Path())
	if err != nil {
		return nil, fmt.Errorf("search: index folder: %w", err)
	}
	ix := &Index{l: l, opts: opts, path: path, wake: make(chan struct{}, 1), done: make(chan struct{})}
	if err := ix.open(ctx); err != nil {
		return nil, err
	}
	l.OnChange(ix.onChange)
	ix.wg.Add(1)
	go ix.follow()
	// Changes made between the build and the subscription.
	ix.poke()
	return ix, nil
}

// open opens or builds the index at ix.path, falling back to a temporary
// folder when it is locked.
func (ix *Index) open(ctx context.Context) error {
	if err := os.MkdirAll(filepath.Dir(ix.path), 0o755); err != nil {
		return ix.openTemporary(ctx, "无法创建索引文件夹（"+strings.TrimSuffix(ledger.Message(err), "。")+"），本次使用临时索引")
	}
	idx, err := openShards(ix.path, ix.runtimeConfig())
	switch {
	case err == nil:
		ix.idx = idx
		ok, why := ix.usable()
		if ok {
			if err := ix.Sync(ctx); err == nil {
				return nil
			} else if ctx.Err() != nil {
				idx.Close()
				return ctx.Err()
			} else {
				why = "索引无法更新，已重建"
			}
		}
		idx.Close()
		ix.idx = nil
		return ix.rebuildAt(ctx, why)
	case isLocked(err):
		return ix.openTemporary(ctx, "索引正被另一个程序（可能是另一个窗口）使用，本次使用临时索引，关闭后丢弃")
	case errors.Is(err, errNoIndex):
		return ix.rebuildAt(ctx, "")
	default:
		return ix.rebuildAt(ctx, "索引已损坏，已重建")
	}
}

func isLocked(err error) bool {
	return err != nil && strings.Contains(err.Error(), "timeout")
}

func (ix *Index) runtimeConfig() map[string]interface{} {
	return map[string]interface{}{"bolt_timeout": ix.opts.LockTimeout.String()}
}

// usable reports whether the open index at ix.idx was written by this
// layout for this ledger and its change log still covers it.
func (ix *Index) usable() (bool, string) {
	if v, _ := ix.idx.GetInternal(keyLayout); string(v) != layout {
		return false, "索引格式已更新，已重建"
	}
	if v, _ := ix.idx.GetInternal(keyLedger); string(v) != ix.ledgerKey() {
		return false, "索引属于另一个台账，已重建"
	}
	v, _ := ix.idx.GetInternal(keyChange)
	last, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return false, "索引不完整，已重建"
	}
	at, _ := ix.idx.GetInternal(keyChangeAt)
	if last > 0 {
		// The change the index saw last must still be in the log, the same:
		// a ledger restored from a backup has another history.
		cs, err := ix.l.Changes(last-1, 1)
		if err != nil || len(cs) == 0 || cs[0].ID != last || cs[0].At != string(at) {
			return false, "台账已从备份恢复或被替换，索引已重建"
		}
	}
	ix.last = last
	return true, ""
}

func (ix *Index) ledgerKey() string {
	abs, _ := filepath.Abs(ix.l.Path())
	return abs
}

// rebuildAt removes whatever is at ix.path and builds a new index there.
func (ix *Index) rebuildAt(ctx context.Context, why string) error {
	os.RemoveAll(ix.path)
	idx, err := ix.build(ctx, ix.path)
	if err != nil {
		if isLocked(err) {
			return ix.openTemporary(ctx, "索引正被另一个程序使用，本次使用临时索引，关闭后丢弃")
		}
		return err
	}
	ix.mu.Lock()
	ix.idx, ix.mode, ix.notice, ix.rebuilt = idx, Persistent, why, true
	ix.mu.Unlock()
	return nil
}

// openTemporary builds a fresh index in a temporary folder.
func (ix *Index) openTemporary(ctx context.Context, why string) error {
	dir, err := os.MkdirTemp("", "taizhang-index-*")
	if err != nil {
		return fmt.Errorf("search: temporary index: %w", err)
	}
	idx, err := ix.build(ctx, filepath.Join(dir, "index"))
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	ix.mu.Lock()
	ix.idx, ix.path, ix.mode, ix.notice, ix.rebuilt = idx, filepath.Join(dir, "index"), Temporary, why, true
	ix.mu.Unlock()
	return nil
}

// build creates an index at path and fills it from the ledger, in parts
// built in parallel with Bleve's offline builder (several times faster than
// batches into an open index), then opens it. The generation and change id
// are read before the ledger's content, so that the content is at least as
// new as what is recorded; Sync then applies anything that changed during
// the build.
func (ix *Index) build(ctx context.Context, path string) (*shards, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	gen, err := ix.l.Generation()
	if err != nil {
		return nil, err
	}
	last, lastAt, err := lastChange(ix.l)
	if err != nil {
		return nil, err
	}
	problems, err := ix.l.Problems()
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*ledger.Problem, len(problems))
	for i := range problems {
		byID[problems[i].ID] = &problems[i]
	}
	total := 0
	if ix.opts.Progress != nil {
		if s, err := ix.l.Counts(); err == nil {
			total = s.Opinions + len(problems)
		}
		ix.opts.Progress(0, total)
	}
	os.RemoveAll(path)
	done := 0
	idx, err := buildShards(path, m, numParts(), ix.runtimeConfig(), func(send func(string, interface{}) error) error {
		for i := range problems {
			if err := send(problemDocID(problems[i].ID), problemDoc(problems[i])); err != nil {
				return err
			}
			done++
		}
		return ix.l.EachOpinion(ledger.Filter{}, func(o ledger.Opinion) error {
			if err := send(opinionDocID(o.ID), opinionDoc(o, byID[o.ProblemID])); err != nil {
				return err
			}
			done++
			if done%1000 == 0 {
				if ix.opts.Progress != nil {
					ix.opts.Progress(done, total)
				}
				return ctx.Err()
			}
			return nil
		})
	})
	if err != nil {
		os.RemoveAll(path)
		return nil, fmt.Errorf("search: build index: %w", err)
	}
	if ix.opts.Progress != nil {
		ix.opts.Progress(done, total)
	}
	// The builder keeps no internal values of ours: record them now. The
	// layout goes in the same batch, so that an index cut short before
	// this is rebuilt.
	b := idx.newBatch()
	b.SetInternal(keyLedger, []byte(ix.ledgerKey()))
	b.SetInternal(keyGeneration, []byte(strconv.FormatInt(gen, 10)))
	b.SetInternal(keyChange, []byte(strconv.FormatInt(last, 10)))
	b.SetInternal(keyChangeAt, []byte(lastAt))
	b.SetInternal(keyLayout, []byte(layout))
	if err := b.apply(); err != nil {
		idx.Close()
		os.RemoveAll(path)
		return nil, fmt.Errorf("search: new index: %w", err)
	}
	ix.last = last // the caller is Open, or holds syncMu
	return idx, nil
}

// lastChange finds the newest change-log entry by bisection over
// Ledger.Changes(after, 1), which returns the first entry after an id.
func lastChange(l *ledger.Ledger) (int64, string, error) {
	first, err := l.Changes(0, 1)
	if err != nil || len(first) == 0 {
		return 0, "", err
	}
	lo, at := first[0].ID, first[0].At // an id known to exist
	hi := lo + 1                       // grows until no entry lies after it
	for {
		cs, err := l.Changes(hi-1, 1)
		if err != nil {
			return 0, "", err
		}
		if len(cs) == 0 {
			break
		}
		lo, at = cs[0].ID, cs[0].At
		hi = lo*2 + 1
	}
	// Now an entry exists at lo and none after hi-1: bisect (lo, hi).
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		cs, err := l.Changes(mid-1, 1)
		if err != nil {
			return 0, "", err
		}
		if len(cs) == 0 {
			hi = mid
		} else {
			lo, at = cs[0].ID, cs[0].At
		}
	}
	return lo, at, nil
}

// Notice returns a message for the user about how the index was opened
// (rebuilt because it was damaged, temporary because it was locked …), or
// "" when there is nothing to say.
func (ix *Index) Notice() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.notice
}

// Mode tells where the index lives.
func (ix *Index) Mode() Mode {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.mode
}

// Path returns the index folder.
func (ix *Index) Path() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.path
}

// Rebuilt reports whether Open built the index from scratch.
func (ix *Index) Rebuilt() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.rebuilt
}

// DocCount returns the number of documents (opinions and problems) indexed.
func (ix *Index) DocCount() (uint64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return 0, errClosed
	}
	return ix.idx.DocCount()
}

var errClosed = errors.New("search: index closed")

// Close stops following the ledger and closes the index. A temporary index
// is removed.
func (ix *Index) Close() error {
	ix.mu.Lock()
	if ix.closed {
		ix.mu.Unlock()
		return nil
	}
	ix.closed = true
	close(ix.done)
	ix.mu.Unlock()
	ix.wg.Wait()
	ix.syncMu.Lock() // let a running Sync finish
	defer ix.syncMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	err := ix.idx.Close()
	if ix.mode == Temporary {
		os.RemoveAll(filepath.Dir(ix.path))
	}
	return err
}
