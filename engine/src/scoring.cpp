// §2 selection, §3 moderation, §4 price, §5 social value and §6 ranking.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <utility>

#include "contest.hpp"
#include "detmath.hpp"
#include "stats.hpp"
#include "text.hpp"

namespace tender {
namespace {

// Calls `add` with each year's term of a commitment's value (§5), year 0
// first; nothing when the round has no measure `c.measure`. S adds the terms
// of every commitment one by one, in this order.
template <typename Add>
void commitment_terms(const Round& round, const Commitment& c, Add add) {
  const auto m = std::find_if(round.measures.begin(), round.measures.end(),
                              [&](const Measure& x) { return x.id == c.measure; });
  if (m == round.measures.end()) return;
  const double rate = round.discount_rate.value_or(0);
  const double base =
      c.quantity * m->proxy * (1 - m->deadweight) * (1 - m->attribution) * (1 - m->displacement);
  for (int t = 0; t < m->duration; ++t) {
    add(base * engine::det::pow(1 - m->drop_off, t) / engine::det::pow(1 + rate, t));
  }
}

}  // namespace

double commitment_value(const Round& round, const Commitment& c) {
  double value = 0;
  commitment_terms(round, c, [&](double term) { value += term; });
  return value;
}

}  // namespace tender

namespace tender::engine {

bool evaluator_scored(CriterionKind k) {
  return k == CriterionKind::quality || k == CriterionKind::social_value;
}

std::vector<double> round_weights(const Round& r) {
  std::vector<double> w;
  w.reserve(r.criteria.size());
  for (const auto& c : r.criteria) w.push_back(c.weight);
  return w;
}

namespace {

// §4: P, the undiscounted sum, and whether the stated total disagrees.
void price_facts(const Round& r, const Bid& bid, BidFacts& f) {
  if (bid.lines.empty()) {
    f.price = f.undiscounted = bid.stated_total.value_or(0);
    return;
  }
  double discounted = 0, plain = 0;
  for (const auto& line : bid.lines) {
    const double amount = line.quantity * line.rate;
    plain += amount;
    double factor = 1;
    if (r.discount_rate) factor = det::pow(1.0 + *r.discount_rate, line.year - 1);
    discounted += amount / factor;
  }
  f.price = discounted;
  f.undiscounted = plain;
  f.arithmetic = bid.stated_total && std::fabs(*bid.stated_total - plain) > 0.005;
}

// §5: the bid's social value S.
double social_value(const Round& r, const Bid& bid) {
  double total = 0;
  for (const auto& c : bid.commitments) commitment_terms(r, c, [&](double term) { total += term; });
  return total;
}

// Scores and moderation entries grouped by (bid, criterion), in file order,
// so each bid's facts are found without scanning every score again.
struct ScoreIndex {
  using Key = std::pair<std::string, std::string>;
  std::map<Key, std::vector<const Score*>> scores;
  std::map<Key, const ModerationEntry*> moderation;

  explicit ScoreIndex(const Inputs& in) {
    for (const auto& s : in.scores) scores[{s.bid, s.criterion}].push_back(&s);
    for (const auto& m : in.moderation) moderation.emplace(Key{m.bid, m.criterion}, &m);
  }
};

// §3: evaluator scores, moderated score and spread on one criterion.
CriterionResult moderate(const Inputs& in, const ScoreIndex& index, const Bid& bid,
                         const Criterion& c) {
  CriterionResult out;
  std::vector<double> values;
  const ScoreIndex::Key key{bid.id, c.id};
  if (const auto it = index.scores.find(key); it != index.scores.end()) {
    for (const Score* s : it->second) {
      out.evaluators.push_back({s->evaluator, s->score, s->comment});
      values.push_back(s->score);
    }
  }
  std::sort(
      out.evaluators.begin(), out.evaluators.end(),
      [](const EvaluatorScore& a, const EvaluatorScore& b) { return a.evaluator < b.evaluator; });
  if (!values.empty()) {
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    out.spread = *hi - *lo;
  }
  if (const auto it = index.moderation.find(key); it != index.moderation.end()) {
    out.moderated = it->second->score;
    out.from_moderation = true;
    out.rationale = it->second->rationale;
    return out;
  }
  if (values.empty()) return out;
  switch (in.round.moderation) {
    case ModerationMethod::median:
      out.moderated = stats::median(values);
      break;
    case ModerationMethod::mean:
      out.moderated = stats::mean(values);
      break;
    case ModerationMethod::consensus:
      if (out.spread.value_or(0) == 0) out.moderated = values.front();
      break;
  }
  return out;
}

BidFacts bid_facts(const Inputs& in, const ScoreIndex& index, const Bid& bid) {
  BidFacts f;
  price_facts(in.round, bid, f);
  f.social_value = social_value(in.round, bid);
  for (const auto& c : in.round.criteria) {
    if (evaluator_scored(c.kind)) {
      f.criteria.push_back(moderate(in, index, bid, c));
      if (!f.criteria.back().moderated) f.scored = false;
    } else {
      f.criteria.emplace_back();
    }
  }
  for (const auto& d : in.decisions) {
    if (d.bid == bid.id && d.subject == "ALT") f.alt_decision = d.decision;
  }
  return f;
}

}  // namespace

Prepared prepare(const Inputs& in) {
  Prepared p;
  p.in = &in;
  for (const auto& b : in.bids) p.bids.push_back(&b);
  std::sort(p.bids.begin(), p.bids.end(), [](const Bid* a, const Bid* b) { return a->id < b->id; });
  const ScoreIndex index(in);
  for (const Bid* b : p.bids) p.facts.push_back(bid_facts(in, index, *b));
  for (std::size_t i = 0; i < in.round.criteria.size(); ++i) {
    if (in.round.criteria[i].kind == CriterionKind::price) p.price_criterion = i;
  }
  return p;
}

namespace {

// The answer to gate `g` after decisions, and the decision's rationale.
std::string gate_answer(const Inputs& in, const Bid& bid, const Gate& g, bool& by_decision) {
  by_decision = false;
  for (const auto& d : in.decisions) {
    if (d.bid == bid.id && d.subject == g.id) {
      by_decision = true;
      return d.decision;
    }
  }
  for (const auto& a : bid.gates) {
    if (a.gate == g.id) return a.answer;
  }
  return {};
}

}  // namespace

std::vector<Flag> selection_reasons(const Prepared& p, std::size_t b, bool barriers) {
  const Inputs& in = *p.in;
  const Round& r = in.round;
  const Bid& bid = *p.bids[b];
  std::vector<Flag> out;
  for (const auto& g : r.gates) {
    bool by_decision = false;
    const std::string answer = gate_answer(in, bid, g, by_decision);
    if (answer == "pass") continue;
    std::string msg =
        answer.empty() ? "no answer to gate " + g.id : "gate " + g.id + " answered " + answer;
    if (by_decision) msg = "gate " + g.id + " set to fail by decision";
    out.push_back({Code::gate, msg, g.id});
  }
  if (!barriers) return out;
  if (r.min_turnover) {
    const auto& t = bid.bidder.turnover;
    if (!t) {
      out.push_back({Code::turnover,
                     "no turnover declared; the minimum is " + text::amount(*r.min_turnover),
                     {}});
    } else if (*t < *r.min_turnover) {
      out.push_back({Code::turnover,
                     "declared turnover " + text::amount(*t) + " is below the minimum " +
                         text::amount(*r.min_turnover),
                     {}});
    }
  }
  if (r.bond_percent && *r.bond_percent > 0 && !bid.bidder.can_provide_bond) {
    out.push_back(
        {Code::bond,
         "cannot provide the required performance bond of " + text::number(*r.bond_percent) + "%",
         {}});
  }
  if (r.parent_guarantee && !bid.bidder.can_provide_guarantee) {
    out.push_back({Code::guarantee, "cannot provide the required parent company guarantee", {}});
  }
  return out;
}

namespace {

// §4 abnormally low tenders: the bids of `set` whose P is below the reference.
std::vector<std::size_t> alt_bids(const Prepared& p, const std::vector<std::size_t>& set) {
  const auto& alt = p.round().abnormally_low;
  if (!alt || set.empty()) return {};
  std::vector<double> prices;
  prices.reserve(set.size());
  for (std::size_t b : set) prices.push_back(p.facts[b].price);
  const double ref =
      alt->of == CentralMeasure::median ? stats::median(prices) : stats::mean(prices);
  std::vector<std::size_t> out;
  for (std::size_t b : set) {
    if (p.facts[b].price < alt->below * ref) out.push_back(b);
  }
  return out;
}

// §4 price score on 0..1.
double price_unit(const Round& r, const Criterion& c, double price, double lowest) {
  switch (c.formula) {
    case PriceFormula::lowest_ratio:
      return lowest / price;
    case PriceFormula::deviation:
      return std::max(0.0, 1 - (price - lowest) / lowest);
    case PriceFormula::linear_budget: {
      const double budget = r.budget.value_or(0);
      if (budget <= lowest) return price == lowest ? 1.0 : 0.0;
      return std::clamp((budget - price) / (budget - lowest), 0.0, 1.0);
    }
  }
  return 0;
}

// Unit scores of every criterion for the bids in `set` (§3–§5).
std::vector<Entry> unit_scores(const Prepared& p, const std::vector<std::size_t>& set) {
  const Round& r = p.round();
  double lowest = 0, best_sv = 0;
  for (std::size_t i = 0; i < set.size(); ++i) {
    const auto& f = p.facts[set[i]];
    lowest = i == 0 ? f.price : std::min(lowest, f.price);
    best_sv = std::max(best_sv, f.social_value);
  }
  std::vector<Entry> out;
  for (std::size_t b : set) {
    Entry e;
    e.bid = b;
    const auto& f = p.facts[b];
    for (std::size_t c = 0; c < r.criteria.size(); ++c) {
      const Criterion& crit = r.criteria[c];
      double u = 0;
      if (evaluator_scored(crit.kind)) u = f.criteria[c].moderated.value_or(0) / crit.scale;
      if (crit.kind == CriterionKind::price) u = price_unit(r, crit, f.price, lowest);
      if (crit.kind == CriterionKind::social_value_measures) {
        u = best_sv > 0 ? f.social_value / best_sv : 0;
      }
      e.unit.push_back(u);
    }
    out.push_back(std::move(e));
  }
  return out;
}

bool threshold_fails(const Prepared& p, std::size_t b, Flag& reason) {
  const Round& r = p.round();
  for (std::size_t c = 0; c < r.criteria.size(); ++c) {
    const Criterion& crit = r.criteria[c];
    const auto& m = p.facts[b].criteria[c].moderated;
    if (!crit.threshold || !m || !evaluator_scored(crit.kind)) continue;
    if (*m < *crit.threshold - kTieTolerance) {  // RULES §2
      reason = {Code::threshold,
                "moderated score " + text::number(*m) + " on " + crit.id +
                    " is below the threshold " + text::number(*crit.threshold),
                crit.id};
      return true;
    }
  }
  return false;
}

}  // namespace

Contest run_contest(const Prepared& p, const std::vector<std::size_t>& contenders,
                    const std::vector<double>& weights, bool exclusions) {
  Contest out;
  std::vector<std::size_t> set;
  for (std::size_t b : contenders) {
    Flag reason;
    if (exclusions && threshold_fails(p, b, reason)) {
      out.excluded.emplace_back(b, reason);
    } else {
      set.push_back(b);
    }
  }
  out.alt = alt_bids(p, set);
  const Round& r = p.round();
  std::vector<std::size_t> final_set;
  for (std::size_t b : set) {
    const auto& f = p.facts[b];
    const bool is_alt = std::find(out.alt.begin(), out.alt.end(), b) != out.alt.end();
    if (exclusions && is_alt && f.alt_decision == "reject") {
      out.excluded.emplace_back(b, Flag{Code::alt_rejected,
                                        "abnormally low price " + text::amount(f.price) +
                                            " and the explanation was rejected",
                                        {}});
    } else if (exclusions && r.over_budget == OverBudget::exclude && r.budget &&
               f.price > *r.budget) {
      out.excluded.emplace_back(b, Flag{Code::over_budget,
                                        "evaluated price " + text::amount(f.price) +
                                            " exceeds the budget " + text::amount(*r.budget),
                                        {}});
    } else {
      final_set.push_back(b);
    }
  }
  out.ranked = unit_scores(p, final_set);
  out.winner = rank_entries(p, weights, out.ranked);
  return out;
}

namespace {

double group_sum(const Round& r, const std::vector<double>& weights, const Entry& e, KindGroup g) {
  double sum = 0;
  for (std::size_t c = 0; c < r.criteria.size(); ++c) {
    const auto k = r.criteria[c].kind;
    const bool in = (g == KindGroup::quality && k == CriterionKind::quality) ||
                    (g == KindGroup::price && k == CriterionKind::price) ||
                    (g == KindGroup::social_value && (k == CriterionKind::social_value ||
                                                      k == CriterionKind::social_value_measures));
    if (in) sum += e.unit[c] * weights[c];
  }
  return sum;
}

// -1 when a ranks ahead of b, 1 when behind, 0 when tied (§6).
int compare_entries(const Round& r, const std::vector<double>& weights, const Entry& a,
                    const Entry& b) {
  if (std::fabs(a.total - b.total) > kTieTolerance) return a.total > b.total ? -1 : 1;
  for (KindGroup g : r.tie_break) {
    const double ga = group_sum(r, weights, a, g);
    const double gb = group_sum(r, weights, b, g);
    if (std::fabs(ga - gb) > kTieTolerance) return ga > gb ? -1 : 1;
  }
  return 0;
}

}  // namespace

std::optional<std::size_t> rank_entries(const Prepared& p, const std::vector<double>& weights,
                                        std::vector<Entry>& entries) {
  const Round& r = p.round();
  for (auto& e : entries) {
    e.total = 0;
    for (std::size_t c = 0; c < e.unit.size(); ++c) e.total += e.unit[c] * weights[c];
  }
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    const int cmp = compare_entries(r, weights, a, b);
    if (cmp != 0) return cmp < 0;
    return p.bids[a.bid]->id < p.bids[b.bid]->id;
  });
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].tied = false;
    entries[i].rank = static_cast<int>(i) + 1;
  }
  for (std::size_t i = 1; i < entries.size(); ++i) {
    if (compare_entries(r, weights, entries[i - 1], entries[i]) == 0) {
      entries[i].rank = entries[i - 1].rank;
      entries[i].tied = entries[i - 1].tied = true;
    }
  }
  if (entries.empty() || (entries.size() > 1 && entries[1].rank == 1)) return std::nullopt;
  return entries.front().bid;
}

std::vector<std::string> Contest::ranking_ids(const Prepared& p) const {
  std::vector<std::string> ids;
  for (const auto& e : ranked) ids.push_back(p.bids[e.bid]->id);
  return ids;
}

std::optional<std::string> Contest::winner_id(const Prepared& p) const {
  if (!winner) return std::nullopt;
  return p.bids[*winner]->id;
}

}  // namespace tender::engine
