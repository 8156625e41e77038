#include "tender/engine/calendar.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using tender::Date;
using tender::HolidayCalendar;
using tender::parse_iso_date;
using tender::to_iso;

namespace {

std::vector<std::string> iso_list(const std::vector<Date>& days) {
  std::vector<std::string> out;
  out.reserve(days.size());
  for (const Date& d : days) out.push_back(to_iso(d));
  return out;
}

Date day(const char* text) {
  const auto d = parse_iso_date(text);
  REQUIRE(d);
  return *d;
}

std::string standstill(const char* notice, HolidayCalendar c = HolidayCalendar::england_wales) {
  return to_iso(tender::standstill_end(day(notice), c));
}

}  // namespace

TEST_CASE("Weekdays and day arithmetic", "[calendar]") {
  CHECK(tender::weekday({1970, 1, 1}) == tender::Weekday::thursday);
  CHECK(tender::weekday({2000, 1, 1}) == tender::Weekday::saturday);
  CHECK(tender::weekday({2024, 2, 29}) == tender::Weekday::thursday);
  CHECK(tender::weekday({2026, 12, 25}) == tender::Weekday::friday);
  CHECK(tender::weekday({1969, 12, 31}) == tender::Weekday::wednesday);
  CHECK(to_iso(tender::add_days({2024, 2, 28}, 1)) == "2024-02-29");
  CHECK(to_iso(tender::add_days({2023, 2, 28}, 1)) == "2023-03-01");
  CHECK(to_iso(tender::add_days({2026, 12, 31}, 1)) == "2027-01-01");
  CHECK(to_iso(tender::add_days({2027, 1, 1}, -1)) == "2026-12-31");
  CHECK(to_iso(tender::add_days({1970, 1, 1}, -1)) == "1969-12-31");
  CHECK(to_iso(tender::add_days({2000, 3, 1}, -1)) == "2000-02-29");
}

TEST_CASE("Easter Sunday by the Gregorian computus", "[calendar]") {
  // Known dates, including the earliest (22 March) and latest (25 April) possible.
  CHECK(to_iso(tender::easter_sunday(2024)) == "2024-03-31");
  CHECK(to_iso(tender::easter_sunday(2025)) == "2025-04-20");
  CHECK(to_iso(tender::easter_sunday(2026)) == "2026-04-05");
  CHECK(to_iso(tender::easter_sunday(2000)) == "2000-04-23");
  CHECK(to_iso(tender::easter_sunday(2008)) == "2008-03-23");
  CHECK(to_iso(tender::easter_sunday(2038)) == "2038-04-25");
  CHECK(to_iso(tender::easter_sunday(2285)) == "2285-03-22");
}

// England and Wales, as published at https://www.gov.uk/bank-holidays
// (the bank-holidays.json feed, "england-and-wales" division).
TEST_CASE("England and Wales bank holidays as GOV.UK publishes them", "[calendar]") {
  const auto ew = [](int year) {
    return iso_list(tender::bank_holidays(year, HolidayCalendar::england_wales));
  };
  CHECK(ew(2024) == std::vector<std::string>{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
                                             "2024-05-27", "2024-08-26", "2024-12-25",
                                             "2024-12-26"});
  CHECK(ew(2025) == std::vector<std::string>{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
                                             "2025-05-26", "2025-08-25", "2025-12-25",
                                             "2025-12-26"});
  CHECK(ew(2026) == std::vector<std::string>{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                             "2026-05-25", "2026-08-31", "2026-12-25",
                                             "2026-12-28"});
  CHECK(ew(2027) == std::vector<std::string>{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
                                             "2027-05-31", "2027-08-30", "2027-12-27",
                                             "2027-12-28"});
  // Substitute days: Christmas on a Saturday (2021), on a Sunday (2022);
  // New Year's Day on a Saturday (2022), on a Sunday (2023).
  CHECK(ew(2021) == std::vector<std::string>{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
                                             "2021-05-31", "2021-08-30", "2021-12-27",
                                             "2021-12-28"});
  CHECK(ew(2022) == std::vector<std::string>{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
                                             "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
                                             "2022-12-26", "2022-12-27"});
  CHECK(ew(2023) == std::vector<std::string>{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
                                             "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
                                             "2023-12-26"});
  // 2020: the early May holiday moved to Friday 8 May (VE Day).
  CHECK(ew(2020) == std::vector<std::string>{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
                                             "2020-05-25", "2020-08-31", "2020-12-25",
                                             "2020-12-28"});
  CHECK_FALSE(tender::is_bank_holiday_england_wales({2020, 5, 4}));
}

TEST_CASE("Moved and one-off holidays before the published lists", "[calendar]") {
  using tender::is_bank_holiday_england_wales;
  CHECK(is_bank_holiday_england_wales({1995, 5, 8}));  // VE Day, 50th anniversary
  CHECK_FALSE(is_bank_holiday_england_wales({1995, 5, 1}));
  CHECK(is_bank_holiday_england_wales({1999, 12, 31}));  // Millennium
  CHECK(is_bank_holiday_england_wales({2000, 1, 3}));    // New Year's Day was a Saturday
  CHECK(is_bank_holiday_england_wales({2002, 6, 3}));    // Golden Jubilee
  CHECK(is_bank_holiday_england_wales({2002, 6, 4}));
  CHECK_FALSE(is_bank_holiday_england_wales({2002, 5, 27}));
  CHECK(is_bank_holiday_england_wales({2011, 4, 29}));  // Royal wedding
  CHECK(is_bank_holiday_england_wales({2012, 6, 4}));   // Diamond Jubilee
  CHECK(is_bank_holiday_england_wales({2012, 6, 5}));
  CHECK_FALSE(is_bank_holiday_england_wales({2012, 5, 28}));
  CHECK_FALSE(is_bank_holiday_england_wales({2022, 5, 30}));
}

// Scotland and Northern Ireland, from the same GOV.UK feed ("scotland" and
// "northern-ireland" divisions): the UK calendar is their union with England
// and Wales.
TEST_CASE("Bank holidays in any part of the UK", "[calendar]") {
  const auto uk = [](int year) {
    return iso_list(tender::bank_holidays(year, HolidayCalendar::united_kingdom));
  };
  CHECK(uk(2024) == std::vector<std::string>{"2024-01-01", "2024-01-02", "2024-03-18", "2024-03-29",
                                             "2024-04-01", "2024-05-06", "2024-05-27", "2024-07-12",
                                             "2024-08-05", "2024-08-26", "2024-12-02", "2024-12-25",
                                             "2024-12-26"});
  CHECK(uk(2025) == std::vector<std::string>{"2025-01-01", "2025-01-02", "2025-03-17", "2025-04-18",
                                             "2025-04-21", "2025-05-05", "2025-05-26", "2025-07-14",
                                             "2025-08-04", "2025-08-25", "2025-12-01", "2025-12-25",
                                             "2025-12-26"});
  CHECK(uk(2026) == std::vector<std::string>{"2026-01-01", "2026-01-02", "2026-03-17", "2026-04-03",
                                             "2026-04-06", "2026-05-04", "2026-05-25", "2026-07-13",
                                             "2026-08-03", "2026-08-31", "2026-11-30", "2026-12-25",
                                             "2026-12-28"});
  CHECK(uk(2027) == std::vector<std::string>{"2027-01-01", "2027-01-04", "2027-03-17", "2027-03-26",
                                             "2027-03-29", "2027-05-03", "2027-05-31", "2027-07-12",
                                             "2027-08-02", "2027-08-30", "2027-11-30", "2027-12-27",
                                             "2027-12-28"});
  CHECK(tender::is_bank_holiday_uk(
      {2023, 1, 3}));  // Scotland: 2 January was a Monday holiday already
  CHECK_FALSE(tender::is_bank_holiday_england_wales({2023, 1, 3}));
}

TEST_CASE("Working days", "[calendar]") {
  CHECK(tender::is_working_day({2026, 3, 17}));
  CHECK_FALSE(tender::is_working_day({2026, 3, 17}, HolidayCalendar::united_kingdom));
  CHECK_FALSE(tender::is_working_day({2026, 3, 14}));  // Saturday
  CHECK_FALSE(tender::is_working_day({2026, 12, 28}));
  CHECK(tender::is_working_day({2026, 12, 29}));
}

// s.51(2): eight working days beginning with the day of publication.
TEST_CASE("The standstill period ends on the eighth working day", "[calendar]") {
  // An ordinary fortnight: Mon 2 Mar 2026 is day 1; days 6-8 are Mon 9 to Wed 11.
  CHECK(standstill("2026-03-02") == "2026-03-11");
  // Published on a Saturday: the count starts on Monday 8 June.
  CHECK(standstill("2026-06-06") == "2026-06-17");
  // Over Easter 2026 (Good Friday 3, Easter Monday 6 April): Wed 1, Thu 2, then 7-10, 13, 14.
  CHECK(standstill("2026-04-01") == "2026-04-14");
  // Over Christmas 2025: Thu 18, Fri 19, Mon 22 - Wed 24, Mon 29 - Wed 31.
  CHECK(standstill("2025-12-18") == "2025-12-31");
  // Christmas and New Year 2026/27 (Boxing Day substitute Mon 28 Dec, New Year Fri 1 Jan):
  // Mon 21 - Thu 24 Dec, Tue 29 - Thu 31 Dec, Mon 4 Jan.
  CHECK(standstill("2026-12-21") == "2027-01-04");
  // Counting bank holidays in any part of the UK, Mon 4 Jan 2027 (Scotland's
  // 2 January) is not a working day either.
  CHECK(standstill("2026-12-21", HolidayCalendar::united_kingdom) == "2027-01-05");
  // St Patrick's Day (Northern Ireland) lengthens the UK count by a day.
  CHECK(standstill("2026-03-16") == "2026-03-25");
  CHECK(standstill("2026-03-16", HolidayCalendar::united_kingdom) == "2026-03-26");
  // Published on a bank holiday (Easter Monday 2026): day 1 is Tuesday 7 April.
  CHECK(standstill("2026-04-06") == "2026-04-16");
}
