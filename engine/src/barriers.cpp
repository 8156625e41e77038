// §7 barriers to SME and voluntary-sector bidders.
#include <algorithm>
#include <cstddef>

#include "analyses.hpp"
#include "text.hpp"

namespace tender::engine {

double working_capital(const Round& r) {
  if (!r.payment) return 0;
  const Payment& pay = *r.payment;
  const double s = pay.results_share;
  return r.annual_value / 12.0 * ((1 - s) * pay.arrears_months + s * pay.results_lag_months);
}

namespace {

double social_value_weight(const Round& r) {
  double sum = 0;
  for (const auto& c : r.criteria) {
    if (c.kind == CriterionKind::social_value || c.kind == CriterionKind::social_value_measures) {
      sum += c.weight;
    }
  }
  return sum;
}

void requirement_flags(const Round& r, const Policy& pol, std::vector<Flag>& out) {
  const double annual = r.annual_value;
  if (r.min_turnover && *r.min_turnover > pol.turnover_multiple * annual) {
    out.push_back({Code::b_turnover,
                   "minimum turnover " + text::amount(*r.min_turnover) + " is more than " +
                       text::number(pol.turnover_multiple) + " x the annual value " +
                       text::amount(annual),
                   {}});
  }
  if (r.bond_percent && *r.bond_percent > 0) {
    out.push_back({Code::b_bond,
                   "a performance bond of " + text::number(*r.bond_percent) +
                       "% is required; small providers often cannot get one",
                   {}});
  }
  if (r.parent_guarantee) {
    out.push_back({Code::b_guarantee,
                   "a parent company guarantee is required; independent SMEs and charities "
                   "have no parent to give one",
                   {}});
  }
  for (const auto& ins : r.insurance) {
    if (ins.amount > pol.insurance_multiple * annual) {
      out.push_back({Code::b_insurance,
                     (ins.kind.empty() ? std::string("insurance") : ins.kind + " insurance") +
                         " of " + text::amount(ins.amount) + " is more than " +
                         text::number(pol.insurance_multiple) + " x the annual value",
                     ins.kind});
    }
  }
}

void contract_flags(const Round& r, const Policy& pol, std::vector<Flag>& out) {
  const double monthly = r.annual_value / 12.0;
  const double w = working_capital(r);
  if (r.payment && w > pol.cashflow_months * monthly) {
    out.push_back({Code::b_cashflow,
                   "a provider needs working capital of " + text::amount(w) + ", more than " +
                       text::number(pol.cashflow_months) + " months of contract value",
                   {}});
  }
  if (r.payment && r.payment->terms_days > pol.payment_days) {
    out.push_back({Code::b_payterms,
                   "payment terms of " + text::number(r.payment->terms_days) +
                       " days are longer than " + text::number(pol.payment_days),
                   {}});
  }
  const double whole = r.annual_value * r.years;
  if (r.lots == 1 && whole > pol.lot_value) {
    out.push_back({Code::b_lots,
                   "one lot worth " + text::amount(whole) + ", more than " +
                       text::amount(pol.lot_value) + "; consider lots",
                   {}});
  }
  if (r.published && r.deadline) {
    const long days = days_since_epoch(*r.deadline) - days_since_epoch(*r.published);
    if (static_cast<double>(days) < pol.min_days) {
      out.push_back({Code::b_timeline,
                     std::to_string(days) +
                         " days from publication to "
                         "deadline, fewer than " +
                         text::number(pol.min_days),
                     {}});
    }
  }
}

void weight_flags(const Round& r, const Policy& pol, std::vector<Flag>& out) {
  for (const auto& c : r.criteria) {
    if (c.kind == CriterionKind::price && c.weight > pol.max_price_weight) {
      out.push_back({Code::b_price_dominant,
                     "price carries " + text::number(c.weight) + "% of the marks, more than " +
                         text::number(pol.max_price_weight) + "%",
                     {}});
    }
  }
  const double sv = social_value_weight(r);
  if (sv < pol.min_social_value) {
    out.push_back({Code::b_sv_low,
                   "social value carries " + text::number(sv) + "% of the marks, less than " +
                       text::number(pol.min_social_value) + "%",
                   {}});
  }
}

}  // namespace

std::vector<Flag> barrier_flags(const Round& r, const Policy& policy) {
  std::vector<Flag> out;
  requirement_flags(r, policy, out);
  contract_flags(r, policy, out);
  weight_flags(r, policy, out);
  std::sort(out.begin(), out.end(), flag_less);
  return out;
}

Alternative barrier_counterfactual(const Prepared& p, const std::optional<std::string>& winner) {
  Alternative alt;
  std::vector<std::size_t> contenders;
  for (std::size_t b = 0; b < p.bids.size(); ++b) {
    if (!selection_reasons(p, b, false).empty()) continue;
    if (!p.facts[b].scored) {  // only possible for a bid let back in (RULES §22)
      alt.unscored.push_back(p.bids[b]->id);
      continue;
    }
    contenders.push_back(b);
  }
  const Contest c = run_contest(p, contenders, round_weights(p.round()), true);
  alt.ranking = c.ranking_ids(p);
  alt.winner = c.winner_id(p);
  alt.winner_changes = alt.winner != winner;
  return alt;
}

}  // namespace tender::engine
