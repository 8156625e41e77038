#include "stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>

namespace tender::stats {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  if (n % 2 == 1) return v[n / 2];
  return (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

namespace {
int compare(double a, double b, double tol) {
  if (std::fabs(a - b) <= tol) return 0;
  return a < b ? -1 : 1;
}
}  // namespace

std::optional<double> kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y,
                                    double tol) {
  const std::size_t n = x.size();
  if (n < 2) return std::nullopt;
  double concordant = 0, discordant = 0, ties_x = 0, ties_y = 0, pairs = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const int cx = compare(x[i], x[j], tol);
      const int cy = compare(y[i], y[j], tol);
      pairs += 1;
      if (cx == 0) ties_x += 1;
      if (cy == 0) ties_y += 1;
      if (cx == 0 || cy == 0) continue;
      if (cx == cy) {
        concordant += 1;
      } else {
        discordant += 1;
      }
    }
  }
  const double denom = std::sqrt((pairs - ties_x) * (pairs - ties_y));
  if (denom == 0) return std::nullopt;
  return (concordant - discordant) / denom;
}

std::vector<double> rank_order_centroid(const std::vector<int>& priority) {
  const std::size_t n = priority.size();
  std::vector<double> position_weight(n, 0.0);
  for (std::size_t k = 0; k < n; ++k) {
    double sum = 0;
    for (std::size_t j = k + 1; j <= n; ++j) sum += 1.0 / static_cast<double>(j);
    position_weight[k] = sum / static_cast<double>(n);
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return priority[a] < priority[b]; });
  std::vector<double> out(n, 0.0);
  for (std::size_t start = 0; start < n;) {
    std::size_t end = start;
    double sum = 0;
    while (end < n && priority[order[end]] == priority[order[start]]) sum += position_weight[end++];
    const double share = sum / static_cast<double>(end - start);
    for (std::size_t i = start; i < end; ++i) out[order[i]] = share;
    start = end;
  }
  return out;
}

}  // namespace tender::stats
