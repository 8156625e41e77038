// §9 one-criterion-at-a-time sensitivity and the withdrawal test.
#include <cmath>
#include <cstddef>

#include "analyses.hpp"

namespace tender::engine {
namespace {

struct Crossing {
  double delta = 0;
  std::size_t entry = 0;  // position in the real ranking
};

// RULES §27: the smallest |Δ| at which another ranked bid reaches the winner.
std::optional<Crossing> first_crossing(const Contest& real, std::size_t c, double w_c) {
  const Entry& win = real.ranked.front();
  const double rest = 100 - w_c;
  auto slope = [&](const Entry& e) { return e.unit[c] - (e.total - w_c * e.unit[c]) / rest; };
  const double k_w = slope(win);
  std::optional<Crossing> best;
  for (std::size_t i = 1; i < real.ranked.size(); ++i) {
    const Entry& e = real.ranked[i];
    double delta = 0;
    if (std::fabs(win.total - e.total) > 1e-6) {
      const double dk = k_w - slope(e);
      if (std::fabs(dk) < 1e-12) continue;
      delta = (e.total - win.total) / dk;
      if (delta < -w_c - 1e-6 || delta > rest + 1e-6) continue;
    }
    // Candidates come in rank order, so on equal magnitude the first stays.
    if (!best || std::fabs(delta) < std::fabs(best->delta) - 1e-9) best = Crossing{delta, i};
  }
  return best;
}

}  // namespace

std::vector<OneAtATime> one_at_a_time(const Prepared& p, const Contest& real) {
  std::vector<OneAtATime> out;
  if (!real.winner) return out;
  const Round& r = p.round();
  for (std::size_t c = 0; c < r.criteria.size(); ++c) {
    OneAtATime row;
    row.criterion = r.criteria[c].id;
    const double w_c = r.criteria[c].weight;
    if (w_c < 100) {
      if (const auto x = first_crossing(real, c, w_c)) {
        row.delta = x->delta;
        row.new_leader = p.bids[real.ranked[x->entry].bid]->id;
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<Withdrawal> withdrawal_test(const Prepared& p, const Contest& real) {
  std::vector<Withdrawal> out;
  if (!real.winner) return out;
  const auto weights = round_weights(p.round());
  const auto winner = real.winner_id(p);
  for (std::size_t i = 1; i < real.ranked.size(); ++i) {
    std::vector<std::size_t> others;
    for (std::size_t j = 0; j < real.ranked.size(); ++j) {
      if (j != i) others.push_back(real.ranked[j].bid);
    }
    const Contest c = run_contest(p, others, weights, false);
    Withdrawal w;
    w.withdrawn = p.bids[real.ranked[i].bid]->id;
    w.winner = c.winner_id(p);
    w.winner_changes = w.winner != winner;
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace tender::engine
