// gse-exp measures github.com/go-ego/gse v0.80.3 word segmentation (its zh
// dictionary only, build tag ne) as a term source of the suggestion engine,
// outside the taizhang module, so that taizhang does not depend on gse.
//
//	cd search/suggest && SUGGEST_EXPORT=/tmp/sets go test -run TestEvaluate .
//	cd testdata/gse-exp && GSE_DICT=$(go env GOMODCACHE)/github.com/go-ego/gse@v0.80.3/data/dict/zh \
//	    go run -tags ne . /tmp/sets/*.json
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/go-ego/gse"

	"taizhang/search/suggest"
)

func main() {
	var seg gse.Segmenter
	dict := filepath.Join(os.Getenv("GSE_DICT"), "s_1.txt")
	t0 := time.Now()
	if err := seg.LoadDict(dict); err != nil {
		panic(err)
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	fmt.Printf("gse: dictionary %s loaded in %.2fs, heap %d MB\n", dict, time.Since(t0).Seconds(), ms.HeapAlloc>>20)
	cut := func(s string) []string { return seg.Cut(s, true) }
	for _, path := range os.Args[1:] {
		raw, err := os.ReadFile(path)
		if err != nil {
			panic(err)
		}
		var set suggest.Labelled
		if err := json.Unmarshal(raw, &set); err != nil {
			panic(err)
		}
		for _, v := range []struct {
			name string
			opt  func(*suggest.Options)
		}{
			{"全部", func(*suggest.Options) {}},
			{"+gse 分词", func(o *suggest.Options) { o.Segment = cut }},
			{"gse 分词代替字对", func(o *suggest.Options) { o.Segment = cut; o.Pairs = false }},
		} {
			opt := suggest.DefaultOptions()
			v.opt(&opt)
			r, err := suggest.Evaluate(context.Background(), nil, set, opt)
			if err != nil {
				panic(err)
			}
			fmt.Printf("%-12s %-16s P %.3f R %.3f 类别 %.3f 对象 %.3f 动作/条 %.3f\n", filepath.Base(path), v.name, r.Precision, r.Recall, r.Category, r.Target, r.ActionsPer)
		}
	}
}
