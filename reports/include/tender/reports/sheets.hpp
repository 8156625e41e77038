// The workbooks people fill in for a round (FORMATS.md): the blank bid
// workbook bidders complete, and the score sheet evaluators complete. Both
// import back through the importers unchanged, whichever common program
// saved them.
//
// Conventions shared with the award workbook: text from a file (titles, gate
// questions, bidder names) is always a plain string cell, never a formula;
// the document's creation time is fixed, so the same inputs give the same
// bytes. Cells to fill are yellow and unlocked; headers and the values the
// round fixes are locked, and each sheet is protected without a password
// (against accidents, not people: any spreadsheet can lift it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tender/engine/model.hpp"

namespace tender::reports {

// Writes the blank bid workbook for `round` to `path`: an Instructions sheet
// first (what to fill, units, currency, the round's gates and measures), then
// the sheets of FORMATS.md with exactly its headers: Bidder (Round filled in
// and locked), Gates (one row per gate, its id locked), Price (rows to fill
// and a TOTAL row), Social value (one row per measure of the round). Data
// validation checks the lists (type, size, yes/no, pass/fail, measure ids,
// contract years) and numbers (not negative). Guidance beside a table is in
// grey cells with no header, which the importer ignores. As written it is
// not a valid bid (no bid id, answers or prices): importing it lists what is
// missing. Returns nullopt, or a message (the file may then be incomplete:
// write to a temporary path and rename).
std::optional<std::string> write_bid_template(const Round& round, const std::string& path);

// Writes the evaluators' score sheet for `round` and `bids` to `path`: an
// Instructions sheet (bids with their bidders' names, criteria with their
// scales), then a sheet `scores` with exactly the columns of the scores file
// (bid, criterion, evaluator, score, comment) and one row per criterion
// scored by evaluators (kinds quality and social-value) and bid, criterion
// by criterion, bids in id order. Bid and criterion are locked; evaluator,
// score and comment are to fill, the score validated to 0..the criterion's
// scale. Rows below the table are open for more evaluators. Only each bid's
// id and bidder name are read: no price, total or commitment is shown.
// Returns nullopt, or a message, as write_bid_template.
std::optional<std::string> write_score_sheet(const Round& round, const std::vector<Bid>& bids,
                                             const std::string& path);

}  // namespace tender::reports
