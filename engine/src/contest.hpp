// The engine's core, shared by the real evaluation and every re-run
// (counterfactuals, withdrawal test): facts about each bid that do not depend
// on the other bids, and a "contest" that scores and ranks a set of bids.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tender/engine/evaluation.hpp"

namespace tender::engine {

inline constexpr double kTieTolerance = 1e-9;  // RULES §1

// What is known about one bid on its own (§3 moderation, §4 price, §5 value).
struct BidFacts {
  double price = 0;        // evaluated price P
  double undiscounted = 0;
  bool arithmetic = false;
  double social_value = 0;
  std::vector<CriterionResult> criteria;  // parallel to round.criteria
  bool scored = true;      // every evaluator-scored criterion has a moderated score
  std::optional<std::string> alt_decision;  // "accept" or "reject"
};

// The inputs with bids sorted by id and each bid's facts worked out.
struct Prepared {
  const Inputs* in = nullptr;
  std::vector<const Bid*> bids;  // sorted by id (byte order)
  std::vector<BidFacts> facts;   // parallel to bids
  std::size_t price_criterion = 0;

  const Round& round() const { return in->round; }
};

// Works out every bid's facts. REQUIRES: validate(in) is empty.
Prepared prepare(const Inputs& in);

// §2 reasons for bid `b` (GATE, and with `barriers` on TURNOVER, BOND, GUARANTEE).
std::vector<Flag> selection_reasons(const Prepared& p, std::size_t b, bool barriers);

// One bid's place in a contest.
struct Entry {
  std::size_t bid = 0;
  std::vector<double> unit;  // per criterion, 0..1
  double total = 0;
  int rank = 0;
  bool tied = false;         // tied with another bid after the tie-break
};

// The outcome of scoring and ranking one set of bids (§3–§6).
struct Contest {
  std::vector<std::pair<std::size_t, Flag>> excluded;  // THRESHOLD, ALT_REJECTED, OVER_BUDGET
  std::vector<std::size_t> alt;                        // bids flagged ALT
  std::vector<Entry> ranked;                           // best first
  std::optional<std::size_t> winner;                   // none on a tie at rank 1

  std::vector<std::string> ranking_ids(const Prepared& p) const;
  std::optional<std::string> winner_id(const Prepared& p) const;
};

// Scores and ranks `contenders` (bid indexes that passed §2) with `weights`
// (parallel to round.criteria). With `exclusions` off, THRESHOLD, ALT_REJECTED
// and OVER_BUDGET exclude nobody (the withdrawal test and weight re-runs).
Contest run_contest(const Prepared& p, const std::vector<std::size_t>& contenders,
                    const std::vector<double>& weights, bool exclusions);

// Ranks already-scored entries by total and tie-break (§6), setting rank,
// tied and the order of `entries`. Returns the winner's bid index, if any.
std::optional<std::size_t> rank_entries(const Prepared& p, const std::vector<double>& weights,
                                        std::vector<Entry>& entries);

// The round's criterion weights, in round order.
std::vector<double> round_weights(const Round& r);

// True for the kinds scored by evaluators (quality, social-value).
bool evaluator_scored(CriterionKind k);

}  // namespace tender::engine
