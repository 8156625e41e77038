// The blank bid workbook of FORMATS.md for one round (`tender template`).
// One function per sheet; the Instructions sheet comes first and also holds
// the list of measure ids the Social value sheet's validation refers to.
// Layout decisions: RULES §50, §53, §54.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sheet_kit.hpp"
#include "tender/reports/sheets.hpp"

namespace tender::reports {
namespace {

using kit::kLastRow;

constexpr lxw_row_t kPriceRows = 20;  // yellow line rows before the TOTAL row
constexpr int kMaxYears = 50;         // the Year list offers 1..contract years, at most this

// The words FORMATS.md allows, offered as lists.
std::vector<std::string> types() {
  return {"sme", "vcse", "large", "public", "mutual"};
}
std::vector<std::string> sizes() {
  return {"micro", "small", "medium", "large"};
}
std::vector<std::string> yes_no() {
  return {"yes", "no"};
}
std::vector<std::string> pass_fail() {
  return {"pass", "fail"};
}

int contract_years(const Round& r) {
  if (!(r.years >= 1)) return 1;
  return static_cast<int>(std::min(std::ceil(r.years), static_cast<double>(kMaxYears)));
}

// A whole amount with thousands separators ("1,200,000"), for sentences.
std::string amount(double v) {
  std::string digits = kit::plain_number(std::round(v));
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0 && digits[i - 1] != '-') out += ',';
    out += digits[i];
  }
  return out;
}

// ---------------------------------------------------------------- Instructions

void how_to(kit::Instructions& s, const Round& r) {
  s.section("How to fill it in");
  s.item("1. Yellow cells",
         "Fill in the yellow cells on the sheets Bidder, Gates, Price and Social value. Grey "
         "cells are filled in for you. Grey italic text to the right of a table is guidance: it "
         "is not read.");
  s.item("2. Lists and numbers",
         "Where a cell offers a list (select it and a small arrow appears), choose from the list. "
         "Numbers are checked as you type: write digits only, without a currency sign.");
  s.item("3. Money",
         "Every amount is in " + r.currency +
             ", in whole currency units (pounds for GBP, not pence): write 1250000, not "
             "\"1.25m\". Check the tender documents for whether prices include VAT.");
  s.item("4. Keep the layout",
         "Do not rename the sheets or change the blue header rows: the buyer's software finds "
         "your answers by them. The sheets are protected against accidental changes, without a "
         "password (Review > Unprotect Sheet in Excel, Tools > Protect Sheet in LibreOffice) if "
         "you really must change something else.");
  s.item("5. Save and send",
         "Save as an Excel workbook (.xlsx) from any program (Excel, LibreOffice, Google Sheets: "
         "download as .xlsx) and send it as the tender documents say. When it is read, any "
         "problem is reported with its sheet and cell, for example Price!F22.");
}

void bidder_help(kit::Instructions& s, const Round& r) {
  s.section("Sheet Bidder: about your organisation");
  s.table("Field", "What to write");
  s.row("Round", "Filled in for you: this round's reference, " + r.id + ".");
  s.row("Bid",
        "Your bid reference: the one the buyer gave you, or your own. Letters, digits, dot, dash "
        "and underscore only, no spaces, up to 64 characters (for example B07).");
  s.row("Name", "Your organisation's legal name.");
  s.row("Type",
        "sme: a small or medium-sized business. vcse: a voluntary, community or social "
        "enterprise organisation (a charity, community interest company or community group). "
        "large: a larger business. public: a public body. mutual: a public service mutual.");
  s.row("Size",
        "micro: fewer than 10 staff. small: fewer than 50. medium: fewer than 250. large: 250 or "
        "more.");
  std::string turnover =
      "Your yearly income (turnover) in " + r.currency + ", from your latest accounts.";
  if (r.min_turnover) {
    turnover += " This contract asks for at least " + amount(*r.min_turnover) + " " + r.currency +
                "; a bid that declares none, or less, is excluded.";
  }
  s.row("Turnover", turnover);
  s.row("Reserves",
        "Cash or free reserves you could use to run the service before payments "
        "arrive, in " +
            r.currency + ".");
  s.row("Employees", "How many people you employ.");
  const bool bond = r.bond_percent && *r.bond_percent > 0;
  s.row("Can provide bond",
        "yes or no: can you provide a performance bond (a guarantee from a bank or insurer)? " +
            (bond ? "This contract requires one, of " + kit::plain_number(*r.bond_percent) +
                        "% of its value: answering no excludes the bid."
                  : std::string("This contract does not require one.")));
  s.row("Can provide guarantee",
        std::string("yes or no: can a parent company guarantee your performance? ") +
            (r.parent_guarantee ? "This contract requires one: answering no excludes the bid."
                                : "This contract does not require one."));
}

void gates_help(kit::Instructions& s, const Round& r) {
  s.section("Sheet Gates: requirements every bid must meet");
  if (r.gates.empty()) {
    s.item("Gates", "This round has none: the Gates sheet stays empty.");
    return;
  }
  s.item("Answer",
         "pass if you meet the requirement, fail if you do not. A fail, or no answer, excludes "
         "the bid.");
  s.item("Evidence",
         "Where the buyer can check it: a policy's name, a certificate number, a "
         "date.");
  s.table("Gate", "Requirement");
  for (const auto& g : r.gates) s.row(g.id, g.text);
}

void price_help(kit::Instructions& s, const Round& r) {
  s.section("Sheet Price: what you charge");
  s.item("Lines",
         "One row per item you price and per contract year. Item: what it is. Unit: for "
         "example year, month, hour or fixed. Quantity: how many units. Rate: the price "
         "of one unit in " +
             r.currency +
             ". Year: 1 for the first year of the "
             "contract, up to " +
             std::to_string(contract_years(r)) + ".");
  s.item("More rows", "The sheet has " + std::to_string(kPriceRows) +
                          " yellow rows; write further lines below the TOTAL row, or insert "
                          "rows: every row under the header is read.");
  s.item("Total (lines)",
         "Quantity x Rate, for your own checking: the buyer works the price out "
         "from Quantity and Rate.");
  s.item("TOTAL row",
         "Your total price for the whole contract, all years, in the Total column. "
         "It should equal the sum of your lines: a difference is pointed out to the "
         "evaluators.");
  if (r.discount_rate && *r.discount_rate > 0) {
    s.item("Comparing prices", "Prices are compared after discounting later years at " +
                                   kit::plain_number(*r.discount_rate * 100) + "% a year.");
  }
}

// Returns the 1-based rows of the Instructions sheet holding the measure ids
// (first > last when the round has none).
std::pair<lxw_row_t, lxw_row_t> social_help(kit::Instructions& s, const Round& r) {
  s.section("Sheet Social value: what you commit to deliver");
  if (r.measures.empty()) {
    s.item("Measures", "This round has none: the Social value sheet stays empty.");
    return {1, 0};
  }
  s.item("Quantity",
         "One row per measure is ready. Write how much you commit to deliver over "
         "the whole contract, in the measure's unit, or 0 if you make no commitment "
         "on it. To make a second commitment on a measure, use a row below the "
         "table and choose the measure from the list.");
  s.item("Evidence", "How you will deliver it. Commitments are checked before award.");
  s.table("Measure", "Unit: what counts");
  const lxw_row_t first = s.next_row();
  for (const auto& m : r.measures) s.row(m.id, m.unit + ": " + m.title);
  return {first, s.next_row() - 1};
}

std::pair<lxw_row_t, lxw_row_t> instructions_sheet(kit::Book& book, const Round& r) {
  kit::Instructions s(book.add("Instructions"));
  s.title("Bid workbook: " + r.title);
  s.item("Round", r.id);
  if (!r.buyer.empty()) s.item("Buyer", r.buyer);
  if (r.deadline) s.item("Deadline", to_iso(*r.deadline));
  s.item("Currency", r.currency);
  how_to(s, r);
  bidder_help(s, r);
  gates_help(s, r);
  price_help(s, r);
  return social_help(s, r);
}

// ---------------------------------------------------------------- Bidder

enum class Input { text, id, money, number, type, size, yes_no };

struct Field {
  const char* name;
  Input input;
  const char* hint;
};

void bidder_value(kit::Page& p, lxw_row_t row, const Field& f) {
  const kit::Formats& fmt = p.fmt();
  const bool money = f.input == Input::money;
  p.blank(row, 1, money ? fmt.input_money : fmt.input);
  const std::string what = std::string(f.name) + ": ";
  switch (f.input) {
    case Input::id:
      p.length(row, row, 1, 64, "Letters, digits, dot, dash, underscore; no spaces.");
      break;
    case Input::money:
    case Input::number:
      p.decimal(row, row, 1, 0, std::nullopt, what + "a number, 0 or more, digits only.");
      break;
    case Input::type:
      p.list(row, row, 1, types(), what + "sme, vcse, large, public or mutual.");
      break;
    case Input::size:
      p.list(row, row, 1, sizes(), what + "micro, small, medium or large.");
      break;
    case Input::yes_no:
      p.list(row, row, 1, yes_no(), what + "yes or no.");
      break;
    case Input::text:
      break;
  }
}

void bidder_sheet(kit::Book& book, const Round& r) {
  kit::Page p = book.add("Bidder");
  p.column(0, 24);
  p.column(1, 36);
  p.column(2, 64);
  p.header(0, {"Field", "Value"});
  p.text(1, 0, "Round", p.fmt().label);
  p.text(1, 1, r.id, p.fmt().fixed);
  p.text(1, 2, "filled in for you", p.fmt().hint);
  const std::string money = "in " + r.currency + ", digits only";
  const Field fields[] = {
      {"Bid", Input::id, "your bid reference, e.g. B07 (no spaces)"},
      {"Name", Input::text, "your organisation's legal name"},
      {"Type", Input::type, "sme, vcse, large, public or mutual (see Instructions)"},
      {"Size", Input::size, "micro, small, medium or large (see Instructions)"},
      {"Turnover", Input::money, "a year, from your latest accounts"},
      {"Reserves", Input::money, "cash or free reserves"},
      {"Employees", Input::number, "people you employ"},
      {"Can provide bond", Input::yes_no, "yes or no"},
      {"Can provide guarantee", Input::yes_no, "yes or no: a parent company guarantee"},
  };
  lxw_row_t row = 2;
  for (const Field& f : fields) {
    p.text(row, 0, f.name, p.fmt().label);
    bidder_value(p, row, f);
    const bool is_money = f.input == Input::money;
    p.text(row, 2, is_money ? std::string(f.hint) + ", " + money : f.hint, p.fmt().hint);
    ++row;
  }
  p.freeze(1);
  p.protect(false);
}

// ---------------------------------------------------------------- Gates

void gates_sheet(kit::Book& book, const Round& r) {
  kit::Page p = book.add("Gates");
  p.column(0, 10);
  p.column(1, 10);
  p.column(2, 56);
  p.column(3, 60);
  p.header(0, {"Gate", "Answer", "Evidence"});
  lxw_row_t row = 1;
  for (const auto& g : r.gates) {
    p.text(row, 0, g.id, p.fmt().fixed);
    p.blank(row, 1, p.fmt().input);
    p.blank(row, 2, p.fmt().input_wrap);
    p.wrapped(row, 3, g.text, p.fmt().hint);
    ++row;
  }
  if (row > 1) {
    p.list(1, row - 1, 1, pass_fail(), "pass if you meet the requirement on the right, else fail.");
  }
  p.freeze(1);
  p.protect(false);
}

// ---------------------------------------------------------------- Price

void price_sheet(kit::Book& book, const Round& r) {
  kit::Page p = book.add("Price");
  const kit::Formats& f = p.fmt();
  p.column(0, 40, f.open);
  p.column(1, 12, f.open);
  p.column(2, 10, f.open);
  p.column(3, 14, f.open_money);
  p.column(4, 8, f.open);
  p.column(5, 16, f.open_money);
  p.column(6, 48);
  p.header(0, {"Item", "Unit", "Quantity", "Rate", "Year", "Total"});
  for (lxw_row_t row = 1; row <= kPriceRows; ++row) {
    for (lxw_col_t col = 0; col < 6; ++col) {
      p.blank(row, col, col == 3 || col == 5 ? f.input_money : f.input);
    }
  }
  const lxw_row_t total = kPriceRows + 1;
  p.text(total, 0, "TOTAL", f.fixed_bold);
  for (lxw_col_t col = 1; col < 5; ++col) p.blank(total, col, f.fixed);
  p.blank(total, 5, f.input_money);
  p.text(total, 6, "your total price for the whole contract, all years, in " + r.currency, f.hint);
  std::vector<std::string> years;
  for (int y = 1; y <= contract_years(r); ++y) years.push_back(std::to_string(y));
  const std::string each = "0 or more, digits only.";
  p.decimal(1, kLastRow, 2, 0, std::nullopt, "Quantity: how many units, " + each);
  p.decimal(1, kLastRow, 3, 0, std::nullopt,
            "Rate: the price of one unit in " + r.currency + ", " + each);
  p.list(1, kLastRow, 4, years, "Year of the contract: 1 is the first.");
  p.decimal(1, kLastRow, 5, 0, std::nullopt, "Total in " + r.currency + ", " + each);
  p.freeze(1);
  p.protect(true);
}

// ---------------------------------------------------------------- Social value

void social_sheet(kit::Book& book, const Round& r, std::pair<lxw_row_t, lxw_row_t> ids) {
  kit::Page p = book.add("Social value");
  const kit::Formats& f = p.fmt();
  p.column(0, 22, f.open);
  p.column(1, 12, f.open);
  p.column(2, 56, f.open);
  p.column(3, 60);
  p.header(0, {"Measure", "Quantity", "Evidence"});
  lxw_row_t row = 1;
  for (const auto& m : r.measures) {
    p.text(row, 0, m.id, f.fixed);
    p.blank(row, 1, f.input);
    p.blank(row, 2, f.input_wrap);
    p.wrapped(row, 3, m.unit + ": " + m.title, f.hint);
    ++row;
  }
  if (ids.first <= ids.second) {
    p.list_from(row, kLastRow, 0, kit::instructions_range(ids.first, ids.second),
                "A measure id of this round (listed on the Instructions sheet).");
  }
  p.decimal(1, kLastRow, 1, 0, std::nullopt,
            "Quantity over the whole contract, in the measure's unit; 0 if none.");
  p.freeze(1);
  p.protect(true);
}

}  // namespace

std::optional<std::string> write_bid_template(const Round& round, const std::string& path) {
  kit::Book book(path, "Bid workbook " + round.id);
  if (!book.ok()) return book.close();
  const auto ids = instructions_sheet(book, round);
  bidder_sheet(book, round);
  gates_sheet(book, round);
  price_sheet(book, round);
  social_sheet(book, round, ids);
  return book.close();
}

}  // namespace tender::reports
