// Workspace commands: init, import, status, audit verify, audit log; and
// what `evaluate --db` needs to read a workspace and record its result.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "tender/importers/load.hpp"
#include "tender/store/workspace.hpp"

namespace tender::cli {

// Options the workspace commands share.
struct WorkspaceArgs {
  std::string db = "tender.db";
  std::string user;    // default: $TENDER_USER, else $USER, else "unknown"
  std::string reason;  // recorded in the audit entry
  std::string role;    // import: force this role instead of detecting it
  std::string head;    // audit verify: the head the log must end at
  std::vector<std::string> files;
};

// Adds init, import, status and audit (verify, log) to `app`.
void add_workspace_commands(CLI::App& app, WorkspaceArgs& args);

// Runs the workspace command `app` parsed, or returns nullopt when the
// command given was not one of them.
std::optional<int> run_workspace_command(const CLI::App& app, const WorkspaceArgs& args,
                                         std::ostream& out, std::ostream& err);

// The exit status for a workspace failure: 2 when the user named the wrong
// file (not a workspace, a newer schema, init over a file), 1 when the
// machine would not let us (busy, read-only, disk full, i/o).
int status_of(const store::Error& e);

// Who and when for an audit entry: the user as above, the current UTC time.
store::Stamp stamp_now(const std::string& user, const std::string& reason);

// The files of a workspace, ready for load_inputs.
struct WorkspaceFiles {
  importers::LoadRequest request;  // names as stored; read from `bytes`
  std::shared_ptr<const std::map<std::string, std::string>> bytes;
};

// Reads the current files of the workspace at `db` into a load request:
// exactly one round, any policy, bids, scores, moderation and decisions.
// Returns the request, or an error message naming the workspace.
std::variant<WorkspaceFiles, std::string> workspace_files(const store::Workspace& ws);

}  // namespace tender::cli
