#include "tender/store/audit.hpp"

#include <sodium.h>

#include <array>

namespace tender::store {
namespace {

// Appends "<decimal length>:<bytes>\n", the field encoding of entry_hash.
void put_field(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '\n';
}

std::string describe(const AuditEntry& e) {
  std::string text = "entry " + std::to_string(e.seq) + " (" + e.action;
  if (!e.subject.empty()) text += " " + e.subject;
  if (!e.at.empty()) text += ", " + e.at;
  if (!e.actor.empty()) text += " by " + e.actor;
  return text + ")";
}

}  // namespace

const std::string& genesis_hash() {
  static const std::string zeros(64, '0');
  return zeros;
}

std::string sha256_hex(const std::string& bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char b : digest) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex;
}

std::string entry_hash(const AuditEntry& e) {
  std::string text = "tender-audit-1\n";
  put_field(text, std::to_string(e.seq));
  for (const std::string* field :
       {&e.at, &e.actor, &e.action, &e.subject, &e.reason, &e.detail, &e.prev}) {
    put_field(text, *field);
  }
  return sha256_hex(text);
}

std::vector<AuditProblem> verify_chain(const std::vector<AuditEntry>& rows, const AuditHead& head) {
  std::vector<AuditProblem> problems;
  std::string prev = genesis_hash();
  std::int64_t expected_seq = 1;
  for (const AuditEntry& e : rows) {
    if (e.seq > expected_seq) {
      const std::string gap = e.seq == expected_seq + 1
                                  ? "entry " + std::to_string(expected_seq) + " is"
                                  : "entries " + std::to_string(expected_seq) + " to " +
                                        std::to_string(e.seq - 1) + " are";
      problems.push_back({expected_seq, gap + " missing before " + describe(e) + " (deleted)"});
    } else if (e.seq < expected_seq) {
      problems.push_back({e.seq, describe(e) + " comes after entry " +
                                     std::to_string(expected_seq - 1) +
                                     " (inserted, repeated or moved)"});
    }
    if (entry_hash(e) != e.hash) {
      problems.push_back(
          {e.seq, describe(e) + ": its content was changed after it was written (hash mismatch)"});
    }
    if (e.prev != prev) {
      problems.push_back({e.seq, describe(e) + ": does not follow the entry before it; an entry "
                                               "was deleted, inserted or moved before this one"});
    }
    prev = e.hash;
    expected_seq = e.seq + 1;
  }
  const auto count = static_cast<std::int64_t>(rows.size());
  if (count != head.count || prev != head.hash) {
    problems.push_back({0, "the log holds " + std::to_string(count) + " entries ending in " +
                               prev.substr(0, 12) + "..., but the recorded head is " +
                               std::to_string(head.count) + " entries ending in " +
                               head.hash.substr(0, 12) +
                               "...; entries were removed from or added to the end"});
  }
  return problems;
}

}  // namespace tender::store
