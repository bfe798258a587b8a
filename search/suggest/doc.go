// Package suggest proposes how to sort a ledger's unsorted opinions:
// groups of opinions that say the same thing, the problem a person made
// that an opinion most likely belongs to, a category and targets, and
// which answers to mark 不计入. It works offline, in pure Go, on plain data
// (Input, or FromLedger for a ledger) and never writes a ledger: a person
// always decides, and the caller applies what the person accepts.
//
// # Use
//
//	in, _ := suggest.FromLedger(l)           // or an Input built by hand
//	in.Rejected = rejectedPairs              // kept by the caller (a ledger table)
//	in.RejectedGroups = rejectedGroupKeys
//	m, _ := suggest.Build(ctx, nil, in, suggest.DefaultOptions())
//	groups, _ := m.Groups(ctx)               // proposed problems: Title, Category, Targets, Reason, Key
//	p, ok := m.LikelyProblem(opinionID)      // Problem, Score, Concepts, Highlights, Reason
//	c := m.Category(opinionID)               // or m.ProblemCategory(problemID)
//	t := m.Targets(opinionID)                // members and/or ledger.TeamID, Ambiguous, Reason
//	n := m.NotOpinions()                     // 不计入 proposals: Kind, Reason
//	m.Learn(opinionID, problem)              // a person placed an opinion: learn from it
//	m.Reject(opinionID, problemID)           // a person rejected a proposal
//
// Suggestions concern unsorted opinions only (Opinion.Problem == 0 and not
// Excluded); sorted opinions are the labelled data. A Model must be used
// from one goroutine at a time; Build may run in the background (it takes
// a context) and the caller swaps the new model in.
//
// # The lexicon
//
// The core is a concept lexicon owned by the project (lexicon.txt,
// embedded; its header says how it was written): about two hundred
// concepts of the four winds and of the work problems citizens raise, each
// with its category, a family of related concepts, and the ways people say
// it, as words and short patterns (会议*多: 会议 then 多 within eight
// characters of one clause; -会议室 excludes). A ledger adds its own
// phrasings and concepts with Lexicon.With, in the same format. A match
// inside a longer match of another concept is dropped (电梯 inside 电梯噪音),
// so the more specific concept wins.
//
// # How an opinion is read
//
// Each opinion (title and text) becomes two sparse vectors: its concepts,
// each weighted by the characters its matches cover and by its rarity in
// the ledger, plus half that weight for the concept's family; and its
// character pairs (and Latin words), tf-idf weighted, cut to the 48
// strongest. The similarity of two opinions is 0.6 × the concept cosine +
// 0.4 × the pair cosine (Options.ConceptWeight). The main concept of an
// opinion is the one its matches cover most, a four-winds concept counting
// double (找了村里又找镇上，排水沟一直没人管 is about 推诿, not drains; the
// notice warns against passing a four-winds problem off as a work problem);
// the first said wins a tie.
//
// # Proposed groups
//
// Among the unsorted opinions that have no likely problem, groups form in
// two ways, with no comparison of all pairs:
//
//   - By concept: an opinion that is about a concept (the lexicon's matches
//     cover at least 6% of its Chinese characters, Options.AnchorCoverage)
//     and names no particular place or institution (A3区, 丽发新城小区,
//     205路, 县医院: namesPlace) joins the group of its main concept. So
//     会议太多太长 and 文山会海，少开点会吧 meet although they share no word.
//   - By words: each opinion is blocked by its twelve strongest terms that
//     at most 100 opinions share (Options.BlockCap); two opinions that
//     share one of them are compared, and joined when their pair cosine
//     reaches 0.4 (Options.LinkThreshold), or 0.10 when one of them names a
//     place (Options.PlaceLinkThreshold: a citizen's message about a case
//     shares the place's name and little else with its paraphrase, and
//     messages about different places never reached 0.15 on the labelled
//     set). Shared words never merge two groups of different concepts.
//
// A group of two or more is proposed, largest first, with a title (the
// concept's name for a group by concept, else the title or first words of
// its most central opinion), the category its members' concepts vote for,
// the targets most of them name, and a reason in Chinese (the concept and
// the wordings that said it, or the pieces of text the members share). Its
// Key (概念:name or 文字:first id) is what a rejection remembers.
//
// # Likely problem
//
// Each problem a person made is a profile: the sum of its opinions' vectors
// (pairs cut to the 256 strongest) and its title's concepts. An unsorted
// opinion is scored against the profiles through an inverted index (only
// problems sharing a concept or a term are scored) with the same mixture
// as above; the best problem scoring at least 0.35 (Options.
// ProblemThreshold) that shares a concept with the opinion (not only a
// family) or has a pair cosine of 0.3 with it, and that the person has not
// rejected for this opinion, is proposed, with the shared concepts and
// where the text says them. Learn moves an opinion's vectors between
// profiles and reindexes only the problems it changed.
//
// # Category and target
//
// An opinion's category is the person's: the category of its likely
// problem when that scores 0.5 or more. Otherwise the categories of its
// concepts vote, each concept by the characters it covers, four-winds
// concepts counting 1.5 times (the notice warns against passing a
// four-winds problem off as a work problem); with no concept it is
// 其他·工作问题, said so in the reason. A problem's category is the vote of
// its opinions and title.
//
// Targets come from the members' names (a name takes the post after it:
// 张强副县长), surname + post (王书记, 李县长, and 陈局长 for a 副局长), a post
// alone held by exactly one post-holder (县长 is not a 副县长), a portfolio
// (分管教育的副县长, 负责交通的领导), 一把手/主要领导 (the member who
// 主持全面工作), and the team's words (班子, 县委, 党组, 领导们 …). A mention
// that fits several members (two named 张 and the text says 张县长) proposes
// all of them with Ambiguous set and a reason naming them.
//
// # Not an opinion
//
// NotOpinions proposes 不计入 for answers made only of praise, thanks and
// assent (挺好的，希望继续保持; 同上; 很好，没有), for test rows (测试, 1111),
// and for the same person's same text again (Opinion.Person; the same text
// from different or unknown people counts, as several voices). The blanks of
// an import are the importer's (importer.IsPlaceholder) and are reused here.
//
// # Measurements
//
// See the end of this comment; the harness is Evaluate (eval.go), the
// figures are printed by TestEvaluate (go test -v -run TestEvaluate) and by
// make bench (BenchmarkQuality, BenchmarkGroups, BenchmarkLikelyProblem).
package suggest
