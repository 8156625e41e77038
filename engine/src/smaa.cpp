// §9 stochastic multicriteria acceptability analysis (SMAA).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <thread>

#include "analyses.hpp"
#include "random.hpp"

namespace tender::engine {
namespace {

constexpr long kBlock = 4096;                 // draws per random stream
constexpr std::uint64_t kUnits = 720720;      // lcm(1..16): tie shares stay exact

struct Problem {
  std::size_t bids = 0;
  std::size_t criteria = 0;
  std::vector<double> alpha;   // Dirichlet parameters
  std::vector<double> scores;  // bids x criteria, 100 x unit score
};

// Counts, in kUnits per draw, of each bid (row) at each rank (column).
using Counts = std::vector<std::uint64_t>;

void add_draw(const Problem& pr, const std::vector<double>& w, std::vector<double>& total,
              std::vector<std::size_t>& order, Counts& counts) {
  const std::size_t n = pr.bids;
  for (std::size_t b = 0; b < n; ++b) {
    const double* s = &pr.scores[b * pr.criteria];
    double t = 0;
    for (std::size_t c = 0; c < pr.criteria; ++c) t += w[c] * s[c];
    total[b] = t;
  }
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return total[a] > total[b] || (total[a] == total[b] && a < b);
  });
  for (std::size_t start = 0; start < n;) {
    std::size_t end = start + 1;
    while (end < n && total[order[start]] - total[order[end]] <= kTieTolerance) ++end;
    const std::uint64_t k = end - start;
    const std::uint64_t share = kUnits / k;  // exact for k <= 16 (RULES §28)
    for (std::size_t i = start; i < end; ++i) {
      for (std::size_t r = start; r < end; ++r) counts[order[i] * n + r] += share;
    }
    start = end;
  }
}

void run_block(const Problem& pr, std::uint64_t seed, long block, long draws, Counts& counts) {
  Rng rng(seed, static_cast<std::uint64_t>(block));
  std::vector<double> w(pr.criteria), total(pr.bids);
  std::vector<std::size_t> order(pr.bids);
  for (long d = 0; d < draws; ++d) {
    double sum = 0;
    for (std::size_t c = 0; c < pr.criteria; ++c) sum += (w[c] = rng.gamma(pr.alpha[c]));
    for (auto& x : w) x /= sum;
    add_draw(pr, w, total, order, counts);
  }
}

Counts run_all(const Problem& pr, const Options& o) {
  const long blocks = (o.smaa_draws + kBlock - 1) / kBlock;
  unsigned threads = o.threads ? o.threads : std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<long>(threads, std::max(1L, blocks)));
  std::vector<Counts> partial(threads, Counts(pr.bids * pr.bids, 0));
  auto work = [&](unsigned t) {
    for (long b = t; b < blocks; b += threads) {
      const long draws = std::min(kBlock, o.smaa_draws - b * kBlock);
      run_block(pr, o.seed, b, draws, partial[t]);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  Counts sum(pr.bids * pr.bids, 0);
  for (const auto& c : partial) {
    for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += c[i];
  }
  return sum;
}

}  // namespace

Smaa smaa(const Prepared& p, const Contest& real, const Options& options) {
  Smaa out;
  out.draws = options.smaa_draws;
  out.seed = options.seed;
  out.kappa = options.kappa;
  Problem pr;
  pr.bids = real.ranked.size();
  pr.criteria = p.round().criteria.size();
  for (const auto& c : p.round().criteria) pr.alpha.push_back(options.kappa * c.weight / 100.0);
  for (const auto& e : real.ranked) {
    for (double u : e.unit) pr.scores.push_back(100.0 * u);
  }
  if (pr.bids == 0 || options.smaa_draws <= 0) return out;
  const Counts counts = run_all(pr, options);
  const double denom = static_cast<double>(options.smaa_draws) * static_cast<double>(kUnits);
  for (std::size_t b = 0; b < pr.bids; ++b) {
    const std::string& id = p.bids[real.ranked[b].bid]->id;
    std::vector<double> acc(pr.bids);
    for (std::size_t r = 0; r < pr.bids; ++r) acc[r] = static_cast<double>(counts[b * pr.bids + r]) / denom;
    out.rank1[id] = acc[0];
    out.acceptability[id] = std::move(acc);
  }
  return out;
}

}  // namespace tender::engine
