package importer

import (
	"context"
	"strings"
	"testing"
	"time"
)

// The real exports in ../shared/data (see its README): the issue's
// acceptance figures (their speed is measured by the benchmarks).
func TestRealData(t *testing.T) {
	cases := []struct {
		file    string
		channel string
		want    int
	}{
		{"tipdm2020-messages-4326.xlsx", "", 4326},
		// 64,707 trailing blank but formatted rows, and message id 37042
		// twice: duplicates are by position, so both import.
		{"tipdm2020-labelled-sample-495.xlsx", "", 495},
		{"waimai-10k.csv", "网络征集", 11987},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			path := sharedData(t, c.file)
			l := newLedger(t)
			start := time.Now()
			res := mustImport(t, l, path, Options{Channel: c.channel})
			took := time.Since(start)
			t.Logf("%s: %d opinions in %v", c.file, res.Imported, took)
			if res.Imported != c.want {
				t.Fatalf("imported %d, want %d", res.Imported, c.want)
			}
			again := mustImport(t, l, path, Options{Channel: c.channel})
			if again.Imported != 0 || again.Existing != c.want || again.Batch != 0 {
				t.Fatalf("second import: imported %d existing %d batch %d", again.Imported, again.Existing, again.Batch)
			}
			if !strings.Contains(again.Summary(), "已导入过：") {
				t.Errorf("summary %q does not say 已导入过", again.Summary())
			}
		})
	}
}

func TestTipdmFields(t *testing.T) {
	path := sharedData(t, "tipdm2020-labelled-sample-495.xlsx")
	l := newLedger(t)
	mustImport(t, l, path, Options{})
	ops := opinionsOf(t, l, "tipdm2020-labelled-sample-495.xlsx")
	first := ops[0]
	if first.Title != "A市西湖建筑集团占道施工有安全隐患" || first.Date != "2020-01-06" || first.Time != "12:09:38" ||
		first.Submitter.Name != "A00074011" || first.Channel != "网络征集" {
		t.Errorf("first opinion: %+v", first)
	}
	if strings.HasPrefix(first.Text, "\n") || strings.HasPrefix(first.Text, "\t") || !strings.HasPrefix(first.Text, "A3区大道西行便道") {
		t.Errorf("text not trimmed at the start: %q", first.Text[:40])
	}
	if first.Attrs["留言编号"] != "24" || first.Attrs["一级分类"] != "城乡建设" {
		t.Errorf("attrs: %v", first.Attrs)
	}
	n := 0
	for _, o := range ops {
		if o.Attrs["留言编号"] == "37042" {
			n++
		}
		if o.Source.Sheet != "Sheet1" || o.Source.Column != 5 || o.Source.Field != "留言详情" || o.Source.Hash == "" || o.Source.Batch == 0 {
			t.Fatalf("provenance: %+v", o.Source)
		}
	}
	if n != 2 {
		t.Errorf("message 37042 imported %d times, want 2 (duplicates are by position)", n)
	}
}

func TestTipdmDateFormats(t *testing.T) {
	path := sharedData(t, "tipdm2020-messages-4326.xlsx")
	l := newLedger(t)
	res := mustImport(t, l, path, Options{})
	if res.WarningsTotal != 0 {
		t.Errorf("%d warnings, first: %v", res.WarningsTotal, res.Warnings[0])
	}
	for _, o := range opinionsOf(t, l, "tipdm2020-messages-4326.xlsx") {
		if o.Date == "" {
			t.Fatalf("row %d has no date", o.Source.Row)
		}
	}
	_ = context.Background
}
