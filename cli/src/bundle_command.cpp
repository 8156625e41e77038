// `tender bundle export` and `tender verify`.
#include "bundle_command.hpp"

#include <cerrno>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <system_error>

#include "common.hpp"
#include "files.hpp"
#include "tender/engine/evaluation.hpp"
#include "tender/importers/parse.hpp"
#include "tender/store/workspace.hpp"
#include "workspace_command.hpp"

namespace tender::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kMaxDifferencesShown = 200;

// Where the input recorded as `name` lives inside a bundle: under inputs/,
// with any leading '/' dropped and ".." segments neutralised, so a bundle
// never writes or reads outside itself.
std::string bundle_path(const std::string& name) {
  std::string out = "inputs";
  for (const auto& part : fs::path(name).relative_path()) {
    const std::string s = part.string();
    if (s.empty() || s == ".") continue;
    out += "/" + (s == ".." ? std::string("_") : s);
  }
  return out;
}

// A file of a bundle, or why it was not read.
struct BundleFile {
  std::optional<std::string> bytes;
  bool missing = false;  // nothing there; else `problem` says why it was refused
  std::string problem;   // completes "NAME ...": "is outside the bundle", ...
};

// Reads `name` (as SHA256SUMS or bundle_path gives it) from the bundle folder
// `dir`, only when it is relative, has no ".." component, passes no symbolic
// link, is a regular file and is at most importers::kMaxFileBytes: a bundle
// never makes `verify` read /dev/zero, /etc/... or a file outside it.
BundleFile read_in_bundle(const fs::path& dir, const std::string& name) {
  const fs::path rel(name);
  if (name.empty() || rel.has_root_path()) return {std::nullopt, false, "is outside the bundle"};
  fs::path at = dir;
  for (const auto& part : rel) {
    if (part == "..") return {std::nullopt, false, "is outside the bundle"};
    if (part.empty() || part == ".") continue;
    at /= part;
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(at, ec);
    if (fs::is_symlink(st)) {
      return {std::nullopt, false, "is not a regular file (a symbolic link)"};
    }
    if (ec || !fs::exists(st)) return {std::nullopt, true, "is missing"};
  }
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(at, ec))) {
    return {std::nullopt, false, "is not a regular file"};
  }
  auto src = importers::read_source(at.string());
  if (!src) {
    const Diagnostics& why = src.errors();
    return {std::nullopt, false,
            why.empty() ? "cannot be read" : "cannot be read: " + why[0].message};
  }
  return {std::move(src.value().bytes), false, {}};
}

constexpr const char* kReadme =
    "This folder is a tender evaluation bundle: every input of one evaluation,\n"
    "its result.json, and a manifest of SHA-256 hashes.\n\n"
    "To check it: tender verify THIS-FOLDER\n"
    "  re-runs the evaluation from inputs/ with the options in manifest.json and\n"
    "  says 'identical', or lists every file changed and every number that moved.\n"
    "To check the hashes alone: sha256sum -c SHA256SUMS (from inside this folder).\n";

// Files of the bundle, path -> bytes, in the order written.
using Files = std::vector<std::pair<std::string, std::string>>;

// Why the inputs could not be collected, and the exit status for it.
struct CollectProblem {
  std::string message;
  int status = kBadInput;
};

std::optional<CollectProblem> collect_inputs(const store::Workspace& ws, const json& result,
                                             Files& files) {
  for (const json& input : result.at("inputs")) {
    const std::string name = input.at("file").get<std::string>();
    const std::string sha = input.at("sha256").get<std::string>();
    auto found = ws.find_file(name, sha);
    if (auto* e = std::get_if<store::Error>(&found))
      return CollectProblem{e->message, status_of(*e)};
    const auto& bytes = std::get<std::optional<std::string>>(found);
    if (!bytes) {
      return CollectProblem{ws.path() + ": the evaluated file " + name + " is no longer stored",
                            kBadInput};
    }
    files.emplace_back(bundle_path(name), *bytes);
  }
  return std::nullopt;
}

std::string sums(const Files& files) {
  std::string out;
  for (const auto& [path, bytes] : files) out += importers::sha256_hex(bytes) + "  " + path + "\n";
  return out;
}

int export_command(const BundleArgs& a, std::ostream& out, std::ostream& err) {
  auto opened = store::Workspace::open(a.db, 5000, store::Workspace::Access::read_only);
  if (auto* e = std::get_if<store::Error>(&opened)) {
    err << "tender: " << e->message << '\n';
    return status_of(*e);
  }
  const store::Workspace& ws = std::get<store::Workspace>(opened);
  // A bundle vouches for what it holds: never export from a workspace that
  // does not verify (its manifest would name a head that proves nothing).
  auto checked = ws.verify();
  if (auto* e = std::get_if<store::Error>(&checked)) {
    err << "tender: " << e->message << '\n';
    return status_of(*e);
  }
  const auto& verified = std::get<store::Workspace::Verification>(checked);
  if (!verified.problems.empty()) {
    for (const auto& p : verified.problems) out << a.db << ": " << p.message << '\n';
    out << a.db << ": the workspace was changed outside tender; no bundle was written "
        << "(run 'tender audit verify')\n";
    return kFlagged;
  }
  auto latest = ws.latest_evaluation();
  auto head = ws.audit_head();
  if (auto* e = std::get_if<store::Error>(&latest))
    return err << "tender: " << e->message << '\n', status_of(*e);
  if (auto* e = std::get_if<store::Error>(&head))
    return err << "tender: " << e->message << '\n', status_of(*e);
  const auto& ev = std::get<store::Workspace::Evaluation>(latest);
  if (ev.result_json.empty()) {
    err << "tender: " << a.db << ": no evaluation yet; run 'tender evaluate --db " << a.db
        << "' first\n";
    return kBadInput;
  }
  const json result = json::parse(ev.result_json);
  const json detail = json::parse(ev.detail);
  Files files;
  if (auto problem = collect_inputs(ws, result, files)) {
    err << "tender: " << problem->message << '\n';
    return problem->status;
  }
  bool default_policy = true;
  for (const json& input : result.at("inputs"))
    default_policy &= input.value("role", "") != "policy";
  if (default_policy) files.emplace_back("policy.xml", importers::default_policy_xml());
  files.emplace_back("result.json", ev.result_json);
  json manifest{
      {"bundle", 1},
      {"engine", {{"name", "tender"}, {"version", kVersion}}},
      {"options",
       {{"smaa_draws", detail.value("smaa_draws", json())},
        {"seed", detail.value("seed", json())},
        {"kappa", detail.value("kappa", json())}}},
      {"inputs", result.at("inputs")},
      {"policy", default_policy ? "policy.xml: the engine's built-in default, for reference"
                                : "one of the inputs"},
      {"result_sha256", importers::sha256_hex(ev.result_json)},
      {"audit", {{"entry", ev.audit_seq}, {"head", std::get<store::AuditHead>(head).hash}}}};
  files.emplace_back("manifest.json", manifest.dump(2) + "\n");
  files.emplace_back("README.txt", kReadme);
  const std::string checksums = sums(files);
  files.emplace_back("SHA256SUMS", checksums);

  // "out/" names the folder "out": the temporary folder is "out.tmp-bundle"
  // beside it, not inside it.
  std::string target = a.out;
  while (target.size() > 1 && target.back() == '/') target.pop_back();
  std::error_code ec;
  if (target.empty() || fs::exists(fs::symlink_status(target, ec))) {
    err << "tender: " << a.out << ": already exists; a bundle is written to a new folder\n";
    return kBadInput;
  }
  const fs::path tmp = target + ".tmp-bundle";
  fs::remove_all(tmp, ec);
  for (const auto& [path, bytes] : files) {
    std::string why;
    fs::create_directories((tmp / path).parent_path(), ec);
    if (ec) {
      why = ec.message();
    } else {
      errno = 0;
      if (!write_file((tmp / path).string(), bytes)) {
        why = errno != 0 ? std::generic_category().message(errno) : "write failed";
      }
    }
    if (!why.empty()) {
      std::error_code ignored;
      fs::remove_all(tmp, ignored);
      err << "tender: cannot write " << (tmp / path).string() << ": " << why << '\n';
      return kInternal;
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    const std::string why = ec.message();
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    err << "tender: cannot create " << target << ": " << why << '\n';
    return kInternal;
  }
  out << "Wrote bundle " << target << " (" << files.size() << " files, evaluation of audit entry "
      << ev.audit_seq << ")\n";
  return kOk;
}

// The files SHA256SUMS lists whose bytes differ now (or that are gone).
std::vector<std::string> changed_files(const fs::path& dir) {
  std::vector<std::string> changed;
  const BundleFile listing = read_in_bundle(dir, "SHA256SUMS");
  if (!listing.bytes) return {"SHA256SUMS " + listing.problem};
  std::istringstream lines(*listing.bytes);
  std::string line;
  std::size_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    if (line.size() < 67 || (line[64] != ' ' || (line[65] != ' ' && line[65] != '*'))) {
      changed.push_back("SHA256SUMS line " + std::to_string(number) +
                        " is not 'SHA-256, two spaces, file name'");
      continue;
    }
    const std::string sha = line.substr(0, 64);
    const std::string path = line.substr(66);
    const BundleFile file = read_in_bundle(dir, path);
    if (file.missing) {
      changed.push_back(path + " is missing");
    } else if (!file.bytes) {
      changed.push_back("SHA256SUMS names " + path + ", which " + file.problem);
    } else if (importers::sha256_hex(*file.bytes) != sha) {
      changed.push_back(path + " was changed after export (SHA-256 differs)");
    }
  }
  return changed;
}

importers::LoadRequest bundle_request(const fs::path& dir, const json& manifest) {
  importers::LoadRequest req;
  for (const json& input : manifest.at("inputs")) {
    const std::string role = input.value("role", "");
    const std::string name = input.at("file").get<std::string>();
    if (role == "round") req.round = name;
    if (role == "policy") req.policy = name;
    if (role == "bid") req.bids.push_back(name);
    if (role == "scores") req.scores.push_back(name);
    if (role == "moderation") req.moderation = name;
    if (role == "decisions") req.decisions = name;
  }
  req.read = [dir](const std::string& name) -> Result<importers::SourceFile> {
    const BundleFile file = read_in_bundle(dir, bundle_path(name));
    if (file.missing) {
      return Diagnostics{
          {DiagCode::missing, {name, 0, {}, {}}, "not in the bundle (" + bundle_path(name) + ")"}};
    }
    if (!file.bytes) {
      return Diagnostics{
          {DiagCode::refused, {name, 0, {}, {}}, bundle_path(name) + " " + file.problem}};
    }
    return importers::SourceFile{name, *file.bytes, importers::sha256_hex(*file.bytes)};
  };
  return req;
}

// Reads the manifest's options into `o` with the command line's own limits
// (see add_evaluate); an absent or null option keeps its default. Returns
// what is wrong with the first bad option.
std::optional<std::string> bundle_options(const json& manifest, Options& o) {
  constexpr long kMaxDraws = 100000000;
  const json& opts = manifest.at("options");
  const auto given = [&](const char* key) { return opts.contains(key) && !opts[key].is_null(); };
  if (given("smaa_draws")) {
    const json& v = opts["smaa_draws"];
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > kMaxDraws) {
      return "options.smaa_draws must be a whole number from 0 to 100000000";
    }
    o.smaa_draws = v.get<long>();
  }
  if (given("seed")) {
    const json& v = opts["seed"];
    if (!v.is_number_unsigned()) return "options.seed must be a non-negative whole number";
    o.seed = v.get<unsigned long long>();
  }
  if (given("kappa")) {
    const json& v = opts["kappa"];
    if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() <= 0) {
      return "options.kappa must be a positive number";
    }
    o.kappa = v.get<double>();
  }
  return std::nullopt;
}

int verify_command(const BundleArgs& a, std::ostream& out, std::ostream& err) {
  const fs::path dir(a.bundle);
  const BundleFile manifest_file = read_in_bundle(dir, "manifest.json");
  const BundleFile recorded_file = read_in_bundle(dir, "result.json");
  if (!manifest_file.bytes || !recorded_file.bytes) {
    err << "tender: " << a.bundle << ": not a bundle (no manifest.json or result.json)\n";
    return kBadInput;
  }
  const std::string& recorded = *recorded_file.bytes;
  const json manifest = json::parse(*manifest_file.bytes, nullptr, false);
  bool usable = !manifest.is_discarded() && manifest.is_object() && manifest.contains("inputs") &&
                manifest["inputs"].is_array() && manifest.contains("options") &&
                manifest["options"].is_object();
  if (usable) {
    for (const json& input : manifest["inputs"]) {
      usable = usable && input.is_object() && input.contains("file") && input["file"].is_string() &&
               (!input.contains("role") || input["role"].is_string());
    }
  }
  if (!usable) {
    err << "tender: " << a.bundle << "/manifest.json: not a bundle manifest\n";
    return kBadInput;
  }
  Options options;
  if (auto bad = bundle_options(manifest, options)) {
    err << "tender: " << a.bundle << "/manifest.json: not a bundle manifest: " << *bad << '\n';
    return kBadInput;
  }
  const std::vector<std::string> changed = changed_files(dir);
  importers::LoadRequest req = bundle_request(dir, manifest);
  const importers::Loaded loaded = importers::load_inputs(req);
  Diagnostics problems = loaded.errors;
  if (problems.empty()) {
    auto ev = evaluate(loaded.inputs, options);
    if (!ev) problems = ev.errors();
    if (problems.empty()) {
      const std::string rerun = reports::result_json(ev.value(), run_info(loaded));
      const auto differences = json_differences(recorded, rerun);
      if (changed.empty() && rerun == recorded) {
        out << a.bundle << ": identical: re-running the evaluation gives result.json byte for byte"
            << " (SHA-256 " << importers::sha256_hex(rerun) << ")\n";
        return kOk;
      }
      for (const auto& c : changed) out << "changed file: " << c << '\n';
      std::size_t shown = 0;
      for (const auto& d : differences) {
        if (shown++ == kMaxDifferencesShown) {
          out << "... and " << differences.size() - kMaxDifferencesShown << " more differences\n";
          break;
        }
        out << "differs: " << d << '\n';
      }
      out << a.bundle << ": NOT identical: " << changed.size() << " changed files, "
          << differences.size() << " differences in result.json\n";
      return kFlagged;
    }
  }
  // Inputs missing from the bundle, or changed so that they no longer load:
  // a finding about the bundle (it does not re-run), not a wrong command.
  for (const auto& c : changed) out << "changed file: " << c << '\n';
  for (const auto& d : problems) out << "cannot re-run: " << to_string(d) << '\n';
  out << a.bundle << ": NOT identical: " << changed.size() << " changed files; the inputs cannot be"
      << " evaluated (" << problems.size() << " errors)\n";
  return kFlagged;
}

// The name an array element is matched by, e.g. "B03" for {"id": "B03"}.
std::optional<std::string> element_key(const json& e) {
  if (!e.is_object()) return std::nullopt;
  for (const char* k : {"id", "bid", "evaluator", "criterion", "code", "file"}) {
    if (e.contains(k) && e[k].is_string()) return e[k].get<std::string>();
  }
  return std::nullopt;
}

void diff(const json& a, const json& b, const std::string& path, std::vector<std::string>& out);

// "path[key]" and "path.key" (or "key" at the top).
std::string element_path(const std::string& path, const std::string& key) {
  std::string out = path;
  out += '[';
  out += key;
  out += ']';
  return out;
}

std::string member_path(const std::string& path, const std::string& key) {
  if (path.empty()) return key;
  std::string out = path;
  out += '.';
  out += key;
  return out;
}

// One line of the difference list: "at: what".
void note(std::vector<std::string>& out, std::string at, const std::string& what) {
  at += ": ";
  at += what;
  out.push_back(std::move(at));
}

void diff_by_position(const json& a, const json& b, const std::string& path,
                      std::vector<std::string>& out) {
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string at = element_path(path, std::to_string(i));
    if (i >= a.size()) {
      note(out, at, "(none) -> " + b[i].dump());
    } else if (i >= b.size()) {
      note(out, at, a[i].dump() + " -> (none)");
    } else {
      diff(a[i], b[i], at, out);
    }
  }
}

void diff_arrays(const json& a, const json& b, const std::string& path,
                 std::vector<std::string>& out) {
  // Matched by key only when every element of both sides has one, unique on
  // its side; duplicates (two flags with the same code) would collapse.
  bool keyed = !a.empty() || !b.empty();
  for (const json* side : {&a, &b}) {
    std::set<std::string> seen;
    for (const json& e : *side) {
      const auto k = element_key(e);
      keyed = keyed && k.has_value() && seen.insert(*k).second;
    }
  }
  if (!keyed) {
    diff_by_position(a, b, path, out);
    return;
  }
  std::map<std::string, const json*> by_key;
  for (const json& e : b) by_key[*element_key(e)] = &e;
  for (const json& e : a) {
    const std::string k = *element_key(e);
    const auto it = by_key.find(k);
    if (it == by_key.end()) {
      note(out, element_path(path, k), "removed");
    } else {
      diff(e, *it->second, element_path(path, k), out);
      by_key.erase(it);
    }
  }
  for (const auto& [k, e] : by_key) note(out, element_path(path, k), "added");
}

void diff(const json& a, const json& b, const std::string& path, std::vector<std::string>& out) {
  if (a.is_object() && b.is_object()) {
    for (const auto& [k, v] : a.items()) {
      if (b.contains(k)) {
        diff(v, b[k], member_path(path, k), out);
      } else {
        note(out, member_path(path, k), "removed");
      }
    }
    for (const auto& [k, v] : b.items()) {
      if (!a.contains(k)) note(out, member_path(path, k), "added " + v.dump());
    }
  } else if (a.is_array() && b.is_array()) {
    diff_arrays(a, b, path, out);
  } else if (a != b) {
    note(out, path, a.dump() + " -> " + b.dump());
  }
}

}  // namespace

std::vector<std::string> json_differences(const std::string& before, const std::string& after) {
  const json a = json::parse(before, nullptr, false);
  const json b = json::parse(after, nullptr, false);
  std::vector<std::string> out;
  diff(a, b, "", out);
  return out;
}

void add_bundle_commands(CLI::App& app, BundleArgs& a) {
  auto* bundle = app.add_subcommand("bundle", "Evaluation bundles for auditors");
  bundle->require_subcommand(1);
  auto* exp = bundle->add_subcommand(
      "export", "Write the latest evaluation's inputs, policy, result and SHA-256 manifest");
  exp->add_option("--db", a.db, "workspace file (default tender.db)");
  exp->add_option("-o,--out", a.out, "folder to create")->required();
  auto* verify = app.add_subcommand(
      "verify", "Re-run a bundle's evaluation: 'identical', or every difference (exit 3)");
  verify->add_option("bundle", a.bundle, "bundle folder")->required();
}

std::optional<int> run_bundle_command(const CLI::App& app, const BundleArgs& a, std::ostream& out,
                                      std::ostream& err) {
  if (app.got_subcommand("bundle")) return export_command(a, out, err);
  if (app.got_subcommand("verify")) return verify_command(a, out, err);
  return std::nullopt;
}

}  // namespace tender::cli
