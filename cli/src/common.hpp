// What the commands share: the version, the exit statuses, the run record.
#pragma once

#include <string>

#include "tender/engine/calendar.hpp"
#include "tender/engine/date.hpp"
#include "tender/importers/load.hpp"
#include "tender/reports/json.hpp"

namespace tender::cli {

inline constexpr const char* kVersion = "0.1.0";

// Exit statuses (docs/README.md §3).
inline constexpr int kOk = 0;
inline constexpr int kInternal = 1;  // the machine failed us (disk, permissions, busy)
inline constexpr int kBadInput = 2;  // the input is wrong; nothing was written
inline constexpr int kFlagged = 3;   // ran, and found something to look at

// The run record of result.json: engine version and the files `loaded` read;
// `notice_date` ("" or YYYY-MM-DD) and `holidays` for the standstill.
inline reports::RunInfo run_info(const importers::Loaded& loaded,
                                 const std::string& notice_date = {},
                                 HolidayCalendar holidays = HolidayCalendar::england_wales) {
  reports::RunInfo run{kVersion, {}, {}, holidays};
  for (const auto& f : loaded.files) run.inputs.push_back({f.role, f.path, f.sha256});
  if (!notice_date.empty()) run.notice_date = parse_iso_date(notice_date);
  return run;
}

}  // namespace tender::cli
