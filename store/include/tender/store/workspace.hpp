// The workspace: one SQLite file (WAL) holding every file of a round as
// imported, the evaluations run on them, and the hash-chained audit log.
//
// Every change is one transaction that also appends its audit entry, so the
// database holds either a whole import (file and entry) or none of it, even
// when the process is killed half-way. Failures are values (Error), never
// exceptions, and name the database file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tender/store/audit.hpp"

namespace tender::store {

// Why a workspace operation failed.
enum class Fault {
  exists,         // init: a file is already there
  not_workspace,  // not a SQLite file, or not one of ours
  version,        // a workspace of a newer schema than this program knows
  busy,           // another process held the database for longer than the timeout
  read_only,      // the file or its folder cannot be written
  full,           // the disk is full
  io,             // any other failure of the database or the file system
};

struct Error {
  Fault fault = Fault::io;
  std::string message;  // names the database file and what failed
};

// A value or the Error explaining why there is none.
template <typename T>
using Expected = std::variant<T, Error>;

// Who does something, when (UTC, "2026-11-23T10:15:00Z") and why. The time
// is given by the caller: the store reads no clock.
struct Stamp {
  std::string actor;
  std::string at;
  std::string reason;
};

// A file held in the workspace (its bytes are read separately).
struct FileRecord {
  std::int64_t id = 0;
  std::string role;  // round, policy, bid, scores, moderation, decisions
  std::string name;  // as imported, e.g. "bids/B01.xlsx"
  std::string sha256;
  std::int64_t size = 0;
  std::int64_t audit_seq = 0;  // the entry that recorded the import
};

// A file to import: its role and name, its bytes, and the audit detail
// (JSON object) the caller wants recorded besides name, role and hash.
struct NewFile {
  std::string role;
  std::string name;
  std::string bytes;
  std::string detail_json = "{}";
};

class Workspace {
 public:
  // Schema version this program writes; open() refuses newer ones.
  static constexpr int kSchemaVersion = 1;

  // Creates a workspace at `path` (refused if any file is there), with the
  // first audit entry ("init"). busy_ms: how long to wait for a lock.
  static Expected<Workspace> create(const std::string& path, const Stamp& stamp,
                                    int busy_ms = 5000);

  // How a workspace is opened: for reading only (verify, log, status,
  // export: works on a read-only file or folder and never writes to it,
  // not even a WAL index) or for reading and writing.
  enum class Access { read_only, read_write };

  // Opens the workspace at `path`.
  static Expected<Workspace> open(const std::string& path, int busy_ms = 5000,
                                  Access access = Access::read_write);

  Workspace(Workspace&&) noexcept;
  Workspace& operator=(Workspace&&) noexcept;
  ~Workspace();

  // Stores `file` and its audit entry ("import") in one transaction. A file
  // of the same role and name imported before stays in the history but is no
  // longer current. Returns the new record's id.
  Expected<std::int64_t> import_file(const NewFile& file, const Stamp& stamp);

  // Appends an audit entry on its own (evaluate, decision, ...). Returns its seq.
  Expected<std::int64_t> record(const std::string& action, const std::string& subject,
                                const std::string& detail_json, const Stamp& stamp);

  // Stores `result_json` as the record of an evaluation, with its audit entry
  // ("evaluate", detail `detail_json` plus the result's SHA-256), in one
  // transaction. Returns the audit seq.
  Expected<std::int64_t> record_evaluation(const std::string& result_json,
                                           const std::string& detail_json, const Stamp& stamp);

  // The latest evaluation: its result.json, the audit entry that recorded it
  // and that entry's detail. result_json is "" when there has been none.
  struct Evaluation {
    std::string result_json;
    std::int64_t audit_seq = 0;
    std::string detail;
  };
  Expected<Evaluation> latest_evaluation() const;

  // The bytes of the file named `name` whose SHA-256 is `sha256` (any
  // version, current or not), or nullopt when the workspace has none.
  Expected<std::optional<std::string>> find_file(const std::string& name,
                                                 const std::string& sha256) const;

  // Everything an auditor checks, read in one snapshot (an import running
  // meanwhile cannot look like tampering): the hash chain against the head,
  // and every stored file and result against the entry that recorded it
  // (each import and evaluate entry has exactly one row, agreeing on name,
  // role, size and hash, and the bytes still have that hash).
  struct Verification {
    AuditHead head;
    std::vector<AuditEntry> entries;
    std::vector<AuditProblem> problems;  // in log order; empty when sound
  };
  Expected<Verification> verify() const;

  // The current files (the latest import of each role and name, by audit
  // entry), by role then name.
  Expected<std::vector<FileRecord>> current_files() const;

  // The bytes of file `id`.
  Expected<std::string> file_bytes(std::int64_t id) const;

  // Every audit entry, by seq, exactly as stored.
  Expected<std::vector<AuditEntry>> audit_log() const;

  // The head (count, last hash) recorded beside the log.
  Expected<AuditHead> audit_head() const;

  // The path the workspace was opened from.
  const std::string& path() const;

 private:
  struct Impl;
  explicit Workspace(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Human-readable name of `fault` ("busy", ...).
const char* to_string(Fault fault);

}  // namespace tender::store
