// RFC 4180 CSV parsing: UTF-8 (a leading BOM is skipped), CRLF or LF line
// ends, quoted fields with "" escapes and embedded line breaks.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tender/engine/diagnostic.hpp"

namespace tender::importers::csv {

// One record. `line` is the 1-based physical line on which it starts.
struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

// Parses `text`; `label` names the file in diagnostics. Blank lines are
// skipped. Errors (all reported, DiagCode::malformed, each with its line): an
// unterminated quoted field, a quote inside an unquoted field, text after a
// closing quote, bytes that are not valid UTF-8, a NUL byte.
Result<std::vector<Record>> parse(std::string_view text, const std::string& label);

// As parse(), handing each record to `on_record` as it is read instead of
// keeping them all (the record is only valid during the call). Returns the
// problems, at most kMaxProblemsPerFile and a note (parse.hpp); records are
// handed over even when there are problems.
Diagnostics for_each_record(std::string_view text, const std::string& label,
                            const std::function<void(const Record&)>& on_record);

}  // namespace tender::importers::csv
