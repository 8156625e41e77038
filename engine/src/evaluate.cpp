// evaluate(): the whole of EVALUATION.md, §2 to §9, assembled into one value.
#include <algorithm>
#include <cstddef>

#include "analyses.hpp"
#include "text.hpp"

namespace tender {
namespace engine {
namespace {

bool contains(const std::vector<std::size_t>& v, std::size_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The flags every bid carries whatever its status (ARITHMETIC, CASHFLOW).
void intrinsic_flags(const Prepared& p, std::size_t b, double w, std::vector<Flag>& flags) {
  const Bid& bid = *p.bids[b];
  const BidFacts& f = p.facts[b];
  if (f.arithmetic) {
    flags.push_back({Code::arithmetic,
                     "stated total " + text::amount(*bid.stated_total) +
                         " differs from the sum of its lines " + text::amount(f.undiscounted) +
                         "; the computed figure is used",
                     {}});
  }
  const auto& reserves = bid.bidder.reserves;
  const bool small = bid.bidder.type == "sme" || bid.bidder.type == "vcse";
  if (small && w > 0 && reserves && *reserves < w) {
    flags.push_back({Code::cashflow,
                     "declared reserves " + text::amount(*reserves) +
                         " are below the working capital " + text::amount(w) +
                         " the payment terms require",
                     {}});
  }
}

void spread_flags(const Prepared& p, std::size_t b, std::vector<Flag>& flags) {
  const Round& r = p.round();
  if (!r.spread_flag) return;
  for (std::size_t c = 0; c < r.criteria.size(); ++c) {
    const auto& cr = p.facts[b].criteria[c];
    if (cr.from_moderation || !cr.spread || *cr.spread < *r.spread_flag) continue;
    flags.push_back({Code::spread,
                     "evaluators' scores on " + r.criteria[c].id + " differ by " +
                         text::number(*cr.spread) + " (flag at " + text::number(*r.spread_flag) +
                         "); moderate before award",
                     r.criteria[c].id});
  }
}

BidResult base_result(const Prepared& p, std::size_t b) {
  const Bid& bid = *p.bids[b];
  const BidFacts& f = p.facts[b];
  BidResult out;
  out.id = bid.id;
  out.bidder = bid.bidder;
  out.price = f.price;
  out.price_undiscounted = f.undiscounted;
  out.stated_total = bid.stated_total;
  out.social_value = f.social_value;
  out.social_return = f.social_value / f.price;
  const Round& r = p.round();
  for (std::size_t c = 0; c < r.criteria.size(); ++c) {
    if (evaluator_scored(r.criteria[c].kind)) out.scores[r.criteria[c].id] = f.criteria[c];
  }
  return out;
}

void ranked_result(const Prepared& p, const Entry& e, BidResult& out) {
  const Round& r = p.round();
  out.status = BidStatus::ranked;
  out.rank = e.rank;
  out.total = e.total;
  for (std::size_t c = 0; c < r.criteria.size(); ++c) {
    auto& cr = out.scores[r.criteria[c].id];
    cr.unit = e.unit[c];
    cr.weighted = e.unit[c] * r.criteria[c].weight;
  }
  const BidFacts& f = p.facts[e.bid];
  if (f.social_value > r.overclaim_ratio * f.price) {
    out.flags.push_back({Code::overclaim,
                         "claimed social value " + text::amount(f.social_value) + " exceeds " +
                             text::number(r.overclaim_ratio) + " x the price; verify before award",
                         {}});
  }
  if (e.tied) {
    out.flags.push_back(
        {Code::tie, "tied at rank " + std::to_string(e.rank) + " after every tie-break step", {}});
  }
}

std::vector<BidResult> bid_results(const Prepared& p, const std::vector<std::size_t>& passed,
                                   const Contest& real) {
  const double w = working_capital(p.round());
  std::vector<BidResult> out;
  for (std::size_t b = 0; b < p.bids.size(); ++b) {
    BidResult res = base_result(p, b);
    res.reasons = selection_reasons(p, b, true);
    intrinsic_flags(p, b, w, res.flags);
    if (contains(passed, b)) spread_flags(p, b, res.flags);
    if (contains(real.alt, b)) {
      res.flags.push_back({Code::alt,
                           "evaluated price " + text::amount(p.facts[b].price) +
                               " is abnormally low; ask for an explanation",
                           {}});
    }
    for (const auto& [x, reason] : real.excluded) {
      if (x == b) res.reasons.push_back(reason);
    }
    for (const auto& e : real.ranked) {
      if (e.bid == b) ranked_result(p, e, res);
    }
    std::sort(res.reasons.begin(), res.reasons.end(), flag_less);
    std::sort(res.flags.begin(), res.flags.end(), flag_less);
    out.push_back(std::move(res));
  }
  return out;
}

std::vector<BarrierExclusion> barrier_exclusions(const std::vector<BidResult>& bids) {
  std::vector<BarrierExclusion> out;
  for (const auto& b : bids) {
    BarrierExclusion x{b.id, {}, b.bidder.type};
    for (const auto& r : b.reasons) {
      if (is_barrier_exclusion(r.code)) x.codes.push_back(r.code);
    }
    if (!x.codes.empty()) out.push_back(std::move(x));
  }
  return out;
}

void round_flags(const Prepared& p, const Contest& real, Evaluation& ev) {
  if (!real.winner && real.ranked.size() > 1) {
    ev.flags.push_back({Code::tie,
                        "the best bids are tied after every tie-break step: "
                        "there is no winner",
                        {}});
  }
  for (const auto& w : ev.sensitivity.withdrawal) {
    if (!w.winner_changes) continue;
    ev.flags.push_back({Code::rank_reversal,
                        "if " + w.withdrawn + " withdrew, the winner would be " +
                            w.winner.value_or(std::string("nobody (a tie)")) + " instead of " +
                            real.winner_id(p).value_or(""),
                        w.withdrawn});
  }
}

void decision_warnings(const Prepared& p, const Contest& real, Evaluation& ev) {
  for (std::size_t b = 0; b < p.bids.size(); ++b) {
    if (p.facts[b].alt_decision == "reject" && !contains(real.alt, b)) {
      ev.warnings.push_back("decision to reject " + p.bids[b]->id +
                            " as abnormally low ignored: its price is not flagged ALT");
    }
  }
}

Alternative rescore(const Prepared& p, const Contest& real, const std::vector<double>& weights) {
  std::vector<std::size_t> set;
  for (const auto& e : real.ranked) set.push_back(e.bid);
  const Contest c = run_contest(p, set, weights, false);
  Alternative alt;
  alt.ranking = c.ranking_ids(p);
  alt.winner = c.winner_id(p);
  alt.winner_changes = alt.winner != real.winner_id(p);
  return alt;
}

}  // namespace
}  // namespace engine

Result<Evaluation> evaluate(const Inputs& in, const Options& options) {
  using namespace engine;
  if (auto diags = validate(in); !diags.empty()) return diags;
  const Prepared p = prepare(in);
  std::vector<std::size_t> passed;
  for (std::size_t b = 0; b < p.bids.size(); ++b) {
    if (selection_reasons(p, b, true).empty()) passed.push_back(b);
  }
  const Contest real = run_contest(p, passed, round_weights(in.round), true);

  Evaluation ev;
  ev.round_id = in.round.id;
  ev.criteria = in.round.criteria;
  ev.policy = in.policy;
  ev.bids = bid_results(p, passed, real);
  ev.ranking = real.ranking_ids(p);
  ev.winner = real.winner_id(p);
  ev.flags = barrier_flags(in.round, in.policy);
  ev.barriers.working_capital = working_capital(in.round);
  ev.barriers.excluded = barrier_exclusions(ev.bids);
  ev.barriers.counterfactual = barrier_counterfactual(p, ev.winner);
  ev.alignment = alignment(in.round, ev.flags);
  std::vector<double> roc;
  for (const auto& c : in.round.criteria) roc.push_back(ev.alignment.counterfactual_weights[c.id]);
  ev.alignment.counterfactual = rescore(p, real, roc);
  ev.sensitivity.one_at_a_time = one_at_a_time(p, real);
  ev.sensitivity.smaa = smaa(p, real, options);
  ev.sensitivity.withdrawal = withdrawal_test(p, real);
  round_flags(p, real, ev);
  decision_warnings(p, real, ev);
  return ev;
}

Result<Evaluation> check_round(const Round& round, const Policy& policy) {
  using namespace engine;
  Inputs in;
  in.round = round;
  in.policy = policy;
  if (auto diags = validate(in); !diags.empty()) return diags;
  Evaluation ev;
  ev.round_id = round.id;
  ev.criteria = round.criteria;
  ev.policy = policy;
  ev.flags = barrier_flags(round, policy);
  ev.barriers.working_capital = working_capital(round);
  ev.alignment = alignment(round, ev.flags);
  return ev;
}

}  // namespace tender
