// Parsers for each input file of FORMATS.md: bytes in, validated engine
// structs (or every diagnostic) out. They check form (well-formed, required
// fields, numbers finite and non-negative, ids well-formed); references
// between files are the engine's `validate`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tender/engine/diagnostic.hpp"
#include "tender/engine/model.hpp"

namespace tender::importers {

// One input file read whole, with its SHA-256 for the result's `inputs`.
struct SourceFile {
  std::string path;  // as the user gave it; used in diagnostics
  std::string bytes;
  std::string sha256;  // lower-case hex
};

// Largest input file read (bigger ones are refused before reading).
inline constexpr std::uint64_t kMaxFileBytes = 1ULL << 30;

// Most problems listed for one file. A broken file can have a problem on
// every line, a million of them; past this many, reading that file stops
// with a note (like a compiler's error limit), so memory and output stay
// bounded and the first problems stay readable.
inline constexpr std::size_t kMaxProblemsPerFile = 100;

// True, after adding a "too many problems" note once, when `problems` (one
// file's) has reached kMaxProblemsPerFile: the caller stops reading.
bool too_many_problems(Diagnostics& problems, const std::string& file);

// Reads `path` whole. Fails (DiagCode::missing) when it cannot be opened,
// refused when larger than `max_bytes`.
Result<SourceFile> read_source(const std::string& path, std::uint64_t max_bytes = kMaxFileBytes);

// Lower-case hex SHA-256 of `bytes` (libsodium).
std::string sha256_hex(const std::string& bytes);

// round.xml (namespace urn:tender-engine:round:1).
Result<Round> parse_round(const SourceFile& file);

// A bid: bid.xml (urn:tender-engine:bid:1) or a bid workbook, told apart by
// content (a zip is a workbook), so a misnamed file still gets a clear error.
Result<Bid> parse_bid(const SourceFile& file);

// Evaluators' scores: CSV, or a workbook with a sheet named "scores".
Result<std::vector<Score>> parse_scores(const SourceFile& file);

// Moderation entries: CSV, or a workbook with a sheet named "moderation".
Result<std::vector<ModerationEntry>> parse_moderation(const SourceFile& file);

// Decisions: CSV, or a workbook with a sheet named "decisions".
Result<std::vector<Decision>> parse_decisions(const SourceFile& file);

// policy.xml (urn:tender-engine:policy:1). Thresholds it omits keep the
// spec's defaults. `source` of the result is the file's path.
Result<Policy> parse_policy(const SourceFile& file);

// What kind of input `file` is, from its content alone: "round", "bid" or
// "policy" (an XML file's root element), "bid" (a workbook), or "scores",
// "moderation" or "decisions" (a workbook with that sheet, or a CSV whose
// header has the format's telling column). nullopt when none fits; the
// parser of the role then checks the file in full.
std::optional<std::string> detect_role(const SourceFile& file);

// The shipped default policy (data/policy/default.xml, compiled in).
Policy default_policy();

// The text of the shipped default policy file.
const std::string& default_policy_xml();

}  // namespace tender::importers
