#include "tender/engine/codes.hpp"

#include <array>
#include <utility>

namespace tender {
namespace {

constexpr std::array<std::pair<Code, std::string_view>, 27> kNames{{
    {Code::gate, "GATE"},
    {Code::turnover, "TURNOVER"},
    {Code::bond, "BOND"},
    {Code::guarantee, "GUARANTEE"},
    {Code::threshold, "THRESHOLD"},
    {Code::alt_rejected, "ALT_REJECTED"},
    {Code::over_budget, "OVER_BUDGET"},
    {Code::spread, "SPREAD"},
    {Code::arithmetic, "ARITHMETIC"},
    {Code::alt, "ALT"},
    {Code::overclaim, "OVERCLAIM"},
    {Code::tie, "TIE"},
    {Code::cashflow, "CASHFLOW"},
    {Code::b_turnover, "B-TURNOVER"},
    {Code::b_bond, "B-BOND"},
    {Code::b_guarantee, "B-GUARANTEE"},
    {Code::b_cashflow, "B-CASHFLOW"},
    {Code::b_payterms, "B-PAYTERMS"},
    {Code::b_insurance, "B-INSURANCE"},
    {Code::b_lots, "B-LOTS"},
    {Code::b_timeline, "B-TIMELINE"},
    {Code::b_price_dominant, "B-PRICE-DOMINANT"},
    {Code::b_sv_low, "B-SV-LOW"},
    {Code::a_uncovered, "A-UNCOVERED"},
    {Code::a_orphan, "A-ORPHAN"},
    {Code::a_inversion, "A-INVERSION"},
    {Code::rank_reversal, "RANK-REVERSAL"},
}};

}  // namespace

std::string_view to_string(Code code) {
  for (const auto& [c, name] : kNames) {
    if (c == code) return name;
  }
  return "UNKNOWN";
}

std::optional<Code> code_from_string(std::string_view name) {
  for (const auto& [c, n] : kNames) {
    if (n == name) return c;
  }
  return std::nullopt;
}

bool is_barrier_exclusion(Code code) {
  return code == Code::turnover || code == Code::bond || code == Code::guarantee;
}

bool flag_less(const Flag& a, const Flag& b) {
  const auto an = to_string(a.code);
  const auto bn = to_string(b.code);
  if (an != bn) return an < bn;
  return a.subject < b.subject;
}

}  // namespace tender
