#include "tender/store/workspace.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace tender::store;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the system's temporary directory, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("tender-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, ec);
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path / name).string(); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

const Stamp kOfficer{"officer", "2026-11-23T10:00:00Z", ""};

template <typename T>
T take(Expected<T> got) {
  if (auto* e = std::get_if<Error>(&got)) FAIL(e->message);
  return std::move(std::get<T>(got));
}

template <typename T>
Error failure(Expected<T> got) {
  REQUIRE(std::holds_alternative<Error>(got));
  return std::get<Error>(got);
}

}  // namespace

TEST_CASE("A new workspace holds one init entry and verifies", "[workspace]") {
  TempDir dir;
  Workspace ws = take(Workspace::create(dir.file("t.db"), kOfficer));
  const auto log = take(ws.audit_log());
  REQUIRE(log.size() == 1);
  CHECK(log[0].action == "init");
  CHECK(log[0].actor == "officer");
  CHECK(verify_chain(log, take(ws.audit_head())).empty());
  CHECK_FALSE(fs::exists(dir.file("t.db.init-tmp")));
  // WAL mode is recorded in the file itself.
  SQLite::Database raw(dir.file("t.db"));
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("Imported files are kept whole with their audit entry", "[workspace]") {
  TempDir dir;
  const std::string db = dir.file("t.db");
  {
    Workspace ws = take(Workspace::create(db, kOfficer));
    std::string bytes("PK\x03\x04 binary \0 bytes", 20);
    const auto id = take(ws.import_file({"bid", "bids/B01.xlsx", bytes, "{}"}, kOfficer));
    CHECK(take(ws.file_bytes(id)) == bytes);
    take(ws.import_file({"bid", "bids/B01.xlsx", "second version", "{}"},
                        {"officer", "2026-11-23T11:00:00Z", "late correction"}));
    take(ws.import_file({"round", "round.xml", "<round/>", "{}"}, kOfficer));
  }
  Workspace ws = take(Workspace::open(db));
  const auto files = take(ws.current_files());
  REQUIRE(files.size() == 2);
  CHECK(files[0].role == "bid");
  CHECK(take(ws.file_bytes(files[0].id)) == "second version");
  CHECK(files[0].sha256 == sha256_hex("second version"));
  CHECK(files[1].name == "round.xml");
  const auto log = take(ws.audit_log());
  REQUIRE(log.size() == 4);
  CHECK(log[2].reason == "late correction");
  CHECK(log[2].detail.find(sha256_hex("second version")) != std::string::npos);
  CHECK(files[0].audit_seq == 3);
  CHECK(verify_chain(log, take(ws.audit_head())).empty());
}

TEST_CASE("init never replaces a file", "[workspace]") {
  TempDir dir;
  const std::string db = dir.file("t.db");
  std::ofstream(db) << "precious";
  CHECK(failure(Workspace::create(db, kOfficer)).fault == Fault::exists);
  std::ifstream in(db);
  std::string text;
  in >> text;
  CHECK(text == "precious");
}

TEST_CASE("Opening what is not a workspace says so", "[workspace]") {
  TempDir dir;
  CHECK(failure(Workspace::open(dir.file("absent.db"))).fault == Fault::not_workspace);
  std::ofstream(dir.file("text.db")) << std::string(2000, 'x');
  CHECK(failure(Workspace::open(dir.file("text.db"))).fault == Fault::not_workspace);
  {
    SQLite::Database other(dir.file("other.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t(x)");
  }
  const Error e = failure(Workspace::open(dir.file("other.db")));
  CHECK(e.fault == Fault::not_workspace);
  CHECK_THAT(e.message, Catch::Contains("other.db") && Catch::Contains("not a tender workspace"));
}

TEST_CASE("A newer schema is refused", "[workspace]") {
  TempDir dir;
  const std::string db = dir.file("t.db");
  take(Workspace::create(db, kOfficer));
  {
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version=99");
  }
  CHECK(failure(Workspace::open(db)).fault == Fault::version);
}

TEST_CASE("A workspace locked by another writer gives a busy error and loses nothing",
          "[workspace]") {
  TempDir dir;
  const std::string db = dir.file("t.db");
  Workspace ws = take(Workspace::create(db, kOfficer, 50));
  SQLite::Database other(db, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  const Error e = failure(ws.import_file({"bid", "B.xml", "x", "{}"}, kOfficer));
  CHECK(e.fault == Fault::busy);
  CHECK_THAT(e.message, Catch::Contains("another tender process"));
  other.exec("ROLLBACK");
  take(ws.import_file({"bid", "B.xml", "x", "{}"}, kOfficer));
  CHECK(take(ws.audit_log()).size() == 2);
}

// Makes `file` unwritable even for root (the immutable attribute, where the
// file system has one; plain permissions otherwise). False when neither works.
bool make_read_only(const std::string& file) {
  if (::geteuid() != 0) {
    fs::permissions(file, fs::perms::owner_read);
    return true;
  }
  return std::system(("chattr +i '" + file + "' 2>/dev/null").c_str()) == 0;
}

TEST_CASE("A read-only workspace gives a clear error and is left as it was", "[workspace]") {
  TempDir dir;
  const std::string db = dir.file("t.db");
  take(Workspace::create(db, kOfficer));
  if (!make_read_only(db)) {
    WARN("cannot make a file read-only here (no chattr); check skipped");
    return;
  }
  auto opened = Workspace::open(db);
  std::optional<Error> e;
  if (auto* ws = std::get_if<Workspace>(&opened)) {
    auto got = ws->import_file({"bid", "B.xml", "x", "{}"}, kOfficer);
    if (auto* err = std::get_if<Error>(&got)) e = *err;
  } else {
    e = std::get<Error>(opened);
  }
  std::system(("chattr -i '" + db + "' 2>/dev/null").c_str());
  fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write);
  REQUIRE(e);
  CHECK(e->fault == Fault::read_only);
  CHECK_THAT(e->message, Catch::Contains("t.db"));
  Workspace ws = take(Workspace::open(db));
  CHECK(take(ws.audit_log()).size() == 1);
}

TEST_CASE("Bad audit detail is refused without writing", "[workspace]") {
  TempDir dir;
  Workspace ws = take(Workspace::create(dir.file("t.db"), kOfficer));
  CHECK(failure(ws.record("decide", "B01", "{not json", kOfficer)).fault == Fault::io);
  CHECK(take(ws.audit_log()).size() == 1);
}

namespace {

// The problems verify() finds in the workspace at `db`.
std::vector<AuditProblem> problems_of(const std::string& db) {
  Workspace ws = take(Workspace::open(db, 5000, Workspace::Access::read_only));
  return take(ws.verify()).problems;
}

bool names(const std::vector<AuditProblem>& problems, std::int64_t seq, const std::string& part) {
  for (const auto& p : problems) {
    if (p.seq == seq && p.message.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("Stored files and results are checked against their audit entries", "[workspace]") {
  TempDir dir;
  const std::string db = dir.file("t.db");
  {
    Workspace ws = take(Workspace::create(db, kOfficer));
    take(ws.import_file({"bid", "bids/B01.xml", "<bid/>", "{}"}, kOfficer));
    take(ws.import_file({"bid", "bids/B02.xml", "<bid id='2'/>", "{}"}, kOfficer));
    take(ws.record_evaluation("{\"winner\": \"B01\"}\n", "{}", kOfficer));
    take(ws.import_file({"scores", "scores.csv", "v1", "{}"}, kOfficer));
    take(ws.import_file({"scores", "scores.csv", "v2", "{}"}, kOfficer));
    const auto verified = take(ws.verify());
    CHECK(verified.problems.empty());
    CHECK(verified.head.count == 6);
    const auto latest = take(ws.latest_evaluation());
    CHECK(latest.result_json == "{\"winner\": \"B01\"}\n");
    CHECK(latest.audit_seq == 4);
    CHECK(latest.detail.find("result_sha256") != std::string::npos);
    CHECK(take(ws.find_file("bids/B01.xml", sha256_hex("<bid/>"))) == "<bid/>");
    CHECK_FALSE(take(ws.find_file("bids/B01.xml", sha256_hex("other"))));
  }
  SQLite::Database raw(db, SQLite::OPEN_READWRITE);
  raw.exec("DROP INDEX files_by_entry");  // as someone with the sqlite3 shell could
  SECTION("bytes changed") {
    raw.exec(
        "UPDATE files SET content = CAST('<bid x=\"1\"/>' AS BLOB) WHERE name = 'bids/B02.xml'");
    const auto p = problems_of(db);
    REQUIRE(p.size() == 1);
    CHECK(names(p, 3, "bids/B02.xml"));
    CHECK(names(p, 3, "changed"));
  }
  SECTION("bytes and recorded hash changed together") {
    raw.exec("UPDATE files SET content = CAST('x' AS BLOB), sha256 = '" + sha256_hex("x") +
             "' WHERE name = 'bids/B01.xml'");
    const auto p = problems_of(db);
    REQUIRE(p.size() == 1);
    CHECK(names(p, 2, "does not match audit entry 2"));
  }
  SECTION("result changed") {
    raw.exec("UPDATE evaluations SET result_json = '{\"winner\": \"B02\"}'");
    const auto p = problems_of(db);
    REQUIRE(p.size() == 1);
    CHECK(names(p, 4, "evaluation 1"));
  }
  SECTION("the newest version of a file deleted, so the old one looks current") {
    raw.exec("DELETE FROM files WHERE audit_seq = 6");
    CHECK(names(problems_of(db), 6, "should have one stored file, but 0 are there"));
  }
  SECTION("a file row copied under a new id") {
    raw.exec(
        "INSERT INTO files(role, name, sha256, size, content, audit_seq) SELECT role, name, "
        "sha256, size, content, audit_seq FROM files WHERE audit_seq = 5");
    CHECK(names(problems_of(db), 5, "but 2 are there"));
  }
  SECTION("an old version re-pointed at a newer entry") {
    raw.exec("UPDATE files SET audit_seq = 99 WHERE audit_seq = 6");
    raw.exec("UPDATE files SET audit_seq = 6 WHERE audit_seq = 5");
    const auto p = problems_of(db);
    CHECK(names(p, 5, "but 0 are there"));
    CHECK(names(p, 6, "does not match audit entry 6"));
    CHECK(names(p, 99, "no import entry 99"));
  }
  SECTION("a role changed") {
    raw.exec("UPDATE files SET role = 'moderation' WHERE audit_seq = 2");
    CHECK(names(problems_of(db), 2, "does not match"));
  }
  SECTION("the evaluation deleted") {
    raw.exec("DELETE FROM evaluations");
    CHECK(names(problems_of(db), 4, "should have one stored result, but 0"));
  }
  SECTION("a non-string hash in an entry's detail is a finding, not a failure") {
    raw.exec("UPDATE audit SET detail = '{\"sha256\": 5}' WHERE seq = 3");
    const auto p = problems_of(db);
    CHECK(names(p, 3, "changed after it was written"));
    CHECK(names(p, 3, "does not match audit entry 3"));
  }
}

TEST_CASE("The current file is the latest import by audit entry, not by row id", "[workspace]") {
  TempDir dir;
  const std::string db = dir.file("t.db");
  {
    Workspace ws = take(Workspace::create(db, kOfficer));
    take(ws.import_file({"scores", "scores.csv", "v1", "{}"}, kOfficer));
    take(ws.import_file({"scores", "scores.csv", "v2", "{}"}, kOfficer));
  }
  {
    SQLite::Database raw(db, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE files SET id = 100 WHERE audit_seq = 2");  // the old row gets the top id
  }
  Workspace ws = take(Workspace::open(db));
  const auto files = take(ws.current_files());
  REQUIRE(files.size() == 1);
  CHECK(take(ws.file_bytes(files[0].id)) == "v2");
}

TEST_CASE("A workspace in a folder nobody may write to can still be verified", "[workspace]") {
  TempDir dir;
  const std::string db = dir.file("t.db");
  take(Workspace::create(db, kOfficer));
  const std::string folder = dir.path.string();
  const bool locked =
      ::geteuid() == 0
          ? std::system(("chattr +i '" + db + "' '" + folder + "' 2>/dev/null").c_str()) == 0
          : true;
  if (::geteuid() != 0) {
    fs::permissions(db, fs::perms::owner_read);
    fs::permissions(dir.path, fs::perms::owner_read | fs::perms::owner_exec);
  }
  if (!locked) {
    WARN("cannot make a folder read-only here (no chattr); check skipped");
    return;
  }
  auto opened = Workspace::open(db, 5000, Workspace::Access::read_only);
  std::optional<std::size_t> entries;
  std::string why;
  if (auto* ws = std::get_if<Workspace>(&opened)) {
    auto v = ws->verify();
    if (auto* ok = std::get_if<Workspace::Verification>(&v)) {
      entries = ok->entries.size();
      CHECK(ok->problems.empty());
    } else {
      why = std::get<Error>(v).message;
    }
  } else {
    why = std::get<Error>(opened).message;
  }
  const bool leftovers = fs::exists(db + "-wal") || fs::exists(db + "-shm");
  if (::geteuid() == 0) {
    std::system(("chattr -i '" + db + "' '" + folder + "' 2>/dev/null").c_str());
  } else {
    fs::permissions(dir.path, fs::perms::owner_all);
    fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write);
  }
  INFO(why);
  REQUIRE(entries);
  CHECK(*entries == 1);
  CHECK_FALSE(leftovers);
}
