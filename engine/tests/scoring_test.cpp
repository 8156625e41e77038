// Price formulas, ties and thresholds on small rounds built in memory.
#include <catch2/catch.hpp>

#include "tender/engine/evaluation.hpp"
#include "test_round.hpp"

using namespace tender;

namespace {

// A round with one quality criterion (weight 100 - price_weight) and price.
Inputs two_criteria(PriceFormula f, double price_weight, std::vector<double> prices,
                    std::vector<double> quality) {
  Inputs in;
  in.round.id = "R";
  in.round.annual_value = 100000;
  in.round.criteria = {test::criterion("Q", CriterionKind::quality, 100 - price_weight),
                       test::criterion("P", CriterionKind::price, price_weight)};
  in.round.criteria[1].formula = f;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    Bid b;
    b.round = "R";
    b.id = "B" + std::to_string(i + 1);
    b.bidder.type = "sme";
    b.stated_total = prices[i];
    in.bids.push_back(b);
    in.scores.push_back({b.id, "Q", "ana", quality[i], "", {}});
  }
  return in;
}

Evaluation run(const Inputs& in) {
  Options o;
  o.smaa_draws = 100;
  auto ev = evaluate(in, o);
  if (!ev) FAIL(to_string(ev.errors().front()));
  return ev.value();
}

double weighted_price(const Evaluation& ev, std::size_t i) { return *ev.bids[i].scores.at("P").weighted; }

}  // namespace

TEST_CASE("price: lowest-ratio gives w x L / P", "[engine][price]") {
  const auto ev = run(two_criteria(PriceFormula::lowest_ratio, 40, {100, 125, 200}, {3, 3, 3}));
  CHECK(weighted_price(ev, 0) == Approx(40));
  CHECK(weighted_price(ev, 1) == Approx(32));
  CHECK(weighted_price(ev, 2) == Approx(20));
}

TEST_CASE("price: deviation loses points in proportion and stops at 0", "[engine][price]") {
  const auto ev = run(two_criteria(PriceFormula::deviation, 40, {100, 125, 250}, {3, 3, 3}));
  CHECK(weighted_price(ev, 1) == Approx(30));
  CHECK(weighted_price(ev, 2) == Approx(0));
}

TEST_CASE("price: linear-budget scales between budget and lowest", "[engine][price]") {
  Inputs in = two_criteria(PriceFormula::linear_budget, 40, {100, 150, 250}, {3, 3, 3});
  in.round.budget = 200;
  const auto ev = run(in);
  CHECK(weighted_price(ev, 0) == Approx(40));
  CHECK(weighted_price(ev, 1) == Approx(20));
  CHECK(weighted_price(ev, 2) == Approx(0));
}

TEST_CASE("price: linear-budget with budget below the lowest price", "[engine][price]") {
  Inputs in = two_criteria(PriceFormula::linear_budget, 40, {100, 150}, {3, 3});
  in.round.budget = 90;
  const auto ev = run(in);
  CHECK(weighted_price(ev, 0) == Approx(40));
  CHECK(weighted_price(ev, 1) == Approx(0));
}

TEST_CASE("rank: an unresolved tie at rank 1 leaves no winner", "[engine][rank]") {
  const auto ev = run(two_criteria(PriceFormula::lowest_ratio, 40, {100, 100, 120}, {3, 3, 3}));
  CHECK_FALSE(ev.winner);
  CHECK(ev.bids[0].rank == 1);
  CHECK(ev.bids[1].rank == 1);
  CHECK(ev.bids[2].rank == 3);
  REQUIRE_FALSE(ev.flags.empty());
  bool tie = false;
  for (const auto& f : ev.flags) tie = tie || f.code == Code::tie;
  CHECK(tie);
  CHECK(ev.sensitivity.one_at_a_time.empty());
}

TEST_CASE("rank: the tie-break prefers quality when totals tie", "[engine][rank]") {
  // B1: quality 5/5 x 50 = 50, price 50 x 100/200 = 25 -> 75.
  // B2: quality 2.5/5 x 50 = 25, price 50 x 100/100 = 50 -> 75.
  const auto ev = run(two_criteria(PriceFormula::lowest_ratio, 50, {200, 100}, {5, 2.5}));
  CHECK(*ev.bids[0].total == Approx(*ev.bids[1].total));
  CHECK(ev.winner == std::optional<std::string>("B1"));
}

TEST_CASE("quality: a threshold excludes a bid below it", "[engine][quality]") {
  Inputs in = two_criteria(PriceFormula::lowest_ratio, 40, {100, 120}, {1, 4});
  in.round.criteria[0].threshold = 2;
  const auto ev = run(in);
  CHECK(ev.bids[0].status == BidStatus::excluded);
  REQUIRE(ev.bids[0].reasons.size() == 1);
  CHECK(ev.bids[0].reasons[0].code == Code::threshold);
  CHECK(ev.bids[0].reasons[0].subject == "Q");
  // The threshold-excluded bid no longer sets the lowest price.
  CHECK(*ev.bids[1].scores.at("P").weighted == Approx(40));
}

TEST_CASE("social value: one commitment's value, and 0 for an unknown measure",
          "[engine][social]") {
  Round r;
  r.discount_rate = 0.25;
  Measure m;
  m.id = "M";
  m.proxy = 100;
  m.deadweight = 0.5;
  m.duration = 2;
  m.drop_off = 0.5;
  r.measures = {m};
  // base = 2 x 100 x 0.5 = 100; year 2: 100 x 0.5 / 1.25 = 40.
  CHECK(commitment_value(r, Commitment{"M", 2, "", {}}) == Approx(140));
  CHECK(commitment_value(r, Commitment{"X", 2, "", {}}) == 0);
}
