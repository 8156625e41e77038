// load_inputs(): every file of an evaluation, all problems reported together.
#include "tender/importers/load.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "tender/importers/parse.hpp"
#include "xml_util.hpp"

namespace fs = std::filesystem;

namespace tender::importers {
namespace {

bool is_bid_file(const fs::path& p) {
  const std::string name = p.filename().string();
  if (name.empty() || name[0] == '.' || name.rfind("~$", 0) == 0) return false;
  const std::string ext = lower(p.extension().string());
  return ext == ".xml" || ext == ".xlsx";
}

void append(Diagnostics& to, const Diagnostics& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// Reads and parses one file with `parse`, recording it in `out.files`.
Result<SourceFile> read_file(const LoadRequest& req, const std::string& path) {
  return req.read ? req.read(path) : read_source(path);
}

template <typename Parse>
auto read_parsed(const LoadRequest& req, const std::string& path, const std::string& role,
                 Loaded& out, Diagnostics& diags, Parse parse)
    -> std::optional<typename decltype(parse(SourceFile{}))::value_type> {
  auto src = read_file(req, path);
  if (!src) {
    append(diags, src.errors());
    return std::nullopt;
  }
  out.files.push_back({role, path, src->sha256});
  auto parsed = parse(src.value());
  if (!parsed) {
    append(diags, parsed.errors());
    return std::nullopt;
  }
  return std::move(parsed.value());
}

std::string policy_path(const LoadRequest& req, const Round& round) {
  if (req.policy) return *req.policy;
  if (round.policy_file.empty()) return {};
  return (fs::path(req.round).parent_path() / round.policy_file).lexically_normal().string();
}

void load_policy(const LoadRequest& req, Loaded& out, Diagnostics& diags) {
  const std::string path = policy_path(req, out.inputs.round);
  if (path.empty()) {
    out.inputs.policy = default_policy();
    return;
  }
  if (auto p = read_parsed(req, path, "policy", out, diags, parse_policy)) out.inputs.policy = *p;
}

// What reading one bid file gave: its record, the bid or its problems.
struct BidFile {
  std::optional<InputFile> file;
  std::optional<Bid> bid;
  Diagnostics errors;
};

BidFile read_bid(const LoadRequest& req, const std::string& path) {
  BidFile out;
  auto src = read_file(req, path);
  if (!src) {
    out.errors = src.errors();
    return out;
  }
  out.file = InputFile{"bid", path, src->sha256};
  auto parsed = parse_bid(src.value());
  if (parsed) {
    out.bid = std::move(parsed.value());
  } else {
    out.errors = parsed.errors();
  }
  return out;
}

// Reads every bid file, `threads` at a time (0: one per core). The files
// are independent, so each worker takes the next unread one; results are
// kept by position, so the outcome does not depend on the thread count.
std::vector<BidFile> read_bids(const LoadRequest& req, const std::vector<std::string>& paths) {
  std::vector<BidFile> out(paths.size());
  unsigned threads = req.threads;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, paths.size()));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < paths.size(); i = next++) out[i] = read_bid(req, paths[i]);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  return out;
}

}  // namespace

std::vector<std::string> expand_bid_paths(const std::vector<std::string>& paths,
                                          Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      if (!fs::exists(p, ec)) {
        diags.push_back({DiagCode::missing, {p, 0, {}, {}}, "no such file or folder"});
      } else {
        out.push_back(p);
      }
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(p, ec)) {
      if (e.is_regular_file(ec) && is_bid_file(e.path())) found.push_back(e.path().string());
    }
    std::sort(found.begin(), found.end());
    if (found.empty())
      diags.push_back({DiagCode::missing, {p, 0, {}, {}}, "the folder holds no .xml or .xlsx bid"});
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Result<Loaded> load_round(const std::string& round, const std::optional<std::string>& policy) {
  LoadRequest req;
  req.round = round;
  req.policy = policy;
  Loaded out;
  Diagnostics diags;
  if (auto r = read_parsed(req, round, "round", out, diags, parse_round))
    out.inputs.round = std::move(*r);
  if (diags.empty()) load_policy(req, out, diags);
  if (!diags.empty()) return diags;
  return out;
}

Loaded load_inputs(const LoadRequest& req) {
  Loaded out;
  Diagnostics& diags = out.errors;
  if (auto r = read_parsed(req, req.round, "round", out, diags, parse_round)) {
    out.inputs.round = std::move(*r);
    load_policy(req, out, diags);
    out.round_ok = diags.empty();
  }
  const std::size_t before = diags.size();
  const std::vector<std::string> bid_paths =
      req.read ? req.bids : expand_bid_paths(req.bids, diags);
  for (BidFile& f : read_bids(req, bid_paths)) {
    if (f.file) out.files.push_back(std::move(*f.file));
    if (f.bid) out.inputs.bids.push_back(std::move(*f.bid));
    append(diags, f.errors);
  }
  out.bids_complete = diags.size() == before;
  for (const std::string& path : req.scores) {
    if (auto s = read_parsed(req, path, "scores", out, diags, parse_scores)) {
      out.inputs.scores.insert(out.inputs.scores.end(), s->begin(), s->end());
    }
  }
  if (req.moderation) {
    if (auto m = read_parsed(req, *req.moderation, "moderation", out, diags, parse_moderation)) {
      out.inputs.moderation = std::move(*m);
    }
  }
  if (req.decisions) {
    if (auto d = read_parsed(req, *req.decisions, "decisions", out, diags, parse_decisions)) {
      out.inputs.decisions = std::move(*d);
    }
  }
  return out;
}

}  // namespace tender::importers
