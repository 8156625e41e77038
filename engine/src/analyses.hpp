// The round-level analyses of §7–§9, each a function of the prepared inputs
// and the real contest.
#pragma once

#include <vector>

#include "contest.hpp"

namespace tender::engine {

// §7 working capital W (0 without a payment element).
double working_capital(const Round& r);

// §7 round-level barrier flags (B-*), sorted (RULES §31).
std::vector<Flag> barrier_flags(const Round& r, const Policy& policy);

// §8 effective weight of each outcome, flags (A-*), tau, and the
// priority-weighted criterion weights. Fills everything but the counterfactual
// ranking.
Alignment alignment(const Round& r, std::vector<Flag>& flags);

// §7 barrier counterfactual: §2–§6 again with TURNOVER, BOND and GUARANTEE off.
Alternative barrier_counterfactual(const Prepared& p, const std::optional<std::string>& winner);

// §9 one-at-a-time sensitivity over the real contest. Empty without a winner.
std::vector<OneAtATime> one_at_a_time(const Prepared& p, const Contest& real);

// §9 withdrawal test. Empty without a winner.
std::vector<Withdrawal> withdrawal_test(const Prepared& p, const Contest& real);

// §9 SMAA over the real contest's ranked bids.
Smaa smaa(const Prepared& p, const Contest& real, const Options& options);

}  // namespace tender::engine
