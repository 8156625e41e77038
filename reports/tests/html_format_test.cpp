#include "html_format.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace html = tender::reports::html;

TEST_CASE("Fixed decimals round the exact value and never show -0", "[html]") {
  CHECK(html::fixed(84.1585550569431, 2) == "84.16");
  CHECK(html::fixed(2.0, 2) == "2.00");
  CHECK(html::fixed(-0.001, 2) == "0.00");
  CHECK(html::fixed(-0.0, 1) == "0.0");
  CHECK(html::fixed(-1.5, 2) == "-1.50");
  CHECK(html::fixed(std::nan(""), 2) == "\u2013");
  CHECK(html::fixed(std::numeric_limits<double>::infinity(), 2) == "\u2013");
}

TEST_CASE("Signed values carry + only when above zero", "[html]") {
  CHECK(html::signed_fixed(74.99999999999999, 2) == "+75.00");
  CHECK(html::signed_fixed(-7.5, 2) == "-7.50");
  CHECK(html::signed_fixed(0.0001, 2) == "0.00");
}

TEST_CASE("Money has thousands separators and the round's currency", "[html]") {
  CHECK(html::money(1141049.8512, "GBP") == "\u00a31,141,049.85");
  CHECK(html::money(999.5, "EUR") == "\u20ac999.50");
  CHECK(html::money(100, "USD") == "$100.00");
  CHECK(html::money(1234567, "CHF") == "CHF\u00a01,234,567.00");
  CHECK(html::money(-1500, "GBP") == "-\u00a31,500.00");
  CHECK(html::money(0, "") == "0.00");
}

TEST_CASE("Counts have thousands separators", "[html]") {
  CHECK(html::count(10000) == "10,000");
  CHECK(html::count(999) == "999");
  CHECK(html::count(-1234567) == "-1,234,567");
  CHECK(html::count(0) == "0");
}

TEST_CASE("Percentages have one decimal", "[html]") {
  CHECK(html::percent(0.71) == "71.0%");
  CHECK(html::percent(0.46810340024157154) == "46.8%");
  CHECK(html::percent(1) == "100.0%");
}

TEST_CASE("Text is made valid UTF-8 without control characters", "[html]") {
  CHECK(html::clean_text("Wyvern Women\u2019s Aid\tline\n") == "Wyvern Women\u2019s Aid\tline\n");
  CHECK(html::clean_text("bell\x07 esc\x1b") == "bell\ufffd esc\ufffd");
  CHECK(html::clean_text("bad \xff\xfe byte") == "bad \ufffd\ufffd byte");
  CHECK(html::clean_text("c1 \xc2\x85") == "c1 \ufffd");
  CHECK(html::clean_text("<script>") == "<script>");  // escaping is the template's job
}

TEST_CASE("Shortened labels end with an ellipsis and keep whole characters", "[html]") {
  CHECK(html::shorten("Haven Lights", 20) == "Haven Lights");
  CHECK(html::shorten("Haven Lights Partnership", 10) == "Haven Lig\u2026");
  CHECK(html::shorten("\u00e9\u00e9\u00e9\u00e9", 3) == "\u00e9\u00e9\u2026");
  CHECK(html::shorten("abcd", 4) == "abcd");
}
