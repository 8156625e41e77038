// RFC 4180 CSV parsing, hand-written: one pass checks the bytes (UTF-8, NUL),
// a second splits records and fields. Both report every problem they find.
#include "tender/importers/csv.hpp"

#include "tender/importers/parse.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <new>
#include <utility>

namespace tender::importers::csv {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Line ends are "\r\n", "\n" or a lone "\r". Returns the length of the line
// end starting at `pos` in `text` (0 when there is none).
std::size_t line_end_length(std::string_view text, std::size_t pos) {
  if (text[pos] == '\n') return 1;
  if (text[pos] != '\r') return 0;
  return pos + 1 < text.size() && text[pos + 1] == '\n' ? 2 : 1;
}

// Returns the length of the valid UTF-8 sequence at `pos`, or 0 when the
// bytes there are not one (overlong forms, surrogates and values past
// U+10FFFF included).
std::size_t utf8_length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (pos + len > text.size() || byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t i = 2; i < len; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return len;
}

Diagnostic error(const std::string& label, int line, std::string message) {
  Diagnostic d;
  d.code = DiagCode::malformed;
  d.place.file = label;
  d.place.line = line;
  d.message = std::move(message);
  return d;
}

// Reports, once per line each, invalid UTF-8 and NUL bytes.
void check_bytes(std::string_view text, const std::string& label, Diagnostics& errors) {
  int line = 1;
  std::size_t line_start = 0;
  bool bad_utf8 = false;
  bool nul = false;
  std::size_t pos = 0;
  const auto where = [&] {
    return " (byte " + std::to_string(pos - line_start + 1) + " of the line)";
  };
  while (pos < text.size()) {
    if (const std::size_t eol = line_end_length(text, pos); eol != 0) {
      pos += eol;
      line_start = pos;
      ++line;
      bad_utf8 = nul = false;
      if (too_many_problems(errors, label)) return;
      continue;
    }
    if (text[pos] == '\0' && !nul) {
      nul = true;
      errors.push_back(error(label, line, "NUL byte in the text" + where()));
    }
    const std::size_t len = utf8_length(text, pos);
    if (len == 0 && !bad_utf8) {
      bad_utf8 = true;
      errors.push_back(error(label, line, "bytes that are not valid UTF-8" + where()));
    }
    pos += std::max<std::size_t>(len, 1);
  }
}

// Splits the text into records. Problems are reported and parsing resumes at
// the next field, so one file yields all its errors.
class Splitter {
 public:
  Splitter(std::string_view text, const std::string& label, Diagnostics& errors)
      : text_(text), label_(label), errors_(errors) {}

  // Hands each record to `on_record`, reusing one Record (only its content
  // is valid during the call).
  void run(const std::function<void(const Record&)>& on_record) {
    Record rec;
    while (pos_ < text_.size()) {
      if (too_many_problems(errors_, label_)) return;
      if (const std::size_t eol = line_end_length(text_, pos_); eol != 0) {
        pos_ += eol;  // a blank line
        ++line_;
        continue;
      }
      record(rec);
      on_record(rec);
    }
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  bool at_field_end() const {
    return at_end() || text_[pos_] == ',' || line_end_length(text_, pos_) != 0;
  }

  // Reads one record, up to and including its line end.
  void record(Record& rec) {
    rec.line = line_;
    rec.fields.clear();
    for (;;) {
      rec.fields.push_back(field());
      if (at_end()) break;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      pos_ += line_end_length(text_, pos_);
      ++line_;
      break;
    }
  }

  std::string field() { return !at_end() && text_[pos_] == '"' ? quoted() : unquoted(); }

  std::string unquoted() {
    const std::size_t start = pos_;
    bool reported = false;
    while (!at_field_end()) {
      if (text_[pos_] == '"' && !reported) {
        reported = true;
        errors_.push_back(error(label_, line_, "a quote inside an unquoted field"));
      }
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string quoted() {
    const int open_line = line_;
    std::string out;
    ++pos_;  // the opening quote
    for (;;) {
      const std::size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos) {
        errors_.push_back(error(label_, open_line, "a quoted field is never closed"));
        pos_ = text_.size();
        return out;
      }
      append_counting_lines(out, quote);
      pos_ = quote + 1;
      if (!at_end() && text_[pos_] == '"') {
        out += '"';
        ++pos_;
        continue;
      }
      if (!at_field_end()) skip_text_after_quote();
      return out;
    }
  }

  // Appends text_[pos_, end) to `out`, counting the line ends in it.
  void append_counting_lines(std::string& out, std::size_t end) {
    const std::string_view chunk = text_.substr(pos_, end - pos_);
    out.append(chunk);
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      if (const std::size_t eol = line_end_length(chunk, i); eol != 0) {
        ++line_;
        i += eol - 1;
      }
    }
  }

  void skip_text_after_quote() {
    errors_.push_back(error(label_, line_, "text after the closing quote of a field"));
    while (!at_field_end()) ++pos_;
  }

  std::string_view text_;
  const std::string& label_;
  Diagnostics& errors_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

Diagnostics for_each_record(std::string_view text, const std::string& label,
                            const std::function<void(const Record&)>& on_record) {
  try {
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
    Diagnostics errors;
    check_bytes(text, label, errors);
    Splitter(text, label, errors).run(on_record);
    // By line; the "too many problems" note (line 0) last.
    std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
      const auto key = [](const Diagnostic& d) {
        return d.place.line == 0 ? std::numeric_limits<int>::max() : d.place.line;
      };
      return key(a) < key(b);
    });
    return errors;
  } catch (const std::bad_alloc&) {
    return Diagnostics{error(label, 0, "not enough memory to read the file")};
  }
}

Result<std::vector<Record>> parse(std::string_view text, const std::string& label) {
  std::vector<Record> records;
  Diagnostics errors = for_each_record(text, label, [&](const Record& r) { records.push_back(r); });
  if (!errors.empty()) return errors;
  return records;
}

}  // namespace tender::importers::csv
