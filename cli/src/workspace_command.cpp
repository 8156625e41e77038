// `tender init`, `import`, `status`, `audit verify`, `audit log`.
#include "workspace_command.hpp"

#include "common.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "tender/engine/evaluation.hpp"
#include "tender/importers/parse.hpp"

namespace tender::cli {
namespace {

using nlohmann::json;

int fail(const store::Error& e, std::ostream& err) {
  err << "tender: " << e.message << '\n';
  return status_of(e);
}

std::string number(double v) {
  json j = v;
  return j.dump();
}

// One row of a scores, moderation or decisions file, keyed for comparison.
using Rows = std::map<std::string, std::string>;

Rows keyed_rows(const std::string& role, const importers::SourceFile& src) {
  Rows rows;
  if (role == "scores") {
    if (auto s = importers::parse_scores(src)) {
      for (const Score& x : s.value())
        rows[x.bid + "/" + x.criterion + "/" + x.evaluator] = number(x.score);
    }
  } else if (role == "moderation") {
    if (auto m = importers::parse_moderation(src)) {
      for (const ModerationEntry& x : m.value())
        rows[x.bid + "/" + x.criterion] = number(x.score) + " (" + x.rationale + ")";
    }
  } else if (role == "decisions") {
    if (auto d = importers::parse_decisions(src)) {
      for (const Decision& x : d.value())
        rows[x.bid + "/" + x.subject] = x.decision + " (" + x.rationale + ")";
    }
  }
  return rows;
}

// The audit detail of importing `src` as `role`: for scores, moderation and
// decisions, every entry added, changed or removed since the version before.
json import_detail(const std::string& role, const importers::SourceFile& src,
                   const std::optional<importers::SourceFile>& before) {
  json detail = json::object();
  if (role != "scores" && role != "moderation" && role != "decisions") return detail;
  const Rows now = keyed_rows(role, src);
  const Rows was = before ? keyed_rows(role, *before) : Rows{};
  json changes = json::array();
  for (const auto& [key, value] : now) {
    const auto it = was.find(key);
    if (it == was.end()) {
      if (before) changes.push_back({{"entry", key}, {"to", value}});
    } else if (it->second != value) {
      changes.push_back({{"entry", key}, {"from", it->second}, {"to", value}});
    }
  }
  for (const auto& [key, value] : was) {
    if (!now.count(key)) changes.push_back({{"entry", key}, {"from", value}});
  }
  detail["entries"] = now.size();
  if (before) detail["changes"] = changes;
  return detail;
}

// The stored bytes of the current file named `name` with `role`, if any.
std::optional<importers::SourceFile> current_version(const store::Workspace& ws,
                                                     const std::string& role,
                                                     const std::string& name) {
  auto files = ws.current_files();
  if (!std::holds_alternative<std::vector<store::FileRecord>>(files)) return std::nullopt;
  for (const auto& f : std::get<std::vector<store::FileRecord>>(files)) {
    if (f.role != role || f.name != name) continue;
    auto bytes = ws.file_bytes(f.id);
    if (auto* b = std::get_if<std::string>(&bytes))
      return importers::SourceFile{name, *b, f.sha256};
  }
  return std::nullopt;
}

// True for a name that is relative, inside the current folder (no "..").
bool recordable_name(const std::string& name) {
  const std::filesystem::path p(name);
  if (p.is_absolute() || name.empty()) return false;
  for (const auto& part : p) {
    if (part == "..") return false;
  }
  return true;
}

// The name of a round the workspace holds under another name than `name`.
std::optional<std::string> other_round(const store::Workspace& ws, const std::string& name) {
  auto files = ws.current_files();
  if (!std::holds_alternative<std::vector<store::FileRecord>>(files)) return std::nullopt;
  for (const auto& f : std::get<std::vector<store::FileRecord>>(files)) {
    if (f.role == "round" && f.name != name) return f.name;
  }
  return std::nullopt;
}

// Problems of `src` read as `role` (the parser's diagnostics).
Diagnostics check_as(const std::string& role, const importers::SourceFile& src) {
  const auto errors = [](const auto& r) { return r ? Diagnostics{} : r.errors(); };
  if (role == "round") return errors(importers::parse_round(src));
  if (role == "bid") return errors(importers::parse_bid(src));
  if (role == "policy") return errors(importers::parse_policy(src));
  if (role == "scores") return errors(importers::parse_scores(src));
  if (role == "moderation") return errors(importers::parse_moderation(src));
  if (role == "decisions") return errors(importers::parse_decisions(src));
  return {{DiagCode::invalid, {src.path, 0, {}, {}}, "unknown role '" + role + "'"}};
}

// What importing one file came to.
enum class Imported { yes, bad_input, store_failed };

// Imports one file, printing why when it was not.
Imported import_one(store::Workspace& ws, const std::string& path, const WorkspaceArgs& a,
                    std::ostream& out, std::ostream& err) {
  auto src = importers::read_source(path);
  if (!src) {
    for (const auto& d : src.errors()) err << to_string(d) << '\n';
    return Imported::bad_input;
  }
  importers::SourceFile file = std::move(src.value());
  file.path = std::filesystem::path(path).lexically_normal().generic_string();
  if (!recordable_name(file.path)) {
    err << file.path
        << ": error: give a path inside the current folder (not absolute, no '..'): the name "
           "recorded must be the one a plain 'tender evaluate' from this folder would use\n";
    return Imported::bad_input;
  }
  const std::optional<std::string> role =
      a.role.empty() ? importers::detect_role(file) : std::optional<std::string>(a.role);
  if (!role) {
    err << file.path
        << ": error: cannot tell what this file is (not a round, bid, policy, scores, "
           "moderation or decisions file); give --role\n";
    return Imported::bad_input;
  }
  const Diagnostics problems = check_as(*role, file);
  if (!problems.empty()) {
    for (const auto& d : problems) err << to_string(d) << '\n';
    err << file.path << ": not imported (" << problems.size() << " problems)\n";
    return Imported::bad_input;
  }
  if (*role == "round") {
    if (auto other = other_round(ws, file.path)) {
      err << file.path << ": error: the workspace already holds the round " << *other
          << "; a workspace holds one round (re-import " << *other << " itself to change it)\n";
      return Imported::bad_input;
    }
  }
  const auto before = current_version(ws, *role, file.path);
  if (before && before->sha256 == file.sha256) {
    out << "unchanged " << file.path << " (the same bytes are already imported)\n";
    return Imported::yes;
  }
  const json detail = import_detail(*role, file, before);
  auto got =
      ws.import_file({*role, file.path, file.bytes, detail.dump()}, stamp_now(a.user, a.reason));
  if (auto* e = std::get_if<store::Error>(&got)) {
    err << "tender: " << e->message << '\n';
    return Imported::store_failed;
  }
  out << "imported " << file.path << " as " << *role << '\n';
  return Imported::yes;
}

int import_command(const WorkspaceArgs& a, std::ostream& out, std::ostream& err) {
  auto opened = store::Workspace::open(a.db);
  if (auto* e = std::get_if<store::Error>(&opened)) return fail(*e, err);
  store::Workspace& ws = std::get<store::Workspace>(opened);
  Diagnostics missing;
  std::vector<std::string> paths;
  for (const std::string& p : a.files) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      const auto found = importers::expand_bid_paths({p}, missing);
      paths.insert(paths.end(), found.begin(), found.end());
    } else {
      paths.push_back(p);
    }
  }
  for (const auto& d : missing) err << to_string(d) << '\n';
  std::size_t failed = missing.size();
  bool store_failed = false;
  for (const std::string& p : paths) {
    const Imported got = import_one(ws, p, a, out, err);
    failed += got == Imported::yes ? 0U : 1U;
    store_failed = store_failed || got == Imported::store_failed;
  }
  if (failed == 0) return kOk;
  err << failed << (failed == 1 ? " file" : " files")
      << " not imported; the others were, each whole\n";
  return store_failed ? kInternal : kBadInput;
}

int init_command(const WorkspaceArgs& a, std::ostream& out, std::ostream& err) {
  auto made = store::Workspace::create(a.db, stamp_now(a.user, a.reason));
  if (auto* e = std::get_if<store::Error>(&made)) return fail(*e, err);
  out << "Created workspace " << a.db << '\n';
  return kOk;
}

int verify_command(const WorkspaceArgs& a, std::ostream& out, std::ostream& err) {
  auto opened = store::Workspace::open(a.db, 5000, store::Workspace::Access::read_only);
  if (auto* e = std::get_if<store::Error>(&opened)) return fail(*e, err);
  auto checked = std::get<store::Workspace>(opened).verify();
  if (auto* e = std::get_if<store::Error>(&checked)) return fail(*e, err);
  const auto& v = std::get<store::Workspace::Verification>(checked);
  std::vector<store::AuditProblem> problems = v.problems;
  if (!a.head.empty() && a.head != v.head.hash) {
    bool found = false;
    for (const auto& e : v.entries) found = found || e.hash == a.head;
    problems.push_back({0, found ? "the head you gave (" + a.head.substr(0, 12) +
                                       "...) is an earlier entry: the log was extended since"
                                 : "the head you gave (" + a.head.substr(0, 12) +
                                       "...) is not in this log: it was rewritten or is another "
                                       "workspace"});
  }
  if (problems.empty()) {
    out << a.db << ": intact: " << v.head.count << " audit entries, head " << v.head.hash << '\n';
    return kOk;
  }
  for (const auto& p : problems) out << a.db << ": " << p.message << '\n';
  out << problems.size() << (problems.size() == 1 ? " problem" : " problems")
      << ": the workspace was changed outside tender\n";
  return kFlagged;
}

// `text` with control characters shown as \n, \t or \xHH, so a file name
// or reason cannot forge lines of the log.
std::string printable(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

int log_command(const WorkspaceArgs& a, std::ostream& out, std::ostream& err) {
  auto opened = store::Workspace::open(a.db, 5000, store::Workspace::Access::read_only);
  if (auto* e = std::get_if<store::Error>(&opened)) return fail(*e, err);
  auto log = std::get<store::Workspace>(opened).audit_log();
  if (auto* e = std::get_if<store::Error>(&log)) return fail(*e, err);
  for (const auto& e : std::get<std::vector<store::AuditEntry>>(log)) {
    out << e.seq << "  " << printable(e.at) << "  " << printable(e.actor) << "  "
        << printable(e.action);
    if (!e.subject.empty()) out << "  " << printable(e.subject);
    if (!e.reason.empty()) out << "  (" << printable(e.reason) << ")";
    out << "\n    " << printable(e.detail) << "\n    hash " << printable(e.hash) << '\n';
  }
  return kOk;
}

// Scores by evaluator: "aisha: 24 scores".
void print_evaluators(const Inputs& inputs, std::ostream& out) {
  std::map<std::string, std::size_t> by;
  for (const Score& s : inputs.scores) ++by[s.evaluator];
  for (const auto& [who, n] : by) out << "  " << who << ": " << n << " scores\n";
}

// The history of evaluations: one line per "evaluate" audit entry.
void print_evaluations(const store::Workspace& ws, std::ostream& out) {
  auto log = ws.audit_log();
  if (!std::holds_alternative<std::vector<store::AuditEntry>>(log)) return;
  bool any = false;
  for (const auto& e : std::get<std::vector<store::AuditEntry>>(log)) {
    if (e.action != "evaluate") continue;
    if (!any) out << "Evaluations:\n";
    any = true;
    const json detail = json::parse(e.detail, nullptr, false);
    const std::string sha =
        detail.is_object() ? detail.value("result_sha256", std::string()) : std::string();
    out << "  entry " << e.seq << "  " << e.at << "  " << e.actor << "  result "
        << sha.substr(0, 12) << '\n';
  }
}

int status_command(const WorkspaceArgs& a, std::ostream& out, std::ostream& err) {
  auto opened = store::Workspace::open(a.db, 5000, store::Workspace::Access::read_only);
  if (auto* e = std::get_if<store::Error>(&opened)) return fail(*e, err);
  const store::Workspace& ws = std::get<store::Workspace>(opened);
  auto files = ws.current_files();
  if (auto* e = std::get_if<store::Error>(&files)) return fail(*e, err);
  out << "Workspace " << a.db << '\n';
  for (const auto& f : std::get<std::vector<store::FileRecord>>(files)) {
    out << "  " << f.role << "  " << f.name << "  " << f.sha256.substr(0, 12) << "  (entry "
        << f.audit_seq << ")\n";
  }
  print_evaluations(ws, out);
  auto request = workspace_files(ws);
  if (auto* message = std::get_if<std::string>(&request)) {
    out << "To do: " << *message << '\n';
    return kOk;
  }
  const importers::Loaded loaded =
      importers::load_inputs(std::get<WorkspaceFiles>(request).request);
  out << "Scores by evaluator:\n";
  print_evaluators(loaded.inputs, out);
  Diagnostics todo = loaded.errors;
  if (loaded.round_ok) {
    const Diagnostics more = validate(loaded.inputs, loaded.bids_complete);
    todo.insert(todo.end(), more.begin(), more.end());
  }
  if (todo.empty()) {
    out << "Ready to evaluate: tender evaluate --db " << a.db << '\n';
    return kOk;
  }
  out << "To do before evaluating (" << todo.size() << "):\n";
  for (const auto& d : todo) out << "  " << to_string(d) << '\n';
  return kOk;
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

}  // namespace

int status_of(const store::Error& e) {
  switch (e.fault) {
    case store::Fault::exists:
    case store::Fault::not_workspace:
    case store::Fault::version:
      return kBadInput;
    default:
      return kInternal;
  }
}

store::Stamp stamp_now(const std::string& user, const std::string& reason) {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char at[32];
  std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &utc);
  const std::string who =
      !user.empty() ? user : env_or("TENDER_USER", env_or("USER", env_or("LOGNAME", "unknown")));
  return {who, at, reason};
}

std::variant<WorkspaceFiles, std::string> workspace_files(const store::Workspace& ws) {
  auto files = ws.current_files();
  if (auto* e = std::get_if<store::Error>(&files)) return e->message;
  WorkspaceFiles out;
  auto bytes = std::make_shared<std::map<std::string, std::string>>();
  std::vector<std::string> rounds;
  importers::LoadRequest& req = out.request;
  for (const auto& f : std::get<std::vector<store::FileRecord>>(files)) {
    auto got = ws.file_bytes(f.id);
    if (auto* e = std::get_if<store::Error>(&got)) return e->message;
    (*bytes)[f.name] = std::move(std::get<std::string>(got));
    if (f.role == "round") rounds.push_back(f.name);
    if (f.role == "policy") req.policy = f.name;
    if (f.role == "bid") req.bids.push_back(f.name);
    if (f.role == "scores") req.scores.push_back(f.name);
    if (f.role == "moderation") req.moderation = f.name;
    if (f.role == "decisions") req.decisions = f.name;
  }
  if (rounds.size() != 1) {
    return ws.path() + (rounds.empty() ? ": no round imported yet; import round.xml first"
                                       : ": more than one round imported; a workspace holds one");
  }
  req.round = rounds.front();
  req.read = [bytes](const std::string& name) -> Result<importers::SourceFile> {
    const auto it = bytes->find(name);
    if (it == bytes->end()) {
      return Diagnostics{{DiagCode::missing, {name, 0, {}, {}}, "not in the workspace"}};
    }
    return importers::SourceFile{name, it->second, importers::sha256_hex(it->second)};
  };
  out.bytes = bytes;
  return out;
}

void add_workspace_commands(CLI::App& app, WorkspaceArgs& a) {
  const auto common = [&a](CLI::App* cmd) {
    cmd->add_option("--db", a.db, "workspace file (default tender.db)");
  };
  const auto who = [&a](CLI::App* cmd) {
    cmd->add_option("--user", a.user, "who is acting (default $TENDER_USER, else $USER)");
    cmd->add_option("--reason", a.reason, "why, for the audit log");
  };
  auto* init = app.add_subcommand("init", "Create a workspace (one SQLite file)");
  common(init);
  who(init);
  auto* import = app.add_subcommand(
      "import", "Import files into the workspace, each whole or not at all (role from content)");
  import
      ->add_option("files", a.files,
                   "round, bid, policy, scores, moderation, decisions files; "
                   "folders of bids")
      ->required();
  import->add_option("--role", a.role, "treat every file as this role instead of detecting it")
      ->check(CLI::IsMember({"round", "bid", "policy", "scores", "moderation", "decisions"}));
  common(import);
  who(import);
  auto* status = app.add_subcommand("status", "What is imported, and what is missing");
  common(status);
  auto* audit = app.add_subcommand("audit", "The audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify", "Check the hash chain and every stored file (exit 3 when changed)");
  common(verify);
  verify->add_option("--head", a.head,
                     "the head hash kept from an earlier verify or a bundle: the log must still "
                     "end there");
  auto* log = audit->add_subcommand("log", "Print the audit log");
  common(log);
}

std::optional<int> run_workspace_command(const CLI::App& app, const WorkspaceArgs& a,
                                         std::ostream& out, std::ostream& err) {
  if (app.got_subcommand("init")) return init_command(a, out, err);
  if (app.got_subcommand("import")) return import_command(a, out, err);
  if (app.got_subcommand("status")) return status_command(a, out, err);
  if (app.got_subcommand("audit")) {
    const CLI::App* audit = app.get_subcommand("audit");
    if (audit->got_subcommand("verify")) return verify_command(a, out, err);
    if (audit->got_subcommand("log")) return log_command(a, out, err);
  }
  return std::nullopt;
}

}  // namespace tender::cli
