// The fixed vocabulary of EVALUATION.md: every exclusion reason and flag the
// engine can raise. Reports, the store and tests match on these names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tender {

enum class Code {
  // Exclusions (a bid's `reasons`)
  gate,          // GATE: a gate answered fail, or not answered
  turnover,      // TURNOVER: declared turnover below the minimum, or none
  bond,          // BOND: cannot provide the required performance bond
  guarantee,     // GUARANTEE: cannot provide the required parent guarantee
  threshold,     // THRESHOLD: moderated score below a criterion's threshold
  alt_rejected,  // ALT_REJECTED: abnormally low and the explanation rejected
  over_budget,   // OVER_BUDGET: price above budget with over-budget="exclude"
  // Bid flags
  spread,      // SPREAD: evaluators disagree by spread-flag or more
  arithmetic,  // ARITHMETIC: stated total differs from the sum of lines
  alt,         // ALT: abnormally low price
  overclaim,   // OVERCLAIM: social value above overclaim-ratio x price
  tie,         // TIE: tie not resolved by the tie-break (also round-level)
  cashflow,    // CASHFLOW: SME/VCSE reserves below the working capital
  // Round flags: barriers (§7)
  b_turnover,
  b_bond,
  b_guarantee,
  b_cashflow,
  b_payterms,
  b_insurance,
  b_lots,
  b_timeline,
  b_price_dominant,
  b_sv_low,
  // Round flags: alignment (§8)
  a_uncovered,
  a_orphan,
  a_inversion,
  // Round flag: withdrawal test (§9)
  rank_reversal,
};

// The spec's name of `code`: "GATE", "B-CASHFLOW", "RANK-REVERSAL", ...
std::string_view to_string(Code code);

// The code named `name`, if any.
std::optional<Code> code_from_string(std::string_view name);

// True for TURNOVER, BOND and GUARANTEE, the exclusions §7 reports on.
bool is_barrier_exclusion(Code code);

// A flag or reason: a code, a human message, and what it concerns (a
// criterion, gate, outcome pair "O1>O3", or bid; empty when the whole).
struct Flag {
  Code code;
  std::string message;
  std::string subject;
};

// Orders flags by code name, then subject (RULES §31).
bool flag_less(const Flag& a, const Flag& b);

}  // namespace tender
