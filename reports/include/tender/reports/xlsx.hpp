// The award report workbook (award.xlsx): one evaluation laid out for the
// people who sign the award off, one sheet per part of EVALUATION.md.
//
// Sheets, in order: Summary (ranking and a chart of each ranked bid's total
// by kind group), Scores, Evaluators, Price, Social value, Barriers,
// Alignment, Sensitivity, Inputs. Every number is written as a number (never
// as text), and the workbook holds no formula at all.
// Text that came from a bid or an input file is written as a plain string
// cell, which a spreadsheet shows as it is and never evaluates (a bidder
// named "=HYPERLINK(...)" stays that text); control characters and invalid
// UTF-8 are replaced by U+FFFD, a literal "_xHHHH_" is kept literal, and text
// over a cell's limit of 32,767 characters is cut with an ellipsis.
#pragma once

#include <ctime>
#include <optional>
#include <string>

#include "tender/engine/evaluation.hpp"
#include "tender/engine/model.hpp"
#include "tender/reports/json.hpp"

namespace tender::reports {

// The creation time the workbook records (docProps/core.xml): one second
// after the Unix epoch, a fixed value so that the same inputs give the same
// file. (libxlsxwriter reads 0 as "now", so the epoch itself cannot be used.)
inline constexpr std::time_t kWorkbookCreated = 1;

// Writes the award workbook of `ev` to `path`, replacing any file there.
// `inputs` supplies what the evaluation does not repeat (round title, buyer,
// currency, outcomes and their priorities); `run` the engine version and the
// files read. Returns nullopt on success, else a message naming the problem
// (the file at `path` may then be incomplete: write to a temporary path and
// rename).
std::optional<std::string> write_award_workbook(const Evaluation& ev, const Inputs& inputs,
                                                const RunInfo& run, const std::string& path);

}  // namespace tender::reports
