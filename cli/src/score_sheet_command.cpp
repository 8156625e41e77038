// `tender score-sheet`: the evaluators' score sheet for the bids of a round.
#include "score_sheet_command.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "files.hpp"
#include "template_command.hpp"
#include "tender/engine/evaluation.hpp"
#include "tender/importers/load.hpp"
#include "tender/reports/sheets.hpp"

namespace tender::cli {

void add_score_sheet(CLI::App& app, ScoreSheetArgs& a) {
  auto* cmd = app.add_subcommand(
      "score-sheet", "Write the evaluators' score sheet for the bids of a round (no prices shown)");
  cmd->add_option("round", a.round, "round.xml")->required();
  cmd->add_option("--bids", a.bids, "bid files (.xml, .xlsx) and folders of them")->required();
  cmd->add_option("-o,--output", a.out, "the workbook to write (.xlsx)")->required();
}

int score_sheet_command(const ScoreSheetArgs& a, std::ostream& out, std::ostream& err) {
  importers::LoadRequest req;
  req.round = a.round;
  req.bids = a.bids;
  const importers::Loaded loaded = importers::load_inputs(req);
  Diagnostics problems = loaded.errors;
  if (loaded.round_ok) {
    // No scores yet: references to bids and the needed scores are not checked.
    const Diagnostics more = validate(loaded.inputs, false);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  if (!problems.empty()) return report_problems(problems, err);
  const std::string problem = write_atomically_with(a.out, [&](const std::string& tmp) {
    return reports::write_score_sheet(loaded.inputs.round, loaded.inputs.bids, tmp)
        .value_or(std::string());
  });
  if (!problem.empty()) {
    err << "tender: " << problem << '\n';
    return 1;
  }
  out << "Wrote " << a.out << '\n';
  return 0;
}

}  // namespace tender::cli
