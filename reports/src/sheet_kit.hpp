// Building blocks of the workbooks people fill in (the bid template and the
// evaluators' score sheet): formats that show what to fill, data validation,
// sheet protection, and an Instructions sheet. Written with libxlsxwriter.
#pragma once

#include <xlsxwriter.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tender::reports::kit {

// The last row of a sheet (0-based): validation and unlocked columns reach it,
// so rows added below a table are checked and editable too.
inline constexpr lxw_row_t kLastRow = LXW_ROW_MAX - 1;

struct Formats {
  lxw_format* title = nullptr;    // the Instructions sheet's title
  lxw_format* section = nullptr;  // a heading on the Instructions sheet
  lxw_format* label = nullptr;    // bold, locked
  lxw_format* body = nullptr;     // wrapped text, locked
  lxw_format* header = nullptr;   // a table's header row: locked
  lxw_format* fixed = nullptr;    // a value the file fixes (ids): grey, locked
  lxw_format* fixed_bold = nullptr;
  lxw_format* input = nullptr;  // a cell to fill: yellow, unlocked
  lxw_format* input_money = nullptr;
  lxw_format* input_wrap = nullptr;
  lxw_format* open = nullptr;  // a column's default below a table: unlocked
  lxw_format* open_money = nullptr;
  lxw_format* hint = nullptr;  // guidance beside a table (no header): grey italic, locked
};

// One worksheet. Every write goes through here; the first libxlsxwriter error
// is kept by the Book.
class Page {
 public:
  Page(lxw_worksheet* ws, const Formats& f, lxw_error& err) : ws_(ws), f_(f), err_(err) {}

  lxw_worksheet* ws() const { return ws_; }
  const Formats& fmt() const { return f_; }

  // Text that may have come from a file: a plain string cell (never a
  // formula), made safe by cell_text. Empty text writes nothing unless a
  // format is given (then a formatted blank cell).
  void text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* format);
  void blank(lxw_row_t row, lxw_col_t col, lxw_format* format);
  // A header row from column A on `row`.
  void header(lxw_row_t row, const std::vector<std::string>& names);
  // Column width and the format of its cells that hold nothing else.
  void column(lxw_col_t col, double width, lxw_format* format = nullptr);
  // Wrapped text at (row, col): sets the row tall enough for it, given the
  // column's width (an estimate; spreadsheets do not fit rows on opening).
  void wrapped(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* format);
  // Freezes the rows above `first_data_row`.
  void freeze(lxw_row_t first_data_row);

  // Data validation on rows first..last of `col`, each with a prompt shown
  // when the cell is selected and an error message when a value breaks it.
  // A list of fixed words (at most 255 characters joined with commas).
  void list(lxw_row_t first, lxw_row_t last, lxw_col_t col, const std::vector<std::string>& items,
            const std::string& prompt);
  // A list taken from cells of the workbook, e.g. "=Instructions!$A$5:$A$9".
  void list_from(lxw_row_t first, lxw_row_t last, lxw_col_t col, const std::string& range,
                 const std::string& prompt);
  // A number >= min, and <= max when given.
  void decimal(lxw_row_t first, lxw_row_t last, lxw_col_t col, double min,
               std::optional<double> max, const std::string& prompt);
  // Text of 1..max characters.
  void length(lxw_row_t first, lxw_row_t last, lxw_col_t col, int max, const std::string& prompt);

  // Protects the sheet without a password (against accidents, not people):
  // locked cells cannot be changed; columns and rows can still be resized,
  // and rows inserted and deleted when `rows` is true.
  void protect(bool rows);

  void note(lxw_error e) {
    if (e != LXW_NO_ERROR && err_ == LXW_NO_ERROR) err_ = e;
  }

 private:
  void validate(lxw_row_t first, lxw_row_t last, lxw_col_t col, lxw_data_validation& v,
                const std::string& prompt, const std::string& error);

  lxw_worksheet* ws_;
  const Formats& f_;
  lxw_error& err_;
  std::vector<double> widths_;
};

// A workbook being written, with a fixed creation time (kWorkbookCreated) so
// the same inputs give the same bytes.
class Book {
 public:
  Book(const std::string& path, const std::string& title);
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;
  ~Book();

  // False when the file could not be created (close() then says so).
  bool ok() const { return wb_ != nullptr; }
  // Adds a sheet named `name` (a fixed name of ours, never input text).
  // Throws std::bad_alloc when it cannot (libxlsxwriter fails only then).
  Page add(const char* name);
  // Writes the file. Returns nullopt, or a message naming `path`.
  std::optional<std::string> close();

 private:
  std::string path_;
  std::string title_;
  lxw_workbook* wb_ = nullptr;
  Formats f_;
  lxw_error err_ = LXW_NO_ERROR;
};

// The Instructions sheet: a title, then label/text rows and headed tables in
// two columns (A narrow, B wide), top to bottom.
class Instructions {
 public:
  explicit Instructions(Page page);

  void title(const std::string& s);
  void section(const std::string& s);
  // A bold label in A and wrapped text in B.
  void item(const std::string& label, const std::string& text);
  // A table header in A and B.
  void table(const std::string& a, const std::string& b);
  // A table row: `id` in A (a fixed value), wrapped text in B.
  void row(const std::string& id, const std::string& text);
  // The 1-based row the next row will take (for list ranges).
  lxw_row_t next_row() const { return row_ + 1; }

 private:
  Page page_;
  lxw_row_t row_ = 0;
};

// "=Instructions!$A$<first>:$A$<last>" for 1-based rows.
std::string instructions_range(lxw_row_t first, lxw_row_t last);

// A number as people write it: no exponent, no trailing zeros ("5", "2.5").
std::string plain_number(double v);

}  // namespace tender::reports::kit
