package search

import (
	"context"
	"path/filepath"
	"testing"

	"taizhang/ledger"
	"taizhang/ledger/importer"
	"taizhang/ledger/ledgertest"
)

// TestImportedMessages goes the way a user goes: the real importer reads
// tipdm2020-messages-4326.xlsx into a ledger, and the index opened on it
// finds exactly the messages containing 噪音, finds those about 医保, and
// knows nothing of the submitters (the importer keeps 留言用户 as the
// submitter).
func TestImportedMessages(t *testing.T) {
	ledgertest.Messages(t) // skips without the shared data
	l := ledgertest.Empty(t)
	res, err := importer.Import(context.Background(), l, filepath.Join(ledgertest.DataDir(), ledgertest.MessagesFile), importer.Options{Channel: "网络征集"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 4326 {
		t.Fatalf("imported %d messages, want 4326", res.Imported)
	}
	ix := openIndex(t, l, Options{Synonyms: true})
	for _, q := range []string{"噪音", "医保"} {
		want := substringSet(t, l, ParseQuery(q))
		r, err := ix.Search(context.Background(), Request{Query: q, Size: 5000})
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]bool{}
		for _, h := range r.Hits {
			got[h.ID] = true
		}
		if q == "噪音" && (len(got) != len(want) || len(want) < 300) {
			t.Errorf("噪音: %d found, %d contain it", len(got), len(want))
		}
		for id := range want {
			if !got[id] {
				t.Errorf("%s: opinion %d contains it but was not found", q, id)
			}
		}
		if q == "噪音" {
			for id := range got {
				if !want[id] {
					t.Errorf("噪音: opinion %d found but does not contain it", id)
				}
			}
		}
	}
	// A submitter of the file, by name: in the ledger, not in the index.
	var name string
	l.Internal().EachOpinion(ledger.Filter{Limit: 1}, func(o ledger.Opinion) error { name = o.Submitter.Name; return nil })
	if name == "" {
		t.Fatal("the importer kept no submitter; the check below would prove nothing")
	}
	r, err := ix.Search(context.Background(), Request{Query: name})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 0 {
		t.Errorf("submitter %s found in %d documents", name, r.Total)
	}
}
