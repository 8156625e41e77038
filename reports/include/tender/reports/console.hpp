// The readable summary `tender evaluate` prints: ranking table, winner,
// exclusions with reasons, flags.
#pragma once

#include <string>

#include "tender/engine/evaluation.hpp"

namespace tender::reports {

// Plain text, at most ~100 columns wide, ending with a newline.
std::string console_summary(const Evaluation& ev);

// The `tender check` summary: barrier flags, working capital, alignment.
std::string console_check(const Evaluation& ev);

}  // namespace tender::reports
