// eForms notice -> round skeletons (FORMATS-NOTES §1.4-§1.5; RULES §47-§49).
#include "tender/importers/notice.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "xml_util.hpp"

namespace tender::importers {
namespace {

constexpr std::string_view kCbc =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
constexpr std::string_view kCac =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
constexpr std::string_view kExt =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
constexpr std::string_view kEfext = "http://data.europa.eu/p27/eforms-ubl-extensions/1";
constexpr std::string_view kEfac =
    "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1";
constexpr std::string_view kEfbc =
    "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1";
constexpr std::string_view kTedR209 =
    "http://publications.europa.eu/resource/schema/ted/R2.0.9/publication";
constexpr std::string_view kUblMain = "urn:oasis:names:specification:ubl:schema:xsd:";

constexpr const char* kNoticeKinds[] = {"ContractNotice", "ContractAwardNotice",
                                        "PriorInformationNotice"};

using Step = std::pair<std::string_view, std::string_view>;  // namespace URI, local name

// The namespace URI of an element: its prefix resolved through the xmlns
// declarations of it and its ancestors.
std::string_view ns_uri(const pugi::xml_node& n) {
  const std::string_view name(n.name());
  const auto colon = name.find(':');
  const std::string attr =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node x = n; x; x = x.parent()) {
    if (const auto a = x.attribute(attr.c_str())) return a.value();
  }
  return {};
}

bool is(const pugi::xml_node& n, std::string_view ns, std::string_view local) {
  return n.type() == pugi::node_element && local_name(n.name()) == local && ns_uri(n) == ns;
}

std::vector<pugi::xml_node> kids(const pugi::xml_node& n, std::string_view ns,
                                 std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (const auto& c : n.children()) {
    if (is(c, ns, local)) out.push_back(c);
  }
  return out;
}

pugi::xml_node kid(const pugi::xml_node& n, std::string_view ns, std::string_view local) {
  for (const auto& c : n.children()) {
    if (is(c, ns, local)) return c;
  }
  return {};
}

// Follows `steps` from `n`, taking the first match at each step.
pugi::xml_node at(pugi::xml_node n, std::initializer_list<Step> steps) {
  for (const auto& [ns, local] : steps) {
    if (!n) break;
    n = kid(n, ns, local);
  }
  return n;
}

// The eForms extension block under `n` (ext:UBLExtensions/.../efext:EformsExtension).
pugi::xml_node eforms_extension(const pugi::xml_node& n) {
  return at(n, {{kExt, "UBLExtensions"},
                {kExt, "UBLExtension"},
                {kExt, "ExtensionContent"},
                {kEfext, "EformsExtension"}});
}

std::string text(const pugi::xml_node& n) {
  return std::string(trim(n.child_value()));
}

// A multilingual text: the English version when there is one, else the first.
std::string pick_text(const std::vector<pugi::xml_node>& nodes) {
  for (const auto& n : nodes) {
    if (std::string_view(n.attribute("languageID").value()) == "ENG") return text(n);
  }
  return nodes.empty() ? std::string() : text(nodes.front());
}

std::optional<Date> date_of(const pugi::xml_node& n) {
  const std::string t = text(n);  // xs:date with an offset: 2019-06-24Z, 2019-09-01+02:00
  return t.size() >= 10 ? parse_iso_date(std::string_view(t).substr(0, 10)) : std::nullopt;
}

// Numbers written before a percent sign in `s` ("40 %", "60%", "12,5 %").
std::vector<double> percentages(std::string_view s) {
  std::vector<double> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] < '0' || s[i] > '9') {
      ++i;
      continue;
    }
    std::string number;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ',')) {
      number += s[i] == ',' ? '.' : s[i];
      ++i;
    }
    std::size_t j = i;
    for (bool more = true; more && j < s.size();) {
      if (s[j] == ' ') {
        ++j;
      } else if (s.substr(j, 2) == "\xC2\xA0") {
        j += 2;
      } else if (s.substr(j, 3) == "\xE2\x80\xAF") {
        j += 3;
      } else {
        more = false;
      }
    }
    if (j < s.size() && s[j] == '%') {
      if (const auto v = parse_number(number)) out.push_back(*v);
    }
  }
  return out;
}

// The shortest text of a number ("60", "12.5").
std::string num(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// An award-criterion parameter (efac:AwardCriterionParameter).
struct Parameter {
  std::string list;  // number-weight, number-fixed, number-threshold
  std::string code;  // per-exa, ord-imp, fix-tot, min-score, ...
  std::optional<double> number;
  pugi::xml_node node;
};

// A subordinate awarding criterion as published.
struct Published {
  std::string type;  // price, cost, quality
  std::string name;
  std::string description;
  std::vector<Parameter> parameters;
  pugi::xml_node node;
  const Parameter* weight() const {
    for (const auto& p : parameters) {
      if (p.list == "number-weight") return &p;
    }
    return nullptr;
  }
};

// The family of a BT-5421 code: per, dec, poi, ord ("" when unknown).
std::string family(const std::string& code) {
  for (const char* f : {"per", "dec", "poi"}) {
    if (code == std::string(f) + "-exa" || code == std::string(f) + "-mid") return f;
  }
  return code == "ord-imp" ? "ord" : "";
}

class NoticeReader {
 public:
  NoticeReader(XmlFile& x, pugi::xml_node root, std::string kind)
      : x_(x), root_(root), kind_(std::move(kind)) {}

  Result<NoticeImport> run(Diagnostics& diags) {
    NoticeImport out;
    out.kind = kind_;
    for (const auto& id : kids(root_, kCbc, "ID")) {
      if (std::string_view(id.attribute("schemeName").value()) == "notice-id") {
        out.notice_id = text(id);
      }
    }
    notice_id_ = out.notice_id;
    organisations();
    const auto lots = kids(root_, kCac, "ProcurementProjectLot");
    if (lots.empty()) {
      x_.error(root_, DiagCode::missing,
               "the notice has no lot (cac:ProcurementProjectLot): nothing to import");
    }
    for (const auto& lot : lots) {
      if (std::string_view(kid(lot, kCbc, "ID").attribute("schemeName").value()) == "Lot") {
        ++lot_count_;
      }
    }
    std::map<std::string, int> seen;
    for (const auto& lot : lots) {
      LotSkeleton s = read_lot(lot, seen);
      if (!s.lot_id.empty()) out.lots.push_back(std::move(s));
    }
    if (!diags.empty()) return diags;
    return out;
  }

 private:
  void organisations() {
    const auto orgs = at(eforms_extension(root_), {{kEfac, "Organizations"}});
    for (const auto& o : kids(orgs, kEfac, "Organization")) {
      const auto company = kid(o, kEfac, "Company");
      const std::string id = text(at(company, {{kCac, "PartyIdentification"}, {kCbc, "ID"}}));
      names_[id] = pick_text(kids(at(company, {{kCac, "PartyName"}}), kCbc, "Name"));
    }
  }

  std::string buyer() const {
    std::string out;
    for (const auto& cp : kids(root_, kCac, "ContractingParty")) {
      const auto id = text(at(cp, {{kCac, "Party"}, {kCac, "PartyIdentification"}, {kCbc, "ID"}}));
      const auto it = names_.find(id);
      if (it == names_.end() || it->second.empty()) continue;
      out += (out.empty() ? "" : "; ") + it->second;
    }
    return out;
  }

  void warn(LotSkeleton& s, const pugi::xml_node& n, std::string message,
            std::string criterion = {}) {
    s.warnings.push_back({x_.place(n), std::move(criterion), std::move(message)});
  }

  // The lot's id, checked as a folder name; empty (with an error) when unusable.
  std::string lot_id(const pugi::xml_node& lot, std::map<std::string, int>& seen) {
    const auto id_node = kid(lot, kCbc, "ID");
    std::string id = text(id_node);
    if (!is_valid_id(id) || id == "." || id == "..") {
      x_.error(id_node ? id_node : lot, DiagCode::invalid,
               "lot id '" + id + "' is not a usable folder name ([A-Za-z0-9._-]{1,64})");
      return {};
    }
    const int line = x_.place(id_node).line;
    const auto [it, fresh] = seen.emplace(id, line);
    if (!fresh) {
      x_.error(
          id_node, DiagCode::duplicate,
          "lot id '" + id + "' is repeated (first at line " + std::to_string(it->second) + ")");
      return {};
    }
    return id;
  }

  LotSkeleton read_lot(const pugi::xml_node& lot, std::map<std::string, int>& seen) {
    LotSkeleton s;
    s.lot_id = lot_id(lot, seen);
    if (s.lot_id.empty()) return s;
    Round& r = s.round;
    const std::string combined = notice_id_ + "-" + s.lot_id;
    r.id = is_valid_id(combined) ? combined : s.lot_id;
    r.place = x_.place(lot);
    r.buyer = buyer();
    r.lots = std::max(1, lot_count_);
    const auto project = kid(lot, kCac, "ProcurementProject");
    r.title = pick_text(kids(project, kCbc, "Name"));
    if (r.title.empty()) {
      r.title = pick_text(kids(kid(root_, kCac, "ProcurementProject"), kCbc, "Name"));
    }
    notice_kind(s, lot);
    value(s, lot, project);
    timeline(s, lot);
    criteria(s, lot);
    return s;
  }

  void notice_kind(LotSkeleton& s, const pugi::xml_node& lot) {
    const std::string scheme = kid(lot, kCbc, "ID").attribute("schemeName").value();
    if (scheme == "LotsGroup") {
      warn(s, lot,
           "lots group " + s.lot_id +
               ": these criteria evaluate bids for the group of lots as a whole");
    }
    if (kind_ == "ContractAwardNotice") {
      warn(s, root_,
           "a result (contract award) notice: the competition it reports on is over; this round "
           "restates the award criteria it published");
    } else if (kind_ == "PriorInformationNotice") {
      warn(s, root_,
           "a prior information notice: the criteria may change before the call for competition");
    }
  }

  // Estimated value (BT-27) and duration -> annual-value, years, currency.
  void value(LotSkeleton& s, const pugi::xml_node& lot, const pugi::xml_node& project) {
    Round& r = s.round;
    const Step amount[] = {{kCac, "RequestedTenderTotal"},
                           {kCbc, "EstimatedOverallContractAmount"}};
    pugi::xml_node v = at(project, {amount[0], amount[1]});
    if (!v && lot_count_ <= 1) {
      v = at(root_, {{kCac, "ProcurementProject"}, amount[0], amount[1]});
      if (v) warn(s, v, "estimated value taken from the procedure (BT-27): the notice has one lot");
    }
    // -1: absent or not a number (an optional here trips GCC's maybe-uninitialized)
    const double total = v ? parse_number(v.child_value()).value_or(-1) : -1;
    r.currency = v.attribute("currencyID").value();
    const auto years = duration(s, project);
    r.years = years.value_or(1);
    if (!years) {
      warn(s, lot, "PLACEHOLDER years=\"1\": the notice gives no duration for the contract");
    }
    if (total < 0) {
      r.annual_value = 0;
      warn(s, v ? v : lot,
           "PLACEHOLDER annual-value=\"0\": the notice gives no usable estimated value (BT-27); "
           "set it (and the currency) before checking barriers");
      return;
    }
    r.annual_value = r.years > 0 ? total / r.years : total;
  }

  // The contract's duration in years (BT-36 or the planned start and end).
  std::optional<double> duration(LotSkeleton& s, const pugi::xml_node& project) {
    const auto period = kid(project, kCac, "PlannedPeriod");
    if (const auto m = kid(period, kCbc, "DurationMeasure")) {
      const auto n = parse_number(m.child_value());
      const std::string unit = m.attribute("unitCode").value();
      if (!n || *n <= 0) return std::nullopt;
      if (unit == "YEAR") return *n;
      if (unit == "MONTH") return *n / 12;
      if (unit == "WEEK") return *n * 7 / 365;
      if (unit == "DAY") return *n / 365;
      return std::nullopt;
    }
    const auto start = date_of(kid(period, kCbc, "StartDate"));
    const auto end = date_of(kid(period, kCbc, "EndDate"));
    if (!start || !end || days_since_epoch(*end) < days_since_epoch(*start)) return std::nullopt;
    const double days = static_cast<double>(days_since_epoch(*end) - days_since_epoch(*start) + 1);
    const double years = std::round(days / 365 * 100) / 100;
    warn(s, period,
         "years=\"" + num(years) + "\" from the planned period " + to_iso(*start) + " to " +
             to_iso(*end) + " (" + num(days) + " days / 365, rounded to 0.01)");
    return years > 0 ? std::optional<double>(years) : std::nullopt;
  }

  void timeline(LotSkeleton& s, const pugi::xml_node& lot) {
    s.round.published = date_of(kid(root_, kCbc, "IssueDate"));
    s.round.deadline = date_of(at(
        lot,
        {{kCac, "TenderingProcess"}, {kCac, "TenderSubmissionDeadlinePeriod"}, {kCbc, "EndDate"}}));
  }

  Published published(const pugi::xml_node& sac) {
    Published p;
    p.node = sac;
    p.type = text(kid(sac, kCbc, "AwardingCriterionTypeCode"));
    p.name = pick_text(kids(sac, kCbc, "Name"));
    p.description = pick_text(kids(sac, kCbc, "Description"));
    for (const auto& par : kids(eforms_extension(sac), kEfac, "AwardCriterionParameter")) {
      const auto code = kid(par, kEfbc, "ParameterCode");
      p.parameters.push_back({code.attribute("listName").value(), text(code),
                              parse_number(kid(par, kEfbc, "ParameterNumeric").child_value()),
                              par});
    }
    return p;
  }

  void criteria(LotSkeleton& s, const pugi::xml_node& lot) {
    prices_ = 0;
    qualities_ = 0;
    const auto terms = at(lot, {{kCac, "TenderingTerms"}, {kCac, "AwardingTerms"}});
    std::vector<Published> pub;
    for (const auto& ac : kids(terms, kCac, "AwardingCriterion")) {
      for (const auto& sac : kids(ac, kCac, "SubordinateAwardingCriterion")) {
        pub.push_back(published(sac));
      }
      if (const auto calc = kid(ac, kCbc, "CalculationExpression")) {
        warn(s, calc,
             "the notice describes the weighting in words (BT-543): \"" + text(calc) + "\"");
      }
      if (const auto why = kid(ac, kCbc, "Description")) {
        warn(s, why, "why only an order of importance is given (BT-733): \"" + text(why) + "\"");
      }
    }
    if (pub.empty()) {
      warn(s, terms ? terms : lot,
           "the notice publishes no award criteria for this lot: add them before evaluating");
      return;
    }
    for (const auto& p : pub) s.round.criteria.push_back(criterion(s, p));
    weights(s, pub);
    price_count(s, lot);
  }

  Criterion criterion(LotSkeleton& s, const Published& p) {
    Criterion c;
    c.place = x_.place(p.node);
    const bool money = p.type == "price" || p.type == "cost";
    c.kind = money ? CriterionKind::price : CriterionKind::quality;
    c.id = money ? (prices_ == 0 ? std::string("P") : "P" + std::to_string(prices_ + 1))
                 : "Q" + std::to_string(++qualities_);
    if (money) ++prices_;
    c.title = !p.name.empty() ? p.name : p.description;
    if (c.title.empty()) c.title = p.type.empty() ? "Criterion" : p.type;
    if (p.type == "cost") {
      warn(s, p.node,
           "a cost criterion (BT-539 cost) is imported as a price criterion: tender's evaluated "
           "price is the whole-life cost of the priced lines",
           c.id);
    } else if (!money && p.type != "quality") {
      warn(s, p.node,
           "criterion type '" + p.type + "' is not price, cost or quality: imported as quality",
           c.id);
    }
    if (money) {
      warn(s, p.node,
           "PLACEHOLDER formula=\"lowest-ratio\": the notice does not say how price is scored",
           c.id);
    } else {
      warn(s, p.node, "PLACEHOLDER scale=\"5\": the notice gives no scoring scale", c.id);
    }
    other_parameters(s, p, c.id);
    return c;
  }

  void other_parameters(LotSkeleton& s, const Published& p, const std::string& id) {
    for (const auto& par : p.parameters) {
      const std::string n = par.number ? num(*par.number) : std::string("?");
      if (par.list == "number-threshold" && par.code == "min-score") {
        warn(s, par.node,
             "minimum score " + n +
                 " (BT-5423 min-score), on the scale of the procurement "
                 "documents: set threshold= once the scale is set",
             id);
      } else if (par.list == "number-threshold") {
        warn(s, par.node,
             "threshold " + par.code + " " + n +
                 " (BT-5423) has no equivalent in a round: apply it "
                 "by hand",
             id);
      } else if (par.list == "number-fixed") {
        warn(s, par.node,
             "the price is fixed (BT-5422 " + par.code + " " + n +
                 "): bids compete on quality only, which a round cannot express",
             id);
      }
    }
  }

  void price_count(LotSkeleton& s, const pugi::xml_node& lot) {
    if (prices_ == 1) return;
    warn(s, lot,
         prices_ == 0 ? "the notice has no price or cost criterion: a round needs exactly one "
                        "(`tender check` refuses the round until one is added)"
                      : std::to_string(prices_) +
                            " price or cost criteria: a round scores exactly one price criterion "
                            "(merge them; `tender check` refuses the round until then)");
  }

  void weights(LotSkeleton& s, const std::vector<Published>& pub);
  void zero_weights(LotSkeleton& s, const std::vector<Published>& pub, const std::string& why);
  void set_weights(LotSkeleton& s, const std::vector<Published>& pub, const std::string& fam);
  void check_sum(LotSkeleton& s, const std::vector<Published>& pub, const std::string& fam);
  void contradictions(LotSkeleton& s, const std::vector<Published>& pub);

  XmlFile& x_;
  pugi::xml_node root_;
  std::string kind_;
  std::string notice_id_;
  std::map<std::string, std::string> names_;  // organisation id -> name
  int lot_count_ = 0;
  int prices_ = 0;  // of the lot being read
  int qualities_ = 0;
};

void NoticeReader::zero_weights(LotSkeleton& s, const std::vector<Published>& pub,
                                const std::string& why) {
  for (auto& c : s.round.criteria) c.weight = 0;
  warn(s, pub.front().node.parent(),
       "PLACEHOLDER weight=\"0\" on every criterion: " + why +
           ": set the weights before evaluating (`tender check` refuses weight 0)");
}

void NoticeReader::weights(LotSkeleton& s, const std::vector<Published>& pub) {
  std::set<std::string> families;
  std::string codes;
  bool some_missing = false;
  for (const auto& p : pub) {
    const Parameter* w = p.weight();
    if (w == nullptr || !w->number) {
      some_missing = true;
      continue;
    }
    families.insert(family(w->code));
    if (codes.find(w->code) == std::string::npos) codes += (codes.empty() ? "" : ", ") + w->code;
  }
  if (families.empty()) {
    zero_weights(s, pub, "the notice gives no weights");
  } else if (families.size() > 1 || families.count("")) {
    zero_weights(s, pub, "the weights mix kinds (" + codes + ") that cannot be put on one scale");
  } else if (families.count("ord")) {
    for (std::size_t i = 0; i < pub.size(); ++i) {
      if (const Parameter* w = pub[i].weight(); w && w->number) {
        warn(s, w->node, "position " + num(*w->number) + " in the order of importance (ord-imp)",
             s.round.criteria[i].id);
      }
    }
    zero_weights(s, pub, "weights are given only as an order of importance");
  } else {
    set_weights(s, pub, *families.begin());
    if (!some_missing) check_sum(s, pub, *families.begin());
    contradictions(s, pub);
  }
}

void NoticeReader::set_weights(LotSkeleton& s, const std::vector<Published>& pub,
                               const std::string& fam) {
  double points = 0;
  for (const auto& p : pub) {
    if (const Parameter* w = p.weight(); w && w->number) points += *w->number;
  }
  for (std::size_t i = 0; i < pub.size(); ++i) {
    Criterion& c = s.round.criteria[i];
    const Parameter* w = pub[i].weight();
    if (w == nullptr || !w->number) {
      c.weight = 0;
      warn(s, pub[i].node, "PLACEHOLDER weight=\"0\": the notice gives this criterion no weight",
           c.id);
      continue;
    }
    const double n = *w->number;
    c.weight = fam == "dec" ? n * 100 : fam == "poi" ? (points > 0 ? n / points * 100 : 0) : n;
    if (fam == "poi") {
      warn(s, w->node,
           num(n) + " points of " + num(points) + " in all: weight " + num(c.weight) + " %", c.id);
    }
    if (w->code.size() > 4 && w->code.substr(4) == "mid") {
      warn(s, w->node,
           "the weight is the middle of a range (" + w->code + "): fix the exact weight", c.id);
    }
  }
}

// Weights that sum to 100 within the publication's rounding (the eForms rule:
// 1 point per criterion) are rescaled to exactly 100; others are kept as
// published and `tender check` refuses them.
void NoticeReader::check_sum(LotSkeleton& s, const std::vector<Published>& pub,
                             const std::string& fam) {
  auto& cs = s.round.criteria;
  double sum = 0;
  for (const auto& c : cs) sum += c.weight;
  if (std::fabs(sum - 100) <= 1e-9 || fam == "poi") return;
  const std::string was = "the weights sum to " + num(sum) + ", not 100";
  if (sum > 0 && std::fabs(sum - 100) <= static_cast<double>(cs.size())) {
    for (auto& c : cs) c.weight = c.weight * 100 / sum;
    warn(s, pub.front().node.parent(), was + " (within the notice's rounding): rescaled to 100");
  } else {
    warn(s, pub.front().node.parent(),
         was + ": kept as published; correct them (`tender check` refuses the round until then)");
  }
}

// A percentage in a criterion's description that disagrees with its number.
void NoticeReader::contradictions(LotSkeleton& s, const std::vector<Published>& pub) {
  for (std::size_t i = 0; i < pub.size(); ++i) {
    const Parameter* w = pub[i].weight();
    if (w == nullptr || !w->number || family(w->code) != "per") continue;
    const auto said = percentages(pub[i].description);
    if (said.empty()) continue;
    const bool agrees = std::any_of(said.begin(), said.end(),
                                    [&](double p) { return std::fabs(p - *w->number) < 1e-9; });
    if (agrees) continue;
    warn(s, pub[i].node,
         "the description says " + num(said.front()) + " % but the weight (BT-541) is " +
             num(*w->number) + ": the number is used; check the procurement documents",
         s.round.criteria[i].id);
  }
}

// Why `root` is not an eForms notice, for the error.
std::string not_a_notice(const pugi::xml_node& root) {
  const std::string ns(ns_uri(root));
  const std::string local(local_name(root.name()));
  if (ns == kTedR209) {
    std::string form;
    if (const auto fs = XmlFile::child(root, "FORM_SECTION"); fs && fs.first_child()) {
      form = ", form " + std::string(local_name(fs.first_child().name()));
    }
    return "a legacy TED XML notice (schema R2.0.9" + form +
           "), not eForms: its award-criteria weights are free text; import the eForms version "
           "of the notice";
  }
  return "not an eForms notice: the root element is '" + local + "' in namespace '" + ns +
         "', not ContractNotice, ContractAwardNotice or PriorInformationNotice (UBL 2.3)";
}

bool looks_like_json(const std::string& bytes) {
  std::string_view s(bytes);
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  s = trim(s);
  return !s.empty() && (s.front() == '{' || s.front() == '[');
}

}  // namespace

Result<NoticeImport> parse_notice(const SourceFile& file) {
  Diagnostics diags;
  if (looks_like_json(file.bytes)) {
    return Diagnostics{{DiagCode::refused,
                        {file.path, 1, {}, {}},
                        "a JSON file (OCDS or ProZorro data?), not an eForms notice: import-notice "
                        "reads eForms XML notices"}};
  }
  XmlFile x(file.bytes, file.path, diags);
  if (!x.ok()) return diags;
  const auto root = x.doc().document_element();
  if (!root) {
    x.error(root, DiagCode::malformed, "the file has no root element");
    return diags;
  }
  for (const char* kind : kNoticeKinds) {
    if (local_name(root.name()) == kind && ns_uri(root) == std::string(kUblMain) + kind + "-2") {
      return NoticeReader(x, root, kind).run(diags);
    }
  }
  x.error(root, DiagCode::refused, not_a_notice(root));
  return diags;
}

}  // namespace tender::importers
