// The spec's worked example, in memory: expected numbers are those of
// shared/spec/example/expected-subset.json, worked out outside this code.
#include <catch2/catch.hpp>

#include "tender/engine/evaluation.hpp"
#include "test_round.hpp"

using namespace tender;

namespace {

const BidResult& find(const Evaluation& ev, const std::string& id) {
  for (const auto& b : ev.bids) {
    if (b.id == id) return b;
  }
  FAIL("no bid " << id);
  throw;
}

bool has_flag(const std::vector<Flag>& flags, Code code, const std::string& subject = {}) {
  for (const auto& f : flags) {
    if (f.code == code && (subject.empty() || f.subject == subject)) return true;
  }
  return false;
}

Evaluation run(const Inputs& in, long draws = 1000) {
  Options o;
  o.smaa_draws = draws;
  auto ev = evaluate(in, o);
  if (!ev) FAIL(to_string(ev.errors().front()));
  return ev.value();
}

}  // namespace

TEST_CASE("evaluate: the worked example ranks B05 first", "[engine][evaluate]") {
  const Evaluation ev = run(test::example_inputs());
  REQUIRE(ev.winner == std::optional<std::string>("B05"));
  CHECK(ev.ranking == std::vector<std::string>{"B05", "B01", "B04"});
  const auto& b05 = find(ev, "B05");
  CHECK(*b05.total == Approx(74.90206919930054).margin(1e-9));
  CHECK(b05.price == Approx(1293200.5881117412).margin(1e-6));
  CHECK(b05.social_value == Approx(439825.89371980674).margin(1e-6));
  CHECK(*b05.scores.at("P").weighted == Approx(27.90206919930055).margin(1e-9));
  CHECK(*find(ev, "B01").total == Approx(73.7589379505393).margin(1e-9));
  CHECK(*find(ev, "B04").scores.at("SV2").weighted == Approx(1.8661929907266777).margin(1e-9));
}

TEST_CASE("evaluate: barrier exclusions and the counterfactual winner", "[engine][evaluate]") {
  const Evaluation ev = run(test::example_inputs());
  const auto& b03 = find(ev, "B03");
  CHECK(b03.status == BidStatus::excluded);
  CHECK(has_flag(b03.reasons, Code::turnover));
  CHECK(has_flag(b03.reasons, Code::bond));
  CHECK(has_flag(b03.reasons, Code::guarantee));
  CHECK(b03.reasons.size() == 3);
  CHECK(ev.barriers.working_capital == Approx(157500));
  CHECK(ev.barriers.counterfactual.ranking ==
        std::vector<std::string>{"B03", "B05", "B01", "B04", "B02"});
  CHECK(ev.barriers.counterfactual.winner_changes);
}

TEST_CASE("evaluate: round flags of the worked example", "[engine][evaluate]") {
  const Evaluation ev = run(test::example_inputs());
  std::vector<std::string> codes;
  for (const auto& f : ev.flags) codes.emplace_back(to_string(f.code));
  CHECK(codes == std::vector<std::string>{"B-BOND", "B-CASHFLOW", "B-GUARANTEE", "B-INSURANCE",
                                          "B-LOTS", "A-INVERSION"});
  CHECK(has_flag(ev.flags, Code::a_inversion, "O2>O3"));
  CHECK(has_flag(find(ev, "B04").flags, Code::alt));
}

TEST_CASE("evaluate: priority weights and sensitivity of the worked example", "[engine][evaluate]") {
  const Evaluation ev = run(test::example_inputs());
  CHECK(ev.alignment.counterfactual_weights.at("Q1") == Approx(36.666666666666664));
  CHECK(ev.alignment.counterfactual.winner == std::optional<std::string>("B01"));
  CHECK(*ev.alignment.kendall_tau == Approx(1.0 / 3.0));
  REQUIRE(ev.sensitivity.one_at_a_time.size() == 5);
  CHECK(*ev.sensitivity.one_at_a_time[1].delta == Approx(4.595636994420742).margin(1e-6));
  CHECK(*ev.sensitivity.one_at_a_time[4].delta == Approx(-2.791304977970021).margin(1e-6));
  CHECK(*ev.sensitivity.one_at_a_time[0].delta == Approx(75.0).margin(1e-6));
}

TEST_CASE("evaluate: the same inputs give the same evaluation", "[engine][evaluate]") {
  const Evaluation a = run(test::example_inputs(), 5000);
  const Evaluation b = run(test::example_inputs(), 5000);
  CHECK(a.sensitivity.smaa.rank1 == b.sensitivity.smaa.rank1);
  CHECK(*a.bids[0].total == *b.bids[0].total);
}

TEST_CASE("validate: weights that do not sum to 100 are refused", "[engine][validate]") {
  Inputs in = test::example_inputs();
  in.round.criteria[0].weight = 24;
  const auto ev = evaluate(in, Options{});
  REQUIRE_FALSE(ev.ok());
  CHECK(ev.errors().front().message.find("sum to 99") != std::string::npos);
}

TEST_CASE("validate: every error is reported, not just the first", "[engine][validate]") {
  Inputs in = test::example_inputs();
  in.round.criteria[0].weight = 24;
  in.scores.push_back({"B99", "Q1", "ana", 3, "", {"scores.csv", 47, {}, {}}});
  in.bids[1].id = "B01";
  const auto diags = validate(in);
  CHECK(diags.size() >= 3);
}

TEST_CASE("validate: a bid in contention without a score is refused", "[engine][validate]") {
  Inputs in = test::example_inputs();
  std::erase_if(in.scores, [](const Score& s) { return s.bid == "B05" && s.criterion == "Q2"; });
  const auto diags = validate(in);
  REQUIRE(diags.size() == 1);
  CHECK(diags.front().message.find("B05") != std::string::npos);
}

TEST_CASE("validate: an excluded bid needs no scores", "[engine][validate]") {
  Inputs in = test::example_inputs();
  std::erase_if(in.scores, [](const Score& s) { return s.bid == "B03"; });
  CHECK(validate(in).empty());
  const Evaluation ev = run(in);
  CHECK(ev.barriers.counterfactual.unscored == std::vector<std::string>{"B03"});
}
