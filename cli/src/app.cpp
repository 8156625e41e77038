// `tender` commands: evaluate, check, template, score-sheet.
#include "tender/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

#include "files.hpp"
#include "score_sheet_command.hpp"
#include "template_command.hpp"
#include "tender/engine/date.hpp"
#include "tender/engine/evaluation.hpp"
#include "tender/importers/load.hpp"
#include "tender/reports/console.hpp"
#include "tender/reports/json.hpp"
#include "tender/reports/xlsx.hpp"

namespace tender::cli {
namespace {

constexpr int kOk = 0;
constexpr int kInternal = 1;
constexpr int kBadInput = 2;
constexpr int kFlagged = 3;
constexpr const char* kVersion = "0.1.0";

struct EvaluateArgs {
  importers::LoadRequest req;
  std::string json_out;
  std::string report_dir;
  Options options;
  std::string notice_date;
  bool quiet = false;
};

struct CheckArgs {
  std::string round;
  std::optional<std::string> policy;
  std::string json_out;
};

int report_errors(const Diagnostics& diags, std::ostream& err) {
  for (const auto& d : diags) err << to_string(d) << '\n';
  err << diags.size() << (diags.size() == 1 ? " error" : " errors") << "; nothing was written\n";
  return kBadInput;
}

reports::RunInfo run_info(const importers::Loaded& loaded, const std::string& notice_date = {}) {
  reports::RunInfo run{kVersion, {}, {}};
  for (const auto& f : loaded.files) run.inputs.push_back({f.role, f.path, f.sha256});
  if (!notice_date.empty()) run.notice_date = parse_iso_date(notice_date);
  return run;
}

// Writes the files asked for (result.json, DIR/award.xlsx) as one: all are
// written in full before any replaces an earlier one. Returns an error
// message or "".
std::string write_outputs(const EvaluateArgs& a, const Evaluation& ev,
                          const importers::Loaded& loaded) {
  StagedFiles files;
  const reports::RunInfo run = run_info(loaded, a.notice_date);
  if (!a.json_out.empty()) {
    const std::string json = reports::result_json(ev, run);
    std::string problem = files.stage(a.json_out, [&](const std::string& tmp) {
      return write_file(tmp, json) ? std::string() : "cannot write " + a.json_out;
    });
    if (!problem.empty()) return problem;
  }
  if (!a.report_dir.empty()) {
    const std::string path = (std::filesystem::path(a.report_dir) / "award.xlsx").string();
    std::string problem = files.stage(path, [&](const std::string& tmp) {
      return reports::write_award_workbook(ev, loaded.inputs, run, tmp).value_or(std::string());
    });
    if (!problem.empty()) return problem;
  }
  return files.commit();
}

int evaluate_command(const EvaluateArgs& a, std::ostream& out, std::ostream& err) {
  importers::LoadRequest req = a.req;
  req.threads = a.options.threads;
  const importers::Loaded loaded = importers::load_inputs(req);
  if (!loaded.errors.empty()) {
    // Report the other files' problems too, not only the first failing file's.
    Diagnostics all = loaded.errors;
    if (loaded.round_ok) {
      const Diagnostics more = validate(loaded.inputs, loaded.bids_complete);
      all.insert(all.end(), more.begin(), more.end());
    }
    return report_errors(all, err);
  }
  auto ev = evaluate(loaded.inputs, a.options);
  if (!ev) return report_errors(ev.errors(), err);
  const std::string problem = write_outputs(a, ev.value(), loaded);
  if (!problem.empty()) {
    err << "tender: " << problem << '\n';
    return kInternal;
  }
  if (a.quiet) return kOk;
  out << reports::console_summary(ev.value());
  if (!a.json_out.empty() || !a.report_dir.empty()) out << '\n';
  if (!a.json_out.empty()) out << "Wrote " << a.json_out << '\n';
  if (!a.report_dir.empty()) {
    out << "Wrote " << (std::filesystem::path(a.report_dir) / "award.xlsx").string() << '\n';
  }
  return kOk;
}

int check_command(const CheckArgs& a, std::ostream& out, std::ostream& err) {
  auto loaded = importers::load_round(a.round, a.policy);
  if (!loaded) return report_errors(loaded.errors(), err);
  auto ev = check_round(loaded->inputs.round, loaded->inputs.policy);
  if (!ev) return report_errors(ev.errors(), err);
  if (!a.json_out.empty()) {
    const std::string problem =
        write_atomically(a.json_out, reports::check_json(ev.value(), run_info(loaded.value())));
    if (!problem.empty()) {
      err << "tender: " << problem << '\n';
      return kInternal;
    }
  }
  out << reports::console_check(ev.value());
  return ev->flags.empty() ? kOk : kFlagged;
}

void add_evaluate(CLI::App& app, EvaluateArgs& a) {
  auto* cmd = app.add_subcommand("evaluate", "Evaluate a bid round (EVALUATION.md §2-§9)");
  cmd->add_option("round", a.req.round, "round.xml")->required();
  cmd->add_option("--bids", a.req.bids, "bid files (.xml, .xlsx) and folders of them")->required();
  cmd->add_option("--scores", a.req.scores, "evaluators' scores (.csv or .xlsx)");
  cmd->add_option("--moderation", a.req.moderation, "moderation entries (.csv or .xlsx)");
  cmd->add_option("--decisions", a.req.decisions, "decisions on gates and ALT (.csv or .xlsx)");
  cmd->add_option("--policy", a.req.policy, "barrier policy (policy.xml)");
  cmd->add_option("--json", a.json_out, "write result.json here");
  cmd->add_option("--report", a.report_dir,
                  "write the award report workbook to DIR/award.xlsx (DIR is created)");
  cmd->add_option("--smaa-draws", a.options.smaa_draws, "SMAA weight draws (default 10000)")
      ->check(CLI::Range(0L, 100000000L));
  cmd->add_option("--seed", a.options.seed, "SMAA seed (default 1)");
  cmd->add_option("--kappa", a.options.kappa, "SMAA Dirichlet concentration (default 100)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--threads", a.options.threads,
                  "threads for reading bid files and for SMAA (default: all cores); results do not "
                  "depend on it");
  cmd->add_option("--notice-date", a.notice_date,
                  "day the contract award notice is published (YYYY-MM-DD); the assessment "
                  "summaries count the standstill period from it")
      ->check([](const std::string& text) {
        return parse_iso_date(text) ? std::string() : "not a date of the form YYYY-MM-DD: " + text;
      });
  cmd->add_flag("--quiet", a.quiet, "print nothing on success");
}

void add_check(CLI::App& app, CheckArgs& a) {
  auto* cmd = app.add_subcommand(
      "check", "Check a round before publication: barriers, alignment (exit 3 when flagged)");
  cmd->add_option("round", a.round, "round.xml")->required();
  cmd->add_option("--policy", a.policy, "barrier policy (policy.xml)");
  cmd->add_option("--json", a.json_out, "write the findings as JSON here");
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"tender: fair, transparent evaluation of public tenders", "tender"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  EvaluateArgs eval;
  CheckArgs check;
  add_evaluate(app, eval);
  add_check(app, check);
  TemplateArgs tmpl;
  ScoreSheetArgs sheet;
  add_template(app, tmpl);
  add_score_sheet(app, sheet);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kOk;
  } catch (const CLI::CallForVersion&) {
    out << kVersion << '\n';
    return kOk;
  } catch (const CLI::ParseError& e) {
    err << "tender: " << e.what() << "\nRun 'tender --help' for usage.\n";
    return kBadInput;
  }
  try {
    if (app.got_subcommand("evaluate")) return evaluate_command(eval, out, err);
    if (app.got_subcommand("check")) return check_command(check, out, err);
    if (app.got_subcommand("template")) return template_command(tmpl, out, err);
    if (app.got_subcommand("score-sheet")) return score_sheet_command(sheet, out, err);
  } catch (const std::exception& e) {
    err << "tender: internal error: " << e.what() << '\n';
    return kInternal;
  }
  return kInternal;
}

}  // namespace tender::cli
