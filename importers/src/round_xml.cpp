// round.xml -> Round.
#include <sstream>

#include "tender/importers/parse.hpp"
#include "xml_util.hpp"

namespace tender::importers {
namespace {

constexpr std::string_view kRoundNs = "urn:tender-engine:round:1";

std::optional<Date> parse_date(XmlFile& x, const pugi::xml_node& n, const char* name) {
  const auto t = x.text(n, name, false);
  if (!t) return std::nullopt;
  const std::optional<Date> d = parse_iso_date(*t);
  if (!d) {
    x.error(n, DiagCode::invalid,
            std::string(name) + "=\"" + *t + "\" is not a date YYYY-MM-DD (1900-2199)");
  }
  return d;
}

std::optional<double> non_negative(XmlFile& x, const pugi::xml_node& n, const char* name,
                                   bool required) {
  const auto v = x.number(n, name, required);
  if (v && *v < 0) {
    x.error(n, DiagCode::invalid, std::string(name) + " must not be negative");
    return std::nullopt;
  }
  return v;
}

std::optional<double> fraction(XmlFile& x, const pugi::xml_node& n, const char* name) {
  const auto v = x.number(n, name, false);
  if (v && (*v < 0 || *v > 1)) {
    x.error(n, DiagCode::invalid, std::string(name) + " must lie in 0..1");
    return std::nullopt;
  }
  return v;
}

void contract(XmlFile& x, const pugi::xml_node& root, Round& r) {
  const auto c = XmlFile::child(root, "contract");
  if (!c) {
    x.error(root, DiagCode::missing, "the round needs a <contract> element");
    return;
  }
  r.annual_value = non_negative(x, c, "annual-value", true).value_or(0);
  r.years = non_negative(x, c, "years", false).value_or(1);
  r.lots = x.integer(c, "lots", false, 1, 100000).value_or(1);
  r.discount_rate = non_negative(x, c, "discount-rate", false);
  r.budget = non_negative(x, c, "budget", false);
  const auto ob = x.text(c, "over-budget", false).value_or("keep");
  if (ob == "exclude") {
    r.over_budget = OverBudget::exclude;
  } else if (ob != "keep") {
    x.error(c, DiagCode::invalid, "over-budget must be keep or exclude, not '" + ob + "'");
  }
}

void outcomes(XmlFile& x, const pugi::xml_node& root, Round& r) {
  for (const auto& o : XmlFile::children(XmlFile::child(root, "outcomes"), "outcome")) {
    Outcome out;
    out.id = x.id(o, "id", true).value_or("");
    out.priority = x.integer(o, "priority", true, 1, 1000000).value_or(1);
    out.text = o.child_value();
    out.place = x.place(o);
    r.outcomes.push_back(std::move(out));
  }
}

void requirements(XmlFile& x, const pugi::xml_node& root, Round& r) {
  const auto req = XmlFile::child(root, "requirements");
  if (!req) return;
  if (const auto t = XmlFile::child(req, "turnover"))
    r.min_turnover = non_negative(x, t, "minimum", true);
  if (const auto b = XmlFile::child(req, "bond"))
    r.bond_percent = non_negative(x, b, "percent", true);
  if (const auto g = XmlFile::child(req, "parent-guarantee")) {
    r.parent_guarantee = x.boolean(g, "required", false).value_or(true);
  }
  for (const auto& i : XmlFile::children(req, "insurance")) {
    r.insurance.push_back(
        {x.text(i, "kind", false).value_or(""), non_negative(x, i, "amount", true).value_or(0)});
  }
  if (const auto p = XmlFile::child(req, "payment")) {
    Payment pay;
    pay.terms_days = non_negative(x, p, "terms-days", false).value_or(30);
    pay.arrears_months = non_negative(x, p, "arrears-months", false).value_or(1);
    pay.results_share = fraction(x, p, "results-share").value_or(0);
    pay.results_lag_months = non_negative(x, p, "results-lag-months", false).value_or(0);
    r.payment = pay;
  }
}

std::vector<std::string> split_ids(XmlFile& x, const pugi::xml_node& n, const std::string& list) {
  std::vector<std::string> out;
  std::istringstream in(list);
  for (std::string id; in >> id;) {
    if (!is_valid_id(id)) x.error(n, DiagCode::invalid, "'" + id + "' is not a valid outcome id");
    out.push_back(id);
  }
  return out;
}

Criterion criterion(XmlFile& x, const pugi::xml_node& n) {
  Criterion c;
  c.id = x.id(n, "id", true).value_or("");
  c.place = x.place(n);
  const auto kind = x.text(n, "kind", true).value_or("quality");
  if (kind == "quality")
    c.kind = CriterionKind::quality;
  else if (kind == "social-value")
    c.kind = CriterionKind::social_value;
  else if (kind == "social-value-measures")
    c.kind = CriterionKind::social_value_measures;
  else if (kind == "price")
    c.kind = CriterionKind::price;
  else
    x.error(n, DiagCode::invalid, "unknown criterion kind '" + kind + "'");
  c.weight = x.number(n, "weight", true).value_or(0);
  c.scale = x.number(n, "scale", false).value_or(5);
  c.threshold = x.number(n, "threshold", false);
  c.outcomes = split_ids(x, n, x.text(n, "outcomes", false).value_or(""));
  const auto formula = x.text(n, "formula", false).value_or("lowest-ratio");
  if (formula == "deviation")
    c.formula = PriceFormula::deviation;
  else if (formula == "linear-budget")
    c.formula = PriceFormula::linear_budget;
  else if (formula != "lowest-ratio")
    x.error(n, DiagCode::invalid, "unknown price formula '" + formula + "'");
  c.theme = x.text(n, "theme", false).value_or("");
  c.title = n.child_value();
  return c;
}

Measure measure(XmlFile& x, const pugi::xml_node& n) {
  Measure m;
  m.id = x.id(n, "id", true).value_or("");
  m.place = x.place(n);
  m.unit = x.text(n, "unit", false).value_or("");
  m.proxy = non_negative(x, n, "proxy", true).value_or(0);
  m.deadweight = fraction(x, n, "deadweight").value_or(0);
  m.attribution = fraction(x, n, "attribution").value_or(0);
  m.displacement = fraction(x, n, "displacement").value_or(0);
  m.drop_off = fraction(x, n, "drop-off").value_or(0);
  m.duration = x.integer(n, "duration", false, 1, 1000).value_or(1);
  m.title = n.child_value();
  return m;
}

void moderation_attrs(XmlFile& x, const pugi::xml_node& ev, Round& r) {
  const auto mod = x.text(ev, "moderation", false).value_or("median");
  if (mod == "mean")
    r.moderation = ModerationMethod::mean;
  else if (mod == "consensus")
    r.moderation = ModerationMethod::consensus;
  else if (mod != "median")
    x.error(ev, DiagCode::invalid, "unknown moderation method '" + mod + "'");
  r.spread_flag = x.number(ev, "spread-flag", false);
  r.overclaim_ratio = x.number(ev, "overclaim-ratio", false).value_or(1.0);
  r.policy_file = x.text(ev, "policy", false).value_or("");
  if (const auto tb = x.text(ev, "tie-break", false)) {
    r.tie_break.clear();
    std::istringstream in(*tb);
    for (std::string k; in >> k;) {
      if (k == "quality")
        r.tie_break.push_back(KindGroup::quality);
      else if (k == "social-value")
        r.tie_break.push_back(KindGroup::social_value);
      else if (k == "price")
        r.tie_break.push_back(KindGroup::price);
      else
        x.error(ev, DiagCode::invalid, "unknown tie-break step '" + k + "'");
    }
  }
}

void evaluation(XmlFile& x, const pugi::xml_node& root, Round& r) {
  const auto ev = XmlFile::child(root, "evaluation");
  if (!ev) {
    x.error(root, DiagCode::missing, "the round needs an <evaluation> element");
    return;
  }
  moderation_attrs(x, ev, r);
  for (const auto& g : XmlFile::children(ev, "gate")) {
    r.gates.push_back({x.id(g, "id", true).value_or(""), g.child_value(), x.place(g)});
  }
  for (const auto& c : XmlFile::children(ev, "criterion")) r.criteria.push_back(criterion(x, c));
  if (const auto alt = XmlFile::child(ev, "abnormally-low")) {
    AbnormallyLow a;
    a.below = non_negative(x, alt, "below", true).value_or(0.8);
    const auto of = x.text(alt, "of", false).value_or("median");
    if (of == "mean")
      a.of = CentralMeasure::mean;
    else if (of != "median")
      x.error(alt, DiagCode::invalid, "abnormally-low of= must be median or mean");
    r.abnormally_low = a;
  }
  for (const auto& m : XmlFile::children(XmlFile::child(ev, "measures"), "measure")) {
    r.measures.push_back(measure(x, m));
  }
}

}  // namespace

Result<Round> parse_round(const SourceFile& file) {
  Diagnostics diags;
  XmlFile x(file.bytes, file.path, diags);
  if (!x.ok()) return diags;
  const auto root = x.root("round", kRoundNs);
  if (!root) return diags;
  Round r;
  r.place = x.place(root);
  r.id = x.id(root, "id", true).value_or("");
  r.currency = x.text(root, "currency", false).value_or("");
  r.title = XmlFile::child(root, "title").child_value();
  r.buyer = XmlFile::child(root, "buyer").child_value();
  contract(x, root, r);
  if (const auto t = XmlFile::child(root, "timeline")) {
    r.published = parse_date(x, t, "published");
    r.deadline = parse_date(x, t, "deadline");
  }
  outcomes(x, root, r);
  requirements(x, root, r);
  evaluation(x, root, r);
  if (!diags.empty()) return diags;
  return r;
}

}  // namespace tender::importers
