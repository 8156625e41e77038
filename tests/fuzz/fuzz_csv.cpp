// libFuzzer target: the CSV reader and the tables built on it (scores,
// moderation, decisions).
//
// The bytes go through csv::parse, then parse_scores, parse_moderation and
// parse_decisions as "fuzz.csv" (a zip is still told apart by content and
// read as a workbook). Nothing is written; every result is dropped.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tender/importers/csv.hpp"
#include "tender/importers/parse.hpp"

// The name is libFuzzer's.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  // Straight over libFuzzer's buffer, sized exactly, so ASan sees any read
  // past the end (a std::string copy would hide one behind its NUL).
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)tender::importers::csv::parse(text, "fuzz.csv");

  const tender::importers::SourceFile file{"fuzz.csv", std::string(text), {}};
  (void)tender::importers::parse_scores(file);
  (void)tender::importers::parse_moderation(file);
  (void)tender::importers::parse_decisions(file);
  return 0;
}
