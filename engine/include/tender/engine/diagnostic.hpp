// Diagnostics: failures as values, each naming the file and the place in it.
//
// Every importer and the engine's validation collect all the problems of a run
// into a `Diagnostics` list instead of stopping at the first. A diagnostic is
// plain data; formatting it for people is `to_string`.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tender {

// Where in an input a problem lies. `file` is the path as the user gave it.
// Text files use `line` (1-based, 0 when unknown); workbooks use `sheet` and
// `cell` (e.g. "C7"; empty when the problem concerns the whole sheet).
struct Place {
  std::string file;
  int line = 0;
  std::string sheet;
  std::string cell;
};

// The A1-style reference of a workbook cell: cell_ref(3, 7) == "C7".
// REQUIRES: col >= 1.
std::string cell_ref(int col, int row);

// What kind of problem a diagnostic reports. The CLI maps every kind to
// exit status 2 ("the input is wrong"); internal errors never become one.
enum class DiagCode {
  malformed,     // not well-formed, or not the kind of file it claims to be
  refused,       // well-formed but refused on purpose (DOCTYPE, zip bomb, size)
  missing,       // a required element, attribute, column, file or value is absent
  invalid,       // a value has the wrong form or is out of range
  duplicate,     // an id is repeated
  reference,     // a reference names an id that does not exist
  inconsistent,  // values that are each valid disagree (weights, scores needed)
};

// Returns the lower-case name of `code` ("malformed", ...).
const char* to_string(DiagCode code);

// One problem in the input.
struct Diagnostic {
  DiagCode code = DiagCode::invalid;
  Place place;
  std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

// Formats `d` as "file:line: error: message" or "file:Sheet!C7: error: message",
// the shape compilers use, so editors and people can jump to the place.
std::string to_string(const Diagnostic& d);

// A value or the diagnostics explaining why there is none. Used where C++23's
// std::expected would be (our compiler is C++20).
template <typename T>
class Result {
 public:
  using value_type = T;

  Result(T value) : v_(std::move(value)) {}              // NOLINT(google-explicit-constructor)
  Result(Diagnostics errors) : v_(std::move(errors)) {}  // NOLINT(google-explicit-constructor)

  // True when a value is held.
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !ok().
  const Diagnostics& errors() const { return std::get<1>(v_); }

 private:
  std::variant<T, Diagnostics> v_;
};

}  // namespace tender
