#include "tender/store/audit.hpp"

#include <catch2/catch.hpp>

using namespace tender::store;

namespace {

// A well-formed chain of `n` entries.
std::vector<AuditEntry> chain(int n) {
  std::vector<AuditEntry> rows;
  std::string prev = genesis_hash();
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.seq = i;
    e.at = "2026-11-23T10:00:0" + std::to_string(i % 10) + "Z";
    e.actor = "officer";
    e.action = "import";
    e.subject = "bids/B0" + std::to_string(i) + ".xlsx";
    e.detail = "{}";
    e.prev = prev;
    e.hash = entry_hash(e);
    prev = e.hash;
    rows.push_back(e);
  }
  return rows;
}

AuditHead head_of(const std::vector<AuditEntry>& rows) {
  return {static_cast<std::int64_t>(rows.size()), rows.empty() ? genesis_hash() : rows.back().hash};
}

}  // namespace

TEST_CASE("SHA-256 is the standard one", "[audit]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("Every field of an entry is in its hash", "[audit]") {
  const AuditEntry e = chain(1)[0];
  const std::string h = entry_hash(e);
  for (std::string AuditEntry::*field :
       {&AuditEntry::at, &AuditEntry::actor, &AuditEntry::action, &AuditEntry::subject,
        &AuditEntry::reason, &AuditEntry::detail, &AuditEntry::prev}) {
    AuditEntry changed = e;
    changed.*field += "x";
    CHECK(entry_hash(changed) != h);
  }
  AuditEntry renumbered = e;
  renumbered.seq = 2;
  CHECK(entry_hash(renumbered) != h);
  // Length prefixes: moving a character from one field to the next changes the hash.
  AuditEntry shifted = e;
  shifted.actor = "office";
  shifted.action = "rimport";
  CHECK(entry_hash(shifted) != h);
}

TEST_CASE("An intact chain verifies", "[audit]") {
  const auto rows = chain(5);
  CHECK(verify_chain(rows, head_of(rows)).empty());
  CHECK(verify_chain({}, {0, genesis_hash()}).empty());
}

TEST_CASE("An edited entry is named", "[audit]") {
  auto rows = chain(5);
  const AuditHead head = head_of(rows);
  rows[2].reason = "backdated";
  const auto problems = verify_chain(rows, head);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].seq == 3);
  CHECK_THAT(problems[0].message, Catch::Contains("entry 3") && Catch::Contains("changed"));
}

TEST_CASE("An edit that also recomputes the hash is caught at the next entry", "[audit]") {
  auto rows = chain(5);
  const AuditHead head = head_of(rows);
  rows[1].subject = "bids/B99.xlsx";
  rows[1].hash = entry_hash(rows[1]);
  const auto problems = verify_chain(rows, head);
  REQUIRE_FALSE(problems.empty());
  CHECK(problems[0].seq == 3);
  CHECK_THAT(problems[0].message, Catch::Contains("does not follow"));
}

TEST_CASE("Deleted, inserted and reordered entries are named", "[audit]") {
  const auto rows = chain(5);
  const AuditHead head = head_of(rows);
  SECTION("deleted") {
    auto cut = rows;
    cut.erase(cut.begin() + 1);
    const auto problems = verify_chain(cut, head);
    REQUIRE(problems.size() >= 2);
    CHECK(problems[0].seq == 2);
    CHECK_THAT(problems[0].message, Catch::StartsWith("entry 2 is missing"));
  }
  SECTION("inserted") {
    auto more = rows;
    AuditEntry extra = rows[1];
    extra.subject = "late.xlsx";
    more.insert(more.begin() + 2, extra);
    const auto problems = verify_chain(more, head);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].seq == 2);
  }
  SECTION("reordered") {
    auto swapped = rows;
    std::swap(swapped[1], swapped[2]);
    const auto problems = verify_chain(swapped, head);
    REQUIRE(problems.size() >= 2);
    CHECK(problems[0].seq == 2);
    bool named_moved = false;
    for (const auto& p : problems) {
      named_moved = named_moved || (p.seq == 2 && p.message.find("moved") != std::string::npos);
    }
    CHECK(named_moved);
  }
  SECTION("cut short at the end") {
    auto cut = rows;
    cut.pop_back();
    const auto problems = verify_chain(cut, head);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].seq == 0);
    CHECK_THAT(problems[0].message, Catch::Contains("removed from or added to the end"));
  }
}
