// Tests for the RFC 4180 CSV parser.
#include "tender/importers/csv.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using tender::DiagCode;
using tender::importers::csv::parse;
using tender::importers::csv::Record;

namespace {

using Fields = std::vector<std::string>;

std::vector<Record> parse_ok(std::string_view text) {
  auto result = parse(text, "scores.csv");
  if (!result.ok()) FAIL(result.errors()[0].message);
  return result.value();
}

// The lines of the diagnostics of a text that must fail.
std::vector<int> error_lines(std::string_view text) {
  auto result = parse(text, "scores.csv");
  REQUIRE_FALSE(result.ok());
  std::vector<int> lines;
  for (const auto& d : result.errors()) {
    CHECK(d.code == DiagCode::malformed);
    CHECK(d.place.file == "scores.csv");
    lines.push_back(d.place.line);
  }
  return lines;
}

}  // namespace

TEST_CASE("csv: records split into fields at commas, each with its line", "[importers][csv]") {
  const auto records = parse_ok("bid,criterion,score\nB1,Q1,7\nB2,Q1,\n");
  REQUIRE(records.size() == 3);
  CHECK(records[0].line == 1);
  CHECK(records[0].fields == Fields{"bid", "criterion", "score"});
  CHECK(records[1].line == 2);
  CHECK(records[1].fields == Fields{"B1", "Q1", "7"});
  CHECK(records[2].fields == Fields{"B2", "Q1", ""});
}

TEST_CASE("csv: the last record needs no line end", "[importers][csv]") {
  const auto records = parse_ok("a,b\nc,d");
  REQUIRE(records.size() == 2);
  CHECK(records[1].fields == Fields{"c", "d"});
}

TEST_CASE("csv: empty text has no records", "[importers][csv]") {
  CHECK(parse_ok("").empty());
  CHECK(parse_ok("\xEF\xBB\xBF").empty());
  CHECK(parse_ok("\n\r\n\n").empty());
}

TEST_CASE("csv: quoted fields hold commas and doubled quotes", "[importers][csv]") {
  const auto records = parse_ok("\"Smith, J\",\"say \"\"hi\"\"\",\"\",\"\"\"\"\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == Fields{"Smith, J", "say \"hi\"", "", "\""});
}

TEST_CASE("csv: a quoted field may span lines and its record keeps the start line",
          "[importers][csv]") {
  const auto records = parse_ok("id,note\nB1,\"first\nsecond\nthird\"\nB2,x\n");
  REQUIRE(records.size() == 3);
  CHECK(records[1].line == 2);
  CHECK(records[1].fields == Fields{"B1", "first\nsecond\nthird"});
  CHECK(records[2].line == 5);
  CHECK(records[2].fields == Fields{"B2", "x"});
}

TEST_CASE("csv: CRLF line ends are not part of the fields", "[importers][csv]") {
  const auto records = parse_ok("a,b\r\n\"c\",d\r\n\r\ne,\"f\r\ng\"\r\nh,i");
  REQUIRE(records.size() == 4);
  CHECK(records[0].fields == Fields{"a", "b"});
  CHECK(records[1].fields == Fields{"c", "d"});
  CHECK(records[2].line == 4);
  CHECK(records[2].fields == Fields{"e", "f\r\ng"});
  CHECK(records[3].line == 6);
  CHECK(records[3].fields == Fields{"h", "i"});
}

TEST_CASE("csv: a leading byte order mark is skipped", "[importers][csv]") {
  const auto records = parse_ok("\xEF\xBB\xBF\"id\",name\nB1,Acme\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].fields == Fields{"id", "name"});
}

TEST_CASE("csv: blank lines are skipped but still counted", "[importers][csv]") {
  const auto records = parse_ok("\na\n\n\nb\r\n\r\nc\n\n");
  REQUIRE(records.size() == 3);
  CHECK(records[0].line == 2);
  CHECK(records[1].line == 5);
  CHECK(records[2].line == 7);
}

TEST_CASE("csv: spaces are part of fields and a line of commas is not blank", "[importers][csv]") {
  const auto records = parse_ok(" a , b\n,\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].fields == Fields{" a ", " b"});
  CHECK(records[1].fields == Fields{"", ""});
}

TEST_CASE("csv: multi-byte UTF-8 is accepted", "[importers][csv]") {
  const auto records = parse_ok(
      "caf\xC3\xA9,\xE2\x82\xAC"
      "5,\xF0\x9F\x98\x80\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == Fields{"caf\xC3\xA9",
                                    "\xE2\x82\xAC"
                                    "5",
                                    "\xF0\x9F\x98\x80"});
}

TEST_CASE("csv: an unterminated quoted field is an error on the line it opens",
          "[importers][csv]") {
  CHECK(error_lines("a,b\nc,\"open\nmore\nstill") == std::vector<int>{2});
}

TEST_CASE("csv: a quote inside an unquoted field is an error", "[importers][csv]") {
  CHECK(error_lines("a,b\nsay \"hi\",c\n") == std::vector<int>{2});
}

TEST_CASE("csv: text after a closing quote is an error", "[importers][csv]") {
  CHECK(error_lines("\"a\"b,c\n") == std::vector<int>{1});
  CHECK(error_lines("x\n\"a\" ,c\n") == std::vector<int>{2});
}

TEST_CASE("csv: several errors are all reported with their lines", "[importers][csv]") {
  const std::string text =
      "id,score\n"
      "B1,\"7\"x\n"           // 2: text after quote
      "B2,\"multi\nline\"\n"  // 3-4: fine
      "B3,4\"\n"              // 5: quote in unquoted field
      "B4,\xFF\n"             // 6: invalid UTF-8
      "B5,\"never closed\n";  // 7: unterminated
  CHECK(error_lines(text) == std::vector<int>{2, 5, 6, 7});
}

TEST_CASE("csv: bytes that are not valid UTF-8 are errors", "[importers][csv]") {
  CHECK(error_lines("ok\n\xC3(\n") == std::vector<int>{2});             // bad continuation
  CHECK(error_lines("\xC0\xAF\n") == std::vector<int>{1});              // overlong
  CHECK(error_lines("a\nb\n\xED\xA0\x80\n") == std::vector<int>{3});    // surrogate
  CHECK(error_lines("\xF4\x90\x80\x80") == std::vector<int>{1});        // past U+10FFFF
  CHECK(error_lines("x,\xE2\x82") == std::vector<int>{1});              // cut short at the end
  CHECK(error_lines("\xFF\xFE,\xFF\n\xFF") == std::vector<int>{1, 2});  // once per line
}

TEST_CASE("csv: a NUL byte is an error", "[importers][csv]") {
  CHECK(error_lines(std::string_view("a,b\nc,\0d\n", 9)) == std::vector<int>{2});
}

TEST_CASE("csv: error messages describe the problem", "[importers][csv]") {
  auto result = parse("\"a\"b\n", "f.csv");
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.errors()[0].message, Catch::Contains("closing quote"));
  auto utf8 = parse("\xFF", "f.csv");
  REQUIRE_FALSE(utf8.ok());
  CHECK_THAT(utf8.errors()[0].message, Catch::Contains("UTF-8"));
  auto column = parse("ab\ncd,\xFF", "f.csv");
  REQUIRE_FALSE(column.ok());
  CHECK(column.errors()[0].place.line == 2);
  CHECK_THAT(column.errors()[0].message, Catch::Contains("byte 4 of the line"));
}
