#include <catch2/catch.hpp>

#include "tender/importers/parse.hpp"

using namespace tender;
using namespace tender::importers;

namespace {

SourceFile file(const char* name, std::string text) { return {name, std::move(text), {}}; }

const char* kRound = R"(<?xml version="1.0"?>
<round xmlns="urn:tender-engine:round:1" id="R-1" currency="GBP">
  <title>Street cleansing</title>
  <contract annual-value="500000" years="5" discount-rate="0.035" budget="2400000" over-budget="exclude"/>
  <timeline published="2026-01-05" deadline="2026-01-20"/>
  <outcomes><outcome id="O1" priority="1">Clean streets</outcome></outcomes>
  <requirements>
    <turnover minimum="1500000"/>
    <payment terms-days="45" results-share="0.2" results-lag-months="6"/>
  </requirements>
  <evaluation moderation="mean" tie-break="price quality">
    <gate id="G1">Waste carrier licence</gate>
    <criterion id="Q1" kind="quality" weight="60" scale="10" threshold="4" outcomes="O1">Method</criterion>
    <criterion id="P" kind="price" weight="40" formula="deviation"/>
    <abnormally-low below="0.75" of="mean"/>
  </evaluation>
</round>
)";

}  // namespace

TEST_CASE("round: every attribute of a round is read", "[importers][round]") {
  const auto r = parse_round(file("round.xml", kRound));
  REQUIRE(r.ok());
  CHECK(r->id == "R-1");
  CHECK(r->annual_value == 500000);
  CHECK(r->years == 5);
  CHECK(*r->discount_rate == Approx(0.035));
  CHECK(r->over_budget == OverBudget::exclude);
  CHECK(r->deadline->day == 20);
  CHECK(*r->min_turnover == 1500000);
  CHECK(r->payment->terms_days == 45);
  CHECK(r->payment->arrears_months == 1);  // FORMATS.md default
  CHECK(r->moderation == ModerationMethod::mean);
  CHECK(r->tie_break == std::vector<KindGroup>{KindGroup::price, KindGroup::quality});
  REQUIRE(r->criteria.size() == 2);
  CHECK(r->criteria[0].scale == 10);
  CHECK(*r->criteria[0].threshold == 4);
  CHECK(r->criteria[0].place.line == 13);
  CHECK(r->criteria[1].formula == PriceFormula::deviation);
  CHECK(r->abnormally_low->of == CentralMeasure::mean);
}

TEST_CASE("round: a DOCTYPE is refused and entities are never expanded", "[importers][round]") {
  const auto r = parse_round(file("evil.xml", R"(<?xml version="1.0"?>
<!DOCTYPE round [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<round xmlns="urn:tender-engine:round:1" id="&b;"/>)"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors().front().code == DiagCode::refused);
  CHECK(to_string(r.errors().front()).find("evil.xml:2") == 0);
}

TEST_CASE("round: truncated XML names the file and line", "[importers][round]") {
  const auto r = parse_round(file("cut.xml", "<?xml version=\"1.0\"?>\n<round xmlns=\"urn:tender-engine:round:1\">\n  <contract"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors().front().code == DiagCode::malformed);
  CHECK(to_string(r.errors().front()).find("cut.xml:3") == 0);
}

TEST_CASE("round: every bad value is reported with its line", "[importers][round]") {
  const auto r = parse_round(file("bad.xml", R"(<round xmlns="urn:tender-engine:round:1" id="R">
<contract annual-value="NaN"/>
<evaluation moderation="vote">
<criterion id="Q 1" kind="quality" weight="x"/>
</evaluation>
</round>)"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors().size() >= 4);
  CHECK(r.errors()[0].place.line == 2);
}

TEST_CASE("round: the wrong namespace is refused", "[importers][round]") {
  const auto r = parse_round(file("ns.xml", R"(<round xmlns="urn:other" id="R"/>)"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors().front().message.find("urn:tender-engine:round:1") != std::string::npos);
}

TEST_CASE("policy: the shipped default policy parses and holds the spec's defaults", "[importers][policy]") {
  const SourceFile f{"default.xml", default_policy_xml(), {}};
  const auto p = parse_policy(f);
  REQUIRE(p.ok());
  CHECK(p->turnover_multiple == 2);
  CHECK(p->cashflow_months == 3);
  CHECK(p->payment_days == 30);
  CHECK(p->insurance_multiple == 2);
  CHECK(p->lot_value == 1000000);
  CHECK(p->min_days == 25);
  CHECK(p->max_price_weight == 50);
  CHECK(p->min_social_value == 10);
}

TEST_CASE("policy: an unknown threshold is an error, not silently ignored", "[importers][policy]") {
  const auto p = parse_policy(file("p.xml", R"(<policy xmlns="urn:tender-engine:policy:1">
<turnover-multiple value="3"/><turnover-multipel value="4"/></policy>)"));
  REQUIRE_FALSE(p.ok());
  CHECK(p.errors().front().place.line == 2);
}
