package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"

	"taizhang/ledger"
)

// onChange is the ledger listener: it only wakes the follower, so that the
// ledger's writer never waits for the index.
func (ix *Index) onChange(ledger.Change) { ix.poke() }

func (ix *Index) poke() {
	select {
	case ix.wake <- struct{}{}:
	default:
	}
}

// follow syncs after each wake-up, waiting Options.Delay first so that
// changes arriving together are applied together.
func (ix *Index) follow() {
	defer ix.wg.Done()
	for {
		select {
		case <-ix.done:
			return
		case <-ix.wake:
		}
		select {
		case <-ix.done:
			return
		case <-time.After(ix.opts.Delay):
		}
		err := ix.Sync(context.Background())
		if errors.Is(err, errClosed) {
			return
		}
		ix.errMu.Lock()
		ix.syncErr = err
		ix.errMu.Unlock()
	}
}

// Err returns the error of the latest background sync, or nil.
func (ix *Index) Err() error {
	ix.errMu.Lock()
	defer ix.errMu.Unlock()
	return ix.syncErr
}

// syncPage is how many change-log entries Sync reads at a time.
const syncPage = 1000

// Sync brings the index up to date with the ledger: it reads the change log
// after the last entry applied, re-reads every opinion and problem those
// entries name, and reindexes them. It is the one path by which changes reach
// the index; the index calls it by itself after every change, and callers
// may call it to be sure the index is current. If the index folder has been
// deleted, Sync rebuilds it.
func (ix *Index) Sync(ctx context.Context) error {
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	ix.mu.RLock()
	closed, idx, mode, path := ix.closed, ix.idx, ix.mode, ix.path
	ix.mu.RUnlock()
	if closed {
		return errClosed
	}
	if mode == Persistent {
		if _, err := os.Stat(filepath.Join(partDir(path, 0), "index_meta.json")); errors.Is(err, os.ErrNotExist) {
			return ix.replace(ctx, "索引文件夹已被删除，已重建")
		}
	}
	gen, err := ix.l.Generation()
	if err != nil {
		return err
	}
	for {
		cs, err := ix.l.Changes(ix.last, syncPage)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			break
		}
		if err := ix.apply(ctx, idx, cs, gen); err != nil {
			return fmt.Errorf("search: sync: %w", err)
		}
		ix.last = cs[len(cs)-1].ID
	}
	if stored, _ := idx.GetInternal(keyGeneration); string(stored) != strconv.FormatInt(gen, 10) {
		// Nothing left to apply: the index is as new as gen.
		return idx.SetInternal(keyGeneration, []byte(strconv.FormatInt(gen, 10)))
	}
	return nil
}

// replace rebuilds the index in its folder and swaps it in (syncMu held).
func (ix *Index) replace(ctx context.Context, why string) error {
	ix.mu.RLock()
	path := ix.path
	ix.mu.RUnlock()
	os.RemoveAll(path)
	idx, err := ix.build(ctx, path)
	if err != nil {
		return err
	}
	ix.mu.Lock()
	old := ix.idx
	ix.idx, ix.notice, ix.rebuilt = idx, why, true
	ix.mu.Unlock()
	old.Close()
	// Changes made during the build.
	ix.poke()
	return nil
}

// apply reindexes what the changes cs name.
func (ix *Index) apply(ctx context.Context, idx *shards, cs []ledger.Change, gen int64) error {
	opinions := map[int64]bool{}
	problems := map[int64]bool{}
	batches := map[int64]bool{}
	for _, c := range cs {
		switch c.Entity {
		case "opinion":
			opinions[c.EntityID] = true
		case "problem":
			problems[c.EntityID] = true
		case "batch":
			batches[c.EntityID] = true
		case "leader":
			if c.After == nil { // removed: its targets were dropped without a log entry each
				ids, err := ix.docsTargeting(idx, c.EntityID)
				if err != nil {
					return err
				}
				for _, id := range ids {
					if kind, n, ok := parseDocID(id); ok && kind == KindOpinion {
						opinions[n] = true
					} else if ok {
						problems[n] = true
					}
				}
			}
		}
	}
	b := idx.newBatch()
	flush := func() error {
		if err := b.apply(); err != nil {
			return err
		}
		return ctx.Err()
	}
	cache := map[int64]*ledger.Problem{}
	problemOf := func(id int64) (*ledger.Problem, error) {
		if id == 0 {
			return nil, nil
		}
		if p, ok := cache[id]; ok {
			return p, nil
		}
		p, err := ix.l.Problem(id)
		if errors.Is(err, ledger.ErrNotFound) {
			cache[id] = nil
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		cache[id] = &p
		return &p, nil
	}
	for id := range problems {
		p, err := problemOf(id)
		if err != nil {
			return err
		}
		if p == nil {
			b.Delete(problemDocID(id))
			continue
		}
		if err := b.Index(problemDocID(id), problemDoc(*p)); err != nil {
			return err
		}
		// Its opinions carry its category, kind and targets.
		ids, err := ix.l.ProblemOpinionIDs(id)
		if err != nil {
			return err
		}
		for _, o := range ids {
			opinions[o] = true
		}
	}
	for id := range opinions {
		o, err := ix.l.Opinion(id)
		if errors.Is(err, ledger.ErrNotFound) {
			b.Delete(opinionDocID(id))
			continue
		} else if err != nil {
			return err
		}
		p, err := problemOf(o.ProblemID)
		if err != nil {
			return err
		}
		if err := b.Index(opinionDocID(id), opinionDoc(o, p)); err != nil {
			return err
		}
		if b.Size() >= 2000 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(batches) > 0 {
		err := ix.l.EachOpinion(ledger.Filter{}, func(o ledger.Opinion) error {
			if !batches[o.Source.Batch] || opinions[o.ID] {
				return nil
			}
			p, err := problemOf(o.ProblemID)
			if err != nil {
				return err
			}
			if err := b.Index(opinionDocID(o.ID), opinionDoc(o, p)); err != nil {
				return err
			}
			if b.Size() >= 2000 {
				return flush()
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	last := cs[len(cs)-1]
	b.SetInternal(keyChange, []byte(strconv.FormatInt(last.ID, 10)))
	b.SetInternal(keyChangeAt, []byte(last.At))
	b.SetInternal(keyGeneration, []byte(strconv.FormatInt(gen, 10)))
	return flush()
}

// docsTargeting returns the ids of the documents whose targets include id.
func (ix *Index) docsTargeting(idx *shards, id int64) ([]string, error) {
	q := bleve.NewTermQuery(strconv.FormatInt(id, 10))
	q.SetField(fTarget)
	n, err := idx.DocCount()
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(q, int(n), 0, false)
	res, err := idx.SearchInContext(context.Background(), req)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out, nil
}

// Generation returns the ledger generation the index was last synced at.
func (ix *Index) Generation() int64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return 0
	}
	v, _ := ix.idx.GetInternal(keyGeneration)
	g, _ := strconv.ParseInt(string(v), 10, 64)
	return g
}
