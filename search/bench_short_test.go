package search

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// shortTexts reads the review column of waimai-10k.csv: short opinions
// (median 17 characters), the shape of questionnaire answers and slips.
func shortTexts(b *testing.B) []string {
	path := filepath.Join(ledgertest.DataDir(), "waimai-10k.csv")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("真实数据不在 %s（%v），跳过", path, err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, r := range recs[1:] {
		if len(r) > 1 && ledger.TrimText(r[1]) != "" {
			out = append(out, r[1])
		}
	}
	return out
}

// BenchmarkRebuildShort: the full rebuild of BenchmarkRebuild, with short
// opinions (questionnaire answers, slips) instead of the ~450-character
// citizen messages. Measured: about 2.7× the long messages' docs/s, so a
// good part of the cost is per document, not per character.
func BenchmarkRebuildShort(b *testing.B) {
	texts := shortTexts(b)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			l := ledgertest.New(b, ledger.Info{Unit: "基准"}, ledger.Options{})
			_, err := l.Import(context.Background(), "short.csv", fmt.Sprint("short-", n), "问卷调查", func(tx *ledger.ImportTx) error {
				for i := 0; i < n; i++ {
					o := ledger.Opinion{Text: texts[i%len(texts)], Channel: ledger.Channels[i%len(ledger.Channels)],
						Targets: []int64{ledger.TeamID}, Source: ledger.Source{Row: i + 2, Column: 2}}
					if _, err := tx.Add(&o); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			idxDir := filepath.Join(dir, "index")
			var ix *Index
			for b.Loop() {
				b.StopTimer()
				if ix != nil {
					ix.Close()
				}
				os.RemoveAll(idxDir)
				b.StartTimer()
				if ix, err = Open(context.Background(), l, Options{Dir: idxDir, Synonyms: true}); err != nil {
					b.Fatal(err)
				}
			}
			ix.Close()
			b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "docs/s")
			b.ReportMetric(float64(dirSize(idxDir))/(1<<20), "MB-index")
		})
	}
}
