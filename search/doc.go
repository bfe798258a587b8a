// Package search is the full-text index of a ledger: a Bleve index of its
// opinions and problems, derived from the ledger and never the truth.
//
// # Where the index lives
//
// The index of a ledger lives in the user's cache directory,
// os.UserCacheDir()/taizhang/index/<key>, where key is a hash of the
// ledger's absolute path (Options.Dir overrides the parent folder). It stores
// the ledger generation and the last change-log id it has seen. Open rebuilds
// it when it is missing, stale beyond the change log, of an older layout, or
// corrupt. When another process holds it open, Open never waits longer than
// Options.LockTimeout: it builds a temporary index instead and says so in
// Index.Notice. The index is kept in parts (part-0, part-1 …, one per
// processor, at most four) that are built in parallel; a document lives in
// the part its id hashes to, and searches go through an alias over all.
//
// # How it follows the ledger
//
// Every change reaches the index through one path: Index.Sync reads the
// ledger's change log after the last id it has applied, re-reads each
// changed opinion or problem from the ledger and reindexes it in one batch.
// Open subscribes to Ledger.OnChange, and each change only wakes a goroutine
// that calls Sync (changes that arrive together are applied together).
//
// # Chinese text
//
// Text is indexed twice: as overlapping character pairs with positions,
// plus the characters at the edges of each run of Chinese characters (see
// pairs), and as single characters without positions (one term a
// character, for one-character words). A query is a list of words
// separated by spaces; every word must occur, as written, in the title or
// text. A word of two or more Chinese characters is searched as the phrase of
// its character pairs, so 噪音 finds exactly the documents containing 噪音; a
// single character is searched as itself. "quoted words" keep spaces inside
// a phrase, and -word excludes documents containing word. Letters and
// digits match whole words (12345 does not match inside 123456). Domain
// synonyms (Options.Synonyms; the window and the command turn them on)
// widen a word to its equivalents (公车 also finds 公务用车). Request.Related
// asks for near matches after the exact ones: documents that share
// character pairs with the words without containing them as written.
//
// What was measured (testdata/judged.tsv: 30 judged queries over 4,326 real
// messages; TestJudgedQueries and BenchmarkJudged print the figures):
//
//	                              recall@10  MRR    recall  precision
//	words as phrases              0.766      0.928  0.770   0.556
//	+ synonyms                    0.779      0.967  0.803   0.555
//	+ synonyms + related results  0.819      1.000  0.965   (related are extra)
//	Bleve match, OR of pairs      0.796      0.961  0.922   0.309
//
// Word segmentation with github.com/go-ego/gse v0.80.3 (search mode for the
// messages, plain cut for the queries, whole-token matching) was measured
// outside the module on the same set: recall 0.710 against 0.770 for the
// pairs, precision equal (0.556), a 1.7 s dictionary load and 2.1 s to cut
// the 4,326 messages. It is not used.
//
// # Speed
//
// Measured on 2 shared cores (BenchmarkRebuild, BenchmarkQuery; the 4,326
// real messages repeated): a full rebuild of 10^5 opinions takes about
// 60 s (1,660 docs/s, 585 MB on disk) and is spent in Bleve's per-term work
// (analysis, postings, dictionaries, merges); leaving out the characters
// field saved about a third of it at 10^4 (measured once). Typed queries
// with facets and snippets at 10^5: p50 1.4 ms, p99 8.6 ms; the slowest
// are three-character words such as 幼儿园 (about 10 ms, checking the
// positions of the pairs in thousands of documents). Facets are counted from one short code per
// document (see addFacets), in the search itself when the words' rarest
// terms bound the matches to the facet limit.
//
// Submitter names and contacts are never put into the index.
package search
