// Package reports drafts the documents an office takes to the democratic
// life meeting (民主生活会) from a ledger, and the ledger workbook:
//
//   - 征求意见情况报告 (Situation), for the team and for each member: the
//     基本情况 facts recorded in the ledger (symposiums, talks, visits, forms
//     sent and returned), channels and counts, the four winds, the main
//     problems with representative opinions quoted verbatim, and what was
//     done with them;
//   - 查找“四风”问题报告 (FourWinds), for the team and each member: a
//     first-person draft in the 对照检查 form (一是……二是……), each problem with
//     its evidence, and the places the leader writes (原因剖析, 整改措施)
//     marked until written; the measures will come from rectification
//     through loadMeasures;
//   - 意见反馈表 (Feedback), for each member: every opinion that concerns
//     them, verbatim, grouped by problem, the submitter hidden, with a space
//     for the member's response and a sign-off line;
//   - the workbook (WriteWorkbook): 意见明细, 问题清单, 整改清单, 制度清单, 统计,
//     each sheet set up to print.
//
// A Request (kind, targets or Split, Format, Internal) is the one way in:
// NewPlan checks it against the ledger and lists the files it writes (file
// names by FileName and SafeName, the format by FormatOf from the
// extension), Write builds and writes each. The window and the headless
// command only fill in a Request; SetTexts and CheckText check the texts a
// secretary edits (known keys, dates, counts) for both.
//
// Build drafts a report as a Document of parts and blocks; WritePDF draws
// it on A4 pages after GB/T 9704 (margins, 28 characters × 22 lines, 二号
// title, 三号 body, 「— 1 —」 page numbers restarting in every part) and
// WriteDOCX writes the same blocks as WordprocessingML with real styles.
// Lines are broken by Breaker, not by fpdf, whose MultiCell drops a Han
// character at every break; titles by balanceTitle. The PDF uses the
// official faces where the machine has them (faces.go) and the bundled Noto
// faces for everything else; characters outside the BMP are drawn from
// their outlines with /ActualText (typeset.go), characters no face has are
// printed as [表情] or [缺字] and counted in Result.Warnings.
//
// An opinion concerns a target when it names the target or is sorted into
// a problem that does; a problem without targets concerns the team
// (ledger.Concerns, which Stats.ByTarget uses too).
//
// Submitter names and contacts are printed only in an internal copy
// (Options.Internal), which is marked 「内部材料 含提出人信息」 on every page;
// Kind.ShowsSubmitters is the one rule of which kinds may show them (feedback
// sheets never do); snapshot.attribution and snapshot.submitterCells are
// the only places a report or the workbook prints them. Texts a secretary
// edits are stored in the ledger under the Key… constants; Build returns
// the ones a report used.
//
// Word output is written by hand (docx.go says why godocx was not used).
// The same ledger and the same request give the same bytes: the creation
// date is the report date. The package never imports Fyne.
package reports
