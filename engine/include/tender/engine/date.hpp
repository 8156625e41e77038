// Calendar dates (proleptic Gregorian), as procurement deadlines use them.
// No clock and no time zone: a date is a day, given by the caller.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tender {

// A calendar date (proleptic Gregorian).
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const Date&, const Date&) = default;
};

// Days from 1970-01-01 to `d` (negative before). Pure arithmetic.
long days_since_epoch(const Date& d);

// Parses exactly "YYYY-MM-DD" (four-digit year 1900-2199, a day that exists
// in that month). Returns nullopt for anything else, including surrounding
// spaces or a time part.
std::optional<Date> parse_iso_date(std::string_view text);

// The date as "YYYY-MM-DD". Requires a date parse_iso_date would accept.
std::string to_iso(const Date& d);

}  // namespace tender
