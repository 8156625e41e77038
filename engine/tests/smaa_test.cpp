#include <catch2/catch.hpp>

#include <cmath>

#include "detmath.hpp"
#include "random.hpp"
#include "tender/engine/evaluation.hpp"
#include "test_round.hpp"

using namespace tender;

TEST_CASE("smaa: the same seed gives the same draws whatever the number of threads",
          "[engine][smaa]") {
  const Inputs in = test::example_inputs();
  Options one;
  one.smaa_draws = 20000;
  one.threads = 1;
  Options three = one;
  three.threads = 3;
  const auto a = evaluate(in, one);
  const auto b = evaluate(in, three);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->sensitivity.smaa.rank1 == b->sensitivity.smaa.rank1);
  CHECK(a->sensitivity.smaa.acceptability == b->sensitivity.smaa.acceptability);
}

TEST_CASE("smaa: another seed gives other draws", "[engine][smaa]") {
  const Inputs in = test::example_inputs();
  Options a;
  a.smaa_draws = 5000;
  Options b = a;
  b.seed = 2;
  CHECK(evaluate(in, a)->sensitivity.smaa.rank1 != evaluate(in, b)->sensitivity.smaa.rank1);
}

TEST_CASE("smaa: rank acceptabilities of each bid sum to one", "[engine][smaa]") {
  Options o;
  o.smaa_draws = 3000;
  const auto ev = evaluate(test::example_inputs(), o);
  REQUIRE(ev.ok());
  for (const auto& [id, acc] : ev->sensitivity.smaa.acceptability) {
    double sum = 0;
    for (double x : acc) sum += x;
    CHECK(sum == Approx(1.0));
  }
}

TEST_CASE("smaa: gamma draws have the right mean", "[engine][smaa]") {
  tender::engine::Rng rng(7, 0);
  for (double alpha : {0.3, 1.0, 4.5, 40.0}) {
    double sum = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) sum += rng.gamma(alpha);
    CHECK(sum / n == Approx(alpha).epsilon(0.02));
  }
}

TEST_CASE("det math: log, exp and whole powers are accurate to a few ulps", "[engine][smaa]") {
  namespace det = tender::engine::det;
  for (double x : {1e-300, 1e-10, 0.001, 0.5, 0.70710678118654752, 0.9999999, 1.0, 1.0000001, 2.0,
                   3.14159, 1e5, 1e300}) {
    CHECK(det::log(x) == Approx(std::log(x)).epsilon(1e-15).margin(1e-300));
  }
  for (double x : {-700.0, -20.5, -1.0, -1e-8, 0.0, 1e-8, 0.3, 1.0, 10.0, 700.0}) {
    CHECK(det::exp(x) == Approx(std::exp(x)).epsilon(2e-15));
  }
  CHECK(det::exp(-800.0) == 0.0);
  CHECK(std::isinf(det::exp(800.0)));
  CHECK(det::pow(1.035, 0) == 1.0);
  CHECK(det::pow(2.0, 10) == 1024.0);
  CHECK(det::pow(2.0, -2) == 0.25);
  CHECK(det::pow(1.035, 7) == Approx(std::pow(1.035, 7)).epsilon(1e-15));
  CHECK(det::pow(0.8, 2.5) == Approx(std::pow(0.8, 2.5)).epsilon(1e-14));
}
