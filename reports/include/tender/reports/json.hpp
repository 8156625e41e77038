// result.json: the machine-readable record of one evaluation (FORMATS.md).
//
// Field names are a contract with later tools and independent checks. Keys
// are sorted and numbers printed in their shortest round-trip form, so the
// same inputs give a byte-identical file on any machine.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tender/engine/calendar.hpp"
#include "tender/engine/date.hpp"
#include "tender/engine/evaluation.hpp"

namespace tender::reports {

// A file the evaluation read (role, path as given, SHA-256).
struct InputRecord {
  std::string role;
  std::string file;
  std::string sha256;
};

// What result.json records about the run besides the evaluation itself.
struct RunInfo {
  std::string engine_version;
  std::vector<InputRecord> inputs;
  // The day the contract award notice is (to be) published, when given
  // (`--notice-date`): the standstill period of the assessment summaries is
  // counted from it. result.json does not record it.
  std::optional<Date> notice_date;
  // Whose bank holidays are not working days when the standstill period is
  // counted (`--holidays`; RULES §41). result.json does not record it.
  HolidayCalendar holidays = HolidayCalendar::england_wales;
};

// The result document, pretty-printed with a final newline.
std::string result_json(const Evaluation& ev, const RunInfo& run);

// The `tender check` document: barrier flags, working capital, alignment.
std::string check_json(const Evaluation& ev, const RunInfo& run);

}  // namespace tender::reports
