// The result of evaluating one round: an `Evaluation` value that every report
// writes from, and the entry points that compute it.
//
// The engine does no I/O, logging or clock reads: the same `Inputs` and
// `Options` always give the same `Evaluation`, bit for bit.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tender/engine/codes.hpp"
#include "tender/engine/diagnostic.hpp"
#include "tender/engine/model.hpp"

namespace tender {

enum class BidStatus { ranked, excluded };

// One evaluator's score, kept for reports and summaries.
struct EvaluatorScore {
  std::string evaluator;
  double score = 0;
  std::string comment;
};

// A bid's result on one criterion.
struct CriterionResult {
  std::optional<double> moderated;  // quality and social-value kinds
  bool from_moderation = false;     // moderated score came from a moderation entry
  std::string rationale;            // the moderation entry's rationale
  std::vector<EvaluatorScore> evaluators;
  std::optional<double> spread;    // max - min of the evaluators' scores
  std::optional<double> unit;      // score on 0..1 (weighted / weight); ranked bids
  std::optional<double> weighted;  // ranked bids only
};

struct BidResult {
  std::string id;
  Bidder bidder;
  BidStatus status = BidStatus::excluded;
  std::optional<int> rank;
  std::optional<double> total;
  double price = 0;               // evaluated price P (§4)
  double price_undiscounted = 0;  // plain sum of lines (or the stated total)
  std::optional<double> stated_total;
  double social_value = 0;                        // S (§5)
  double social_return = 0;                       // S / P
  std::map<std::string, CriterionResult> scores;  // by criterion id
  std::vector<Flag> flags;
  std::vector<Flag> reasons;  // exclusions; empty when ranked
};

// A ranking computed under changed assumptions (counterfactuals, withdrawal).
struct Alternative {
  std::vector<std::string> ranking;  // ranked bid ids, best first
  std::optional<std::string> winner;
  bool winner_changes = false;
  std::vector<std::string> unscored;  // barrier counterfactual only
};

struct BarrierExclusion {
  std::string bid;
  std::vector<Code> codes;
  std::string type;
};

struct Barriers {
  double working_capital = 0;
  std::vector<BarrierExclusion> excluded;
  Alternative counterfactual;
};

struct Alignment {
  std::map<std::string, double> effective_weights;  // by outcome id
  std::optional<double> kendall_tau;
  std::map<std::string, double> counterfactual_weights;  // by criterion id
  Alternative counterfactual;
};

struct OneAtATime {
  std::string criterion;
  std::optional<double> delta;
  std::optional<std::string> new_leader;
};

struct Smaa {
  long draws = 0;
  unsigned long long seed = 0;
  double kappa = 0;
  std::map<std::string, double> rank1;
  std::map<std::string, std::vector<double>> acceptability;
};

struct Withdrawal {
  std::string withdrawn;
  std::optional<std::string> winner;
  bool winner_changes = false;
};

struct Sensitivity {
  std::vector<OneAtATime> one_at_a_time;
  Smaa smaa;
  std::vector<Withdrawal> withdrawal;
};

struct Evaluation {
  std::string round_id;
  std::vector<Criterion> criteria;   // as in the round, in round order
  std::vector<BidResult> bids;       // in bid id order (byte order)
  std::vector<std::string> ranking;  // ranked bid ids, best first
  std::optional<std::string> winner;
  std::vector<Flag> flags;            // round-level (RULES §31 order)
  std::vector<std::string> warnings;  // things a person should know; not errors
  Barriers barriers;
  Alignment alignment;
  Sensitivity sensitivity;
  Policy policy;
};

// Checks everything EVALUATION.md §1 asks of the inputs as a whole: unique
// ids, references that resolve, weights, score ranges, needed scores. Returns
// every problem found (empty when the inputs can be evaluated). With
// `bids_complete` false (some bid files failed to parse) references to bids
// and the needed-scores check are skipped, so the other files' problems can
// still be reported in the same run without false alarms.
Diagnostics validate(const Inputs& inputs, bool bids_complete = true);

// Evaluates a round (§2–§9). Returns the diagnostics of `validate` instead
// when there are any. Thread-safe; runs SMAA on `options.threads` threads.
Result<Evaluation> evaluate(const Inputs& inputs, const Options& options);

// The round-level analyses that need no bids (§7 barrier flags and working
// capital, §8 alignment and the priority-weighted weights), for `tender check`.
// The `bids`, rankings and sensitivity of the returned value are empty.
Result<Evaluation> check_round(const Round& round, const Policy& policy);

// The value of one commitment (EVALUATION.md §5): quantity x proxy after
// deadweight, attribution and displacement, summed over the measure's
// duration with drop-off and the round's discount rate. 0 when the round has
// no measure `c.measure`. A bid's social value S is the sum over its
// commitments, in file order.
double commitment_value(const Round& round, const Commitment& c);

}  // namespace tender
