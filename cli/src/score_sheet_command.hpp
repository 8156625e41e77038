// `tender score-sheet ROUND.xml --bids PATH... -o scores.xlsx`: the
// evaluators' score sheet for the bids of a round.
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>
#include <vector>

namespace tender::cli {

struct ScoreSheetArgs {
  std::string round;
  std::vector<std::string> bids;  // files and folders
  std::string out;
};

// Adds the `score-sheet` subcommand to `app`; parsing fills `a`.
void add_score_sheet(CLI::App& app, ScoreSheetArgs& a);

// Reads the round and the bids, checks them as `evaluate` would (except that
// no scores are needed yet), then writes the score sheet to `a.out` through
// a temporary file and a rename. Returns the exit status: 0 written, 2 an
// input is wrong (every problem listed on `err`, nothing written), 1 the
// file could not be written.
int score_sheet_command(const ScoreSheetArgs& a, std::ostream& out, std::ostream& err);

}  // namespace tender::cli
