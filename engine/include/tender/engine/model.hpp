// The domain model: a round (the specification derived from commissioning),
// its bids, the evaluators' scores, moderation and decisions, and the barrier
// policy. Plain data, parsed and checked for form by the importers; the
// engine's `validate` checks the references between them.
//
// Every struct that came from a file carries the `Place` it came from, so the
// engine can name the file and line (or sheet and cell) of a problem.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tender/engine/date.hpp"
#include "tender/engine/diagnostic.hpp"

namespace tender {

enum class CriterionKind { quality, social_value, social_value_measures, price };
enum class PriceFormula { lowest_ratio, deviation, linear_budget };
enum class ModerationMethod { median, mean, consensus };
enum class CentralMeasure { median, mean };
enum class OverBudget { keep, exclude };
// Tie-break steps compare the sum of weighted scores of one group of criteria.
enum class KindGroup { quality, social_value, price };

struct Outcome {
  std::string id;
  int priority = 1;  // 1 = most important; equal numbers are equal priority
  std::string text;
  Place place;
};

struct Criterion {
  std::string id;
  CriterionKind kind = CriterionKind::quality;
  double weight = 0;
  double scale = 5;                                   // quality and social-value kinds
  std::optional<double> threshold;                    // minimum moderated score
  std::vector<std::string> outcomes;                  // ids of outcomes it serves
  PriceFormula formula = PriceFormula::lowest_ratio;  // price kind only
  std::string theme;
  std::string title;
  Place place;
};

struct Measure {
  std::string id;
  std::string unit;
  double proxy = 0;  // value of one unit, in the round's currency
  double deadweight = 0;
  double attribution = 0;
  double displacement = 0;
  int duration = 1;  // years
  double drop_off = 0;
  std::string title;
  Place place;
};

struct Gate {
  std::string id;
  std::string text;
  Place place;
};

struct Insurance {
  std::string kind;
  double amount = 0;
};

struct Payment {
  double terms_days = 30;
  double arrears_months = 1;
  double results_share = 0;
  double results_lag_months = 0;
};

struct AbnormallyLow {
  double below = 0.8;
  CentralMeasure of = CentralMeasure::median;
};

struct Round {
  std::string id;
  std::string currency;
  std::string title;
  std::string buyer;
  // contract
  double annual_value = 0;
  double years = 1;
  int lots = 1;
  std::optional<double> discount_rate;
  std::optional<double> budget;
  OverBudget over_budget = OverBudget::keep;
  // timeline
  std::optional<Date> published;
  std::optional<Date> deadline;
  std::vector<Outcome> outcomes;
  // requirements
  std::optional<double> min_turnover;
  std::optional<double> bond_percent;  // a bond is required when > 0
  bool parent_guarantee = false;
  std::vector<Insurance> insurance;
  std::optional<Payment> payment;
  // evaluation
  ModerationMethod moderation = ModerationMethod::median;
  std::optional<double> spread_flag;
  std::vector<KindGroup> tie_break = {KindGroup::quality, KindGroup::social_value,
                                      KindGroup::price};
  double overclaim_ratio = 1.0;
  std::vector<Gate> gates;
  std::vector<Criterion> criteria;
  std::optional<AbnormallyLow> abnormally_low;
  std::vector<Measure> measures;
  std::string policy_file;  // as written in the round, relative to it
  Place place;
};

struct Bidder {
  std::string name;
  std::string type;  // sme, vcse, large, public, mutual
  std::string size;  // micro, small, medium, large
  std::optional<double> turnover;
  std::optional<double> reserves;
  std::optional<double> employees;
  bool can_provide_bond = false;
  bool can_provide_guarantee = false;
};

struct GateAnswer {
  std::string gate;
  std::string answer;  // "pass" or "fail"
  std::string evidence;
  Place place;
};

// One priced line. A bill of quantities can hold a million lines, so a line
// keeps only what evaluation uses (64 bytes and its item text): where it is
// is a row and column (or line), the bid's `lines_place` naming the file and
// sheet (see Bid::line_place); its unit and the bidder's own line total are
// checked when the file is read but not kept, as no rule uses them (§4
// prices quantity x rate).
struct PriceLine {
  std::string item;
  double quantity = 0;
  double rate = 0;
  int year = 1;
  int row = 0;  // sheet row, or line of the file
  int col = 0;  // sheet column of the row's first cell (1 = A); 0 for a line of a file
};

struct Commitment {
  std::string measure;
  double quantity = 0;
  std::string text;
  Place place;
};

struct Bid {
  std::string round;
  std::string id;
  Bidder bidder;
  std::vector<GateAnswer> gates;
  std::optional<double> stated_total;
  Place stated_total_place;
  std::vector<PriceLine> lines;
  Place lines_place;  // the file (and sheet) holding the lines
  std::vector<Commitment> commitments;
  Place place;  // the file, and where the bid's id is given

  // Where `line` is: its sheet cell, or its line of the file.
  Place line_place(const PriceLine& line) const;
};

struct Score {
  std::string bid;
  std::string criterion;
  std::string evaluator;
  double score = 0;
  std::string comment;
  Place place;
};

struct ModerationEntry {
  std::string bid;
  std::string criterion;
  double score = 0;
  std::string rationale;
  Place place;
};

struct Decision {
  std::string bid;
  std::string subject;   // "ALT" or a gate id
  std::string decision;  // accept/reject for ALT, pass/fail for a gate
  std::string rationale;
  Place place;
};

// Barrier thresholds of EVALUATION.md §7. Defaults are the spec's.
struct Policy {
  double turnover_multiple = 2;
  double cashflow_months = 3;
  double payment_days = 30;
  double insurance_multiple = 2;
  double lot_value = 1000000;
  double min_days = 25;
  double max_price_weight = 50;
  double min_social_value = 10;
  std::string source;  // where it came from, for the result ("built-in", a path)
};

// Everything one evaluation reads.
struct Inputs {
  Round round;
  std::vector<Bid> bids;
  std::vector<Score> scores;
  std::vector<ModerationEntry> moderation;
  std::vector<Decision> decisions;
  Policy policy;
};

// Knobs of the analyses that are not part of the round.
struct Options {
  long smaa_draws = 10000;
  unsigned long long seed = 1;
  double kappa = 100;
  unsigned threads = 0;  // 0: one per hardware thread
};

// Lower-case names used in files and results ("quality", "social-value", ...).
const char* to_string(CriterionKind kind);
const char* to_string(PriceFormula formula);
const char* to_string(ModerationMethod method);

}  // namespace tender
