#include "tender/reports/json.hpp"

#include <nlohmann/json.hpp>

namespace tender::reports {
namespace {

using nlohmann::json;

json optional_number(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}
json optional_text(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

json flags_json(const std::vector<Flag>& flags) {
  json out = json::array();
  for (const auto& f : flags) {
    json j{{"code", std::string(to_string(f.code))}, {"message", f.message}};
    if (!f.subject.empty()) j["subject"] = f.subject;
    out.push_back(std::move(j));
  }
  return out;
}

json criterion_json(const Criterion& c) {
  json j{{"id", c.id}, {"kind", to_string(c.kind)}, {"weight", c.weight}, {"title", c.title}};
  j["outcomes"] = c.outcomes;
  if (c.kind == CriterionKind::quality || c.kind == CriterionKind::social_value) {
    j["scale"] = c.scale;
    if (c.threshold) j["threshold"] = *c.threshold;
  }
  if (c.kind == CriterionKind::price) j["formula"] = to_string(c.formula);
  return j;
}

json score_json(const CriterionResult& r) {
  json j = json::object();
  if (r.moderated) {
    j["moderated"] = *r.moderated;
    j["moderated_by"] = r.from_moderation ? "moderation" : "evaluators";
    if (r.from_moderation) j["rationale"] = r.rationale;
  }
  if (r.weighted) j["weighted"] = *r.weighted;
  if (r.spread) j["spread"] = *r.spread;
  if (!r.evaluators.empty()) {
    json ev = json::array();
    for (const auto& e : r.evaluators) {
      ev.push_back({{"evaluator", e.evaluator}, {"score", e.score}, {"comment", e.comment}});
    }
    j["evaluators"] = std::move(ev);
  }
  return j;
}

json bid_json(const BidResult& b) {
  json j{{"id", b.id},
         {"bidder", b.bidder.name},
         {"type", b.bidder.type},
         {"size", b.bidder.size},
         {"status", b.status == BidStatus::ranked ? "ranked" : "excluded"},
         {"price", b.price},
         {"price_undiscounted", b.price_undiscounted},
         {"stated_total", optional_number(b.stated_total)},
         {"social_value", b.social_value},
         {"social_return", b.social_return},
         {"flags", flags_json(b.flags)}};
  if (b.status == BidStatus::ranked) {
    j["rank"] = b.rank.value_or(0);
    j["total"] = b.total.value_or(0);
  } else {
    j["reasons"] = flags_json(b.reasons);
  }
  json scores = json::object();
  for (const auto& [id, r] : b.scores) scores[id] = score_json(r);
  j["scores"] = std::move(scores);
  return j;
}

json alternative_json(const Alternative& a) {
  return {{"ranking", a.ranking},
          {"winner", optional_text(a.winner)},
          {"winner_changes", a.winner_changes}};
}

json barriers_json(const Barriers& b) {
  json excluded = json::array();
  for (const auto& x : b.excluded) {
    json codes = json::array();
    for (Code c : x.codes) codes.push_back(std::string(to_string(c)));
    excluded.push_back({{"bid", x.bid}, {"codes", std::move(codes)}, {"type", x.type}});
  }
  json cf = alternative_json(b.counterfactual);
  cf["unscored"] = b.counterfactual.unscored;
  return {{"working_capital", b.working_capital},
          {"excluded", std::move(excluded)},
          {"counterfactual", std::move(cf)}};
}

json alignment_json(const Alignment& a) {
  json cf = alternative_json(a.counterfactual);
  cf["weights"] = a.counterfactual_weights;
  return {{"effective_weights", a.effective_weights},
          {"kendall_tau", optional_number(a.kendall_tau)},
          {"counterfactual", std::move(cf)}};
}

json sensitivity_json(const Sensitivity& s) {
  json oat = json::array();
  for (const auto& o : s.one_at_a_time) {
    oat.push_back({{"criterion", o.criterion},
                   {"delta", optional_number(o.delta)},
                   {"new_leader", optional_text(o.new_leader)}});
  }
  json wd = json::array();
  for (const auto& w : s.withdrawal) {
    wd.push_back({{"withdrawn", w.withdrawn},
                  {"winner", optional_text(w.winner)},
                  {"winner_changes", w.winner_changes}});
  }
  json smaa{{"draws", s.smaa.draws},
            {"seed", s.smaa.seed},
            {"kappa", s.smaa.kappa},
            {"rank1", s.smaa.rank1},
            {"acceptability", s.smaa.acceptability}};
  return {
      {"one_at_a_time", std::move(oat)}, {"smaa", std::move(smaa)}, {"withdrawal", std::move(wd)}};
}

json policy_json(const Policy& p) {
  return {{"source", p.source},
          {"turnover-multiple", p.turnover_multiple},
          {"cashflow-months", p.cashflow_months},
          {"payment-days", p.payment_days},
          {"insurance-multiple", p.insurance_multiple},
          {"lot-value", p.lot_value},
          {"min-days", p.min_days},
          {"max-price-weight", p.max_price_weight},
          {"min-social-value", p.min_social_value}};
}

json head_json(const Evaluation& ev, const RunInfo& run) {
  json inputs = json::array();
  for (const auto& i : run.inputs) {
    inputs.push_back({{"role", i.role}, {"file", i.file}, {"sha256", i.sha256}});
  }
  json criteria = json::array();
  for (const auto& c : ev.criteria) criteria.push_back(criterion_json(c));
  return {{"round", ev.round_id},
          {"engine", {{"name", "tender"}, {"version", run.engine_version}}},
          {"inputs", std::move(inputs)},
          {"criteria", std::move(criteria)},
          {"policy", policy_json(ev.policy)},
          {"flags", flags_json(ev.flags)}};
}

std::string dump(const json& j) {
  return j.dump(1) + "\n";
}

}  // namespace

std::string result_json(const Evaluation& ev, const RunInfo& run) {
  json j = head_json(ev, run);
  json bids = json::array();
  for (const auto& b : ev.bids) bids.push_back(bid_json(b));
  j["bids"] = std::move(bids);
  j["ranking"] = ev.ranking;
  j["winner"] = optional_text(ev.winner);
  j["warnings"] = ev.warnings;
  j["barriers"] = barriers_json(ev.barriers);
  j["alignment"] = alignment_json(ev.alignment);
  j["sensitivity"] = sensitivity_json(ev.sensitivity);
  return dump(j);
}

std::string check_json(const Evaluation& ev, const RunInfo& run) {
  json j = head_json(ev, run);
  j["working_capital"] = ev.barriers.working_capital;
  json al = alignment_json(ev.alignment);
  al["priority_weights"] = ev.alignment.counterfactual_weights;
  al.erase("counterfactual");
  j["alignment"] = std::move(al);
  return dump(j);
}

}  // namespace tender::reports
