// Loading every file of one evaluation into `Inputs`, reporting the
// problems of all files together.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tender/engine/diagnostic.hpp"
#include "tender/engine/model.hpp"
#include "tender/importers/parse.hpp"

namespace tender::importers {

// The files of one evaluation, as named on the command line.
struct LoadRequest {
  std::string round;
  std::vector<std::string> bids;    // files and folders
  std::vector<std::string> scores;  // one file, or one per evaluator
  std::optional<std::string> moderation;
  std::optional<std::string> decisions;
  std::optional<std::string> policy;  // overrides the round's policy attribute
  unsigned threads = 0;               // bid files read at once; 0: one per core
  // Where files come from. Empty: the file system (read_source), with bid
  // folders expanded. Set (a workspace): every name is passed to it as is,
  // `bids` lists files, not folders, and a round's policy attribute is
  // looked up through it too. Must be safe to call from several threads.
  std::function<Result<SourceFile>(const std::string& name)> read;
};

// A file that was read, for the result's `inputs` list.
struct InputFile {
  std::string role;  // round, policy, bid, scores, moderation, decisions
  std::string path;
  std::string sha256;
};

struct Loaded {
  Inputs inputs;
  std::vector<InputFile> files;  // RULES §30 order
  Diagnostics errors;            // every problem of every file (empty: all read)
  bool round_ok = false;         // the round (and policy) parsed
  bool bids_complete = false;    // every bid file parsed
};

// Expands folders in `paths` to the .xml and .xlsx files directly inside
// them (byte order; hidden files and office lock files skipped). A folder
// with no bid files, or a path that does not exist, adds a diagnostic.
std::vector<std::string> expand_bid_paths(const std::vector<std::string>& paths,
                                          Diagnostics& diags);

// Reads and parses every file of `req`. The policy is `req.policy`, else the
// round's `policy` attribute (relative to the round file), else the shipped
// default. Files that fail are left out of `inputs` and their problems are
// in `errors`, so the caller can still validate what was read.
Loaded load_inputs(const LoadRequest& req);

// Reads the round and its policy only (for `tender check`).
Result<Loaded> load_round(const std::string& round, const std::optional<std::string>& policy);

}  // namespace tender::importers
