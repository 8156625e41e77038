// `tender` commands: evaluate, check, template, score-sheet.
#include "tender/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "bundle_command.hpp"
#include "common.hpp"
#include "files.hpp"
#include "import_notice_command.hpp"
#include "score_sheet_command.hpp"
#include "template_command.hpp"
#include "tender/engine/calendar.hpp"
#include "tender/engine/date.hpp"
#include "tender/engine/evaluation.hpp"
#include "tender/importers/load.hpp"
#include "tender/reports/console.hpp"
#include "tender/reports/html.hpp"
#include "tender/reports/json.hpp"
#include "tender/reports/ocds.hpp"
#include "tender/reports/summaries.hpp"
#include "tender/reports/xlsx.hpp"
#include "workspace_command.hpp"

namespace tender::cli {
namespace {

struct EvaluateArgs {
  importers::LoadRequest req;
  std::string json_out;
  std::string report_dir;
  Options options;
  std::string notice_date;
  HolidayCalendar holidays = HolidayCalendar::england_wales;
  std::string db;  // evaluate the workspace's files instead of named ones
  std::string user;
  std::string reason;
  reports::OcdsOptions ocds;
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

// Stages `text` to be written at `path`; returns an error message or "".
std::string stage_text(StagedFiles& files, const std::string& path, const std::string& text) {
  return files.stage(path, [&](const std::string& tmp) {
    return write_file(tmp, text) ? std::string() : "cannot write " + path;
  });
}

// Stages DIR/summaries/<bid>.html, one assessment summary per bid.
std::string stage_summaries(StagedFiles& files, const std::string& dir, const Evaluation& ev,
                            const Inputs& inputs, const reports::RunInfo& run) {
  for (const auto& s : reports::assessment_summaries(ev, inputs, run)) {
    const std::string path = (std::filesystem::path(dir) / "summaries" / s.file_name).string();
    std::string problem = stage_text(files, path, s.html);
    if (!problem.empty()) return problem;
  }
  return {};
}

// Stages the report folder: award.xlsx, award.html, summaries/<bid>.html
// and ocds-release.json. Returns an error message or "".
std::string stage_report(StagedFiles& files, const EvaluateArgs& a, const Evaluation& ev,
                         const importers::Loaded& loaded, const reports::RunInfo& run) {
  const std::filesystem::path dir(a.report_dir);
  const std::string workbook = (dir / "award.xlsx").string();
  std::string problem = files.stage(workbook, [&](const std::string& tmp) {
    return reports::write_award_workbook(ev, loaded.inputs, run, tmp).value_or(std::string());
  });
  if (problem.empty()) {
    problem = stage_text(files, (dir / "award.html").string(),
                         reports::award_html(ev, loaded.inputs, run));
  }
  if (problem.empty()) problem = stage_summaries(files, a.report_dir, ev, loaded.inputs, run);
  if (problem.empty()) {
    problem = stage_text(files, (dir / "ocds-release.json").string(),
                         reports::ocds_release_package(ev, loaded.inputs, run, a.ocds));
  }
  return problem;
}

// Writes the files asked for (result.json; the report folder) as one: all
// are written in full before any replaces an earlier one. Returns an error
// message or "".
// `before_commit` runs when every file is staged and before any is renamed
// into place (recording the evaluation in a workspace); an error from it
// leaves every earlier file as it was.
std::string write_outputs(const EvaluateArgs& a, const Evaluation& ev,
                          const importers::Loaded& loaded,
                          const std::function<std::string()>& before_commit) {
  StagedFiles files;
  const reports::RunInfo run = run_info(loaded, a.notice_date, a.holidays);
  std::string problem;
  if (!a.json_out.empty()) problem = stage_text(files, a.json_out, reports::result_json(ev, run));
  if (problem.empty() && !a.report_dir.empty()) problem = stage_report(files, a, ev, loaded, run);
  if (problem.empty()) problem = before_commit();
  return problem.empty() ? files.commit() : problem;
}

// The evaluation as the workspace's audit log records it: result.json's
// hash and the options that shaped it.
std::string evaluation_detail(const EvaluateArgs& a) {
  return nlohmann::json{{"smaa_draws", a.options.smaa_draws},
                        {"seed", a.options.seed},
                        {"kappa", a.options.kappa},
                        {"engine", kVersion}}
      .dump();
}

// Opens the workspace named by --db and reads its files into `req`.
// On failure `status` is the exit status: 2 when --db names no usable
// workspace, 1 when the machine refused (busy, read-only).
std::optional<store::Workspace> open_for_evaluation(const EvaluateArgs& a,
                                                    importers::LoadRequest& req, int& status,
                                                    std::ostream& err) {
  status = kBadInput;
  auto opened = store::Workspace::open(a.db);
  if (auto* e = std::get_if<store::Error>(&opened)) {
    err << "tender: " << e->message << '\n';
    status = status_of(*e);
    return std::nullopt;
  }
  auto files = workspace_files(std::get<store::Workspace>(opened));
  if (auto* message = std::get_if<std::string>(&files)) {
    err << "tender: " << *message << '\n';
    return std::nullopt;
  }
  req = std::get<WorkspaceFiles>(files).request;
  return std::move(std::get<store::Workspace>(opened));
}

int evaluate_command(const EvaluateArgs& a, std::ostream& out, std::ostream& err) {
  importers::LoadRequest req = a.req;
  std::optional<store::Workspace> ws;
  if (!a.db.empty()) {
    if (!req.round.empty() || !req.bids.empty() || !req.scores.empty() || req.moderation ||
        req.decisions || req.policy) {
      err << "tender: evaluate takes either --db or the files, not both\n";
      return kBadInput;
    }
    int status = kBadInput;
    ws = open_for_evaluation(a, req, status, err);
    if (!ws) return status;
  } else if (req.round.empty() || req.bids.empty()) {
    err << "tender: evaluate needs round.xml and --bids (or --db WORKSPACE)\n"
           "Run 'tender evaluate --help' for usage.\n";
    return kBadInput;
  }
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
  // With --db the evaluation is recorded before any output replaces an
  // earlier one, so no report exists without its audit entry.
  const auto record = [&]() -> std::string {
    if (!ws) return {};
    const std::string json = reports::result_json(ev.value(), run_info(loaded, a.notice_date));
    auto recorded = ws->record_evaluation(json, evaluation_detail(a), stamp_now(a.user, a.reason));
    const auto* e = std::get_if<store::Error>(&recorded);
    return e ? e->message : std::string();
  };
  const std::string problem = write_outputs(a, ev.value(), loaded, record);
  if (!problem.empty()) {
    err << "tender: " << problem << '\n';
    return kInternal;
  }
  if (a.quiet) return kOk;
  out << reports::console_summary(ev.value());
  if (!a.json_out.empty() || !a.report_dir.empty()) out << '\n';
  if (!a.json_out.empty()) out << "Wrote " << a.json_out << '\n';
  if (!a.report_dir.empty()) {
    const std::filesystem::path dir(a.report_dir);
    out << "Wrote " << (dir / "award.xlsx").string() << '\n';
    out << "Wrote " << (dir / "award.html").string() << '\n';
    out << "Wrote " << ev->bids.size() << " assessment summaries to "
        << (dir / "summaries").string() << '\n';
    out << "Wrote " << (dir / "ocds-release.json").string() << '\n';
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
  cmd->add_option("round", a.req.round, "round.xml (not with --db)");
  cmd->add_option("--bids", a.req.bids, "bid files (.xml, .xlsx) and folders of them");
  cmd->add_option("--db", a.db, "evaluate the files of this workspace and record the result in it");
  cmd->add_option("--user", a.user, "with --db: who runs it (default $TENDER_USER, else $USER)");
  cmd->add_option("--reason", a.reason, "with --db: why, for the audit log");
  cmd->add_option("--scores", a.req.scores,
                  "evaluators' scores (.csv or .xlsx); several files (one per evaluator) are read "
                  "as one");
  cmd->add_option("--moderation", a.req.moderation, "moderation entries (.csv or .xlsx)");
  cmd->add_option("--decisions", a.req.decisions, "decisions on gates and ALT (.csv or .xlsx)");
  cmd->add_option("--policy", a.req.policy, "barrier policy (policy.xml)");
  cmd->add_option("--json", a.json_out, "write result.json here");
  cmd->add_option("--report", a.report_dir,
                  "write the award report to DIR/award.xlsx and DIR/award.html, one assessment "
                  "summary per bid to DIR/summaries/<bid>.html and the award as open data to "
                  "DIR/ocds-release.json (DIR is created)");
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
  cmd->add_option("--holidays", a.holidays,
                  "bank holidays that are not working days in the standstill period: "
                  "england-wales (default) or uk (any part of the United Kingdom)")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, HolidayCalendar>{{"england-wales", HolidayCalendar::england_wales},
                                                 {"uk", HolidayCalendar::united_kingdom}}));
  cmd->add_option("--ocid-prefix", a.ocds.ocid_prefix,
                  "registered OCDS prefix for DIR/ocds-release.json (default ocds-xxxxxx-, a "
                  "placeholder)")
      ->check([](const std::string& text) {
        return reports::is_ocid_prefix(text) ? std::string()
                                             : "not of the form ocds-abc123-: " + text;
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
  WorkspaceArgs workspace;
  BundleArgs bundle;
  add_evaluate(app, eval);
  add_check(app, check);
  add_workspace_commands(app, workspace);
  add_bundle_commands(app, bundle);
  ImportNoticeArgs notice;
  add_import_notice(app, notice);
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
    if (auto status = run_workspace_command(app, workspace, out, err)) return *status;
    if (auto status = run_bundle_command(app, bundle, out, err)) return *status;
    if (app.got_subcommand("import-notice")) return import_notice_command(notice, out, err);
    if (app.got_subcommand("template")) return template_command(tmpl, out, err);
    if (app.got_subcommand("score-sheet")) return score_sheet_command(sheet, out, err);
  } catch (const std::exception& e) {
    err << "tender: internal error: " << e.what() << '\n';
    return kInternal;
  }
  return kInternal;
}

}  // namespace tender::cli
