// Table, and the scores, moderation and decisions files built on it.
#include "table.hpp"

#include <algorithm>

#include "tender/importers/parse.hpp"
#include "xml_util.hpp"

namespace tender::importers {

bool Table::normalize(xlsx::Row& row) {
  std::size_t kept = 0;
  for (xlsx::Cell& cell : row.cells) {
    const std::string_view v = trim(cell.text);
    if (v.empty()) continue;
    if (v.size() != cell.text.size()) cell.text = std::string(v);
    if (&row.cells[kept] != &cell) row.cells[kept] = std::move(cell);
    ++kept;
  }
  row.cells.resize(kept);
  return kept > 0;
}

bool Table::is_normalized(const xlsx::Row& row) {
  return !row.cells.empty() &&
         std::all_of(row.cells.begin(), row.cells.end(), [](const xlsx::Cell& c) {
           return !c.text.empty() && trim(c.text).size() == c.text.size();
         });
}

void Table::set_header(const xlsx::Row& row) {
  has_header_ = true;
  header_ = sheet_.empty()
                ? Place{file_, row.number, {}, {}}
                : Place{file_, 0, sheet_, xlsx::cell_ref(row.cells.front().col, row.number)};
  for (const xlsx::Cell& cell : row.cells) columns_.emplace(lower(cell.text), cell.col);
}

Table Table::streaming(const std::string& file, const std::string& sheet) {
  Table t;
  t.file_ = file;
  t.sheet_ = sheet;
  t.header_ = {file, 0, sheet, {}};
  return t;
}

void Table::take_header(xlsx::Row& row) {
  if (normalize(row)) set_header(row);
}

void Table::add_csv_record(const csv::Record& rec) {
  xlsx::Row row{rec.line, {}};
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    if (trim(rec.fields[i]).empty()) continue;  // only non-empty cells are kept
    row.cells.push_back({static_cast<int>(i), rec.fields[i]});
  }
  if (!normalize(row)) return;
  if (!has_header_) {
    set_header(row);
  } else {
    rows_.push_back(std::move(row));
  }
}

Result<Table> Table::read_csv(std::string_view text, const std::string& file) {
  Table t = streaming(file, {});
  t.header_ = {file, 0, {}, {}};
  Diagnostics errors =
      csv::for_each_record(text, file, [&](const csv::Record& rec) { t.add_csv_record(rec); });
  if (!errors.empty()) return errors;
  return t;
}

Table Table::from_sheet(const xlsx::Sheet& sheet, const std::string& file) {
  Table t = streaming(file, sheet.name);
  for (xlsx::Row row : sheet.rows) {
    if (!normalize(row)) continue;
    if (!t.has_header_) {
      t.set_header(row);
    } else {
      t.rows_.push_back(std::move(row));
    }
  }
  return t;
}

int Table::column(const std::string& column) const {
  const auto it = columns_.find(column);
  return it == columns_.end() ? -1 : it->second;
}

bool Table::require(const std::vector<std::string>& required, Diagnostics& diags) const {
  bool ok = true;
  for (const auto& c : required) {
    if (has(c)) continue;
    diags.push_back({DiagCode::missing, header_,
                     "no column '" + c + "' in the header" +
                         (sheet_.empty() ? std::string() : " of sheet " + sheet_)});
    ok = false;
  }
  return ok;
}

std::string_view TableRow::text_at(int col) const {
  if (col < 0) return {};
  const auto& cells = row_->cells;
  const auto it = std::lower_bound(cells.begin(), cells.end(), col,
                                   [](const xlsx::Cell& c, int wanted) { return c.col < wanted; });
  return it != cells.end() && it->col == col ? std::string_view(it->text) : std::string_view{};
}

std::string TableRow::text(const std::string& column) const {
  return std::string(text_at(table_->column(column)));
}

Place TableRow::place_at(int col) const {
  if (table_->sheet().empty()) return {table_->file(), row_->number, {}, {}};
  return {table_->file(), 0, table_->sheet(), xlsx::cell_ref(col < 0 ? 1 : col, row_->number)};
}

Place TableRow::place(const std::string& column) const {
  return place_at(table_->column(column));
}

Place TableRow::row_place() const {
  return place_at(first_col());
}

std::optional<double> cell_number(const TableRow& row, int col, std::string_view what,
                                  bool required, bool non_negative, Diagnostics& diags) {
  const std::string_view s = row.text_at(col);
  // Messages are built only on failure: this runs for every priced line.
  const auto fail = [&](DiagCode code, const std::string& tail) {
    diags.push_back({code, row.place_at(col), std::string(what) + tail});
    return std::nullopt;
  };
  if (s.empty()) return required ? fail(DiagCode::missing, " is empty") : std::nullopt;
  const auto v = parse_number(s);
  if (!v) return fail(DiagCode::invalid, " '" + std::string(s) + "' is not a finite number");
  if (non_negative && *v < 0) return fail(DiagCode::invalid, " " + std::string(s) + " is negative");
  return v;
}

std::optional<double> table_number(const Table& t, std::size_t row, const std::string& column,
                                   const std::string& what, bool required, bool non_negative,
                                   Diagnostics& diags) {
  return cell_number(t.row(row), t.column(column), what, required, non_negative, diags);
}

bool is_zip(const std::string& bytes) {
  return bytes.size() >= 4 && bytes.compare(0, 4, "PK\x03\x04") == 0;
}

bool looks_like_workbook(const std::string& bytes, const std::string& path) {
  const std::string p = lower(path);
  return is_zip(bytes) || (p.size() >= 5 && p.compare(p.size() - 5, 5, ".xlsx") == 0);
}

Result<Table> open_table(const std::string& bytes, const std::string& path,
                         const std::string& sheet) {
  if (looks_like_workbook(bytes, path)) {
    auto book = xlsx::Workbook::open_view(bytes, path);
    if (!book) return book.errors();
    auto s = book->sheet(sheet);
    if (!s) return s.errors();
    return Table::from_sheet(s.value(), path);
  }
  return Table::read_csv(bytes, path);
}

namespace {

// Reads the id in `column`, adding a diagnostic when it is empty or malformed.
std::string table_id(const Table& t, std::size_t row, const std::string& column, Diagnostics& d) {
  std::string v = t.text(row, column);
  if (v.empty()) {
    d.push_back({DiagCode::missing, t.place(row, column), "'" + column + "' is empty"});
  } else if (!is_valid_id(v)) {
    d.push_back({DiagCode::invalid, t.place(row, column), "'" + v + "' is not a valid id"});
  }
  return v;
}

// A row of a score sheet left empty by its evaluator: bid and criterion are
// there (the sheet prints them) but evaluator, score and comment are not.
// Anything less (a bid alone) is still a broken row.
bool unscored(const Table& t, std::size_t row) {
  return !t.text(row, "bid").empty() && !t.text(row, "criterion").empty() &&
         t.text(row, "evaluator").empty() && t.text(row, "score").empty() &&
         t.text(row, "comment").empty();
}

}  // namespace

Result<std::vector<Score>> parse_scores(const SourceFile& file) {
  auto table = open_table(file.bytes, file.path, "scores");
  if (!table) return table.errors();
  const Table& t = table.value();
  Diagnostics d;
  if (!t.require({"bid", "criterion", "evaluator", "score"}, d)) return d;
  std::vector<Score> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (too_many_problems(d, file.path)) break;
    if (unscored(t, i)) continue;  // RULES §51
    Score s;
    s.bid = table_id(t, i, "bid", d);
    s.criterion = table_id(t, i, "criterion", d);
    s.evaluator = t.text(i, "evaluator");
    if (s.evaluator.empty())
      d.push_back({DiagCode::missing, t.place(i, "evaluator"), "'evaluator' is empty"});
    s.score = table_number(t, i, "score", "score", true, true, d).value_or(0);
    s.comment = t.text(i, "comment");
    s.place = t.place(i, "score");
    out.push_back(std::move(s));
  }
  if (!d.empty()) return d;
  return out;
}

Result<std::vector<ModerationEntry>> parse_moderation(const SourceFile& file) {
  auto table = open_table(file.bytes, file.path, "moderation");
  if (!table) return table.errors();
  const Table& t = table.value();
  Diagnostics d;
  if (!t.require({"bid", "criterion", "score"}, d)) return d;
  std::vector<ModerationEntry> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (too_many_problems(d, file.path)) break;
    ModerationEntry m;
    m.bid = table_id(t, i, "bid", d);
    m.criterion = table_id(t, i, "criterion", d);
    m.score = table_number(t, i, "score", "score", true, true, d).value_or(0);
    m.rationale = t.text(i, "rationale");
    m.place = t.place(i, "score");
    out.push_back(std::move(m));
  }
  if (!d.empty()) return d;
  return out;
}

Result<std::vector<Decision>> parse_decisions(const SourceFile& file) {
  auto table = open_table(file.bytes, file.path, "decisions");
  if (!table) return table.errors();
  const Table& t = table.value();
  Diagnostics d;
  if (!t.require({"bid", "subject", "decision"}, d)) return d;
  std::vector<Decision> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (too_many_problems(d, file.path)) break;
    Decision x;
    x.bid = table_id(t, i, "bid", d);
    x.subject = table_id(t, i, "subject", d);
    x.decision = lower(t.text(i, "decision"));
    x.rationale = t.text(i, "rationale");
    x.place = t.place(i, "decision");
    out.push_back(std::move(x));
  }
  if (!d.empty()) return d;
  return out;
}

}  // namespace tender::importers
