#include "stats.hpp"

#include <catch2/catch.hpp>

using namespace tender::stats;

TEST_CASE("stats: median of an even count is the mean of the two middle values", "[engine][stats]") {
  CHECK(median({4, 1, 3, 2}) == Approx(2.5));
  CHECK(median({2, 1, 4}) == 2);
  CHECK(median({7}) == 7);
}

TEST_CASE("stats: kendall tau-b of the worked example is one third", "[engine][stats]") {
  // Priorities 1, 2, 3 (reversed) against effective weights 25, 15, 20.
  const auto tau = kendall_tau_b({-1, -2, -3}, {25, 15, 20}, 1e-9);
  REQUIRE(tau);
  CHECK(*tau == Approx(1.0 / 3.0));
}

TEST_CASE("stats: kendall tau-b is undefined when one side is all ties", "[engine][stats]") {
  CHECK_FALSE(kendall_tau_b({-1, -2}, {10, 10}, 1e-9));
  CHECK_FALSE(kendall_tau_b({-1}, {10}, 1e-9));
}

TEST_CASE("stats: kendall tau-b corrects for ties", "[engine][stats]") {
  // x: 1,2,3,3 ; y: 1,2,2,3. n0 = 6, ties_x = 1, ties_y = 1; C = 4, D = 0.
  const auto tau = kendall_tau_b({1, 2, 3, 3}, {1, 2, 2, 3}, 1e-9);
  REQUIRE(tau);
  CHECK(*tau == Approx(4.0 / 5.0));
}

TEST_CASE("stats: rank-order-centroid weights for three ranks", "[engine][stats]") {
  const auto w = rank_order_centroid({1, 2, 3});
  REQUIRE(w.size() == 3);
  CHECK(w[0] == Approx((1 + 1.0 / 2 + 1.0 / 3) / 3));
  CHECK(w[1] == Approx((1.0 / 2 + 1.0 / 3) / 3));
  CHECK(w[2] == Approx((1.0 / 3) / 3));
}

TEST_CASE("stats: equal priorities share the mean of their positions' weights", "[engine][stats]") {
  const auto w = rank_order_centroid({2, 1, 2});
  const double first = (1 + 1.0 / 2 + 1.0 / 3) / 3;
  const double shared = ((1.0 / 2 + 1.0 / 3) / 3 + (1.0 / 3) / 3) / 2;
  CHECK(w[1] == Approx(first));
  CHECK(w[0] == Approx(shared));
  CHECK(w[2] == Approx(shared));
  CHECK(w[0] + w[1] + w[2] == Approx(1.0));
}
