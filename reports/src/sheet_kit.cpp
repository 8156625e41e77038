// Building blocks of the fill-in workbooks (see sheet_kit.hpp).
#include "sheet_kit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <new>
#include <utility>

#include "cell_text.hpp"
#include "tender/reports/xlsx.hpp"

namespace tender::reports::kit {
namespace {

constexpr std::size_t kMaxPrompt = 255;  // Excel's limit for a validation message
constexpr double kLineHeight = 15.0;

lxw_format* make(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

lxw_format* make_input(lxw_workbook* wb) {
  lxw_format* f = make(wb);
  format_set_unlocked(f);
  format_set_bg_color(f, 0xFFF2CC);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_border_color(f, 0xBFBFBF);
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.title = make(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.section = make(wb);
  format_set_bold(f.section);
  format_set_font_size(f.section, 12);
  f.label = make(wb);
  format_set_bold(f.label);
  f.body = make(wb);
  format_set_text_wrap(f.body);
  f.header = make(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDE4EE);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.fixed = make(wb);
  format_set_bg_color(f.fixed, 0xEDEDED);
  f.fixed_bold = make(wb);
  format_set_bg_color(f.fixed_bold, 0xEDEDED);
  format_set_bold(f.fixed_bold);
  f.input = make_input(wb);
  f.input_money = make_input(wb);
  format_set_num_format(f.input_money, "#,##0.00");
  f.input_wrap = make_input(wb);
  format_set_text_wrap(f.input_wrap);
  f.open = make(wb);
  format_set_unlocked(f.open);
  f.open_money = make(wb);
  format_set_unlocked(f.open_money);
  format_set_num_format(f.open_money, "#,##0.00");
  f.hint = make(wb);
  format_set_italic(f.hint);
  format_set_font_color(f.hint, 0x595959);
  format_set_text_wrap(f.hint);
  return f;
}

// Lines `text` takes in a column `width` characters wide, wrapped.
std::size_t wrapped_lines(double width, const std::string& text) {
  const auto per_line = static_cast<std::size_t>(std::max(width * 1.1, 4.0));
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::size_t chars = 0;  // code points, roughly what is seen
    for (std::size_t k = start; k < end; ++k) {
      if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++chars;
    }
    lines += std::max<std::size_t>(1, (chars + per_line - 1) / per_line);
    start = end + 1;
  }
  return lines;
}

// At most kMaxPrompt bytes, cut at a character boundary.
std::string prompt_text(const std::string& s) {
  if (s.size() <= kMaxPrompt) return s;
  std::size_t n = kMaxPrompt;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace

void Page::text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* format) {
  const std::string safe = cell_text(s);
  if (safe.empty()) {
    blank(row, col, format);
    return;
  }
  note(worksheet_write_string(ws_, row, col, safe.c_str(), format));
}

void Page::blank(lxw_row_t row, lxw_col_t col, lxw_format* format) {
  if (format != nullptr) note(worksheet_write_blank(ws_, row, col, format));
}

void Page::header(lxw_row_t row, const std::vector<std::string>& names) {
  lxw_col_t col = 0;
  for (const auto& n : names) text(row, col++, n, f_.header);
}

void Page::column(lxw_col_t col, double width, lxw_format* format) {
  if (widths_.size() <= col) widths_.resize(col + 1, LXW_DEF_COL_WIDTH);
  widths_[col] = width;
  note(worksheet_set_column(ws_, col, col, width, format));
}

void Page::wrapped(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* format) {
  text(row, col, s, format);
  const double width = col < widths_.size() ? widths_[col] : LXW_DEF_COL_WIDTH;
  const std::size_t lines = std::min<std::size_t>(wrapped_lines(width, cell_text(s)), 40);
  if (lines > 1) {
    note(worksheet_set_row(ws_, row, kLineHeight * static_cast<double>(lines), nullptr));
  }
}

void Page::freeze(lxw_row_t first_data_row) {
  worksheet_freeze_panes(ws_, first_data_row, 0);
}

void Page::validate(lxw_row_t first, lxw_row_t last, lxw_col_t col, lxw_data_validation& v,
                    const std::string& prompt, const std::string& error) {
  std::string in = prompt_text(prompt);
  std::string out = prompt_text(error);
  std::string title = "Not accepted";
  v.input_message = in.data();
  v.error_title = title.data();
  v.error_message = out.data();
  note(worksheet_data_validation_range(ws_, first, col, last, col, &v));
}

void Page::list(lxw_row_t first, lxw_row_t last, lxw_col_t col,
                const std::vector<std::string>& items, const std::string& prompt) {
  std::vector<std::string> owned = items;
  std::vector<char*> ptrs;
  std::string joined;
  for (auto& s : owned) {
    ptrs.push_back(s.data());
    joined += (joined.empty() ? "" : ", ") + s;
  }
  ptrs.push_back(nullptr);
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LIST;
  v.value_list = ptrs.data();
  validate(first, last, col, v, prompt, "Choose one of: " + joined + ".");
}

void Page::list_from(lxw_row_t first, lxw_row_t last, lxw_col_t col, const std::string& range,
                     const std::string& prompt) {
  std::string formula = range;
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
  v.value_formula = formula.data();
  validate(first, last, col, v, prompt, "Choose a value from the list. " + prompt);
}

void Page::decimal(lxw_row_t first, lxw_row_t last, lxw_col_t col, double min,
                   std::optional<double> max, const std::string& prompt) {
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_DECIMAL;
  if (max) {
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_number = min;
    v.maximum_number = *max;
  } else {
    v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    v.value_number = min;
  }
  const std::string range = max ? "from " + plain_number(min) + " to " + plain_number(*max)
                                : plain_number(min) + " or more";
  validate(first, last, col, v, prompt, "Write a number " + range + ", digits only.");
}

void Page::length(lxw_row_t first, lxw_row_t last, lxw_col_t col, int max,
                  const std::string& prompt) {
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LENGTH;
  v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  v.minimum_number = 1;
  v.maximum_number = max;
  validate(first, last, col, v, prompt, prompt);
}

void Page::protect(bool rows) {
  lxw_protection opt{};
  opt.format_columns = 1;  // in libxlsxwriter, 1 allows the action on a protected sheet
  opt.format_rows = 1;
  if (rows) {
    opt.insert_rows = 1;
    opt.delete_rows = 1;
  }
  worksheet_protect(ws_, nullptr, &opt);
}

Book::Book(const std::string& path, const std::string& title)
    : path_(path), title_(cell_text(title)), wb_(workbook_new(path.c_str())) {
  if (wb_ == nullptr) return;
  lxw_doc_properties props{};
  props.title = title_.data();
  props.created = kWorkbookCreated;
  err_ = workbook_set_properties(wb_, &props);
  f_ = make_formats(wb_);
}

Book::~Book() {
  if (wb_ != nullptr) lxw_workbook_free(wb_);
}

Page Book::add(const char* name) {
  lxw_worksheet* ws = wb_ == nullptr ? nullptr : workbook_add_worksheet(wb_, name);
  if (ws == nullptr) throw std::bad_alloc();  // only out of memory makes it fail
  worksheet_set_paper(ws, 9);                 // A4, one page wide
  worksheet_fit_to_pages(ws, 1, 0);
  return Page(ws, f_, err_);
}

std::optional<std::string> Book::close() {
  if (wb_ == nullptr) return "cannot create " + path_;
  const lxw_error closed = workbook_close(wb_);  // writes and frees
  wb_ = nullptr;
  if (err_ == LXW_NO_ERROR) err_ = closed;
  if (err_ != LXW_NO_ERROR) return "cannot write " + path_ + ": " + lxw_strerror(err_);
  return std::nullopt;
}

Instructions::Instructions(Page page) : page_(std::move(page)) {
  page_.column(0, 24);
  page_.column(1, 96);
}

void Instructions::title(const std::string& s) {
  page_.text(row_++, 0, s, page_.fmt().title);
  ++row_;
}

void Instructions::section(const std::string& s) {
  if (row_ > 0) ++row_;
  page_.text(row_++, 0, s, page_.fmt().section);
}

void Instructions::item(const std::string& label, const std::string& text) {
  page_.text(row_, 0, label, page_.fmt().label);
  page_.wrapped(row_++, 1, text, page_.fmt().body);
}

void Instructions::table(const std::string& a, const std::string& b) {
  page_.text(row_, 0, a, page_.fmt().header);
  page_.text(row_++, 1, b, page_.fmt().header);
}

void Instructions::row(const std::string& id, const std::string& text) {
  page_.text(row_, 0, id, page_.fmt().fixed);
  page_.wrapped(row_++, 1, text, page_.fmt().body);
}

std::string instructions_range(lxw_row_t first, lxw_row_t last) {
  return "=Instructions!$A$" + std::to_string(first) + ":$A$" + std::to_string(last);
}

std::string plain_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace tender::reports::kit
