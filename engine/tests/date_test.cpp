#include "tender/engine/date.hpp"

#include <catch2/catch.hpp>

using tender::parse_iso_date;
using tender::to_iso;

TEST_CASE("ISO dates parse and print back", "[date]") {
  for (const char* text : {"2026-11-23", "2024-02-29", "1900-01-01", "2199-12-31"}) {
    const auto d = parse_iso_date(text);
    REQUIRE(d);
    CHECK(to_iso(*d) == text);
  }
  const auto d = parse_iso_date("2026-03-05");
  REQUIRE(d);
  CHECK(*d == tender::Date{2026, 3, 5});
  CHECK(tender::days_since_epoch(*d) - tender::days_since_epoch({2026, 2, 26}) == 7);
  CHECK(tender::days_since_epoch({1970, 1, 1}) == 0);
}

TEST_CASE("Anything but a real YYYY-MM-DD is refused", "[date]") {
  for (const char* text :
       {"", "2026-11-2", "2026-1-23", "2026/11/23", " 2026-11-23", "2026-11-23T00:00", "2025-02-29",
        "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "1899-12-31", "2200-01-01",
        "20a6-01-01", "+026-01-01"}) {
    INFO(text);
    CHECK_FALSE(parse_iso_date(text));
  }
}
