// The audit log's hash chain: how an entry is hashed and how a whole log is
// checked. Pure functions over rows; the workspace reads and writes them.
//
// Entry n's hash is SHA-256 over a fixed text encoding of its sequence
// number, time, actor, action, subject, reason, detail and the hash of entry
// n-1 (64 zeros for entry 1). Editing any field of an entry changes its
// hash; deleting, inserting or reordering entries breaks the link of the
// entry after. Removing entries from the end is caught by the head (count and
// last hash) the workspace keeps, and by anyone holding a published head.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tender::store {

// One row of the audit log.
struct AuditEntry {
  std::int64_t seq = 0;  // 1, 2, 3, ... in the order written
  std::string at;        // UTC time, "2026-11-23T10:15:00Z"
  std::string actor;     // who did it
  std::string action;    // init, import, evaluate, ...
  std::string subject;   // what it concerns (a file name, a bid id, ...)
  std::string reason;    // why, as the actor gave it ("" when none)
  std::string detail;    // JSON object with the specifics (hashes, changes)
  std::string prev;      // hash of the entry before (hex)
  std::string hash;      // hash of this entry (hex)
};

// The hash before the first entry: 64 zeros.
const std::string& genesis_hash();

// SHA-256 (lower-case hex) of `e`'s fields, `e.prev` included and `e.hash`
// excluded. Fields are length-prefixed, so no two entries share an encoding.
std::string entry_hash(const AuditEntry& e);

// The last entry as recorded separately from the log.
struct AuditHead {
  std::int64_t count = 0;
  std::string hash;  // genesis_hash() when count == 0
};

// One thing wrong with a log, naming the entry.
struct AuditProblem {
  std::int64_t seq = 0;  // the entry concerned (0: the log as a whole)
  std::string message;
};

// Checks `rows` (in the order stored, by seq) against the chain and `head`.
// Finds edited entries (hash does not match the content), deleted, inserted
// or reordered entries (a seq out of sequence, or prev not the hash of the
// entry before) and a log cut short or extended (does not end at `head`).
// Returns every problem found, in log order; empty when the log is intact.
std::vector<AuditProblem> verify_chain(const std::vector<AuditEntry>& rows, const AuditHead& head);

// SHA-256 of `bytes` as lower-case hex (libsodium).
std::string sha256_hex(const std::string& bytes);

}  // namespace tender::store
