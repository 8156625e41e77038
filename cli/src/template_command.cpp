// `tender template`: the blank bid workbook of a round.
#include "template_command.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>

#include "files.hpp"
#include "tender/engine/evaluation.hpp"
#include "tender/importers/load.hpp"
#include "tender/reports/sheets.hpp"

namespace tender::cli {

int report_problems(const Diagnostics& diags, std::ostream& err) {
  for (const auto& d : diags) err << to_string(d) << '\n';
  err << diags.size() << (diags.size() == 1 ? " error" : " errors") << "; nothing was written\n";
  return 2;
}

void add_template(CLI::App& app, TemplateArgs& a) {
  auto* cmd = app.add_subcommand(
      "template", "Write the blank bid workbook of a round, for bidders to fill in (FORMATS.md)");
  cmd->add_option("round", a.round, "round.xml")->required();
  cmd->add_option("-o,--output", a.out, "the workbook to write (.xlsx)")->required();
}

int template_command(const TemplateArgs& a, std::ostream& out, std::ostream& err) {
  auto loaded = importers::load_round(a.round, std::nullopt);
  if (!loaded) return report_problems(loaded.errors(), err);
  const Round& round = loaded->inputs.round;
  const auto checked = check_round(round, loaded->inputs.policy);  // weights, ids, references
  if (!checked) return report_problems(checked.errors(), err);
  const std::string problem = write_atomically_with(a.out, [&](const std::string& tmp) {
    return reports::write_bid_template(round, tmp).value_or(std::string());
  });
  if (!problem.empty()) {
    err << "tender: " << problem << '\n';
    return 1;
  }
  out << "Wrote " << a.out << '\n';
  return 0;
}

}  // namespace tender::cli
