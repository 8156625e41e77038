// Builds, in memory, the domestic-abuse round of the spec's worked example
// (shared/spec/example), so engine tests need no files.
#pragma once

#include "tender/engine/model.hpp"

namespace tender::test {

inline Criterion criterion(const char* id, CriterionKind kind, double weight,
                           std::vector<std::string> outcomes = {}) {
  Criterion c;
  c.id = id;
  c.kind = kind;
  c.weight = weight;
  c.outcomes = std::move(outcomes);
  return c;
}

inline Round example_round() {
  Round r;
  r.id = "DA-2026-01";
  r.annual_value = 450000;
  r.years = 3;
  r.lots = 1;
  r.discount_rate = 0.035;
  r.budget = 1400000;
  r.published = Date{2026, 10, 1};
  r.deadline = Date{2026, 11, 5};
  r.outcomes = {{"O1", 1, "", {}}, {"O2", 2, "", {}}, {"O3", 3, "", {}}};
  r.min_turnover = 900000;
  r.bond_percent = 10;
  r.parent_guarantee = true;
  r.insurance = {{"professional-indemnity", 5000000}};
  r.payment = Payment{30, 1, 0.4, 9};
  r.spread_flag = 2;
  r.gates = {{"G1", "", {}}};
  auto q1 = criterion("Q1", CriterionKind::quality, 25, {"O1"});
  q1.threshold = 2;
  r.criteria = {q1, criterion("Q2", CriterionKind::quality, 15, {"O2"}),
                criterion("P", CriterionKind::price, 40),
                criterion("SV1", CriterionKind::social_value, 10, {"O3"}),
                criterion("SV2", CriterionKind::social_value_measures, 10, {"O3"})};
  r.abnormally_low = AbnormallyLow{0.8, CentralMeasure::median};
  Measure fte;
  fte.id = "LOCAL-FTE";
  fte.proxy = 28500;
  fte.deadweight = 0.2;
  fte.attribution = 0.1;
  Measure vol;
  vol.id = "VOL-HOURS";
  vol.proxy = 17.5;
  vol.duration = 2;
  vol.drop_off = 0.3;
  r.measures = {fte, vol};
  return r;
}

inline Bid bid(const char* id, const char* type, double turnover, double reserves, bool bond,
               bool guarantee, std::vector<double> rates, double fte, double hours) {
  Bid b;
  b.round = "DA-2026-01";
  b.id = id;
  b.bidder = {std::string("Bidder ") + id, type, "small", turnover, reserves, 10, bond, guarantee};
  b.gates = {{"G1", "pass", "", {}}};
  for (int y = 0; y < 3; ++y) {
    b.lines.push_back({"Core", 1, rates[static_cast<std::size_t>(y)], y + 1, 0, 0});
  }
  b.lines.push_back({"Mobilisation", 1, 18000, 1, 0, 0});
  if (fte > 0) b.commitments.push_back({"LOCAL-FTE", fte, "", {}});
  if (hours > 0) b.commitments.push_back({"VOL-HOURS", hours, "", {}});
  return b;
}

inline void scores(Inputs& in, const char* bid, const char* crit, std::vector<double> values) {
  const char* names[] = {"ana", "ben", "cara"};
  for (std::size_t i = 0; i < values.size(); ++i) {
    in.scores.push_back({bid, crit, names[i], values[i], "", {}});
  }
}

inline Inputs example_inputs() {
  Inputs in;
  in.round = example_round();
  in.bids = {bid("B01", "vcse", 14000000, 2100000, true, true, {405000, 415000, 425000}, 9, 3000),
             bid("B02", "sme", 3200000, 300000, true, false, {395000, 400000, 410000}, 6, 0),
             bid("B03", "vcse", 620000, 95000, false, false, {410000, 435000, 455000}, 12, 2400),
             bid("B04", "large", 85000000, 9000000, true, true, {300000, 305000, 310000}, 4, 0),
             bid("B05", "sme", 1400000, 160000, true, true, {430000, 440000, 450000}, 14, 5200)};
  scores(in, "B01", "Q1", {4, 4, 3});
  scores(in, "B01", "Q2", {3, 4, 4});
  scores(in, "B01", "SV1", {3, 3, 4});
  scores(in, "B02", "Q1", {3, 3, 3});
  scores(in, "B02", "Q2", {3, 3, 2});
  scores(in, "B02", "SV1", {2, 3, 2});
  scores(in, "B03", "Q1", {5, 5, 4});
  scores(in, "B03", "Q2", {4, 4, 5});
  scores(in, "B03", "SV1", {5, 4, 5});
  scores(in, "B04", "Q1", {2, 1, 4});
  scores(in, "B04", "Q2", {3, 3, 3});
  scores(in, "B04", "SV1", {1, 2, 1});
  scores(in, "B05", "Q1", {4, 3, 4});
  scores(in, "B05", "Q2", {4, 3, 3});
  scores(in, "B05", "SV1", {4, 4, 5});
  in.moderation = {{"B04", "Q1", 2, "weak evidence", {}}};
  in.decisions = {{"B04", "ALT", "accept", "shared back office", {}}};
  return in;
}

}  // namespace tender::test
