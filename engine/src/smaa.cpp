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

constexpr long kBlock = 4096;             // draws per random stream
constexpr std::uint64_t kUnits = 720720;  // lcm(1..16): tie shares stay exact

struct Problem {
  std::size_t bids = 0;
  std::size_t criteria = 0;
  std::vector<double> alpha;   // Dirichlet parameters
  std::vector<double> scores;  // criteria x bids (criterion-major), 100 x unit score
};

// Counts, in kUnits per draw, of each bid (row) at each rank (column).
using Counts = std::vector<std::uint64_t>;

// total[b] = sum over c, in criterion order, of w[c] x scores[c][b]. Each
// bid's sum is formed in the same order whatever the vector width, so the
// AVX2 clone and the baseline give the same bits (and -ffp-contract=off
// keeps multiply and add apart).
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("avx2", "default")))
#endif
void weighted_totals(const double* __restrict scores, const double* __restrict w,
                     std::size_t criteria, std::size_t bids, double* __restrict total) {
  for (std::size_t b = 0; b < bids; ++b) total[b] = 0;
  for (std::size_t c = 0; c < criteria; ++c) {
    const double wc = w[c];
    const double* row = scores + c * bids;
    for (std::size_t b = 0; b < bids; ++b) total[b] += wc * row[b];
  }
}

// A bid's total in one draw, and the bid.
struct Ranked {
  double total;
  std::uint32_t bid;
};

// Puts the bids in rank order: total descending, then bid index ascending
// (no two compare equal, so the order is unique). A counting sort on
// buckets of the totals' range, then insertion sort inside each bucket:
// linear in the bids, where std::sort's n log n comparisons dominated a
// draw. Bucketing is monotone (a higher total never lands in a later
// bucket), so the result is exactly the comparison sort's.
class Ranker {
 public:
  explicit Ranker(std::size_t bids) : ranked_(bids), start_(bids * 2 + 2) {}

  const std::vector<Ranked>& rank(const std::vector<double>& total) {
    const std::size_t n = total.size();
    const std::size_t buckets = start_.size() - 1;
    double lo = total[0], top = total[0];
    for (const double t : total) {  // branch-free, unlike std::minmax_element
      lo = std::min(lo, t);
      top = std::max(top, t);
    }
    const double scale = top > lo ? static_cast<double>(buckets - 1) / (top - lo) : 0.0;
    bucket_.resize(n);
    std::fill(start_.begin(), start_.end(), 0);
    for (std::size_t b = 0; b < n; ++b) {
      const auto k = static_cast<std::size_t>((top - total[b]) * scale);
      bucket_[b] = static_cast<std::uint32_t>(std::min(k, buckets - 1));
      ++start_[bucket_[b] + 1];
    }
    for (std::size_t k = 1; k <= buckets; ++k) start_[k] += start_[k - 1];
    for (std::size_t b = 0; b < n; ++b) {
      ranked_[start_[bucket_[b]]++] = {total[b], static_cast<std::uint32_t>(b)};
    }
    // start_[k] is now where bucket k ends; sort within buckets.
    std::size_t begin = 0;
    for (std::size_t k = 0; k < buckets && begin < n; ++k) {
      const std::size_t end = start_[k];
      for (std::size_t i = begin + 1; i < end; ++i) {
        const Ranked x = ranked_[i];
        std::size_t j = i;
        for (; j > begin && before(x, ranked_[j - 1]); --j) ranked_[j] = ranked_[j - 1];
        ranked_[j] = x;
      }
      begin = end;
    }
    return ranked_;
  }

 private:
  static bool before(const Ranked& a, const Ranked& b) {
    return a.total > b.total || (a.total == b.total && a.bid < b.bid);
  }

  std::vector<Ranked> ranked_;
  std::vector<std::uint32_t> bucket_;
  std::vector<std::size_t> start_;  // buckets + 1 offsets
};

// Adds one draw: each bid's rank, tied bids (totals within kTieTolerance of
// the group's best) sharing their ranks equally.
void count_ranks(const std::vector<Ranked>& ranked, Counts& counts) {
  const std::size_t n = ranked.size();
  for (std::size_t start = 0; start < n;) {
    std::size_t end = start + 1;
    while (end < n && ranked[start].total - ranked[end].total <= kTieTolerance) ++end;
    if (end == start + 1) {
      counts[ranked[start].bid * n + start] += kUnits;
    } else {
      const std::uint64_t share = kUnits / (end - start);  // exact for k <= 16 (RULES §28)
      for (std::size_t i = start; i < end; ++i) {
        for (std::size_t r = start; r < end; ++r) counts[ranked[i].bid * n + r] += share;
      }
    }
    start = end;
  }
}

void run_block(const Problem& pr, std::uint64_t seed, long block, long draws, Counts& counts) {
  Rng rng(seed, static_cast<std::uint64_t>(block));
  std::vector<double> w(pr.criteria), total(pr.bids);
  Ranker ranker(pr.bids);
  for (long d = 0; d < draws; ++d) {
    double sum = 0;
    for (std::size_t c = 0; c < pr.criteria; ++c) sum += (w[c] = rng.gamma(pr.alpha[c]));
    for (auto& x : w) x /= sum;
    weighted_totals(pr.scores.data(), w.data(), pr.criteria, pr.bids, total.data());
    count_ranks(ranker.rank(total), counts);
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
  pr.scores.resize(pr.criteria * pr.bids);
  for (std::size_t b = 0; b < pr.bids; ++b) {
    for (std::size_t c = 0; c < pr.criteria; ++c) {
      pr.scores[c * pr.bids + b] = 100.0 * real.ranked[b].unit[c];
    }
  }
  if (pr.bids == 0 || options.smaa_draws <= 0) return out;
  const Counts counts = run_all(pr, options);
  const double denom = static_cast<double>(options.smaa_draws) * static_cast<double>(kUnits);
  for (std::size_t b = 0; b < pr.bids; ++b) {
    const std::string& id = p.bids[real.ranked[b].bid]->id;
    std::vector<double> acc(pr.bids);
    for (std::size_t r = 0; r < pr.bids; ++r)
      acc[r] = static_cast<double>(counts[b * pr.bids + r]) / denom;
    out.rank1[id] = acc[0];
    out.acceptability[id] = std::move(acc);
  }
  return out;
}

}  // namespace tender::engine
