// `tender bundle export` and `tender verify`.
#include "bundle_command.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common.hpp"
#include "files.hpp"
#include "tender/engine/evaluation.hpp"
#include "tender/importers/parse.hpp"
#include "tender/store/workspace.hpp"

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

std::optional<std::string> read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
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

std::optional<std::string> collect_inputs(const store::Workspace& ws, const json& result,
                                          Files& files) {
  for (const json& input : result.at("inputs")) {
    const std::string name = input.at("file").get<std::string>();
    const std::string sha = input.at("sha256").get<std::string>();
    auto found = ws.find_file(name, sha);
    if (auto* e = std::get_if<store::Error>(&found)) return e->message;
    const auto& bytes = std::get<std::optional<std::string>>(found);
    if (!bytes) return ws.path() + ": the evaluated file " + name + " is no longer stored";
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
  auto opened = store::Workspace::open(a.db);
  if (auto* e = std::get_if<store::Error>(&opened)) {
    err << "tender: " << e->message << '\n';
    return kBadInput;
  }
  const store::Workspace& ws = std::get<store::Workspace>(opened);
  auto latest = ws.latest_evaluation();
  auto head = ws.audit_head();
  if (auto* e = std::get_if<store::Error>(&latest))
    return err << "tender: " << e->message << '\n', kInternal;
  if (auto* e = std::get_if<store::Error>(&head))
    return err << "tender: " << e->message << '\n', kInternal;
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
    err << "tender: " << *problem << '\n';
    return kBadInput;
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

  std::error_code ec;
  if (fs::exists(a.out, ec)) {
    err << "tender: " << a.out << ": already exists; a bundle is written to a new folder\n";
    return kBadInput;
  }
  const fs::path tmp = a.out + ".tmp-bundle";
  fs::remove_all(tmp, ec);
  for (const auto& [path, bytes] : files) {
    fs::create_directories((tmp / path).parent_path(), ec);
    if (ec || !write_file((tmp / path).string(), bytes)) {
      fs::remove_all(tmp, ec);
      err << "tender: cannot write " << (tmp / path).string() << '\n';
      return kInternal;
    }
  }
  fs::rename(tmp, a.out, ec);
  if (ec) {
    fs::remove_all(tmp, ec);
    err << "tender: cannot create " << a.out << ": " << ec.message() << '\n';
    return kInternal;
  }
  out << "Wrote bundle " << a.out << " (" << files.size() << " files, evaluation of audit entry "
      << ev.audit_seq << ")\n";
  return kOk;
}

// The files SHA256SUMS lists whose bytes differ now (or that are gone).
std::vector<std::string> changed_files(const fs::path& dir) {
  std::vector<std::string> changed;
  const auto listing = read_whole(dir / "SHA256SUMS");
  if (!listing) return {"SHA256SUMS is missing"};
  std::istringstream lines(*listing);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.size() < 67) continue;
    const std::string sha = line.substr(0, 64);
    const std::string path = line.substr(66);
    const auto bytes = read_whole(dir / path);
    if (!bytes) {
      changed.push_back(path + " is missing");
    } else if (importers::sha256_hex(*bytes) != sha) {
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
    const auto bytes = read_whole(dir / bundle_path(name));
    if (!bytes) {
      return Diagnostics{
          {DiagCode::missing, {name, 0, {}, {}}, "not in the bundle (" + bundle_path(name) + ")"}};
    }
    return importers::SourceFile{name, *bytes, importers::sha256_hex(*bytes)};
  };
  return req;
}

Options bundle_options(const json& manifest) {
  Options o;
  const json& opts = manifest.at("options");
  if (opts.contains("smaa_draws") && opts["smaa_draws"].is_number())
    o.smaa_draws = opts["smaa_draws"];
  if (opts.contains("seed") && opts["seed"].is_number()) o.seed = opts["seed"];
  if (opts.contains("kappa") && opts["kappa"].is_number()) o.kappa = opts["kappa"];
  return o;
}

int verify_command(const BundleArgs& a, std::ostream& out, std::ostream& err) {
  const fs::path dir(a.bundle);
  const auto manifest_text = read_whole(dir / "manifest.json");
  const auto recorded = read_whole(dir / "result.json");
  if (!manifest_text || !recorded) {
    err << "tender: " << a.bundle << ": not a bundle (no manifest.json or result.json)\n";
    return kBadInput;
  }
  const json manifest = json::parse(*manifest_text, nullptr, false);
  bool usable = !manifest.is_discarded() && manifest.is_object() && manifest.contains("inputs") &&
                manifest["inputs"].is_array() && manifest.contains("options") &&
                manifest["options"].is_object();
  if (usable) {
    for (const json& input : manifest["inputs"]) {
      usable = usable && input.is_object() && input.contains("file") && input["file"].is_string();
    }
  }
  if (!usable) {
    err << "tender: " << a.bundle << "/manifest.json: not a bundle manifest\n";
    return kBadInput;
  }
  const std::vector<std::string> changed = changed_files(dir);
  importers::LoadRequest req = bundle_request(dir, manifest);
  const importers::Loaded loaded = importers::load_inputs(req);
  Diagnostics problems = loaded.errors;
  if (problems.empty()) {
    auto ev = evaluate(loaded.inputs, bundle_options(manifest));
    if (!ev) problems = ev.errors();
    if (problems.empty()) {
      const std::string rerun = reports::result_json(ev.value(), run_info(loaded));
      const auto differences = json_differences(*recorded, rerun);
      if (changed.empty() && rerun == *recorded) {
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
  for (const auto& c : changed) out << "changed file: " << c << '\n';
  for (const auto& d : problems) err << to_string(d) << '\n';
  err << a.bundle << ": the bundle's inputs cannot be evaluated (" << problems.size()
      << " errors)\n";
  return kBadInput;
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
  bool keyed = !a.empty() || !b.empty();
  for (const json* side : {&a, &b}) {
    for (const json& e : *side) keyed = keyed && element_key(e).has_value();
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
