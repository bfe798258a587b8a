package importer

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/ledger"
	"taizhang/ledger/ledgertest"
)

// benchTexts are the open answers of the generated questionnaires: the
// 11,987 reviews of ../shared/data/waimai-10k.csv when present, repeated
// to the size needed, else synthetic sentences.
func benchTexts() []string {
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "waimai-10k.csv"))
	if err == nil {
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err == nil && len(recs) > 1 {
			var out []string
			for _, r := range recs[1:] {
				out = append(out, r[1])
			}
			return out
		}
	}
	var out []string
	for i := 0; i < 1000; i++ {
		out = append(out, fmt.Sprintf("第%d条意见：会议太多，文件太多，调研走过场，希望精简会议、改进文风。", i))
	}
	return out
}

// benchWorkbook returns a 问卷星-style .xlsx with n respondents (one open
// answer each, plus choice questions), generated once with excelize's
// StreamWriter and cached in the temp folder, keyed by n.
func benchWorkbook(b *testing.B, n int) string {
	p := filepath.Join(os.TempDir(), fmt.Sprintf("taizhang-bench-wjx-v1-%d.xlsx", n))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	texts := benchTexts()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您的身份", "2、您认为需要改进的方面", "3、您对领导班子有哪些意见和建议？"})
	start := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	ids := []string{"普通干部", "中层干部", "退休干部", "群众代表"}
	multi := []string{"文山会海", "文山会海┋督查检查过多", "办事效率┋作风不实", "作风不实"}
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		at := start.Add(time.Duration(i) * 37 * time.Second)
		err := sw.SetRow(cell, []any{i + 1, at.Format("2006/1/2 15:04:05"), strconv.Itoa(60+i%400) + "秒", "微信", "N/A",
			fmt.Sprintf("113.57.%d.%d(湖北-武汉)", i/250%250, i%250), ids[i%4], multi[i%4], texts[i%len(texts)]})
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	tmp := strings.TrimSuffix(p, ".xlsx") + fmt.Sprintf("-%d.tmp.xlsx", os.Getpid())
	if err := f.SaveAs(tmp); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		b.Fatal(err)
	}
	return p
}

// heapPeak samples the heap in use while work runs.
type heapPeak struct{ peak uint64 }

func (h *heapPeak) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapInuse > h.peak {
		h.peak = m.HeapInuse
	}
}

var benchSizes = []int{10000, 100000}

// BenchmarkImportWJX imports a questionnaire of n respondents into a new
// ledger: detection, hashing, header scan, streaming read, placeholder and
// date handling, and the SQLite transaction.
func BenchmarkImportWJX(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchImport(b, benchWorkbook(b, n), Options{}) })
	}
}

// benchImport imports path into a new ledger b.N times and reports rows/s
// and the peak heap.
func benchImport(b *testing.B, path string, opts Options) {
	var h heapPeak
	var imported int
	opts.Progress = func(done, total int) { h.sample() }
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		l := ledgertest.New(b, ledger.Info{Unit: "测试"}, ledger.Options{})
		runtime.GC()
		b.StartTimer()
		res, err := Import(context.Background(), l, path, opts)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		imported = res.Imported
		l.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(imported)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(h.peak)/(1<<20), "peak-heap-MiB")
}

// BenchmarkBareReadXLSX is the limit: the streaming read of the same
// workbook (sheetxml.go), every cell of every row, doing nothing with them.
func BenchmarkBareReadXLSX(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			path := benchWorkbook(b, n)
			var h heapPeak
			rowsRead := 0
			for i := 0; i < b.N; i++ {
				runtime.GC()
				in, err := openInput(path)
				if err != nil {
					b.Fatal(err)
				}
				src, err := openXLSX(in, "")
				if err != nil {
					b.Fatal(err)
				}
				rowsRead = 0
				err = src.eachRow(context.Background(), src.sheetNames()[0], func(int, *rowCells) error {
					if rowsRead++; rowsRead%500 == 0 {
						h.sample()
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				in.close()
			}
			b.ReportMetric(float64(rowsRead)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(h.peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

// benchCSV returns a CSV of n opinions (序号, 意见, 提出人, 日期, quoted
// texts with commas and line breaks now and then), cached by n.
func benchCSV(b *testing.B, n int) string {
	p := filepath.Join(os.TempDir(), fmt.Sprintf("taizhang-bench-csv-v1-%d.csv", n))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	texts := benchTexts()
	var sb strings.Builder
	sb.WriteString("序号,意见内容,提出人,日期\n")
	for i := 0; i < n; i++ {
		t := texts[i%len(texts)]
		if i%7 == 0 {
			t += "，\n另外，\"食堂\"也要改进"
		}
		fmt.Fprintf(&sb, "%d,\"%s\",用户%d,2026-11-%02d\n", i+1, strings.ReplaceAll(t, `"`, `""`), i%500, 1+i%28)
	}
	tmp := p + fmt.Sprintf(".%d.tmp", os.Getpid())
	if err := os.WriteFile(tmp, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkImportCSV imports a CSV of n opinions into a new ledger: the
// hashing pass, the header scan, the import pass (hashed again) and the
// SQLite transaction.
func BenchmarkImportCSV(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchImport(b, benchCSV(b, n), Options{Channel: "意见箱"}) })
	}
}
