// The award page: an mstch context built from one Evaluation, rendered with
// templates/award.html.mustache. Every value handed to the template is a
// string (numbers formatted here, text cleaned here) or a bool for a section;
// the template escapes each one. Chart geometry is computed here as numbers
// and drawn by the template as SVG. One function per section of the page.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "html_format.hpp"
#include "parts.hpp"
#include "render.hpp"
#include "tender/engine/date.hpp"
#include "tender/reports/html.hpp"

namespace tender::reports {
namespace {

using mstch::array;
using mstch::map;

// Everything a section needs.
struct Page {
  const Evaluation& ev;
  const Inputs& in;
  const RunInfo& run;
  std::map<std::string, const BidResult*> bids;  // by id
};

std::string text(std::string_view s) {
  return html::clean_text(s);
}

std::string score(double v) {
  return html::fixed(v, 2);
}

std::string score(const std::optional<double>& v) {
  return v ? score(*v) : std::string();
}

std::string money(const Page& p, double v) {
  return html::money(v, p.in.round.currency);
}

std::string num(double v) {
  return html::fixed(v, 1);
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string bidder_of(const Page& p, const std::string& id) {
  const auto it = p.bids.find(id);
  return it == p.bids.end() ? std::string() : text(it->second->bidder.name);
}

// "B02 Haven Lights Partnership", or the id alone for an unknown bid.
std::string bid_label(const Page& p, const std::string& id) {
  const std::string name = bidder_of(p, id);
  return name.empty() ? text(id) : text(id) + " " + name;
}

bool winner_is(const Page& p, const std::string& id) {
  return p.ev.winner && *p.ev.winner == id;
}

// Ranked bids best first, then the excluded ones in id order.
std::vector<const BidResult*> bids_in_order(const Page& p) {
  std::vector<const BidResult*> out;
  for (const auto& id : p.ev.ranking) out.push_back(p.bids.at(id));
  for (const auto& b : p.ev.bids) {
    if (b.status != BidStatus::ranked) out.push_back(&b);
  }
  return out;
}

array flag_list(const std::vector<Flag>& flags, bool (*keep)(Code)) {
  array out;
  for (const auto& f : flags) {
    if (keep != nullptr && !keep(f.code)) continue;
    out.emplace_back(map{{"flag_code", std::string(to_string(f.code))},
                         {"flag_subject", text(f.subject)},
                         {"flag_message", text(f.message)}});
  }
  return out;
}

array id_list(const Page& p, const std::vector<std::string>& ids) {
  array out;
  for (const auto& id : ids) {
    out.emplace_back(map{{"item_id", text(id)}, {"item_name", bidder_of(p, id)}});
  }
  return out;
}

// ---------------------------------------------------------------- header

std::string contract_text(const Page& p) {
  const Round& r = p.in.round;
  std::string out = money(p, r.annual_value) + " a year for " + html::fixed(r.years, 0) +
                    (r.years == 1 ? " year" : " years");
  if (std::fabs(r.years - std::round(r.years)) > 1e-9) {
    out = money(p, r.annual_value) + " a year for " + html::fixed(r.years, 2) + " years";
  }
  return out + ", " + std::to_string(r.lots) + (r.lots == 1 ? " lot" : " lots");
}

std::string timeline_text(const Round& r) {
  if (!r.published && !r.deadline) return "";
  const std::string from = r.published ? to_iso(*r.published) : "?";
  const std::string to = r.deadline ? to_iso(*r.deadline) : "?";
  return "published " + from + ", deadline " + to;
}

map head(const Page& p) {
  const Round& r = p.in.round;
  return map{{"round_id", text(p.ev.round_id)},
             {"round_title", text(r.title)},
             {"buyer", text(r.buyer)},
             {"currency", text(r.currency)},
             {"contract", contract_text(p)},
             {"timeline", timeline_text(r)},
             {"budget", r.budget ? money(p, *r.budget) : std::string()},
             {"discount_rate", r.discount_rate ? html::percent(*r.discount_rate) : std::string()},
             {"engine", text("tender " + p.run.engine_version)},
             {"policy", text(p.ev.policy.source)}};
}

map winner_box(const Page& p) {
  map out{{"has_winner", p.ev.winner.has_value()},
          {"no_winner", std::string(p.ev.ranking.empty() ? "No bid was ranked."
                                                         : "No winner: a tie at rank 1 "
                                                           "(see the round's flags).")}};
  if (!p.ev.winner) return out;
  const BidResult& w = *p.bids.at(*p.ev.winner);
  out["winner_id"] = text(w.id);
  out["winner_name"] = text(w.bidder.name);
  out["winner_total"] = score(w.total);
  out["has_runner_up"] = p.ev.ranking.size() > 1;
  if (p.ev.ranking.size() > 1) {
    const BidResult& second = *p.bids.at(p.ev.ranking[1]);
    out["runner_up"] = bid_label(p, second.id);
    out["margin"] = score(w.total.value_or(0) - second.total.value_or(0));
  }
  return out;
}

// ---------------------------------------------------------------- ranking

map ranking_row(const Page& p, const BidResult& b) {
  const bool ranked = b.status == BidStatus::ranked;
  const auto part = [&](KindGroup g) {
    return ranked ? score(group_total(p.ev.criteria, b, g)) : std::string();
  };
  return map{{"rank", b.rank ? std::to_string(*b.rank) : std::string()},
             {"id", text(b.id)},
             {"name", text(b.bidder.name)},
             {"type", text(b.bidder.type)},
             {"quality", part(KindGroup::quality)},
             {"social", part(KindGroup::social_value)},
             {"price_points", part(KindGroup::price)},
             {"total", ranked ? score(b.total) : std::string()},
             {"status", std::string(status_text(b))},
             {"ranked", ranked},
             {"winner", winner_is(p, b.id)},
             {"reasons", flag_list(b.reasons, nullptr)},
             {"has_reasons", !b.reasons.empty()}};
}

array ranking_rows(const Page& p) {
  array out;
  for (const BidResult* b : bids_in_order(p)) out.emplace_back(ranking_row(p, *b));
  return out;
}

// Chart geometry shared by the horizontal bar charts (SVG user units).
constexpr double kChartWidth = 760;
constexpr double kPlotLeft = 262;
constexpr double kPlotRight = 702;
constexpr double kBarPitch = 34;
constexpr double kBarHeight = 22;
constexpr double kLegendHeight = 30;

double plot_x(double value, double axis_max) {
  return kPlotLeft + (kPlotRight - kPlotLeft) * value / axis_max;
}

array ticks(double axis_max, double step, const char* suffix) {
  array out;
  const auto n = static_cast<int>(std::lround(axis_max / step));
  for (int k = 0; k <= n; ++k) {
    const double v = step * k;
    out.emplace_back(
        map{{"tick_x", num(plot_x(v, axis_max))}, {"tick_label", html::fixed(v, 0) + suffix}});
  }
  return out;
}

// One coloured piece of a stacked bar: from `start` to `start + value` on an
// axis of 0..axis_max, filled by CSS class `css` (or by `seg_fill`, set by
// the caller), labelled inside when there is room, in white on a `dark` tone.
map segment(double start, double value, double axis_max, const std::string& label,
            const std::string& css, bool dark, const std::string& title) {
  const double x = plot_x(start, axis_max);
  const double w = plot_x(start + value, axis_max) - x;
  return map{{"seg_x", num(x)},
             {"seg_w", num(w)},
             {"seg_class", css},
             {"seg_fill", std::string()},
             {"seg_tone", std::string(dark ? "on-dark" : "on-light")},
             {"seg_title", title},
             {"seg_label", label},
             {"seg_show", w >= 8.0 * static_cast<double>(label.size()) && !label.empty()},
             {"seg_mid", num(x + w / 2)}};
}

// One key of a chart's legend: its label and either a CSS class or a fill.
struct LegendItem {
  std::string label;
  std::string css;
  std::string fill;
};

array legend(const std::vector<LegendItem>& items, double item_width) {
  array out;
  const auto per_row = static_cast<std::size_t>((kChartWidth - 10) / item_width);
  for (std::size_t k = 0; k < items.size(); ++k) {
    const double x = 10 + item_width * static_cast<double>(k % per_row);
    const std::size_t row = k / per_row;
    const double y = 6 + 20 * static_cast<double>(row);
    out.emplace_back(map{{"leg_x", num(x)},
                         {"leg_y", num(y)},
                         {"leg_text_x", num(x + 18)},
                         {"leg_text_y", num(y + 11)},
                         {"leg_label", items[k].label},
                         {"leg_class", items[k].css},
                         {"leg_fill", items[k].fill}});
  }
  return out;
}

double legend_height(std::size_t items, double item_width) {
  const auto per_row = static_cast<std::size_t>((kChartWidth - 10) / item_width);
  const std::size_t extra_rows = (items - 1) / per_row;
  return kLegendHeight + 20 * static_cast<double>(extra_rows);
}

// Position of bar `k` (0-based) below a legend of height `top`.
map bar_frame(std::size_t k, double top, const std::string& label) {
  const double y = top + kBarPitch * static_cast<double>(k);
  return map{{"bar_y", num(y)},
             {"bar_h", num(kBarHeight)},
             {"bar_text_y", num(y + kBarHeight / 2 + 4)},
             {"bar_label", html::shorten(label, 34)}};
}

map totals_bar(const Page& p, const BidResult& b, std::size_t k, double top) {
  map bar = bar_frame(k, top, bid_label(p, b.id));
  const std::pair<KindGroup, const char*> parts[] = {{KindGroup::quality, "Quality"},
                                                     {KindGroup::social_value, "Social value"},
                                                     {KindGroup::price, "Price"}};
  const char* classes[] = {"q", "sv", "p"};
  const bool dark[] = {true, true, false};
  array segments;
  double start = 0;
  for (std::size_t g = 0; g < 3; ++g) {
    const double v = group_total(p.ev.criteria, b, parts[g].first);
    if (v <= 0) continue;
    segments.emplace_back(segment(start, v, 100, score(v), classes[g], dark[g],
                                  std::string(parts[g].second) + ": " + score(v) + " points"));
    start += v;
  }
  bar["segments"] = segments;
  bar["end_x"] = num(plot_x(start, 100) + 6);
  bar["end_label"] = score(b.total);
  return bar;
}

// `chart` with the geometry bar-chart.mustache draws it in: the plot's
// edges, the bars starting at `top`, the axis at `axis_y`.
map with_frame(double top, double axis_y, map chart) {
  chart.emplace("width", num(kChartWidth));
  chart.emplace("height", num(axis_y + 36));
  chart.emplace("axis_y", num(axis_y));
  chart.emplace("axis_label_y", num(axis_y + 16));
  chart.emplace("axis_title_y", num(axis_y + 32));
  chart.emplace("plot_left", num(kPlotLeft));
  chart.emplace("plot_right", num(kPlotRight));
  chart.emplace("plot_mid", num((kPlotLeft + kPlotRight) / 2));
  chart.emplace("top", num(top - 6));
  return chart;
}

map totals_chart(const Page& p) {
  array bars;
  const double top = kLegendHeight;
  for (std::size_t k = 0; k < p.ev.ranking.size(); ++k) {
    bars.emplace_back(totals_bar(p, *p.bids.at(p.ev.ranking[k]), k, top));
  }
  const double axis_y = top + kBarPitch * static_cast<double>(p.ev.ranking.size());
  return with_frame(
      top, axis_y,
      map{{"chart_id", std::string("chart-totals")},
          {"chart_title", std::string("Total score of each ranked bid, by part")},
          {"chart_desc", std::string("Horizontal stacked bars, best bid at the top: quality, "
                                     "social value and price points, left to right, add up "
                                     "to the total out of 100 shown at the end of each bar. "
                                     "The ranking table above gives the same figures.")},
          {"axis_title", std::string("Weighted score (out of 100)")},
          {"show", !p.ev.ranking.empty()},
          {"bars", bars},
          {"ticks", ticks(100, 20, "")},
          {"legend",
           legend({{"Quality", "q", ""}, {"Social value", "sv", ""}, {"Price", "p", ""}}, 130)}});
}

array decisions(const Page& p) {
  array out;
  for (const auto& d : p.in.decisions) {
    out.emplace_back(map{{"dec_bid", bid_label(p, d.bid)},
                         {"dec_subject", text(d.subject)},
                         {"dec_decision", text(d.decision)},
                         {"dec_rationale", text(d.rationale)}});
  }
  return out;
}

// ---------------------------------------------------------------- scores

bool evaluator_scored(CriterionKind k) {
  return k == CriterionKind::quality || k == CriterionKind::social_value;
}

map criterion_row(const Criterion& cr) {
  const bool scaled = evaluator_scored(cr.kind);
  return map{{"crit_id", text(cr.id)},
             {"crit_title", text(criterion_title(cr))},
             {"crit_kind", std::string(kind_title(cr.kind))},
             {"crit_weight", score(cr.weight)},
             {"crit_scale", scaled ? score(cr.scale) : std::string()},
             {"crit_threshold", cr.threshold ? score(*cr.threshold) : std::string()},
             {"crit_outcomes", text(join(cr.outcomes, ", "))}};
}

array criterion_heads(const Page& p, bool scored_only) {
  array out;
  for (const auto& cr : p.ev.criteria) {
    if (scored_only && !evaluator_scored(cr.kind)) continue;
    out.emplace_back(map{{"head_id", text(cr.id)}, {"head_title", text(criterion_title(cr))}});
  }
  return out;
}

// One bid's row of a bids x criteria matrix: moderated scores (`weighted`
// false, evaluator-scored criteria only) or weighted scores.
map matrix_row(const Page& p, const BidResult& b, bool weighted) {
  array cells;
  for (const auto& cr : p.ev.criteria) {
    if (!weighted && !evaluator_scored(cr.kind)) continue;
    const auto it = b.scores.find(cr.id);
    std::string v;
    if (it != b.scores.end()) v = score(weighted ? it->second.weighted : it->second.moderated);
    cells.emplace_back(map{{"cell", v}});
  }
  return map{{"m_id", text(b.id)},
             {"m_name", text(b.bidder.name)},
             {"m_cells", cells},
             {"m_total", score(b.total)},
             {"m_ranked", b.status == BidStatus::ranked}};
}

map scores_section(const Page& p) {
  array criteria;
  for (const auto& cr : p.ev.criteria) criteria.emplace_back(criterion_row(cr));
  array moderated;
  array weighted;
  for (const BidResult* b : bids_in_order(p)) {
    moderated.emplace_back(matrix_row(p, *b, false));
    weighted.emplace_back(matrix_row(p, *b, true));
  }
  return map{{"criteria", criteria},
             {"scored_heads", criterion_heads(p, true)},
             {"all_heads", criterion_heads(p, false)},
             {"moderated_rows", moderated},
             {"weighted_rows", weighted}};
}

// ---------------------------------------------------------------- evaluators

bool spread_flagged(const BidResult& b, const std::string& criterion) {
  return std::any_of(b.flags.begin(), b.flags.end(), [&](const Flag& f) {
    return f.code == Code::spread && f.subject == criterion;
  });
}

// Rows of one criterion: one per evaluator; the first carries the cells that
// span them all (criterion, spread, moderated score).
void evaluator_rows(const BidResult& b, const Criterion& cr, const CriterionResult& r,
                    array& rows) {
  const std::size_t n = std::max<std::size_t>(r.evaluators.size(), 1);
  for (std::size_t k = 0; k < n; ++k) {
    const EvaluatorScore* e = k < r.evaluators.size() ? &r.evaluators[k] : nullptr;
    rows.emplace_back(map{{"first", k == 0},
                          {"span", std::to_string(n)},
                          {"ev_crit", text(cr.id)},
                          {"ev_crit_title", text(criterion_title(cr))},
                          {"ev_name", e ? text(e->evaluator) : std::string()},
                          {"ev_score", e ? score(e->score) : std::string()},
                          {"ev_comment", e ? text(e->comment) : std::string()},
                          {"ev_spread", score(r.spread)},
                          {"ev_spread_flag", spread_flagged(b, cr.id)},
                          {"ev_moderated", score(r.moderated)},
                          {"ev_by", std::string(r.from_moderation ? "moderation" : "evaluators")},
                          {"ev_rationale", r.from_moderation ? text(r.rationale) : std::string()},
                          {"ev_has_rationale", r.from_moderation && !r.rationale.empty()},
                          {"last", k + 1 == n}});
  }
}

map evaluator_table(const Page& p, const BidResult& b) {
  array rows;
  for (const auto& cr : p.ev.criteria) {
    if (!evaluator_scored(cr.kind)) continue;
    const auto it = b.scores.find(cr.id);
    if (it != b.scores.end()) evaluator_rows(b, cr, it->second, rows);
  }
  return map{{"t_id", text(b.id)},
             {"t_name", text(b.bidder.name)},
             {"t_status", std::string(status_text(b))},
             {"t_rows", rows},
             {"t_any", !rows.empty()}};
}

array evaluators_section(const Page& p) {
  array out;
  for (const BidResult* b : bids_in_order(p)) out.emplace_back(evaluator_table(p, *b));
  return out;
}

// ---------------------------------------------------------------- price

map price_row(const Page& p, const BidResult& b) {
  const bool ranked = b.status == BidStatus::ranked;
  return map{{"pr_id", text(b.id)},
             {"pr_name", text(b.bidder.name)},
             {"pr_status", std::string(status_text(b))},
             {"pr_price", money(p, b.price)},
             {"pr_plain", money(p, b.price_undiscounted)},
             {"pr_stated", b.stated_total ? money(p, *b.stated_total) : std::string()},
             {"pr_points",
              ranked ? score(group_total(p.ev.criteria, b, KindGroup::price)) : std::string()},
             {"pr_flags", flag_list(bid_flags(b, price_code), nullptr)},
             {"has_pr_flags", !bid_flags(b, price_code).empty()}};
}

std::string alt_rule(const Round& r) {
  if (!r.abnormally_low) return "";
  const char* of = r.abnormally_low->of == CentralMeasure::median ? "median" : "mean";
  return "below " + html::fixed(r.abnormally_low->below, 2) + " \u00d7 the " + of +
         " evaluated price of the bids in contention";
}

map price_section(const Page& p) {
  array rows;
  for (const BidResult* b : bids_in_order(p)) rows.emplace_back(price_row(p, *b));
  return map{{"price_rows", rows}, {"alt_rule", alt_rule(p.in.round)}};
}

// ---------------------------------------------------------------- social value

map social_row(const Page& p, const BidResult& b) {
  const bool ranked = b.status == BidStatus::ranked;
  return map{{"sv_id", text(b.id)},
             {"sv_name", text(b.bidder.name)},
             {"sv_status", std::string(status_text(b))},
             {"sv_value", money(p, b.social_value)},
             {"sv_price", money(p, b.price)},
             {"sv_ratio", html::percent(b.social_return)},
             {"sv_points", ranked ? score(group_total(p.ev.criteria, b, KindGroup::social_value))
                                  : std::string()},
             {"sv_flags", flag_list(bid_flags(b, social_code), nullptr)},
             {"has_sv_flags", !bid_flags(b, social_code).empty()}};
}

const Measure* measure_of(const Round& r, const std::string& id) {
  for (const auto& m : r.measures) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

array commitment_rows(const Page& p) {
  array out;
  for (const auto& bid : p.in.bids) {
    for (const auto& c : bid.commitments) {
      const Measure* m = measure_of(p.in.round, c.measure);
      out.emplace_back(map{{"cm_bid", bid_label(p, bid.id)},
                           {"cm_measure", text(c.measure)},
                           {"cm_quantity", html::fixed(c.quantity, 2)},
                           {"cm_unit", m ? text(m->unit) : std::string()},
                           {"cm_value", money(p, commitment_value(p.in.round, c))},
                           {"cm_text", text(c.text)}});
    }
  }
  return out;
}

array measure_rows(const Page& p) {
  array out;
  for (const auto& m : p.in.round.measures) {
    out.emplace_back(map{{"ms_id", text(m.id)},
                         {"ms_title", text(m.title)},
                         {"ms_unit", text(m.unit)},
                         {"ms_proxy", money(p, m.proxy)},
                         {"ms_deadweight", html::percent(m.deadweight)},
                         {"ms_attribution", html::percent(m.attribution)},
                         {"ms_displacement", html::percent(m.displacement)},
                         {"ms_duration", std::to_string(m.duration)},
                         {"ms_drop_off", html::percent(m.drop_off)}});
  }
  return out;
}

map social_section(const Page& p) {
  array rows;
  for (const BidResult* b : bids_in_order(p)) rows.emplace_back(social_row(p, *b));
  return map{{"social_rows", rows},
             {"commitments", commitment_rows(p)},
             {"measures", measure_rows(p)},
             {"has_measures", !p.in.round.measures.empty()},
             {"overclaim_ratio", html::fixed(p.in.round.overclaim_ratio, 2)}};
}

// ---------------------------------------------------------------- barriers

bool barrier_flag(Code code) {
  return to_string(code).substr(0, 2) == "B-";
}

bool alignment_flag(Code code) {
  return to_string(code).substr(0, 2) == "A-";
}

bool reversal_flag(Code code) {
  return code == Code::rank_reversal;
}

// Why each barrier matters to small and voluntary-sector providers (§7).
std::string barrier_why(Code code) {
  switch (code) {
    case Code::b_turnover:
      return "A turnover minimum above the policy's multiple of the annual value shuts out "
             "smaller providers able to deliver the contract.";
    case Code::b_bond:
      return "Small providers and charities often cannot obtain a performance bond.";
    case Code::b_guarantee:
      return "Only providers with a parent company can offer a parent company guarantee.";
    case Code::b_cashflow:
      return "The payment terms make the provider fund delivery for months before being paid.";
    case Code::b_payterms:
      return "Payment terms longer than the policy allows strain small providers' cash.";
    case Code::b_insurance:
      return "Insurance cover far above the contract's size costs small providers more.";
    case Code::b_lots:
      return "A single large lot is out of reach of providers who could deliver part of it.";
    case Code::b_timeline:
      return "A short bidding window favours providers with bid teams.";
    case Code::b_price_dominant:
      return "A dominant price weight favours scale over quality.";
    case Code::b_sv_low:
      return "Social value weighs less than the policy's minimum.";
    default:
      return "";
  }
}

array barrier_flags(const Page& p) {
  array out;
  for (const auto& f : p.ev.flags) {
    if (!barrier_flag(f.code)) continue;
    out.emplace_back(map{{"flag_code", std::string(to_string(f.code))},
                         {"flag_subject", text(f.subject)},
                         {"flag_message", text(f.message)},
                         {"flag_why", barrier_why(f.code)}});
  }
  return out;
}

array let_back_in(const Page& p) {
  array out;
  for (const auto& x : p.ev.barriers.excluded) {
    std::vector<std::string> codes;
    for (Code c : x.codes) codes.emplace_back(to_string(c));
    out.emplace_back(map{{"lb_bid", bid_label(p, x.bid)},
                         {"lb_type", text(x.type)},
                         {"lb_codes", join(codes, ", ")}});
  }
  return out;
}

map alternative(const Page& p, const Alternative& a) {
  return map{{"alt_ranking", id_list(p, a.ranking)},
             {"has_alt_ranking", !a.ranking.empty()},
             {"alt_winner", a.winner ? bid_label(p, *a.winner) : std::string("none (a tie)")},
             {"alt_changes", a.winner_changes},
             {"alt_unscored", id_list(p, a.unscored)},
             {"alt_any_unscored", !a.unscored.empty()}};
}

// CASHFLOW flags of every bid, ranked or not, each naming its bid.
array cashflow_flags(const Page& p) {
  array out;
  for (const BidResult* b : bids_in_order(p)) {
    for (const auto& f : b->flags) {
      if (f.code != Code::cashflow) continue;
      out.emplace_back(map{{"cf_bid", bid_label(p, b->id)}, {"cf_message", text(f.message)}});
    }
  }
  return out;
}

map barriers_section(const Page& p) {
  array excluded;
  for (const auto& b : p.ev.bids) {
    if (b.status == BidStatus::ranked) continue;
    excluded.emplace_back(map{{"ex_id", text(b.id)},
                              {"ex_name", text(b.bidder.name)},
                              {"ex_type", text(b.bidder.type)},
                              {"ex_reasons", flag_list(b.reasons, nullptr)}});
  }
  const array flags = barrier_flags(p);
  const array cashflow = cashflow_flags(p);
  return map{{"barrier_flags", flags},
             {"cashflow", cashflow},
             {"has_cashflow", !cashflow.empty()},
             {"has_barrier_flags", !flags.empty()},
             {"working_capital", money(p, p.ev.barriers.working_capital)},
             {"excluded", excluded},
             {"let_back_in", let_back_in(p)},
             {"has_let_back_in", !p.ev.barriers.excluded.empty()},
             {"counterfactual", alternative(p, p.ev.barriers.counterfactual)}};
}

// ---------------------------------------------------------------- alignment

// A step of 5 or 10 points between ticks, and the axis's end: the first
// multiple of the step at or above every weight (at least one step).
std::pair<double, double> weight_axis(const std::map<std::string, double>& weights) {
  double top = 0;
  for (const auto& [id, w] : weights) top = std::max(top, w);
  const double step = top > 20 ? 10 : 5;
  return {std::max(step, std::ceil(top / step - 1e-9) * step), step};
}

map alignment_chart(const Page& p) {
  const auto& weights = p.ev.alignment.effective_weights;
  const auto [axis_max, step] = weight_axis(weights);
  const double top = 10;
  array bars;
  std::size_t k = 0;
  for (const auto& o : p.in.round.outcomes) {
    const auto it = weights.find(o.id);
    const double w = it == weights.end() ? 0 : it->second;
    map bar = bar_frame(k++, top, text(o.id) + " \u00b7 priority " + std::to_string(o.priority));
    bar["segments"] = array{segment(0, w, axis_max, "", "q", true, text(o.id) + ": " + score(w))};
    bar["end_x"] = num(plot_x(w, axis_max) + 6);
    bar["end_label"] = score(w);
    bars.emplace_back(bar);
  }
  const double axis_y = top + kBarPitch * static_cast<double>(k);
  return with_frame(
      top, axis_y,
      map{{"chart_id", std::string("chart-alignment")},
          {"chart_title", std::string("Effective weight of each outcome")},
          {"chart_desc", std::string("One bar per outcome, in the round's order, labelled "
                                     "with its priority (1 = most important); the bar's "
                                     "length is the weight points the criteria give it. The "
                                     "table above gives the same figures.")},
          {"axis_title", std::string("Effective weight (points)")},
          {"show", k > 0},
          {"bars", bars},
          {"ticks", ticks(axis_max, step, "")},
          {"legend", array{}}});
}

array outcome_rows(const Page& p) {
  array out;
  for (const auto& o : p.in.round.outcomes) {
    const auto it = p.ev.alignment.effective_weights.find(o.id);
    out.emplace_back(
        map{{"oc_id", text(o.id)},
            {"oc_priority", std::to_string(o.priority)},
            {"oc_weight",
             it == p.ev.alignment.effective_weights.end() ? std::string() : score(it->second)},
            {"oc_text", text(o.text)}});
  }
  return out;
}

array weight_rows(const Page& p) {
  array out;
  for (const auto& cr : p.ev.criteria) {
    const auto it = p.ev.alignment.counterfactual_weights.find(cr.id);
    out.emplace_back(
        map{{"w_id", text(cr.id)},
            {"w_weight", score(cr.weight)},
            {"w_priority",
             it == p.ev.alignment.counterfactual_weights.end() ? std::string() : score(it->second)},
            {"w_outcomes", text(join(cr.outcomes, ", "))}});
  }
  return out;
}

map alignment_section(const Page& p) {
  const auto& tau = p.ev.alignment.kendall_tau;
  return map{{"outcomes", outcome_rows(p)},
             {"chart", alignment_chart(p)},
             {"tau", tau ? score(*tau) : std::string("undefined")},
             {"weights", weight_rows(p)},
             {"counterfactual", alternative(p, p.ev.alignment.counterfactual)},
             {"alignment_flags", flag_list(p.ev.flags, alignment_flag)},
             {"has_alignment_flags", !flag_list(p.ev.flags, alignment_flag).empty()}};
}

// ---------------------------------------------------------------- sensitivity

double weight_of(const Page& p, const std::string& criterion) {
  for (const auto& cr : p.ev.criteria) {
    if (cr.id == criterion) return cr.weight;
  }
  return 0;
}

array oat_rows(const Page& p) {
  array out;
  for (const auto& o : p.ev.sensitivity.one_at_a_time) {
    out.emplace_back(map{{"oat_crit", text(o.criterion)},
                         {"oat_weight", score(weight_of(p, o.criterion))},
                         {"oat_delta", o.delta ? html::signed_fixed(*o.delta, 2) : std::string()},
                         {"oat_has_leader", o.new_leader.has_value()},
                         {"oat_leader", o.new_leader ? bid_label(p, *o.new_leader) : ""}});
  }
  return out;
}

std::size_t smaa_ranks(const Smaa& m) {
  std::size_t ranks = 0;
  for (const auto& [id, a] : m.acceptability) ranks = std::max(ranks, a.size());
  return ranks;
}

array smaa_rows(const Page& p) {
  const Smaa& m = p.ev.sensitivity.smaa;
  array out;
  for (const auto& id : p.ev.ranking) {
    array cells;
    const auto acc = m.acceptability.find(id);
    if (acc != m.acceptability.end()) {
      for (double share : acc->second) cells.emplace_back(map{{"share", html::percent(share)}});
    }
    const auto r1 = m.rank1.find(id);
    out.emplace_back(map{{"sm_id", text(id)},
                         {"sm_name", bidder_of(p, id)},
                         {"sm_rank1", r1 == m.rank1.end() ? "" : html::percent(r1->second)},
                         {"sm_cells", cells}});
  }
  return out;
}

// Fill of rank k of n in the acceptability chart: dark blue (rank 1) to pale.
std::string rank_shade(std::size_t k, std::size_t n) {
  const double t = n <= 1 ? 0 : static_cast<double>(k) / static_cast<double>(n - 1);
  const int from[] = {0x1f, 0x4e, 0x79};
  const int to[] = {0xd6, 0xe0, 0xec};
  std::string out = "#";
  const char* hex = "0123456789abcdef";
  for (int c = 0; c < 3; ++c) {
    const int v = static_cast<int>(std::lround(from[c] + (to[c] - from[c]) * t));
    out += hex[v / 16];
    out += hex[v % 16];
  }
  return out;
}

// The label inside a segment of the acceptability chart: the rank and the
// share when the segment is wide enough, else the share alone, so the ranks
// can be read without the colours.
std::string rank_label(std::size_t r, double share) {
  const std::string pct = html::percent(share);
  const std::string full = "rank " + std::to_string(r + 1) + ": " + pct;
  const double width = (kPlotRight - kPlotLeft) * share;
  return width >= 8.0 * static_cast<double>(full.size()) ? full : pct;
}

constexpr std::size_t kSmaaChartBids = 30;  // bars drawn; the table lists every bid

map smaa_bar(const Page& p, const std::string& id, std::size_t k, double top, std::size_t ranks) {
  map bar = bar_frame(k, top, bid_label(p, id));
  const auto acc = p.ev.sensitivity.smaa.acceptability.find(id);
  array segments;
  double start = 0;
  if (acc != p.ev.sensitivity.smaa.acceptability.end()) {
    for (std::size_t r = 0; r < acc->second.size(); ++r) {
      const double share = acc->second[r];
      if (share <= 0) continue;
      map s = segment(start * 100, share * 100, 100, rank_label(r, share), "", r * 2 < ranks,
                      "Rank " + std::to_string(r + 1) + ": " + html::percent(share) + " of draws");
      s["seg_fill"] = rank_shade(r, ranks);
      segments.emplace_back(s);
      start += share;
    }
  }
  bar["segments"] = segments;
  bar["end_x"] = num(kPlotRight + 6);
  bar["end_label"] = std::string();
  return bar;
}

array rank_legend(std::size_t ranks) {
  std::vector<LegendItem> items;
  for (std::size_t r = 0; r < ranks; ++r) {
    items.push_back({"Rank " + std::to_string(r + 1), "", rank_shade(r, ranks)});
  }
  return legend(items, 90);
}

map smaa_chart(const Page& p) {
  const std::size_t ranks = smaa_ranks(p.ev.sensitivity.smaa);
  const std::size_t n = std::min(p.ev.ranking.size(), kSmaaChartBids);
  const double top = ranks == 0 ? kLegendHeight : legend_height(ranks, 90);
  array bars;
  for (std::size_t k = 0; k < n; ++k)
    bars.emplace_back(smaa_bar(p, p.ev.ranking[k], k, top, ranks));
  const double axis_y = top + kBarPitch * static_cast<double>(n);
  return with_frame(
      top, axis_y,
      map{{"chart_id", std::string("chart-smaa")},
          {"chart_title", std::string("Rank acceptability under random weights (SMAA)")},
          {"chart_desc", std::string("One bar per ranked bid, in ranking order: the share of "
                                     "weight draws in which it came first, second and so on, "
                                     "left to right, darkest for rank 1. The table above "
                                     "gives the same figures.")},
          {"axis_title", std::string("Share of draws")},
          {"show", n > 0 && ranks > 0 && p.ev.sensitivity.smaa.draws > 0},
          {"bars", bars},
          {"ticks", ticks(100, 20, "%")},
          {"legend", rank_legend(ranks)},
          {"cut", p.ev.ranking.size() > kSmaaChartBids}});
}

array withdrawal_rows(const Page& p) {
  array out;
  for (const auto& w : p.ev.sensitivity.withdrawal) {
    out.emplace_back(map{{"wd_bid", bid_label(p, w.withdrawn)},
                         {"wd_changes", w.winner_changes},
                         {"wd_winner", w.winner ? bid_label(p, *w.winner) : "none (a tie)"}});
  }
  return out;
}

map sensitivity_section(const Page& p) {
  const Smaa& m = p.ev.sensitivity.smaa;
  array rank_heads;
  for (std::size_t r = 0; r < smaa_ranks(m); ++r) {
    rank_heads.emplace_back(map{{"rank_head", "Rank " + std::to_string(r + 1)}});
  }
  return map{{"oat", oat_rows(p)},
             {"oat_any", !p.ev.sensitivity.one_at_a_time.empty()},
             {"smaa_rows", smaa_rows(p)},
             {"rank_heads", rank_heads},
             {"draws", html::count(m.draws)},
             {"seed", std::to_string(m.seed)},
             {"kappa", html::fixed(m.kappa, 0)},
             {"smaa_chart", smaa_chart(p)},
             {"withdrawal", withdrawal_rows(p)},
             {"withdrawal_any", !p.ev.sensitivity.withdrawal.empty()},
             {"reversal_flags", flag_list(p.ev.flags, reversal_flag)},
             {"has_reversal_flags", !flag_list(p.ev.flags, reversal_flag).empty()}};
}

// ---------------------------------------------------------------- inputs

array input_rows(const Page& p) {
  array out;
  for (const auto& i : p.run.inputs) {
    out.emplace_back(
        map{{"in_role", text(i.role)}, {"in_file", text(i.file)}, {"in_sha", text(i.sha256)}});
  }
  return out;
}

array warnings(const Page& p) {
  array out;
  for (const auto& w : p.ev.warnings) out.emplace_back(map{{"warning", text(w)}});
  return out;
}

map context(const Page& p) {
  return map{{"head", head(p)},
             {"winner", winner_box(p)},
             {"ranking", ranking_rows(p)},
             {"totals_chart", totals_chart(p)},
             {"round_flags", flag_list(p.ev.flags, nullptr)},
             {"has_round_flags", !p.ev.flags.empty()},
             {"warnings", warnings(p)},
             {"has_warnings", !p.ev.warnings.empty()},
             {"decisions", decisions(p)},
             {"has_decisions", !p.in.decisions.empty()},
             {"scores", scores_section(p)},
             {"evaluators", evaluators_section(p)},
             {"price", price_section(p)},
             {"social", social_section(p)},
             {"barriers", barriers_section(p)},
             {"alignment", alignment_section(p)},
             {"sensitivity", sensitivity_section(p)},
             {"inputs", input_rows(p)}};
}

}  // namespace

std::string award_html(const Evaluation& ev, const Inputs& inputs, const RunInfo& run) {
  Page p{ev, inputs, run, {}};
  for (const auto& b : ev.bids) p.bids.emplace(b.id, &b);
  return render("award.html.mustache", context(p));
}

}  // namespace tender::reports
