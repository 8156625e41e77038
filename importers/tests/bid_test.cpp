#include <catch2/catch.hpp>
#include <filesystem>

#include "tender/importers/csv.hpp"
#include "tender/importers/load.hpp"
#include "tender/importers/parse.hpp"
#include "workbook_builder.hpp"

using namespace tender;
using namespace tender::importers;
using namespace tender::importers::testing;

namespace {

SourceFile file(const char* name, std::string text) {
  return {name, std::move(text), {}};
}

const char* kBid = R"(<?xml version="1.0"?>
<bid xmlns="urn:tender-engine:bid:1" round="R-1" id="B1">
  <bidder name="Harbour" type="vcse" size="small" turnover="620000" reserves="95000"
          can-provide-bond="false" can-provide-guarantee="yes"/>
  <gate id="G1" answer="pass"/>
  <price total="1318000">
    <line item="Core" unit="year" quantity="1" rate="410000" year="1"/>
    <line item="Core" unit="year" quantity="1" rate="435000" year="2"/>
  </price>
  <commitment measure="LOCAL-FTE" quantity="12">Six local recruits a year</commitment>
</bid>)";

}  // namespace

TEST_CASE("bid: a bid.xml is read whole", "[importers][bid]") {
  const auto b = parse_bid(file("B1.xml", kBid));
  REQUIRE(b.ok());
  CHECK(b->id == "B1");
  CHECK(b->round == "R-1");
  CHECK(b->bidder.type == "vcse");
  CHECK(*b->bidder.turnover == 620000);
  CHECK_FALSE(b->bidder.can_provide_bond);
  CHECK(b->bidder.can_provide_guarantee);
  CHECK(*b->stated_total == 1318000);
  REQUIRE(b->lines.size() == 2);
  CHECK(b->lines[1].year == 2);
  CHECK(b->line_place(b->lines[1]).line == 8);
  CHECK(b->line_place(b->lines[1]).file == "B1.xml");
  CHECK(b->commitments.at(0).quantity == 12);
}

TEST_CASE("bid: negative and non-finite numbers are refused with their lines", "[importers][bid]") {
  std::string text = kBid;
  text.replace(text.find("quantity=\"1\" rate=\"410000\""), 26, "quantity=\"-1\" rate=\"NaN\"");
  const auto b = parse_bid(file("B1.xml", text));
  REQUIRE_FALSE(b.ok());
  REQUIRE(b.errors().size() == 2);
  CHECK(b.errors()[0].place.line == 7);
  CHECK(b.errors()[1].place.line == 7);
}

TEST_CASE("bid: a .xlsx that is not a zip gets a workbook error", "[importers][bid]") {
  const auto b = parse_bid(file("B2.xlsx", "just some text"));
  REQUIRE_FALSE(b.ok());
  CHECK(b.errors().front().message.find("not a zip") != std::string::npos);
}

TEST_CASE("scores: a CSV without a score column is refused at its header", "[importers][tables]") {
  const auto s = parse_scores(file("scores.csv", "bid,criterion,evaluator,points\nB1,Q1,ana,3\n"));
  REQUIRE_FALSE(s.ok());
  CHECK(to_string(s.errors().front()) == "scores.csv:1: error: no column 'score' in the header");
}

TEST_CASE("scores: columns are found by header text in any order", "[importers][tables]") {
  const auto s = parse_scores(
      file("scores.csv",
           "\xEF\xBB\xBF Score ,Evaluator,Bid,CRITERION,comment\n3,ana,B1,Q1,\"good, clear\"\n"));
  REQUIRE(s.ok());
  REQUIRE(s->size() == 1);
  CHECK(s->at(0).score == 3);
  CHECK(s->at(0).bid == "B1");
  CHECK(s->at(0).comment == "good, clear");
  CHECK(s->at(0).place.line == 2);
}

TEST_CASE("scores: every bad row is reported", "[importers][tables]") {
  const auto s = parse_scores(
      file("scores.csv", "bid,criterion,evaluator,score\nB1,Q1,ana,x\nB1,Q1,ben,-1\n,Q1,cara,2\n"));
  REQUIRE_FALSE(s.ok());
  CHECK(s.errors().size() == 3);
}

TEST_CASE("scores: a row with no evaluator, score or comment is skipped (RULES 51)",
          "[importers][tables]") {
  const auto s = parse_scores(file(
      "scores.csv", "bid,criterion,evaluator,score,comment\nB1,Q1,,,\nB1,Q2,ana,4,\nB2,Q1,, ,\n"));
  REQUIRE(s.ok());
  REQUIRE(s->size() == 1);
  CHECK(s->at(0).criterion == "Q2");
  // A comment without a score is still an error: something was meant.
  const auto t =
      parse_scores(file("scores.csv", "bid,criterion,evaluator,score,comment\nB1,Q1,,,why\n"));
  REQUIRE_FALSE(t.ok());
  CHECK(t.errors().size() == 2);
}

namespace {
std::string fixture(const char* rel) {
  return std::string(TENDER_SOURCE_DIR) + "/" + rel;
}
}  // namespace

TEST_CASE("bid: workbooks saved by different programs read the same as bid.xml",
          "[importers][bid][fixtures]") {
  const std::string dir = fixture("tests/fixtures/workbooks");
  if (!std::filesystem::exists(dir + "/bid.xml")) {
    WARN("no workbook fixtures in " << dir);
    return;
  }
  const auto xml = parse_bid(read_source(dir + "/bid.xml").value());
  REQUIRE(xml.ok());
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".xlsx" || e.path().filename() == "scores.xlsx") continue;
    INFO(e.path().filename().string());
    const auto src = read_source(e.path().string());
    REQUIRE(src.ok());
    const auto wb = parse_bid(src.value());
    if (!wb) FAIL(to_string(wb.errors().front()));
    CHECK(wb->id == xml->id);
    CHECK(wb->round == xml->round);
    CHECK(wb->bidder.name == xml->bidder.name);
    CHECK(wb->bidder.turnover == xml->bidder.turnover);
    CHECK(wb->bidder.can_provide_bond == xml->bidder.can_provide_bond);
    CHECK(wb->stated_total == xml->stated_total);
    REQUIRE(wb->lines.size() == xml->lines.size());
    for (std::size_t i = 0; i < wb->lines.size(); ++i) {
      CHECK(wb->lines[i].quantity == xml->lines[i].quantity);
      CHECK(wb->lines[i].rate == xml->lines[i].rate);
      CHECK(wb->lines[i].year == xml->lines[i].year);
    }
    REQUIRE(wb->commitments.size() == xml->commitments.size());
    REQUIRE(wb->gates.size() == xml->gates.size());
  }
}

namespace {

// A bid workbook: a Bidder sheet for bid B7 and a Price sheet of `price_rows`.
std::string bid_workbook(const std::string& price_rows) {
  std::string bidder =
      "<row r=\"1\">" + text_cell("A1", "Field") + text_cell("B1", "Value") + "</row>";
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"Round", "R-1"}, {"Bid", "B7"}, {"Name", "Seven"}, {"Type", "sme"}, {"Size", "small"}};
  int r = 2;
  for (const auto& [field, value] : fields) {
    const std::string n = std::to_string(r++);
    bidder +=
        "<row r=\"" + n + "\">" + text_cell("A" + n, field) + text_cell("B" + n, value) + "</row>";
  }
  return make_workbook({{"Bidder", bidder}, {"Price", price_rows}});
}

std::string price_line(int row, const std::string& item, const std::string& qty,
                       const std::string& rate) {
  const std::string n = std::to_string(row);
  return "<row r=\"" + n + "\">" + text_cell("B" + n, item) + number_cell("C" + n, qty) +
         number_cell("D" + n, rate) + "</row>";
}

std::string price_header() {
  return "<row r=\"1\">" + text_cell("B1", "Item") + text_cell("C1", "Quantity") +
         text_cell("D1", "Rate") + "</row>";
}

}  // namespace

TEST_CASE("bid: Price lines stream from the workbook with their cells", "[importers][bid]") {
  const auto b =
      parse_bid(file("B7.xlsx", bid_workbook(price_header() + price_line(2, "Bins", "3", "1.5") +
                                             price_line(4, "Sweeping", "2", "10"))));
  REQUIRE(b.ok());
  REQUIRE(b->lines.size() == 2);
  CHECK(b->lines[1].item == "Sweeping");
  CHECK(b->lines[1].quantity == 2);
  const Place where = b->line_place(b->lines[1]);
  CHECK(where.file == "B7.xlsx");
  CHECK(where.sheet == "Price");
  CHECK(where.cell == "B4");
}

TEST_CASE("bid: Price rows out of document order read like rows in order", "[importers][bid]") {
  // Regression guard for the streaming path: rows written 3, 2 must give the
  // same lines (in row order) as rows written 2, 3, and no duplicate errors.
  const auto b =
      parse_bid(file("B7.xlsx", bid_workbook(price_header() + price_line(3, "Late", "1", "x") +
                                             price_line(2, "Early", "2", "5"))));
  REQUIRE_FALSE(b.ok());
  REQUIRE(b.errors().size() == 1);
  CHECK(b.errors()[0].place.cell == "D3");
  const auto ok =
      parse_bid(file("B7.xlsx", bid_workbook(price_header() + price_line(3, "Late", "1", "7") +
                                             price_line(2, "Early", "2", "5"))));
  REQUIRE(ok.ok());
  REQUIRE(ok->lines.size() == 2);
  CHECK(ok->lines[0].item == "Early");
  CHECK(ok->lines[1].item == "Late");
}

TEST_CASE("bid: a Price sheet with only a header gives no lines and no error", "[importers][bid]") {
  const std::string header_only = "<row r=\"1\">" + text_cell("A1", "Description") + "</row>";
  const auto b = parse_bid(file("B7.xlsx", bid_workbook(header_only)));
  REQUIRE(b.ok());  // a bid with no price is the engine's to judge (validate)
  CHECK(b->lines.empty());
}

TEST_CASE("scores: a file with a problem on every line stops after the limit",
          "[importers][tables]") {
  // Regression (found reading the fuzz harness): a million bad rows made a
  // million diagnostics, gigabytes of memory and minutes of output.
  std::string text = "bid,criterion,evaluator,score\n";
  for (int i = 0; i < 5000; ++i) text += "a\n";
  const auto s = parse_scores(file("scores.csv", text));
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.errors().size() == kMaxProblemsPerFile + 1);
  CHECK(s.errors().front().place.line == 2);
  CHECK(s.errors().back().code == DiagCode::refused);
  CHECK_THAT(s.errors().back().message, Catch::Contains("too many problems"));
}

TEST_CASE("csv: broken quoting on every line stops after the limit", "[importers][csv]") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "x\"y\n";
  const auto r = csv::parse(text, "bad.csv");
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors().size() == kMaxProblemsPerFile + 1);
  CHECK(r.errors().back().message.find("too many problems") != std::string::npos);
}

TEST_CASE("bid: a Price year too large for an int is refused, not converted", "[importers][bid]") {
  // Regression: fuzz_xlsx found 1e10 converted to int before the range check (UB).
  const auto b = parse_bid(
      file("B7.xlsx",
           bid_workbook("<row r=\"1\">" + text_cell("B1", "Item") + text_cell("C1", "Quantity") +
                        text_cell("D1", "Rate") + text_cell("E1", "Year") + "</row><row r=\"2\">" +
                        text_cell("B2", "Bins") + number_cell("C2", "1") + number_cell("D2", "2") +
                        number_cell("E2", "1e10") + "</row>")));
  REQUIRE_FALSE(b.ok());
  CHECK(b.errors()[0].place.cell == "E2");
}
