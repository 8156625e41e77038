// Weekdays, UK bank holidays, working days and the standstill period of the
// Procurement Act 2023 s.51. Pure arithmetic on `Date`: no clock, no files.
//
// Bank holidays follow the Banking and Financial Dealings Act 1971 and the
// days moved or added by royal proclamation, as GOV.UK lists them
// (www.gov.uk/bank-holidays). The rules are complete from 1995; one-off days
// are known up to the last list checked (kBankHolidaysCheckedTo): a one-off
// proclaimed later (a coronation, a jubilee, a state funeral) must be added
// to the table in calendar.cpp (RULES §40).
#pragma once

#include <vector>

#include "tender/engine/date.hpp"

namespace tender {

// The last year whose published GOV.UK bank holiday lists were checked
// against these rules (every division).
inline constexpr int kBankHolidaysCheckedTo = 2027;

// Working days of the mandatory standstill period (Procurement Act 2023 s.51(2)).
inline constexpr int kStandstillWorkingDays = 8;

enum class Weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday };

// Which bank holidays make a day a non-working day.
enum class HolidayCalendar {
  england_wales,   // England and Wales (the default, RULES §41)
  united_kingdom,  // a bank holiday in any part of the UK: E&W, Scotland or Northern Ireland
};

// The day of the week of `d`.
Weekday weekday(const Date& d);

// `d` moved by `days` (negative: earlier). Pure arithmetic.
Date add_days(const Date& d, long days);

// Easter Sunday of `year` (Gregorian computus).
Date easter_sunday(int year);

// Every bank holiday of `year` in `calendar`, in date order, each once.
// Christmas Day and Good Friday (common-law holidays in England and Wales)
// are included, as GOV.UK lists them.
std::vector<Date> bank_holidays(int year, HolidayCalendar calendar);

// True when `d` is a bank holiday in England and Wales.
bool is_bank_holiday_england_wales(const Date& d);

// True when `d` is a bank holiday in England and Wales, Scotland or Northern Ireland.
bool is_bank_holiday_uk(const Date& d);

// True when `d` is neither a Saturday, a Sunday nor a bank holiday of `calendar`.
bool is_working_day(const Date& d, HolidayCalendar calendar = HolidayCalendar::england_wales);

// The last day of the mandatory standstill period for a contract award
// notice published on `notice`: the eighth working day of the period
// "beginning with the day on which the notice is published" (s.51(2)), so
// `notice` itself counts when it is a working day. The period ends at the end
// of that day; the contract may be entered into from the next day.
Date standstill_end(const Date& notice, HolidayCalendar calendar = HolidayCalendar::england_wales);

}  // namespace tender
