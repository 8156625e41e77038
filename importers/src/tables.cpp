// Table, and the scores, moderation and decisions files built on it.
#include "table.hpp"

#include "tender/importers/parse.hpp"
#include "xml_util.hpp"

namespace tender::importers {

Table Table::from_csv(const std::vector<csv::Record>& records, const std::string& file) {
  Table t;
  t.file_ = file;
  bool header = true;
  for (const auto& rec : records) {
    Row row{rec.line, {}};
    for (std::size_t i = 0; i < rec.fields.size(); ++i) {
      const auto v = trim(rec.fields[i]);
      if (!v.empty()) row.cells[static_cast<int>(i)] = std::string(v);
    }
    if (row.cells.empty()) continue;
    if (header) {
      t.header_ = {file, rec.line, {}, {}};
      for (const auto& [col, text] : row.cells) t.columns_.emplace(lower(text), col);
      header = false;
    } else {
      t.rows_.push_back(std::move(row));
    }
  }
  return t;
}

Table Table::from_sheet(const xlsx::Sheet& sheet, const std::string& file) {
  Table t;
  t.file_ = file;
  t.sheet_ = sheet.name;
  bool header = true;
  for (const auto& r : sheet.rows) {
    Row row{r.number, {}};
    for (const auto& c : r.cells) {
      const auto v = trim(c.text);
      if (!v.empty()) row.cells[c.col] = std::string(v);
    }
    if (row.cells.empty()) continue;
    if (header) {
      t.header_ = {file, 0, sheet.name, xlsx::cell_ref(row.cells.begin()->first, r.number)};
      for (const auto& [col, text] : row.cells) t.columns_.emplace(lower(text), col);
      header = false;
    } else {
      t.rows_.push_back(std::move(row));
    }
  }
  if (header) t.header_ = {file, 0, sheet.name, {}};
  return t;
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

std::string Table::text(std::size_t row, const std::string& column) const {
  const auto col = columns_.find(column);
  if (col == columns_.end()) return {};
  const auto& cells = rows_[row].cells;
  const auto it = cells.find(col->second);
  return it == cells.end() ? std::string() : it->second;
}

Place Table::place(std::size_t row, const std::string& column) const {
  if (sheet_.empty()) return {file_, rows_[row].number, {}, {}};
  const auto col = columns_.find(column);
  const int c = col == columns_.end() ? 1 : col->second;
  return {file_, 0, sheet_, xlsx::cell_ref(c, rows_[row].number)};
}

Place Table::row_place(std::size_t row) const {
  if (sheet_.empty()) return {file_, rows_[row].number, {}, {}};
  const int first = rows_[row].cells.empty() ? 1 : rows_[row].cells.begin()->first;
  return {file_, 0, sheet_, xlsx::cell_ref(first, rows_[row].number)};
}

std::optional<double> table_number(const Table& t, std::size_t row, const std::string& column,
                                   const std::string& what, bool required, bool non_negative,
                                   Diagnostics& diags) {
  const std::string s = t.text(row, column);
  if (s.empty()) {
    if (required) diags.push_back({DiagCode::missing, t.place(row, column), what + " is empty"});
    return std::nullopt;
  }
  const auto v = parse_number(s);
  if (!v) {
    diags.push_back({DiagCode::invalid, t.place(row, column),
                     what + " '" + s + "' is not a finite number"});
    return std::nullopt;
  }
  if (non_negative && *v < 0) {
    diags.push_back({DiagCode::invalid, t.place(row, column), what + " " + s + " is negative"});
    return std::nullopt;
  }
  return v;
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
    auto book = xlsx::Workbook::open(bytes, path);
    if (!book) return book.errors();
    auto s = book->sheet(sheet);
    if (!s) return s.errors();
    return Table::from_sheet(s.value(), path);
  }
  auto records = csv::parse(bytes, path);
  if (!records) return records.errors();
  return Table::from_csv(records.value(), path);
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

}  // namespace

Result<std::vector<Score>> parse_scores(const SourceFile& file) {
  auto table = open_table(file.bytes, file.path, "scores");
  if (!table) return table.errors();
  const Table& t = table.value();
  Diagnostics d;
  if (!t.require({"bid", "criterion", "evaluator", "score"}, d)) return d;
  std::vector<Score> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    Score s;
    s.bid = table_id(t, i, "bid", d);
    s.criterion = table_id(t, i, "criterion", d);
    s.evaluator = t.text(i, "evaluator");
    if (s.evaluator.empty()) d.push_back({DiagCode::missing, t.place(i, "evaluator"), "'evaluator' is empty"});
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
