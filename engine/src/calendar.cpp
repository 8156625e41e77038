#include "tender/engine/calendar.hpp"

#include <algorithm>
#include <array>

namespace tender {
namespace {

// Days proclaimed bank holidays once, in every part of the UK (GOV.UK lists;
// RULES §40). Add new proclamations here.
constexpr std::array<Date, 7> kOneOff = {{
    {1999, 12, 31},  // Millennium
    {2002, 6, 3},    // Golden Jubilee (the spring holiday moved to 4 June)
    {2011, 4, 29},   // Royal wedding
    {2012, 6, 5},    // Diamond Jubilee (the spring holiday moved to 4 June)
    {2022, 6, 3},    // Platinum Jubilee (the spring holiday moved to 2 June)
    {2022, 9, 19},   // State funeral of Queen Elizabeth II
    {2023, 5, 8},    // Coronation of King Charles III
}};

bool weekend(const Date& d) {
  const Weekday w = weekday(d);
  return w == Weekday::saturday || w == Weekday::sunday;
}

// The first Monday on or after `d`.
Date monday_on_or_after(Date d) {
  while (weekday(d) != Weekday::monday) d = add_days(d, 1);
  return d;
}

// The last Monday on or before `d`.
Date monday_on_or_before(Date d) {
  while (weekday(d) != Weekday::monday) d = add_days(d, -1);
  return d;
}

// `d`, or the Monday after it when it falls at a weekend.
Date or_next_monday(const Date& d) {
  return weekend(d) ? monday_on_or_after(d) : d;
}

// Two consecutive holidays (Christmas and Boxing Day; 1 and 2 January in
// Scotland): each that falls on a weekday, and for each that falls at a
// weekend a substitute on the next weekday not already taken.
void pair_with_substitutes(const Date& first, std::vector<Date>& out) {
  const Date second = add_days(first, 1);
  int substitutes = 0;
  for (const Date& d : {first, second}) {
    if (weekend(d)) {
      ++substitutes;
    } else {
      out.push_back(d);
    }
  }
  for (Date d = add_days(second, 1); substitutes > 0; d = add_days(d, 1)) {
    if (weekend(d)) continue;
    out.push_back(d);
    --substitutes;
  }
}

Date early_may(int year) {
  if (year == 1995 || year == 2020) return {year, 5, 8};  // VE Day anniversaries
  return monday_on_or_after({year, 5, 1});
}

Date spring(int year) {
  if (year == 2002 || year == 2012) return {year, 6, 4};  // jubilees
  if (year == 2022) return {year, 6, 2};
  return monday_on_or_before({year, 5, 31});
}

// The days every part of the UK shares: Good Friday, the May holidays,
// Christmas and Boxing Day, and the one-off days.
void shared_holidays(int year, std::vector<Date>& out) {
  out.push_back(add_days(easter_sunday(year), -2));
  out.push_back(early_may(year));
  out.push_back(spring(year));
  pair_with_substitutes({year, 12, 25}, out);
  for (const Date& d : kOneOff) {
    if (d.year == year) out.push_back(d);
  }
}

void england_wales(int year, std::vector<Date>& out) {
  out.push_back(or_next_monday({year, 1, 1}));
  out.push_back(add_days(easter_sunday(year), 1));
  out.push_back(monday_on_or_before({year, 8, 31}));
}

// Scotland's own days beyond England and Wales: 2 January, the first Monday
// of August and St Andrew's Day (from 2007).
void scotland(int year, std::vector<Date>& out) {
  pair_with_substitutes({year, 1, 1}, out);
  out.push_back(monday_on_or_after({year, 8, 1}));
  if (year >= 2007) out.push_back(or_next_monday({year, 11, 30}));
}

// Northern Ireland's own days: St Patrick's Day and the Battle of the Boyne.
void northern_ireland(int year, std::vector<Date>& out) {
  out.push_back(or_next_monday({year, 3, 17}));
  out.push_back(or_next_monday({year, 7, 12}));
}

bool date_less(const Date& a, const Date& b) {
  return days_since_epoch(a) < days_since_epoch(b);
}

bool contains(const std::vector<Date>& days, const Date& d) {
  return std::find(days.begin(), days.end(), d) != days.end();
}

}  // namespace

Weekday weekday(const Date& d) {
  // 1970-01-01 was a Thursday (index 3 from Monday).
  const long index = ((days_since_epoch(d) + 3) % 7 + 7) % 7;
  return static_cast<Weekday>(index);
}

Date add_days(const Date& d, long days) {
  // Howard Hinnant's civil_from_days.
  const long z = days_since_epoch(d) + days + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long day = doy - (153 * mp + 2) / 5 + 1;
  const long month = mp < 10 ? mp + 3 : mp - 9;
  const long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

Date easter_sunday(int year) {
  // The anonymous Gregorian algorithm (Meeus, Jones, Butcher).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return {year, month, day};
}

std::vector<Date> bank_holidays(int year, HolidayCalendar calendar) {
  std::vector<Date> out;
  shared_holidays(year, out);
  england_wales(year, out);
  if (calendar == HolidayCalendar::united_kingdom) {
    scotland(year, out);
    northern_ireland(year, out);
  }
  std::sort(out.begin(), out.end(), date_less);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_bank_holiday_england_wales(const Date& d) {
  return contains(bank_holidays(d.year, HolidayCalendar::england_wales), d);
}

bool is_bank_holiday_uk(const Date& d) {
  return contains(bank_holidays(d.year, HolidayCalendar::united_kingdom), d);
}

bool is_working_day(const Date& d, HolidayCalendar calendar) {
  return !weekend(d) && !contains(bank_holidays(d.year, calendar), d);
}

Date standstill_end(const Date& notice, HolidayCalendar calendar) {
  Date d = notice;
  int counted = is_working_day(d, calendar) ? 1 : 0;
  while (counted < kStandstillWorkingDays) {
    d = add_days(d, 1);
    if (is_working_day(d, calendar)) ++counted;
  }
  return d;
}

}  // namespace tender
