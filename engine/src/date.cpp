#include "tender/engine/date.hpp"

#include <array>
#include <chrono>

namespace tender {
namespace {

// The number written by `digits` (all ASCII digits), or -1.
int read_digits(std::string_view digits) {
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

long days_since_epoch(const Date& d) {
  // Howard Hinnant's days_from_civil.
  const long y = d.year - (d.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (d.month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + d.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const Date date{read_digits(text.substr(0, 4)), read_digits(text.substr(5, 2)),
                  read_digits(text.substr(8, 2))};
  if (date.year < 1900 || date.year > 2199 || date.month < 1 || date.day < 1) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{date.year},
                                        std::chrono::month{static_cast<unsigned>(date.month)},
                                        std::chrono::day{static_cast<unsigned>(date.day)}};
  if (!ymd.ok()) return std::nullopt;
  return date;
}

std::string to_iso(const Date& d) {
  std::array<char, 10> out{};
  const auto put = [&out](std::size_t at, int value, std::size_t width) {
    for (std::size_t i = width; i > 0; --i) {
      out[at + i - 1] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, d.year, 4);
  out[4] = '-';
  put(5, d.month, 2);
  out[7] = '-';
  put(8, d.day, 2);
  return std::string(out.data(), out.size());
}

}  // namespace tender
