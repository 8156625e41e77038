// Assessment summaries: one HTML letter per bid, rendered from
// templates/summary.html.mustache. This file prepares the values (every
// number already formatted, every text a string the template escapes).
#include "tender/reports/summaries.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "parts.hpp"
#include "render.hpp"
#include "tender/engine/calendar.hpp"

namespace tender::reports {
namespace {

constexpr std::size_t kMaxStem = 100;

// ---------------------------------------------------------------- numbers

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "–";
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%.*f", decimals, v);
  return buf.data();
}

// Scores: two decimals ("33.16").
std::string score(double v) {
  return fixed(v, 2);
}

// Weights and scales as written: up to two decimals, trailing zeros dropped.
std::string plain(double v) {
  std::string s = fixed(v, 2);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// Money with thousands separators and two decimals: "1,465,000.00".
std::string money(double v, const std::string& currency) {
  const std::string digits = fixed(std::fabs(v), 2);
  const std::size_t point = digits.find('.');
  std::string grouped;
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  std::string out = (v < 0 ? "-" : "") + grouped + digits.substr(point);
  return currency.empty() ? out : currency + " " + out;
}

std::string ordinal(int n) {
  const int last_two = n % 100;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

// "Tuesday 6 April 2027".
std::string long_date(const Date& d) {
  static constexpr std::array<const char*, 7> kDays = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return std::string(kDays.at(static_cast<std::size_t>(weekday(d)))) + " " + std::to_string(d.day) +
         " " + kMonths.at(static_cast<std::size_t>(d.month - 1)) + " " + std::to_string(d.year);
}

// ---------------------------------------------------------------- words

enum class Group { quality, social_value, price };

Group group_of(CriterionKind k) {
  if (k == CriterionKind::quality) return Group::quality;
  if (k == CriterionKind::price) return Group::price;
  return Group::social_value;
}

const char* group_name(Group g) {
  switch (g) {
    case Group::quality:
      return "Quality";
    case Group::social_value:
      return "Social value";
    case Group::price:
      return "Price";
  }
  return "";
}

const char* aggregate_words(ModerationMethod m) {
  switch (m) {
    case ModerationMethod::median:
      return "the median of the evaluators' scores";
    case ModerationMethod::mean:
      return "the mean of the evaluators' scores";
    case ModerationMethod::consensus:
      return "the score the evaluators agreed";
  }
  return "";
}

std::string judged_method(const Criterion& c, const Round& round) {
  std::string s = "Each evaluator scored the tender from 0 to " + plain(c.scale) +
                  ". The moderated score is " + aggregate_words(round.moderation) +
                  ", unless the panel agreed a score at moderation. Weighted score = moderated "
                  "score ÷ " +
                  plain(c.scale) + " × " + plain(c.weight) + ".";
  if (c.threshold) {
    s += " A moderated score below " + plain(*c.threshold) + " excludes the tender.";
  }
  return s;
}

std::string price_basis(const Round& round) {
  std::string s = "The evaluated price is the sum of the priced lines";
  if (round.discount_rate) {
    s += ", each year's lines discounted at " + plain(*round.discount_rate * 100) +
         "% a year (year 1 undiscounted)";
  }
  return s + ". ";
}

std::string price_method(const Criterion& c, const Round& round) {
  const std::string w = plain(c.weight);
  std::string s = price_basis(round);
  switch (c.formula) {
    case PriceFormula::lowest_ratio:
      return s + "Score = " + w + " × lowest evaluated price ÷ this evaluated price.";
    case PriceFormula::deviation:
      return s + "Score = " + w +
             " × (1 − (this evaluated price − lowest) ÷ lowest), and never below 0.";
    case PriceFormula::linear_budget:
      return s + "Score = " + w +
             " × (budget − this evaluated price) ÷ (budget − lowest evaluated price), between 0 "
             "and " +
             w + ".";
  }
  return s;
}

std::string measures_method(const Criterion& c) {
  return "Each social value commitment is valued with the round's published proxy value per "
         "unit, less deadweight, attribution and displacement, over its duration with drop-off, "
         "discounted. Score = " +
         plain(c.weight) +
         " × this tender's social value ÷ the highest social value among the tenders in "
         "contention.";
}

std::string method_of(const Criterion& c, const Round& round) {
  switch (c.kind) {
    case CriterionKind::quality:
    case CriterionKind::social_value:
      return judged_method(c, round);
    case CriterionKind::price:
      return price_method(c, round);
    case CriterionKind::social_value_measures:
      return measures_method(c);
  }
  return "";
}

std::string available_of(const Criterion& c) {
  if (c.kind == CriterionKind::quality || c.kind == CriterionKind::social_value) {
    return "0 to " + plain(c.scale) + " (weighted 0 to " + plain(c.weight) + ")";
  }
  return "0 to " + plain(c.weight);
}

// What an exclusion code means, for a reader who has not seen the specification.
const char* code_words(Code code) {
  switch (code) {
    case Code::gate:
      return "The tender did not pass a pass/fail requirement (a gate).";
    case Code::turnover:
      return "The declared annual turnover is below the minimum the tender documents set, or "
             "none was declared.";
    case Code::bond:
      return "The bidder did not confirm that it can provide the performance bond the tender "
             "documents require.";
    case Code::guarantee:
      return "The bidder did not confirm that it can provide the parent company guarantee the "
             "tender documents require.";
    case Code::threshold:
      return "A moderated score is below the minimum score set for that criterion.";
    case Code::alt_rejected:
      return "The price is abnormally low and the explanation the bidder gave was not accepted.";
    case Code::over_budget:
      return "The evaluated price is above the budget, and tenders above the budget are "
             "excluded.";
    default:
      return "The tender did not meet a requirement of the tender documents.";
  }
}

// ---------------------------------------------------------------- context

struct Ctx {
  const Evaluation& ev;
  const Inputs& in;
  const RunInfo& run;
  std::map<std::string, const BidResult*> results;  // by id
  std::map<std::string, const Bid*> bids;           // by id
};

Ctx make_ctx(const Evaluation& ev, const Inputs& in, const RunInfo& run) {
  Ctx c{ev, in, run, {}, {}};
  for (const auto& b : ev.bids) c.results.emplace(b.id, &b);
  for (const auto& b : in.bids) c.bids.emplace(b.id, &b);
  return c;
}

const CriterionResult* result_on(const BidResult& b, const Criterion& c) {
  const auto it = b.scores.find(c.id);
  return it == b.scores.end() ? nullptr : &it->second;
}

double lowest_price(const Ctx& c) {
  double low = INFINITY;
  for (const auto& id : c.ev.ranking) low = std::min(low, c.results.at(id)->price);
  return low;
}

double highest_social_value(const Ctx& c) {
  double high = 0;
  for (const auto& id : c.ev.ranking) high = std::max(high, c.results.at(id)->social_value);
  return high;
}

mstch::array criteria_rows(const Ctx& c) {
  mstch::array rows;
  for (const auto& cr : c.ev.criteria) {
    rows.emplace_back(mstch::map{{"id", cr.id},
                                 {"title", criterion_title(cr)},
                                 {"group", std::string(group_name(group_of(cr.kind)))},
                                 {"weight", plain(cr.weight)},
                                 {"method", method_of(cr, c.in.round)},
                                 {"available", available_of(cr)}});
  }
  return rows;
}

mstch::array evaluator_lines(const CriterionResult& r) {
  mstch::array out;
  int n = 0;
  for (const auto& e : r.evaluators) {
    out.emplace_back(mstch::map{{"who", "Evaluator " + std::to_string(++n)},
                                {"score", plain(e.score)},
                                {"comment", e.comment},
                                {"no_comment", e.comment.empty()}});
  }
  return out;
}

std::string judged_summary(const CriterionResult& r, const Round& round) {
  if (!r.moderated) return "Not scored.";
  if (r.from_moderation) return "Score agreed by the panel at moderation:";
  return std::string("Moderated score: ") + aggregate_words(round.moderation) + ".";
}

std::string price_explanation(const Ctx& c, const Criterion& cr, const BidResult& b) {
  const std::string& cur = c.in.round.currency;
  std::string s = "Evaluated price " + money(b.price, cur);
  if (b.stated_total && std::fabs(*b.stated_total - b.price_undiscounted) > 0.005) {
    s += " (undiscounted " + money(b.price_undiscounted, cur) + "; the stated total of " +
         money(*b.stated_total, cur) + " does not match the priced lines, which are used)";
  } else if (c.in.round.discount_rate) {
    s += " (undiscounted " + money(b.price_undiscounted, cur) + ")";
  }
  if (b.status != BidStatus::ranked) return s + ". Not scored: the tender is not in contention.";
  s += ". Lowest evaluated price among the tenders in contention: " + money(lowest_price(c), cur) +
       ".";
  if (cr.formula == PriceFormula::linear_budget && c.in.round.budget) {
    s += " Budget: " + money(*c.in.round.budget, cur) + ".";
  }
  return s;
}

std::string commitments_text(const Ctx& c, const std::string& bid) {
  const auto it = c.bids.find(bid);
  if (it == c.bids.end() || it->second->commitments.empty()) return "no commitments";
  std::string out;
  for (const auto& k : it->second->commitments) {
    if (!out.empty()) out += "; ";
    std::string unit;
    for (const auto& m : c.in.round.measures) {
      if (m.id == k.measure) unit = m.title.empty() ? m.unit : m.title + " (" + m.unit + ")";
    }
    out += plain(k.quantity) + " × " + (unit.empty() ? k.measure : unit);
  }
  return out;
}

std::string measures_explanation(const Ctx& c, const BidResult& b) {
  const std::string& cur = c.in.round.currency;
  std::string s = "Commitments: " + commitments_text(c, b.id) + ". Social value " +
                  money(b.social_value, cur) + ".";
  if (b.status != BidStatus::ranked) return s + " Not scored: the tender is not in contention.";
  return s + " Highest social value among the tenders in contention: " +
         money(highest_social_value(c), cur) + ".";
}

std::string explanation(const Ctx& c, const Criterion& cr, const BidResult& b,
                        const CriterionResult* r) {
  if (cr.kind == CriterionKind::price) return price_explanation(c, cr, b);
  if (cr.kind == CriterionKind::social_value_measures) return measures_explanation(c, b);
  return r ? judged_summary(*r, c.in.round) : "Not scored: the tender was not assessed on it.";
}

mstch::map score_row(const Ctx& c, const Criterion& cr, const BidResult& b) {
  const CriterionResult* r = result_on(b, cr);
  const bool judged = cr.kind == CriterionKind::quality || cr.kind == CriterionKind::social_value;
  mstch::map row{{"id", cr.id},
                 {"title", criterion_title(cr)},
                 {"weight", plain(cr.weight)},
                 {"explanation", explanation(c, cr, b, r)},
                 {"score", std::string("–")},
                 {"weighted", std::string("–")}};
  if (judged && r && r->moderated) row["score"] = plain(*r->moderated) + " / " + plain(cr.scale);
  if (r && r->weighted) row["weighted"] = score(*r->weighted);
  if (judged && r) {
    row["evaluators"] = evaluator_lines(*r);
    row["has_evaluators"] = !r->evaluators.empty();
    if (r->from_moderation) row["rationale"] = r->rationale;
  }
  return row;
}

double group_total(const Ctx& c, const BidResult& b, Group g) {
  double sum = 0;
  for (const auto& cr : c.ev.criteria) {
    const CriterionResult* r = result_on(b, cr);
    if (group_of(cr.kind) == g && r && r->weighted) sum += *r->weighted;
  }
  return sum;
}

bool group_present(const Ctx& c, Group g) {
  return std::any_of(c.ev.criteria.begin(), c.ev.criteria.end(),
                     [g](const Criterion& cr) { return group_of(cr.kind) == g; });
}

mstch::array subtotals(const Ctx& c, const BidResult& b) {
  mstch::array out;
  for (Group g : {Group::quality, Group::social_value, Group::price}) {
    if (!group_present(c, g)) continue;
    double weight = 0;
    for (const auto& cr : c.ev.criteria) {
      if (group_of(cr.kind) == g) weight += cr.weight;
    }
    out.emplace_back(mstch::map{{"group", std::string(group_name(g))},
                                {"value", score(group_total(c, b, g))},
                                {"of", plain(weight)}});
  }
  return out;
}

// The scores of `b`: rows, sub-totals and total (ranked bids only).
mstch::map scores_of(const Ctx& c, const BidResult& b) {
  mstch::array rows;
  for (const auto& cr : c.ev.criteria) rows.emplace_back(score_row(c, cr, b));
  mstch::map out{{"rows", rows}, {"ranked", b.status == BidStatus::ranked}};
  if (b.status == BidStatus::ranked && b.total) {
    out["subtotals"] = subtotals(c, b);
    out["total"] = score(*b.total);
    out["rank"] = ordinal(b.rank.value_or(0)) + " of " + std::to_string(c.ev.ranking.size());
  }
  return out;
}

// The decision rationale recorded for `b` on `subject` (a gate id or "ALT").
std::string decision_for(const Ctx& c, const std::string& bid, const std::string& subject) {
  for (const auto& d : c.in.decisions) {
    if (d.bid == bid && d.subject == subject) return d.rationale;
  }
  return {};
}

mstch::array reasons_of(const Ctx& c, const BidResult& b) {
  mstch::array out;
  for (const auto& f : b.reasons) {
    mstch::map reason{{"code", std::string(to_string(f.code))},
                      {"words", std::string(code_words(f.code))},
                      {"message", f.message}};
    const std::string subject = f.code == Code::alt_rejected ? "ALT" : f.subject;
    const std::string decided = decision_for(c, b.id, subject);
    if (!decided.empty()) reason["decision"] = decided;
    out.emplace_back(std::move(reason));
  }
  return out;
}

mstch::map winner_of(const Ctx& c, const BidResult& w) {
  mstch::map out = scores_of(c, w);
  out["name"] = w.bidder.name;
  out["id"] = w.id;
  return out;
}

std::string outcome_text(const Ctx& c, const BidResult& b) {
  const bool won = c.ev.winner && *c.ev.winner == b.id;
  if (won)
    return "Your tender is the most advantageous tender. We intend to award the contract to you.";
  if (b.status != BidStatus::ranked) {
    return "Your tender was excluded, so it was not ranked and the contract will not be awarded "
           "to you.";
  }
  if (!c.ev.winner) {
    return "Your tender is tied for first place with another tender; the tie is not resolved by "
           "the tie-break rules and no award decision has been made yet.";
  }
  return "Your tender was not the most advantageous tender; the contract will not be awarded to "
         "you.";
}

std::string gap_text(const Ctx& c, const BidResult& b) {
  if (!c.ev.winner || *c.ev.winner == b.id || b.status != BidStatus::ranked || !b.total) return {};
  const BidResult& w = *c.results.at(*c.ev.winner);
  return "Your tender scored " + score(*b.total) + " out of 100 and ranked " +
         ordinal(b.rank.value_or(0)) + " of " + std::to_string(c.ev.ranking.size()) +
         ". The most advantageous tender scored " + score(w.total.value_or(0)) + ", " +
         score(w.total.value_or(0) - *b.total) + " points more.";
}

std::string calendar_words(HolidayCalendar calendar) {
  return calendar == HolidayCalendar::united_kingdom
             ? "bank holidays in any part of the United Kingdom"
             : "bank holidays in England and Wales";
}

mstch::map standstill_of(const RunInfo& run) {
  static_assert(kStandstillWorkingDays == 8, "the letter spells the number out");
  mstch::map out{{"days", std::string("eight")}, {"has_date", run.notice_date.has_value()}};
  if (!run.notice_date) return out;
  const Date end = standstill_end(*run.notice_date, run.holidays);
  out["notice"] = long_date(*run.notice_date);
  out["end"] = long_date(end);
  out["from"] = long_date(add_days(end, 1));
  out["calendar"] = calendar_words(run.holidays);
  return out;
}

mstch::map letter(const Ctx& c, const BidResult& b) {
  const bool won = c.ev.winner && *c.ev.winner == b.id;
  mstch::map ctx{{"round_id", c.ev.round_id},
                 {"round_title", c.in.round.title},
                 {"buyer", c.in.round.buyer},
                 {"bid_id", b.id},
                 {"bidder", b.bidder.name},
                 {"won", won},
                 {"excluded", b.status != BidStatus::ranked},
                 {"outcome", outcome_text(c, b)},
                 {"gap", gap_text(c, b)},
                 {"criteria", criteria_rows(c)},
                 {"own", scores_of(c, b)},
                 {"reasons", reasons_of(c, b)},
                 {"standstill", standstill_of(c.run)},
                 {"engine", c.run.engine_version}};
  if (c.ev.winner) ctx["winner"] = winner_of(c, *c.results.at(*c.ev.winner));
  return ctx;
}

}  // namespace

std::string summary_file_stem(const std::string& bid_id) {
  std::string out;
  for (char ch : bid_id.substr(0, kMaxStem)) {
    const auto u = static_cast<unsigned char>(ch);
    const bool safe = std::isalnum(u) != 0 || ch == '.' || ch == '_' || ch == '-';
    out += (safe && u < 0x80) ? ch : '_';
  }
  if (out.empty()) out = "bid";
  if (out.front() == '.') out.front() = '_';
  return out;
}

std::vector<SummaryFile> assessment_summaries(const Evaluation& ev, const Inputs& inputs,
                                              const RunInfo& run) {
  const Ctx c = make_ctx(ev, inputs, run);
  std::vector<SummaryFile> out;
  std::set<std::string> taken;  // lower-cased, for case-insensitive file systems
  for (const auto& b : ev.bids) {
    const std::string stem = summary_file_stem(b.id);
    std::string name = stem;
    const auto lower = [](std::string s) {
      for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      return s;
    };
    for (int n = 2; taken.count(lower(name)) > 0; ++n) name = stem + "-" + std::to_string(n);
    taken.insert(lower(name));
    out.push_back({b.id, name + ".html", render("summary.html.mustache", letter(c, b))});
  }
  return out;
}

}  // namespace tender::reports
