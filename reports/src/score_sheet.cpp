// The evaluators' score sheet for one round and its bids (`tender
// score-sheet`): an Instructions sheet, then `scores` with the columns of the
// scores file. Reads only each bid's id and bidder name: never a price.
// Layout decisions: RULES §52, §53, §54.
#include <algorithm>
#include <string>
#include <vector>

#include "sheet_kit.hpp"
#include "tender/reports/sheets.hpp"

namespace tender::reports {
namespace {

using kit::kLastRow;

// Rows (1-based, inclusive) of the Instructions sheet holding a list of ids.
struct IdRows {
  lxw_row_t first = 1;
  lxw_row_t last = 0;  // first > last: none
  std::string range() const { return kit::instructions_range(first, last); }
  bool empty() const { return first > last; }
};

struct Lists {
  IdRows criteria;
  IdRows bids;
};

bool evaluator_scored(const Criterion& c) {
  return c.kind == CriterionKind::quality || c.kind == CriterionKind::social_value;
}

std::vector<const Criterion*> scored_criteria(const Round& r) {
  std::vector<const Criterion*> out;
  for (const auto& c : r.criteria) {
    if (evaluator_scored(c)) out.push_back(&c);
  }
  return out;
}

std::vector<const Bid*> bids_by_id(const std::vector<Bid>& bids) {
  std::vector<const Bid*> out;
  out.reserve(bids.size());
  for (const auto& b : bids) out.push_back(&b);
  std::stable_sort(out.begin(), out.end(),
                   [](const Bid* a, const Bid* b) { return a->id < b->id; });
  return out;
}

std::string scale_text(const Criterion& c) {
  return "0 to " + kit::plain_number(c.scale);
}

// ---------------------------------------------------------------- Instructions

void how_to(kit::Instructions& s) {
  s.section("How to score");
  s.item("1. Your rows",
         "Each row of the sheet scores is one bid on one criterion, criterion by criterion. Fill "
         "the yellow cells: your name in evaluator (the same on every row), your score, and a "
         "comment giving your reasons.");
  s.item("2. Scores",
         "From 0 to the criterion's maximum, listed below. Whole numbers are usual; decimals such "
         "as 3.5 are accepted.");
  s.item("3. Rows you do not score",
         "Leave them completely empty (no evaluator, score or comment), for example for a bid "
         "excluded before scoring: they are not read. A row with a score needs an evaluator.");
  s.item("4. More evaluators",
         "To add another evaluator's scores to this sheet, write them in the rows below the "
         "table, choosing the bid and the criterion from the lists.");
  s.item("5. No prices",
         "Prices are deliberately not shown: quality and social value are scored without "
         "knowing them. The grey italic text on the right (bidder, criterion) is there to help "
         "and is not read.");
  s.item("6. Keep the layout",
         "Do not rename the sheet scores or change its header row: the file is read by them. The "
         "sheets are protected against accidental changes, without a password.");
}

IdRows criteria_help(kit::Instructions& s, const std::vector<const Criterion*>& criteria) {
  s.section("Criteria to score");
  if (criteria.empty()) {
    s.item("Criteria", "This round has no criterion scored by evaluators.");
    return {};
  }
  s.table("Criterion", "Score and what it covers");
  IdRows rows{s.next_row(), 0};
  for (const Criterion* c : criteria) {
    std::string text = scale_text(*c) + ". " + c->title;
    if (c->threshold) {
      text +=
          " (a moderated score below " + kit::plain_number(*c->threshold) + " excludes the bid)";
    }
    s.row(c->id, text);
  }
  rows.last = s.next_row() - 1;
  return rows;
}

IdRows bids_help(kit::Instructions& s, const std::vector<const Bid*>& bids) {
  s.section("Bids");
  if (bids.empty()) {
    s.item("Bids", "None.");
    return {};
  }
  s.table("Bid", "Bidder");
  IdRows rows{s.next_row(), 0};
  for (const Bid* b : bids) s.row(b->id, b->bidder.name);
  rows.last = s.next_row() - 1;
  return rows;
}

Lists instructions_sheet(kit::Book& book, const Round& r,
                         const std::vector<const Criterion*>& criteria,
                         const std::vector<const Bid*>& bids) {
  kit::Instructions s(book.add("Instructions"));
  s.title("Score sheet: " + r.title);
  s.item("Round", r.id);
  if (!r.buyer.empty()) s.item("Buyer", r.buyer);
  how_to(s);
  Lists lists;
  lists.criteria = criteria_help(s, criteria);
  lists.bids = bids_help(s, bids);
  return lists;
}

// ---------------------------------------------------------------- scores

void score_row(kit::Page& p, lxw_row_t row, const Bid& b, const Criterion& c) {
  const kit::Formats& f = p.fmt();
  p.text(row, 0, b.id, f.fixed);
  p.text(row, 1, c.id, f.fixed);
  p.blank(row, 2, f.input);
  p.blank(row, 3, f.input);
  p.blank(row, 4, f.input_wrap);
  p.text(row, 5, b.bidder.name, f.hint);
  p.wrapped(row, 6, scale_text(c) + ": " + c.title, f.hint);
}

// Rows below the table: any bid and criterion of the lists, a score up to the
// largest scale.
void open_rows(kit::Page& p, lxw_row_t first, const Lists& lists,
               const std::vector<const Criterion*>& criteria) {
  if (!lists.bids.empty()) {
    p.list_from(first, kLastRow, 0, lists.bids.range(), "A bid id (Instructions lists them).");
  }
  if (!lists.criteria.empty()) {
    p.list_from(first, kLastRow, 1, lists.criteria.range(),
                "A criterion id (Instructions lists them).");
  }
  double top = 0;
  for (const Criterion* c : criteria) top = std::max(top, c->scale);
  if (!criteria.empty()) {
    p.decimal(first, kLastRow, 3, 0, top,
              "A score from 0 to the criterion's maximum (Instructions lists them).");
  }
}

void scores_sheet(kit::Book& book, const Lists& lists,
                  const std::vector<const Criterion*>& criteria,
                  const std::vector<const Bid*>& bids) {
  kit::Page p = book.add("scores");
  const kit::Formats& f = p.fmt();
  p.column(0, 10, f.open);
  p.column(1, 11, f.open);
  p.column(2, 14, f.open);
  p.column(3, 8, f.open);
  p.column(4, 56, f.open);
  p.column(5, 28);
  p.column(6, 64);
  worksheet_set_landscape(p.ws());
  p.header(0, {"bid", "criterion", "evaluator", "score", "comment"});
  lxw_row_t row = 1;
  for (const Criterion* c : criteria) {
    const lxw_row_t first = row;
    for (const Bid* b : bids) score_row(p, row++, *b, *c);
    if (row > first) {
      p.decimal(first, row - 1, 3, 0, c->scale,
                "Score on " + c->id + ": from 0 to " + kit::plain_number(c->scale) + ".");
    }
  }
  open_rows(p, row, lists, criteria);
  p.freeze(1);
  p.protect(true);
}

}  // namespace

std::optional<std::string> write_score_sheet(const Round& round, const std::vector<Bid>& bids,
                                             const std::string& path) {
  kit::Book book(path, "Score sheet " + round.id);
  if (!book.ok()) return book.close();
  const std::vector<const Criterion*> criteria = scored_criteria(round);
  const std::vector<const Bid*> sorted = bids_by_id(bids);
  const Lists lists = instructions_sheet(book, round, criteria, sorted);
  scores_sheet(book, lists, criteria, sorted);
  return book.close();
}

}  // namespace tender::reports
