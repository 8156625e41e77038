// The award workbook, written with libxlsxwriter. Layout helpers first
// (`Book`, `Sheet`), then one function per sheet.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <utility>

#include "cell_text.hpp"
#include "parts.hpp"
#include "tender/engine/utf8.hpp"
#include "tender/reports/xlsx.hpp"

namespace tender::reports {
namespace {

constexpr const char* kMoney = "#,##0.00";
constexpr const char* kScore = "0.00";
constexpr const char* kDelta = "+0.00;-0.00;0.00";
constexpr const char* kPercent = "0.0%";

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// ---------------------------------------------------------------- layout

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* section = nullptr;
  lxw_format* header = nullptr;
  lxw_format* label = nullptr;
  lxw_format* text = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* money = nullptr;
  lxw_format* score = nullptr;
  lxw_format* delta = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* center = nullptr;
  lxw_format* note = nullptr;
  lxw_format* winner = nullptr;
};

lxw_format* add_format(lxw_workbook* wb, const char* num_format, bool wrap = false) {
  lxw_format* f = workbook_add_format(wb);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  if (num_format != nullptr) {
    format_set_num_format(f, num_format);
    format_set_align(f, LXW_ALIGN_RIGHT);
  }
  if (wrap) format_set_text_wrap(f);
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.title = add_format(wb, nullptr);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.section = add_format(wb, nullptr);
  format_set_bold(f.section);
  format_set_font_size(f.section, 12);
  f.header = add_format(wb, nullptr, true);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDE4EE);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.label = add_format(wb, nullptr);
  format_set_bold(f.label);
  // Text keeps a little space on its left, so it is not glued to a number before it.
  f.text = add_format(wb, nullptr);
  format_set_indent(f.text, 1);
  f.wrap = add_format(wb, nullptr, true);
  format_set_indent(f.wrap, 1);
  f.money = add_format(wb, kMoney);
  f.score = add_format(wb, kScore);
  f.delta = add_format(wb, kDelta);
  f.percent = add_format(wb, kPercent);
  f.integer = add_format(wb, "0");
  format_set_align(f.integer, LXW_ALIGN_CENTER);
  f.center = add_format(wb, nullptr);
  format_set_align(f.center, LXW_ALIGN_CENTER);
  f.note = add_format(wb, nullptr);
  format_set_italic(f.note);
  format_set_font_color(f.note, 0x595959);
  f.winner = add_format(wb, nullptr);
  format_set_bold(f.winner);
  format_set_indent(f.winner, 1);
  return f;
}

// One worksheet and a row cursor. Records the first libxlsxwriter error.
class Sheet {
 public:
  Sheet(lxw_workbook* wb, const char* name, const Formats& f, lxw_error& err)
      : ws_(workbook_add_worksheet(wb, name)), f_(f), err_(err) {
    if (ws_ == nullptr) {
      note(LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }
    // Printed (and exported to PDF) landscape, one page wide.
    worksheet_set_landscape(ws_);
    worksheet_set_paper(ws_, 9);  // A4
    worksheet_fit_to_pages(ws_, 1, 0);
  }

  bool ok() const { return ws_ != nullptr; }
  lxw_worksheet* ws() const { return ws_; }
  const Formats& fmt() const { return f_; }
  lxw_row_t row = 0;

  // Any string that may have come from a file: always a plain string cell.
  // In the `wrap` format the row is made tall enough for the wrapped lines.
  void text(lxw_col_t col, const std::string& s, lxw_format* format = nullptr) {
    const std::string safe = cell_text(s);
    if (safe.empty()) return;
    note(worksheet_write_string(ws_, row, col, safe.c_str(), format ? format : f_.text));
    if (format == f_.wrap) lines_ = std::max(lines_, wrapped_lines(col, safe));
  }

  // Ends the current row (setting its height for wrapped text) and moves on.
  void next() {
    if (lines_ > 1) {
      note(
          worksheet_set_row(ws_, row, 15.0 * static_cast<double>(std::min(lines_, 40UL)), nullptr));
    }
    lines_ = 1;
    ++row;
  }

  // A number; an empty cell when it is not finite (no "#NUM!" or text).
  void number(lxw_col_t col, double v, lxw_format* format) {
    if (!std::isfinite(v)) return;
    note(worksheet_write_number(ws_, row, col, v, format));
  }

  void number(lxw_col_t col, const std::optional<double>& v, lxw_format* format) {
    if (v) number(col, *v, format);
  }

  // One header cell on the current row (stays on it).
  void header_cell(lxw_col_t col, const char* name) {
    note(worksheet_write_string(ws_, row, col, name, f_.header));
  }

  // Bold headers on the current row from column A; moves to the next row.
  void header(std::initializer_list<const char*> names) {
    lxw_col_t col = 0;
    for (const char* n : names) note(worksheet_write_string(ws_, row, col++, n, f_.header));
    ++row;
  }

  // A section title one row below the last table; moves past it.
  void section(const char* title) {
    if (row > 0) ++row;
    note(worksheet_write_string(ws_, row++, 0, title, f_.section));
  }

  // A bold label in column A and a value in column B; moves to the next row.
  void field(const char* label, const std::string& value) {
    note(worksheet_write_string(ws_, row, 0, label, f_.label));
    text(1, value);
    ++row;
  }

  // A grey note in column A for an empty table; moves to the next row.
  void none(const char* what = "none") {
    note(worksheet_write_string(ws_, row++, 0, what, f_.note));
  }

  void widths(std::initializer_list<double> w) {
    widths_.assign(w.begin(), w.end());
    lxw_col_t col = 0;
    for (double x : w) {
      note(worksheet_set_column(ws_, col, col, x, nullptr));
      ++col;
    }
  }

  // Freezes the rows above `first_data_row`.
  void freeze(lxw_row_t first_data_row) { worksheet_freeze_panes(ws_, first_data_row, 0); }

  void chart(lxw_chart* c, lxw_row_t at_row, lxw_col_t at_col, double x_scale, double y_scale) {
    lxw_chart_options opt{};
    opt.x_scale = x_scale;
    opt.y_scale = y_scale;
    note(worksheet_insert_chart_opt(ws_, at_row, at_col, c, &opt));
  }

  void note(lxw_error e) {
    if (e != LXW_NO_ERROR && err_ == LXW_NO_ERROR) err_ = e;
  }

 private:
  // Lines `text` takes in column `col` when wrapped (an estimate: libxlsxwriter
  // cannot measure text, and neither Excel nor LibreOffice fits row heights of
  // a file they open).
  std::size_t wrapped_lines(lxw_col_t col, const std::string& text) const {
    const double width = col < widths_.size() ? widths_[col] : 8.43;
    const auto per_line = static_cast<std::size_t>(std::max(width * 1.15, 4.0));
    std::size_t lines = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::size_t chars = 0;  // code points, roughly what is seen
      for (std::size_t k = start; k < end; ++k)
        if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++chars;
      lines += std::max<std::size_t>(1, (chars + per_line - 1) / per_line);
      start = end + 1;
    }
    return lines;
  }

  lxw_worksheet* ws_;
  const Formats& f_;
  lxw_error& err_;
  std::vector<double> widths_;
  std::size_t lines_ = 1;
};

// Everything a sheet function needs.
struct Context {
  lxw_workbook* wb;
  const Formats& f;
  const Evaluation& ev;
  const Inputs& in;
  const RunInfo& run;
  lxw_error& err;
  std::map<std::string, const BidResult*> bids;  // by id
};

std::string bidder_of(const Context& c, const std::string& bid) {
  const auto it = c.bids.find(bid);
  return it == c.bids.end() ? std::string() : it->second->bidder.name;
}

const char* yes_no(bool v) {
  return v ? "yes" : "no";
}

std::string codes_of(const std::vector<Flag>& flags) {
  std::vector<std::string> out;
  out.reserve(flags.size());
  for (const auto& f : flags) out.emplace_back(to_string(f.code));
  return join(out, ", ");
}

std::string messages_of(const std::vector<Flag>& flags) {
  std::vector<std::string> out;
  out.reserve(flags.size());
  for (const auto& f : flags) out.push_back(f.message);
  return join(out, "; ");
}

// Flags in the order written: code, subject, message (one row each).
// The message goes in column `message_col` (a wide one), after code and subject.
void flag_rows(Sheet& s, const std::vector<Flag>& flags, bool (*keep)(Code),
               lxw_col_t message_col) {
  for (lxw_col_t col = 2; col < message_col; ++col) s.header_cell(col, "");
  s.header_cell(message_col, "Message");
  s.header({"Code", "Subject"});
  bool any = false;
  for (const auto& f : flags) {
    if (!keep(f.code)) continue;
    any = true;
    s.text(0, std::string(to_string(f.code)), s.fmt().label);
    s.text(1, f.subject);
    s.text(message_col, f.message, s.fmt().wrap);
    s.next();
  }
  if (!any) s.none();
}

lxw_chart* new_chart(Context& c, uint8_t type, const char* title) {
  lxw_chart* chart = workbook_add_chart(c.wb, type);
  if (chart == nullptr) {
    if (c.err == LXW_NO_ERROR) c.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    return nullptr;
  }
  chart_title_set_name(chart, title);
  lxw_chart_font font{};
  font.size = 12;
  font.bold = LXW_EXPLICIT_FALSE;
  chart_title_set_name_font(chart, &font);
  return chart;
}

lxw_chart_series* add_series(lxw_chart* chart, const char* sheet, const char* name, lxw_row_t first,
                             lxw_row_t last, lxw_col_t cat_col, lxw_col_t val_col,
                             lxw_color_t color) {
  lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
  if (s == nullptr) return nullptr;
  chart_series_set_categories(s, sheet, first, cat_col, last, cat_col);
  chart_series_set_values(s, sheet, first, val_col, last, val_col);
  if (name != nullptr) chart_series_set_name(s, name);
  lxw_chart_fill fill{};
  fill.color = color;
  chart_series_set_fill(s, &fill);
  return s;
}

// ---------------------------------------------------------------- Summary

void summary_head(Sheet& s, const Context& c) {
  s.text(0, "Award report: " + c.ev.round_id, c.f.title);
  s.row = 2;
  s.field("Round", c.ev.round_id);
  s.field("Title", c.in.round.title);
  s.field("Buyer", c.in.round.buyer);
  std::string winner = "none: tie at rank 1 (see flags)";
  if (c.ev.winner) winner = *c.ev.winner + " — " + bidder_of(c, *c.ev.winner);
  if (c.ev.ranking.empty()) winner = "none: no bid was ranked";
  s.field("Winner", winner);
  s.field("Currency", c.in.round.currency);
  s.field("Engine", "tender " + c.run.engine_version);
  s.field("Policy", c.ev.policy.source);
}

void summary_row(Sheet& s, const Context& c, const BidResult& b) {
  const Formats& f = c.f;
  const bool won = c.ev.winner && *c.ev.winner == b.id;
  if (b.rank) s.number(0, static_cast<double>(*b.rank), f.integer);
  s.text(1, b.id, won ? f.winner : f.text);
  s.text(2, b.bidder.name, won ? f.winner : f.text);
  s.text(3, b.bidder.type, f.center);
  if (b.status == BidStatus::ranked) {
    s.number(4, group_total(c.ev.criteria, b, KindGroup::quality), f.score);
    s.number(5, group_total(c.ev.criteria, b, KindGroup::social_value), f.score);
    s.number(6, group_total(c.ev.criteria, b, KindGroup::price), f.score);
    s.number(7, b.total, f.score);
  }
  s.text(8, status_text(b), f.center);
  s.text(9, codes_of(b.reasons));
  s.next();
}

void summary_chart(Context& c, Sheet& s, lxw_row_t first, lxw_row_t last) {
  lxw_chart* chart = new_chart(c, LXW_CHART_COLUMN_STACKED, "Total score by part (ranked bids)");
  if (chart == nullptr) return;
  const std::pair<const char*, lxw_color_t> parts[] = {
      {"Quality", 0x4472C4}, {"Social value", 0x70AD47}, {"Price", 0xED7D31}};
  lxw_col_t col = 4;
  for (const auto& [name, color] : parts) {
    lxw_chart_series* series = add_series(chart, "Summary", name, first, last, 1, col++, color);
    if (series == nullptr) continue;
    chart_series_set_labels(series);
    chart_series_set_labels_num_format(series, "0.0");
  }
  lxw_chart_axis* y = chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y);
  chart_axis_set_name(y, "Weighted score (of 100)");
  chart_axis_set_min(y, 0);
  chart_axis_set_max(y, 100);
  chart_axis_set_name(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_X), "Bid");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  chart_set_series_gap(chart, 60);
  s.chart(chart, s.row + 1, 1, 1.6, 1.3);
}

void summary_sheet(Context& c) {
  Sheet s(c.wb, "Summary", c.f, c.err);
  if (!s.ok()) return;
  s.widths({16, 8, 34, 9, 11, 13, 11, 11, 11, 28});
  summary_head(s, c);
  s.next();
  s.header({"Rank", "Bid", "Bidder", "Type", "Quality", "Social value", "Price", "Total", "Status",
            "Excluded for"});
  s.freeze(s.row);
  const lxw_row_t first = s.row;
  for (const auto& id : c.ev.ranking) summary_row(s, c, *c.bids.at(id));
  const lxw_row_t ranked_end = s.row;
  for (const auto& b : c.ev.bids) {
    if (b.status != BidStatus::ranked) summary_row(s, c, b);
  }
  if (ranked_end > first) summary_chart(c, s, first, ranked_end - 1);
}

// ---------------------------------------------------------------- Scores

void scores_sheet(Context& c) {
  Sheet s(c.wb, "Scores", c.f, c.err);
  if (!s.ok()) return;
  s.widths({7, 30, 10, 22, 48, 12, 8, 9, 11, 14, 9, 60});
  s.header({"Bid", "Bidder", "Criterion", "Kind", "Criterion title", "Moderated", "Scale", "Weight",
            "Weighted", "Moderated by", "Spread", "Rationale"});
  s.freeze(1);
  for (const auto& b : c.ev.bids) {
    for (const auto& cr : c.ev.criteria) {
      const auto it = b.scores.find(cr.id);
      if (it == b.scores.end()) continue;
      const CriterionResult& r = it->second;
      s.text(0, b.id);
      s.text(1, b.bidder.name);
      s.text(2, cr.id);
      s.text(3, kind_title(cr.kind), c.f.center);
      s.text(4, criterion_title(cr), c.f.wrap);
      s.number(5, r.moderated, c.f.score);
      if (cr.kind == CriterionKind::quality || cr.kind == CriterionKind::social_value) {
        s.number(6, cr.scale, c.f.score);
      }
      s.number(7, cr.weight, c.f.score);
      s.number(8, r.weighted, c.f.score);
      if (r.moderated) s.text(9, r.from_moderation ? "moderation" : "evaluators", c.f.center);
      s.number(10, r.spread, c.f.score);
      if (r.from_moderation) s.text(11, r.rationale, c.f.wrap);
      s.next();
    }
  }
}

// ---------------------------------------------------------------- Evaluators

void evaluators_sheet(Context& c) {
  Sheet s(c.wb, "Evaluators", c.f, c.err);
  if (!s.ok()) return;
  s.widths({7, 30, 10, 14, 9, 9, 12, 70});
  s.header({"Bid", "Bidder", "Criterion", "Evaluator", "Score", "Spread", "Moderated", "Comment"});
  s.freeze(1);
  for (const auto& b : c.ev.bids) {
    for (const auto& cr : c.ev.criteria) {
      const auto it = b.scores.find(cr.id);
      if (it == b.scores.end()) continue;
      for (const auto& e : it->second.evaluators) {
        s.text(0, b.id);
        s.text(1, b.bidder.name);
        s.text(2, cr.id);
        s.text(3, e.evaluator);
        s.number(4, e.score, c.f.score);
        s.number(5, it->second.spread, c.f.score);
        s.number(6, it->second.moderated, c.f.score);
        s.text(7, e.comment, c.f.wrap);
        s.next();
      }
    }
  }
}

// ---------------------------------------------------------------- Price

double price_points(const Context& c, const BidResult& b) {
  return group_total(c.ev.criteria, b, KindGroup::price);
}

void price_sheet(Context& c) {
  Sheet s(c.wb, "Price", c.f, c.err);
  if (!s.ok()) return;
  s.widths({7, 30, 10, 19, 19, 19, 12, 22, 70});
  s.header({"Bid", "Bidder", "Status", "Evaluated price P", "Undiscounted", "Stated total",
            "Price score", "Flags", "Details"});
  s.freeze(1);
  for (const auto& b : c.ev.bids) {
    const auto flags = bid_flags(b, price_code);
    s.text(0, b.id);
    s.text(1, b.bidder.name);
    s.text(2, status_text(b), c.f.center);
    s.number(3, b.price, c.f.money);
    s.number(4, b.price_undiscounted, c.f.money);
    s.number(5, b.stated_total, c.f.money);
    if (b.status == BidStatus::ranked) s.number(6, price_points(c, b), c.f.score);
    s.text(7, codes_of(flags));
    s.text(8, messages_of(flags), c.f.wrap);
    s.next();
  }
  s.next();
  // Labels in the wide Bidder column, values under the money columns.
  s.text(1, "Currency", c.f.label);
  s.text(3, c.in.round.currency, c.f.center);
  s.next();
  if (c.in.round.budget) {
    s.text(1, "Budget", c.f.label);
    s.number(3, *c.in.round.budget, c.f.money);
    s.next();
  }
  if (c.in.round.discount_rate) {
    s.text(1, "Discount rate", c.f.label);
    s.number(3, *c.in.round.discount_rate, c.f.percent);
    s.next();
  }
  s.text(0,
         "P is the price evaluated (discounted over the contract years when the round gives a "
         "discount rate); ALT marks an abnormally low price (EVALUATION.md §4).",
         c.f.note);
}

// ---------------------------------------------------------------- Social value

void social_sheet(Context& c) {
  Sheet s(c.wb, "Social value", c.f, c.err);
  if (!s.ok()) return;
  s.widths({7, 30, 10, 19, 19, 18, 12, 12, 60});
  s.header({"Bid", "Bidder", "Status", "Social value S", "Evaluated price P", "Social return S/P",
            "SV score", "Flags", "Details"});
  s.freeze(1);
  for (const auto& b : c.ev.bids) {
    const auto flags = bid_flags(b, social_code);
    s.text(0, b.id);
    s.text(1, b.bidder.name);
    s.text(2, status_text(b), c.f.center);
    s.number(3, b.social_value, c.f.money);
    s.number(4, b.price, c.f.money);
    s.number(5, b.social_return, c.f.percent);
    if (b.status == BidStatus::ranked) {
      s.number(6, group_total(c.ev.criteria, b, KindGroup::social_value), c.f.score);
    }
    s.text(7, codes_of(flags));
    s.text(8, messages_of(flags), c.f.wrap);
    s.next();
  }
  s.next();
  s.text(0,
         "S is the monetised social value of the commitments after deadweight, attribution, "
         "displacement and drop-off (EVALUATION.md §5); SV score is the weighted score of the "
         "social-value criteria.",
         c.f.note);
}

// ---------------------------------------------------------------- Barriers

bool barrier_flag(Code code) {
  return to_string(code).substr(0, 2) == "B-";
}

void barrier_exclusions(Sheet& s, const Context& c) {
  s.section("Excluded bids");
  s.header({"Bid", "Bidder", "Reasons", "Codes"});
  bool any = false;
  for (const auto& b : c.ev.bids) {
    if (b.status == BidStatus::ranked) continue;
    any = true;
    s.text(0, b.id);
    s.text(1, b.bidder.name);
    s.text(2, messages_of(b.reasons), c.f.wrap);
    s.text(3, codes_of(b.reasons));
    s.next();
  }
  if (!any) s.none();
}

void barrier_counterfactual(Sheet& s, const Context& c) {
  const Barriers& b = c.ev.barriers;
  s.section("Without the barrier exclusions (TURNOVER, BOND, GUARANTEE)");
  std::vector<std::string> let_in;
  for (const auto& x : b.excluded) {
    std::vector<std::string> codes;
    for (Code code : x.codes) codes.emplace_back(to_string(code));
    let_in.push_back(x.bid + " (" + x.type + ": " + join(codes, ", ") + ")");
  }
  s.field("Let back in", let_in.empty() ? "none" : join(let_in, "; "));
  s.field("Ranking", join(b.counterfactual.ranking, ", "));
  s.field("Winner", b.counterfactual.winner.value_or("none (tie)"));
  s.field("Winner changes", yes_no(b.counterfactual.winner_changes));
  if (!b.counterfactual.unscored.empty()) {
    s.field("Unscored", join(b.counterfactual.unscored, ", "));
  }
}

void barriers_sheet(Context& c) {
  Sheet s(c.wb, "Barriers", c.f, c.err);
  if (!s.ok()) return;
  s.widths({18, 30, 90, 26});
  flag_rows(s, c.ev.flags, barrier_flag, 2);
  s.freeze(1);
  s.next();
  s.text(0, "Working capital", c.f.label);
  s.number(1, c.ev.barriers.working_capital, c.f.money);
  s.next();
  barrier_exclusions(s, c);
  barrier_counterfactual(s, c);
}

// ---------------------------------------------------------------- Alignment

bool alignment_flag(Code code) {
  return to_string(code).substr(0, 2) == "A-";
}

void alignment_outcomes(Context& c, Sheet& s) {
  s.header({"Outcome", "Priority", "Effective weight", "Outcome"});
  s.freeze(1);
  for (const auto& o : c.in.round.outcomes) {
    s.text(0, o.id);
    s.number(1, o.priority, c.f.integer);
    const auto it = c.ev.alignment.effective_weights.find(o.id);
    if (it != c.ev.alignment.effective_weights.end()) s.number(2, it->second, c.f.score);
    s.text(3, o.text, c.f.wrap);
    s.next();
  }
}

// Effective weight per outcome, in priority order as listed, below the tables.
void alignment_chart(Context& c, Sheet& s) {
  const auto n = static_cast<lxw_row_t>(c.in.round.outcomes.size());
  if (n == 0) return;
  lxw_chart* chart =
      new_chart(c, LXW_CHART_COLUMN, "Effective weight by outcome (priority 1 = most important)");
  if (chart == nullptr) return;
  add_series(chart, "Alignment", nullptr, 1, n, 0, 2, 0x4472C4);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
  chart_axis_set_name(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y), "Weight points");
  chart_axis_set_min(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y), 0);
  chart_axis_set_name(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_X), "Outcome");
  s.chart(chart, s.row + 1, 1, 1.3, 1.0);
}

void alignment_weights(Sheet& s, const Context& c) {
  s.section("Criterion weights: as set, and priority-weighted (EVALUATION.md §8)");
  s.header({"Criterion", "Weight", "Priority-weighted", "Outcomes"});
  for (const auto& cr : c.ev.criteria) {
    s.text(0, cr.id);
    s.number(1, cr.weight, c.f.score);
    const auto it = c.ev.alignment.counterfactual_weights.find(cr.id);
    if (it != c.ev.alignment.counterfactual_weights.end()) s.number(2, it->second, c.f.score);
    s.text(3, join(cr.outcomes, ", "));
    s.next();
  }
}

void alignment_sheet(Context& c) {
  Sheet s(c.wb, "Alignment", c.f, c.err);
  if (!s.ok()) return;
  s.widths({16, 12, 18, 70});
  alignment_outcomes(c, s);
  s.next();
  s.text(0, "Kendall's tau-b", c.f.label);
  if (c.ev.alignment.kendall_tau) {
    s.number(2, *c.ev.alignment.kendall_tau, c.f.score);
  } else {
    s.text(2, "undefined", c.f.note);
  }
  s.next();
  alignment_weights(s, c);
  const Alternative& cf = c.ev.alignment.counterfactual;
  s.section("With the priority-weighted weights");
  s.field("Ranking", join(cf.ranking, ", "));
  s.field("Winner", cf.winner.value_or("none (tie)"));
  s.field("Winner changes", yes_no(cf.winner_changes));
  s.section("Alignment flags");
  flag_rows(s, c.ev.flags, alignment_flag, 3);
  alignment_chart(c, s);
}

// ---------------------------------------------------------------- Sensitivity

bool reversal_flag(Code code) {
  return code == Code::rank_reversal;
}

std::string bid_and_bidder(const Context& c, const std::string& id) {
  const std::string name = bidder_of(c, id);
  return name.empty() ? id : id + " — " + name;
}

// Columns: A ids, B and C numbers, D names, E on the SMAA ranks.
void sensitivity_oat(Sheet& s, const Context& c) {
  s.header({"Criterion", "Weight", "Change to lose", "New leader"});
  s.freeze(1);
  for (const auto& o : c.ev.sensitivity.one_at_a_time) {
    s.text(0, o.criterion);
    for (const auto& cr : c.ev.criteria) {
      if (cr.id == o.criterion) s.number(1, cr.weight, c.f.score);
    }
    s.number(2, o.delta, c.f.delta);
    s.text(3,
           o.new_leader ? bid_and_bidder(c, *o.new_leader)
                        : "none: no change of this weight overturns the winner",
           o.new_leader ? c.f.text : c.f.note);
    s.next();
  }
  if (c.ev.sensitivity.one_at_a_time.empty()) s.none("not run (no winner)");
  s.next();
  s.text(0,
         "Change to lose: the change in the criterion's weight points (others rescaled to keep "
         "100) at which another bid draws level with the winner (EVALUATION.md §9).",
         c.f.note);
  s.next();
}

std::size_t smaa_ranks(const Smaa& m) {
  std::size_t ranks = 0;
  for (const auto& [id, a] : m.acceptability) ranks = std::max(ranks, a.size());
  return ranks;
}

void smaa_row(Sheet& s, const Context& c, const std::string& id) {
  const Smaa& m = c.ev.sensitivity.smaa;
  s.text(0, id);
  const auto it = m.rank1.find(id);
  if (it != m.rank1.end()) s.number(1, it->second, c.f.percent);
  const auto b = c.bids.find(id);
  if (b != c.bids.end()) s.number(2, b->second->total, c.f.score);
  s.text(3, bidder_of(c, id));
  const auto acc = m.acceptability.find(id);
  if (acc != m.acceptability.end()) {
    for (std::size_t k = 0; k < acc->second.size(); ++k) {
      s.number(static_cast<lxw_col_t>(4 + k), acc->second[k], c.f.percent);
    }
  }
  s.next();
}

void smaa_chart(Context& c, Sheet& s, lxw_row_t first, lxw_row_t last) {
  lxw_chart* chart = new_chart(c, LXW_CHART_BAR, "Probability of ranking first (SMAA)");
  if (chart == nullptr) return;
  lxw_chart_series* series = add_series(chart, "Sensitivity", nullptr, first, last, 0, 1, 0x4472C4);
  if (series != nullptr) {
    chart_series_set_labels(series);
    chart_series_set_labels_num_format(series, "0.0%");
  }
  chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
  // In a bar chart X is the (horizontal) value axis, Y the bids.
  lxw_chart_axis* value = chart_axis_get(chart, LXW_CHART_AXIS_TYPE_X);
  chart_axis_set_min(value, 0);
  chart_axis_set_max(value, 1);
  chart_axis_set_num_format(value, "0%");
  chart_axis_set_reverse(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y));
  const double bids = static_cast<double>(last - first + 1);
  s.chart(chart, s.row + 1, 0, 1.3, std::clamp(bids / 6.0, 0.8, 4.0));
  s.row += static_cast<lxw_row_t>(15.0 * std::clamp(bids / 6.0, 0.8, 4.0)) + 2;
}

void sensitivity_smaa(Context& c, Sheet& s) {
  const Smaa& m = c.ev.sensitivity.smaa;
  s.section("Random weights (SMAA): share of draws at each rank");
  const std::size_t ranks = smaa_ranks(m);
  for (std::size_t k = 0; k < ranks; ++k) {
    s.header_cell(static_cast<lxw_col_t>(4 + k), ("Rank " + std::to_string(k + 1)).c_str());
  }
  s.header({"Bid", "Rank-1", "Total", "Bidder"});
  const lxw_row_t first = s.row;
  for (const auto& id : c.ev.ranking) smaa_row(s, c, id);
  const lxw_row_t end = s.row;
  s.text(0,
         "Draws " + std::to_string(m.draws) + ", seed " + std::to_string(m.seed) + ", kappa " +
             std::to_string(static_cast<long long>(m.kappa)) +
             "; Rank-1 splits ties equally, the rank columns give each bid's rank acceptability.",
         c.f.note);
  s.next();
  if (end > first) smaa_chart(c, s, first, end - 1);
}

void sensitivity_withdrawal(Sheet& s, const Context& c) {
  s.section("Withdrawal test: the winner when one ranked bid withdraws");
  s.header({"Withdrawn", "New winner?", "Winner", "Winner's name"});
  for (const auto& w : c.ev.sensitivity.withdrawal) {
    s.text(0, w.withdrawn);
    s.text(1, yes_no(w.winner_changes), w.winner_changes ? c.f.winner : c.f.center);
    s.text(2, w.winner.value_or("none (tie)"));
    if (w.winner) s.text(3, bidder_of(c, *w.winner));
    s.next();
  }
  if (c.ev.sensitivity.withdrawal.empty()) s.none("not run");
  s.section("Rank-reversal flags");
  flag_rows(s, c.ev.flags, reversal_flag, 3);
}

void sensitivity_sheet(Context& c) {
  Sheet s(c.wb, "Sensitivity", c.f, c.err);
  if (!s.ok()) return;
  s.widths({12, 12, 14, 40, 9, 9, 9, 9, 9, 9, 9, 9});
  sensitivity_oat(s, c);
  sensitivity_smaa(c, s);
  sensitivity_withdrawal(s, c);
}

// ---------------------------------------------------------------- Inputs

void inputs_sheet(Context& c) {
  Sheet s(c.wb, "Inputs", c.f, c.err);
  if (!s.ok()) return;
  s.widths({12, 50, 68});
  s.header({"Role", "File", "SHA-256"});
  s.freeze(1);
  for (const auto& i : c.run.inputs) {
    s.text(0, i.role);
    s.text(1, i.file);
    s.text(2, i.sha256);
    s.next();
  }
}

struct WorkbookDeleter {
  void operator()(lxw_workbook* wb) const { lxw_workbook_free(wb); }
};

}  // namespace

std::optional<std::string> write_award_workbook(const Evaluation& ev, const Inputs& inputs,
                                                const RunInfo& run, const std::string& path) {
  std::unique_ptr<lxw_workbook, WorkbookDeleter> wb(workbook_new(path.c_str()));
  if (!wb) return "cannot create " + path;
  lxw_doc_properties props{};
  std::string title = cell_text("Award report " + ev.round_id);
  props.title = title.data();
  props.created = kWorkbookCreated;
  lxw_error err = workbook_set_properties(wb.get(), &props);
  const Formats f = make_formats(wb.get());
  Context c{wb.get(), f, ev, inputs, run, err, {}};
  for (const auto& b : ev.bids) c.bids.emplace(b.id, &b);
  summary_sheet(c);
  scores_sheet(c);
  evaluators_sheet(c);
  price_sheet(c);
  social_sheet(c);
  barriers_sheet(c);
  alignment_sheet(c);
  sensitivity_sheet(c);
  inputs_sheet(c);
  const lxw_error closed = workbook_close(wb.release());  // writes and frees
  if (err == LXW_NO_ERROR) err = closed;
  if (err != LXW_NO_ERROR) return "cannot write " + path + ": " + lxw_strerror(err);
  return std::nullopt;
}

}  // namespace tender::reports
