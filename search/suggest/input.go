package suggest

import "taizhang/ledger"

// Opinion is what the engine reads of one opinion. Person is a key for
// "the same person" (a submitter's name or contact, or a questionnaire
// respondent's file and row); it is compared, never shown.
type Opinion struct {
	ID       int64
	Text     string
	Title    string
	Targets  []int64
	Problem  int64 // 0: unsorted
	Excluded bool  // marked 不计入 by a person: never proposed for anything
	Person   string
}

// Problem is what the engine reads of one problem a person made.
type Problem struct {
	ID       int64
	Title    string
	Category string
	Targets  []int64
}

// Pair is an (opinion, problem) proposal a person rejected: it is never
// proposed again.
type Pair struct {
	Opinion, Problem int64
}

// Input is everything the engine learns from and proposes for. Opinions
// with Problem ≠ 0 are the labelled data (the problems a person made);
// proposals are made only for the others.
type Input struct {
	Opinions []Opinion
	Problems []Problem
	Members  []ledger.Leader
	Rejected []Pair
	// RejectedGroups are the Group.Key values of proposed groups a person
	// rejected: they are not proposed again.
	RejectedGroups []string
}
