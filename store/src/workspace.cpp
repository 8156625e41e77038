#include "tender/store/workspace.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>

namespace tender::store {
namespace {

constexpr int kApplicationId = 0x74656e64;  // "tend"

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE audit(
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev TEXT NOT NULL,
  hash TEXT NOT NULL);
CREATE TABLE files(
  id INTEGER PRIMARY KEY,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  audit_seq INTEGER NOT NULL);
CREATE INDEX files_by_name ON files(role, name, audit_seq);
CREATE UNIQUE INDEX files_by_entry ON files(audit_seq);
CREATE TABLE evaluations(
  id INTEGER PRIMARY KEY,
  result_json TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  audit_seq INTEGER NOT NULL);
CREATE UNIQUE INDEX evaluations_by_entry ON evaluations(audit_seq);
INSERT INTO meta(key, value) VALUES ('head_count', '0'),
  ('head_hash', '0000000000000000000000000000000000000000000000000000000000000000');
)sql";

Fault fault_of(int sqlite_code) {
  switch (sqlite_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Fault::busy;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return Fault::read_only;
    case SQLITE_FULL:
      return Fault::full;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Fault::not_workspace;
    default:
      return Fault::io;
  }
}

Error error_from(const std::string& path, const std::string& doing, const SQLite::Exception& e) {
  const Fault fault = fault_of(e.getErrorCode());
  std::string why = e.what();
  if (fault == Fault::busy) {
    why = "another tender process is using it (" + why + "); try again when it has finished";
  } else if (fault == Fault::full) {
    why = "the disk is full (" + why + "); nothing was changed";
  } else if (fault == Fault::read_only) {
    why = "the workspace or its folder cannot be written (" + why + "); nothing was changed";
  }
  return {fault, path + ": cannot " + doing + ": " + why};
}

// Runs `body` and turns SQLite and file-system exceptions into an Error.
template <typename T, typename Body>
Expected<T> guarded(const std::string& path, const std::string& doing, Body&& body) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    return error_from(path, doing, e);
  } catch (const std::filesystem::filesystem_error& e) {
    return Error{Fault::io, path + ": cannot " + doing + ": " + e.code().message()};
  } catch (const nlohmann::json::exception& e) {
    return Error{Fault::io, path + ": cannot " + doing + ": bad audit detail: " + e.what()};
  } catch (const std::logic_error& e) {  // a head that is not a number
    return Error{Fault::not_workspace,
                 path + ": cannot " + doing + ": damaged workspace (" + e.what() + ")"};
  }
}

void configure(SQLite::Database& db, int busy_ms) {
  db.setBusyTimeout(busy_ms);
  db.exec("PRAGMA synchronous=FULL");
}

std::string meta(SQLite::Database& db, const char* key) {
  SQLite::Statement q(db, "SELECT value FROM meta WHERE key = ?");
  q.bind(1, key);
  if (!q.executeStep()) throw SQLite::Exception(std::string("workspace has no ") + key, -1);
  return q.getColumn(0).getString();
}

void set_meta(SQLite::Database& db, const char* key, const std::string& value) {
  SQLite::Statement q(db, "UPDATE meta SET value = ? WHERE key = ?");
  q.bind(1, value);
  q.bind(2, key);
  q.exec();
}

// Appends an entry within the caller's transaction; returns its seq.
std::int64_t append(SQLite::Database& db, AuditEntry e) {
  const std::int64_t count = std::stoll(meta(db, "head_count"));
  e.seq = count + 1;
  e.prev = meta(db, "head_hash");
  e.hash = entry_hash(e);
  SQLite::Statement q(db,
                      "INSERT INTO audit(seq, at, actor, action, subject, reason, detail, prev, "
                      "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, e.seq);
  q.bind(2, e.at);
  q.bind(3, e.actor);
  q.bind(4, e.action);
  q.bind(5, e.subject);
  q.bind(6, e.reason);
  q.bind(7, e.detail);
  q.bind(8, e.prev);
  q.bind(9, e.hash);
  q.exec();
  set_meta(db, "head_count", std::to_string(e.seq));
  set_meta(db, "head_hash", e.hash);
  return e.seq;
}

std::vector<AuditEntry> read_log(SQLite::Database& db) {
  SQLite::Statement q(db,
                      "SELECT seq, at, actor, action, subject, reason, detail, prev, hash FROM "
                      "audit ORDER BY seq");
  std::vector<AuditEntry> out;
  while (q.executeStep()) {
    AuditEntry e;
    e.seq = q.getColumn(0).getInt64();
    e.at = q.getColumn(1).getString();
    e.actor = q.getColumn(2).getString();
    e.action = q.getColumn(3).getString();
    e.subject = q.getColumn(4).getString();
    e.reason = q.getColumn(5).getString();
    e.detail = q.getColumn(6).getString();
    e.prev = q.getColumn(7).getString();
    e.hash = q.getColumn(8).getString();
    out.push_back(std::move(e));
  }
  return out;
}

AuditHead read_head(SQLite::Database& db) {
  return AuditHead{std::stoll(meta(db, "head_count")), meta(db, "head_hash")};
}

AuditEntry entry(const std::string& action, const std::string& subject, std::string detail,
                 const Stamp& stamp) {
  AuditEntry e;
  e.at = stamp.at;
  e.actor = stamp.actor;
  e.action = action;
  e.subject = subject;
  e.reason = stamp.reason;
  e.detail = std::move(detail);
  return e;
}

// An Error when `db` is not a workspace this program can use.
std::optional<Error> check_ours(SQLite::Database& db, const std::string& path) {
  const int app = db.execAndGet("PRAGMA application_id").getInt();
  if (app != kApplicationId) {
    return Error{Fault::not_workspace, path + ": a SQLite database, but not a tender workspace"};
  }
  const int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > Workspace::kSchemaVersion) {
    return Error{Fault::version, path + ": workspace schema " + std::to_string(version) +
                                     " is newer than this tender knows (" +
                                     std::to_string(Workspace::kSchemaVersion) +
                                     "); use a newer tender"};
  }
  return std::nullopt;
}

}  // namespace

struct Workspace::Impl {
  std::string path;
  SQLite::Database db;
  Impl(std::string p, const std::string& open_name, int flags, int busy_ms)
      : path(std::move(p)), db(open_name, flags, busy_ms) {}
};

namespace {

// "file:/abs/path?immutable=1", percent-encoding what a URI path may not hold:
// SQLite's way to read a database in a folder where it cannot create the
// WAL index (a read-only copy handed to an auditor).
std::string immutable_uri(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file:";
  for (const char ch : std::filesystem::absolute(path).string()) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out + "?immutable=1";
}

}  // namespace

Workspace::Workspace(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;
Workspace::~Workspace() = default;

const std::string& Workspace::path() const {
  return impl_->path;
}

Expected<Workspace> Workspace::create(const std::string& path, const Stamp& stamp, int busy_ms) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec) || ec) {
    return Error{Fault::exists, path + ": a file is already there; tender init never replaces one"};
  }
  // Built under a temporary name and renamed into place, so a killed init
  // leaves no half-made workspace at `path`.
  // The temporary name is this process's own, so two inits at once do not
  // share it; link() below never replaces a file that appeared meanwhile.
  const std::string tmp = path + ".init-" + std::to_string(::getpid());
  const auto remove_tmp = [&tmp] {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(tmp + suffix, ignored);
  };
  remove_tmp();
  auto built = guarded<bool>(path, "create the workspace", [&] {
    SQLite::Database db(tmp, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, busy_ms);
    configure(db, busy_ms);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec(kSchema);
    nlohmann::json detail{{"schema", kSchemaVersion}};
    append(db, entry("init", "", detail.dump(), stamp));
    t.commit();
    return true;
  });
  if (auto* e = std::get_if<Error>(&built)) {
    remove_tmp();
    return *e;
  }
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int err = errno;
  remove_tmp();
  if (linked != 0 && err == EEXIST) {
    return Error{Fault::exists, path + ": a file is already there; tender init never replaces one"};
  }
  if (linked != 0) {
    return Error{err == EROFS || err == EACCES || err == EPERM ? Fault::read_only : Fault::io,
                 path + ": cannot create the workspace: " + std::strerror(err)};
  }
  return open(path, busy_ms);
}

Expected<Workspace> Workspace::open(const std::string& path, int busy_ms, Access access) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Error{Fault::not_workspace,
                 path + ": no workspace here; create one with 'tender init --db " + path + "'"};
  }
  const auto attempt = [&](const std::string& name, int flags) {
    return guarded<Workspace>(path, "open the workspace", [&] {
      auto impl = std::make_unique<Impl>(path, name, flags, busy_ms);
      configure(impl->db, busy_ms);
      if (auto problem = check_ours(impl->db, path)) return Expected<Workspace>(*problem);
      return Expected<Workspace>(Workspace(std::move(impl)));
    });
  };
  if (access == Access::read_write) return attempt(path, SQLite::OPEN_READWRITE);
  auto opened = attempt(path, SQLite::OPEN_READONLY);
  const auto* e = std::get_if<Error>(&opened);
  if (e == nullptr || (e->fault != Fault::read_only && e->fault != Fault::io)) return opened;
  // No WAL index can be made beside it: read the file as it is, unchanging.
  return attempt(immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI);
}

Expected<std::int64_t> Workspace::import_file(const NewFile& file, const Stamp& stamp) {
  return guarded<std::int64_t>(path(), "import " + file.name, [&] {
    SQLite::Database& db = impl_->db;
    const std::string sha = sha256_hex(file.bytes);
    nlohmann::json detail = nlohmann::json::parse(file.detail_json);
    detail["role"] = file.role;
    detail["sha256"] = sha;
    detail["size"] = file.bytes.size();
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::int64_t seq = append(db, entry("import", file.name, detail.dump(), stamp));
    SQLite::Statement q(db,
                        "INSERT INTO files(role, name, sha256, size, content, audit_seq) VALUES "
                        "(?, ?, ?, ?, ?, ?)");
    q.bind(1, file.role);
    q.bind(2, file.name);
    q.bind(3, sha);
    q.bind(4, static_cast<std::int64_t>(file.bytes.size()));
    q.bindNoCopy(5, file.bytes.data(), static_cast<int>(file.bytes.size()));
    q.bind(6, seq);
    q.exec();
    const std::int64_t id = db.getLastInsertRowid();
    t.commit();
    return id;
  });
}

Expected<std::int64_t> Workspace::record(const std::string& action, const std::string& subject,
                                         const std::string& detail_json, const Stamp& stamp) {
  return guarded<std::int64_t>(path(), "record " + action, [&] {
    SQLite::Database& db = impl_->db;
    const std::string detail = nlohmann::json::parse(detail_json).dump();
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::int64_t seq = append(db, entry(action, subject, detail, stamp));
    t.commit();
    return seq;
  });
}

Expected<std::int64_t> Workspace::record_evaluation(const std::string& result_json,
                                                    const std::string& detail_json,
                                                    const Stamp& stamp) {
  return guarded<std::int64_t>(path(), "record the evaluation", [&] {
    SQLite::Database& db = impl_->db;
    const std::string sha = sha256_hex(result_json);
    nlohmann::json detail = nlohmann::json::parse(detail_json);
    detail["result_sha256"] = sha;
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::int64_t seq = append(db, entry("evaluate", "", detail.dump(), stamp));
    SQLite::Statement q(db,
                        "INSERT INTO evaluations(result_json, sha256, audit_seq) VALUES (?, ?, ?)");
    q.bind(1, result_json);
    q.bind(2, sha);
    q.bind(3, seq);
    q.exec();
    t.commit();
    return seq;
  });
}

Expected<Workspace::Evaluation> Workspace::latest_evaluation() const {
  return guarded<Evaluation>(path(), "read the latest evaluation", [&] {
    SQLite::Statement q(impl_->db,
                        "SELECT e.result_json, e.audit_seq, a.detail FROM evaluations e LEFT JOIN "
                        "audit a ON a.seq = e.audit_seq ORDER BY e.audit_seq DESC LIMIT 1");
    Evaluation out;
    if (q.executeStep()) {
      out.result_json = q.getColumn(0).getString();
      out.audit_seq = q.getColumn(1).getInt64();
      out.detail = q.getColumn(2).isNull() ? "{}" : q.getColumn(2).getString();
    }
    return out;
  });
}

Expected<std::optional<std::string>> Workspace::find_file(const std::string& name,
                                                          const std::string& sha256) const {
  return guarded<std::optional<std::string>>(path(), "read " + name, [&] {
    SQLite::Statement q(
        impl_->db,
        "SELECT content FROM files WHERE name = ? AND sha256 = ? ORDER BY audit_seq DESC "
        "LIMIT 1");
    q.bind(1, name);
    q.bind(2, sha256);
    std::optional<std::string> out;
    if (q.executeStep()) {
      const SQLite::Column c = q.getColumn(0);
      out.emplace(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
    }
    return out;
  });
}

namespace {

// A row that claims to be recorded by an audit entry (a file or a result).
struct Stored {
  std::int64_t seq = 0;
  std::string what;     // "file bids/B01.xml", "evaluation 3"
  std::string subject;  // the entry's subject it must carry
  std::string role;     // files: the role the entry recorded
  std::string sha256;   // as recorded beside the row
  std::string actual;   // of the bytes now
  std::int64_t size = -1;
};

// The string field `key` of a JSON detail, "" when absent or not a string.
std::string detail_string(const nlohmann::json& d, const char* key) {
  return d.is_object() && d.contains(key) && d[key].is_string() ? d[key].get<std::string>() : "";
}

std::int64_t detail_size(const nlohmann::json& d) {
  return d.is_object() && d.contains("size") && d["size"].is_number_integer()
             ? d["size"].get<std::int64_t>()
             : -1;
}

std::vector<Stored> stored_files(SQLite::Database& db) {
  std::vector<Stored> out;
  SQLite::Statement q(db, "SELECT name, role, sha256, content, audit_seq, size FROM files");
  while (q.executeStep()) {
    const SQLite::Column c = q.getColumn(3);
    const std::string bytes(static_cast<const char*>(c.getBlob()),
                            static_cast<std::size_t>(c.getBytes()));
    const std::string name = q.getColumn(0).getString();
    out.push_back({q.getColumn(4).getInt64(), "file " + name, name, q.getColumn(1).getString(),
                   q.getColumn(2).getString(), sha256_hex(bytes), q.getColumn(5).getInt64()});
  }
  return out;
}

std::vector<Stored> stored_results(SQLite::Database& db) {
  std::vector<Stored> out;
  SQLite::Statement q(db, "SELECT id, sha256, result_json, audit_seq FROM evaluations");
  while (q.executeStep()) {
    out.push_back({q.getColumn(3).getInt64(),
                   "evaluation " + std::to_string(q.getColumn(0).getInt64()), "", "",
                   q.getColumn(1).getString(), sha256_hex(q.getColumn(2).getString()), -1});
  }
  return out;
}

// Checks `rows` (of the kind entries with `action` record) against the log:
// every such entry has exactly one row, every row has its entry, and row and
// entry agree on subject, role, size and hash, and the bytes on the hash.
void check_rows(const std::vector<AuditEntry>& log, const std::string& action, const char* hash_key,
                const std::vector<Stored>& rows, std::vector<AuditProblem>& problems) {
  std::map<std::int64_t, std::vector<const Stored*>> by_seq;
  for (const Stored& r : rows) by_seq[r.seq].push_back(&r);
  std::map<std::int64_t, const AuditEntry*> entries;
  for (const AuditEntry& e : log) {
    if (e.action == action) entries[e.seq] = &e;
  }
  for (const auto& [seq, e] : entries) {
    const auto it = by_seq.find(seq);
    const std::size_t n = it == by_seq.end() ? 0 : it->second.size();
    if (n != 1) {
      problems.push_back({seq, "entry " + std::to_string(seq) + " (" + action + " " + e->subject +
                                   ") should have one stored " +
                                   (action == "import" ? "file" : "result") + ", but " +
                                   std::to_string(n) + (n == 1 ? " is" : " are") +
                                   " there (deleted or copied outside tender)"});
    }
  }
  for (const Stored& r : rows) {
    const auto entry = entries.find(r.seq);
    if (entry == entries.end()) {
      problems.push_back({r.seq, r.what + ": no " + action + " entry " + std::to_string(r.seq) +
                                     " recorded it (added or moved outside tender)"});
      continue;
    }
    if (r.actual != r.sha256) {
      problems.push_back({r.seq, r.what + ": its bytes were changed after it was stored (SHA-256 " +
                                     r.actual.substr(0, 12) + "..., recorded " +
                                     r.sha256.substr(0, 12) + "...)"});
    }
    const nlohmann::json d = nlohmann::json::parse(entry->second->detail, nullptr, false);
    const bool agrees =
        entry->second->subject == r.subject && detail_string(d, hash_key) == r.sha256 &&
        (action != "import" || (detail_string(d, "role") == r.role && detail_size(d) == r.size));
    if (!agrees) {
      problems.push_back({r.seq, r.what + ": does not match audit entry " + std::to_string(r.seq) +
                                     ", which recorded a different name, role, size or hash"});
    }
  }
}

}  // namespace

Expected<Workspace::Verification> Workspace::verify() const {
  return guarded<Verification>(path(), "verify the workspace", [&] {
    SQLite::Database& db = impl_->db;
    // One read transaction: under WAL, every read below sees the same
    // snapshot, so an import committing meanwhile cannot look like tampering.
    db.exec("BEGIN");
    struct End {
      SQLite::Database& db;
      ~End() {
        try {
          db.exec("COMMIT");
        } catch (...) {  // NOLINT(bugprone-empty-catch): a read transaction ends either way
        }
      }
    } end{db};
    Verification v;
    v.head = read_head(db);
    v.entries = read_log(db);
    v.problems = verify_chain(v.entries, v.head);
    check_rows(v.entries, "import", "sha256", stored_files(db), v.problems);
    check_rows(v.entries, "evaluate", "result_sha256", stored_results(db), v.problems);
    std::stable_sort(v.problems.begin(), v.problems.end(),
                     [](const AuditProblem& a, const AuditProblem& b) { return a.seq < b.seq; });
    return v;
  });
}

Expected<std::vector<FileRecord>> Workspace::current_files() const {
  return guarded<std::vector<FileRecord>>(path(), "list files", [&] {
    SQLite::Statement q(
        impl_->db,
        "SELECT id, role, name, sha256, size, audit_seq FROM files f WHERE audit_seq = "
        "(SELECT max(audit_seq) FROM files g WHERE g.role = f.role AND g.name = "
        "f.name) ORDER BY role, name");
    std::vector<FileRecord> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getString(),
                     q.getColumn(4).getInt64(), q.getColumn(5).getInt64()});
    }
    return out;
  });
}

Expected<std::string> Workspace::file_bytes(std::int64_t id) const {
  return guarded<std::string>(path(), "read file " + std::to_string(id), [&] {
    SQLite::Statement q(impl_->db, "SELECT content FROM files WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw SQLite::Exception("no file " + std::to_string(id), -1);
    const SQLite::Column c = q.getColumn(0);
    return std::string(static_cast<const char*>(c.getBlob()),
                       static_cast<std::size_t>(c.getBytes()));
  });
}

Expected<std::vector<AuditEntry>> Workspace::audit_log() const {
  return guarded<std::vector<AuditEntry>>(path(), "read the audit log",
                                          [&] { return read_log(impl_->db); });
}

Expected<AuditHead> Workspace::audit_head() const {
  return guarded<AuditHead>(path(), "read the audit head", [&] { return read_head(impl_->db); });
}

const char* to_string(Fault fault) {
  switch (fault) {
    case Fault::exists:
      return "exists";
    case Fault::not_workspace:
      return "not a workspace";
    case Fault::version:
      return "version";
    case Fault::busy:
      return "busy";
    case Fault::read_only:
      return "read-only";
    case Fault::full:
      return "disk full";
    case Fault::io:
      return "i/o";
  }
  return "i/o";
}

}  // namespace tender::store
