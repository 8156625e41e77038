// Small numeric helpers shared by the engine's rules.
#pragma once

#include <optional>
#include <vector>

namespace tender::stats {

// Median of `v` (mean of the two middle values for an even count).
// REQUIRES: !v.empty().
double median(std::vector<double> v);

// Arithmetic mean. REQUIRES: !v.empty().
double mean(const std::vector<double>& v);

// Kendall's tau-b between x and y; values within `tol` count as tied.
// nullopt when fewer than two pairs or when either side is all ties.
// REQUIRES: x.size() == y.size().
std::optional<double> kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y,
                                    double tol);

// Rank-order-centroid weights for items with priorities `priority` (lower is
// more important): the k-th of n gets (1/n) sum_{j=k..n} 1/j; items of equal
// priority share the mean of their positions' weights. Sums to 1.
std::vector<double> rank_order_centroid(const std::vector<int>& priority);

}  // namespace tender::stats
