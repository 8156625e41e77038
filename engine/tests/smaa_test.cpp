#include <catch2/catch.hpp>

#include "random.hpp"
#include "tender/engine/evaluation.hpp"
#include "test_round.hpp"

using namespace tender;

TEST_CASE("smaa: the same seed gives the same draws whatever the number of threads", "[engine][smaa]") {
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
