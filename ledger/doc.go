// Package ledger is the domain model of 意见台账 and its storage: one SQLite
// file per ledger (extension .taizhang) holding the unit, its leadership team,
// the opinions collected verbatim with their provenance, the problems they are
// sorted into, and an append-only change log that powers undo and the audit
// trail. The file is the only source of truth; everything else (the search
// index, the window's lists, the board) is derived from it.
//
// # Where to start
//
// model.go holds the types (Opinion, Problem, Leader, Info) and the words of
// the domain; store.go opens, creates and upgrades a file; opinions.go,
// problems.go, leaders.go and batch.go are the reads and writes of each kind
// of thing; board.go is the sorting board's read model; privacy.go decides
// what leaves the package.
//
// # The write path
//
// Every change to a ledger goes through one path, and new data must too:
//
//  1. One transaction. A public method (AddOpinion, Import, NewProblem, …)
//     calls l.write (store.go), which takes the process's write lock, opens
//     a BEGIN IMMEDIATE transaction and hands fn a *writer. Everything fn
//     does commits together or not at all: an import of 10^5 opinions is one
//     transaction, and a crash at any moment leaves the file as it was
//     before or after it (WAL, synchronous=FULL).
//  2. The change log. fn records each change with w.log(action, entity, id,
//     before, after) (changes.go): a row of the changes table with the
//     states before and after as JSON. Log every change: what is not logged
//     bumps no generation, reaches no listener and cannot be undone.
//  3. The generation. When fn logged something, write bumps the generation
//     in meta in the same transaction (Generation), so derived data (the
//     search index) can tell it is stale.
//  4. Listeners. After the commit, write hands the logged changes to the
//     listeners registered with OnChange, in commit order: the search index
//     and the window learn of every change this way, and the board
//     (NewBoard) follows the log to update its counts without a reload.
//  5. Undo steps. A sorting action that a person can undo runs through
//     l.step(label, fn) (problems.go) instead of l.write: its changes carry
//     the step's id, Undo and Redo replay them backwards or forwards in a new
//     transaction of their own (and log that too), and the steps live in the
//     file, so undo survives a restart. A new kind of change that should be
//     undoable needs its case in w.restore (problems.go); one that should
//     not uses l.write.
//
// New schema is a new migration appended to migrations in store.go, never an
// edit of one that has shipped.
//
// # Privacy: the public and the internal view
//
// Every read of opinions from a *Ledger (Opinion, Opinions, EachOpinion,
// Changes, OnChange) is the public view: the opinion without its submitter,
// without the attributes that identify a person (IsPersonalAttr), and with
// identifying details inside the text masked (maskText, the one place for
// that). That is what the window's lists, the commands' default output, the
// reports, the workbook and the search index get. l.Internal() is the one
// way to read opinions whole, for the copies a person explicitly asks for
// (the window's 显示提出人信息, opinions --with-submitter, a report or workbook
// made with --internal); searching for ".Internal()" finds them all. Code
// that offers both takes an OpinionReader. Ledger.DB bypasses the views and is
// for tests only.
//
// # Shared rules
//
// A rule the window and the commands both need is one function here, with
// one test (rules_test.go): IsTeamName and TeamAliases (what names the team;
// ResolveTarget and the importer use it), NewProblemFrom (a new problem
// concerns whom its opinions concern), CompareChannels and SortedChannels
// (the order of channels everywhere), NormalizeCategory, NormalizeDate.
//
// # Errors
//
// Errors that a person can act on are *Error values whose Msg is Simplified
// Chinese and whose Err keeps the cause; Error() gives both, for a log.
// Message(err) is the one place that turns any error into the text a
// person is shown, Chinese only (errors.go); the window and the commands
// show nothing else.
//
// The package never imports Fyne: the window (package app) and the headless
// commands (package cli) both sit on top of it. Package ledgertest makes
// ledgers for tests.
package ledger
