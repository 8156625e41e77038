// Bid workbook (.xlsx, FORMATS.md) -> Bid. Sheets are found by name and
// columns by header text, so a workbook saved by any program, with columns
// in any order, imports the same way.
#include <cmath>
#include <map>

#include "bid_fields.hpp"
#include "table.hpp"
#include "tender/importers/parse.hpp"
#include "xml_util.hpp"

namespace tender::importers {
namespace {

// The Price sheet's columns, looked up once (-1 when absent).
struct PriceColumns {
  PriceColumns() = default;
  explicit PriceColumns(const Table& t)
      : item(t.column("item")),
        quantity(t.column("quantity")),
        rate(t.column("rate")),
        year(t.column("year")),
        total(t.column("total")) {}
  int item = -1, quantity = -1, rate = -1, year = -1, total = -1;
};

bool is_total_label(std::string_view item) {
  return item.size() == 5 && lower(item) == "total";
}

class BidSheets {
 public:
  BidSheets(xlsx::Workbook& book, const std::string& path, Diagnostics& d)
      : book_(book), path_(path), d_(d) {}

  // The table of sheet `name`; nullopt (and, when `required`, a diagnostic)
  // when the workbook has no such sheet.
  std::optional<Table> sheet(const std::string& name, bool required) {
    if (!book_.has_sheet(name)) {
      if (required) {
        d_.push_back({DiagCode::missing,
                      {path_, 0, {}, {}},
                      "the bid workbook has no sheet named '" + name + "'"});
      }
      return std::nullopt;
    }
    auto s = book_.sheet(name);
    if (!s) {
      d_.insert(d_.end(), s.errors().begin(), s.errors().end());
      return std::nullopt;
    }
    return Table::from_sheet(s.value(), path_);
  }

  void bidder(Bid& b) {
    auto t = sheet("Bidder", true);
    if (!t || !t->require({"field", "value"}, d_)) return;
    std::map<std::string, std::size_t> rows;
    for (std::size_t i = 0; i < t->size(); ++i) rows.emplace(lower(t->text(i, "field")), i);
    auto text = [&](const std::string& f) {
      const auto it = rows.find(f);
      return it == rows.end() ? std::string() : t->text(it->second, "value");
    };
    auto where = [&](const std::string& f) {
      const auto it = rows.find(f);
      return it == rows.end() ? t->header_place() : t->place(it->second, "value");
    };
    auto number = [&](const std::string& f) -> std::optional<double> {
      const auto it = rows.find(f);
      if (it == rows.end()) return std::nullopt;
      return table_number(*t, it->second, "value", f, false, true, d_);
    };
    auto yes_no = [&](const std::string& f) {
      const std::string v = text(f);
      if (v.empty()) return false;
      const auto yn = parse_yes_no(v);
      if (!yn) d_.push_back({DiagCode::invalid, where(f), f + " '" + v + "' is not yes or no"});
      return yn.value_or(false);
    };
    b.round = text("round");
    b.id = text("bid");
    b.place = where("bid");
    if (!is_valid_id(b.id)) {
      d_.push_back(
          {DiagCode::invalid, b.place, "bid id '" + b.id + "' is missing or not a valid id"});
    }
    if (b.round.empty())
      d_.push_back({DiagCode::missing, where("round"), "the Round field is empty"});
    Bidder& d = b.bidder;
    d.name = text("name");
    d.type = lower(text("type"));
    if (!valid_bidder_type(d.type)) {
      d_.push_back({DiagCode::invalid, where("type"),
                    "bidder type '" + d.type + "' is not sme, vcse, large, public or mutual"});
    }
    d.size = lower(text("size"));
    if (!valid_bidder_size(d.size)) {
      d_.push_back({DiagCode::invalid, where("size"),
                    "bidder size '" + d.size + "' is not micro, small, medium or large"});
    }
    d.turnover = number("turnover");
    d.reserves = number("reserves");
    d.employees = number("employees");
    d.can_provide_bond = yes_no("can provide bond");
    d.can_provide_guarantee = yes_no("can provide guarantee");
  }

  void gates(Bid& b) {
    auto t = sheet("Gates", false);
    if (!t || t->size() == 0 || !t->require({"gate", "answer"}, d_)) return;
    for (std::size_t i = 0; i < t->size(); ++i) {
      GateAnswer a{t->text(i, "gate"), lower(t->text(i, "answer")), t->text(i, "evidence"),
                   t->place(i, "answer")};
      if (!valid_gate_answer(a.answer)) {
        d_.push_back(
            {DiagCode::invalid, a.place, "gate answer '" + a.answer + "' is not pass or fail"});
      }
      b.gates.push_back(std::move(a));
    }
  }

  // The Price sheet, streamed: a bill of quantities may have a million
  // lines, so rows are turned into lines as they are read, never held as a
  // sheet. Rows out of document order (rare: no common writer does it) are
  // read again through the whole-sheet path, which sorts them.
  void price(Bid& b) {
    if (!book_.has_sheet("Price")) return;
    b.lines_place = {path_, 0, "Price", {}};
    Table header = Table::streaming(path_, "Price");
    PriceColumns cols;
    bool in_order = true;
    bool checked = false;
    int last_row = 0;
    const std::size_t problems_before = d_.size();
    xlsx::Row scratch;
    Diagnostics errors = book_.for_each_row(
        "Price",
        [&](const xlsx::Row& row) {
          if (too_many_problems(d_, path_)) return false;
          if (row.number <= last_row) return in_order = false;
          last_row = row.number;
          // Most rows need no trimming; only those that do are copied.
          const xlsx::Row* use = &row;
          if (!Table::is_normalized(row)) {
            scratch = row;
            if (!Table::normalize(scratch)) return true;
            use = &scratch;
          }
          if (!header.has_header()) {
            scratch = *use;
            header.take_header(scratch);
            return true;
          }
          if (!checked) {  // columns are required once there is a line to read
            checked = true;
            if (!header.require({"item", "quantity", "rate"}, d_)) return false;
            cols = PriceColumns(header);
          }
          price_row(header.view(*use), cols, b);
          return true;
        },
        [&](int rows) { b.lines.reserve(static_cast<std::size_t>(rows)); });
    if (!errors.empty() || in_order) {
      d_.insert(d_.end(), errors.begin(), errors.end());
      return;
    }
    d_.resize(problems_before);
    b.lines.clear();
    b.stated_total.reset();
    auto t = sheet("Price", false);
    if (!t || t->size() == 0 || !t->require({"item", "quantity", "rate"}, d_)) return;
    cols = PriceColumns(*t);
    for (std::size_t i = 0; i < t->size() && !too_many_problems(d_, path_); ++i) {
      price_row(t->row(i), cols, b);
    }
  }

  // One row of the Price sheet: a line, or the TOTAL row.
  void price_row(const TableRow& row, const PriceColumns& c, Bid& b) {
    const std::string_view item = row.text_at(c.item);
    if (is_total_label(item)) {
      b.stated_total = cell_number(row, c.total, "TOTAL", true, true, d_);
      b.stated_total_place = row.place_at(c.total);
      return;
    }
    PriceLine l;
    l.item = item;
    l.row = row.number();
    l.col = row.first_col();
    l.quantity = cell_number(row, c.quantity, "quantity", true, true, d_).value_or(0);
    l.rate = cell_number(row, c.rate, "rate", true, true, d_).value_or(0);
    if (const auto y = cell_number(row, c.year, "year", false, true, d_)) {
      // Range first: converting 1e10 to int would be undefined (found by fuzz_xlsx).
      if (*y < 1 || *y > 1000 || *y != std::floor(*y)) {
        d_.push_back(
            {DiagCode::invalid, row.place_at(c.year), "year must be a whole number from 1"});
      } else {
        l.year = static_cast<int>(*y);
      }
    }
    cell_number(row, c.total, "total", false, false, d_);  // checked, not kept (see PriceLine)
    b.lines.push_back(std::move(l));
  }

  void social_value(Bid& b) {
    auto t = sheet("Social value", false);
    if (!t || t->size() == 0 || !t->require({"measure", "quantity"}, d_)) return;
    for (std::size_t i = 0; i < t->size(); ++i) {
      Commitment c;
      c.measure = t->text(i, "measure");
      c.place = t->row_place(i);
      if (!is_valid_id(c.measure)) {
        d_.push_back({DiagCode::invalid, t->place(i, "measure"),
                      "measure '" + c.measure + "' is missing or not a valid id"});
      }
      c.quantity = table_number(*t, i, "quantity", "quantity", true, true, d_).value_or(0);
      c.text = t->text(i, "evidence");
      b.commitments.push_back(std::move(c));
    }
  }

 private:
  xlsx::Workbook& book_;
  const std::string& path_;
  Diagnostics& d_;
};

}  // namespace

Result<Bid> parse_bid_workbook(const SourceFile& file) {
  auto book = xlsx::Workbook::open_view(file.bytes, file.path);
  if (!book) return book.errors();
  Diagnostics d;
  BidSheets sheets(book.value(), file.path, d);
  Bid b;
  sheets.bidder(b);
  sheets.gates(b);
  sheets.price(b);
  sheets.social_value(b);
  if (!d.empty()) return d;
  return b;
}

}  // namespace tender::importers
