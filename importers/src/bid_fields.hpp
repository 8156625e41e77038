// Value sets shared by the two bid forms (bid.xml and the bid workbook).
#pragma once

#include <string_view>

namespace tender::importers {

// sme, vcse, large, public, mutual (FORMATS.md).
inline bool valid_bidder_type(std::string_view t) {
  return t == "sme" || t == "vcse" || t == "large" || t == "public" || t == "mutual";
}

// micro, small, medium, large (FORMATS.md). Empty is allowed (not declared).
inline bool valid_bidder_size(std::string_view s) {
  return s.empty() || s == "micro" || s == "small" || s == "medium" || s == "large";
}

inline bool valid_gate_answer(std::string_view a) { return a == "pass" || a == "fail"; }

}  // namespace tender::importers
