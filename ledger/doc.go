// Package ledger is the domain model of 意见台账 and its storage: one SQLite
// file per ledger (extension .taizhang) holding the unit, its leadership team,
// the opinions collected verbatim with their provenance, the problems they are
// sorted into, and an append-only change log that powers undo and the audit
// trail.
//
// The file is the only source of truth. Every change runs in one transaction
// and bumps the ledger's generation number, so derived data (the search index)
// can tell when it is stale. Errors that a person can act on are returned as
// *Error values whose Msg is Simplified Chinese; they wrap the underlying cause.
//
// The package never imports Fyne: the window (package app) and the headless
// commands (package cli) both sit on top of it.
package ledger
