// Reading SpreadsheetML workbooks (.xlsx) as written by Excel, LibreOffice,
// openpyxl, XlsxWriter and hand-rolled writers.
//
// What is handled: shared strings and inline strings (rich text runs joined),
// numbers (their stored text is returned as is, e.g. "1.5E3"), numbers stored
// as text, booleans, formulas (the cached value is used; `t="str"` too), cells
// and rows without `r` references (position follows document order), empty
// rows anywhere. Error cells (`t="e"`) return their text ("#DIV/0!") so the
// caller can report them as not a number. Sheets are found through
// xl/workbook.xml and its relationships, never by guessing part names.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tender/engine/diagnostic.hpp"
#include "tender/importers/zip_archive.hpp"

namespace tender::importers::xlsx {

// One non-empty cell. `col` is 1-based (A = 1).
struct Cell {
  int col = 0;
  std::string text;
};

// One row holding at least one non-empty cell. `number` is 1-based.
struct Row {
  int number = 0;
  std::vector<Cell> cells;  // in column order, no two with the same col
};

struct Sheet {
  std::string name;
  std::vector<Row> rows;  // in row order, no two with the same number
};

// The A1-style reference of a cell: cell_ref(3, 7) == "C7" (the engine's).
using ::tender::cell_ref;

// The shared string table, held as one block of text: a million strings
// cost their bytes plus one offset each, not a std::string each.
class SharedStrings {
 public:
  void add(std::string_view text);
  // Makes room for the strings of a table whose XML is `xml_bytes` long.
  void reserve(std::size_t xml_bytes);
  std::size_t size() const { return ends_.size(); }
  // REQUIRES: index < size().
  std::string_view at(std::size_t index) const;

 private:
  std::string blob_;
  std::vector<std::size_t> ends_;  // where each string ends in blob_
};

class Workbook {
 public:
  // Opens a workbook from its bytes; `label` names the file in diagnostics.
  // Fails when the bytes are not a zip (malformed, message says "not an xlsx
  // workbook (not a zip archive)"), when xl/workbook.xml is missing or not
  // well-formed, or when a limit is hit (refused).
  static Result<Workbook> open(std::string bytes, std::string label, ZipLimits limits = {});

  // As open(), reading the caller's bytes in place instead of copying them.
  // REQUIRES: `bytes` outlives the workbook.
  static Result<Workbook> open_view(std::string_view bytes, std::string label,
                                    ZipLimits limits = {});

  // Sheet names in workbook order.
  const std::vector<std::string>& sheet_names() const;

  // True when a sheet's name equals `name`, ignoring ASCII case and
  // surrounding spaces.
  bool has_sheet(std::string_view name) const;

  // Reads the sheet named `name` (matched as in has_sheet) whole, rows in
  // row order. Fails with DiagCode::missing when there is none, malformed
  // when its XML is broken (a DOCTYPE is refused), a row is given twice or a
  // cell is wrong, or refused when a limit is hit.
  Result<Sheet> sheet(std::string_view name);

  // Streams the sheet named `name`: calls `on_row` with each row holding a
  // non-empty cell, in document order (which, unlike sheet(), is not checked
  // to be row order), as soon as it has been read; memory stays bounded
  // whatever the sheet's size. `on_row` returns false to stop reading. The
  // row is only valid during the call. `on_dimension`, when given, hears
  // the number of rows the sheet's <dimension> claims, before any row (a
  // hint for reserving memory; it may be absent or wrong). Returns the
  // problems sheet() would report, but for rows given twice or out of order.
  Diagnostics for_each_row(std::string_view name, const std::function<bool(const Row&)>& on_row,
                           const std::function<void(int rows)>& on_dimension = {});

  const std::string& label() const;

 private:
  Workbook(ZipArchive zip, std::vector<std::string> names, std::vector<std::string> parts,
           SharedStrings shared_strings);
  static Result<Workbook> from_zip(Result<ZipArchive> zip, const std::string& label);
  std::optional<std::size_t> find_sheet(std::string_view name) const;
  // Streams the sheet at `index` in names_ (REQUIRES: index < names_.size()).
  Diagnostics stream_sheet(std::size_t index, const std::function<bool(const Row&)>& on_row,
                           const std::function<void(int rows)>& on_dimension);
  ZipArchive zip_;
  std::vector<std::string> names_;
  std::vector<std::string> parts_;  // zip member of each sheet, same order
  SharedStrings shared_strings_;    // xl/sharedStrings.xml, resolved
};

}  // namespace tender::importers::xlsx
