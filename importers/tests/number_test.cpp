// parse_number: its fast path for plain decimals must give exactly the double
// std::from_chars gives (the bill of quantities' totals depend on it).
#include <catch2/catch.hpp>

#include <charconv>
#include <cstdint>
#include <string>

#include "xml_util.hpp"

using tender::importers::parse_number;

namespace {

double reference(const std::string& s) {
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

TEST_CASE("numbers: plain decimals parse to the same double as from_chars", "[importers][number]") {
  std::uint64_t state = 12345;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 11;
  };
  for (int i = 0; i < 200000; ++i) {
    const int digits = 1 + static_cast<int>(next() % 15);
    std::string s = (next() % 5 == 0) ? "-" : "";
    std::string body;
    for (int d = 0; d < digits; ++d) body += static_cast<char>('0' + next() % 10);
    const std::size_t point = next() % (body.size() + 1);
    if (point < body.size()) body.insert(point, ".");
    s += body;
    const auto got = parse_number(s);
    REQUIRE(got.has_value());
    REQUIRE(*got == reference(s));
  }
  CHECK(*parse_number("331.36") == 331.36);
  CHECK(*parse_number(" 1. ") == 1.0);
  CHECK(*parse_number(".5") == 0.5);
  CHECK(*parse_number("1234567890123456789") == 1234567890123456789.0);  // 19 digits: slow path
  CHECK(*parse_number("1.5E3") == 1500.0);
  CHECK_FALSE(parse_number("1.2.3").has_value());
  CHECK_FALSE(parse_number("-").has_value());
  CHECK_FALSE(parse_number(".").has_value());
  CHECK_FALSE(parse_number("inf").has_value());
}
