// EVALUATION.md §1: everything checked before anything is scored.
#include <cmath>
#include <cstddef>
#include <map>
#include <set>

#include "contest.hpp"
#include "text.hpp"

namespace tender {
namespace {

using engine::evaluator_scored;

class Checker {
 public:
  Checker(const Inputs& in, bool bids_complete) : in_(in), bids_complete_(bids_complete) {}

  Diagnostics run() {
    round_ids();
    weights();
    criteria();
    measures();
    bids();
    scores();
    moderation();
    decisions();
    if (out_.empty() && bids_complete_) needed_scores();
    return std::move(out_);
  }

 private:
  void error(DiagCode code, const Place& place, std::string message) {
    out_.push_back({code, place, std::move(message)});
  }

  // Records `id` under `what`; a second use is a duplicate naming the first.
  void unique(std::map<std::string, Place>& seen, const std::string& what, const std::string& id,
              const Place& place) {
    auto [it, fresh] = seen.emplace(id, place);
    if (fresh) return;
    std::string first = it->second.file;
    if (it->second.line > 0) first += ":" + std::to_string(it->second.line);
    if (!it->second.sheet.empty()) first += ":" + it->second.sheet;
    error(DiagCode::duplicate, place,
          what + " id '" + id + "' is repeated (first at " + first + ")");
  }

  void round_ids() {
    const Round& r = in_.round;
    for (const auto& o : r.outcomes) unique(outcomes_, "outcome", o.id, o.place);
    for (const auto& c : r.criteria) unique(criteria_, "criterion", c.id, c.place);
    for (const auto& m : r.measures) unique(measures_, "measure", m.id, m.place);
    for (const auto& g : r.gates) unique(gates_, "gate", g.id, g.place);
  }

  void weights() {
    const Round& r = in_.round;
    double sum = 0;
    int prices = 0;
    for (const auto& c : r.criteria) {
      if (!(c.weight > 0) || !std::isfinite(c.weight)) {
        error(DiagCode::invalid, c.place,
              "criterion " + c.id + " has weight " + text::number(c.weight, 6) +
                  "; weights must be > 0");
      }
      sum += c.weight;
      if (c.kind == CriterionKind::price) ++prices;
    }
    if (!r.criteria.empty() && std::fabs(sum - 100) > 1e-6) {
      error(DiagCode::inconsistent, r.criteria.front().place,
            "criterion weights sum to " + text::number(sum, 6) + ", not 100");
    }
    if (r.criteria.empty()) error(DiagCode::missing, r.place, "the round has no criteria");
    if (prices != 1 && !r.criteria.empty()) {
      error(DiagCode::inconsistent, r.place,
            "a round needs exactly one criterion of kind price, not " + std::to_string(prices));
    }
  }

  void criteria() {
    const Round& r = in_.round;
    for (const auto& c : r.criteria) {
      for (const auto& o : c.outcomes) {
        if (!outcomes_.count(o)) {
          error(
              DiagCode::reference, c.place,
              "criterion " + c.id + " names outcome '" + o + "', which the round does not define");
        }
      }
      if (evaluator_scored(c.kind) && !(c.scale > 0)) {
        error(DiagCode::invalid, c.place, "criterion " + c.id + " needs a scale > 0");
      }
      if (c.threshold && (*c.threshold < 0 || *c.threshold > c.scale)) {
        error(DiagCode::invalid, c.place,
              "threshold of " + c.id + " is outside 0.." + text::number(c.scale));
      }
      if (c.kind == CriterionKind::price && c.formula == PriceFormula::linear_budget && !r.budget) {
        error(DiagCode::missing, c.place,
              "price formula linear-budget needs a budget on the contract element");
      }
    }
  }

  void measures() {
    for (const auto& m : in_.round.measures) {
      const double adj[] = {m.deadweight, m.attribution, m.displacement, m.drop_off};
      for (double a : adj) {
        if (!(a >= 0 && a <= 1)) {
          error(DiagCode::invalid, m.place, "measure " + m.id + " has an adjustment outside 0..1");
          break;
        }
      }
      if (m.proxy < 0 || m.duration < 1) {
        error(DiagCode::invalid, m.place,
              "measure " + m.id + " needs proxy >= 0 and a duration of at least 1 year");
      }
    }
  }

  void bid_prices(const Bid& b) {
    double sum = 0;
    for (const auto& l : b.lines) {
      if (l.quantity < 0 || l.rate < 0) {
        error(DiagCode::invalid, b.line_place(l),
              "price line '" + l.item + "' of bid " + b.id + " has a negative quantity or rate");
      }
      sum += l.quantity * l.rate;
    }
    if (b.stated_total && *b.stated_total < 0) {
      error(DiagCode::invalid, b.stated_total_place,
            "stated total of bid " + b.id + " is negative");
    }
    if (b.lines.empty() && !b.stated_total) {
      error(DiagCode::missing, b.place, "bid " + b.id + " gives no price (no total and no lines)");
    } else if ((b.lines.empty() ? b.stated_total.value_or(0) : sum) == 0) {
      error(DiagCode::invalid, b.lines.empty() ? b.stated_total_place : b.place,
            "the price of bid " + b.id + " is 0");
    }
  }

  void bids() {
    for (const auto& b : in_.bids) {
      unique(bids_, "bid", b.id, b.place);
      if (b.round != in_.round.id) {
        error(DiagCode::reference, b.place,
              "bid " + b.id + " is for round '" + b.round + "', not '" + in_.round.id + "'");
      }
      std::map<std::string, Place> answered;
      for (const auto& g : b.gates) {
        if (!gates_.count(g.gate)) {
          error(DiagCode::reference, g.place,
                "bid " + b.id + " answers gate '" + g.gate + "', which the round does not define");
        }
        unique(answered, "gate answer for", g.gate, g.place);
      }
      for (const auto& c : b.commitments) {
        if (!measures_.count(c.measure)) {
          error(DiagCode::reference, c.place,
                "bid " + b.id + " commits to measure '" + c.measure +
                    "', which the round does not define");
        }
        if (c.quantity < 0) {
          error(DiagCode::invalid, c.place, "commitment to " + c.measure + " is negative");
        }
      }
      bid_prices(b);
    }
  }

  // A scored reference: the bid and an evaluator-scored criterion exist, and
  // the score lies in 0..scale.
  void scored(const std::string& bid, const std::string& crit, double score, const Place& place) {
    if (bids_complete_ && !bids_.count(bid)) {
      error(DiagCode::reference, place, "bid '" + bid + "' is not among the bids read");
    }
    const Criterion* c = criterion(crit);
    if (!c) {
      error(DiagCode::reference, place, "criterion '" + crit + "' is not in the round");
      return;
    }
    if (!evaluator_scored(c->kind)) {
      error(DiagCode::invalid, place,
            "criterion " + crit + " is of kind " + to_string(c->kind) +
                " and is not scored by evaluators");
      return;
    }
    if (!(score >= 0 && score <= c->scale)) {
      error(DiagCode::invalid, place,
            "score " + text::number(score, 6) + " on " + crit + " is outside 0.." +
                text::number(c->scale));
    }
  }

  void scores() {
    std::map<std::string, Place> seen;
    for (const auto& s : in_.scores) {
      scored(s.bid, s.criterion, s.score, s.place);
      unique(seen, "score", s.bid + "/" + s.criterion + "/" + s.evaluator, s.place);
    }
  }

  void moderation() {
    std::map<std::string, Place> seen;
    for (const auto& m : in_.moderation) {
      scored(m.bid, m.criterion, m.score, m.place);
      unique(seen, "moderation", m.bid + "/" + m.criterion, m.place);
    }
  }

  void decisions() {
    std::map<std::string, Place> seen;
    for (const auto& d : in_.decisions) {
      if (bids_complete_ && !bids_.count(d.bid)) {
        error(DiagCode::reference, d.place, "bid '" + d.bid + "' is not among the bids read");
      }
      unique(seen, "decision", d.bid + "/" + d.subject, d.place);
      if (d.subject == "ALT") {
        if (d.decision != "accept" && d.decision != "reject") {
          error(DiagCode::invalid, d.place,
                "an ALT decision is accept or reject, not '" + d.decision + "'");
        }
      } else if (gates_.count(d.subject)) {
        if (d.decision != "pass" && d.decision != "fail") {
          error(DiagCode::invalid, d.place,
                "a gate decision is pass or fail, not '" + d.decision + "'");
        }
      } else {
        error(DiagCode::reference, d.place,
              "decision subject '" + d.subject + "' is neither ALT nor a gate of the round");
      }
    }
  }

  // §1 last rule: bids in contention after §2 need every evaluator score.
  void needed_scores() {
    const engine::Prepared p = engine::prepare(in_);
    const Round& r = in_.round;
    for (std::size_t b = 0; b < p.bids.size(); ++b) {
      if (!engine::selection_reasons(p, b, true).empty()) continue;
      for (std::size_t c = 0; c < r.criteria.size(); ++c) {
        if (!evaluator_scored(r.criteria[c].kind) || p.facts[b].criteria[c].moderated) continue;
        const bool disagree = !p.facts[b].criteria[c].evaluators.empty();
        error(DiagCode::inconsistent, p.bids[b]->place,
              disagree
                  ? "bid " + p.bids[b]->id + ": evaluators disagree on " + r.criteria[c].id +
                        " in " + scores_file() +
                        " and the consensus method needs a moderation entry"
                  : "bid " + p.bids[b]->id + " is in contention but has no score on " +
                        r.criteria[c].id + " in " + scores_file() + " and no moderation entry");
      }
    }
  }

  // The scores file named by the scores read, for messages.
  std::string scores_file() const {
    if (!in_.scores.empty() && !in_.scores.front().place.file.empty()) {
      return in_.scores.front().place.file;
    }
    return "the scores";
  }

  const Criterion* criterion(const std::string& id) const {
    for (const auto& c : in_.round.criteria) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }

  const Inputs& in_;
  bool bids_complete_ = true;
  Diagnostics out_;
  std::map<std::string, Place> outcomes_, criteria_, measures_, gates_, bids_;
};

}  // namespace

Diagnostics validate(const Inputs& inputs, bool bids_complete) {
  return Checker(inputs, bids_complete).run();
}

}  // namespace tender
