// §8 alignment of the weights with the commissioners' outcome priorities.
#include <algorithm>
#include <cstddef>
#include <map>

#include "analyses.hpp"
#include "stats.hpp"
#include "text.hpp"

namespace tender::engine {
namespace {

std::map<std::string, double> effective_weights(const Round& r) {
  std::map<std::string, double> w;
  for (const auto& o : r.outcomes) w[o.id] = 0;
  for (const auto& c : r.criteria) {
    if (c.outcomes.empty()) continue;
    const double share = c.weight / static_cast<double>(c.outcomes.size());
    for (const auto& o : c.outcomes) w[o] += share;
  }
  return w;
}

void alignment_flags(const Round& r, const std::map<std::string, double>& w,
                     std::vector<Flag>& flags) {
  for (const auto& o : r.outcomes) {
    if (w.at(o.id) == 0) {
      flags.push_back({Code::a_uncovered,
                       "outcome " + o.id + " (priority " + std::to_string(o.priority) +
                           ") receives no weight from any criterion",
                       o.id});
    }
  }
  for (const auto& c : r.criteria) {
    if (c.kind != CriterionKind::price && c.outcomes.empty()) {
      flags.push_back(
          {Code::a_orphan,
           "criterion " + c.id + " (" + text::number(c.weight) + " points) serves no outcome",
           c.id});
    }
  }
  for (const auto& a : r.outcomes) {
    for (const auto& b : r.outcomes) {
      if (a.priority < b.priority && w.at(a.id) < w.at(b.id) - kTieTolerance) {
        flags.push_back({Code::a_inversion,
                         "outcome " + a.id + " (priority " + std::to_string(a.priority) +
                             ") gets " + text::number(w.at(a.id)) + " points, less than " + b.id +
                             " (priority " + std::to_string(b.priority) + ") with " +
                             text::number(w.at(b.id)),
                         a.id + ">" + b.id});
      }
    }
  }
}

std::optional<double> tau(const Round& r, const std::map<std::string, double>& w) {
  std::vector<double> x, y;
  for (const auto& o : r.outcomes) {
    x.push_back(-static_cast<double>(o.priority));
    y.push_back(w.at(o.id));
  }
  return stats::kendall_tau_b(x, y, kTieTolerance);
}

// RULES §26: rank-order-centroid weights over the outcomes linked by non-price
// criteria, shared equally among the criteria linked to each.
std::map<std::string, double> priority_weights(const Round& r) {
  double price_weight = 0;
  std::map<std::string, std::vector<std::string>> linked;  // outcome -> criteria
  for (const auto& c : r.criteria) {
    if (c.kind == CriterionKind::price) {
      price_weight += c.weight;
      continue;
    }
    for (const auto& o : c.outcomes) linked[o].push_back(c.id);
  }
  std::vector<const Outcome*> used;
  for (const auto& o : r.outcomes) {
    if (linked.count(o.id)) used.push_back(&o);
  }
  std::vector<int> priorities;
  priorities.reserve(used.size());
  for (const Outcome* o : used) priorities.push_back(o->priority);
  const auto roc = stats::rank_order_centroid(priorities);
  std::map<std::string, double> out;
  for (const auto& c : r.criteria) out[c.id] = c.kind == CriterionKind::price ? c.weight : 0;
  for (std::size_t i = 0; i < used.size(); ++i) {
    const auto& crits = linked[used[i]->id];
    const double share = roc[i] * (100 - price_weight) / static_cast<double>(crits.size());
    for (const auto& c : crits) out[c] += share;
  }
  return out;
}

}  // namespace

Alignment alignment(const Round& r, std::vector<Flag>& flags) {
  Alignment a;
  a.effective_weights = effective_weights(r);
  std::vector<Flag> own;
  alignment_flags(r, a.effective_weights, own);
  std::sort(own.begin(), own.end(), flag_less);
  flags.insert(flags.end(), own.begin(), own.end());
  a.kendall_tau = tau(r, a.effective_weights);
  a.counterfactual_weights = priority_weights(r);
  return a;
}

}  // namespace tender::engine
