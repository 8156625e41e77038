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

class Table {
 public:
  static Table from_csv(const std::vector<csv::Record>& records, const std::string& file);
  static Table from_sheet(const xlsx::Sheet& sheet, const std::string& file);

  // True when a header cell reads `column` (compared in lower case, trimmed).
  bool has(const std::string& column) const { return columns_.count(column) > 0; }

  // Adds a "missing" diagnostic for each of `required` not in the header.
  // Returns false when any is missing.
  bool require(const std::vector<std::string>& required, Diagnostics& diags) const;

  // Number of data rows (after the header; empty rows dropped).
  std::size_t size() const { return rows_.size(); }

  // Trimmed text of `column` in data row `row` ("" when absent).
  std::string text(std::size_t row, const std::string& column) const;

  // Where `column` of data row `row` is (line, or sheet and cell).
  Place place(std::size_t row, const std::string& column) const;

  // Where data row `row` starts.
  Place row_place(std::size_t row) const;

  // Where the header is.
  Place header_place() const { return header_; }

 private:
  struct Row {
    int number = 0;  // line, or sheet row number
    std::map<int, std::string> cells;  // by column index (0-based csv, 1-based sheet)
  };
  std::string file_;
  std::string sheet_;  // empty for CSV
  Place header_;
  std::map<std::string, int> columns_;
  std::vector<Row> rows_;
};

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
