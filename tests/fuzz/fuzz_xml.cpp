// libFuzzer target: the XML importers (round.xml, bid.xml, policy.xml, eForms
// notices) and the role detection of `tender import`.
//
// The same bytes go through parse_round, parse_bid (as "fuzz.xml", so a zip
// is still told apart by content), parse_policy, parse_notice and
// detect_role. Nothing is written; every result is dropped.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tender/importers/notice.hpp"
#include "tender/importers/parse.hpp"

// The name is libFuzzer's.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const tender::importers::SourceFile file{
      "fuzz.xml", std::string(reinterpret_cast<const char*>(data), size), {}};
  (void)tender::importers::parse_round(file);
  (void)tender::importers::parse_bid(file);
  (void)tender::importers::parse_policy(file);
  (void)tender::importers::parse_notice(file);
  (void)tender::importers::detect_role(file);
  return 0;
}
