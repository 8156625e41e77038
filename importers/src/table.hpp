// Table: rows of named columns from a CSV file or a workbook sheet, so the
// same code reads scores, moderation, decisions and bid sheets whichever
// form they came in. Columns are found by header text (case and surrounding
// spaces ignored); the header is the first non-empty row.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tender/engine/diagnostic.hpp"
#include "tender/importers/csv.hpp"
#include "tender/importers/xlsx.hpp"

namespace tender::importers {

class Table;

// One data row of a Table, or a row streamed past one (Table::view): the
// table supplies the header, the row its cells.
class TableRow {
 public:
  TableRow(const Table& table, const xlsx::Row& row) : table_(&table), row_(&row) {}

  // Trimmed text of the cell in column index `col` ("" when absent).
  std::string_view text_at(int col) const;
  // Trimmed text of `column` ("" when absent or not in the header).
  std::string text(const std::string& column) const;
  // Where `column` of this row is (line, or sheet and cell).
  Place place(const std::string& column) const;
  Place place_at(int col) const;
  // Where the row starts: its line, or its first non-empty cell.
  Place row_place() const;
  int number() const { return row_->number; }
  int first_col() const { return row_->cells.empty() ? 1 : row_->cells.front().col; }

 private:
  const Table* table_;
  const xlsx::Row* row_;
};

class Table {
 public:
  // Parses CSV `text` straight into a table, record by record, keeping only
  // non-empty cells (a file of commas costs nothing).
  static Result<Table> read_csv(std::string_view text, const std::string& file);
  static Table from_sheet(const xlsx::Sheet& sheet, const std::string& file);

  // A table with no rows yet, for reading a sheet streamed row by row: feed
  // rows to take_header() until has_header() (the first non-empty row is
  // the header), then look at the others through view().
  static Table streaming(const std::string& file, const std::string& sheet);
  // Normalizes `row` and makes it the header when it is not empty.
  // REQUIRES: !has_header().
  void take_header(xlsx::Row& row);
  bool has_header() const { return has_header_; }

  // Trims every cell of `row` and drops the empty ones; false when none is
  // left (an empty row, skipped by every table).
  static bool normalize(xlsx::Row& row);
  // True when normalize() would leave `row` as it is.
  static bool is_normalized(const xlsx::Row& row);

  // True when a header cell reads `column` (compared in lower case, trimmed).
  bool has(const std::string& column) const { return columns_.count(column) > 0; }

  // The column index of `column`, or -1 when it is not in the header.
  int column(const std::string& column) const;

  // Adds a "missing" diagnostic for each of `required` not in the header.
  // Returns false when any is missing.
  bool require(const std::vector<std::string>& required, Diagnostics& diags) const;

  // Number of data rows (after the header; empty rows dropped).
  std::size_t size() const { return rows_.size(); }

  TableRow row(std::size_t i) const { return TableRow(*this, rows_[i]); }
  // A normalized row read outside the table (streaming), seen through its header.
  TableRow view(const xlsx::Row& row) const { return TableRow(*this, row); }

  // Trimmed text of `column` in data row `row` ("" when absent).
  std::string text(std::size_t row, const std::string& column) const {
    return this->row(row).text(column);
  }

  // Where `column` of data row `row` is (line, or sheet and cell).
  Place place(std::size_t row, const std::string& column) const {
    return this->row(row).place(column);
  }

  // Where data row `row` starts.
  Place row_place(std::size_t row) const { return this->row(row).row_place(); }

  // Where the header is.
  Place header_place() const { return header_; }

  const std::string& file() const { return file_; }
  const std::string& sheet() const { return sheet_; }

 private:
  void set_header(const xlsx::Row& row);
  void add_csv_record(const csv::Record& rec);

  std::string file_;
  std::string sheet_;  // empty for CSV
  Place header_;
  bool has_header_ = false;
  std::map<std::string, int> columns_;
  std::vector<xlsx::Row> rows_;  // cells trimmed, non-empty, by column (0-based for CSV)
};

// Parses a finite number from the cell of `row` in column index `col`,
// adding a diagnostic naming `what` at the cell when it is not one (or is
// negative and `non_negative`). An empty cell gives nullopt with no
// diagnostic unless `required`.
std::optional<double> cell_number(const TableRow& row, int col, std::string_view what,
                                  bool required, bool non_negative, Diagnostics& diags);

// Parses a whole finite number from a table cell, adding a diagnostic naming
// `what` at the cell when it is not one (or is negative and `non_negative`).
// Empty cells give nullopt with no diagnostic unless `required`.
std::optional<double> table_number(const Table& t, std::size_t row, const std::string& column,
                                   const std::string& what, bool required, bool non_negative,
                                   Diagnostics& diags);

// True when `bytes` start like a zip archive (an xlsx workbook).
bool is_zip(const std::string& bytes);

// True when the file is a zip or is named *.xlsx (then a non-zip gets the
// workbook reader's clear "not a zip archive" error, not an XML one).
bool looks_like_workbook(const std::string& bytes, const std::string& path);

// Opens `file` as a table: a workbook (zip content) reads sheet `sheet`, any
// other file is CSV.
Result<Table> open_table(const std::string& bytes, const std::string& path,
                         const std::string& sheet);

}  // namespace tender::importers
