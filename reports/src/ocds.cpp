#include "tender/reports/ocds.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tender::reports {
namespace {

using nlohmann::json;

// The extensions used, pinned to the commits docs/README.md §4d names (the
// ones ../shared/data/ocds holds and the test validates against).
constexpr const char* kExtensions[] = {
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/"
    "8d3b52eb26ce0f1a015c91b665c120b17ef619a0/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/"
    "9391240f353e8536992938fe9f7987cd89235331/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/"
    "d62ff4b0ba393d823ca8113a9039b12edf7acb8f/extension.json",
};

// What every part of the release needs to know.
struct Context {
  const Evaluation& ev;
  const Round& round;
  std::string date;  // RFC 3339
  std::string lot;   // the one lot's id
};

std::string release_date(const Round& round, const RunInfo& run) {
  std::optional<Date> d = run.notice_date;
  if (!d) d = round.deadline;
  if (!d) d = round.published;
  return (d ? to_iso(*d) : std::string("1970-01-01")) + "T00:00:00Z";
}

bool is_currency_code(const std::string& c) {
  return c.size() == 3 &&
         std::all_of(c.begin(), c.end(), [](char x) { return x >= 'A' && x <= 'Z'; });
}

json value_json(const Context& cx, double amount) {
  json v{{"amount", amount}};
  if (is_currency_code(cx.round.currency)) v["currency"] = cx.round.currency;
  return v;
}

std::string buyer_id(const Round& r) {
  return "buyer-" + r.id;
}
std::string tenderer_id(const BidResult& b) {
  return "tenderer-" + b.id;
}

json org_ref(const std::string& id, const std::string& name) {
  json j{{"id", id}};
  if (!name.empty()) j["name"] = name;
  return j;
}

const char* tender_status(const Evaluation& ev) {
  if (ev.winner) return "complete";
  return ev.ranking.empty() ? "unsuccessful" : "active";
}

json criterion_json(const Criterion& c) {
  const bool price = c.kind == CriterionKind::price;
  std::string description = "Criterion " + c.id + " (" + to_string(c.kind) + ")";
  if (!price && c.kind != CriterionKind::social_value_measures) {
    json scale = c.scale;
    description += ", scored 0 to " + scale.dump();
  }
  json numbers = json::array({{{"number", c.weight}, {"weight", "percentageExact"}}});
  if (c.threshold && !price) {
    numbers.push_back({{"number", *c.threshold}, {"threshold", "minimumScore"}});
  }
  return {{"type", price ? "price" : "quality"},
          {"name", c.title.empty() ? c.id : c.title},
          {"description", description},
          {"numbers", std::move(numbers)}};
}

json lot_json(const Context& cx) {
  json criteria = json::array();
  for (const auto& c : cx.ev.criteria) criteria.push_back(criterion_json(c));
  json lot{{"id", cx.lot},
           {"status", tender_status(cx.ev)},
           {"awardCriteria", {{"criteria", std::move(criteria)}}}};
  if (!cx.round.title.empty()) lot["title"] = cx.round.title;
  return lot;
}

json tender_json(const Context& cx) {
  const Round& r = cx.round;
  json tenderers = json::array();
  for (const auto& b : cx.ev.bids) tenderers.push_back(org_ref(tenderer_id(b), b.bidder.name));
  const bool price_only =
      std::all_of(cx.ev.criteria.begin(), cx.ev.criteria.end(),
                  [](const Criterion& c) { return c.kind == CriterionKind::price; });
  json t{{"id", r.id},
         {"status", tender_status(cx.ev)},
         {"value", value_json(cx, r.budget.value_or(r.annual_value * r.years))},
         {"awardCriteria", price_only ? "priceOnly" : "ratedCriteria"},
         {"numberOfTenderers", cx.ev.bids.size()},
         {"tenderers", std::move(tenderers)},
         {"lots", json::array({lot_json(cx)})}};
  if (!r.title.empty()) t["title"] = r.title;
  return t;
}

json bid_json(const Context& cx, const BidResult& b) {
  const bool ranked = b.status == BidStatus::ranked;
  json j{{"id", b.id},
         {"status", ranked ? "valid" : "disqualified"},
         {"tenderers", json::array({org_ref(tenderer_id(b), b.bidder.name)})},
         {"value", value_json(cx, b.price)},
         {"relatedLots", json::array({cx.lot})},
         {"hasRank", ranked}};
  if (ranked && b.rank) j["rank"] = *b.rank;
  return j;
}

json statistic(const Context& cx, int id, const char* measure, double value, bool money) {
  json s{
      {"id", std::to_string(id)}, {"measure", measure}, {"value", value}, {"relatedLot", cx.lot}};
  if (money && is_currency_code(cx.round.currency)) s["currency"] = cx.round.currency;
  return s;
}

json statistics_json(const Context& cx) {
  std::vector<double> valid;
  for (const auto& b : cx.ev.bids) {
    if (b.status == BidStatus::ranked) valid.push_back(b.price);
  }
  const auto n = static_cast<double>(cx.ev.bids.size());
  const auto v = static_cast<double>(valid.size());
  json out =
      json::array({statistic(cx, 1, "bids", n, false), statistic(cx, 2, "validBids", v, false),
                   statistic(cx, 3, "disqualifiedBids", n - v, false)});
  if (!valid.empty()) {
    const auto [lo, hi] = std::minmax_element(valid.begin(), valid.end());
    out.push_back(statistic(cx, 4, "lowestValidBidValue", *lo, true));
    out.push_back(statistic(cx, 5, "highestValidBidValue", *hi, true));
  }
  return out;
}

json bids_json(const Context& cx) {
  json details = json::array();
  for (const auto& b : cx.ev.bids) details.push_back(bid_json(cx, b));
  return {{"statistics", statistics_json(cx)}, {"details", std::move(details)}};
}

const BidResult* winner_of(const Evaluation& ev) {
  if (!ev.winner) return nullptr;
  for (const auto& b : ev.bids) {
    if (b.id == *ev.winner) return &b;
  }
  return nullptr;
}

json awards_json(const Context& cx) {
  json awards = json::array();
  const BidResult* w = winner_of(cx.ev);
  if (w == nullptr) return awards;
  awards.push_back({{"id", cx.round.id + "-award"},
                    {"status", "pending"},
                    {"date", cx.date},
                    {"value", value_json(cx, w->price)},
                    {"suppliers", json::array({org_ref(tenderer_id(*w), w->bidder.name)})},
                    {"relatedBids", json::array({w->id})},
                    {"relatedLots", json::array({cx.lot})}});
  return awards;
}

json parties_json(const Context& cx) {
  json buyer = org_ref(buyer_id(cx.round), cx.round.buyer);
  buyer["roles"] = json::array({"buyer"});
  json parties = json::array({std::move(buyer)});
  for (const auto& b : cx.ev.bids) {
    json p = org_ref(tenderer_id(b), b.bidder.name);
    const bool won = cx.ev.winner && *cx.ev.winner == b.id;
    p["roles"] = won ? json::array({"supplier", "tenderer"}) : json::array({"tenderer"});
    parties.push_back(std::move(p));
  }
  return parties;
}

json release_json(const Context& cx, const std::string& ocid) {
  return {{"ocid", ocid},
          {"id", cx.round.id + "-award-" + cx.date.substr(0, 10)},
          {"date", cx.date},
          {"tag", json::array({"award"})},
          {"initiationType", "tender"},
          {"language", "en"},
          {"parties", parties_json(cx)},
          {"buyer", org_ref(buyer_id(cx.round), cx.round.buyer)},
          {"tender", tender_json(cx)},
          {"bids", bids_json(cx)},
          {"awards", awards_json(cx)}};
}

}  // namespace

bool is_ocid_prefix(const std::string& prefix) {
  if (prefix.size() != 12 || prefix.compare(0, 5, "ocds-") != 0 || prefix.back() != '-') {
    return false;
  }
  return std::all_of(prefix.begin() + 5, prefix.end() - 1,
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

std::string ocds_release_package(const Evaluation& ev, const Inputs& inputs, const RunInfo& run,
                                 const OcdsOptions& options) {
  const Context cx{ev, inputs.round, release_date(inputs.round, run), inputs.round.id};
  const std::string ocid = options.ocid_prefix + ev.round_id;
  const json release = release_json(cx, ocid);
  json package{
      {"uri", "urn:tender:ocds:" + ocid + ":" + release["id"].get<std::string>()},
      {"version", "1.1"},
      {"publishedDate", cx.date},
      {"publisher", {{"name", inputs.round.buyer.empty() ? "tender" : inputs.round.buyer}}},
      {"extensions", json::array({kExtensions[0], kExtensions[1], kExtensions[2]})},
      {"releases", json::array({release})}};
  return package.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace tender::reports
