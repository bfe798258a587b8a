// Package reports drafts the documents an office takes to the democratic
// life meeting (民主生活会) from a ledger, and the ledger workbook:
//
//   - 征求意见情况报告 (Situation): channels and counts, the team and each
//     member, the four winds, the main problems with representative opinions
//     quoted verbatim, and what was done with them;
//   - 查找“四风”问题报告 (FourWinds), for the team and each member: the
//     problems under each of the four winds with their evidence, the causes
//     and the measures (texts the leader writes);
//   - 意见反馈表 (Feedback), for each member: every opinion that concerns
//     them, verbatim, grouped by problem, the submitter hidden;
//   - the workbook (WriteWorkbook): 意见明细, 问题清单, 整改清单, 制度清单, 统计.
//
// Build drafts a report as a Document; Document.WritePDF draws it on A4 pages
// laid out after GB/T 9704 (margins, 二号 title, 三号 body, 「— 1 —」 page
// numbers), with the bundled Noto CJK fonts. Lines are broken by Breaker, not
// by fpdf, whose MultiCell drops a Han character at every break.
//
// An opinion concerns a member when its own targets include the member or
// when it is sorted into a problem whose targets include the member; a
// problem without targets concerns the team.
//
// Submitter names and contacts are printed only in an internal copy
// (Options.Internal), which is marked 「内部材料 含提出人信息」 on every page;
// feedback sheets never print them. Texts a secretary edits before printing
// (titles, unit, date, opening paragraphs, causes, measures) are stored in the
// ledger under the Key… constants; Build returns the ones a report used.
//
// The same ledger and the same request give the same bytes: the PDF's
// creation date is the report date. The package never imports Fyne.
package reports
