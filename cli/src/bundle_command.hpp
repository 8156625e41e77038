// Evaluation bundles: `tender bundle export` writes everything an auditor
// needs to re-run an evaluation; `tender verify` re-runs it and compares.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace tender::cli {

struct BundleArgs {
  std::string db = "tender.db";
  std::string out;     // bundle export: the folder to write
  std::string bundle;  // verify: the folder to check
};

// Adds `bundle export` and `verify` to `app`.
void add_bundle_commands(CLI::App& app, BundleArgs& args);

// Runs the bundle command `app` parsed, or nullopt when it was another.
std::optional<int> run_bundle_command(const CLI::App& app, const BundleArgs& args,
                                      std::ostream& out, std::ostream& err);

// Differences between two result documents, one line each:
// "bids[B03].total: 71.25 -> 68.5". Array elements that carry an id (id,
// bid, evaluator, criterion, code, file) are matched by it, others by
// position. Empty when they are equal.
std::vector<std::string> json_differences(const std::string& before, const std::string& after);

}  // namespace tender::cli
